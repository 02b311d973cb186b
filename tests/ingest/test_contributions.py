"""Contributions and commitments to missions (wbkg.ingest.contributions) on invented sentences: contributor
count, a list of states, commitments with an end date vs a lower bound, strength, and the mission anaphor."""
from __future__ import annotations

import pytest
from rdflib import Graph

from wbkg.ingest.contributions import find_contributions
from wbkg.ingest.dates import PartialDate, find_dates
from wbkg.ingest.gazetteer import Gazetteer
from wbkg.ingest.mentions import find_mentions
from wbkg.ingest.quantities import find_quantities
from wbkg.vocab.namespaces import ID, WBKG

ENTITIES = """
@prefix id: <https://w3id.org/wbkg/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix wbkg: <https://w3id.org/wbkg/ontology#> .
id:ruritania a wbkg:State ; skos:prefLabel "Ruritania"@en .
id:sylvania a wbkg:State ; skos:prefLabel "Sylvania"@en .
id:borduria a wbkg:State ; skos:prefLabel "Borduria"@en .
id:syldavia a wbkg:State ; skos:prefLabel "Syldavia"@en .
id:rdf a wbkg:ArmedForces ; skos:prefLabel "Ruritanian Defence Force"@en ; wbkg:ofState id:ruritania .
id:mfor a wbkg:PeaceSupportMission ; skos:prefLabel "Marches Force"@en ; skos:altLabel "MFOR"@en .
id:atlo a wbkg:InternationalOrganisation ; skos:prefLabel "ATLO"@en .
"""
PUBLISHED = PartialDate.parse("2024-03-14")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_graph(Graph().parse(data=ENTITIES, format="turtle"))


def contributions(text, gaz):
    return find_contributions(text, find_mentions(text, gaz), find_quantities(text), find_dates(text, PUBLISHED),
                              gaz)


def test_contributor_count_with_strength(gaz):
    text = "Some 3,000 troops from 28 countries serve in MFOR."
    [c] = contributions(text, gaz)
    assert (c.kind, c.contributor, c.mission.entity) == ("contributor-count", None, ID.mfor)
    assert c.contributor_count.value == 28 and c.contributor_count.unit == str(WBKG.States)
    assert c.strength.value == 3000 and c.strength.approximation == str(WBKG.Approximately)
    assert text[c.begin:c.end] == c.clause


def test_one_contribution_per_listed_state(gaz):
    found = contributions("Ruritania, Sylvania, Borduria and Syldavia send troops to MFOR.", gaz)
    assert [(c.kind, c.contributor.entity, c.mission.entity) for c in found] == [
        ("contribution", ID[s], ID.mfor) for s in ("ruritania", "sylvania", "borduria", "syldavia")]
    assert all(c.rule == "states-listed" for c in found)


def test_forces_from_a_list_and_the_mission_anaphor(gaz):
    text = "MFOR was set up in 2001. Its troops serve in the mission, including forces from Borduria and Syldavia."
    found = contributions(text, gaz)
    assert [(c.contributor.entity, c.mission.entity, c.mission.surface) for c in found] == [
        (ID.borduria, ID.mfor, "the mission"), (ID.syldavia, ID.mfor, "the mission")]


def test_lower_bound_is_not_an_end_date(gaz):
    [c] = contributions("Ruritania will stay in MFOR until at least 2026.", gaz)
    assert (c.kind, c.contributor.entity, c.mission.entity, c.planned) == ("commitment", ID.ruritania, ID.mfor, True)
    assert (c.until.value.lexical, c.until_kind, c.until_approximation) == ("2026", "lower-bound", WBKG.AtLeast)


def test_end_date_is_valid_until(gaz):
    [c] = contributions("Sylvania will extend its contribution to MFOR to December 2028.", gaz)
    assert (c.until.value.lexical, c.until_kind, c.until_approximation) == ("2028-12", "end", WBKG.Exact)
    assert c.contributor.entity == ID.sylvania and c.rule == "commit-verb"


def test_armed_forces_contribute_for_their_state_with_strength(gaz):
    [c] = contributions("The Ruritanian Defence Force will continue to provide around 500 soldiers to MFOR.", gaz)
    assert (c.contributor.surface, c.contributor.entity) == ("Ruritanian Defence Force", ID.ruritania)
    assert c.strength.value == 500 and c.strength.unit == str(WBKG.Troops)


def test_contributor_since_gives_the_start(gaz):
    found = contributions("MFOR patrols the border. Borduria has been a major contributor to the force since 2010.",
                          gaz)
    [c] = found
    assert (c.contributor.entity, c.mission.entity, c.start.value.lexical, c.until) == (
        ID.borduria, ID.mfor, "2010", None)
    assert c.rule == "contributor-noun" and not c.planned


def test_no_mission_no_contribution(gaz):
    assert contributions("Ruritania and Sylvania send troops to the border.", gaz) == []
    assert contributions("ATLO will stay in Borduria until 2030.", gaz) == []
