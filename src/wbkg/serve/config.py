"""Server settings (the options of `wbkg serve`) and their defaults."""
from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 8000
    timeout: float = 10.0          # seconds per query or page (the worker is killed after it)
    max_rows: int = 10_000         # rows (SELECT) or triples (CONSTRUCT/DESCRIBE) per answer
    max_body: int = 1024 * 1024    # bytes of a request body (413 above)
    max_url: int = 32 * 1024       # bytes of path + query string (414 above)
    workers: int = max(2, min(4, os.cpu_count() or 2))
    queue: int = 32                # requests waiting for a worker before 503
    queue_wait: float = 10.0       # seconds a request may wait for a worker before 503
    memory_mb: int = 1024          # address space a worker may add to what it inherited (0: no cap)
    cors: tuple[str, ...] = ()     # allowed origins; empty: CORS off
    retry_after: int = 2           # seconds, in the Retry-After header of a 503
    base_url: str | None = None    # where clients reach the server (VoID, dumps); default http://HOST:PORT
    backend: str | None = None     # a remote SPARQL 1.1 endpoint answering instead of the build's store
    merge_graph: str | None = None # on that store, the named graph holding the merge (a union default graph)

    @property
    def public_url(self) -> str:
        """Never the request's Host header: a client could make the VoID name any address."""
        if self.base_url:
            return self.base_url.rstrip("/")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def dump_timeout(self) -> float:
        return max(120.0, 10 * self.timeout)
