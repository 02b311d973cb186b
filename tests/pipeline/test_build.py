"""The build: real checks pass on synthetic data, the store and every export hold the same graph, an
incremental rebuild redoes only what changed and gives the same bytes as a full rebuild."""
from __future__ import annotations

import hashlib
import shutil

from rdflib import Graph
from rdflib.compare import isomorphic

from wbkg.pipeline import build
from wbkg.pipeline.access import is_fresh, open_persistent_store
from wbkg.synth import add_article

EXPORTS = ("wbkg.nq", "wbkg.nt", "wbkg.ttl", "wbkg.trig", "wbkg.jsonld")


def digests(project) -> dict:
    return {name: hashlib.sha256((project.build_dir / name).read_bytes()).hexdigest() for name in EXPORTS}


def test_build_passes_every_check_and_the_store_holds_what_is_exported(synthetic_copy):
    from rdflib import Dataset
    result = build(synthetic_copy, reason=False, jobs=2)
    assert result.ok, result.checks.render()
    assert result.checks.shacl.conforms and not any(len(r) for r in result.checks.violations.values())
    from wbkg.query.results import normal

    def normalised(graph):  # Oxigraph stores numbers by value: xsd:nonNegativeInteger comes back as xsd:integer
        out = Graph()
        for s, p, o in graph:
            out.add((s, p, normal(o)))
        return out
    store = open_persistent_store(synthetic_copy)
    default = Graph()
    for row in store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }").rows:
        default.add(row)
    exported = normalised(Graph().parse(synthetic_copy.build_dir / "wbkg.nt", format="nt"))
    assert len(exported) > 1000 and isomorphic(exported, default)
    for name, fmt in (("wbkg.ttl", "turtle"), ("wbkg.jsonld", "json-ld")):
        assert isomorphic(normalised(Graph().parse(synthetic_copy.build_dir / name, format=fmt)), default), name
    named = Dataset()
    named.parse(data=store.dump_nquads(), format="nquads")
    quads = Dataset()
    quads.parse(synthetic_copy.build_dir / "wbkg.nq", format="nquads")
    graphs = {g.identifier for g in quads.graphs() if len(g)}
    assert graphs == {g.identifier for g in named.graphs() if len(g) and g.identifier != named.default_graph.identifier}
    for iri in graphs:
        assert isomorphic(normalised(named.graph(iri)), normalised(quads.graph(iri))), iri


def test_incremental_rebuild_redoes_one_article_and_equals_a_full_rebuild(synthetic_copy):
    first = build(synthetic_copy, reason=False, jobs=2, progress=False)
    assert first.ok and len(first.redone) == 8
    unchanged = build(synthetic_copy, reason=False, jobs=2, progress=False)
    assert unchanged.redone == [] and unchanged.reused == 8
    stem = add_article(synthetic_copy.root, 3, 8, 8)
    incremental = build(synthetic_copy, reason=False, jobs=2, progress=False)
    assert incremental.ok, incremental.checks.render()
    assert incremental.redone == [stem]
    after_incremental = digests(synthetic_copy)
    report = (synthetic_copy.build_dir / "shacl-report.ttl").read_text(encoding="utf-8")
    shutil.rmtree(synthetic_copy.build_dir)
    full = build(synthetic_copy, reason=False, jobs=1, progress=False)
    assert len(full.redone) == 9
    assert digests(synthetic_copy) == after_incremental
    assert Graph().parse(data=report, format="turtle").isomorphic(
        Graph().parse(synthetic_copy.build_dir / "shacl-report.ttl", format="turtle"))


def test_a_changed_entity_redoes_only_the_articles_that_use_it(synthetic_copy):
    build(synthetic_copy, reason=False, jobs=2, progress=False)
    entities = synthetic_copy.entities_file
    text = entities.read_text(encoding="utf-8")
    users = [p.stem for p in synthetic_copy.articles_graph_dir.glob("*.ttl")
             if "id:kfor" in p.read_text(encoding="utf-8")]
    assert users and len(users) < 8
    entities.write_text(text.replace('"KFOR"@en', '"KFOR"@en, "NATO Kosovo Force"@en'), encoding="utf-8")
    result = build(synthetic_copy, reason=False, jobs=2, progress=False)
    assert sorted(result.redone) == sorted(users)


def test_a_failing_check_is_reported_and_nothing_is_published(synthetic_copy):
    path = sorted(synthetic_copy.articles_graph_dir.glob("*.ttl"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("wbkg:unit wbkg:Troops", "wbkg:unit wbkg:Troops, wbkg:People", 1),
                    encoding="utf-8")
    result = build(synthetic_copy, reason=False, jobs=2, progress=False)
    assert not result.ok
    assert "wbkg:unit" in result.checks.render() or "unit" in result.checks.shacl.text
    assert not (synthetic_copy.build_dir / "wbkg.nq").exists()


def test_a_changed_input_makes_the_store_stale_until_the_next_build(synthetic_copy):
    from wbkg.pipeline.access import open_build_store
    build(synthetic_copy, reason=False, jobs=1, progress=False)
    assert is_fresh(synthetic_copy) and open_persistent_store(synthetic_copy) is not None
    path = sorted(synthetic_copy.articles_graph_dir.glob("*.ttl"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert not is_fresh(synthetic_copy) and open_persistent_store(synthetic_copy) is None
    assert open_persistent_store(synthetic_copy, require_fresh=False) is not None
    assert len(open_build_store(synthetic_copy, progress=False)) > 0  # brought up to date first
    assert is_fresh(synthetic_copy)
