"""Quantities: invented sentences for each pattern and each refusal, then the five seed articles checked
against the wbkg:Quantity nodes of their curated graphs."""
from __future__ import annotations

from decimal import Decimal

import pytest
import rdflib

from wbkg.ingest.quantities import QuantityMention, find_quantities
from wbkg.vocab.namespaces import WBKG


def only(text: str) -> QuantityMention:
    found = find_quantities(text)
    assert len(found) == 1, found
    mention = found[0]
    assert text[mention.begin:mention.end] == mention.surface
    return mention


@pytest.mark.parametrize("text, surface, value, approximation, unit", [
    ("The base hosts 1,250 troops.", "1,250 troops", "1250", WBKG.Exact, WBKG.Troops),
    ("Talks lasted 10.5 days in all.", "10.5 days", "10.5", WBKG.Exact, WBKG.Days),
    ("Twenty-eight nations signed.", "Twenty-eight nations", "28", WBKG.Exact, WBKG.States),
    ("It costs 4 billion euros.", "4 billion euros", "4000000000", WBKG.Exact, WBKG.Euros),
    ("They sent about a dozen soldiers.", "about a dozen soldiers", "12", WBKG.Approximately, WBKG.Troops),
    ("Some 7,000 migrants crossed.", "Some 7,000 migrants", "7000", WBKG.Approximately, WBKG.People),
    ("roughly 90 people attended", "roughly 90 people", "90", WBKG.Approximately, WBKG.People),
    ("nearly 2,000 personnel remain", "nearly 2,000 personnel", "2000", WBKG.Approximately, WBKG.Troops),
    ("for at least another five years", "at least another five years", "5", WBKG.AtLeast, WBKG.Years),
    ("more than 12 countries joined", "more than 12 countries", "12", WBKG.MoreThan, WBKG.States),
    ("over 40 missions were flown", "over 40 missions", "40", WBKG.MoreThan, WBKG.Missions),
    ("a 15-day exercise began", "15-day", "15", WBKG.Exact, WBKG.Days),
    ("14 NATO and partner states took part", "14 NATO and partner states", "14", WBKG.Exact, WBKG.States),
    ("one hundred and twenty people", "one hundred and twenty people", "120", WBKG.Exact, WBKG.People),
])
def test_numbers_with_a_unit_noun(text, surface, value, approximation, unit):
    mention = only(text)
    assert (mention.surface, mention.value, mention.approximation, mention.unit) == \
        (surface, Decimal(value), str(approximation), str(unit))
    assert mention.lower_bound is None and mention.upper_bound is None


@pytest.mark.parametrize("text, surface, lower, upper, unit", [
    ("a garrison of several hundred soldiers", "several hundred soldiers", 200, 999, WBKG.Troops),
    ("hundreds of Danish troops", "hundreds of Danish troops", 200, 999, WBKG.Troops),
    ("dozens of people waited", "dozens of people", 24, 99, WBKG.People),
    ("thousands of migrants", "thousands of migrants", 2000, 9999, WBKG.People),
    ("tens of thousands of people", "tens of thousands of people", 20000, 99999, WBKG.People),
])
def test_vague_amounts_are_bounds(text, surface, lower, upper, unit):
    mention = only(text)
    assert (mention.surface, mention.lower_bound, mention.upper_bound, mention.value) == \
        (surface, Decimal(lower), Decimal(upper), None)
    assert (mention.approximation, mention.unit) == (str(WBKG.Vague), str(unit))


@pytest.mark.parametrize("text, noun", [("It took 6 weeks.", "weeks"), ("It took 2 months.", "months"),
                                        ("a fine of 300 pounds", "pounds"), ("3 million dollars", "dollars")])
def test_nouns_without_an_ontology_unit_are_reported_unmapped(text, noun):
    mention = only(text)
    assert (mention.unit, mention.unit_noun) == (None, noun)


def test_every_mapped_unit_is_a_unit_of_the_ontology(project):
    from wbkg.ingest.quantities import UNIT_NOUNS
    ontology = rdflib.Graph().parse(project.ontology_file)
    units = {str(u) for u in ontology.subjects(rdflib.RDF.type, WBKG.Unit)}
    assert {u for u in UNIT_NOUNS.values() if u} <= units


@pytest.mark.parametrize("text", [
    "The treaty was signed on 26 July 2021 in Skopje.",
    "In 1999 British troops entered the province.",
    "the 2021 NATO states summit",
    "the 3rd battalion marched",
    "a 30-year-old man was arrested",
    "she is 45 years old",
    "aged 45 years",
    "call 0800 123 4567 people",
    "up to 500 troops could be sent",
    "fewer than 20 nations agreed",
    "3 of the soldiers were hurt",
    "Article 5 states that an attack on one is an attack on all",
    "The vote was 28 to 3.",
    "Hundreds attended.",
])
def test_what_is_not_a_quantity(text):
    assert find_quantities(text) == []


def test_several_in_one_sentence_in_order_with_exact_offsets():
    text = "Around 900 troops from 11 nations served 200 days."
    found = find_quantities(text)
    assert [m.surface for m in found] == ["Around 900 troops", "11 nations", "200 days"]
    assert all(text[m.begin:m.end] == m.surface for m in found)
    assert find_quantities(text) == found  # deterministic


def curated_quantities(project, stem: str) -> list[tuple[str, tuple]]:
    """(evidence quote, (value, lower, upper, approximation, unit)) of each wbkg:Quantity in an article graph."""
    g = rdflib.Graph().parse(project.article_graph_file(stem))
    out = []
    for q in g.subjects(rdflib.RDF.type, WBKG.Quantity):
        def get(p):
            o = g.value(q, p)
            return None if o is None else (Decimal(str(o)) if isinstance(o, rdflib.Literal) else str(o))
        key = (get(WBKG.value), get(WBKG.lowerBound), get(WBKG.upperBound), get(WBKG.approximation), get(WBKG.unit))
        for ev in g.subjects(WBKG.supports, q):
            out.append((str(g.value(ev, WBKG.exact)), key))
    return out


def test_seed_articles_against_their_curated_quantities(project):
    found_right = curated = 0
    extra = []
    for path in sorted(project.corpus_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found = find_quantities(text)
        wanted = curated_quantities(project, path.stem)
        curated += len(wanted)
        for quote, key in wanted:
            assert any((m.value, m.lower_bound, m.upper_bound, m.approximation, m.unit) == key
                       and m.surface in quote for m in found), (path.stem, quote, key)
            found_right += 1
        extra += [m.surface for m in found if not any(m.surface in quote for quote, _ in wanted)]
    assert (found_right, curated) == (14, 14)
    # the one mention with no curated node: "a hundred years" in Mark Lancaster's statement (article 001)
    assert extra == ["a hundred years"]


def test_hand_checked_seed_mentions(project):
    text = project.article_text_file("000_85f3084a00737124").read_text(encoding="utf-8")
    by_surface = {m.surface: m for m in find_quantities(text)}
    assert by_surface["around 4,500 troops"].value == Decimal(4500)
    assert by_surface["33 NATO and partner nations"].unit == str(WBKG.States)
    assert by_surface["78-day"].unit == str(WBKG.Days)
    assert by_surface["several hundred soldiers"].upper_bound == Decimal(999)


def test_count_units_are_the_ontology_s(project):
    """The writer's integer counts follow the ontology: COUNT_UNITS is exactly the wbkg:CountUnit individuals."""
    from wbkg.ingest.quantities import COUNT_UNITS
    ontology = rdflib.Graph().parse(project.ontology_file)
    assert COUNT_UNITS == {str(u) for u in ontology.subjects(rdflib.RDF.type, WBKG.CountUnit)}


def test_counts_are_written_as_integers_and_measures_as_decimals():
    from wbkg.ingest.draft import number
    assert number(Decimal("4500"), str(WBKG.Troops)) == rdflib.Literal("4500", datatype=rdflib.XSD.integer)
    assert number(Decimal("78"), str(WBKG.Days)) == rdflib.Literal("78", datatype=rdflib.XSD.decimal)
    assert number(Decimal("2.5"), str(WBKG.People)).datatype == rdflib.XSD.decimal  # left for review to see
