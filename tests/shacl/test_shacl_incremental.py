"""The incremental global SHACL pass (wbkg.shacl.incremental) gives exactly the records of the full pass
(wbkg.shacl.full_pass's two calls) on the new data, after each kind of change, and re-validates only a few
focus nodes to get them."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from rdflib import URIRef

from wbkg.project import Project
from wbkg.rdfio import parse_turtle
from wbkg.pipeline import build as run_build
from wbkg.shacl.engine import load_shapes, sparql_shapes
from wbkg.shacl.full_pass import full_global
from wbkg.shacl.global_pass import focus_partition
from wbkg.shacl.incremental.footprint import candidates
from wbkg.shacl.incremental.plan import compile_plan
from wbkg.shacl.incremental.run import IncrementalStats, incremental_global
from wbkg.shacl.incremental.triples import Data, SortedTriples, merge_delta, split_line
from wbkg.shacl.records import GlobalRecords
from wbkg.synth import add_article

pytestmark = pytest.mark.slow  # not in `make test-fast`

SH = "http://www.w3.org/ns/shacl#"
MERGE = Path("build") / "scale" / "merge-without-view.nt"


def shared_nodes(project: Project) -> list[str]:
    folder = project.build_dir / "scale" / "articles"
    manifest = json.loads((project.build_dir / "scale" / "manifest.json").read_text(encoding="utf-8"))
    stems = sorted(manifest["articles"])
    summaries = {s: json.loads((folder / f"{s}.json").read_text(encoding="utf-8")) for s in stems}
    return focus_partition(stems, summaries, parse_turtle(project.entities_file),
                           parse_turtle(project.corpus_metadata_file), parse_turtle(project.ontology_file))[1]


def build(project: Project) -> None:
    run_build(project, reason=False, jobs=1)


@pytest.fixture(scope="session")
def built(synthetic, tmp_path_factory):
    """The synthetic project, built, with the full pass's records (the 'previous build')."""
    target = tmp_path_factory.mktemp("incremental") / "project"
    shutil.copytree(synthetic.root, target, ignore=shutil.ignore_patterns("build"))
    project = Project(target)
    build(project)
    shapes = load_shapes(project.shapes_dir)
    records = full_global(shapes, shared_nodes(project), project.root / MERGE, target.parent / "work")
    return project, records


def rebuild(project: Project, previous: GlobalRecords, tmp_path: Path, tag: str):
    """Save the merge, rebuild, and run both passes on the new data: (incremental, full, stats)."""
    import pyoxigraph as ox
    old = tmp_path / f"{tag}-previous.nt"
    shutil.copy(project.root / MERGE, old)
    build(project)
    shapes = load_shapes(project.shapes_dir)
    added, removed = merge_delta(old, project.root / MERGE)
    assert added or removed
    nodes = shared_nodes(project)
    store = ox.Store.read_only(str(project.build_dir / "oxigraph"))
    stats = IncrementalStats()
    incremental = incremental_global(shapes, store, added, removed, previous, nodes, project.root / MERGE,
                                     tmp_path / f"{tag}-work", stats=stats)
    del store
    full = full_global(shapes, nodes, project.root / MERGE, tmp_path / f"{tag}-full")
    return incremental, full, stats


def copy_built(built, tmp_path) -> tuple[Project, GlobalRecords]:
    project, records = built
    target = tmp_path / "project"
    shutil.copytree(project.root, target)
    return Project(target), records


def assert_same(incremental: GlobalRecords, full: GlobalRecords, stats: IncrementalStats, n_shared: int):
    assert stats.shared_fallback is None and stats.sparql_fallback is None, stats
    assert set(incremental.shared) == set(full.shared)
    assert set(incremental.sparql) == set(full.sparql)
    assert incremental.all() == full.all()
    assert stats.shared_revalidated < n_shared  # it did not just validate everything again


def shapes_of(records) -> set[str]:
    out = set()
    for _, record in records:
        out.update(re.findall(rf"<{re.escape(SH)}sourceShape> <([^>]+)>", record))
    return out


def entity_block(text: str, cls: str, k: int) -> str:
    """The k-th entity description of class ``cls`` in graph/entities.ttl."""
    blocks = [b for b in text.split("\n\n") if re.search(rf"^\S+ a wbkg:{cls} ;", b, re.M)]
    return blocks[k]


def test_sorted_triples_binary_search(tmp_path):
    lines = sorted(["<urn:a> <urn:p> <urn:b> .\n", "<urn:a#x> <urn:p> \"1\" .\n", "<urn:a> <urn:q> \"é\" .\n",
                    "<urn:b> <urn:p> <urn:a> .\n", "_:b1 <urn:p> <urn:a> .\n"])
    path = tmp_path / "m.nt"
    path.write_text("".join(lines), encoding="utf-8")
    index = SortedTriples(path)
    assert index.with_prefix("<urn:a> ") == [line for line in lines if line.startswith("<urn:a> ")]
    assert index.with_prefix("<urn:a#x> <urn:p> ") == ["<urn:a#x> <urn:p> \"1\" .\n"]
    assert index.with_prefix("<urn:c> ") == [] and index.with_prefix("_:") == ["_:b1 <urn:p> <urn:a> .\n"]
    assert "<urn:b> <urn:p> <urn:a> .\n" in index and "<urn:b> <urn:p> <urn:c> .\n" not in index
    index.close()


def test_every_sparql_shape_has_a_plan(project):
    shapes = load_shapes(project.shapes_dir)
    plans = [compile_plan(shapes, s) for s in sparql_shapes(shapes)]
    assert len(plans) == len(sparql_shapes(shapes)) >= 10
    label = next(p for p in plans if p.name.endswith("#UniquePrefLabel"))
    # the other node of the same label is found through the label, not through every instance of the class
    assert all(not (pat.o.startswith("class") and not fs) for v in label.order[1:] for pat, fs in label.sources[v]
               if v.startswith("other"))


def test_added_article(built, tmp_path):
    project, previous = copy_built(built, tmp_path)
    add_article(project.root, 3, 8, 8)
    incremental, full, stats = rebuild(project, previous, tmp_path, "added")
    assert_same(incremental, full, stats, len(full.shared_nodes))
    assert stats.sparql_revalidated > 0 and stats.shared_revalidated > 0


def test_changed_article_graph(built, tmp_path):
    project, previous = copy_built(built, tmp_path)
    path = sorted(project.articles_graph_dir.glob("*.ttl"))[0]
    text = path.read_text(encoding="utf-8")
    dates = re.findall(r'wbkg:asOf "(\d{4}-\d{2}-\d{2})"\^\^xsd:date', text)
    assert dates
    text = text.replace(f'wbkg:asOf "{dates[0]}"^^xsd:date', 'wbkg:asOf "1999-01-01"^^xsd:date')
    path.write_text(text, encoding="utf-8")
    incremental, full, stats = rebuild(project, previous, tmp_path, "changed")
    assert_same(incremental, full, stats, len(full.shared_nodes))


def test_removed_article(built, tmp_path):
    project, previous = copy_built(built, tmp_path)
    stem = sorted(p.stem for p in project.articles_graph_dir.glob("*.ttl"))[-1]
    (project.articles_graph_dir / f"{stem}.ttl").unlink()
    project.article_text_file(stem).unlink()
    metadata = project.corpus_metadata_file.read_text(encoding="utf-8")
    blocks = metadata.split("\n\n")
    kept = [b for b in blocks if f"<https://w3id.org/wbkg/article/{stem}>" not in b]
    assert len(kept) == len(blocks) - 1
    project.corpus_metadata_file.write_text("\n\n".join(kept), encoding="utf-8")
    incremental, full, stats = rebuild(project, previous, tmp_path, "removed")
    assert_same(incremental, full, stats, len(full.shared_nodes))
    assert set(full.shared_nodes) != set(previous.shared_nodes)


def test_violations_in_shared_nodes_appear_and_disappear(built, tmp_path):
    project, previous = copy_built(built, tmp_path)
    original = project.entities_file.read_text(encoding="utf-8")
    first, second = entity_block(original, "Person", 0), entity_block(original, "Person", 1)
    label = re.search(r'skos:prefLabel ("[^"]+"@en)', first).group(1)
    broken_second = re.sub(r'skos:prefLabel "[^"]+"@en', f"skos:prefLabel {label}", second, count=1)
    broken_first = first.replace(" ;\n", f' ;\n    skos:prefLabel "Another name"@en ;\n    wbkg:misspeltProperty "x" ;\n', 1)
    project.entities_file.write_text(original.replace(second, broken_second).replace(first, broken_first),
                                     encoding="utf-8")
    # a tenure that ends before it starts (in an article graph)
    path = sorted(project.articles_graph_dir.glob("*.ttl"))[1]
    article = path.read_text(encoding="utf-8")
    match = re.search(r'(id:tenure-\S+ a wbkg:Tenure ;\n    )wbkg:asOf "(\d{4})-(\d{2}-\d{2})"\^\^xsd:date', article)
    assert match
    broken = article.replace(match.group(0), match.group(1) + f'wbkg:asOf "{match.group(2)}-{match.group(3)}"^^xsd:date ;\n'
                             f'    wbkg:startDate "{match.group(2)}"^^xsd:gYear ;\n'
                             f'    wbkg:endDate "{int(match.group(2)) - 3}"^^xsd:gYear', 1)
    path.write_text(broken, encoding="utf-8")
    incremental, full, stats = rebuild(project, previous, tmp_path, "broken")
    assert_same(incremental, full, stats, len(full.shared_nodes))
    seen = shapes_of(full.all())
    for shape in ("UniquePrefLabel", "Labels-prefLabel-unique", "DeclaredProperty", "EndNotBeforeStart"):
        assert f"https://w3id.org/wbkg/shapes#{shape}" in seen, (shape, seen)
    # and back: the previous records are now the incremental ones (a chain of builds)
    project.entities_file.write_text(original, encoding="utf-8")
    path.write_text(article, encoding="utf-8")
    again, full_again, stats = rebuild(project, incremental, tmp_path, "repaired")
    assert_same(again, full_again, stats, len(full_again.shared_nodes))
    assert again.all() == previous.all()


def test_candidates_of_a_label_change(built, tmp_path):
    """The plan run backwards: a new label of X makes X and every node with that label candidates."""
    import pyoxigraph as ox
    project, _ = built
    shapes = load_shapes(project.shapes_dir)
    plan = compile_plan(shapes, URIRef("https://w3id.org/wbkg/shapes#UniquePrefLabel"))
    core = project.root / MERGE
    pref = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
    triples = [split_line(l) for l in core.read_text(encoding="utf-8").splitlines(keepends=True)]
    subject, _, label = next(t for t in triples if t[1] == pref and t[0].startswith("<https://w3id.org/wbkg/id/"))
    copy = tmp_path / "oxigraph"
    shutil.copytree(project.build_dir / "oxigraph", copy)
    store = ox.Store.read_only(str(copy))
    data = Data(core, store, set())
    found = candidates(plan, data, [("<urn:x:new>", "<http://www.w3.org/2004/02/skos/core#prefLabel>", label)])
    data.close()
    same = {t[0] for t in triples if t[1] == pref and t[2] == label}
    assert subject in same and found == {"<urn:x:new>"} | same


def test_a_type_change_reaches_the_shared_nodes_that_point_at_it(built, tmp_path):
    """A state turned into a settlement: the posts in it (one hop before it, no SPARQL-based shape
    involved) break sh:class wbkg:Agent; only the backward walk from the changed subject finds them."""
    project, previous = copy_built(built, tmp_path)
    text = project.entities_file.read_text(encoding="utf-8")
    state = re.search(r"wbkg:postIn id:(\S+) ;", text).group(1)
    assert f"id:{state} a wbkg:State ;" in text
    project.entities_file.write_text(text.replace(f"id:{state} a wbkg:State ;", f"id:{state} a wbkg:Settlement ;"),
                                     encoding="utf-8")
    incremental, full, stats = rebuild(project, previous, tmp_path, "retyped")
    assert_same(incremental, full, stats, len(full.shared_nodes))
    assert "https://w3id.org/wbkg/shapes#Post-postIn" in shapes_of(full.shared)
