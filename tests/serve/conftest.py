"""Servers under test: `python -m wbkg.cli serve` as a subprocess on a free loopback port, over a copy of the
real project built once per session with the pipeline (the store and exports the server reads), and,
for the escaping and CORS tests, over a built copy with a hostile label added."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from wbkg.project import Project

from serverkit import HOSTILE_LABEL, SRC, Published, free_port

class ServerProcess:
    """A `wbkg serve` subprocess; ``url`` is its base URL."""

    def __init__(self, root: Path, log: Path, *options: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.sparql = f"{self.url}/sparql"
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(SRC)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
        self.log = log
        self._log_handle = open(log, "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "wbkg.cli", "--root", str(root), "serve", "--port", str(self.port), *options],
            stdout=self._log_handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, cwd=str(root))
        self._wait_ready()

    def _wait_ready(self, seconds: float = 90.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"wbkg serve exited with {self.process.returncode}:\n{self.log.read_text()}")
            try:
                if httpx.get(f"{self.url}/context.jsonld", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"wbkg serve did not answer within {seconds} s:\n{self.log.read_text()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self._log_handle.close()


@pytest.fixture(scope="session")
def start_server():
    """A function that serves a built project: ServerProcess(root, log, *options); the caller stops it."""
    return ServerProcess


def build_copy(project: Project) -> Project:
    from wbkg.pipeline import build
    build(project)
    return project


@pytest.fixture(scope="session")
def built(built) -> Project:
    """The session's built copy of the real project (tests/conftest.py), as the Project the server serves."""
    return built.project


@pytest.fixture(scope="session")
def published(built) -> Published:
    """The build's N-Quads export, read back: what the pages are compared with."""
    from wbkg.serve.backend import export_file
    return Published(built, export_file(built, "nquads"))


@pytest.fixture(scope="session")
def store(built):
    """The build's store, read-only, as `wbkg show` reads it."""
    from wbkg.serve.backend import open_backend
    return open_backend(built)


@pytest.fixture(scope="session")
def server(built, tmp_path_factory):
    """The built project with the default limits (two workers)."""
    proc = ServerProcess(built.root, tmp_path_factory.mktemp("server") / "serve.log", "--workers", "2")
    yield proc
    proc.stop()


@pytest.fixture(scope="session")
def limited(built, tmp_path_factory):
    """The built project with tight limits: one worker and no queue (so a second request is refused), a 2 s
    timeout, 50 rows, a 300 MiB memory cap, small body and URL limits."""
    proc = ServerProcess(built.root, tmp_path_factory.mktemp("limited") / "serve.log",
                         "--workers", "1", "--queue", "0", "--timeout", "2", "--max-rows", "50",
                         "--memory-mb", "300", "--max-body", "4096", "--max-url", "2048")
    yield proc
    proc.stop()


def hostile_project(source: Project, target: Path) -> Project:
    """A copy of the project with an entity whose labels try to break out of HTML, SVG and JSON-LD islands."""
    for part in ("ontology", "graph", "corpus", "shapes", "queries"):
        if (source.root / part).exists():
            shutil.copytree(source.root / part, target / part)
    copy = Project(target)
    label = HOSTILE_LABEL.replace("\\", "\\\\").replace('"', '\\"').replace("\u2028", "\\u2028")
    with open(copy.entities_file, "a", encoding="utf-8") as handle:
        handle.write(f'\n<https://w3id.org/wbkg/id/hostile-label-test> a <https://w3id.org/wbkg/ontology#Person> ;\n'
                     f'    <http://www.w3.org/2004/02/skos/core#prefLabel> "{label}"@en ;\n'
                     f'    <http://www.w3.org/2004/02/skos/core#altLabel> "Hostile Zzyzx"@en ;\n'
                     f'    <https://w3id.org/wbkg/ontology#memberOf> <https://w3id.org/wbkg/id/nato> .\n')
    return copy


@pytest.fixture(scope="session")
def hostile(project, tmp_path_factory):
    """A copy of the project with a hostile label, served with --cors for one origin."""
    root = tmp_path_factory.mktemp("hostile")
    copy = build_copy(hostile_project(project, root / "project"))
    proc = ServerProcess(copy.root, root / "serve.log", "--workers", "2", "--cors", "https://allowed.example")
    yield proc
    proc.stop()


class Sink:
    """A tiny HTTP server on loopback that records every request it receives (and answers 200 with Turtle)."""

    def __init__(self):
        self.requests: list[tuple[str, str]] = []
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def _record(self):
                sink.requests.append((self.command, self.path))
                body = b"<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n"
                self.send_response(200)
                self.send_header("Content-Type", "text/turtle")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_HEAD = _record

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def sink():
    s = Sink()
    yield s
    s.close()
