"""A confined process cannot open a network connection, whatever parses its queries (issue 13, item 1).

Each test confines a forked child (confinement cannot be undone) and reports back through a pipe; a
loopback recorder counts what reached it and must count nothing."""
from __future__ import annotations

import json
import os
import socket
import sys

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from recorder import Recorder


def in_child(work) -> dict:
    """Run ``work()`` in a forked child and return the dict it returned (or its exception, as text)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:   # pragma: no cover - the child
        os.close(read)
        try:
            out = work()
        except BaseException as exc:
            out = {"error": f"{exc.__class__.__name__}: {exc}"}
        os.write(write, json.dumps(out).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as handle:
        data = handle.read()
    os.waitpid(pid, 0)
    return json.loads(data)


def attempts(port: int) -> dict:
    """What a confined process gets when it tries the network: socket errors and Oxigraph's SERVICE error."""
    out = {}
    for family, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
        try:
            with socket.socket(family, socket.SOCK_STREAM) as s:
                s.settimeout(30)
                s.connect((host, port))
            out[family.name] = "connected"
        except OSError as exc:
            out[family.name] = exc.strerror or str(exc)
    try:
        list(ox.Store().query(f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}"))
        out["service"] = "answered"
    except OSError as exc:
        out["service"] = str(exc)
    a, b = socket.socketpair()   # the workers talk to the server over Unix sockets: those must still work
    a.sendall(b"x")
    out["unix"] = b.recv(1).decode()
    return out


@pytest.mark.parametrize("layer", ["network_namespace", "socket_filter"])
def test_each_layer_alone_blocks_every_connection(layer):
    from wbkg import sandbox

    with Recorder() as recorder:
        def work():
            refused = getattr(sandbox, layer)()
            return {"refused": refused, **attempts(recorder.port)}
        out = in_child(work)
        if out.get("refused") and layer == "network_namespace":
            pytest.skip(f"this kernel refuses the layer: {out['refused']} (the seccomp filter is tested alone)")
        assert out.get("refused") is None, out
        assert out["AF_INET"] != "connected" and out["AF_INET6"] != "connected", out
        assert out["service"] != "answered" and out["unix"] == "x", out
        assert recorder.count == 0


def test_confine_sets_both_layers_here_and_says_so_when_one_is_missing(capsys):
    from wbkg import sandbox

    out = in_child(lambda: {"layers": sandbox.confine().layers})
    assert "seccomp socket filter" in out["layers"], out   # libseccomp is a dependency: expected everywhere
    report = sandbox.Confinement(["seccomp socket filter"], ["network namespace: unshare refused (EPERM)"])
    assert "not available: network namespace" in report.describe()


def test_no_layer_at_all_is_loud_and_can_be_required(monkeypatch):
    from wbkg import sandbox

    def work():
        sandbox.network_namespace = lambda: "network namespace: refused in this test"
        sandbox.socket_filter = lambda: "seccomp: refused in this test"
        from io import StringIO
        err = StringIO()
        sandbox.confine(err)
        loud = err.getvalue()
        sandbox._confined = None
        os.environ["WBKG_SANDBOX"] = "require"
        try:
            sandbox.confine(StringIO())
            required = "ran unconfined"
        except sandbox.SandboxUnavailable as exc:
            required = str(exc)
        return {"loud": loud, "required": required}
    out = in_child(work)
    assert "WARNING: queries run WITHOUT network confinement" in out["loud"]
    assert out["required"].startswith("WBKG_SANDBOX=require")


@pytest.mark.slow
def test_wbkg_query_cannot_reach_the_network_even_past_the_check(built, tmp_path, monkeypatch):
    """`wbkg query FILE.rq` with the SERVICE check switched off (the next parser difference): the query runs
    in a confined child, the recorder sees nothing, and the calling process itself stays unconfined."""
    from wbkg.cli import main
    from wbkg.query import prepare

    monkeypatch.setattr(prepare, "check_local", lambda query, source="<query>": None)
    with Recorder() as recorder:
        rq = tmp_path / "service.rq"
        rq.write_text(f"SELECT ?s WHERE {{ SERVICE <{recorder.url}> {{ ?s ?p ?o }} }}\n")
        result = CliRunner().invoke(main, ["--root", str(built.project.root), "query", str(rq)])
        assert recorder.count == 0, result.output
        assert result.exit_code != 0 and "leak.test" not in result.output, result.output
        assert "Permission denied" in str(result.exception) or "unreachable" in str(result.exception)
        ok = CliRunner().invoke(main, ["--root", str(built.project.root), "query", "articles"])
        assert ok.exit_code == 0 and "(5 rows)" in ok.output, ok.output
    status = open("/proc/self/status").read()
    assert "Seccomp:\t0" in status   # confinement stayed in the child


def test_the_test_can_fail():
    """Unconfined, the same attempts do reach the recorder (the witness is not blind)."""
    with Recorder() as recorder:
        out = in_child(lambda: attempts(recorder.port))
        assert out["AF_INET"] == "connected" and out["service"] == "answered"
        assert recorder.count == 1   # the socket test connects without sending a request; SERVICE sends one
    assert sys.platform.startswith("linux")
