"""Parsing SPARQL safely: errors an author can act on, and refusal of anything that would reach outside the
graph (SERVICE, FROM / FROM NAMED, updates such as LOAD).

The check (rdflib's parser) and the engine (Oxigraph) must read the same query. They disagree on ``\\u``
escapes: rdflib replaces them in the whole text before parsing (as SPARQL 1.1 section 19.2 says, though it
also takes eight digits after ``\\u``), Oxigraph only inside strings and IRIs, so ``"a\\u0022, "`` hid a
SERVICE from the check. So :func:`prepare` decodes the escapes once, as the grammar says, refuses a text in
which the result still spells an escape, and hands the decoded text (``Query.text``) to both.
"""
from __future__ import annotations

import re

from pyparsing import ParseBaseException
from rdflib import URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query

from ..errors import InputError
from ..vocab.namespaces import PREFIXES

UPDATE_WORDS = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)
#: the prefixes every query may use undeclared: the project's and the usual W3C ones (the stored queries use
#: these); given to rdflib and to Oxigraph alike
STANDARD_PREFIXES = {**{k: str(v) for k, v in PREFIXES.items()}, "rdf": str(RDF), "rdfs": str(RDFS),
                     "skos": str(SKOS), "owl": str(OWL), "xsd": str(XSD), "dcterms": str(DCTERMS)}
ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
#: what either parser would still take for an escape (rdflib: either case, four or eight digits)
LEFTOVER = re.compile(r"\\[uU][0-9A-Fa-f]{4}")
NOTHING = re.compile(r"(?:\s+|#[^\r\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)*", re.IGNORECASE)
NEWLINE = re.compile(r"\r\n?")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class RefusedQuery(InputError):
    """A query that would fetch from the network or the file system, or change the graph."""


class EmptyQuery(InputError):
    """Nothing but white space, comments and PREFIX / BASE declarations."""


def decode_escapes(text: str, source: str = "<query>") -> str:
    """Replace ``\\uXXXX`` and ``\\UXXXXXXXX`` once (SPARQL 1.1 section 19.2); refuse what would decode again.
    Line ends become line feeds: rdflib ends a ``#`` comment at a line feed only, Oxigraph at a carriage
    return too (the grammar's EOL), so a lone carriage return hid a SERVICE from the check."""
    def code_point(match: re.Match) -> str:
        value = int(match.group(1) or match.group(2), 16)
        if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
            raise InputError(f"{match.group(0)} is not a Unicode character (code points are U+0000 to U+10FFFF, "
                             "surrogates excluded)", source, _line_of(text, match.start()))
        return chr(value)

    decoded = NEWLINE.sub("\n", ESCAPE.sub(code_point, text))
    leftover = LEFTOVER.search(decoded)
    if leftover:
        raise RefusedQuery(f"{leftover.group(0)!r} after decoding the \\u escapes: an escape that spells another "
                           "escape (or a backslash before u and four hex digits) reads differently to different "
                           "SPARQL engines; write the character itself", source, _line_of(decoded, leftover.start()))
    return decoded


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _walk(node):
    yield node
    if isinstance(node, dict):
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _walk(value)
    elif hasattr(node, "as_list") and not isinstance(node, CompValue):   # a ParseResults
        for value in node:
            yield from _walk(value)


def prepare(text: str, source: str = "<query>", dataset: bool = False) -> Query:
    """Parse and check a SPARQL query; raise InputError naming ``source``, line and column. The text to run
    is the returned query's ``.text`` (escapes decoded), never ``text``. ``dataset``: let FROM / FROM NAMED
    through (the server selects the graphs it holds with them and refuses the rest)."""
    if NOTHING.fullmatch(text):
        raise EmptyQuery("empty query: there is no SELECT, CONSTRUCT, ASK or DESCRIBE, only white space, "
                         "comments or PREFIX / BASE declarations", source)
    decoded = decode_escapes(text, source)
    try:
        parsed = parseQuery(decoded)
    except ParseBaseException as exc:
        if _is_update(decoded):
            raise RefusedQuery("SPARQL updates (INSERT, DELETE, LOAD, CLEAR, DROP...) are not allowed: "
                               "the graph is read-only", source) from exc
        raise InputError(f"malformed SPARQL: {exc.msg} (at character {exc.loc})", source,
                         exc.lineno, exc.col) from exc
    except Exception as exc:  # rdflib raises plain Exceptions for some malformed input
        raise InputError(f"malformed SPARQL: {exc}", source) from exc
    check_names(parsed, source)
    try:
        query = translateQuery(parsed, None, STANDARD_PREFIXES)
    except Exception as exc:
        raise InputError(f"malformed SPARQL: {exc}", source) from exc
    if dataset:   # the server: FROM names graphs it may hold (checked there); SERVICE is refused all the same
        check_service(query, source)
    else:
        check_local(query, source)
    query.text = decoded
    return query


def check_names(parsed, source: str = "<query>") -> None:
    """Every prefixed name has a declared (or standard) prefix; a relative IRI needs a BASE."""
    declared = set(STANDARD_PREFIXES)
    has_base = False
    for decl in parsed[0]:
        if decl.name == "PrefixDecl":
            declared.add(decl.prefix or "")
        elif decl.name == "Base":
            has_base = True
    for node in _walk(list(parsed[1:])):
        if isinstance(node, CompValue) and node.name == "pname":
            prefix = node.prefix or ""
            if prefix not in declared:
                raise InputError(f"prefix '{prefix}' is not declared: add PREFIX {prefix}: <...> at the top "
                                 f"(predeclared: {', '.join(sorted(STANDARD_PREFIXES))})", source)
        elif isinstance(node, URIRef) and not has_base and not SCHEME.match(str(node)):
            raise InputError(f"<{node}> is a relative IRI and the query declares no BASE: write the whole IRI "
                             "(for example <https://w3id.org/wbkg/id/kfor>) or a prefixed name (id:kfor)", source)


def _is_update(text: str) -> bool:
    if not UPDATE_WORDS.search(text):
        return False
    try:
        parseUpdate(text)
        return True
    except Exception:
        return False


def check_local(query: Query, source: str = "<query>") -> None:
    """Refuse SERVICE (anywhere, nested too) and FROM / FROM NAMED: the CLI never fetches anything."""
    if query.algebra.get("datasetClause"):
        raise RefusedQuery("FROM / FROM NAMED are not allowed: queries run on the project graph only "
                           "(use GRAPH <iri> { ... } to select a named graph)", source)
    check_service(query, source)


def check_service(query: Query, source: str = "<query>") -> None:
    """Refuse SERVICE anywhere in the query, nested too."""
    for node in _walk(query.algebra):
        name = getattr(node, "name", None)
        if name == "ServiceGraphPattern":
            raise RefusedQuery("SERVICE is not allowed: queries must not reach other endpoints", source)
