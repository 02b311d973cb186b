"""The SPARQL 1.1 Protocol, worker side: parse and refuse, pick the dataset, evaluate, serialise.

Runs inside a worker process (see pool.py), so a query that runs too long or eats memory can be killed. The
HTML view of an answer is a page (pages/query.py), which calls this module, never the other way round.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from xml.sax.saxutils import escape as xml_escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.util import from_n3

from ..query import prepare as wbkg_sparql
from ..errors import InputError
from ..vocab.namespaces import bind_prefixes
from ..query.results import Result, render as render_table, select_csv, select_json, select_tsv
from . import negotiate
from .engine import take
from .reader import QUERY_PREFIXES
from .negotiate import Choice
from .replies import Reply, serialise_graph

SPARQL_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"


@dataclass
class QueryRequest:
    """One protocol request, as the server read it from GET parameters, a form or a sparql-query body."""

    query: str
    accept: str | None = None
    format: str | None = None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    bindings: dict[str, str] = field(default_factory=dict)   # RDF4J-style $name=<N-Triples term>
    context: str | None = None                                # a client-supplied JSON-LD context: refused
    include_drafts: bool = False                              # include-drafts=true: the drafts too (not reviewed)


class ProtocolError(Exception):
    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


#: the request parameter (endpoint and pages) that adds the drafts `wbkg ingest` wrote to what is answered
DRAFTS_PARAMETER = "include-drafts"


def include_drafts(params) -> bool:
    """``include-drafts=true|false`` among (name, value) pairs; absent: false (reviewed facts only). Any other
    value, or the parameter twice, is a ProtocolError (400) that names it."""
    given = [v for k, v in params if k == DRAFTS_PARAMETER]
    if not given:
        return False
    if len(given) > 1:
        raise ProtocolError(400, f"{DRAFTS_PARAMETER} may be given once")
    value = given[0].strip().lower()
    if value not in ("true", "false"):
        raise ProtocolError(400, f"{DRAFTS_PARAMETER}={given[0]!r}: say true (also answer from the drafts, "
                                 "not reviewed) or false (reviewed facts only, the default)")
    return value == "true"


def is_update(text: str) -> bool:
    """True when ``text`` parses as a SPARQL Update request (and not as a query)."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


@lru_cache(maxsize=256)
def _prepared(text: str):
    return wbkg_sparql.prepare(text, "query", dataset=True)


def prepare(text: str):
    """Parse with wbkg.sparql.prepare (which refuses SERVICE; FROM is checked against the graphs held, later);
    map its errors to HTTP statuses.
    Parsing is the dearest step of a small query (rdflib's parser), so each worker keeps the last 256."""
    try:
        return _prepared(text)
    except wbkg_sparql.EmptyQuery as exc:   # an empty text also parses as an (empty) update: say what it is
        raise ProtocolError(400, exc.detail) from exc
    except wbkg_sparql.RefusedQuery as exc:
        if is_update(text):
            raise ProtocolError(403, "SPARQL Update is not allowed: this endpoint is read-only and nothing was "
                                     "changed") from exc
        raise ProtocolError(400, exc.detail) from exc
    except InputError as exc:
        if is_update(text):
            raise ProtocolError(403, "SPARQL Update is not allowed: this endpoint is read-only and nothing was "
                                     "changed") from exc
        where = ""
        if exc.line is not None:
            where = f"line {exc.line}, column {exc.column}: "
        raise ProtocolError(400, f"{where}{plain_message(text, exc.detail)}") from exc


UNKNOWN_PREFIX = re.compile(r"Unknown namespace prefix\s*:\s*(\S*)")
IRIREF = re.compile(r"<([^<>\"{}|^`\\\s]*)>")
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
BASE_DECL = re.compile(r"^\s*BASE\s*<", re.IGNORECASE | re.MULTILINE)


def plain_message(text: str, detail: str) -> str:
    """What the author should fix, in place of a parser's message where we can tell: an undeclared prefix, a
    relative IRI without BASE (Oxigraph's message lists character ranges, rdflib's names a token)."""
    match = UNKNOWN_PREFIX.search(detail)
    if match:
        prefix = match.group(1)
        return (f"prefix '{prefix}' is not declared: add PREFIX {prefix}: <...> at the top (predeclared: "
                f"{', '.join(sorted(QUERY_PREFIXES))})")
    if not BASE_DECL.search(text):
        relative = next((m.group(1) for m in IRIREF.finditer(text) if not SCHEME.match(m.group(1))), None)
        if relative is not None:
            return (f"<{relative}> is a relative IRI and the query declares no BASE: write the whole IRI (for "
                    "example <https://w3id.org/wbkg/id/kfor>) or a prefixed name (id:kfor)")
    return detail


NAMESPACES = bind_prefixes(Graph()).namespace_manager


def dataset_of(prepared, request: QueryRequest) -> tuple[list[str], list[str]] | None:
    """The RDF dataset the request names (Protocol 2.1.4): default-graph-uri / named-graph-uri when either is
    given, else the query's FROM / FROM NAMED, else None (the view's own dataset). Naming only one kind
    leaves the other empty."""
    if request.default_graphs or request.named_graphs:
        return list(request.default_graphs), list(request.named_graphs)
    clauses = prepared.algebra.get("datasetClause") or []
    if not clauses:
        return None
    default = [str(c["default"]) for c in clauses if "default" in c]
    named = [str(c["named"]) for c in clauses if "named" in c]
    return default, named


def check_graphs(holds_graph, graphs: list[str]) -> None:
    """The dataset may only name graphs the server holds (a draft's only with include-drafts=true): nothing
    is ever fetched."""
    unknown = [g for g in graphs if not holds_graph(g)]
    if unknown:
        raise ProtocolError(400, "FROM / FROM NAMED / default-graph-uri / named-graph-uri may only name graphs "
                                 f"this server holds (nothing is fetched); not held: {', '.join(unknown)}. "
                                 "The graphs are listed at /.well-known/void")


def parse_bindings(raw: dict[str, str], nm=NAMESPACES) -> dict:
    out = {}
    for name, value in raw.items():
        value = value.strip()
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ProtocolError(400, f"${name}: not a variable name")
        if value.startswith("<") and not re.fullmatch(r"<[^<>\"{}|^`\\\s]*>", value):
            raise ProtocolError(400, f"${name}={value!r}: not an IRI in <...>")
        try:
            term = from_n3(value, nsm=nm)
        except Exception as exc:
            raise ProtocolError(400, f"${name}={value!r}: not an RDF term in N-Triples or Turtle syntax "
                                     f"(for example <https://w3id.org/wbkg/id/kfor> or \"text\"@en): {exc}") from exc
        if not isinstance(term, (URIRef, Literal)) or isinstance(term, BNode):
            raise ProtocolError(400, f"${name}={value!r}: bind an IRI or a literal")
        out[name] = term
    return out


def negotiate_answer(request: QueryRequest, form: str) -> Choice:
    graph = form in ("CONSTRUCT", "DESCRIBE")
    formats = negotiate.GRAPH_FORMATS if graph else negotiate.RESULT_FORMATS
    by_param = negotiate.from_parameter(request.format, graph)
    if by_param is not None:
        return Choice(by_param, by_param.media_types[0], {})
    choice = negotiate.choose(request.accept, formats)
    if choice is None:
        offered = ", ".join(t for f in formats for t in f.media_types[:1])
        raise ProtocolError(406, f"cannot answer this {form} query as {request.accept!r}; offered: {offered}")
    return choice


@dataclass
class Answer:
    form: str
    variables: list[str]
    rows: list[tuple]
    boolean: bool | None
    graph: Graph | None
    truncated: bool


def evaluate(site, request: QueryRequest) -> tuple[Answer, Choice]:
    """Parse, refuse, negotiate and evaluate; ``site`` gives the engine, the graphs held and the row cap."""
    prepared = prepare(request.query)
    form = prepared.algebra.name.replace("Query", "").upper()
    choice = negotiate_answer(request, form)   # 406 before any work
    if request.context:
        raise ProtocolError(400, "a client-supplied JSON-LD context is never fetched: remote contexts are "
                                 "refused; the server's own context is at /context.jsonld")
    dataset = dataset_of(prepared, request)
    if dataset is not None:
        check_graphs(site.reader.holds_graph, dataset[0] + dataset[1])
    bindings = parse_bindings(request.bindings)
    try:
        answer = site.engine.evaluate(prepared.text, prepared, bindings, dataset)
    except SyntaxError as exc:   # Oxigraph's parser is stricter than rdflib's on a few points
        raise ProtocolError(400, plain_message(request.query, f"malformed SPARQL: {exc}")) from exc
    except ValueError as exc:    # a bound IRI that Oxigraph does not take (rdflib's from_n3 is lenient)
        raise ProtocolError(400, f"bad $binding: {exc}") from exc
    cap = site.config.max_rows
    if answer.form == "ASK":
        return Answer(form, [], [], answer.boolean, None, False), choice
    if answer.graph is not None:
        graph = answer.graph
        truncated = len(graph) > cap
        if truncated:
            kept = bind_prefixes(Graph())
            for triple in islice(sorted(graph), cap):
                kept.add(triple)
            graph = kept
        return Answer(form, [], [], None, graph, truncated), choice
    rows, truncated = take(answer.rows, cap)
    return Answer(form, answer.variables, rows, None, None, truncated), choice


def error_reply(exc: ProtocolError) -> Reply:
    return Reply(exc.status, (exc.message + "\n").encode(), headers=exc.headers)


def answer_reply(answer: Answer, choice: Choice, cap: int) -> Reply:
    """An answer in a non-HTML format, with the row-cap headers."""
    body = serialise(answer, choice, cap)
    headers = {}
    if answer.form != "ASK":
        headers["Wbkg-Truncated"] = "true" if answer.truncated else "false"
        headers["Wbkg-Max-Rows"] = str(cap)
    return Reply(200, body, choice.content_type, headers)


def truncation_note(answer: Answer, cap: int) -> str:
    unit = "triples" if answer.graph is not None else "rows"
    return (f"truncated: only the first {cap} {unit} are included; this server caps every answer at {cap} "
            f"{unit} (wbkg serve --max-rows). Use LIMIT and OFFSET to page through the rest.")


def serialise(answer: Answer, choice: Choice, cap: int) -> bytes:
    key = choice.format.key
    note = truncation_note(answer, cap) if answer.truncated else None
    if answer.graph is not None:
        return serialise_graph(answer.graph, key, choice, note).encode("utf-8")
    if answer.form == "ASK":
        return serialise_boolean(answer.boolean, key).encode("utf-8")
    if key == "json":
        body = select_json(answer.variables, answer.rows)
        if note:
            body["truncated"] = True
            body["note"] = note
        return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if key == "xml":
        return results_xml(answer, note).encode("utf-8")
    if key == "csv":
        return select_csv(answer.variables, answer.rows).encode("utf-8")
    if key == "tsv":
        return select_tsv(answer.variables, answer.rows).encode("utf-8")
    text = render_table(Result("SELECT", answer.variables, answer.rows), "table")
    return (text + (f"{note}\n" if note else "")).encode("utf-8")


def serialise_boolean(value: bool, key: str) -> str:
    word = "true" if value else "false"
    if key == "json":
        return json.dumps({"head": {}, "boolean": value}) + "\n"
    if key == "xml":
        return (f'<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="{SPARQL_RESULTS_NS}">\n'
                f"  <head/>\n  <boolean>{word}</boolean>\n</sparql>\n")
    if key == "csv":
        return f"_askResult\r\n{word}\r\n"
    if key == "tsv":
        return f"?_askResult\n{word}\n"
    return word + "\n"


def _xml_text(value: str) -> str:
    """Escape for XML 1.0, replacing the few characters XML cannot carry at all."""
    cleaned = "".join(ch if ch in "\t\n\r" or ord(ch) >= 0x20 and ch not in "\ufffe\uffff" else "\ufffd"
                      for ch in value)
    return xml_escape(cleaned)


def results_xml(answer: Answer, note: str | None) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>', f'<sparql xmlns="{SPARQL_RESULTS_NS}">']
    if note:
        out.append(f"<!-- {_xml_text(note).replace('--', '- -')} -->")
    out.append("  <head>")
    out.extend(f"    <variable name={quoteattr(v)}/>" for v in answer.variables)
    out.append("  </head>")
    out.append("  <results>")
    for row in answer.rows:
        out.append("    <result>")
        for name, term in zip(answer.variables, row):
            if term is None:
                continue
            if isinstance(term, URIRef):
                value = f"<uri>{_xml_text(str(term))}</uri>"
            elif isinstance(term, BNode):
                value = f"<bnode>{_xml_text(str(term))}</bnode>"
            else:
                attrs = ""
                if term.language:
                    attrs = f" xml:lang={quoteattr(term.language)}"
                elif term.datatype:
                    attrs = f" datatype={quoteattr(str(term.datatype))}"
                value = f"<literal{attrs}>{_xml_text(str(term))}</literal>"
            out.append(f"      <binding name={quoteattr(name)}>{value}</binding>")
        out.append("    </result>")
    out.append("  </results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"
