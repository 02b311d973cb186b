"""The scalable build: same graph as the in-memory path, real checks pass on synthetic data, an
incremental rebuild redoes only what changed and gives the same bytes as a full rebuild."""
from __future__ import annotations

import hashlib
import shutil

from rdflib import Graph
from rdflib.compare import isomorphic

from wbkg.build import build, choose_store
from wbkg.export.rdflib_dataset import merged
from wbkg.load import load
from wbkg.scale import build_scalable, open_persistent_store
from wbkg.synth import add_article

EXPORTS = ("wbkg.nq", "wbkg.nt", "wbkg.ttl", "wbkg.trig", "wbkg.jsonld")


def digests(project) -> dict:
    return {name: hashlib.sha256((project.build_dir / name).read_bytes()).hexdigest() for name in EXPORTS}


def test_scalable_build_passes_every_check_and_holds_the_same_graph(synthetic_copy):
    result = build(synthetic_copy, reason=False, store="oxigraph", jobs=2)
    assert result.ok, result.checks.render()
    assert result.checks.shacl.conforms and not any(len(r) for r in result.checks.violations.values())
    memory = merged(load(synthetic_copy).dataset)
    exported = Graph().parse(synthetic_copy.build_dir / "wbkg.nt", format="nt")
    assert isomorphic(exported, memory)
    for name, fmt in (("wbkg.ttl", "turtle"), ("wbkg.jsonld", "json-ld")):
        assert isomorphic(Graph().parse(synthetic_copy.build_dir / name, format=fmt), memory), name


def test_incremental_rebuild_redoes_one_article_and_equals_a_full_rebuild(synthetic_copy):
    first = build_scalable(synthetic_copy, reason=False, jobs=2, progress=False)
    assert first.ok and len(first.redone) == 8
    unchanged = build_scalable(synthetic_copy, reason=False, jobs=2, progress=False)
    assert unchanged.redone == [] and unchanged.reused == 8
    stem = add_article(synthetic_copy.root, 3, 8, 8)
    incremental = build_scalable(synthetic_copy, reason=False, jobs=2, progress=False)
    assert incremental.ok, incremental.checks.render()
    assert incremental.redone == [stem]
    after_incremental = digests(synthetic_copy)
    report = (synthetic_copy.build_dir / "shacl-report.ttl").read_text(encoding="utf-8")
    shutil.rmtree(synthetic_copy.build_dir)
    full = build_scalable(synthetic_copy, reason=False, jobs=1, progress=False)
    assert len(full.redone) == 9
    assert digests(synthetic_copy) == after_incremental
    assert Graph().parse(data=report, format="turtle").isomorphic(
        Graph().parse(synthetic_copy.build_dir / "shacl-report.ttl", format="turtle"))


def test_a_changed_entity_redoes_only_the_articles_that_use_it(synthetic_copy):
    build_scalable(synthetic_copy, reason=False, jobs=2, progress=False)
    entities = synthetic_copy.entities_file
    text = entities.read_text(encoding="utf-8")
    users = [p.stem for p in synthetic_copy.articles_graph_dir.glob("*.ttl")
             if "id:kfor" in p.read_text(encoding="utf-8")]
    assert users and len(users) < 8
    entities.write_text(text.replace('"KFOR"@en', '"KFOR"@en, "NATO Kosovo Force"@en'), encoding="utf-8")
    result = build_scalable(synthetic_copy, reason=False, jobs=2, progress=False)
    assert sorted(result.redone) == sorted(users)


def test_a_failing_check_is_reported_and_nothing_is_published(synthetic_copy):
    path = sorted(synthetic_copy.articles_graph_dir.glob("*.ttl"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("wbkg:unit wbkg:Troops", "wbkg:unit wbkg:Troops, wbkg:People", 1),
                    encoding="utf-8")
    result = build_scalable(synthetic_copy, reason=False, jobs=2, progress=False)
    assert not result.ok
    assert "wbkg:unit" in result.checks.render() or "unit" in result.checks.shacl.text
    assert not (synthetic_copy.build_dir / "wbkg.nq").exists()


def test_queries_use_the_persistent_store_only_while_it_is_fresh(synthetic_copy):
    build_scalable(synthetic_copy, reason=False, jobs=1, progress=False)
    assert open_persistent_store(synthetic_copy) is not None
    path = sorted(synthetic_copy.articles_graph_dir.glob("*.ttl"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert open_persistent_store(synthetic_copy) is None
    assert open_persistent_store(synthetic_copy, require_fresh=False) is not None


def test_auto_store_is_chosen_by_corpus_size(synthetic, project):
    assert choose_store(project, "auto") == "rdflib"
    assert choose_store(synthetic, "oxigraph") == "oxigraph"
