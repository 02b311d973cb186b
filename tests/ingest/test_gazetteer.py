"""Known-entity mentions (wbkg.ingest.gazetteer, wbkg.ingest.mentions): invented entities and sentences for each
rule, then the seed articles checked against what their curated graphs say."""
from __future__ import annotations

import datetime as dt

import pytest
from rdflib import Graph, URIRef

from wbkg.ingest.gazetteer import Gazetteer, case_variant_allowed
from wbkg.ingest.mentions import Mention, find_mentions
from wbkg.vocab.namespaces import ID, WBKG


ENTITIES = """
@prefix id: <https://w3id.org/wbkg/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix wbkg: <https://w3id.org/wbkg/ontology#> .
id:ruritania a wbkg:State ; skos:prefLabel "Ruritania"@en, "Ruritanija"@sh .
id:sylvania a wbkg:State ; skos:prefLabel "Sylvania"@en .
id:pm-ruritania a wbkg:Post ; skos:prefLabel "Prime Minister of Ruritania"@en ;
    skos:altLabel "Ruritania’s Prime Minister"@en ; skos:hiddenLabel "Prime Minister"@en ; wbkg:postIn id:ruritania .
id:pm-sylvania a wbkg:Post ; skos:prefLabel "Prime Minister of Sylvania"@en ;
    skos:hiddenLabel "Prime Minister"@en ; wbkg:postIn id:sylvania .
id:president-ruritania a wbkg:Post ; skos:prefLabel "President of Ruritania"@en ;
    skos:hiddenLabel "President"@en ; wbkg:postIn id:ruritania .
id:harvest-party a wbkg:PoliticalParty ; skos:prefLabel "Harvest"@en ; wbkg:ofState id:sylvania .
id:atlo a wbkg:InternationalOrganisation ; skos:prefLabel "ATLO"@en .
id:ruritanian-defence-force a wbkg:ArmedForces ; skos:prefLabel "Ruritanian Defence Force"@en .
id:border-control a wbkg:Topic ; skos:prefLabel "border control"@en .
id:marches a wbkg:Region ; skos:prefLabel "Western Marches"@en ; skos:hiddenLabel "Western March"@en .
id:summit-2018 a wbkg:Summit ; skos:prefLabel "Marches Summit 2018"@en ; skos:altLabel "Marches Summit"@en .
id:summit-2025 a wbkg:Summit ; skos:prefLabel "Marches Summit 2025"@en ; skos:altLabel "Marches summit"@en ;
    skos:hiddenLabel "summit"@en .
id:ana-voss a wbkg:Person ; skos:prefLabel "Ana Voss"@en ; skos:altLabel "Voss"@en .
"""


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_graph(Graph().parse(data=ENTITIES, format="turtle"))


def links(text: str, gaz: Gazetteer, **kw) -> list[tuple[str, str | None]]:
    return [(m.surface, m.entity and str(m.entity).rsplit("/", 1)[-1]) for m in find_mentions(text, gaz, **kw)]


def test_every_label_kind_and_language_is_searched(gaz):
    assert links("Ruritanija and Ruritania met ATLO.", gaz) == [
        ("Ruritanija", "ruritania"), ("Ruritania", "ruritania"), ("ATLO", "atlo")]
    assert gaz.size == 23


def test_offsets_give_back_the_surface(gaz):
    text = "Ruritania’s Prime Minister Ana Voss spoke — “Voss” was quoted."
    found = find_mentions(text, gaz)
    assert found and all(text[m.begin:m.end] == m.surface for m in found)
    assert found[0] == Mention(0, 26, "Ruritania’s Prime Minister", ID["pm-ruritania"], (ID["pm-ruritania"],),
                               "unique label")


def test_no_match_inside_a_longer_word(gaz):
    assert links("Ruritanian troops, Sylvanians and Vossberg; PresidentX.", gaz) == []


def test_possessives_and_hyphens_keep_the_name(gaz):
    assert links("Ruritania's army and the Ruritania-Sylvania border; ATLO-led.", gaz) == [
        ("Ruritania", "ruritania"), ("Ruritania", "ruritania"), ("Sylvania", "sylvania"), ("ATLO", "atlo")]


def test_longest_match_wins(gaz):
    assert links("The Western Marches are calm; the Western March plan.", gaz)[0] == ("Western Marches", "marches")
    assert [m.surface for m in find_mentions("The Prime Minister of Ruritania left.", gaz)] == [
        "Prime Minister of Ruritania"]


def test_case_rule_single_capitalised_word_is_exact_only(gaz):
    assert links("Harvest won; the harvest failed; HARVEST.", gaz) == [("Harvest", "harvest-party")]
    assert case_variant_allowed("Turkey", "turkey") is False


def test_case_rule_acronym_multiword_and_sentence_start(gaz):
    assert links("Atlo and atlo.", gaz) == [("Atlo", "atlo")]
    assert links("The ruritanian defence force and border control. Border control too.", gaz) == [
        ("ruritanian defence force", "ruritanian-defence-force"), ("border control", "border-control"),
        ("Border control", "border-control")]
    assert links("BORDER CONTROL", gaz) == []


def test_exact_case_first_separates_look_alike_labels(gaz):
    assert links("At the Marches Summit and the Marches summit.", gaz) == [
        ("Marches Summit", "summit-2018"), ("Marches summit", "summit-2025")]


def test_title_resolved_from_the_state_in_the_phrase(gaz):
    assert links("Sylvania's Prime Minister arrived.", gaz)[1] == ("Prime Minister", "pm-sylvania")
    assert links("The Prime Minister for Sylvania arrived.", gaz)[0] == ("Prime Minister", "pm-sylvania")
    assert links("Ruritania President spoke.", gaz)[1] == ("President", "president-ruritania")


def test_title_whose_phrase_names_another_state_is_not_linked(gaz):
    president = find_mentions("Sylvania's President spoke.", gaz)[1]
    assert president.entity is None and president.candidates == (ID["president-ruritania"],)
    assert "sylvania" in president.reason


def test_title_resolved_from_the_only_state_in_the_sentence(gaz):
    assert links("In Sylvania, the Prime Minister spoke.", gaz)[1] == ("Prime Minister", "pm-sylvania")


def test_title_with_two_states_in_the_sentence_is_not_linked(gaz):
    pm = find_mentions("The Prime Minister flew from Sylvania to Ruritania.", gaz)[0]
    assert pm.entity is None and set(pm.candidates) == {ID["pm-ruritania"], ID["pm-sylvania"]}
    assert "not clear" in pm.reason


def test_bare_title_without_evidence_is_not_linked(gaz):
    (pm,) = find_mentions("The Prime Minister resigned.", gaz)
    assert pm.entity is None and len(pm.candidates) == 2 and "no evidence" in pm.reason
    (president,) = find_mentions("The President resigned.", gaz)
    assert president.entity is None and "too ambiguous" in president.reason


def test_title_resolved_from_an_earlier_unique_name(gaz):
    text = "Ruritania’s Prime Minister met Ana Voss. Later the Prime Minister left."
    assert links(text, gaz)[-1] == ("Prime Minister", "pm-ruritania")


def test_hidden_label_links_only_when_its_entity_is_in_play(gaz):
    assert links("The summit opened.", gaz) == [("summit", None)]
    assert links("The Marches summit opened. The summit closed.", gaz)[-1] == ("summit", "summit-2025")
    assert links("The summit opened.", gaz, context={ID["summit-2025"]}) == [("summit", "summit-2025")]


def test_publication_year_picks_among_dated_candidates():
    g = Graph().parse(data=ENTITIES, format="turtle")
    g.parse(data='@prefix id: <https://w3id.org/wbkg/id/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .'
                 'id:summit-2018 skos:hiddenLabel "Marches meeting"@en . '
                 'id:summit-2025 skos:hiddenLabel "Marches meeting"@en .', format="turtle")
    gaz = Gazetteer.from_graph(g)
    assert links("The Marches meeting.", gaz) == [("Marches meeting", None)]
    assert links("The Marches meeting.", gaz, published=dt.date(2025, 5, 1)) == [("Marches meeting", "summit-2025")]


def test_entity_types_and_anchor_states(gaz):
    assert gaz.entity_types(ID["pm-sylvania"]) == frozenset({WBKG.Post})
    assert gaz.entity_types(URIRef("urn:x")) == frozenset()
    assert gaz.anchor_states(ID["harvest-party"]) == frozenset({ID.sylvania})


def test_deterministic_and_empty_gazetteer(gaz):
    text = "Prime Minister Voss of Ruritania met the President and the Marches summit."
    assert find_mentions(text, gaz) == find_mentions(text, gaz)
    assert find_mentions(text, Gazetteer.from_graph(Graph())) == []


def test_seed_articles_against_their_curated_graphs(project):
    gaz = Gazetteer.from_graph(Graph().parse(project.entities_file))
    texts = {p.stem[:3]: p.read_text(encoding="utf-8") for p in sorted(project.corpus_dir.glob("*.txt"))}
    found = {k: find_mentions(t, gaz) for k, t in texts.items()}
    linked = {k: {(m.surface, str(m.entity).rsplit("/", 1)[-1]) for m in ms if m.linked} for k, ms in found.items()}
    # 002 names Kurti by his post first; 004 calls Spajic Montenegro's Prime Minister; 001 names the KSF minister
    assert ("Kosovo’s Prime Minister", "post-prime-minister-kosovo") in linked["002"]
    assert ("Montenegro’s Prime Minister", "post-prime-minister-montenegro") in linked["004"]
    assert ("Minister for the Kosovo Security Force", "post-minister-kosovo-security-force") in linked["001"]
    assert ("Nato", "nato") in linked["004"] and ("Sir Keir", "keir-starmer") in linked["000"]
    # "Prime Minister Sir Keir Starmer" (000): the bare title (of every Prime Minister post: post_titles) names
    # no state
    pm = next(m for m in found["000"] if m.surface == "Prime Minister")
    assert pm.entity is None and len(pm.candidates) == 4
    # "Labour" (004) is the party; "Edi Rama" is never "Rrahman Rama"
    assert ("Labour", "labour-party") in linked["004"]
    assert all(e != "rrahman-rama" for _, e in linked["004"])
    for key, ms in found.items():
        assert all(texts[key][m.begin:m.end] == m.surface for m in ms)


def test_a_known_name_inside_a_longer_unknown_name_is_not_linked(gaz):
    """"Ruritania Security Force" names a force the gazetteer does not know, not Ruritania; "Ruritania Prime
    Minister" is Ruritania and a post; "Ruritania and Sylvania sent forces" and a head word after lower-case
    words are no longer names."""
    first = find_mentions("The Ruritania Security Force trained.", gaz)[0]
    assert first.entity is None and "'Ruritania Security Force'" in first.reason
    assert links("The ATLO Summit opened.", gaz)[0] == ("ATLO", None)
    assert links("Ruritania Prime Minister spoke.", gaz) == [("Ruritania", "ruritania"),
                                                             ("Prime Minister", "pm-ruritania")]
    assert links("Ruritania sent its police force.", gaz) == [("Ruritania", "ruritania")]
    assert links("ATLO and Ruritania Security Force", gaz)[0] == ("ATLO", "atlo")
    assert links("Ruritania and Sylvania sent troops.", gaz) == [("Ruritania", "ruritania"), ("Sylvania", "sylvania")]
    # a headline capitalises every word: no evidence of a longer name there
    assert ("Ruritania", "ruritania") in links("Atlo-Ruritania Partnership Talks Intensify\nThe talks went on.", gaz)


def test_a_dated_entity_needs_the_publication_year_or_a_year_in_its_sentence(gaz):
    """"Marches summit" is only the 2025 summit's label: a 2017 article means another summit."""
    text = "Leaders met at the Marches summit in London."
    assert links(text, gaz, published=dt.date(2025, 10, 1)) == [("Marches summit", "summit-2025")]
    refused = find_mentions(text, gaz, published=dt.date(2017, 11, 1))[0]
    assert refused.entity is None and refused.candidates == (ID["summit-2025"],)
    assert refused.reason == "dated 2025; the publication and the sentence give 2017"
    # a year the sentence writes or implies, resolved against the publication date
    assert links("The Marches summit will meet in London next year.", gaz,
                 published=dt.date(2024, 12, 1)) == [("Marches summit", "summit-2025")]
    assert links("Last year's Marches summit was a success.", gaz,
                 published=dt.date(2026, 3, 1)) == [("Marches summit", "summit-2025")]
    assert links("In 2025 the Marches summit met.", gaz, published=dt.date(2030, 1, 1))[-1] == (
        "Marches summit", "summit-2025")
    # the year in the name itself fits; another year in the sentence may date something else, so without a
    # publication date nothing refuses
    assert links("The Marches Summit 2025 met.", gaz, published=dt.date(2030, 1, 1)) == [
        ("Marches Summit 2025", "summit-2025")]
    assert links("Troops stay until 2028, as the Marches summit agreed.", gaz) == [("Marches summit", "summit-2025")]
    assert links("Troops stay until 2028, as the Marches summit agreed.", gaz, published=dt.date(2027, 1, 1)) == [
        ("Marches summit", None)]


def test_a_refused_dated_entity_is_not_in_play_for_its_hidden_labels(gaz):
    text = "The Marches summit opened. The summit closed."
    assert links(text, gaz, published=dt.date(2017, 5, 1)) == [("Marches summit", None), ("summit", None)]
    assert links(text, gaz, published=dt.date(2025, 5, 1)) == [("Marches summit", "summit-2025"),
                                                                ("summit", "summit-2025")]
