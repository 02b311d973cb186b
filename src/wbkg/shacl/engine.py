"""Running a SHACL validation: the shapes in shapes/, the engine (pyshacl-turbo, with pySHACL as the
fallback), and the report the checks print."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from ..vocab.namespaces import bind_prefixes
from ..rdfio import parse_turtle

ENGINES = ("auto", "pyshacl", "turbo")


@dataclass
class ShaclReport:
    conforms: bool
    graph: Graph
    text: str
    results: int
    shapes: int

    @property
    def warnings(self) -> int:
        """Results of severity sh:Warning or sh:Info: reported, but they do not fail the build."""
        return sum(1 for r in set(self.graph.subjects(RDF.type, SH.ValidationResult))
                   if self.graph.value(r, SH.resultSeverity) != SH.Violation)

    def summary(self) -> str:
        """The exit-code policy in words: only sh:Violation results fail. With warnings the graph does not
        conform in SHACL's strict sense, so the line does not say plain "conforms" (docs/SHACL-INCREMENTAL.md)."""
        warnings = self.warnings
        if self.conforms:
            verdict = (f"conforms with {warnings} warning(s) (no violations; strictly, SHACL says a graph with "
                       "warnings does not conform)" if warnings else "conforms")
        else:
            verdict = f"does not conform: {self.results - warnings} violation(s)" + (
                f", {warnings} warning(s)" if warnings else "")
        return f"SHACL ({self.shapes} shapes): {verdict}"


def load_shapes(shapes_dir: Path) -> Graph:
    shapes = bind_prefixes(Graph())
    for path in sorted(shapes_dir.glob("*.ttl")):
        parse_turtle(path, shapes)
    return shapes


def count_shapes(shapes: Graph) -> int:
    """The node and property shapes of a shapes graph (what ShaclReport.shapes counts)."""
    return len(set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape)))


def shacl_engine():
    """pyshacl-turbo when installed, else pySHACL (same call signature)."""
    try:
        import pyshacl_turbo
        return pyshacl_turbo.validate, "pyshacl-turbo"
    except ImportError:  # pragma: no cover - the dependency is declared
        import pyshacl
        return pyshacl.validate, "pyshacl"


def run_shacl(nquads: str, shapes: Graph, **options):
    """Validate the merge of the graphs in ``nquads`` (N-Quads text). The fast engine reads the text
    natively (an Oxigraph store would not do: it normalises numeric datatypes, xsd:nonNegativeInteger to
    xsd:integer, which datatype constraints see). Falls back to pySHACL when the fast engine is missing or
    refuses the input (for example an IRI that rdflib accepts and Oxigraph's parser does not)."""
    validate, name = shacl_engine()
    settings = dict(inference="none", advanced=True, allow_warnings=True, abort_on_first=False)
    settings.update(options)
    if name == "pyshacl-turbo":
        try:
            from pyshacl_turbo.rdf import Input
            return validate(Input(nquads, "oxigraph-nquads", None, {}, preserve_ids=True), shacl_graph=shapes,
                            **settings)
        except Exception:
            pass
    import pyshacl
    from rdflib import Dataset
    dataset = Dataset()
    dataset.parse(data=nquads, format="nquads")
    merged = Graph()
    for t in dataset.triples((None, None, None)):
        merged.add(t)
    if "focus_nodes" in settings:
        settings["focus_nodes"] = [URIRef(n) for n in settings["focus_nodes"]]
    return pyshacl.validate(merged, shacl_graph=shapes, **settings)


def validate_graph(data: Graph, shapes: Graph, engine: str = "auto") -> ShaclReport:
    """Validate ``data`` against ``shapes``. ``engine``: pyshacl (the reference), turbo (pyshacl-turbo, the same
    semantics in Rust, about 5x faster here; tests/shacl shows identical results on every shape fixture), or
    auto (turbo when installed)."""
    settings = dict(inference="none", advanced=True, allow_warnings=True, abort_on_first=False)
    if engine in ("auto", "turbo"):
        from rdflib.plugins.serializers.nt import _nt_row

        # turbo with pySHACL as the fallback for inputs it refuses
        conforms, report_graph, report_text = run_shacl("".join(_nt_row(t) for t in data), shapes, **settings)
    else:
        import pyshacl
        conforms, report_graph, report_text = pyshacl.validate(data, shacl_graph=shapes, **settings)
    bind_prefixes(report_graph)
    results = len(set(report_graph.subjects(RDF.type, SH.ValidationResult)))
    return ShaclReport(bool(conforms), report_graph, report_text, results, count_shapes(shapes))


def sparql_shapes(shapes: Graph) -> list[URIRef]:
    """Shapes whose target or constraint is a SPARQL query: they may look anywhere in the graph, so they
    run once on the whole graph."""
    out = set()
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape)):
        if (shape, SH.sparql, None) in shapes or any(
                (t, RDF.type, SH.SPARQLTarget) in shapes or (t, SH.select, None) in shapes
                for t in shapes.objects(shape, SH.target)):
            out.add(shape)
    return sorted(out, key=str)
