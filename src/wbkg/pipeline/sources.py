"""Where a SHACL result's triples were written: the graph files (reviewed, draft, or the entity descriptions)
whose graph has the focus node as a subject, and the line of the focus node's block that states the path,
so that a failing check names a file and a line as a failing quote does; and the same for the rows of the
*-violation queries whose header says where their node is written."""
from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD

from ..corpus import unit_graph_file
from ..project import Project
from ..vocab.namespaces import ARTICLE, GRAPH, PREFIXES


def _written_forms(iri: str) -> list[str]:
    """The ways a Turtle file of this project writes an IRI: <iri> and prefix:local."""
    forms = [f"<{iri}>"]
    for prefix, ns in PREFIXES.items():
        ns = str(ns)
        if iri.startswith(ns) and re.fullmatch(r"[A-Za-z0-9_.\-]+", iri[len(ns):]):
            forms.append(f"{prefix}:{iri[len(ns):]}")
    if "#" in iri:
        forms.append(":" + iri.rsplit("#", 1)[1])  # an article's own prefix
    return forms


def _names(line: str, form: str) -> bool:
    """Whether ``line`` writes ``form`` as a whole term (id:kfor is not named by id:kfor-hq)."""
    return re.search(re.escape(form) + r"(?![A-Za-z0-9_\-]|\.[A-Za-z0-9_\-])", line) is not None


def line_naming(text: str, node: str) -> int | None:
    """The first line outside comments and prefix declarations that writes ``node`` (as subject or value)."""
    forms = _written_forms(node)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.lstrip().startswith(("#", "@prefix", "PREFIX")) and any(_names(line, f) for f in forms):
            return number
    return None


def line_of(text: str, focus: str, path: str | None) -> int | None:
    """The 1-based line, in a block whose subject is ``focus`` (a block ends at a line ending with ' .'), that
    names ``path``; else the first line of the node's first block; None when the node is no subject here."""
    subject = _written_forms(focus)
    predicate = _written_forms(path) if path else []
    first = inside = None
    for number, line in enumerate(text.splitlines(), 1):
        if inside is None and any(line.startswith(form + " ") or line == form for form in subject):
            inside = number
            first = first or number
        if inside is not None:
            if any(_names(line, form) for form in predicate):
                return number
            if line.rstrip().endswith(" ."):
                inside = None  # another block of the same node may follow
    return first


def result_sources(project: Project, report: Graph, summaries: dict, entities: Graph, folder: Path) -> list[str]:
    """``file:line: focus path`` for each SHACL result of ``report`` (sorted, once each): the files whose graph
    states the result's triple (focus, path, value) when it names a value, else those with the focus node as a
    subject. ``folder``: the build's per-graph caches (sorted N-Quads), where the triples are looked up."""
    owners: dict[str, list[str]] = {}
    for unit, summary in summaries.items():
        for subject in summary.get("subjects", ()):
            owners.setdefault(subject, []).append(unit)
    texts: dict[Path, str] = {}
    out = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        if isinstance(value, Literal) and value.datatype == XSD.string:
            value = Literal(str(value))  # N-Triples writes a plain string without its datatype
        if not isinstance(focus, URIRef):
            continue
        stated = f"{focus.n3()} {path.n3()} {value.n3()} " if isinstance(path, URIRef) and value is not None else None
        files = [unit_graph_file(project, unit) for unit in owners.get(str(focus), [])
                 if stated is None or stated in (folder / f"{unit}.nq").read_text(encoding="utf-8")]
        if (focus, None, None) in entities and (stated is None or (focus, path, value) in entities):
            files.append(project.entities_file)
        for file in files:
            if file not in texts:
                texts[file] = file.read_text(encoding="utf-8") if file.exists() else ""
            predicate = str(path) if isinstance(path, URIRef) else None
            line = line_of(texts[file], str(focus), predicate)
            if line is not None:
                out.add(f"{file.relative_to(project.root)}:{line}: {focus}" + (f" {predicate}" if predicate else ""))
    return sorted(out)


def unit_of(iri: str, summaries: dict) -> str | None:
    """The build unit (an article's stem, or draft/<stem>) whose graph a graph or article IRI names."""
    for base in (str(GRAPH), str(ARTICLE)):
        if iri.startswith(base) and iri[len(base):] in summaries:
            return iri[len(base):]
    return None


def violation_sources(project: Project, violations: dict, queries: dict, summaries: dict) -> dict[str, list[str]]:
    """``file:line: node [named]`` for the rows of each failing *-violation query with a ``# written-at:``
    header: in the graph file (reviewed or draft) of the row's graph, the line of the node's block naming the
    third column's term, else the node's first block, else the first line naming the node."""
    texts: dict[Path, str] = {}
    out = {}
    for name, result in violations.items():
        query = queries.get(name)
        columns = query.written_at if query is not None else []
        if not len(result) or len(columns) < 2 or not set(columns) <= set(result.variables):
            continue
        found = set()
        for row in result.rows:
            value = dict(zip(result.variables, row))
            unit = unit_of(str(value[columns[0]]), summaries) if value[columns[0]] is not None else None
            if unit is None or not isinstance(value[columns[1]], URIRef):
                continue
            file = unit_graph_file(project, unit)
            if file not in texts:
                texts[file] = file.read_text(encoding="utf-8") if file.exists() else ""
            node = str(value[columns[1]])
            named = value.get(columns[2]) if len(columns) > 2 else None
            named = str(named) if isinstance(named, URIRef) else None
            line = line_of(texts[file], node, named) or line_naming(texts[file], node)
            if line is not None:
                found.add(f"{file.relative_to(project.root)}:{line}: {node}" + (f" {named}" if named else ""))
        out[name] = sorted(found)
    return out
