"""Binding parameters for a remote store: a VALUES block of serialised RDF terms at the start of the query's
WHERE group, never the user's text pasted in.

The SPARQL 1.1 Protocol has no parameter binding, so the terms go into the query text. Each one is written
by pyoxigraph's N-Triples serialiser (IRIs validated, literals escaped), so a value can only ever be one RDF
term. The block opens the WHERE group, so the variables are bound before the rest of the group is joined,
as an engine's pre-binding (Oxigraph's substitutions, rdflib's initBindings) binds them; a trailing VALUES
clause would bind them only after grouping.
"""
from __future__ import annotations

import re

from ..errors import UsageError

# what the scanner skips over: comments, strings (long and short), IRIs; then the keywords and braces it needs
_TOKENS = re.compile(r"""
    (?P<skip>\#[^\n]*
      | '''(?:[^'\\]|\\.|'(?!''))*'''
      | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      | '(?:[^'\\\n]|\\.)*'
      | "(?:[^"\\\n]|\\.)*"
      | <[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<form>\b(?:SELECT|CONSTRUCT|ASK|DESCRIBE)\b)
    | (?P<open>\{)
    | (?P<close>\})
""", re.VERBOSE | re.IGNORECASE)
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def serialise(term) -> str:
    """An rdflib term as SPARQL/N-Triples text; a ValueError for what is not a bindable term (a blank node
    names nothing outside its own answer; a malformed IRI is no IRI)."""
    from rdflib import BNode
    from .terms import to_ox
    if isinstance(term, BNode):
        raise ValueError(f"a blank node cannot be bound: {term!r}")
    return str(to_ox(term))


def values_block(bindings: dict) -> str:
    names = sorted(bindings)
    for name in names:
        if not _VARIABLE.fullmatch(str(name)):
            raise UsageError(f"{name!r} is not a variable name", parameter="--param")
    cells = " ".join(serialise(bindings[name]) for name in names)
    return "VALUES (" + " ".join(f"?{n}" for n in names) + ") { (" + cells + ") }"


def where_group(text: str) -> int:
    """The offset just after the ``{`` that opens the query's WHERE group (after a CONSTRUCT template)."""
    depth, form, template = 0, None, False
    for match in _TOKENS.finditer(text):
        kind = match.lastgroup
        if kind == "skip":
            continue
        if kind == "form" and depth == 0 and form is None:
            form = match.group().upper()
            template = form == "CONSTRUCT" and text[match.end():].lstrip().startswith("{")
        elif kind == "open":
            if depth == 0 and form is not None and not template:
                return match.end()
            depth += 1
        elif kind == "close":
            depth -= 1
            if depth == 0 and template:
                template = False
    raise ValueError("the query has no WHERE group to bind parameters in")


def bind(text: str, bindings: dict | None) -> str:
    """``text`` with ``bindings`` (variable name -> rdflib term) as a VALUES block opening its WHERE group."""
    if not bindings:
        return text
    at = where_group(text)
    return text[:at] + " " + values_block(bindings) + " " + text[at:]


def with_prefixes(text: str, prefixes: dict[str, str]) -> str:
    """``text`` with PREFIX declarations for ``prefixes`` (what Oxigraph's ``prefixes=`` option predefines)."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes.items()) + text
