"""Parsing SPARQL safely: errors with their position, and refusal of anything that would reach outside
the graph (SERVICE, FROM / FROM NAMED, updates such as LOAD)."""
from __future__ import annotations

import re

from pyparsing import ParseBaseException
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.plugins.sparql.sparql import Query

from ..errors import InputError
from ..vocab.namespaces import PREFIXES

UPDATE_WORDS = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)


class RefusedQuery(InputError):
    """A query that would fetch from the network or the file system, or change the graph."""


def _walk(node):
    yield node
    if isinstance(node, dict):
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _walk(value)


def prepare(text: str, source: str = "<query>", dataset: bool = False) -> Query:
    """Parse and check a SPARQL query; raise InputError naming ``source``, line and column. ``dataset``: let
    FROM / FROM NAMED through (the server selects the graphs it holds with them and refuses the rest)."""
    try:
        query = prepareQuery(text, initNs=PREFIXES)
    except ParseBaseException as exc:
        if _is_update(text):
            raise RefusedQuery("SPARQL updates (INSERT, DELETE, LOAD, CLEAR, DROP...) are not allowed: "
                               "the graph is read-only", source) from exc
        raise InputError(f"malformed SPARQL: {exc.msg} (at character {exc.loc})", source,
                         exc.lineno, exc.col) from exc
    except Exception as exc:  # rdflib raises plain Exceptions for unknown prefixes and the like
        raise InputError(f"malformed SPARQL: {exc}", source) from exc
    check_local(query, source, dataset)
    return query


def _is_update(text: str) -> bool:
    if not UPDATE_WORDS.search(text):
        return False
    try:
        parseUpdate(text)
        return True
    except Exception:
        return False


def check_local(query: Query, source: str = "<query>", dataset: bool = False) -> None:
    """Refuse SERVICE (anywhere, nested too) and FROM / FROM NAMED: the CLI never fetches anything."""
    if query.algebra.get("datasetClause") and not dataset:
        raise RefusedQuery("FROM / FROM NAMED are not allowed: queries run on the project graph only "
                           "(use GRAPH <iri> { ... } to select a named graph)", source)
    for node in _walk(query.algebra):
        name = getattr(node, "name", None)
        if name == "ServiceGraphPattern":
            raise RefusedQuery("SERVICE is not allowed: queries must not reach other endpoints", source)
