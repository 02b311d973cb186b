"""Stored queries: one .rq per question in queries/, with a header that documents it.

Header format (comment lines at the top of the file)::

    # title: Contributors to a mission
    # description: Which states contribute to a mission, with which strength, as of when, per which article?
    # param: ?mission iri optional - the mission (default: all missions). Example: id:kfor
    # columns: mission, contributor, strength, asOf, article, quote

A violation check may add ``# per-graph: COLUMN``: each of its rows comes from the named graph (or the
article) in COLUMN and depends on that graph alone, besides the graphs it names with ``GRAPH <iri>``; an
incremental build then runs it on the changed graphs only (scale.run_violation_queries); ``# types-of:
COLUMN`` adds that its rows also depend on the rdf:type triples, anywhere, of the node in COLUMN.
A violation check says what would fix a row with ``# fix: ...`` (printed under its rows), and where the node
at fault is written with ``# written-at: GRAPH, NODE[, NAMED]``: the columns holding the graph (or article),
the node, and optionally the predicate or value whose line in the node's block is meant
(pipeline/sources.violation_sources).

Parameters are bound with initBindings, never by string substitution.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.sparql.sparql import Query

from ..errors import InputError, UsageError
from ..vocab.namespaces import PREFIXES
from ..rdfio import read_text
from .prepare import prepare

HEADER_LINE = re.compile(r"^#\s*(title|description|param|columns|example)\s*:\s*(.*)$", re.IGNORECASE)
FIX = re.compile(r"^#\s*fix\s*:\s*(.+?)\s*$", re.MULTILINE)
WRITTEN_AT = re.compile(r"^#\s*written-at\s*:\s*(.+?)\s*$", re.MULTILINE)
PARAM = re.compile(r"^\?(\w+)\s+(iri|string|date|integer|decimal)\s+(required|optional)\s*-\s*(.*?)"
                   r"(?:\s*Example:\s*(\S+))?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str
    required: bool
    description: str
    example: str | None


@dataclass
class StoredQuery:
    name: str
    path: Path
    text: str
    title: str
    description: str
    columns: list[str]
    parameters: list[Parameter] = field(default_factory=list)
    _prepared: Query | None = None

    @property
    def prepared(self) -> Query:
        if self._prepared is None:
            self._prepared = prepare(self.text, str(self.path))
        return self._prepared

    @property
    def form(self) -> str:
        return self.prepared.algebra.name.replace("Query", "").upper()  # SELECT, CONSTRUCT, ASK, DESCRIBE

    @property
    def is_violation_check(self) -> bool:
        return self.name.endswith("-violation")

    @property
    def fix(self) -> str:
        """What an author does about a row of this check (``# fix:``), so the report says more than 'failed'."""
        match = FIX.search(self.text)
        return match.group(1) if match else ""

    @property
    def written_at(self) -> list[str]:
        """The columns of ``# written-at:`` (graph, node, optional predicate or value), else none."""
        match = WRITTEN_AT.search(self.text)
        return [c.strip().lstrip("?") for c in match.group(1).split(",") if c.strip()] if match else []

    def bindings(self, given: dict[str, str]) -> dict[str, object]:
        """Convert ``--param name=value`` strings to RDF terms; unknown or missing parameters are usage errors."""
        known = {p.name: p for p in self.parameters}
        for name in given:
            if name not in known:
                takes = ", ".join(sorted(known)) or "no parameters"
                raise UsageError(f"unknown parameter {name!r} for query {self.name} (it takes: {takes})",
                                 parameter="--param")
        for p in self.parameters:
            if p.required and p.name not in given:
                raise UsageError(f"query {self.name} needs --param {p.name}=... ({p.description})",
                                 parameter="--param")
        return {name: convert(known[name], value) for name, value in given.items()}


def convert(param: Parameter, value: str):
    kind = param.kind
    try:
        if kind == "iri":
            return expand_iri(value)
        if kind == "date":
            date.fromisoformat(value)
            return Literal(value, datatype=XSD.date)
        if kind == "integer":
            return Literal(int(value))
        if kind == "decimal":
            return Literal(value, datatype=XSD.decimal)
    except ValueError as exc:
        raise UsageError(f"--param {param.name}={value!r}: not a valid {kind} ({exc})", parameter="--param") from exc
    return Literal(value)


def expand_iri(value: str) -> URIRef:
    """An absolute IRI, <IRI>, or a prefixed name with a project prefix (id:kfor)."""
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    if re.match(r"^[a-z][a-z0-9+.-]*://", value, re.IGNORECASE):
        if any(c in value for c in ' <>"{}|\\^`'):
            raise ValueError(f"not a valid IRI: {value!r}")
        return URIRef(value)
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES:
        return URIRef(str(PREFIXES[prefix]) + local)
    raise ValueError(f"not an IRI or a prefixed name with a known prefix ({', '.join(sorted(PREFIXES))})")


def parse_header(path: Path, text: str) -> dict:
    header = {"title": "", "description": "", "columns": [], "params": []}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = HEADER_LINE.match(line)
        if not match:
            continue
        key, value = match.group(1).lower(), match.group(2).strip()
        if key == "param":
            pm = PARAM.match(value)
            if not pm:
                raise InputError("bad param header; expected '# param: ?name iri|string|date|integer|decimal "
                                 "required|optional - description. Example: value'", path, number)
            header["params"].append(Parameter(pm.group(1), pm.group(2).lower(), pm.group(3).lower() == "required",
                                              pm.group(4).rstrip(". "), pm.group(5)))
        elif key == "columns":
            header["columns"] = [c.strip().lstrip("?") for c in value.split(",") if c.strip()]
        elif key in ("title", "description"):
            header[key] = value
    if not header["title"]:
        raise InputError("stored query has no '# title:' header", path, 1)
    return header


def load_query_file(path: Path, name: str | None = None) -> StoredQuery:
    text = read_text(path)
    header = parse_header(path, text)
    return StoredQuery(name or path.stem, path, text, header["title"], header["description"], header["columns"],
                       header["params"])


def stored_queries(queries_dir: Path) -> dict[str, StoredQuery]:
    return {p.stem: load_query_file(p) for p in sorted(queries_dir.glob("*.rq"))}


def resolve(queries_dir: Path, name_or_path: str) -> StoredQuery:
    """A stored query by name, or a .rq file by path; an unknown name suggests close ones."""
    candidate = Path(name_or_path)
    if name_or_path.endswith(".rq") or candidate.is_file():
        if not candidate.is_file():
            raise InputError("query file not found", candidate)
        text = read_text(candidate)
        try:
            header = parse_header(candidate, text)
        except InputError:
            header = {"title": candidate.stem, "description": "", "columns": [], "params": []}
        return StoredQuery(candidate.stem, candidate, text, header["title"], header["description"],
                           header["columns"], header["params"])
    names = sorted(p.stem for p in queries_dir.glob("*.rq"))
    if name_or_path in names:
        return load_query_file(queries_dir / f"{name_or_path}.rq")
    close = difflib.get_close_matches(name_or_path, names, n=3, cutoff=0.5)
    if not close:
        close = [n for n in names if name_or_path.lower() in n.lower()][:3]
    hint = f"; did you mean {', '.join(close)}?" if close else "; `wbkg queries` lists them"
    raise UsageError(f"no stored query named {name_or_path!r}{hint}", parameter="NAME")


def readme(queries: dict[str, StoredQuery]) -> str:
    """queries/README.md, generated from the query headers (`wbkg queries --markdown`)."""
    lines = ["# Stored queries", "",
             "Generated from the headers of the `.rq` files by `wbkg queries --markdown`; do not edit by hand.",
             "Run one with `wbkg query NAME [--param name=value ...] [--format table|csv|tsv|json]`.",
             "A query named `*-violation` is a check: it must return no rows, and `wbkg build` fails when it does.",
             "", "| query | title | parameters | columns |", "|---|---|---|---|"]
    for name, q in queries.items():
        params = "<br>".join(f"`{p.name}` ({p.kind}, {'required' if p.required else 'optional'})"
                             for p in q.parameters) or "none"
        columns = ", ".join(q.columns) if q.columns else q.form
        lines.append(f"| [`{name}`]({q.path.name}) | {q.title} | {params} | {columns} |")
    for name, q in queries.items():
        lines += ["", f"## {name}", "", f"**{q.title}**", "", q.description]
        for p in q.parameters:
            example = f" Example: `--param {p.name}={p.example}`" if p.example else ""
            lines.append(f"- parameter `{p.name}` ({p.kind}, {'required' if p.required else 'optional'}): "
                         f"{p.description}.{example}")
        if q.columns:
            lines.append(f"- columns: {', '.join(q.columns)}")
        if q.fix:
            lines.append(f"- fix: {q.fix}")
        lines += ["", "```", f"wbkg query {name}" + "".join(
            f" --param {p.name}={p.example}" for p in q.parameters if p.example and p.required), "```"]
    return "\n".join(lines) + "\n"
