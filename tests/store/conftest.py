"""The real stores of the remote tests, started once per session on loopback and stopped after. A machine
without Virtuoso skips its tests, unless WBKG_REQUIRE_STORES is set (CI sets it: .ci/run installs it)."""
from __future__ import annotations

import os

import pytest

from remotekit import OxigraphServer, Virtuoso, oxigraph_command, publish_to, virtuoso_command


def _start(kind, tmp_path_factory, name):
    available = oxigraph_command() if kind is OxigraphServer else virtuoso_command()
    if not available:
        message = f"{name} is not installed (.ci/run installs it)"
        if os.environ.get("WBKG_REQUIRE_STORES"):
            pytest.fail(message)
        pytest.skip(message)
    return kind(tmp_path_factory.mktemp(name))


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    server = _start(OxigraphServer, tmp_path_factory, "oxigraph-server")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    server = _start(Virtuoso, tmp_path_factory, "virtuoso")
    yield server
    server.stop()


@pytest.fixture(scope="session", params=["oxigraph-server", "virtuoso"])
def remote(request):
    """Each real store in turn."""
    return request.getfixturevalue(request.param.replace("-", "_"))


@pytest.fixture
def fresh_store(tmp_path_factory):
    """A function starting a new, empty store of a kind ("oxigraph-server" or "virtuoso"), stopped after."""
    started = []

    def start(name):
        server = _start(OxigraphServer if name == "oxigraph-server" else Virtuoso, tmp_path_factory, name)
        started.append(server)
        return server
    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="session", params=["oxigraph-server", "virtuoso"])
def seed_remote(request, built, tmp_path_factory):
    """Each real store holding the seed graph, published by `wbkg publish`; (server, report)."""
    kind = OxigraphServer if request.param == "oxigraph-server" else Virtuoso
    server = _start(kind, tmp_path_factory, request.param + "-seed")
    report = publish_to(server, built.project)
    yield server, report
    server.stop()


@pytest.fixture(scope="session")
def synthetic_100(tmp_path_factory):
    """A 100-article synthetic corpus (wbkg synth), built once (reason=False)."""
    from pathlib import Path
    from wbkg.pipeline import build
    from wbkg.project import Project
    from wbkg.synth import synthesize
    target = tmp_path_factory.mktemp("synthetic-100") / "project"
    synthesize(target, 100, seed=11, source_root=Path(__file__).resolve().parents[2])
    project = Project(target)
    assert build(project, reason=False, progress=False).ok
    return project


@pytest.fixture(scope="session", params=["oxigraph-server", "virtuoso"])
def synthetic_remote(request, synthetic_100, tmp_path_factory):
    kind = OxigraphServer if request.param == "oxigraph-server" else Virtuoso
    server = _start(kind, tmp_path_factory, request.param + "-synthetic")
    report = publish_to(server, synthetic_100)
    yield server, report
    server.stop()
