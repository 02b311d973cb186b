"""Events (wbkg.ingest.events) on invented sentences: each trigger kind, agent, participants, place, date resolved
against a publication date, planned vs past, and negation."""
from __future__ import annotations

import pytest
from rdflib import Graph

from wbkg.ingest.dates import PartialDate, find_dates
from wbkg.ingest.events import find_events
from wbkg.ingest.gazetteer import Gazetteer
from wbkg.ingest.mentions import find_mentions
from wbkg.vocab.namespaces import ID, WBKG

ENTITIES = """
@prefix id: <https://w3id.org/wbkg/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix wbkg: <https://w3id.org/wbkg/ontology#> .
id:ruritania a wbkg:State ; skos:prefLabel "Ruritania"@en .
id:sylvania a wbkg:State ; skos:prefLabel "Sylvania"@en .
id:strelsau a wbkg:Settlement ; skos:prefLabel "Strelsau"@en .
id:zenda a wbkg:Settlement ; skos:prefLabel "Zenda"@en .
id:ana-voss a wbkg:Person ; skos:prefLabel "Ana Voss"@en ; skos:altLabel "Ms Voss"@en .
id:ivo-marek a wbkg:Person ; skos:prefLabel "Ivo Marek"@en .
id:atlo a wbkg:InternationalOrganisation ; skos:prefLabel "ATLO"@en .
"""
PUBLISHED = PartialDate.parse("2024-03-14")  # a Thursday


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_graph(Graph().parse(data=ENTITIES, format="turtle"))


def events(text, gaz):
    return find_events(text, find_mentions(text, gaz), find_dates(text, PUBLISHED), gaz)


def one(text, gaz):
    found = events(text, gaz)
    assert len(found) == 1, found
    return found[0]


def test_visit_with_agent_places_and_date(gaz):
    text = "Ana Voss visited Strelsau and Zenda on Tuesday."
    e = one(text, gaz)
    assert e.event_class == WBKG.Visit and e.trigger.text == "visited" and not e.planned
    assert e.agent.entity == ID["ana-voss"]
    assert [p.entity for p in e.places] == [ID.strelsau, ID.zenda]
    assert e.date.value.lexical == "2024-03-12"
    assert text[e.begin:e.end] == e.clause and e.rule == "visit-verb" and 0 < e.confidence <= 1


def test_visit_noun_with_owner_and_unknown_place(gaz):
    e = one("Ms Voss’s visit to Tarlenheim was short.", gaz)
    assert (e.event_class, e.agent.entity, e.rule) == (WBKG.Visit, ID["ana-voss"], "visit-noun")
    assert [(p.surface, p.entity) for p in e.places] == [("Tarlenheim", None)]


def test_travelled_to_and_bare_reference_is_not_a_new_visit(gaz):
    found = events("Ivo Marek travelled to Sylvania last week. The visit was praised.", gaz)
    assert [(e.event_class, e.trigger.text) for e in found] == [(WBKG.Visit, "travelled to")]
    assert found[0].places[0].entity == ID.sylvania
    assert found[0].date.surface == "last week" and found[0].date.value.lower.isoformat() == "2024-03-04"


def test_meeting_participants_drop_titles(gaz):
    text = "In Strelsau Ana Voss met with President Ivo Marek and Defence Minister Karl Hentzau."
    e = one(text, gaz)
    assert e.event_class == WBKG.Meeting and e.agent.entity == ID["ana-voss"]
    assert [(p.surface, p.entity) for p in e.participants] == [
        ("Ivo Marek", ID["ivo-marek"]), ("Defence Minister Karl Hentzau", None)]
    assert [p.entity for p in e.places] == [ID.strelsau]


def test_held_talks_and_planned_meeting(gaz):
    e = one("Ana Voss will hold talks with Ivo Marek in Zenda next month.", gaz)
    assert (e.event_class, e.rule, e.planned, e.modality) == (WBKG.Meeting, "held-talks", True, "planned")
    assert e.participants[0].entity == ID["ivo-marek"] and e.date.value.lexical == "2024-04"


def test_negated_meeting_is_not_drafted(gaz):
    assert events("Ana Voss did not meet Ivo Marek in Zenda.", gaz) == []
    assert events("Ivo Marek never visited Sylvania.", gaz) == []


def test_announcement(gaz):
    e = one("Ruritania announced new funding for ATLO on Monday.", gaz)
    assert (e.event_class, e.agent.entity, e.date.value.lexical) == (WBKG.Announcement, ID.ruritania,
                                                                     "2024-03-11")


def test_signing_passive_with_by_agents_and_place(gaz):
    e = one("An agreement was signed today in Strelsau by Ana Voss and Ivo Marek.", gaz)
    assert e.event_class == WBKG.Signing and e.rule == "sign-document"
    assert e.agent.entity == ID["ana-voss"] and [p.entity for p in e.participants] == [ID["ivo-marek"]]
    assert [p.entity for p in e.places] == [ID.strelsau] and e.date.value.lexical == "2024-03-14"


def test_signing_needs_a_document(gaz):
    assert events("Ana Voss signed the guest book.", gaz) == []
    assert one("Ruritania and Sylvania signed a defence treaty.", gaz).event_class == WBKG.Signing


def test_deployments_past_and_planned(gaz):
    past = one("Ruritania deployed 200 troops to Sylvania in 2021.", gaz)
    assert (past.event_class, past.planned, past.date.value.lexical) == (WBKG.Deployment, False, "2021")
    assert past.places[0].entity == ID.sylvania and past.agent.entity == ID.ruritania
    planned = one("Sylvania will send troops to Ruritania.", gaz)
    assert (planned.event_class, planned.rule, planned.planned) == (WBKG.Deployment, "send-troops", True)
    assert planned.places[0].entity == ID.ruritania


def test_deployment_readiness_is_only_possible(gaz):
    e = one("A reserve force of Ruritania is ready to deploy at short notice.", gaz)
    assert (e.modality, e.planned) == ("possible", True)


def test_host_summit_vs_host_meeting(gaz):
    e = one("Ana Voss will host regional leaders for a summit in Zenda.", gaz)
    assert (e.event_class, e.planned, e.agent.entity) == (WBKG.Summit, True, ID["ana-voss"])
    assert [p.entity for p in e.places] == [ID.zenda]
    m = one("Ruritania hosted talks with Sylvania's ministers.", gaz)
    assert m.event_class == WBKG.Meeting and m.rule == "host-meeting"
    assert events("Sylvania will host a hub, officials said.", gaz) == []


def test_clause_is_a_clause_not_the_sentence(gaz):
    text = "Budgets rose; Ana Voss visited Zenda."
    e = one(text, gaz)
    assert e.clause == "Ana Voss visited Zenda." and text[e.begin:e.end] == e.clause
