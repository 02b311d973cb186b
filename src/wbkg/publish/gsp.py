"""The W3C SPARQL 1.1 Graph Store HTTP Protocol, as a publish speaks it: PUT a graph (replacing it), DELETE
one, and, where the store has one, its bulk path for a full publish (Oxigraph server: N-Quads POSTed to
``/store`` in one request). Only the URL the user named is contacted; credentials go in the Authorization
header (basic, or digest where the store asks for it) and nowhere else."""
from __future__ import annotations

from typing import Iterable
from urllib.parse import urlsplit

from ..errors import UsageError

NTRIPLES = "application/n-triples"
NQUADS = "application/n-quads"


class StoreFailed(Exception):
    """A request to the store failed (refused, or not answered); ``str`` says which and why."""


def graph_param(url: str) -> str:
    """The query parameter that names a graph: ``graph`` (the standard), or ``graph-uri`` on Virtuoso's
    /sparql-graph-crud endpoints."""
    return "graph-uri" if urlsplit(url).path.rstrip("/").endswith(("sparql-graph-crud", "sparql-graph-crud-auth")) \
        else "graph"


def check_url(url: str, parameter: str) -> str:
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{parameter} {url}: not an http(s) URL", parameter=parameter)
    if parts.username or parts.password:
        raise UsageError(f"{parameter}: put no credentials in the URL; use --user and --password-env",
                         parameter=parameter)
    return url


def credentials(user: str | None, password_env: str | None, environ) -> object | None:
    """httpx auth for ``--user`` and the password in the environment variable ``--password-env``: digest,
    which falls back to nothing when the store does not ask for it (basic is refused over plain HTTP by
    design: digest never sends the password)."""
    if user is None and password_env is None:
        return None
    if not user or not password_env:
        raise UsageError("--user and --password-env go together", parameter="--password-env")
    password = environ.get(password_env)
    if password is None:
        raise UsageError(f"--password-env {password_env}: no such environment variable", parameter="--password-env")
    import httpx
    return httpx.DigestAuth(user, password)


class GraphStore:
    def __init__(self, url: str, client):
        self.url = url
        self.client = client
        self.param = graph_param(url)
        self.requests: list[tuple[str, str]] = []     # (method, graph or "default"), what went on the wire

    def _send(self, method: str, target: str, params: dict, content=None, media: str | None = None):
        import httpx
        headers = {"Content-Type": media} if media else {}
        self.requests.append((method, target))
        try:
            response = self.client.request(method, self.url, params=params, content=content, headers=headers)
        except httpx.HTTPError as exc:
            raise StoreFailed(f"{method} {target}: the store did not answer ({type(exc).__name__}: {exc})") from exc
        if response.status_code == 401:
            raise StoreFailed(f"{method} {target}: HTTP 401: the store refused the credentials (--user, "
                              "--password-env)")
        if response.status_code >= 400 and not (method == "DELETE" and response.status_code == 404):
            detail = " ".join(response.text.strip().splitlines()[:2])[:300]
            raise StoreFailed(f"{method} {target}: HTTP {response.status_code} {detail}")
        return response

    def put(self, graph: str | None, body: bytes) -> None:
        """Replace one named graph (``graph``) or the default graph (None) with ``body`` (N-Triples)."""
        params = {self.param: graph} if graph else {"default": ""}
        self._send("PUT", graph or "default", params, body, NTRIPLES)

    def post(self, graph: str | None, body: bytes) -> None:
        """Add ``body`` (N-Triples) to a named graph or the default graph (None): an RDF merge, nothing removed."""
        params = {self.param: graph} if graph else {"default": ""}
        self._send("POST", graph or "default", params, body, NTRIPLES)

    def delete(self, graph: str) -> None:
        """Remove a named graph (gone already: fine)."""
        self._send("DELETE", graph, {self.param: graph})

    def bulk_path(self) -> str | None:
        """The store's bulk path for a full publish, when it has one: ``oxigraph`` for an Oxigraph server
        (it names itself in the Server header of every answer)."""
        import httpx
        try:
            response = self.client.head(self.url)
        except httpx.HTTPError:
            return None
        return "oxigraph" if response.headers.get("server", "").startswith("Oxigraph") else None

    def bulk_load(self, chunks: Iterable[bytes]) -> None:
        """One N-Quads POST of every graph (default graph lines carry no label) to Oxigraph's /store: it adds
        them in one transaction."""
        self._send("POST", "everything (bulk)", {}, chunks, NQUADS)
