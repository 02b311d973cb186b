"""The draft writer: graph/drafts/<id>.ttl follows docs/MODEL.md, grounds, is deterministic, mints IRIs that
collide with nothing, drops a fact whose evidence fails, and takes new kinds as one more writer. Invented
texts only."""
from __future__ import annotations

import hashlib

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from wbkg.corpus import Article
from wbkg.ground import ground
from wbkg.ingest import draft as draft_module
from wbkg.ingest.dates_resolve import PartialDate
from wbkg.ingest.draft import slug, write_draft
from wbkg.ingest import writers  # noqa: F401  (registers the writers)
from wbkg.ingest.extractor import Context, Extraction, Extractor, Found, RuleExtractor
from wbkg.ingest.gazetteer import Gazetteer, rule_forms
from wbkg.ingest.run import class_tree, existing_iris, ingest
from wbkg.rdfio import parse_turtle
from wbkg.vocab.namespaces import ID, WBKG

PROV_GENERATED_BY = URIRef("http://www.w3.org/ns/prov#wasGeneratedBy")
TEXT = """Ministers meet in Tirana

Albin Kurti said on Friday that Kosovo was ready to help. "We will not stand aside," Kurti said.

Around 350 troops and several hundred police officers will take part. Around 350 troops is a record.
"""


def draft_of(project, text: str, stem: str = "tirana_meeting", published: str | None = "2024-06-10",
             taken=frozenset(), extractor: Extractor | None = None, tmp: Path | None = None, contextual=()):
    entities = parse_turtle(project.entities_file)
    context = Context(stem, PartialDate.parse(published) if published else None,
                      Gazetteer.from_graph(entities, contextual))
    extraction = (extractor or RuleExtractor()).extract(text, context)
    text_path = (tmp or Path("/nonexistent")) / f"{stem}.txt"
    return write_draft(stem, text, extraction, context, entities=entities, text_path=text_path,
                       draft_path=project.draft_file(stem), taken=taken, classes=class_tree(project))


def grounds(project, stem: str, text: str, turtle: str, tmp_path: Path) -> list:
    path = tmp_path / f"{stem}.txt"
    path.write_text(text, encoding="utf-8")
    graph = Graph().parse(data=turtle, format="turtle")
    return [p for p in ground(Article(stem, path, project.draft_file(stem)), graph,
                              parse_turtle(project.entities_file), turtle) if p.severity != "warning"]


def test_draft_follows_the_model(project, tmp_path):
    result = draft_of(project, TEXT)
    graph = Graph().parse(data=result.turtle, format="turtle")
    lines = result.turtle.splitlines()
    assert lines[3] == f"# Text SHA-256: {hashlib.sha256(TEXT.encode('utf-8')).hexdigest()}"
    assert lines[4] == "@prefix : <https://w3id.org/wbkg/article/tirana_meeting#> ."
    statements = sorted(graph.subjects(RDF.type, WBKG.Statement))
    assert statements == [ID["statement-albin-kurti-tirana-meeting-1"], ID["statement-albin-kurti-tirana-meeting-2"]]
    reported, direct = statements
    assert graph.value(reported, WBKG.speaker) == ID["albin-kurti"]
    assert graph.value(reported, WBKG.text) == Literal("Kosovo was ready to help", lang="en")
    assert graph.value(reported, WBKG.directQuote).toPython() is False
    assert str(graph.value(reported, WBKG.date)) == "2024-06-07"  # "said on Friday", 10 June 2024 a Monday
    assert graph.value(direct, WBKG.text) == Literal("We will not stand aside", lang="en")
    assert graph.value(direct, WBKG.directQuote).toPython() is True
    assert str(graph.value(direct, WBKG.date)) == "2024-06-10"  # the article's date
    quantities = sorted(graph.subjects(RDF.type, WBKG.Quantity))
    values = sorted((str(graph.value(q, WBKG.value)), str(graph.value(q, WBKG.approximation)).rsplit("#")[-1])
                    for q in quantities)
    assert ("350", "Approximately") in values
    for evidence in graph.subjects(RDF.type, WBKG.Evidence):
        assert str(evidence).startswith("https://w3id.org/wbkg/article/tirana_meeting#ev-")
        generator = str(graph.value(evidence, PROV_GENERATED_BY))
        assert generator.startswith(f"https://w3id.org/wbkg/extractor/rules/{RuleExtractor.version}#")
        assert 0 <= graph.value(evidence, WBKG.confidence).toPython() <= 1
        assert graph.value(evidence, WBKG.reviewStatus) == WBKG.Unreviewed
        assert str(graph.value(evidence, WBKG.exact)) in TEXT
    ev = URIRef("https://w3id.org/wbkg/article/tirana_meeting#ev-statement-albin-kurti-1")
    assert str(graph.value(ev, PROV_GENERATED_BY)).endswith("#statement-reported-dated")
    assert str(graph.value(ev, WBKG.exact)) == "Albin Kurti said on Friday that Kosovo was ready to help"
    # a quote printed twice gets the text before the intended occurrence
    twice = [e for e in graph.subjects(RDF.type, WBKG.Evidence) if TEXT.count(str(graph.value(e, WBKG.exact))) > 1]
    assert all(graph.value(e, WBKG.prefix) is not None for e in twice)
    assert not any(isinstance(t, type(None)) for t in graph.all_nodes())
    assert "id:albin-kurti 'Albin Kurti'" not in result.named_unused  # a fact uses it
    assert any(entry.startswith("id:kosovo ") for entry in result.named_unused)
    # the headline is a meeting in a city the entities file does not know: proposed, with its evidence
    assert graph.value(ID["tirana"], RDF.type) == WBKG.Settlement
    assert graph.value(ID["meeting-tirana-meeting-1"], WBKG.place) == ID["tirana"]
    assert str(graph.value(ID["meeting-tirana-meeting-1"], WBKG.latestDate)) == "2024-06-10"
    assert result.uncovered == []


def test_draft_grounds_and_is_deterministic(project, tmp_path):
    first = draft_of(project, TEXT)
    second = draft_of(project, TEXT)
    assert first.turtle == second.turtle
    assert grounds(project, "tirana_meeting", TEXT, first.turtle, tmp_path) == []
    assert "_:" not in first.turtle and "[" not in first.turtle  # no blank nodes


def test_ingested_draft_is_unchanged_for_an_unchanged_text(project, project_copy, tmp_path):
    source = tmp_path / "in" / "tirana_meeting.txt"
    source.parent.mkdir()
    source.write_text(TEXT, encoding="utf-8")
    ingest(project_copy, [source], published="2024-06-10")
    written = project_copy.draft_file("tirana_meeting").read_text(encoding="utf-8")
    # as ingest drafts it: with the IRIs the graph has written (Albin Kurti's tenure: no exemption) and the
    # reviewed articles' mention rules
    contextual = rule_forms(sorted(project.articles_graph_dir.glob("*.ttl")))
    assert written == draft_of(project, TEXT, taken=frozenset(existing_iris(project)), contextual=contextual).turtle
    assert grounds(project_copy, "tirana_meeting", TEXT, written, tmp_path) == []


def test_iris_collide_with_nothing_existing(project, tmp_path):
    taken = frozenset({str(ID["statement-albin-kurti-tirana-meeting-1"])})
    result = draft_of(project, TEXT, taken=taken)
    graph = Graph().parse(data=result.turtle, format="turtle")
    statements = set(graph.subjects(RDF.type, WBKG.Statement))
    assert ID["statement-albin-kurti-tirana-meeting-1"] not in statements
    assert ID["statement-albin-kurti-tirana-meeting-1-2"] in statements
    found = existing_iris(project)
    assert str(ID["albin-kurti"]) in found and str(ID["kfor"]) in found


def test_a_fact_whose_evidence_fails_is_dropped(project, tmp_path, monkeypatch):
    def bad_quote(draft, found):
        node = draft.fact_iri("quantity", "troops", draft.dashed, "99")
        draft.add(node, RDF.type, WBKG.Quantity)
        draft.add(node, WBKG.value, Literal("1"))
        draft.text = draft.text + " words that are not in the article"
        draft.evidence(node, len(draft.text) - 10, len(draft.text), Found(None, "test-rule", 0.5))
        draft.text = TEXT
        return 1

    monkeypatch.setitem(draft_module.WRITERS, "zz-broken", bad_quote)

    class WithBroken(RuleExtractor):
        def extract(self, text, context):
            extraction = super().extract(text, context)
            extraction.items["zz-broken"] = [Found(None, "test-rule", 0.5)]
            return extraction

    result = draft_of(project, TEXT, extractor=WithBroken())
    assert "quantity-troops-tirana-meeting-99" not in result.turtle
    assert len(result.dropped) == 1 and "quote not found" in result.dropped[0]
    assert result.counts["zz-broken"] == 0
    assert grounds(project, "tirana_meeting", TEXT, result.turtle, tmp_path) == []


def test_a_kind_without_writer_is_reported_and_a_new_writer_is_additive(project, monkeypatch):
    class WithEvents(RuleExtractor):
        def extract(self, text, context):
            extraction = super().extract(text, context)
            extraction.items["stances"] = [Found("stance", "stance-support", 0.6)]
            return extraction

    result = draft_of(project, TEXT, extractor=WithEvents())
    assert "stances: 1 found, no draft writer for this kind yet" in result.skipped

    def events(draft, found):
        return len(found)

    monkeypatch.setitem(draft_module.WRITERS, "stances", events)
    assert draft_of(project, TEXT, extractor=WithEvents()).counts["stances"] == 1
    assert isinstance(RuleExtractor(), Extractor)


def test_extraction_names_its_generator():
    extraction = Extraction("llm", "2.1")
    assert extraction.generator("tenure-title-name") == \
        URIRef("https://w3id.org/wbkg/extractor/llm/2.1#tenure-title-name")
    assert slug("Radmila Šekerinska") == "radmila-sekerinska"
    assert slug("s000001_ABC") == "s000001-abc"


def test_unknown_speaker_and_unresolved_dates_are_reported(project):
    text = 'Ana Novak said on Friday that the base would close. "Done," she said.\n'
    result = draft_of(project, text, published=None)
    assert "statement" not in result.turtle.split("@prefix xsd")[1]
    assert any("speaker 'Ana Novak' is not a known entity" in s for s in result.skipped)
    assert any(s.startswith("date 'Friday'") and "not resolved" in s for s in result.skipped)
