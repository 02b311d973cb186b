"""The writer of dated background (draft_histories.py) on invented articles over the project's entities: a
founding's start date on a restricted evidence and its wbkg:Founding, an accession (a membership's start), a
military service, a known event's date, and what it leaves to the reviewer."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF

from wbkg.corpus import Article
from wbkg.ground import ground
from wbkg.ingest import writers  # noqa: F401  (registers the writers)
from wbkg.ingest.dates_resolve import PartialDate
from wbkg.ingest.draft import write_draft
from wbkg.ingest.extractor import Context, RuleExtractor
from wbkg.ingest.gazetteer import Gazetteer
from wbkg.ingest.run import class_tree
from wbkg.rdfio import parse_turtle
from wbkg.vocab.namespaces import ID, WBKG


XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


def drafted(project, text: str, stem: str = "invented", published: str = "2024-03-14"):
    entities = parse_turtle(project.entities_file)
    context = Context(stem, PartialDate.parse(published), Gazetteer.from_graph(entities))
    extraction = RuleExtractor().extract(text, context)
    result = write_draft(stem, text, extraction, context, entities=entities, text_path=Path("/nonexistent"),
                         draft_path=project.draft_file(stem), classes=class_tree(project))
    return result, Graph().parse(data=result.turtle, format="turtle")


def restricted_to(graph: Graph, node, prop) -> list[str]:
    """The quotes of the evidences of ``node`` restricted to ``prop``."""
    return [str(graph.value(ev, WBKG.exact)) for ev in graph.subjects(WBKG.supports, node)
            if prop in set(graph.objects(ev, WBKG.supportsProperty))]


def test_a_founding_dates_a_known_mission_on_a_restricted_evidence(project):
    _, graph = drafted(project, "KFOR was established in 1999 after a long war.\n")
    assert str(graph.value(ID["kfor"], WBKG.startDate)) == "1999"
    assert restricted_to(graph, ID["kfor"], WBKG.startDate) == ["KFOR was established in 1999"]
    assert not list(graph.subjects(RDF.type, WBKG.Founding))  # no founder named: no founding event


def test_a_founding_by_a_named_person_is_a_founding_event_of_the_proposal(project):
    text = "Ministers met under the Zenda Initiative set up by former Ruritanian prime minister Anna Brel in 2016.\n"
    result, graph = drafted(project, text)
    [founding] = graph.subjects(RDF.type, WBKG.Founding)
    forum = graph.value(founding, WBKG.establishes)
    assert str(graph.value(forum, WBKG.startDate)) == "2016" == str(graph.value(founding, WBKG.date))
    assert graph.value(founding, WBKG.agent) == ID["anna-brel"]


def test_an_accession_is_the_membership_with_its_start_and_no_accession_event(project):
    _, graph = drafted(project, "North Macedonia, NATO's newest ally which joined in March 2020, sent troops.\n")
    [membership] = graph.subjects(RDF.type, WBKG.Membership)
    assert membership == ID["membership-north-macedonia-nato"]  # the curated node's IRI: one fact, one node
    assert graph.value(membership, WBKG.member) == ID["north-macedonia"]
    assert graph.value(membership, WBKG.organisation) == ID["nato"]
    assert str(graph.value(membership, WBKG.startDate)) == "2020-03"
    assert not list(graph.subjects(RDF.type, WBKG.Accession))  # it would say nothing beyond the start


def test_a_service_there_is_a_military_service_with_start_and_end(project):
    _, graph = drafted(project, "Colonel Ivo Stan has been to Kosovo since he served there in 2003-2004.\n")
    [service] = graph.subjects(RDF.type, WBKG.MilitaryService)
    assert graph.value(service, WBKG.agent) == ID["ivo-stan"] and graph.value(service, WBKG.place) == ID["kosovo"]
    assert (str(graph.value(service, WBKG.startDate)), str(graph.value(service, WBKG.endDate))) == ("2003", "2004")


def test_a_known_event_gets_the_date_of_its_phrase_and_a_place_does_not(project):
    result, graph = drafted(project, "Veterans recalled the Bosnian War in the 1990s and Kosovo in 2008.\n")
    assert str(graph.value(ID["bosnian-war"], WBKG.date)) == "1990"
    assert restricted_to(graph, ID["bosnian-war"], WBKG.date) == ["Bosnian War in the 1990s"]
    assert graph.value(ID["kosovo"], WBKG.date) is None
    assert not any("Kosovo" in s for s in result.skipped)  # a place is not even a candidate


def test_a_known_event_is_dated_through_a_place_phrase_and_a_relative_date(project):
    _, graph = drafted(project, "The visit comes ahead of the Western Balkans Summit in London next year.\n",
                       published="2017-11")
    assert str(graph.value(ID["london-western-balkans-summit-2018"], WBKG.date)) == "2018"


def test_a_year_in_the_event_name_that_disagrees_leaves_the_link_to_the_reviewer(project_copy):
    with project_copy.entities_file.open("a") as f:
        f.write('\nid:zenda-summit-2030 a wbkg:Summit ; skos:prefLabel "Zenda Summit 2030"@en ; '
                'skos:altLabel "Zenda Summit"@en .\n')
    # a publication month only: the linker's own date check (a day of publication) does not apply, as in
    # seed article 001, where "Western Balkans Summit" was linked to the 2025 summit in a 2017 article
    result, graph = drafted(project_copy, "Officials prepared the Zenda Summit in June.\n", published="2024-03")
    assert graph.value(ID["zenda-summit-2030"], WBKG.date) is None
    assert any("gives the year 2030, not 2023-06" in s for s in result.skipped), result.skipped + result.unlinked


def test_every_history_draft_grounds(project):
    text = ("KFOR was established in 1999. North Macedonia joined NATO in March 2020. "
            "Veterans recalled the Bosnian War in the 1990s.\n")
    result, graph = drafted(project, text)
    article = Article("invented", Path("/nonexistent"), project.draft_file("invented"))
    article.__dict__["text"] = text
    assert not [p for p in ground(article, graph, parse_turtle(project.entities_file), result.turtle)
                if p.severity != "warning"]
    assert not result.dropped


def test_a_quantity_is_dated_by_the_one_date_of_its_own_clause(project):
    _, graph = drafted(project, "Some 400 people were smuggled through Kosovo last year, officials said on Monday.\n")
    [q] = graph.subjects(RDF.type, WBKG.Quantity)
    assert str(graph.value(q, WBKG.date)) == "2023"


def test_a_quantity_with_two_dates_or_a_bound_in_its_clause_keeps_the_article_date(project):
    for text in ("Some 400 troops served in Kosovo in 2019 or 2020.\n",
                 "About 400 troops have served in Kosovo since 2019.\n"):
        _, graph = drafted(project, text)
        [q] = graph.subjects(RDF.type, WBKG.Quantity)
        assert str(graph.value(q, WBKG.date)) == "2024-03-14", text


def test_confirmed_that_is_an_announcement_with_its_date_and_an_event_noun_needs_a_date(project):
    _, graph = drafted(project, "The minister confirmed last week that talks had begun. "
                                "Leaders spoke at an event in Pristina on Tuesday. They attended an event in Skopje.\n")
    [a] = graph.subjects(RDF.type, WBKG.Announcement)
    assert str(graph.value(a, WBKG.date)) == "2024-03"  # "last week": the week of 4 March 2024
    [e] = graph.subjects(RDF.type, WBKG.Event)
    assert str(graph.value(e, WBKG.date)) == "2024-03-12" and graph.value(e, WBKG.place) == ID["pristina"]


def test_a_signing_establishing_a_named_cell_gives_the_proposal_its_start_date(project):
    text = ("An agreement was signed today in Skopje by the United Kingdom and North Macedonia, establishing a "
            "Balkan Mountain Training Cell.\n")
    result, graph = drafted(project, text)
    [cell] = [s for s in graph.subjects(WBKG.startDate, None) if "training-cell" in str(s)]
    start = graph.value(cell, WBKG.startDate)
    assert (str(start), str(start.datatype)) == ("2024-03-14", XSD_DATE)  # "today": the publication day
    assert restricted_to(graph, cell, WBKG.startDate) == [text.strip()[:-1]]
    assert not list(graph.subjects(RDF.type, WBKG.Founding))  # the signing says who; no founder of its own
    article = Article("invented", Path("/nonexistent"), project.draft_file("invented"))
    article.__dict__["text"] = text
    assert not [p for p in ground(article, graph, parse_turtle(project.entities_file), result.turtle)
                if p.severity != "warning"]


def test_an_active_founding_of_a_named_centre_is_its_start_and_a_founding_by_the_founder(project):
    _, graph = drafted(project, "In June 2015, North Macedonia set up the Balkan Demining Centre.\n")
    [founding] = graph.subjects(RDF.type, WBKG.Founding)
    centre = graph.value(founding, WBKG.establishes)
    assert str(graph.value(centre, WBKG.startDate)) == "2015-06" == str(graph.value(founding, WBKG.date))
    assert graph.value(founding, WBKG.agent) == ID["north-macedonia"]


def test_an_agreement_on_trade_or_a_plan_to_establish_dates_nothing(project):
    for text in ("The United Kingdom and North Macedonia signed an agreement on trade today.\n",
                 "North Macedonia plans to establish the Balkan Demining Centre in 2025.\n",
                 "The United Kingdom signed an agreement today to set up the Balkan Demining Centre.\n"):
        _, graph = drafted(project, text)
        assert not list(graph.subjects(WBKG.startDate, None)), text
