"""Validation results as records that runs on different inputs can be merged and compared by: (focus
node, the result's N-Triples with its blank nodes labelled by content); one report from records; the records
of the global pass kept between builds."""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF, SH

from ..fileio import atomic_write_text
from ..vocab.namespaces import bind_prefixes
from .engine import ShaclReport, count_shapes


def result_records(report: Graph) -> list[tuple[str, str]]:
    """Each validation result of a report as (focus node, N-Triples of the result's subgraph with
    blank nodes labelled by content), so results from several runs can be merged and compared."""
    out = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        triples = []
        stack, seen = [result], set()
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            for p, o in report.predicate_objects(node):
                triples.append((node, p, o))
                if isinstance(o, BNode):
                    stack.append(o)
        focus = report.value(result, SH.focusNode)
        out.append((str(focus), _canonical_record(result, triples)))
    return out


def _canonical_record(root, triples) -> str:
    """N-Triples of a small tree of blank nodes, each blank node labelled by a hash of what it holds."""
    children = defaultdict(list)
    for s, p, o in triples:
        children[s].append((p, o))
    labels: dict = {}

    def label(node):
        if node in labels:
            return labels[node]
        parts = sorted(p.n3() + " " + (label(o) if isinstance(o, BNode) else o.n3()) for p, o in children[node])
        labels[node] = "_:r" + hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]
        return labels[node]
    label(root)
    lines = []
    for s, p, o in triples:
        so = labels.get(s, s.n3() if not isinstance(s, BNode) else "_:x")
        oo = labels[o] if isinstance(o, BNode) else o.n3()
        lines.append(f"{so} {p.n3()} {oo} .")
    return "\n".join(sorted(set(lines)))


def merge_reports(records: list[tuple[str, str]], shapes: Graph) -> ShaclReport:
    """One sh:ValidationReport from result records."""
    report = bind_prefixes(Graph())
    root = BNode("report")
    report.add((root, RDF.type, SH.ValidationReport))
    violations = 0
    texts = []
    for _, record in records:
        report.parse(data=record, format="nt")
    results = list(report.subjects(RDF.type, SH.ValidationResult))
    for r in results:
        report.add((root, SH.result, r))
        if report.value(r, SH.resultSeverity) == SH.Violation:
            violations += 1
    conforms = violations == 0
    report.add((root, SH.conforms, Literal(conforms)))
    nm = report.namespace_manager
    for r in sorted(results, key=lambda r: (str(report.value(r, SH.focusNode)), str(report.value(r, SH.sourceShape)))):
        texts.append(f"Constraint Violation in {report.value(r, SH.sourceConstraintComponent).n3(nm)}:\n"
                     f"\tSeverity: {report.value(r, SH.resultSeverity).n3(nm)}\n"
                     f"\tSource Shape: {report.value(r, SH.sourceShape).n3(nm)}\n"
                     f"\tFocus Node: {report.value(r, SH.focusNode).n3(nm)}\n"
                     f"\tMessage: {report.value(r, SH.resultMessage)}")
    text = f"Validation Report\nConforms: {conforms}\n" + (f"Results ({len(results)}):\n" + "\n".join(texts) + "\n"
                                                          if results else "")
    return ShaclReport(conforms, report, text, len(results), count_shapes(shapes))


RECORDS_FILE = "global-records.json"  # in build/scale/


@dataclass
class GlobalRecords:
    """The records of the global pass's two calls, and what they were made for: kept between builds, so
    that an incremental build validates again only what its change can alter."""
    shared: list[tuple[str, str]]
    sparql: list[tuple[str, str]]
    shared_nodes: list[str]
    shapes_key: str | None = None

    def all(self) -> list[tuple[str, str]]:
        """What ``global_pass.global_shacl`` merges: the union of both calls' records, sorted."""
        return sorted(set(self.shared) | set(self.sparql))

    def save(self, path: Path) -> None:
        atomic_write_text(Path(path), json.dumps({
            "shapes": self.shapes_key, "shared_nodes": sorted(self.shared_nodes),
            "shared": sorted(set(self.shared)), "sparql": sorted(set(self.sparql))}) + "\n")

    @classmethod
    def load(cls, path: Path) -> "GlobalRecords | None":
        path = Path(path)
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls([tuple(r) for r in data["shared"]], [tuple(r) for r in data["sparql"]],
                   list(data["shared_nodes"]), data.get("shapes"))
