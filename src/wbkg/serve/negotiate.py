"""Content negotiation: the Accept header (with q-values), the ``format`` / ``output`` request parameter
(what SPARQLWrapper, YASGUI and browsers' download links send), and the formats each answer can take."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    key: str
    media_types: tuple[str, ...]   # the first is the canonical Content-Type
    text: bool = True              # add "; charset=utf-8"


JSON_RESULTS = Format("json", ("application/sparql-results+json", "application/json"), text=False)
XML_RESULTS = Format("xml", ("application/sparql-results+xml", "application/xml", "text/xml"), text=False)
CSV = Format("csv", ("text/csv",))
TSV = Format("tsv", ("text/tab-separated-values",))
HTML = Format("html", ("text/html", "application/xhtml+xml"))
TEXT = Format("text", ("text/plain",))

TURTLE = Format("turtle", ("text/turtle", "application/x-turtle", "application/turtle", "text/n3", "text/rdf+n3"))
JSONLD = Format("jsonld", ("application/ld+json", "application/json"), text=False)
NTRIPLES = Format("nt", ("application/n-triples", "text/plain"))
RDFXML = Format("rdfxml", ("application/rdf+xml", "application/xml", "text/xml"), text=False)
TRIG = Format("trig", ("application/trig",))
NQUADS = Format("nquads", ("application/n-quads",))

#: SELECT and ASK, in order of preference when the client accepts several equally
RESULT_FORMATS = (JSON_RESULTS, XML_RESULTS, CSV, TSV, HTML, TEXT)
#: CONSTRUCT and DESCRIBE
GRAPH_FORMATS = (TURTLE, JSONLD, NTRIPLES, RDFXML, TRIG, NQUADS, HTML)
#: linked-data pages: a person with a browser first
PAGE_FORMATS = (HTML, TURTLE, JSONLD, NTRIPLES, RDFXML, TRIG, NQUADS)
#: RDF documents with no HTML view (VoID, dumps)
RDF_FORMATS = (TURTLE, JSONLD, NTRIPLES, RDFXML, TRIG, NQUADS)

BY_KEY = {f.key: f for f in RESULT_FORMATS + GRAPH_FORMATS}
SUFFIXES = {".ttl": TURTLE, ".jsonld": JSONLD, ".nt": NTRIPLES, ".rdf": RDFXML, ".trig": TRIG, ".nq": NQUADS,
            ".html": HTML}

#: values of the ``format`` / ``output`` parameter -> (format for results, format for graphs)
PARAMETER_VALUES = {
    "json": (JSON_RESULTS, JSONLD), "srj": (JSON_RESULTS, None),
    "xml": (XML_RESULTS, RDFXML), "srx": (XML_RESULTS, None),
    "csv": (CSV, None), "tsv": (TSV, None), "html": (HTML, HTML), "text": (TEXT, None), "txt": (TEXT, None),
    "turtle": (None, TURTLE), "ttl": (None, TURTLE), "n3": (None, TURTLE),
    "json-ld": (None, JSONLD), "jsonld": (None, JSONLD),
    "nt": (None, NTRIPLES), "ntriples": (None, NTRIPLES), "n-triples": (None, NTRIPLES),
    "rdf": (None, RDFXML), "rdf+xml": (None, RDFXML), "rdfxml": (None, RDFXML),
    "trig": (None, TRIG), "nquads": (None, NQUADS), "nq": (None, NQUADS),
}
JSONLD_PROFILES = {"http://www.w3.org/ns/json-ld#" + p for p in ("expanded", "compacted", "flattened", "framed",
                                                                  "context", "frame")}


@dataclass(frozen=True)
class Range:
    type: str
    subtype: str
    q: float
    params: dict

    def matches(self, media_type: str) -> int:
        """0 when it does not match; otherwise its specificity (3 exact, 2 type/*, 1 */*)."""
        t, _, s = media_type.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 1
        if self.type == t and self.subtype == "*":
            return 2
        if self.type == t and self.subtype == s:
            return 3
        return 0


def parse_accept(header: str | None) -> list[Range]:
    if not header or not header.strip():
        return [Range("*", "*", 1.0, {})]
    ranges = []
    for part in header.split(","):
        pieces = [p.strip() for p in _split_params(part)]
        if not pieces or "/" not in pieces[0]:
            continue
        t, _, s = pieces[0].lower().partition("/")
        q, params = 1.0, {}
        for p in pieces[1:]:
            name, _, value = p.partition("=")
            name = name.strip().lower()
            value = value.strip().strip('"')
            if name == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
            elif name:
                params[name] = value
        ranges.append(Range(t.strip(), s.strip(), q, params))
    return ranges or [Range("*", "*", 1.0, {})]


def _split_params(part: str) -> list[str]:
    """Split ``type/sub; a=1; profile="x y"`` on semicolons outside quotes."""
    out, current, quoted = [], [], False
    for ch in part:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            out.append("".join(current))
            current = []
        else:
            current.append(ch)
    out.append("".join(current))
    return out


@dataclass(frozen=True)
class Choice:
    format: Format
    media_type: str
    params: dict

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8" if self.format.text else self.media_type

    @property
    def jsonld_profiles(self) -> set[str]:
        return set(self.params.get("profile", "").split())


def choose(accept: str | None, formats: tuple[Format, ...]) -> Choice | None:
    """The best format for the Accept header, or None (406). Ties go to the earlier format in ``formats``."""
    ranges = parse_accept(accept)
    best: tuple | None = None
    for rank, fmt in enumerate(formats):
        for media_type in fmt.media_types:
            specificity, q, params = 0, 0.0, {}
            for r in ranges:
                s = r.matches(media_type)
                if s > specificity:
                    specificity, q, params = s, r.q, r.params
            if specificity and q > 0:
                key = (q, specificity == 3, -rank)
                if best is None or key > best[0]:
                    best = (key, Choice(fmt, media_type, params if specificity == 3 else {}))
    return None if best is None else best[1]


def from_parameter(value: str | None, graph: bool) -> Format | None:
    """The format named by a ``format`` / ``output`` parameter, if it names one for this kind of answer."""
    if not value:
        return None
    pair = PARAMETER_VALUES.get(value.strip().lower())
    if pair is None:
        # a full media type (SPARQLWrapper sends these too)
        for fmt in (GRAPH_FORMATS if graph else RESULT_FORMATS):
            if value.strip().lower().split(";")[0] in fmt.media_types:
                return fmt
        return None
    return pair[1] if graph else pair[0]


def accepts_html(accept: str | None) -> bool:
    choice = choose(accept, (HTML, JSON_RESULTS, TURTLE))
    return choice is not None and choice.format is HTML and accept is not None and "html" in accept
