"""Drafts in the build (graph/drafts/<id>.ttl, as `wbkg ingest` writes them): grounded and checked with the
same gates as reviewed graphs, kept in their own named graphs, never in the published merge, read only on
request; an incremental build with a draft gives the bytes of a full one."""
from __future__ import annotations

import hashlib
import shutil

import pytest
from click.testing import CliRunner
from rdflib import Dataset, URIRef

from wbkg.cli import main
from wbkg.errors import InputError
from wbkg.pipeline import build
from wbkg.pipeline.access import open_persistent_store
from wbkg.vocab.namespaces import DRAFT_GRAPH, DRAFTS_GRAPH

pytestmark = pytest.mark.slow

STEM = "zz_invented"
TEXT = ("Border agency gets new head\n\nDefence Secretary Anna Kowalczyk visited Pristina on Friday. "
        "KFOR was established in 1999.\n")
METADATA = f"""
article:{STEM} a wbkg:Article ;
    schema:name "Border agency gets new head"@en ;
    schema:datePublished "2021-03-19"^^xsd:date ;
    wbkg:textFile "{STEM}.txt" ;
    dcterms:language "en" ;
    wbkg:metadataSource "options: --published"@en .
"""
HEAD = f"""@prefix : <https://w3id.org/wbkg/article/{STEM}#> .
@prefix id: <https://w3id.org/wbkg/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix wbkg: <https://w3id.org/wbkg/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
DRAFT = HEAD + """
id:anna-kowalczyk a wbkg:Person ;
    skos:prefLabel "Anna Kowalczyk"@en .

:ev-anna-kowalczyk a wbkg:Evidence ;
    wbkg:exact "Defence Secretary Anna Kowalczyk" ;
    wbkg:supports id:anna-kowalczyk .

id:kfor wbkg:startDate "1998"^^xsd:gYear .

:ev-kfor a wbkg:Evidence ;
    wbkg:exact "KFOR was established in 1999" ;
    wbkg:supports id:kfor ;
    wbkg:supportsProperty wbkg:startDate .
"""
PERSON = URIRef("https://w3id.org/wbkg/id/anna-kowalczyk")
EXPORTS = ("wbkg.nq", "wbkg.nt", "wbkg.ttl", "wbkg.trig", "wbkg.jsonld", "wbkg-drafts.trig", "wbkg-drafts.nq",
           "stats.json")


def add_draft(project, draft: str = DRAFT) -> None:
    project.article_text_file(STEM).write_text(TEXT, encoding="utf-8")
    with open(project.corpus_metadata_file, "a", encoding="utf-8") as out:
        out.write(METADATA)
    project.drafts_dir.mkdir(parents=True, exist_ok=True)
    project.draft_file(STEM).write_text(draft, encoding="utf-8")


def digests(project) -> dict:
    return {name: hashlib.sha256((project.build_dir / name).read_bytes()).hexdigest() for name in EXPORTS}


@pytest.fixture(scope="module")
def with_draft(tmp_path_factory, copy_of_project):
    project = copy_of_project(tmp_path_factory.mktemp("drafts") / "project")
    add_draft(project)
    result = build(project, reason=False)
    assert result.ok, result.checks.render()
    return project


def test_a_draft_is_published_apart_and_never_in_the_merge(with_draft):
    build_dir = with_draft.build_dir
    for name in ("wbkg.nq", "wbkg.nt", "wbkg.ttl", "wbkg.trig", "wbkg.jsonld"):
        text = (build_dir / name).read_text(encoding="utf-8")
        assert "anna-kowalczyk" not in text and "1998" not in text, name
        assert "graph/draft/" not in text, name
    drafts = Dataset()
    drafts.parse(build_dir / "wbkg-drafts.nq", format="nquads")
    graphs = {g.identifier for g in drafts.graphs() if len(g)}
    assert graphs == {DRAFT_GRAPH[STEM]}
    assert (PERSON, None, None) in drafts.graph(DRAFT_GRAPH[STEM])
    trig = Dataset().parse(build_dir / "wbkg-drafts.trig", format="trig")
    assert len(trig) == len(drafts)


def test_queries_see_drafts_only_when_asked(with_draft):
    ask = "ASK { ?s ?p <https://schema.org/Person> FILTER(?s = <%s>) }" % PERSON
    facts = "SELECT ?g WHERE { GRAPH ?g { <%s> ?p ?o } } ORDER BY ?g" % PERSON
    start = "SELECT ?d WHERE { <https://w3id.org/wbkg/id/kfor> <https://w3id.org/wbkg/ontology#startDate> ?d } ORDER BY ?d"
    reviewed = open_persistent_store(with_draft)
    assert reviewed.query(facts).rows == [] and not reviewed.query(ask).boolean
    assert [str(r[0]) for r in reviewed.query(start).rows] == ["1999"]
    assert [r[0] for r in reviewed.query("SELECT ?g WHERE { GRAPH ?g { } }").rows
            if str(r[0]).startswith(str(DRAFT_GRAPH)) or r[0] == DRAFTS_GRAPH] == []
    everything = open_persistent_store(with_draft, include_drafts=True)
    assert [r[0] for r in everything.query(facts).rows] == [DRAFT_GRAPH[STEM], DRAFT_GRAPH[STEM]]
    # the draft's own triple joins the default graph; the one it shares with a reviewed graph is there once
    assert [str(r[0]) for r in everything.query(start).rows] == ["1998", "1999"]
    count = "SELECT (COUNT(*) AS ?n) WHERE { <https://w3id.org/wbkg/id/kfor> ?p ?o }"
    assert int(everything.query(count).rows[0][0]) == int(reviewed.query(count).rows[0][0]) + 1


def test_cli_reads_drafts_on_request_and_marks_them(with_draft):
    runner = CliRunner()
    root = ["--root", str(with_draft.root)]
    hidden = runner.invoke(main, [*root, "show", "id:anna-kowalczyk"])
    assert hidden.exit_code == 2 and "nothing in the graph is called" in hidden.output
    shown = runner.invoke(main, [*root, "show", "id:anna-kowalczyk", "--include-drafts"])
    assert shown.exit_code == 0 and "DRAFT: not reviewed" in shown.output and "Anna Kowalczyk" in shown.output
    query = runner.invoke(main, [*root, "query", "entity-facts", "-p", "entity=id:anna-kowalczyk", "--format", "csv"])
    assert query.exit_code == 0 and query.output.count("\n") == 1  # the header only
    query = runner.invoke(main, [*root, "query", "entity-facts", "-p", "entity=id:anna-kowalczyk", "--format", "csv",
                                 "--include-drafts"])
    assert query.exit_code == 0 and "graph/draft/zz_invented" in query.output
    merged = runner.invoke(main, [*root, "export", "--format", "turtle", "--include-drafts"])
    assert merged.exit_code == 2 and "--include-drafts" in merged.output
    dataset = runner.invoke(main, [*root, "export", "--format", "nquads", "--include-drafts"])
    assert dataset.exit_code == 0 and "/graph/draft/zz_invented>" in dataset.output
    plain = runner.invoke(main, [*root, "export", "--format", "nquads"])
    assert plain.exit_code == 0 and "/graph/draft/" not in plain.output
    coverage = runner.invoke(main, [*root, "coverage", "--uncited"])
    assert f"draft/{STEM}: 2/3 sentences cited" in coverage.output


def test_stats_count_drafts_apart(with_draft):
    import json
    stats = json.loads((with_draft.build_dir / "stats.json").read_text())
    assert stats["articles"] == 6 and stats["drafts"] == 1 and stats["draft_fact_triples"] == 3


def test_adding_and_removing_a_draft_incrementally_gives_the_bytes_of_a_full_build(tmp_path, copy_of_project):
    project = copy_of_project(tmp_path / "project")
    assert build(project, reason=False).ok
    before = digests_without_drafts(project)
    add_draft(project)
    result = build(project, reason=False)
    assert result.ok and result.redone == [f"draft/{STEM}"]
    incremental = digests(project)
    shutil.rmtree(project.build_dir)
    assert build(project, reason=False).ok
    assert digests(project) == incremental
    project.draft_file(STEM).unlink()
    project.article_text_file(STEM).unlink()
    text = project.corpus_metadata_file.read_text(encoding="utf-8")
    project.corpus_metadata_file.write_text(text.replace(METADATA, ""), encoding="utf-8")
    assert build(project, reason=False).ok
    assert digests_without_drafts(project) == before


def digests_without_drafts(project) -> dict:
    return {k: v for k, v in digests(project).items() if "drafts" not in k}


def test_a_draft_that_fails_a_gate_fails_the_build_naming_its_file(tmp_path, copy_of_project):
    project = copy_of_project(tmp_path / "project")
    add_draft(project, DRAFT.replace("KFOR was established in 1999", "KFOR was founded in 1999"))
    with pytest.raises(InputError) as error:
        build(project, reason=False)
    assert f"drafts/{STEM}.ttl" in str(error.value)
    # a SHACL violation in a draft fails the build as one in a reviewed graph would, and nothing is published
    add_draft(project, DRAFT.replace('"1998"^^xsd:gYear', '"not a year"'))
    result = build(project, reason=False)
    assert not result.ok and not result.checks.shacl.conforms
    assert result.checks.shacl_sources == [f"graph/drafts/{STEM}.ttl:14: https://w3id.org/wbkg/id/kfor "
                                           "https://w3id.org/wbkg/ontology#startDate"]
    assert f"graph/drafts/{STEM}.ttl:14" in result.checks.render()
    assert not (project.build_dir / "wbkg.nq").exists()
