"""The SPARQL endpoint as a person sees it: the query form, an answer as an HTML table (labels and links for
the nodes), errors on the form; and the stored queries (/queries, /queries/<name>.rq). Every other answer
of the endpoint is the protocol's (protocol.py)."""
from __future__ import annotations

import json
from urllib.parse import urlencode

from ...query.stored import expand_iri
from .. import negotiate, protocol
from ..protocol import ProtocolError, QueryRequest
from ..replies import Reply, html_reply, not_found
from .links import link, prop_html, value_html

FORMATS = [("html", "a table (HTML)"), ("json", "SPARQL JSON / JSON-LD"), ("xml", "SPARQL XML / RDF/XML"),
           ("csv", "CSV"), ("tsv", "TSV"), ("turtle", "Turtle (CONSTRUCT)"), ("nt", "N-Triples (CONSTRUCT)"),
           ("trig", "TriG (CONSTRUCT)")]
DEFAULT_QUERY = ("SELECT ?entity ?label ?class WHERE {\n  GRAPH graph:entities {\n    ?entity "
                 "<http://www.w3.org/2004/02/skos/core#prefLabel> ?label ; a ?class .\n  }\n}\nORDER BY ?label\n"
                 "LIMIT 50\n")


def answer(site, request: QueryRequest) -> Reply:
    """A complete protocol answer (any error becomes its HTTP status); a browser gets the form with it."""
    html = negotiate.accepts_html(request.accept) and not request.format
    try:
        evaluated, choice = protocol.evaluate(site, request)
    except ProtocolError as exc:
        if html and exc.status in (400, 403):
            return query_page(site, request, error=exc.message, status=exc.status)
        return protocol.error_reply(exc)
    if choice.format is negotiate.HTML:
        return query_page(site, request, answer=evaluated)
    return protocol.answer_reply(evaluated, choice, site.config.max_rows)


def query_page(site, request: QueryRequest | None, answer=None, error: str | None = None,
               status: int = 200) -> Reply:
    terms = site.terms()
    columns, rows, unit, note = [], [], "rows", None
    if answer is not None:
        if answer.graph is not None:
            triples = sorted(answer.graph)
            terms.need(t for triple in triples for t in triple)
            columns = ["subject", "predicate", "object"]
            rows = [(link(terms, s), prop_html(terms, p), value_html(terms, o)) for s, p, o in triples]
            unit = "triples"
        elif answer.form == "SELECT":
            terms.need(t for row in answer.rows for t in row)
            columns = answer.variables
            rows = [[value_html(terms, t) if t is not None else "" for t in row] for row in answer.rows]
        if answer.truncated:
            note = protocol.truncation_note(answer, site.config.max_rows)
    examples = [(q.title, "/sparql?" + urlencode({"query": q.text, **example_bindings(q)}), q.name)
                for q in site.queries.values()]
    text = request.query if request is not None else DEFAULT_QUERY
    reply = html_reply("query.html", status=status, title="SPARQL", query=text, error=error, answer=answer,
                       columns=columns, rows=rows, unit=unit, note=note, formats=FORMATS, fmt="html",
                       bindings=sorted((request.bindings if request is not None else {}).items()),
                       examples=examples, endpoint="/sparql", max_rows=site.config.max_rows,
                       timeout=f"{site.config.timeout:g}")
    if answer is not None:
        reply.headers["Wbkg-Truncated"] = "true" if answer.truncated else "false"
    return reply


def example_bindings(q) -> dict:
    out = {}
    for p in q.parameters:
        if p.required and p.example:
            value = p.example
            if p.kind == "iri":
                try:
                    value = f"<{expand_iri(p.example)}>"
                except ValueError:
                    continue
            else:
                value = json.dumps(p.example)
            out[f"${p.name}"] = value
    return out


def query_form(site, payload: dict) -> Reply:
    return query_page(site, None)


def stored_queries(site, payload: dict) -> Reply:
    name = payload.get("name")
    if name is not None:
        q = site.queries.get(name)
        if q is None:
            return not_found(payload.get("accept"), f"There is no stored query {name}.")
        return Reply(200, q.text.encode("utf-8"), "application/sparql-query; charset=utf-8")
    entries = []
    for q in site.queries.values():
        entries.append({"name": q.name, "title": q.title, "description": q.description, "params": q.parameters,
                        "columns": q.columns, "text": q.text, "form": site.query_form(q.name),
                        "text_href": f"/queries/{q.name}.rq",
                        "run": "/sparql?" + urlencode({"query": q.text, **example_bindings(q)})})
    return html_reply("queries.html", title="Stored queries", queries=entries)
