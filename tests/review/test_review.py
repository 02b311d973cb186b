"""`wbkg review` on an invented article: accept, reject, correct, and the refusals; the curated files it writes
hold exactly the draft's facts and the build passes after each action."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SKOS, XSD

from wbkg.cli import main
from wbkg.ingest.run import ingest
from wbkg.pipeline import build
from wbkg.project import Project
from wbkg.review import actions, corrections, writeback
from wbkg.review.drafts import list_drafts, read_draft
from wbkg.vocab.namespaces import ID, WBKG

pytestmark = pytest.mark.slow  # ingests and builds

# the invented example article of the README (docs/ingest/examples/)
ARTICLE = (Path(__file__).resolve().parents[2] / "docs" / "ingest" / "examples" / "kfor_2024.txt").read_text(
    encoding="utf-8")
STEM = "kfor_review"


@pytest.fixture(scope="module")
def template(tmp_path_factory, copy_of_project):
    project = copy_of_project(tmp_path_factory.mktemp("review") / "project")
    source = tmp_path_factory.mktemp("news") / f"{STEM}.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    ingest(project, [source])
    return project


@pytest.fixture
def proj(template, tmp_path) -> Project:
    target = tmp_path / "project"
    shutil.copytree(template.root, target, ignore=shutil.ignore_patterns("build"))
    return Project(target)


def turtle(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def passes(project: Project) -> None:
    result = build(project)
    assert result.ok, result.checks.render()


def cli(project: Project, *args):
    return CliRunner().invoke(main, ["--root", str(project.root), "review", *args], catch_exceptions=False)


def test_accept_all_gives_the_drafts_facts_and_a_passing_build(proj):
    draft = turtle(proj.draft_file(STEM))
    entities_before = proj.entities_file.read_text(encoding="utf-8")
    outcome = actions.accept(proj, STEM, None, reviewer="Ada Analyst")
    assert outcome.removed == [proj.draft_file(STEM)] and not proj.draft_file(STEM).exists()
    article, entities = turtle(proj.article_graph_file(STEM)), turtle(proj.entities_file)
    evidence = set(draft.subjects(RDF.type, WBKG.Evidence))
    facts = {t for t in draft if t[0] not in evidence}
    added_entities = set(entities) - set(Graph().parse(data=entities_before, format="turtle"))
    curated = {t for t in article if t[0] not in set(article.subjects(RDF.type, WBKG.Evidence))} | added_entities
    assert curated == facts
    assert (ID["marta-lindqvist"], SKOS.prefLabel, Literal("Marta Lindqvist", lang="en")) in added_entities
    assert (ID["post-defence-secretary-united-kingdom"], WBKG.postIn, ID["united-kingdom"]) in added_entities
    assert not any(s == ID["marta-lindqvist"] for s in article.subjects())  # identity lives in entities.ttl
    assert proj.entities_file.read_text(encoding="utf-8").startswith(entities_before)  # appended, not rewritten
    statuses = set(article.objects(None, WBKG.reviewStatus))
    assert statuses == {WBKG.Accepted}
    assert set(article.objects(None, WBKG.reviewedBy)) == {Literal("Ada Analyst")}
    assert all(o.datatype == XSD.dateTime for o in article.objects(None, WBKG.reviewedAt))
    assert len(set(article.objects(None, WBKG.reviewedAt))) == 1
    ev = proj.article_graph_file(STEM).read_text(encoding="utf-8")
    assert "prov:wasGeneratedBy <https://w3id.org/wbkg/extractor/rules/" in ev
    passes(proj)


def test_accept_one_and_reject_one(proj):
    outcome = actions.accept(proj, STEM, ["statement-marta-lindqvist-1"], reviewer="Ada Analyst")
    assert outcome.along == ["marta-lindqvist"]  # the speaker it refers to comes along
    rejected = actions.reject(proj, STEM, ["quantity-soldiers-1"], reviewer="Ada Analyst", why="British only")
    assert rejected.left == len(read_draft(proj, STEM).facts) == 13  # the drafted exemption of Dragan Petrovic (no post) among them
    article = turtle(proj.article_graph_file(STEM))
    node = ID["statement-marta-lindqvist-kfor-review-1"]
    assert article.value(node, WBKG.text) == Literal("The UK will stay in KFOR until at least 2026", lang="en")
    assert article.value(node, WBKG.speaker) == ID["marta-lindqvist"]
    record = turtle(proj.rejected_file(STEM))
    ev = record.value(None, WBKG.supports, ID["quantity-soldiers-kfor-review-1"])
    assert record.value(ev, WBKG.reviewStatus) == WBKG.Discarded
    assert record.value(ev, WBKG.reviewNote) == Literal("British only", lang="en")
    assert ID["quantity-soldiers-kfor-review-1"] not in set(turtle(proj.draft_file(STEM)).subjects())
    assert ID["quantity-soldiers-kfor-review-1"] not in set(article.subjects())
    passes(proj)


def test_corrections_of_a_date_a_quantity_and_an_entity(proj):
    corrections.set_value(proj, STEM, "visit-1", "date=2024-03")
    corrections.set_value(proj, STEM, "quantity-soldiers-1", "value=450")
    corrections.link(proj, STEM, "Dragan Petrovic", "Aleksandar Vulin")
    draft = turtle(proj.draft_file(STEM))
    assert draft.value(ID["visit-kfor-review-1"], WBKG.date) == Literal("2024-03", datatype=XSD.gYearMonth)
    assert str(draft.value(ID["quantity-soldiers-kfor-review-1"], WBKG.value)) == "450"
    assert draft.value(ID["statement-dragan-petrovic-kfor-review-1"], WBKG.speaker) == ID["aleksandar-vulin"]
    assert ID["dragan-petrovic"] not in set(draft.subjects()) | set(draft.objects())
    notes = {str(n) for n in draft.objects(None, WBKG.reviewNote)}
    assert "date set by the reviewer to 2024-03 (month) (drafted: 2024-03-12 (day))" in notes
    actions.accept(proj, STEM, None, reviewer="Ada Analyst")
    entities = turtle(proj.entities_file)
    assert (ID["aleksandar-vulin"], SKOS.altLabel, Literal("Dragan Petrovic", lang="en")) in entities
    assert (ID["dragan-petrovic"], None, None) not in entities
    assert len(list(entities.objects(ID["aleksandar-vulin"], RDF.type))) == 1  # reused, not duplicated
    passes(proj)


def test_a_rejected_fact_is_not_proposed_again(proj, copy_of_project, tmp_path):
    actions.reject(proj, STEM, ["quantity-soldiers-1"], reviewer="Ada Analyst")
    fresh = copy_of_project(tmp_path / "fresh")  # the article removed; its rejections kept
    fresh.rejected_dir.mkdir(parents=True)
    shutil.copy(proj.rejected_file(STEM), fresh.rejected_file(STEM))
    source = tmp_path / "again.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    result = ingest(fresh, [source])  # the same text under another id
    again = turtle(fresh.draft_file("again"))
    quantities = {(str(again.value(q, WBKG.value)), again.value(q, WBKG.unit))
                  for q in again.subjects(RDF.type, WBKG.Quantity)}
    assert quantities == {("27", WBKG.States)}
    assert any("rejected in an earlier review" in line for line in result.articles[0].draft.dropped)


def test_bad_ids_a_stale_draft_and_a_needed_proposal_exit_2(proj):
    unknown = cli(proj, "nope")
    assert unknown.exit_code == 2 and "no draft for article 'nope'" in unknown.output
    fact = cli(proj, STEM, "--accept", "f99", "--reviewer", "A")
    assert fact.exit_code == 2 and f"article {STEM} has no draft fact 'f99'" in fact.output
    needed = cli(proj, STEM, "--reject", "marta-lindqvist", "--reviewer", "A")
    assert needed.exit_code == 2 and "refers to marta-lindqvist: reject it too" in needed.output
    text = proj.article_text_file(STEM)
    text.write_text(ARTICLE.replace("400", "500"), encoding="utf-8")
    stale = cli(proj, STEM, "--accept-all", "--reviewer", "A")
    assert stale.exit_code == 2 and "stale draft" in stale.output
    assert not proj.article_graph_file(STEM).exists()


def test_a_failed_write_changes_nothing(proj, monkeypatch):
    before = {p: p.read_bytes() for p in (proj.entities_file, proj.draft_file(STEM))}
    calls = []

    def failing_fsync(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
    monkeypatch.setattr(writeback.os, "fsync", failing_fsync)
    with pytest.raises(Exception, match="nothing changed"):
        actions.accept(proj, STEM, None, reviewer="A")
    assert {p: p.read_bytes() for p in before} == before
    assert not proj.article_graph_file(STEM).exists()
    assert not [p for p in proj.graph_dir.rglob(".*.tmp")]


def test_the_cli_lists_and_shows_with_labels_and_quotes(proj):
    assert [(s.stem, s.facts, s.entities) for s in list_drafts(proj)] == [(STEM, 12, 4)]
    listed = cli(proj)
    assert listed.output == f"{STEM}  'UK troops to stay in Kosovo peacekeeping mission': 12 facts, " \
                            "4 new entities pending\n"
    shown = cli(proj, STEM).output
    assert "[quantity-soldiers-1] quantity: approximately 400 troops" in shown
    assert "    »Around 400 British soldiers serve in KFOR, which has been led by NATO since 1999.«" in shown
    assert "[statement-marta-lindqvist-1] statement  (needs marta-lindqvist)" in shown
    assert "    speaker: Marta Lindqvist" in shown
    assert "    confidence 0.85, rule statement-direct" in shown
    assert '    »"The UK will stay in KFOR until at least 2026,« Ms Lindqvist said.' not in shown
    accepted = cli(proj, STEM, "--accept", "visit-1", "--reviewer", "Ada Analyst")
    assert accepted.exit_code == 0, accepted.output
    assert accepted.output.splitlines()[:2] == ["accepted 1: visit-1", "  with the proposals they refer to: "
                                                "marta-lindqvist"]
