"""What a worker hands back for a request (a Reply: status, body, headers), and the replies pages share:
HTML from a template, RDF in the negotiated format, 404 and 406."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from markupsafe import Markup
from rdflib import Dataset, Graph

from ..export.rdflib_dataset import serialize_dataset, serialize_graph
from ..vocab.namespaces import bind_prefixes
from . import negotiate
from .negotiate import Choice
from .templating import json_script, render

HTML_HEADERS = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                                           "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"}
FORMAT_LINKS = (("Turtle", ".ttl", "text/turtle"), ("JSON-LD", ".jsonld", "application/ld+json"),
                ("TriG", ".trig", "application/trig"), ("N-Triples", ".nt", "application/n-triples"),
                ("RDF/XML", ".rdf", "application/rdf+xml"))


@dataclass
class Reply:
    """Status, body and headers of an HTTP response, as a worker sends it to the server."""

    status: int
    body: bytes = b""
    media_type: str | None = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def html_reply(template: str, status: int = 200, **context) -> Reply:
    body = render(template, alternates=context.pop("alternates", ()), **context)
    return Reply(status, body.encode("utf-8"), "text/html; charset=utf-8", dict(HTML_HEADERS))


def not_found(accept: str | None, what: str) -> Reply:
    if negotiate.accepts_html(accept):
        return html_reply("error.html", 404, title="Not found", code=404, message=what)
    return Reply(404, (what + "\n").encode("utf-8"))


def not_acceptable(payload: dict) -> Reply:
    offered = ", ".join(f.media_types[0] for f in negotiate.PAGE_FORMATS)
    return Reply(406, f"cannot serve {payload.get('accept')!r}; offered: {offered}\n".encode("utf-8"))


def choose_page_format(payload: dict) -> Choice | None:
    suffix = payload.get("suffix")
    if suffix:
        fmt = negotiate.SUFFIXES[suffix]
        return Choice(fmt, fmt.media_types[0], {})
    return negotiate.choose(payload.get("accept"), negotiate.PAGE_FORMATS)


def suffix_of(choice: Choice) -> str:
    for suffix, fmt in negotiate.SUFFIXES.items():
        if fmt is choice.format:
            return suffix
    return ""


def format_links(path: str) -> list[tuple[str, str, str]]:
    return [(name, path + suffix, media) for name, suffix, media in FORMAT_LINKS]


def alternates(path: str) -> list[tuple[str, str]]:
    return [(media, path + suffix) for _n, suffix, media in FORMAT_LINKS]


def serialise_graph(graph: Graph, key: str, choice: Choice | None = None, note: str | None = None) -> str:
    """A graph as turtle, jsonld, nt, rdfxml, trig or nquads (a JSON-LD 'expanded' profile is honoured)."""
    if key == "turtle":
        text = serialize_graph(graph, "turtle")
        return f"# {note}\n{text}" if note else text
    if key == "nt":
        return serialize_graph(graph, "nt")
    if key == "jsonld":
        if choice is not None and "http://www.w3.org/ns/json-ld#expanded" in choice.jsonld_profiles:
            return graph.serialize(format="json-ld") + "\n"
        return serialize_graph(graph, "json-ld")
    if key == "rdfxml":
        return bind_prefixes(graph).serialize(format="xml")
    if key in ("trig", "nquads"):
        ds = bind_prefixes(Dataset())
        for triple in graph:
            ds.default_graph.add(triple)
        text = ds.serialize(format="trig" if key == "trig" else "nquads")
        return f"# {note}\n{text}" if note and key == "trig" else text
    raise ValueError(key)


def merged(dataset: Dataset) -> Graph:
    graph = bind_prefixes(Graph())
    for prefix, namespace in dataset.namespaces():   # the page's own prefixes (VoID's sd:) too
        graph.bind(prefix, namespace, override=False)
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def rdf_reply(dataset: Dataset, choice: Choice, content_location: str | None = None,
              merge_into_default: bool = False) -> Reply:
    """A dataset in the negotiated format: TriG and N-Quads keep its graphs, the others get their merge.
    ``merge_into_default``: a document about one thing also holds the merge in its default graph, so that a
    client querying the document's default graph (Comunica does) finds its triples in TriG and N-Quads too."""
    key = choice.format.key
    if key in ("trig", "nquads"):
        if merge_into_default:
            for triple in merged(dataset):
                dataset.default_graph.add(triple)
        body = serialize_dataset(dataset, key)
    else:
        body = serialise_graph(merged(dataset), key, choice)
    headers = {"Content-Location": content_location} if content_location else {}
    return Reply(200, body.encode("utf-8"), choice.content_type, headers)


def jsonld_island(dataset: Dataset) -> Markup:
    return json_script(json.loads(serialize_graph(merged(dataset), "json-ld")))
