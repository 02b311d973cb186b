"""The server names itself with the configured base (--base-url, or its own host and port), never with the
request's Host or X-Forwarded-Host header: a forged Host must not put another address into the VoID, the
service description, the dumps' URLs or the pages."""
from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.slow  # not in `make test-fast`

FORGED = "evil.example:6666"
PATHS = ["/.well-known/void", "/.well-known/void.ttl", "/.well-known/void.jsonld", "/sparql", "/", "/timeline",
         "/queries", "/ontology", "/id/kfor", "/id/kfor.ttl"]


@pytest.fixture(scope="module")
def based(built, start_server, tmp_path_factory):
    proc = start_server(built.root, tmp_path_factory.mktemp("based") / "serve.log", "--workers", "1",
                        "--base-url", "https://data.example.org/wbkg/")
    yield proc
    proc.stop()


def forged_get(server, path, accept):
    return httpx.get(server.url + path, headers={"Host": FORGED, "X-Forwarded-Host": FORGED,
                                                 "Forwarded": f"host={FORGED}", "Accept": accept}, timeout=30)


@pytest.mark.parametrize("accept", ["text/turtle", "application/ld+json", "text/html"])
def test_a_forged_host_is_not_echoed(based, accept):
    for path in PATHS:
        response = forged_get(based, path, accept)
        assert response.status_code == 200, (path, response.status_code)
        assert "evil.example" not in response.text, path
        assert "evil.example" not in str(response.headers), path


def test_the_configured_base_names_the_endpoint_and_dumps(based):
    void = forged_get(based, "/.well-known/void", "application/n-triples").text
    assert "<https://data.example.org/wbkg/sparql>" in void
    assert "<https://data.example.org/wbkg/dump/wbkg.nq>" in void
    assert "127.0.0.1" not in void
