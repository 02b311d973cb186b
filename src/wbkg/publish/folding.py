"""Literals a store holds as one: Virtuoso keeps a typed literal as its *value*, so two triples that differ only
in literals of equal value are one triple there (the first sent keeps its datatype; docs/STORES.md, Dialects).
Observed on Virtuoso 7.2 and pinned by tests/store/test_remote_folding.py: numbers of any numeric datatype
by value (``"4500"^^xsd:integer`` = ``"4500.0"^^xsd:decimal`` = ``"4500"^^xsd:double``); xsd:date, xsd:dateTime,
xsd:gYear and xsd:gYearMonth by the instant they start at, with or without a timezone kept apart
(``"2017"^^xsd:gYear`` = ``"2017-01-01"^^xsd:date``); booleans by value (``"1"`` = ``"true"``); language tags
without case.

The publish's count check uses this only when a graph holds fewer triples than were sent: it finds the groups
of triples of the graph that fold, and accepts the shortfall only if it is exactly what they explain and the
store holds exactly one value of every group (asked through the query endpoint). A triple really lost still
fails the check."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Iterable

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMBERS = {XSD + t for t in ("decimal", "double", "float", "integer", "int", "long", "short", "byte",
                             "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger",
                             "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}
INSTANTS = {XSD + t: t for t in ("date", "dateTime", "gYear", "gYearMonth")}
BOOLEAN = XSD + "boolean"
# the lines worth parsing: a literal of one of these datatypes, or with a language tag, as the object
_CANDIDATE = re.compile(rb'"(\^\^<http://www\.w3\.org/2001/XMLSchema#(?:%s)>|@[A-Za-z0-9-]+) (<[^>]*> )?\.\s*$'
                        % b"|".join(sorted({t.rsplit("#", 1)[1].encode() for t in NUMBERS | set(INSTANTS)}
                                           | {b"boolean"})))
_TIMEZONE = re.compile(r"(Z|[+-]\d\d:\d\d)$")


def value_key(term) -> tuple | None:
    """What Virtuoso compares a literal by, or None for a term it keeps as it is."""
    if not isinstance(term, ox.Literal):
        return None
    if term.language:
        return ("text", term.value, term.language.lower())
    datatype, lexical = term.datatype.value, term.value.strip()
    try:
        if datatype in NUMBERS:
            number = Decimal(lexical)
            return ("number", number) if number.is_finite() else None
        if datatype == BOOLEAN:
            return ("boolean", lexical in ("true", "1")) if lexical in ("true", "false", "1", "0") else None
        if datatype in INSTANTS:
            return ("instant",) + _instant(INSTANTS[datatype], lexical)
    except (InvalidOperation, ValueError):
        return None
    return None


def _instant(kind: str, lexical: str) -> tuple:
    zone = _TIMEZONE.search(lexical)
    body = lexical[: zone.start()] if zone else lexical
    if kind == "gYear":
        body += "-01-01"
    elif kind == "gYearMonth":
        body += "-01"
    start = datetime.fromisoformat(body if kind == "dateTime" else body + "T00:00:00")
    if zone:
        offset = "+00:00" if zone.group() == "Z" else zone.group()
        start = start.replace(tzinfo=datetime.fromisoformat("2000-01-01T00:00:00" + offset).tzinfo)
        return (start.astimezone(timezone.utc).replace(tzinfo=None), True)
    return (start, False)


@dataclass
class Fold:
    """Triples of one graph with the same subject and predicate and objects of one value."""
    subject: ox.NamedNode | ox.BlankNode
    predicate: ox.NamedNode
    objects: list        # the distinct literals sent, in the order sent
    key: tuple

    def __str__(self) -> str:
        return f"{self.subject} {self.predicate} " + " = ".join(str(o) for o in self.objects)


def folds(lines: Iterable[bytes]) -> list[Fold]:
    """The groups of N-Triples or N-Quads ``lines`` (one graph's) whose objects a value-keeping store folds."""
    candidates = b"".join(line for line in lines if _CANDIDATE.search(line))
    if not candidates:
        return []
    groups: dict[tuple, Fold] = {}
    for quad in ox.parse(candidates, format=ox.RdfFormat.N_QUADS):
        key = value_key(quad.object)
        if key is None:
            continue
        fold = groups.setdefault((quad.subject, quad.predicate, key), Fold(quad.subject, quad.predicate, [], key))
        if quad.object not in fold.objects:
            fold.objects.append(quad.object)
    return [fold for fold in groups.values() if len(fold.objects) > 1]


def held_once(remote, graph: str | None, found: list[Fold], chunk: int = 50) -> bool:
    """Whether the store holds exactly one value of every fold in ``graph`` (None: the default graph). A fold on
    a blank node cannot be asked about (a store renames them): not confirmed."""
    if any(isinstance(f.subject, ox.BlankNode) for f in found):
        return False
    for start in range(0, len(found), chunk):
        part = found[start:start + chunk]
        pairs = " ".join(f"({f.subject} {f.predicate})" for f in part)
        named = graph or remote.merge_graph      # named, not through the dataset (as RemoteStore.count)
        pattern = f"GRAPH <{named}> {{ ?s ?p ?o }}" if named else "?s ?p ?o"
        answer = remote.solutions(f"SELECT ?s ?p ?o WHERE {{ VALUES (?s ?p) {{ {pairs} }} {pattern} }}",
                                  dataset=False)
        held: dict[tuple, int] = {}
        for row in answer:
            key = value_key(row["o"])
            held[(str(row["s"]), str(row["p"]), key)] = held.get((str(row["s"]), str(row["p"]), key), 0) + 1
        if any(held.get((str(f.subject), str(f.predicate), f.key)) != 1 for f in part):
            return False
    return True
