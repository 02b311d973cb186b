"""Where a SHACL result's triples were written: the graph files (reviewed, draft, or the entity descriptions)
whose graph has the focus node as a subject, and the line of the focus node's block that states the path,
so that a failing check names a file and a line as a failing quote does."""
from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD

from ..corpus import unit_graph_file
from ..project import Project
from ..vocab.namespaces import PREFIXES


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
            if any(form in line for form in predicate):
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
