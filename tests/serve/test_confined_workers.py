"""The server's query workers cannot open network connections (issue 13, item 1): they run under the seccomp
filter (and in a network namespace of their own where the kernel allows it), and the SERVICE bypasses the
issue found, sent to /sparql, reach no loopback recorder."""
from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest

from recorder import Recorder

pytestmark = pytest.mark.slow


def descendants(pid: int) -> set[int]:
    children: dict[int, set[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, set()).add(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), ()):
            found.add(child)
            todo.append(child)
    return found


def seccomp_mode(pid: int) -> str:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Seccomp:"):
            return line.split()[1]
    return "?"


def test_the_workers_are_confined(server):
    httpx.get(server.sparql, params={"query": "ASK { ?s ?p ?o }"}, timeout=60)   # the workers have started
    pids = descendants(server.process.pid)
    workers = [p for p in pids if seccomp_mode(p) == "2"]
    assert len(workers) >= 2, {p: seccomp_mode(p) for p in pids}   # two workers (the zygote is not confined)
    ours = os.readlink("/proc/self/ns/net")
    assert all(os.readlink(f"/proc/{p}/ns/net") != ours for p in workers)


@pytest.mark.parametrize("escape", ["\\u0022", "\\U00000022", "\\u0027"])
def test_the_service_bypasses_reach_nothing(server, escape):
    quote = "'" if escape == "\\u0027" else '"'
    with Recorder() as recorder:
        query = (f"SELECT ?s WHERE {{ BIND(CONCAT({quote}a{escape}, {quote}) AS ?x) SERVICE <{recorder.url}> "
                 f"{{ ?s ?p ?o }} BIND(CONCAT({quote}, {escape}b{quote}) AS ?y) }}")
        for method in ("get", "post"):
            if method == "get":
                reply = httpx.get(server.sparql, params={"query": query}, timeout=60,
                                  headers={"Accept": "application/sparql-results+json"})
            else:
                reply = httpx.post(server.sparql, content=query.encode(), timeout=60,
                                   headers={"Content-Type": "application/sparql-query",
                                            "Accept": "application/sparql-results+json"})
            assert "leak.test" not in reply.text
        comment = f"SELECT ?s WHERE {{ # c \r SERVICE <{recorder.url}> {{ ?s ?p ?o }}\n }}"
        assert httpx.post(server.sparql, data={"query": comment}, timeout=60).status_code == 400
        assert recorder.count == 0


def test_an_empty_query_is_a_bad_request_not_an_update(server):
    for text in ["", "   \n", "# only a comment\n", "PREFIX a: <http://a.test/#>\n"]:
        reply = httpx.post(server.sparql, data={"query": text}, timeout=60)
        assert reply.status_code == 400 and "empty query" in reply.text, (text, reply.text)
