"""A client that goes away cancels its query: the worker that ran it is killed and replaced at once, so the
next client is served by a free worker instead of waiting for the abandoned query's timeout. Observed through
the worker processes themselves (/proc), never through how long something took."""
from __future__ import annotations

import socket
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

pytestmark = pytest.mark.slow  # not in `make test-fast`

#: a cross product of every triple: runs far past the server's timeout
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ROUNDS = 4
#: how long a condition may take to come true; the server's timeout (600 s) is far beyond it, so a condition
#: met in time can only be the cancellation's doing
PATIENCE = 60.0


@pytest.fixture(scope="module")
def single(built, start_server, tmp_path_factory):
    """One worker, one queue place, a long timeout: an abandoned query would hold the only worker for 10 min."""
    proc = start_server(built.root, tmp_path_factory.mktemp("single") / "serve.log", "--workers", "1",
                        "--queue", "1", "--timeout", "600")
    yield proc
    proc.stop()


def children(pid: int) -> set[int]:
    out = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        out |= {int(p) for p in task.read_text().split()}
    return out


def workers(server) -> set[int]:
    """The worker processes: the children of the zygote, the server's only child process."""
    return {w for zygote in children(server.process.pid) for w in children(zygote)}


def state(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return None


def until(condition, what: str):
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"not within {PATIENCE} s: {what}")


def start_and_abandon(server) -> int:
    """Send ENDLESS, wait until a worker is computing it, hang up; return that worker's pid."""
    [worker] = until(lambda: workers(server) if len(workers(server)) == 1 else None, "one worker")
    conn = send_endless(server)
    until(lambda: state(worker) == "R", f"worker {worker} running the query")
    conn.close()
    return worker


def test_abandoned_queries_free_their_workers(single):
    before = workers(single)
    abandoned = []
    for _ in range(ROUNDS):
        worker = start_and_abandon(single)
        abandoned.append(worker)
        until(lambda: worker not in workers(single), f"worker {worker} killed after its client left")
    assert len(set(abandoned)) == ROUNDS, "each round's query ran in a fresh worker"
    # the only worker is free: the ASK is answered, not queued behind a 10-minute query nor refused
    response = httpx.get(single.sparql, params={"query": "ASK { ?s ?p ?o }"},
                         headers={"Accept": "application/sparql-results+json"}, timeout=PATIENCE)
    assert response.status_code == 200 and response.json()["boolean"] is True
    assert before.isdisjoint(workers(single)) and not set(abandoned) & workers(single)


def send_endless(server) -> socket.socket:
    conn = socket.create_connection(("127.0.0.1", server.port))
    conn.sendall(f"GET /sparql?query={quote(ENDLESS)} HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\n\r\n".encode())
    return conn


def test_a_client_leaving_the_queue_gives_up_its_place(single):
    """A runs on the only worker, B waits in the only queue place (a probe is refused: the queue is full);
    B leaves, then A. Had B kept its place, it would take the fresh worker and the ASK would wait behind it
    until the queue's wait ran out (503); it is answered."""
    [worker] = until(lambda: workers(single) if len(workers(single)) == 1 else None, "one worker")
    a = send_endless(single)
    until(lambda: state(worker) == "R", "A's query running")
    b = send_endless(single)
    probe = until(lambda: (r := httpx.get(single.sparql, params={"query": "ASK {}"}, timeout=PATIENCE)).status_code
                  == 503 and r, "B queued (the probe refused)")
    assert probe.headers["wbkg-limit"] == "concurrency"
    b.close()
    a.close()
    until(lambda: worker not in workers(single) and len(workers(single)) == 1, "A's worker replaced")
    response = httpx.get(single.sparql, params={"query": "ASK { ?s ?p ?o }"}, timeout=PATIENCE)
    assert response.status_code == 200, response.text
