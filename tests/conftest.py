"""Shared fixtures: the seed corpus copied out of the checkout, a built copy of it (once per session), and
throw-away copies to break.

Tests never read the checkout's corpus or graph: they pin the seed corpus's figures on a copy that keeps only
the five seed articles (tests/seedcorpus.py), so a user who adds articles to their clone still gets a green
`make test`.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef

from seedcorpus import copy_seed_project
from wbkg.project import Project, locate
from wbkg.synth import synthesize
from wbkg.vocab.namespaces import ENTITIES_GRAPH, bind_prefixes

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("ontology", "graph", "corpus", "shapes", "queries")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite the golden results of the stored queries from the current graph.")


@pytest.fixture(scope="session")
def checkout() -> Project:
    """The real checkout: only for what is code or documentation there (and where tests leave artefacts for
    people to look at). Its corpus and graph are the user's, possibly grown: read ``project`` instead."""
    return locate(ROOT)


@pytest.fixture(scope="session")
def project(checkout, tmp_path_factory) -> Project:
    """The seed corpus: the checkout copied once, keeping only the five seed articles. Tests must not modify
    it: use project_copy."""
    return copy_seed_project(checkout.root, tmp_path_factory.mktemp("seed") / "project")


def copy_project(source: Project, target: Path) -> Project:
    for part in PROJECT_PARTS:
        if (source.root / part).exists():
            shutil.copytree(source.root / part, target / part)
    return Project(target)


@dataclass
class Built:
    """A project after `wbkg build`: the result, the build's store, and its graph read back in memory from the
    published N-Quads (for tests that look at triples with rdflib)."""
    project: Project
    result: object
    _stores: dict = field(default_factory=dict)

    @property
    def articles(self):
        from wbkg.corpus import discover, load_metadata
        return discover(self.project, load_metadata(self.project))

    @property
    def problems(self):
        return self.result.checks.problems + self.result.checks.warnings

    @cached_property
    def dataset(self) -> Dataset:
        dataset = bind_prefixes(Dataset(default_union=True))
        dataset.parse(self.project.build_dir / "wbkg.nq", format="nquads")
        return dataset

    def graph(self, iri: URIRef) -> Graph:
        return self.dataset.graph(iri)

    @property
    def entities(self) -> Graph:
        return self.graph(ENTITIES_GRAPH)

    def store(self, backend: str = "oxigraph", inferred: bool = False):
        key = (backend, inferred)
        if key not in self._stores:
            from wbkg.pipeline.access import open_build_store
            self._stores[key] = open_build_store(self.project, backend=backend, inferred=inferred, progress=False)
        return self._stores[key]

    def run(self, query, params: dict[str, str], *, backend: str = "oxigraph", inferred: bool = False):
        """A stored query with its parameters bound by the engine."""
        return self.store(backend, inferred).query(query.text, query.prepared, query.bindings(params))


def build_copy(source: Project, target: Path, **options) -> Built:
    from wbkg.pipeline import build
    copy = copy_project(source, target)
    return Built(copy, build(copy, **options))


@pytest.fixture(scope="session")
def built(project, tmp_path_factory) -> Built:
    """The seed corpus, copied and built once. Tests must not modify it."""
    result = build_copy(project, tmp_path_factory.mktemp("built") / "project")
    assert result.result.ok, result.result.checks.render()
    return result


@pytest.fixture(scope="session")
def copy_of_project(project):
    """A function that copies the project's sources under a directory (for module-scoped work dirs).

    A fixture rather than an import: every test directory has its own conftest module, so
    ``from conftest import ...`` resolves to whichever conftest happened to be imported first.
    """
    return lambda target: copy_project(project, target)


@pytest.fixture(scope="session")
def build_a_copy(project):
    """A function that copies the project under a directory and builds it: returns a Built."""
    return lambda target, **options: build_copy(project, target, **options)


@pytest.fixture
def project_copy(project, tmp_path) -> Project:
    """A private copy of the project's sources, safe to break."""
    return copy_project(project, tmp_path / "project")


# --- synthetic projects (wbkg synth), for the pipeline, SHACL and synth tests ----------------------------

@pytest.fixture(scope="session")
def synthetic(tmp_path_factory) -> Project:
    """A small synthetic project (8 articles, seed 3). Tests must not modify it: use synthetic_copy."""
    target = tmp_path_factory.mktemp("synthetic") / "project"
    synthesize(target, 8, seed=3, source_root=ROOT)
    return Project(target)


@pytest.fixture
def synthetic_copy(synthetic, tmp_path) -> Project:
    target = tmp_path / "project"
    shutil.copytree(synthetic.root, target, ignore=shutil.ignore_patterns("build"))
    return Project(target)


@pytest.fixture(scope="session")
def synthetic_built(synthetic, tmp_path_factory) -> Project:
    """The small synthetic project after one build (reason=False). Tests must not modify it."""
    from wbkg.pipeline import build
    target = tmp_path_factory.mktemp("synthetic-built") / "project"
    shutil.copytree(synthetic.root, target, ignore=shutil.ignore_patterns("build"))
    assert build(Project(target), reason=False, jobs=2, progress=False).ok
    return Project(target)


@pytest.fixture
def built_copy(synthetic_built, tmp_path) -> Project:
    """A copy of synthetic_built, build folder included (times kept, so its caches stay valid; links kept,
    so its published exports stay a generation)."""
    target = tmp_path / "project"
    shutil.copytree(synthetic_built.root, target, symlinks=True)
    return Project(target)


# --- headless Chromium (Debian's package; .ci/run installs it), for the page tests of serve/ and review/ --------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium driven by Playwright; a missing browser fails the test rather than skipping it."""
    import os
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (.ci/run does: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
