"""HermiT (through owlready2): consistency, the entailments `wbkg reason` lists, and an explanation of an
inconsistency naming the individuals at fault."""
from __future__ import annotations

import ctypes
import os
import shutil
import signal
import tempfile
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from ..errors import EnvironmentProblem
from ..vocab.namespaces import bind_prefixes
from .axioms import disjoint_pairs, superclasses
from .imports import local_imports

JAVA_MEMORY_MB = 4000


@dataclass
class ReasonerReport:
    consistent: bool
    seconds: float
    inferred_types: list[tuple[URIRef, URIRef]] = field(default_factory=list)
    inferred_values: list[tuple[URIRef, URIRef, object]] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)
    axioms: int = 0
    scope: str = ""
    inferences_listed: bool = True

    def summary(self) -> str:
        name = f"OWL (HermiT, {self.scope})" if self.scope else "OWL (HermiT)"
        if self.consistent and not self.inferences_listed:
            return f"{name}: consistent"
        if self.consistent:
            return (f"{name}: consistent; {len(self.inferred_types)} inferred class membership(s), "
                    f"{len(self.inferred_values)} inferred property value(s)")
        return f"{name}: INCONSISTENT\n" + "\n".join(f"  {line}" for line in self.explanation)


def java_executable() -> str:
    import owlready2
    java = shutil.which(owlready2.JAVA_EXE) or shutil.which("java")
    if java is None:
        raise EnvironmentProblem(
            "Java not found: the OWL reasoner HermiT runs on Java. Install a Java runtime "
            "(Debian: apt-get install default-jre-headless) or put java on PATH.")
    return java


def _java_child_setup(parent: int) -> None:   # runs in the forked child, before java is executed
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)   # PR_SET_PDEATHSIG
    except Exception:  # pragma: no cover - not Linux
        return
    if os.getppid() != parent:   # the build died before the line above: do not outlive it
        os._exit(1)


@contextmanager
def java_tied_to_build():
    """HermiT's java runs in its own process group (a Ctrl-C meant for the build reaches the build, which
    ends java itself) and is killed by the kernel when the build dies, even by SIGKILL: a killed build
    leaves no java process behind. owlready2 passes ``_subprocess_kargs`` to every java it starts."""
    from owlready2 import reasoning

    saved = dict(reasoning._subprocess_kargs)
    parent = os.getpid()
    reasoning._subprocess_kargs.update(process_group=0, preexec_fn=lambda: _java_child_setup(parent))
    try:
        yield
    finally:
        reasoning._subprocess_kargs.clear()
        reasoning._subprocess_kargs.update(saved)


def without_text_spans(graph: Graph) -> Graph:
    """``graph`` without the triples of its text spans (mentions, evidence, exemptions).

    Spans are computed by the pipeline and are most of the triples; the only OWL axioms that bear on them
    (their classes' disjointness, the functional offset and quote properties) are also SHACL constraints,
    checked on every build. Leaving them out makes HermiT's consistency check several times cheaper."""
    from ..vocab.namespaces import SPAN_CLASSES
    spans = {s for cls in SPAN_CLASSES for s in graph.subjects(RDF.type, cls)}
    out = bind_prefixes(Graph())
    for triple in graph:
        if triple[0] not in spans:
            out.add(triple)
    return out


def hermit(graph: Graph, *, inferences: bool = True, scope: str = "", sources=()) -> ReasonerReport:
    """Run HermiT on ``graph`` (ontology and data together). Unsupported datatypes (xsd:gYear...) are ignored.

    With ``inferences`` the report lists the class memberships and property values HermiT infers; without,
    it only checks consistency (faster: no property-value inference, no comparison of the worlds). Nothing
    is fetched: owl:imports are dropped or refused first (reason/imports.py; ``sources`` locate them)."""
    import owlready2
    from owlready2.reasoning import OwlReadyInconsistentOntologyError

    graph = local_imports(graph, sources)
    owlready2.JAVA_EXE = java_executable()
    owlready2.reasoning.JAVA_MEMORY = JAVA_MEMORY_MB
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="wbkg-hermit-") as folder:
        path = os.path.join(folder, "input.nt")
        graph.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        world.get_ontology("file://" + path).load(format="ntriples")
        before = set(_world_triples(world)) if inferences else set()
        try:
            with java_tied_to_build():
                owlready2.sync_reasoner_hermit(world, infer_property_values=inferences, debug=0,
                                               ignore_unsupported_datatypes=True)
        except OwlReadyInconsistentOntologyError:
            return ReasonerReport(False, time.perf_counter() - started, explanation=explain_inconsistency(graph),
                                  axioms=len(graph), scope=scope)
        if not inferences:
            return ReasonerReport(True, time.perf_counter() - started, axioms=len(graph), scope=scope,
                                  inferences_listed=False)
        after = set(_world_triples(world))
    new = sorted(after - before - set(graph), key=str)
    types = [(s, o) for s, p, o in new if p == RDF.type and o != OWL.Thing and not _is_meta(s)]
    values = [(s, p, o) for s, p, o in new if p != RDF.type and not _is_meta(s)]
    return ReasonerReport(True, time.perf_counter() - started, types, values, axioms=len(graph), scope=scope)


def _is_meta(node) -> bool:
    return str(node).startswith("http://inferrences")


def _world_triples(world):
    for s, p, o in world.as_rdflib_graph():
        if isinstance(s, URIRef) and isinstance(p, URIRef) and not isinstance(o, BNode):
            yield (s, p, o)


# --- explaining an inconsistency by the checks HermiT's verdict implies -------------------------------

def explain_inconsistency(graph: Graph) -> list[str]:
    """Name the individuals behind the inconsistency: disjoint types (asserted or entailed by
    domain, range and subclass axioms) and functional properties with two different values."""
    closure = superclasses(graph, equivalence=True)
    disjoint = disjoint_pairs(graph)
    domains = {p: set(graph.objects(p, RDFS.domain)) for p in set(graph.subjects(RDFS.domain, None))}
    ranges = {p: set(graph.objects(p, RDFS.range)) for p in set(graph.subjects(RDFS.range, None))}
    reasons = defaultdict(set)  # individual -> {(class, why)}
    ontology_terms = set(graph.subjects(RDF.type, OWL.Class)) | set(graph.subjects(RDF.type, OWL.ObjectProperty)) \
        | set(graph.subjects(RDF.type, OWL.DatatypeProperty))
    for s, p, o in graph:
        if s in ontology_terms or isinstance(s, BNode):
            continue
        if p == RDF.type and isinstance(o, URIRef):
            reasons[s].add((o, "asserted"))
        for cls in domains.get(p, ()):
            reasons[s].add((cls, f"domain of {p.n3(graph.namespace_manager)}"))
        if isinstance(o, URIRef):
            for cls in ranges.get(p, ()):
                reasons[o].add((cls, f"range of {p.n3(graph.namespace_manager)}"))
    lines = []
    nm = graph.namespace_manager
    for individual in sorted(reasons, key=str):
        typed = {}
        for cls, why in sorted(reasons[individual], key=str):
            for sup in closure(cls):
                typed.setdefault(sup, f"{cls.n3(nm)} ({why})")
        for pair in sorted(disjoint, key=lambda pr: sorted(map(str, pr))):
            a, b = sorted(pair, key=str)
            if a in typed and b in typed:
                lines.append(f"{individual.n3(nm)} is both {a.n3(nm)} [via {typed[a]}] and {b.n3(nm)} "
                             f"[via {typed[b]}], which are disjoint")
    for prop in sorted(set(graph.subjects(RDF.type, OWL.FunctionalProperty)), key=str):
        values = defaultdict(set)
        for s, o in graph.subject_objects(prop):
            values[s].add(o)
        for s, os_ in sorted(values.items(), key=lambda kv: str(kv[0])):
            literals = {o for o in os_ if isinstance(o, Literal)}
            if len(literals) > 1:
                shown = ", ".join(sorted(o.n3(nm) for o in literals))
                lines.append(f"{s.n3(nm)} has {len(literals)} values for functional {prop.n3(nm)}: {shown}")
    return lines or ["HermiT found the graph inconsistent; no disjointness or functional-property clash "
                     "was found by the explainer (look for cardinality or complement axioms)"]
