"""New-entity proposals on invented sentences: titles, honorifics, ranks, possessive states, demonyms, head-word
bodies, short forms, slugs that collide with nothing, ambiguity left alone."""
from __future__ import annotations

from rdflib import Graph

from wbkg.ingest.entities import clause_bounds, find_new_entities
from wbkg.ingest.gazetteer import Gazetteer
from wbkg.ingest.names import slugify, unique_slug
from wbkg.vocab.namespaces import WBKG

TTL = """
@prefix id: <https://w3id.org/wbkg/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix wbkg: <https://w3id.org/wbkg/ontology#> .
id:freedonia-state a wbkg:State ; skos:prefLabel "Albania"@en .
id:ruritania a wbkg:State ; skos:prefLabel "Montenegro"@en .
id:united-kingdom a wbkg:State ; skos:prefLabel "United Kingdom"@en ; skos:altLabel "UK"@en .
id:nato a wbkg:InternationalOrganisation ; skos:prefLabel "NATO"@en .
id:tomas-brenner a wbkg:Person ; skos:prefLabel "Tomas Brenner"@en .
id:zora-petrova a wbkg:Person ; skos:prefLabel "Zora Petrova"@en .
"""


def gaz() -> Gazetteer:
    return Gazetteer.from_graph(Graph().parse(data=TTL, format="turtle"))


def by_label(text: str) -> dict:
    return {p.pref_label: p for p in find_new_entities(text, gaz())}


def test_title_and_name_gives_a_person_with_evidence_offsets():
    text = "Defence Secretary Ilan Varga said the talks went well."
    p = by_label(text)["Ilan Varga"]
    assert (p.cls, p.slug, p.rule, p.confidence) == (WBKG.Person, "ilan-varga", "title+name", 0.9)
    assert text[p.begin:p.end] == "Ilan Varga"
    assert text[p.evidence_begin:p.evidence_end] == "Defence Secretary Ilan Varga said the talks went well"


def test_possessive_state_and_demonym_titles():
    text = "Albania's Prime Minister Dren Kolaj met Serbian President Mirko Tadin in Skopje."
    found = by_label(text)
    assert found["Dren Kolaj"].cls == WBKG.Person and found["Mirko Tadin"].cls == WBKG.Person
    assert "Albania" not in found  # known state: not proposed again
    assert found["Serbia"].rule == "demonym" and found["Serbia"].cls == WBKG.State
    assert found["Skopje"].cls == WBKG.Settlement


def test_honorific_short_form_merges_into_the_full_name_and_diacritics_fold():
    text = "Foreign Minister Jovan Đukić arrived. Later Mr Đukić spoke to Sir Alan Pemberton."
    found = by_label(text)
    jovan = found["Jovan Đukić"]
    assert jovan.slug == "jovan-dukic"
    assert set(jovan.alt_labels) >= {"Mr Đukić", "Jovan Dukic"}
    assert len(jovan.occurrences) == 2
    assert found["Alan Pemberton"].rule == "honorific+name"
    assert "Alan Pemberton" in found and "Mr Đukić" not in found


def test_rank_names_a_person():
    found = by_label("The parade was led by Major General Oskar Lind.")
    assert found["Oskar Lind"].rule == "rank+name"


def test_known_people_are_not_proposed():
    found = by_label("Prime Minister Tomas Brenner met Mr Brenner's aide and Defence Minister Zora Petrova.")
    assert not [p for p in found.values() if p.cls == WBKG.Person]


def test_short_form_of_two_people_is_left_unmerged():
    text = "President Ana Kovac met Prime Minister Ivo Kovac. Mr Kovac said nothing."
    found = by_label(text)
    assert len(found["Ana Kovac"].occurrences) == 1 and len(found["Ivo Kovac"].occurrences) == 1
    assert "Mr Kovac" not in found


def test_head_words_give_the_most_specific_class():
    text = ("Officials from the Ruritanian Ministry of Foreign Affairs, the Ruritanian Armed Forces, the 3rd "
            "Battalion, the Highland Rifles and the Joint Logistics Cell read the Integrated Defence Review "
            "before the Adriatic Security Summit. Exercise Silver Lynx starts soon.")
    found = by_label(text)
    assert found["Ruritanian Ministry of Foreign Affairs"].cls == WBKG.Ministry
    assert found["Ruritanian Armed Forces"].cls == WBKG.ArmedForces
    assert found["3rd Battalion, the Highland Rifles"].cls == WBKG.MilitaryUnit
    assert found["Joint Logistics Cell"].cls == WBKG.MilitaryUnit
    assert found["Integrated Defence Review"].cls == WBKG.Document
    assert found["Adriatic Security Summit"].cls == WBKG.Summit
    assert found["Exercise Silver Lynx"].cls == WBKG.Exercise


def test_possessive_owner_gives_an_alt_label_and_known_names_are_skipped():
    found = by_label("Montenegro's Ministry of Interior Affairs works with NATO and the EU.")
    assert found["Ministry of Interior Affairs"].alt_labels == ("Ministry of Interior Affairs of Montenegro",)
    assert "NATO" not in found
    assert found["EU"].rule == "acronym" and found["EU"].cls == WBKG.Organisation


def test_acronym_defined_after_lower_case_words_is_a_term():
    assert "ISR" not in by_label("It improved intelligence and reconnaissance (ISR) capabilities.")


def test_headline_capitals_are_not_names():
    assert not by_label("Troops To Remain On Standby For Northern Training Command\nThe rest follows.")


def test_unique_slug_never_collides():
    assert unique_slug("Ilan Varga", set()) == "ilan-varga"
    assert unique_slug("Ilan Varga", {"ilan-varga", "ilan-varga-2"}) == "ilan-varga-3"
    assert slugify("Hashim Thaçi's O'Neill Đorđe") == "hashim-thacis-oneill-dorde"
    text = "President Tomas Brennerova met Defence Minister Tomas Brennerova Junior."
    taken = {"tomas-brennerova"}
    slugs = [p.slug for p in find_new_entities(text, gaz(), taken=taken)]
    assert "tomas-brennerova" not in slugs and "tomas-brennerova-2" in slugs


def test_clause_bounds_stop_at_commas_and_sentence_ends():
    text = "He met President Ana Kovac, then left."
    assert text[slice(*clause_bounds(text, 17, 26))] == "He met President Ana Kovac"
