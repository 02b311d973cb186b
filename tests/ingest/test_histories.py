"""Dated background (wbkg.ingest.histories) on invented sentences: foundings, accessions, periods of service
and dates attached to known events, each only when the date is attached to the phrase by syntax."""
from __future__ import annotations

import pytest
from rdflib import Graph

from wbkg.ingest.dates import PartialDate, find_dates
from wbkg.ingest.gazetteer import Gazetteer
from wbkg.ingest.histories import find_histories
from wbkg.ingest.mentions import find_mentions
from wbkg.vocab.namespaces import ID

ENTITIES = """
@prefix id: <https://w3id.org/wbkg/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix wbkg: <https://w3id.org/wbkg/ontology#> .
id:ruritania a wbkg:State ; skos:prefLabel "Ruritania"@en .
id:sylvania a wbkg:State ; skos:prefLabel "Sylvania"@en .
id:mfor a wbkg:PeaceSupportMission ; skos:prefLabel "Marches Force"@en ; skos:altLabel "MFOR"@en .
id:atlo a wbkg:InternationalOrganisation ; skos:prefLabel "ATLO"@en .
id:marches-summit a wbkg:Summit ; skos:prefLabel "Marches Summit"@en ; skos:altLabel "Zenda summit"@en .
id:marches-war a wbkg:War ; skos:prefLabel "Marches War"@en .
"""
PUBLISHED = PartialDate.parse("2024-03-14")  # a Thursday


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_graph(Graph().parse(data=ENTITIES, format="turtle"))


def histories(text, gaz, kind=None):
    found = find_histories(text, find_mentions(text, gaz), find_dates(text, PUBLISHED), gaz)
    return [h for h in found if kind is None or h.kind == kind]


def test_a_passive_founding_with_its_date(gaz):
    text = "MFOR was established in 2001 after the ceasefire.\n"
    [h] = histories(text, gaz, "founding")
    assert h.subject.entity == ID["mfor"] and h.agent is None and h.date.value.lexical == "2001"
    assert text[h.begin:h.end] == "MFOR was established in 2001"


def test_a_reduced_founding_with_its_founder(gaz):
    text = "Leaders met under the Zenda Forum set up by former Ruritanian premier Anna Brel in 2016 to bring them closer.\n"
    [h] = histories(text, gaz, "founding")
    assert h.subject.surface == "Zenda Forum" and h.agent.surface == "Anna Brel"
    assert h.date.value.lexical == "2016"


def test_an_active_launch_is_not_the_founding_of_its_subject(gaz):
    assert not histories("Ruritania launched a new drone programme in 2019.\n", gaz, "founding")
    assert not histories("Sylvania launched in 2019 a new drone programme.\n", gaz, "founding")


def test_a_date_in_the_same_sentence_but_not_attached_is_not_a_founding(gaz):
    assert not histories("MFOR was established after the war, which ended in 2001.\n", gaz, "founding")


def test_an_accession_with_its_organisation_named_after_the_verb(gaz):
    [h] = histories("Sylvania joined ATLO in April 2009, its government said.\n", gaz, "accession")
    assert h.subject.entity == ID["sylvania"] and h.other.entity == ID["atlo"]
    assert h.date.value.lexical == "2009-04"


def test_an_accession_in_an_apposition_takes_the_possessive_organisation(gaz):
    [h] = histories("Ruritania, ATLO's newest member which joined in May 2022, sent troops.\n", gaz, "accession")
    assert (h.subject.entity, h.other.entity, h.date.value.lexical) == (ID["ruritania"], ID["atlo"], "2022-05")


def test_joining_without_a_state_is_no_accession(gaz):
    assert not histories("Anna Brel joined ATLO in 2009.\n", gaz, "accession")


def test_a_period_of_service_there_is_a_range(gaz):
    [h] = histories("Colonel Ivo Stan has been to Ruritania since he served there in 2003-2004.\n", gaz,
                    "service")
    assert h.agent.surface.endswith("Ivo Stan") and h.other.entity == ID["ruritania"]
    assert (h.date.value.lexical, h.end_date.value.lexical) == ("2003", "2004")


def test_serving_as_a_post_is_not_a_period_of_service(gaz):
    assert not histories("Ivo Stan served as minister in Ruritania in 2003.\n", gaz, "service")


def test_a_known_event_dated_by_a_possessive_or_a_phrase_right_after(gaz):
    found = histories("Ahead of Friday's Zenda summit, officials recalled the Marches War in the 1990s.\n", gaz,
                      "event-date")
    got = {(h.subject.entity, h.date.value.lexical, h.rule) for h in found}
    assert (ID["marches-summit"], "2024-03-15", "event-date-possessive") in got
    assert (ID["marches-war"], "1990", "event-date-after") in got


def test_a_known_event_dated_through_a_place_phrase(gaz):
    # "Ruritania in June" dates no place: a place or an agent is never an event
    [h] = histories("They prepared the Marches Summit in Ruritania in June.\n", gaz, "event-date")
    assert h.subject.entity == ID["marches-summit"]
    assert h.date.value.lexical == "2023-06"  # past tense: the June before March 2024


def test_a_date_elsewhere_in_the_sentence_does_not_date_the_event(gaz):
    assert not histories("The Marches Summit, the minister said on Monday, will be short.\n", gaz, "event-date")


def test_the_date_noun_anaphor_needs_one_linked_event_with_that_head_noun(gaz):
    text = "The Zenda summit is near. Deals will be announced at the Friday summit.\n"
    [h] = histories(text, gaz, "event-date")
    assert h.rule == "event-date-anaphor" and h.subject.entity == ID["marches-summit"]
    assert text[h.begin:h.end] == "the Friday summit" and h.date.value.lexical == "2024-03-15"
    assert not histories("Deals will be announced at the Friday summit.\n", gaz, "event-date")


def test_the_date_noun_dates_the_name_when_the_name_itself_is_linked():
    hidden = ENTITIES.replace('skos:altLabel "Zenda summit"@en', 'skos:altLabel "Zenda summit"@en ; skos:hiddenLabel "summit"@en')
    gaz = Gazetteer.from_graph(Graph().parse(data=hidden, format="turtle"))
    text = "The Zenda summit is near. Deals will be announced at the Friday summit.\n"
    assert any(m.surface == "summit" and m.entity for m in find_mentions(text, gaz))  # linked by its hidden label
    [h] = [h for h in histories(text, gaz, "event-date") if h.rule == "event-date-anaphor"]
    assert h.subject.entity == ID["marches-summit"] and h.date.value.lexical == "2024-03-15"


# --- a signing, agreement or decision that sets something up; an active founding verb with its object ------

def foundings(text, gaz, published=PUBLISHED):
    found = find_histories(text, find_mentions(text, gaz), find_dates(text, published), gaz, published=published)
    return [h for h in found if h.kind == "founding"]


def test_a_signing_establishing_a_named_cell_dates_it_by_the_signing(gaz):
    text = ("An agreement was signed today in Zenda by Ruritania and Sylvania, establishing a Marches Training "
            "Cell.\n")
    [h] = foundings(text, gaz)
    assert (h.rule, h.subject.surface, h.subject.entity, h.agent) == \
        ("founding-instrument", "Marches Training Cell", None, None)
    assert (h.date.value.lexical, h.date.value.precision) == ("2024-03-14", "day")  # "today": the publication
    assert text[h.begin:h.end] == ("An agreement was signed today in Zenda by Ruritania and Sylvania, "
                                   "establishing a Marches Training Cell")


def test_an_instrument_that_creates_a_known_mission_with_a_date_opening_the_clause(gaz):
    [h] = foundings("On 3 May 2001, ATLO and Ruritania signed a memorandum creating MFOR.\n", gaz)
    assert (h.subject.entity, h.date.value.lexical) == (ID["mfor"], "2001-05-03")
    [h] = foundings("ATLO adopted a decision on 4 April 2001 which sets up the Zenda Defence Fund.\n", gaz)
    assert (h.subject.surface, h.date.value.lexical) == ("Zenda Defence Fund", "2001-04-04")


def test_an_active_founding_verb_with_a_named_object_names_the_founder(gaz):
    [h] = foundings("Ruritania set up the Zenda Defence Fund in 2019 to train officers.\n", gaz)
    assert (h.rule, h.subject.surface, h.agent.entity, h.date.value.lexical) == \
        ("founding-active", "Zenda Defence Fund", ID["ruritania"], "2019")
    [h] = foundings("In June 2015, Sylvania launched the Marches Cyber Initiative.\n", gaz)
    assert (h.subject.surface, h.agent.entity, h.date.value.lexical) == \
        ("Marches Cyber Initiative", ID["sylvania"], "2015-06")
    [h] = foundings("Under the old treaty, Sylvania today formally established the Zenda Defence Fund.\n", gaz)
    assert (h.agent.entity, h.date.value.lexical) == (ID["sylvania"], "2024-03-14")


def test_a_name_in_the_by_phrase_of_the_instrument_is_not_the_founder(gaz):
    [h] = foundings("The treaty signed on 2 May 2019 by Ruritania established the Zenda Defence Fund.\n", gaz)
    assert (h.rule, h.agent, h.date.value.lexical) == ("founding-instrument", None, "2019-05-02")


@pytest.mark.parametrize("text", [
    "Ruritania and Sylvania signed an agreement on trade today.\n",  # establishes nothing
    "Ruritania plans to establish the Zenda Defence Fund in 2025.\n",  # a plan
    "Ruritania signed an agreement today to set up the Zenda Defence Fund.\n",  # what it is for, not done
    "Ruritania agreed on Monday to create the Zenda Defence Fund.\n",
    "An agreement will be signed on Monday, establishing the Zenda Defence Fund.\n",
    "Ruritania did not establish the Zenda Defence Fund in 2019.\n",
    "Sylvania proposed creating the Zenda Defence Fund in 2019.\n",
    "The newly established Zenda Defence Fund met in 2019.\n",
    "Ruritania established contacts with ATLO in 2019.\n",  # no name right after the verb
    "Ruritania launched a new drone programme in 2019.\n",
    # the only date belongs to another verb
    "Ruritania, which joined ATLO in 2009, signed an agreement establishing the Zenda Defence Fund.\n",
    # two dates attached, which one?
    "Ruritania signed a treaty on 3 May 2019, establishing the Zenda Defence Fund in 2020.\n",
])
def test_what_is_not_a_dated_founding_by_a_signing_or_an_active_verb(gaz, text):
    assert not [h for h in foundings(text, gaz) if h.rule in {"founding-instrument", "founding-active"}], text


def test_a_founding_dated_after_the_publication_is_a_plan(gaz):
    text = "Ruritania signed a treaty establishing the Zenda Defence Fund on 1 January 2030.\n"
    assert not foundings(text, gaz)
    assert foundings(text, gaz, published=PartialDate.parse("2030-02-01"))
