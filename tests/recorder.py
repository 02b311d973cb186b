"""A loopback HTTP server that counts the requests it receives: the security tests' witness that nothing was
fetched (a plain module: tests/ is not a package)."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ANSWER = (b'{"head":{"vars":["s","p","o"]},"results":{"bindings":[{"s":{"type":"uri","value":"http://leak.test/"},'
          b'"p":{"type":"uri","value":"http://leak.test/p"},"o":{"type":"uri","value":"http://leak.test/o"}}]}}')
ONTOLOGY = (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            b'xmlns:owl="http://www.w3.org/2002/07/owl#"><owl:Ontology rdf:about=""/></rdf:RDF>')


class Recorder:
    """Counts requests; answers SPARQL results (or, with ``hold``, never answers: a server that stalls)."""

    def __init__(self, hold: bool = False):
        self.requests: list[str] = []
        self.release = threading.Event()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                recorder.requests.append(f"{self.command} {self.path}")
                if hold:
                    recorder.release.wait()
                body = ONTOLOGY if self.path.endswith(".owl") else ANSWER
                self.send_response(200)
                self.send_header("Content-Type", "application/rdf+xml" if self.path.endswith(".owl")
                                 else "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_HEAD = _answer

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def count(self) -> int:
        return len(self.requests)

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
