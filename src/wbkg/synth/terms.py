"""RDF terms of the synthetic corpus: plain strings and a small literal class, cheap to sort and hash.

The generator writes hundreds of thousands of terms; rdflib's term classes would cost several times as much
for nothing (the output is written by ``turtle.py`` and parsed by the real pipeline)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..vocab.namespaces import BASE

ID = BASE + "id/"
WB = BASE + "ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SCHEMA = "https://schema.org/"
DCTERMS = "http://purl.org/dc/terms/"
WD = "http://www.wikidata.org/entity/"


class IRI(str):
    """An IRI (a str subclass so that sorting and hashing stay cheap)."""


@dataclass(frozen=True, order=True)
class Lit:
    value: str
    datatype: str | None = None
    lang: str | None = None


def iri(slug: str) -> IRI:
    return IRI(ID + slug)


def wb(term: str) -> IRI:
    return IRI(WB + term)


def xsd_date(d: date) -> Lit:
    return Lit(d.isoformat(), XSD + "date")


def xsd_year(year: int) -> Lit:
    return Lit(f"{year:04d}", XSD + "gYear")


def xsd_month(year: int, month: int) -> Lit:
    return Lit(f"{year:04d}-{month:02d}", XSD + "gYearMonth")


def decimal(value) -> Lit:
    return Lit(str(value), XSD + "decimal")


def integer(value: int) -> Lit:
    """A count (troops, people): xsd:integer, as wbsh:CountIsInteger requires."""
    return Lit(str(int(value)), XSD + "integer")


def en(text: str) -> Lit:
    return Lit(text, lang="en")


TYPE = IRI(RDF_TYPE)
PREF = IRI(SKOS + "prefLabel")
ALT = IRI(SKOS + "altLabel")
EXACT_MATCH = IRI(SKOS + "exactMatch")
