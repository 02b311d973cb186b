"""Real SPARQL stores on loopback for the tests and the benchmark: an Oxigraph server (the `oxigraph` command
of the registry's `oxigraph` package) and Virtuoso 7 (Debian's `virtuoso-t`), each on free ports with a
throw-away data folder, stopped after. A plain module: tests/ is not a package."""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
MERGE_GRAPH = "https://w3id.org/wbkg/graph/merge"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_command() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def virtuoso_command() -> str | None:
    return shutil.which("virtuoso-t") if VIRTUOSO_INI.exists() else None


class Server:
    """A store process; ``graph_store`` and ``endpoint`` are its protocol URLs, ``options`` what
    ``publish`` and ``RemoteStore`` need beyond them."""
    name = ""
    options: dict = {}

    def __init__(self, folder: Path, query_limit: int | None = None):
        """``query_limit``: seconds after which the store itself abandons a query (the benchmark's --timeout, so
        a query its client gave up on does not go on taking the CPU); None: no limit."""
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.query_limit = query_limit
        self.process = None
        self.start()

    def auth(self):
        """The httpx auth a client of this store needs (none: the Oxigraph server asks for none)."""
        return None

    def peak_rss_mb(self) -> float | None:
        """The process's peak resident memory so far (Linux VmHWM), or None."""
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
        except (AttributeError, OSError):
            return None
        found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
        return int(found.group(1)) / 1024 if found else None

    def command(self) -> list[str]:
        raise NotImplementedError

    def start(self, seconds: float = 120.0) -> None:
        self.log = open(self.folder / "server.log", "ab")
        self.process = subprocess.Popen(self.command(), stdout=self.log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, cwd=str(self.folder))
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}: "
                                   f"{(self.folder / 'server.log').read_text(errors='replace')[-2000:]}")
            try:
                answer = httpx.post(self.endpoint, data={"query": "ASK { }"}, timeout=2,
                                    headers={"Accept": "application/sparql-results+json"})
                if answer.status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer within {seconds} s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None
        self.log.close()


class OxigraphServer(Server):
    name = "oxigraph-server"
    options: dict = {}

    def command(self):
        limit = ["--timeout-s", str(self.query_limit)] if self.query_limit else []
        return [oxigraph_command(), "serve", "--location", str(self.folder / "data"),
                "--bind", f"127.0.0.1:{self.port}", *limit]

    @property
    def graph_store(self) -> str:
        return f"http://127.0.0.1:{self.port}/store"

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"


class Virtuoso(Server):
    """Virtuoso 7 with the packaged ini, its paths moved to ``folder`` and its two ports to free ones. The
    default graph of a Virtuoso query is the union of every graph, so the merge goes to MERGE_GRAPH."""
    name = "virtuoso"
    options = {"merge_graph": MERGE_GRAPH}
    user, password = "dba", "dba"    # the packaged account: a throw-away store only

    def auth(self):
        return httpx.DigestAuth(self.user, self.password)   # its authenticated graph store asks for digest

    def command(self):
        ini = VIRTUOSO_INI.read_text(encoding="utf-8")
        ini = ini.replace("/var/lib/virtuoso-opensource-7/db/", f"{self.folder}/")
        if not hasattr(self, "sql_port"):
            self.sql_port = free_port()
        ini = re.sub(r"(\[Parameters\][^\[]*?ServerPort\s*=\s*)\d+", rf"\g<1>{self.sql_port}", ini, flags=re.S)
        ini = re.sub(r"(\[HTTPServer\][^\[]*?ServerPort\s*=\s*)\d+", rf"\g<1>{self.port}", ini, flags=re.S)
        # the packaged 400 s cap on the optimiser's *estimate* refuses missions-led-by outright (docs/STORES.md)
        ini = re.sub(r"(MaxQueryCostEstimationTime\s*=\s*)\d+", r"\g<1>0", ini)
        # no "anytime" answers: past MaxQueryExecutionTime Virtuoso sends what it has found so far as a success
        # (the backend refuses it: X-SQL-State); a slow query on a busy machine must finish, not be cut, unless
        # a query_limit is asked for (the benchmark)
        ini = re.sub(r"(MaxQueryExecutionTime\s*=\s*)\d+", rf"\g<1>{self.query_limit or 0}", ini)
        ini = re.sub(r"(NumberOfBuffers\s*=\s*)\d+", r"\g<1>170000", ini)      # 1.3 GB of pages, not 80 MB
        ini = re.sub(r"(MaxDirtyBuffers\s*=\s*)\d+", r"\g<1>130000", ini)
        (self.folder / "virtuoso.ini").write_text(ini, encoding="utf-8")
        return ["virtuoso-t", "+configfile", str(self.folder / "virtuoso.ini"), "+foreground"]

    @property
    def graph_store(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql-graph-crud-auth"

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"


class CountingTransport(httpx.BaseTransport):
    """Forwards requests and notes each (method, graph parameter or path): what went on the wire. ``before``
    is called with the request first (a test stops the store there)."""

    def __init__(self, before=None):
        self.inner = httpx.HTTPTransport()
        self.seen: list[tuple[str, str]] = []
        self.before = before

    def handle_request(self, request):
        params = request.url.params
        target = params.get("graph") or params.get("graph-uri") or ("default" if "default" in params
                                                                    else request.url.path)
        if self.before is not None:
            self.before(request)
        response = self.inner.handle_request(request)
        self.seen.append((request.method, target, response.status_code))
        return response

    def writes(self) -> list[tuple[str, str]]:
        """The writes the store took (not digest auth's first, challenged, attempt)."""
        return [(m, t) for m, t, status in self.seen if m in ("PUT", "POST", "DELETE") and t != "/query"
                and not t.endswith("/sparql") and status != 401]


def client(transport=None, auth=None, timeout: float = 600.0):
    return httpx.Client(transport=transport, auth=auth, trust_env=False, timeout=timeout)


def environment_password(name: str, value: str) -> dict:
    return {**os.environ, name: value}


def publish_to(server, project, **options):
    """``wbkg publish`` of ``project`` to ``server`` (Virtuoso: digest auth, the password from the environment)."""
    from wbkg.publish import publish
    from wbkg.publish.gsp import credentials
    auth = None
    if server.name == "virtuoso":
        auth = credentials(server.user, "WBKG_TEST_STORE_PASSWORD",
                           environment_password("WBKG_TEST_STORE_PASSWORD", server.password))
    return publish(project, server.graph_store, endpoint=server.endpoint, auth=auth, **server.options, **options)

