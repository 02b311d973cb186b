"""The SHACL shapes in shapes/: checked against SHACL-SHACL, shown to fire on a negative fixture for every
constraint with exactly the expected results, silent on valid fixtures, and met by the real graph.

Fixture format: tests/shapes/README.md.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH

from wbkg.shacl.engine import load_shapes, validate_graph

pytestmark = pytest.mark.slow  # not in `make test-fast`

ROOT = Path(__file__).resolve().parents[2]
SHAPES_DIR = ROOT / "shapes"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
INVALID = sorted((FIXTURES / "invalid").glob("*.ttl"))
VALID = sorted((FIXTURES / "valid").glob("*.ttl"))

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
WBSH = Namespace("https://w3id.org/wbkg/shapes#")
SHACL_SHACL = Path(pyshacl.__file__).resolve().parent / "assets" / "shacl-shacl.ttl"

# The parameters of the SHACL core constraint components, as the report names the components.
COMPONENT_OF_PARAMETER = {
    SH["class"]: SH.ClassConstraintComponent, SH.datatype: SH.DatatypeConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent, SH.minCount: SH.MinCountConstraintComponent,
    SH.maxCount: SH.MaxCountConstraintComponent, SH.minExclusive: SH.MinExclusiveConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent, SH.maxExclusive: SH.MaxExclusiveConstraintComponent,
    SH.maxInclusive: SH.MaxInclusiveConstraintComponent, SH.minLength: SH.MinLengthConstraintComponent,
    SH.maxLength: SH.MaxLengthConstraintComponent, SH.pattern: SH.PatternConstraintComponent,
    SH.languageIn: SH.LanguageInConstraintComponent, SH.uniqueLang: SH.UniqueLangConstraintComponent,
    SH.equals: SH.EqualsConstraintComponent, SH.disjoint: SH.DisjointConstraintComponent,
    SH.lessThan: SH.LessThanConstraintComponent, SH.lessThanOrEquals: SH.LessThanOrEqualsConstraintComponent,
    SH["not"]: SH.NotConstraintComponent, SH["and"]: SH.AndConstraintComponent, SH["or"]: SH.OrConstraintComponent,
    SH.xone: SH.XoneConstraintComponent, SH.node: SH.NodeConstraintComponent,
    SH.qualifiedMinCount: SH.QualifiedMinCountConstraintComponent,
    SH.qualifiedMaxCount: SH.QualifiedMaxCountConstraintComponent, SH.closed: SH.ClosedConstraintComponent,
    SH.hasValue: SH.HasValueConstraintComponent, SH["in"]: SH.InConstraintComponent,
}


# ---------------------------------------------------------------------------------------------------------------
# Reading fixtures and reports
# ---------------------------------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def parsed(path: Path) -> Graph:
    """A file parsed once per session (callers copy it, never modify it)."""
    return Graph().parse(path, format="turtle")


@lru_cache(maxsize=None)
def shapes_graph(path: Path) -> Graph:
    return load_shapes(path) if path.is_dir() else parsed(path)


def local_path(iri) -> Path:
    parts = urlparse(str(iri))
    assert parts.scheme == "file", f"{iri}: fixtures refer to local files only"
    return Path(unquote(parts.path))


def node_key(graph: Graph, node) -> str:
    if node is None:
        return ""
    if isinstance(node, BNode):
        return "_:blank"  # blank-node identity differs between the data and the expected report
    return node.n3()


def path_key(graph: Graph, path) -> str:
    """A SHACL property path as text, so that blank-node paths ([ sh:inversePath p ]) compare by structure."""
    if path is None:
        return ""
    if isinstance(path, URIRef):
        return path.n3()
    for operator, mark in ((SH.inversePath, "^"), (SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"),
                           (SH.zeroOrOnePath, "?")):
        inner = graph.value(path, operator)
        if inner is not None:
            return f"{mark}({path_key(graph, inner)})"
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(path_key(graph, p) for p in Collection(graph, alternatives)) + ")"
    if graph.value(path, RDF.first) is not None:
        return "(" + "/".join(path_key(graph, p) for p in Collection(graph, path)) + ")"
    raise AssertionError(f"unreadable path {path!r}")


def result_key(graph: Graph, result) -> tuple:
    """What a result is compared by: focus node, path, source shape, constraint component, the SPARQL
    constraint (for SPARQL results) and severity."""
    component = graph.value(result, SH.sourceConstraintComponent)
    constraint = graph.value(result, SH.sourceConstraint) if component == SH.SPARQLConstraintComponent else None
    return (node_key(graph, graph.value(result, SH.focusNode)), path_key(graph, graph.value(result, SH.resultPath)),
            node_key(graph, graph.value(result, SH.sourceShape)), node_key(graph, component),
            node_key(graph, constraint), node_key(graph, graph.value(result, SH.resultSeverity)))


def show(key: tuple) -> str:
    focus, path, shape, component, constraint, severity = key
    return (f"focus {focus} path {path or '-'} shape {shape} {component}"
            + (f" ({constraint})" if constraint else "") + f" {severity}")


@dataclass
class Outcome:
    name: str
    expected_conforms: bool
    expected: Counter
    conforms: bool
    actual: Counter
    messages: list
    report_text: str


@lru_cache(maxsize=None)
def run_fixture(path: Path, engine: str = "auto") -> Outcome:
    """Load a fixture (manifest + data), validate its data graphs against its shapes graph the way the
    pipeline does (src/wbkg/validate.py), and return expected and actual results."""
    manifest = parsed(path)
    tests = list(manifest.subjects(RDF.type, SHT.Validate))
    assert len(tests) == 1, f"{path.name}: needs exactly one sht:Validate entry, has {len(tests)}"
    test = tests[0]
    assert str(manifest.value(test, RDFS.label)) == path.stem, f"{path.name}: rdfs:label must be the file name"
    action = manifest.value(test, MF.action)
    data = Graph()
    data_graphs = list(manifest.objects(action, SHT.dataGraph))
    assert data_graphs, f"{path.name}: no sht:dataGraph"
    for iri in data_graphs:
        data += parsed(local_path(iri))
    shapes_iris = list(manifest.objects(action, SHT.shapesGraph))
    assert len(shapes_iris) == 1, f"{path.name}: needs exactly one sht:shapesGraph"
    shapes = shapes_graph(local_path(shapes_iris[0]))
    expected_report = manifest.value(test, MF.result)
    expected_conforms = manifest.value(expected_report, SH.conforms)
    assert isinstance(expected_conforms, Literal), f"{path.name}: the expected report needs sh:conforms"
    expected = Counter(result_key(manifest, r) for r in manifest.objects(expected_report, SH.result))

    report = validate_graph(data, shapes, engine=engine)
    results = list(report.graph.subjects(RDF.type, SH.ValidationResult))
    actual = Counter(result_key(report.graph, r) for r in results)
    messages = sorted(str(report.graph.value(r, SH.resultMessage)) for r in results)
    return Outcome(path.stem, bool(expected_conforms.toPython()), expected, report.conforms, actual, messages,
                   report.text)


def constraints_of(shapes: Graph) -> set[tuple]:
    """Every (shape, constraint component, SPARQL constraint) of the shapes graph, as result keys name them.

    A shape is a node or property shape declared with rdf:type or reached through sh:property; the shapes
    nested in sh:or / sh:not lists report through their parent's component and are not counted alone."""
    shapes_ = (set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
               | set(shapes.objects(None, SH.property)))
    found = set()
    for shape in shapes_:
        for parameter, component in COMPONENT_OF_PARAMETER.items():
            if (shape, parameter, None) in shapes:
                found.add((node_key(shapes, shape), component.n3(), ""))
        for constraint in shapes.objects(shape, SH.sparql):
            found.add((node_key(shapes, shape), SH.SPARQLConstraintComponent.n3(), node_key(shapes, constraint)))
    return found


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return shapes_graph(SHAPES_DIR)


# ---------------------------------------------------------------------------------------------------------------
# (a) The shapes themselves
# ---------------------------------------------------------------------------------------------------------------

def test_fixture_sets_are_not_empty():
    """Parametrised tests over an empty list would be skipped: make that a failure instead."""
    assert SHACL_SHACL.is_file(), f"pySHACL's SHACL-SHACL shapes not found at {SHACL_SHACL}"
    assert len(INVALID) >= 100, f"only {len(INVALID)} negative fixtures in {FIXTURES / 'invalid'}"
    assert len(VALID) >= 3, f"only {len(VALID)} valid fixtures in {FIXTURES / 'valid'}"


def test_shapes_conform_to_shacl_shacl(shapes):
    meta = Graph().parse(SHACL_SHACL, format="turtle")
    conforms, _, text = pyshacl.validate(shapes, shacl_graph=meta, inference="none")
    assert conforms, text


def test_pyshacl_meta_shacl_option_accepts_the_shapes(shapes):
    """pySHACL's own meta_shacl check (it raises on an ill-formed shapes graph) and the pipeline's settings."""
    conforms, _, text = pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True, inference="none",
                                         advanced=True, allow_warnings=True)
    assert conforms, text


def test_every_shape_is_named_and_explained(shapes):
    """Shapes and SPARQL constraints are IRIs in wbsh: (so reports and fixtures can name them), and each says
    in words what it wants: an rdfs:comment or an sh:message."""
    problems = []
    declared = (set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
                | set(shapes.objects(None, SH.property)) | set(shapes.objects(None, SH.sparql)))
    for shape in sorted(declared, key=str):
        if not isinstance(shape, URIRef) or not str(shape).startswith(str(WBSH)):
            problems.append(f"{shape!r} is not an IRI in {WBSH}")
            continue
        if shapes.value(shape, RDFS.comment) is None and shapes.value(shape, SH.message) is None:
            problems.append(f"{shape.n3(shapes.namespace_manager)} has neither rdfs:comment nor sh:message")
        if shape in set(shapes.objects(None, SH.sparql)) and shapes.value(shape, SH.message) is None:
            problems.append(f"{shape.n3(shapes.namespace_manager)}: a SPARQL constraint needs an sh:message")
        if (shape in set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
                and shapes.value(shape, SH.severity) not in (SH.Violation, SH.Warning)):
            problems.append(f"{shape.n3(shapes.namespace_manager)}: state sh:severity sh:Violation (or sh:Warning)")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------------------------------------------
# (b) Negative fixtures give exactly the expected results
# ---------------------------------------------------------------------------------------------------------------

ENGINES = ("pyshacl", "turbo")  # the reference engine and the fast one the build uses: both must agree


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_negative_fixture_gives_exactly_the_expected_results(path, engine):
    outcome = run_fixture(path, engine)
    assert outcome.expected, f"{path.name}: a negative fixture must expect at least one result"
    missing = outcome.expected - outcome.actual
    unexpected = outcome.actual - outcome.expected
    lines = [f"expected, not reported: {show(k)}" for k in sorted(missing)]
    lines += [f"reported, not expected: {show(k)}" for k in sorted(unexpected)]
    assert not lines, f"{path.name}:\n" + "\n".join(lines) + "\n\n" + outcome.report_text
    assert outcome.conforms == outcome.expected_conforms, f"{path.name}: sh:conforms {outcome.conforms}"


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_negative_fixture_messages_are_filled_in(path):
    """Every result carries a message a person can read: no unreplaced {?var} or {$this} placeholders."""
    outcome = run_fixture(path)
    bad = [m for m in outcome.messages if not m or m == "None" or "{?" in m or "{$" in m]
    assert not bad, f"{path.name}: " + "; ".join(bad)


def test_expected_results_name_existing_shapes(shapes):
    """A typo in a fixture's sh:sourceShape would make its test fail for the wrong reason: check them."""
    known = {node_key(shapes, s) for s in shapes.all_nodes() if isinstance(s, URIRef)}
    problems = []
    for path in INVALID:
        for focus, _, shape, _, constraint, _ in run_fixture(path).expected:
            if shape not in known:
                problems.append(f"{path.name}: unknown shape {shape}")
            if constraint and constraint not in known:
                problems.append(f"{path.name}: unknown constraint {constraint}")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------------------------------------------
# (c) Every constraint is triggered by some negative fixture
# ---------------------------------------------------------------------------------------------------------------

def test_every_constraint_is_triggered_by_a_negative_fixture(shapes):
    constraints = constraints_of(shapes)
    assert len(constraints) >= 150, f"only {len(constraints)} constraints found: is constraints_of() broken?"
    triggered = set()
    for path in INVALID:
        for _, _, shape, component, constraint, _ in run_fixture(path).actual:
            triggered.add((shape, component, constraint))
    untriggered = sorted(constraints - triggered)
    assert not untriggered, (f"{len(untriggered)} of {len(constraints)} constraints are triggered by no negative "
                             "fixture (add one to tests/shapes/fixtures/invalid/):\n"
                             + "\n".join(" ".join(filter(None, c)) for c in untriggered))


# ---------------------------------------------------------------------------------------------------------------
# (d) Valid fixtures conform, without even a warning
# ---------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_fixture_conforms(path, engine):
    outcome = run_fixture(path, engine)
    assert outcome.expected_conforms and not outcome.expected, f"{path.name}: a valid fixture expects no results"
    assert outcome.conforms and not outcome.actual, (
        f"{path.name}:\n" + "\n".join(show(k) for k in sorted(outcome.actual)) + "\n\n" + outcome.report_text)


# ---------------------------------------------------------------------------------------------------------------
# (e) The real graph conforms
# ---------------------------------------------------------------------------------------------------------------

def test_real_graph_conforms(built):
    """The build's SHACL pass (per article and global) and the reference engine on the whole graph agree."""
    from wbkg.pipeline.access import build_report, data_graph
    assert len(built.articles) == 5 and len(built.entities) > 0, "the real graph is incomplete"
    report = build_report(built.project)
    assert report.conforms, f"{report.summary()}\n\n{report.text}"
    reference = validate_graph(data_graph(built.project), load_shapes(built.project.shapes_dir), engine="pyshacl")
    assert reference.conforms, f"{reference.summary()}\n\n{reference.text}"

