"""Turtle for drafts in a stable, sorted form: the same triples give the same bytes, whatever the order they
were added in or PYTHONHASHSEED (as wbkg.synth.turtle does for synthetic graphs, here for rdflib terms).

Subjects are grouped and sorted (article first, then ``id:`` fact nodes, then the article's ``:`` evidence),
predicates sorted with rdf:type first, objects sorted; IRIs abbreviated with the prefixes below and ``:`` for the
article's own namespace. No blank nodes: a draft node always has an IRI."""
from __future__ import annotations

import re
from decimal import Decimal

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD

from ..vocab.namespaces import ARTICLE, ID, SCHEMA, WBKG

PREFIXES = {
    "article": str(ARTICLE),
    "id": str(ID),
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": str(RDF),
    "schema": str(SCHEMA),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "wbkg": str(WBKG._NS),
    "xsd": str(XSD),
}
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def _quote(text: str) -> str:
    return '"' + "".join(_ESCAPES.get(c, c) for c in text) + '"'


def term_n3(term, base: str | None = None) -> str:
    """Turtle for one term: prefixed where a prefix fits, ``:name`` in ``base``, plain booleans and decimals."""
    if isinstance(term, BNode):
        raise ValueError("drafts have no blank nodes")
    if isinstance(term, Literal):
        if term.datatype == XSD.boolean:
            return "true" if term.toPython() else "false"
        out = _quote(str(term))
        if term.language:
            return f"{out}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{out}^^{term_n3(term.datatype)}"
        return out
    value = str(term)
    if base and value.startswith(base) and _LOCAL.match(value[len(base):]):
        return ":" + value[len(base):]
    for prefix, namespace in PREFIXES.items():
        if value.startswith(namespace):
            local = value[len(namespace):]
            if _LOCAL.match(local) and not local.endswith("-"):
                return f"{prefix}:{local}"
    return f"<{value}>"


def decimal_literal(value: Decimal | int | float) -> Literal:
    """An xsd:decimal literal written in its canonical form (4500.0 stays "4500")."""
    text = format(Decimal(str(value)).normalize(), "f")
    return Literal(text, datatype=XSD.decimal)


def number_literal(value: Decimal | int | float, count: bool) -> Literal:
    """A count (a quantity in a wbkg:CountUnit) as an xsd:integer, anything else as an xsd:decimal. A count that
    is not whole stays a decimal, so that the shape wbsh:CountIsInteger shows it to a reviewer."""
    number = Decimal(str(value))
    if count and number == number.to_integral_value():
        return Literal(str(int(number)), datatype=XSD.integer)
    return decimal_literal(number)


def _subject_key(subject: URIRef, base: str) -> tuple:
    value = str(subject)
    if value.startswith(base):
        return (2, value)
    if value.startswith(str(ARTICLE)):
        return (0, value)
    return (1, value)


def _object_key(term) -> tuple:
    if isinstance(term, Literal):
        return (0, str(term), str(term.datatype or ""), term.language or "")
    return (1, str(term), "", "")


def prefix_lines(base: str) -> list[str]:
    """The ``@prefix`` lines of a draft: ``:`` for the article's namespace, then PREFIXES."""
    return [f"@prefix : <{base}> ."] + [f"@prefix {name}: <{ns}> ." for name, ns in sorted(PREFIXES.items())]


def blocks(triples, base: str) -> str:
    """One sorted Turtle block per subject (what follows the prefixes), each ending with a blank line; also used
    by `wbkg review` to append accepted facts to a hand-written file."""
    by_subject: dict = {}
    for s, p, o in triples:
        by_subject.setdefault(s, {}).setdefault(p, set()).add(o)
    lines = []
    for s in sorted(by_subject, key=lambda n: _subject_key(n, base)):
        props = by_subject[s]
        parts = []
        for p in sorted(props, key=lambda p: (p != RDF.type, str(p))):
            objects = ", ".join(term_n3(o, base) for o in sorted(props[p], key=_object_key))
            parts.append(f"{'a' if p == RDF.type else term_n3(p, base)} {objects}")
        lines.append(f"{term_n3(s, base)} " + " ;\n    ".join(parts) + " .\n")
    return "\n".join(lines)


def turtle(triples, base: str, header: str = "") -> str:
    """The draft as Turtle: ``header`` (comment lines), the prefixes, then one block per subject."""
    lines = [header.rstrip("\n")] if header else []
    lines += prefix_lines(base)
    lines.append("")
    body = blocks(triples, base)
    return "\n".join(lines) + ("\n" + body if body else "")
