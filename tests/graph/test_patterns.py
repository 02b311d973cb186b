"""Issue 14 items 2, 3 and 6 on the built seed corpus: each kind of fact is found by its one canonical pattern
(docs/MODEL.md, Patterns), a place query by country follows wbkg:partOf, and what was only text is a triple."""
from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import XSD

from wbkg.vocab.namespaces import ID, WBKG

PREFIXES = "PREFIX wbkg: <https://w3id.org/wbkg/ontology#>\nPREFIX id: <https://w3id.org/wbkg/id/>\n"


def select(built, text: str) -> set[tuple]:
    return {tuple(row) for row in built.dataset.query(PREFIXES + text)}


def test_a_founding_is_the_start_date_of_what_was_set_up(built):
    rows = select(built, """SELECT ?thing ?start WHERE {
        VALUES ?thing { id:kfor id:berlin-process id:western-balkans-land-regional-coordination-cell }
        ?thing wbkg:startDate ?start }""")
    assert rows == {(ID["kfor"], Literal("1999", datatype=XSD.gYear)),
                    (ID["berlin-process"], Literal("2014", datatype=XSD.gYear)),
                    (ID["western-balkans-land-regional-coordination-cell"], Literal("2021-07-26", datatype=XSD.date))}


def test_joining_an_organisation_is_a_membership_start_and_no_accession_event(built):
    rows = select(built, """SELECT ?member ?org ?start WHERE {
        ?m a wbkg:Membership ; wbkg:member ?member ; wbkg:organisation ?org ; wbkg:startDate ?start }""")
    assert rows == {(ID["north-macedonia"], ID["nato"], Literal("2020-03", datatype=XSD.gYearMonth))}
    assert not select(built, "SELECT ?a WHERE { ?a a wbkg:Accession }")


def test_no_node_has_a_place_and_its_container_and_a_country_still_finds_it(built):
    assert not select(built, "SELECT ?n WHERE { ?n wbkg:place ?a, ?b . ?a wbkg:partOf+ ?b }")
    in_uk = {e for e, in select(built, """SELECT DISTINCT ?e WHERE {
        ?e wbkg:place/wbkg:partOf* id:united-kingdom }""")}
    assert ID["meeting-western-balkan-foreign-ministers-hillsborough-2025"] in in_uk
    # the castle is in Hillsborough, County Down, not in Belfast as article 002 says
    assert (ID["hillsborough-castle"], WBKG.partOf, ID["belfast"]) not in built.entities
    in_north_macedonia = {e for e, in select(built, """SELECT DISTINCT ?e WHERE {
        ?e wbkg:place/wbkg:partOf* id:north-macedonia }""")}
    assert ID["signing-coordination-cell-agreement-2021"] in in_north_macedonia


def test_what_kosovo_asks_in_return_is_a_condition_like_montenegros(built):
    rows = select(built, """SELECT ?state ?condition WHERE {
        ?s a wbkg:Stance ; wbkg:position wbkg:Conditional ; wbkg:onBehalfOfState ?state ; wbkg:condition ?condition }""")
    states = {state for state, _ in rows}
    assert states == {ID["kosovo"], ID["montenegro"]}
    assert any("security cooperation" in str(c) for s, c in rows if s == ID["kosovo"])
    assert any("diplomatic backing" in str(c) for s, c in rows if s == ID["kosovo"])


def test_the_kosovo_deal_is_compared_with_the_rwanda_negotiations(built):
    assert select(built, "SELECT ?a ?b WHERE { ?a wbkg:comparedWith ?b }") == {
        (ID["uk-kosovo-migration-agreement"], ID["uk-rwanda-negotiations"])}
