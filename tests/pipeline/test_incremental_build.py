"""Incremental builds: whatever changes (an article added, changed or removed, an entity
description, a failed build in between), the exports, the store and the reports equal a full rebuild's;
and the composed exports do not depend on where the chunks are cut."""
from __future__ import annotations

import hashlib
import json
import shutil

import pyoxigraph as ox
import pytest

from wbkg.export import composed
from wbkg.export.serialisers import serialisers
from wbkg.pipeline import build as run_build
from wbkg.pipeline.manifest import scale_dir, store_dir
from wbkg.synth import add_article

pytestmark = pytest.mark.slow  # not in `make test-fast`

EXPORTS = ("wbkg.nq", "wbkg.nt", "wbkg.ttl", "wbkg.trig", "wbkg.jsonld", "stats.json")


def digests(project) -> dict:
    return {name: hashlib.sha256((project.build_dir / name).read_bytes()).hexdigest() for name in EXPORTS}


def store_quads(project) -> list[str]:
    """Every quad of the store; blank nodes (which the store labels afresh on loading) as _:b."""
    store = ox.Store.read_only(str(store_dir(project)))
    try:
        return sorted(" ".join("_:b" if isinstance(t, ox.BlankNode) else str(t) for t in q) for q in store)
    finally:
        del store


def build(project):
    return run_build(project, reason=False, jobs=2)


def assert_same_as_full_rebuild(project) -> None:
    after = digests(project), store_quads(project), (project.build_dir / "shacl-report.txt").read_text()
    shutil.rmtree(project.build_dir)
    full = build(project)
    assert full.ok, full.checks.render()
    assert digests(project) == after[0]
    assert store_quads(project) == after[1]
    assert (project.build_dir / "shacl-report.txt").read_text() == after[2]


def test_a_changed_and_a_removed_article_equal_a_full_rebuild(synthetic_copy):
    entities, metadata = synthetic_copy.entities_file, synthetic_copy.corpus_metadata_file
    saved = entities.read_text(encoding="utf-8"), metadata.read_text(encoding="utf-8")
    victim = add_article(synthetic_copy.root, 3, 8, 8)
    assert build(synthetic_copy).ok
    # change: a second evidence block citing the same passage as the first one
    graphs = sorted(synthetic_copy.articles_graph_dir.glob("*.ttl"))
    text = graphs[0].read_text(encoding="utf-8")
    block = text[text.index(":ev-1 a wbkg:Evidence"):]
    block = block[:block.index(" .\n") + 3]
    graphs[0].write_text(text + "\n" + block.replace(":ev-1 ", ":ev-99 ", 1), encoding="utf-8")
    # remove the added article: its text, graph, metadata and the entity descriptions it brought
    (synthetic_copy.corpus_dir / f"{victim}.txt").unlink()
    (synthetic_copy.articles_graph_dir / f"{victim}.ttl").unlink()
    entities.write_text(saved[0], encoding="utf-8")
    metadata.write_text(saved[1], encoding="utf-8")
    result = build(synthetic_copy)
    assert result.ok, result.checks.render()
    assert result.redone == [graphs[0].stem] and result.stats["articles"] == 8
    assert f"/graph/{victim}>" not in (synthetic_copy.build_dir / "wbkg.nq").read_text(encoding="utf-8")
    assert f"{graphs[0].stem}#ev-99>" in (synthetic_copy.build_dir / "wbkg.nt").read_text(encoding="utf-8")
    assert_same_as_full_rebuild(synthetic_copy)


def test_an_edited_article_graph_changes_only_its_lines(built_copy):
    path = sorted(built_copy.articles_graph_dir.glob("*.ttl"))[2]
    text = path.read_text(encoding="utf-8")
    # drop the article's last evidence block's suffix: a real edit that removes triples
    edited = text.replace('"2025-', '"2024-', 1) if '"2025-' in text else text.replace('"20', '"19', 1)
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    result = build(built_copy)
    if result.ok:
        assert result.redone == [path.stem]
        assert_same_as_full_rebuild(built_copy)
    else:  # the edit broke a rule: nothing published, and a full rebuild says the same
        report = result.checks.render()
        shutil.rmtree(built_copy.build_dir)
        assert build(built_copy).checks.render() == report


def test_after_a_failed_build_the_next_one_publishes_the_full_graph(built_copy):
    before = digests(built_copy)
    path = sorted(built_copy.articles_graph_dir.glob("*.ttl"))[0]
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("wbkg:unit wbkg:Troops", "wbkg:unit wbkg:Troops, wbkg:People", 1), encoding="utf-8")
    failed = build(built_copy)
    assert not failed.ok
    assert digests(built_copy) == before  # nothing published by a failing build
    stem = add_article(built_copy.root, 3, 8, 8)
    path.write_text(good, encoding="utf-8")
    result = build(built_copy)
    assert result.ok, result.checks.render()
    assert sorted(result.redone) == sorted([path.stem, stem])
    assert_same_as_full_rebuild(built_copy)


def test_an_input_error_leaves_the_caches_as_the_store_holds_them(built_copy):
    path = sorted(built_copy.articles_graph_dir.glob("*.ttl"))[0]
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace(" .\n", " ;\n", 1), encoding="utf-8")  # a Turtle syntax error
    from wbkg.errors import InputError
    with pytest.raises(InputError):
        build(built_copy)
    path.write_text(good, encoding="utf-8")
    stem = add_article(built_copy.root, 3, 8, 8)
    result = build(built_copy)
    assert result.ok, result.checks.render()
    assert stem in result.redone
    assert_same_as_full_rebuild(built_copy)


def test_a_build_stopped_half_way_is_followed_by_a_full_one(built_copy):
    (scale_dir(built_copy) / "IN-PROGRESS").write_text("stopped\n")
    add_article(built_copy.root, 3, 8, 8)
    result = build(built_copy)
    assert result.ok and len(result.redone) == 9
    assert not (scale_dir(built_copy) / "IN-PROGRESS").exists()


@pytest.fixture
def merge_lines(synthetic_built):
    return (synthetic_built.build_dir / "wbkg.nt").read_text(encoding="utf-8").splitlines(keepends=True), \
        synthetic_built


def test_composed_exports_do_not_depend_on_where_chunks_are_cut(merge_lines, tmp_path, monkeypatch):
    lines, project = merge_lines
    ser = serialisers()
    outputs = []
    for size in (7, 113, 100_000):
        monkeypatch.setattr(composed, "CHUNK_LINES", size)
        paths = {fmt: tmp_path / f"{size}.{fmt}" for fmt in composed.MERGE_FORMATS}
        index = composed.write_merge(lines, paths, tmp_path / f"{size}.json", ser)
        assert len(index["chunks"]) >= (1 if size > len(lines) else 2)
        outputs.append({fmt: path.read_bytes() for fmt, path in paths.items()})
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0]["ttl"] == (project.build_dir / "wbkg.ttl").read_bytes()
    assert outputs[0]["jsonld"] == (project.build_dir / "wbkg.jsonld").read_bytes()
    json.loads(outputs[0]["jsonld"])


def test_splicing_the_merge_equals_writing_it_anew(merge_lines, tmp_path, monkeypatch):
    lines, _ = merge_lines
    monkeypatch.setattr(composed, "CHUNK_LINES", 50)
    ser = serialisers()
    paths = {fmt: tmp_path / f"a.{fmt}" for fmt in composed.MERGE_FORMATS}
    composed.write_merge(lines, paths, tmp_path / "a.json", ser)
    removed = set(lines[::37]) | set(lines[-3:]) | {lines[0]}
    added = sorted({f'<https://w3id.org/wbkg/id/zz-{i}> <http://www.w3.org/2000/01/rdf-schema#label> "z{i}" .\n'
                    for i in range(300)} | {'<https://a.example/first> <https://a.example/p> "x" .\n'})
    composed.splice_merge(tmp_path / "a.json", paths, paths, added, removed, ser)
    expected = {fmt: tmp_path / f"b.{fmt}" for fmt in composed.MERGE_FORMATS}
    composed.write_merge(sorted(set(lines).difference(removed).union(added)), expected, tmp_path / "b.json", ser)
    for fmt in composed.MERGE_FORMATS:
        assert paths[fmt].read_bytes() == expected[fmt].read_bytes(), fmt
    # a chunk that grew past twice the usual size was cut again
    sizes = [c["lines"] for c in json.loads((tmp_path / "a.json").read_text())["chunks"]]
    assert max(sizes) <= 2 * 50 + 40


def test_owl_rl_clashes_after_an_incremental_change_equal_a_full_check(synthetic_copy):
    """A clash the change brings in is found, one it does not touch is kept from the last build."""
    assert run_build(synthetic_copy, reason=True, jobs=2).checks.reasoner.consistent
    graphs = sorted(synthetic_copy.articles_graph_dir.glob("*.ttl"))
    people = [line.split()[0] for line in synthetic_copy.entities_file.read_text(encoding="utf-8").splitlines()
              if line.startswith("id:") and " a wbkg:Person" in line]
    assert len(people) >= 2
    # first a clash in one article, then another in a second one: the first must still be reported
    for path, person in ((graphs[0], people[0]), (graphs[1], people[1])):
        path.write_text(path.read_text(encoding="utf-8") + f"\n{person} a wbkg:State .\n", encoding="utf-8")
        result = run_build(synthetic_copy, reason=True, jobs=2)
        assert result.redone == [path.stem]
    incremental = result.checks.reasoner.explanation
    nodes = {line[1:line.index(">")] for line in incremental}
    assert nodes == {"https://w3id.org/wbkg/id/" + p[3:] for p in people[:2]}, incremental
    shutil.rmtree(synthetic_copy.build_dir)
    full = run_build(synthetic_copy, reason=True, jobs=2)
    assert full.checks.reasoner.explanation == incremental


def test_changed_shapes_validate_every_article_again(built_copy):
    path = built_copy.shapes_dir / "core.ttl"
    path.write_text(path.read_text(encoding="utf-8") + "\n# a reviewed comment\n", encoding="utf-8")
    result = build(built_copy)
    assert result.ok and len(result.redone) == 8


def test_per_graph_violation_checks_keep_the_rows_of_unchanged_graphs(built_copy):
    """An unsupported fact in one article, then a change in another: the incremental run of the per-graph
    check still reports the first (kept from the last build) and the new one, as a full run does."""
    graphs = sorted(built_copy.articles_graph_dir.glob("*.ttl"))
    for path in graphs[:2]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text + f'\nid:note-{path.stem} wbkg:editorialNote "no evidence supports this" .\n',
                        encoding="utf-8")
        result = build(built_copy)
        assert result.redone == [path.stem]
    rows = result.checks.violations["unsupported-fact-violation"].rows
    assert {str(r[0]).rsplit("/", 1)[1] for r in rows} == {p.stem for p in graphs[:2]}, rows
    shutil.rmtree(built_copy.build_dir)
    full = build(built_copy)
    assert full.checks.violations["unsupported-fact-violation"].rows == rows
    assert full.checks.violations["entity-without-mention-violation"].rows == \
        result.checks.violations["entity-without-mention-violation"].rows


def test_a_reference_left_dangling_by_another_article_is_found(built_copy):
    """Article A refers to a node that only article B types; B drops the type: A, unchanged, now holds a
    dangling reference, which the incremental check reports as a full run does."""
    a, b = sorted(built_copy.articles_graph_dir.glob("*.ttl"))[:2]
    a.write_text(a.read_text(encoding="utf-8") + "\nid:note-zz wbkg:concerns id:thing-zz .\n", encoding="utf-8")
    typed = b.read_text(encoding="utf-8")
    b.write_text(typed + "\nid:thing-zz a wbkg:Topic .\n", encoding="utf-8")
    first = build(built_copy)
    assert not [r for r in first.checks.violations["dangling-reference-violation"].rows if "thing-zz" in str(r[3])]
    b.write_text(typed, encoding="utf-8")
    result = build(built_copy)
    assert result.redone == [b.stem]
    rows = result.checks.violations["dangling-reference-violation"].rows
    # A's graph, and the schema view made from it
    assert [str(r[0]).rsplit("/", 1)[1] for r in rows if str(r[3]).endswith("thing-zz")] == [a.stem, "schema-view"]
    shutil.rmtree(built_copy.build_dir)
    assert build(built_copy).checks.violations["dangling-reference-violation"].rows == rows


def entailed(project) -> set[str]:
    return set((scale_dir(project) / "pieces" / "entailments.nq").read_text(encoding="utf-8").splitlines())


def test_changes_that_move_the_entailments_equal_a_full_rebuild(synthetic_copy):
    """graph:entailments follows a type changed in the entities, a partOf added there that lengthens chains,
    a date changed in an article (its bounds) and an article removed, as a full build computes it."""
    entities, metadata = synthetic_copy.entities_file, synthetic_copy.corpus_metadata_file
    saved = entities.read_text(encoding="utf-8"), metadata.read_text(encoding="utf-8")
    victim = add_article(synthetic_copy.root, 3, 8, 8)
    assert build(synthetic_copy).ok
    before = entailed(synthetic_copy)
    # the type: Serbia becomes a historical state (still a state, by entailment); a partOf: Montenegro in Serbia
    text = saved[0].replace("id:serbia a wbkg:State ;", "id:serbia a wbkg:HistoricalState ;", 1)
    text = text.replace("id:montenegro a wbkg:State ;", "id:montenegro a wbkg:State ;\n    wbkg:partOf id:serbia ;", 1)
    assert text.count("HistoricalState") == saved[0].count("HistoricalState") + 1
    entities.write_text(text, encoding="utf-8")
    metadata.write_text(saved[1], encoding="utf-8")
    # a date: the first day-precision date of an article becomes a year
    path = next(p for p in sorted(synthetic_copy.articles_graph_dir.glob("*.ttl"))
                if "^^xsd:date ;" in p.read_text(encoding="utf-8") and p.stem != victim)
    graph = path.read_text(encoding="utf-8")
    start = graph.index("^^xsd:date ;")
    day = graph[graph.rindex('"', 0, start - 1):start]
    path.write_text(graph.replace(day + "^^xsd:date ;", day[:5] + '"^^xsd:gYear ;', 1), encoding="utf-8")
    (synthetic_copy.corpus_dir / f"{victim}.txt").unlink()
    (synthetic_copy.articles_graph_dir / f"{victim}.ttl").unlink()
    result = build(synthetic_copy)
    assert result.ok, result.checks.render()
    after = entailed(synthetic_copy)
    state = "<https://w3id.org/wbkg/ontology#State>"
    assert f"<https://w3id.org/wbkg/id/serbia> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> {state} " \
           f"<https://w3id.org/wbkg/graph/entailments> ." in after
    assert any(line.endswith("<https://w3id.org/wbkg/ontology#partOf> <https://w3id.org/wbkg/id/serbia> "
                             "<https://w3id.org/wbkg/graph/entailments> .") and "montenegro" not in line
               for line in after - before)
    assert any(f'"{day[1:5]}-12-31"^^' in line for line in after - before)  # the year's last day: notAfter
    assert_same_as_full_rebuild(synthetic_copy)
