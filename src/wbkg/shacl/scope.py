"""What the global SHACL pass of the build has to read, so that it need not read the whole graph.

The global pass (``full_pass.full_global``) runs two validations after the per-article ones:

* the SPARQL-based shapes for every focus node. A SPARQL triple pattern with a constant predicate only
  ever matches triples with that predicate, so these shapes give exactly the same results on the
  sub-graph of the triples whose predicate they mention (in their queries, or anywhere in the shape's own
  description: paths, targets, nested shapes) as on the whole graph; ``rdf:type`` and
  ``rdfs:subClassOf`` are always kept (targets by class). A pattern with a variable predicate whose
  subject and object are not used anywhere else in the query (``{ ?s ?this ?o }``: "which predicates
  occur") is answered exactly by one triple per predicate, which is added; a variable predicate that a
  VALUES clause enumerates reads the IRIs listed. Any other variable predicate, or a negated property set,
  makes the whole graph the input, as before.
* every shape for the focus nodes that occur in more than one graph (entities, articles, facts reported by
  several articles). They read the focus node's neighbourhood: every triple whose subject lies within
  ``HOPS`` steps of a shared node along outgoing links (values, their values: ``sh:class``, ``sh:node``,
  property paths), every triple pointing at a shared node (``sh:targetObjectsOf``, inverse paths), every
  ``rdf:type`` triple, and everything the first input holds (the SPARQL-based shapes run for them too).

``tests/shacl/test_shacl_scaling.py`` checks the whole arrangement against one pySHACL run on the whole
graph of a deliberately broken synthetic corpus.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import RDF, RDFS, SH
from rdflib.paths import AlternativePath, InvPath, MulPath, NegatedPath, SequencePath

HOPS = 3
RDF_TYPE = f"<{RDF.type}>"


@dataclass
class ReadSet:
    """The predicates (as N-Triples tokens, ``<iri>``) that a set of shapes can read; ``sample`` asks for
    one triple of every other predicate too."""
    predicates: set[str] = field(default_factory=set)
    sample: bool = False


class WholeGraph(Exception):
    """The shapes may read triples of any predicate: the pass needs the whole graph."""


def _prefixes(shapes: Graph, node) -> dict[str, str]:
    out = {}
    for declaration in shapes.objects(node, SH.declare):
        prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
        if prefix is not None and namespace is not None:
            out[str(prefix)] = str(namespace)
    return out


def _walk(node, iris: set, triples: list) -> None:
    if isinstance(node, URIRef):
        iris.add(node)
    elif isinstance(node, NegatedPath):
        raise WholeGraph("a negated property set")
    elif isinstance(node, (SequencePath, AlternativePath)):
        for arg in node.args:
            _walk(arg, iris, triples)
    elif isinstance(node, InvPath):
        _walk(node.arg, iris, triples)
    elif isinstance(node, MulPath):
        _walk(node.path, iris, triples)
    elif isinstance(node, dict):  # rdflib's CompValue (algebra nodes and expressions)
        if getattr(node, "name", None) == "BGP":
            triples.extend(node["triples"])
        if getattr(node, "name", None) == "values":  # VALUES rows: mark their variables as enumerated
            for row in node.get("res") or ():
                triples.extend(("VALUES", variable, value) for variable, value in row.items())
        for value in node.values():
            _walk(value, iris, triples)
    elif isinstance(node, (list, tuple, set, frozenset)):
        for item in node:
            _walk(item, iris, triples)


def query_reads(text: str, prefixes: dict[str, str]) -> ReadSet:
    """The predicates one SPARQL query of a shape can read."""
    from rdflib.plugins.sparql import prepareQuery

    query = prepareQuery(text, initNs=prefixes)
    iris: set = set()
    triples: list = []
    _walk(query.algebra, iris, triples)
    out = ReadSet({f"<{i}>" for i in iris})
    enumerated = {p for s, p, o in triples if s == "VALUES" and isinstance(o, URIRef)}
    enumerated -= {p for s, p, o in triples if s == "VALUES" and not isinstance(o, URIRef)}
    for s, p, o in triples:
        if s == "VALUES" or not isinstance(p, Variable) or p in enumerated:
            continue  # a constant predicate, or one of the IRIs a VALUES clause lists (collected above)
        # "which predicates occur": ?s and ?o are used nowhere else, so one triple per predicate answers it
        alone = all(isinstance(v, Variable) and len(re.findall(rf"[?$]{re.escape(str(v))}\b", text)) == 1
                    for v in (s, o))
        if not alone:
            raise WholeGraph(f"variable predicate {p.n3()} joined with other patterns")
        out.sample = True
    return out


def shapes_read(shapes: Graph, shape_iris) -> ReadSet:
    """Everything ``shape_iris`` can read: every IRI in their descriptions (paths, targets, nested shapes,
    constraints) and in their SPARQL queries, plus rdf:type and rdfs:subClassOf. Raises WholeGraph."""
    out = ReadSet({f"<{RDF.type}>", f"<{RDFS.subClassOf}>"})
    seen: set = set()
    stack = list(shape_iris)
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        if isinstance(node, URIRef):
            out.predicates.add(f"<{node}>")
        for p, o in shapes.predicate_objects(node):
            if p == SH.select and isinstance(o, Literal):
                prefixes = {}
                for holder in shapes.objects(node, SH.prefixes):
                    prefixes.update(_prefixes(shapes, holder))
                found = query_reads(str(o), prefixes)
                out.predicates |= found.predicates
                out.sample |= found.sample
            elif p in (SH.ask, SH.construct, SH.update) or (p == SH.select and not isinstance(o, Literal)):
                raise WholeGraph(f"{p.n3()} in a shape")
            elif isinstance(o, (URIRef, BNode)) and p != SH.prefixes:
                stack.append(o)
    return out


def _object_token(line: str, after_predicate: int) -> str:
    return line[after_predicate:].rstrip()[:-1].rstrip()


def write_scoped_inputs(core_file: Path, shared_nodes, read: ReadSet, sparql_file: Path, shared_file: Path,
                        hops: int = HOPS) -> tuple[int, int]:
    """Write the two inputs of the global pass from the merge (sorted N-Triples, one triple per line): the
    triples the SPARQL-based shapes can read (``sparql_file``), and those plus the neighbourhoods of the
    shared nodes (``shared_file``). Streams the merge (hops + 1 passes); returns the two triple counts."""
    shared = {f"<{n}>" for n in shared_nodes}
    reach = set(shared)
    frontier = set(shared)
    for _ in range(hops):
        found = set()
        with open(core_file, encoding="utf-8") as source:
            for line in source:
                i = line.find(" ")
                if line[:i] in frontier:
                    j = line.find(" ", i + 1)
                    o = _object_token(line, j + 1)
                    if (o.startswith("<") or o.startswith("_:")) and o not in reach:
                        found.add(o)
        reach |= found
        frontier = found
        if not frontier:
            break
    sampled: set[str] = set()
    n_sparql = n_shared = 0
    with open(core_file, encoding="utf-8") as source, \
            open(sparql_file, "w", encoding="utf-8") as to_sparql, \
            open(shared_file, "w", encoding="utf-8") as to_shared:
        for line in source:
            i = line.find(" ")
            j = line.find(" ", i + 1)
            p = line[i + 1:j]
            wanted = p in read.predicates
            if not wanted and read.sample and p not in sampled:
                sampled.add(p)
                wanted = True
            if wanted:
                to_sparql.write(line)
                n_sparql += 1
            if wanted or p == RDF_TYPE or line[:i] in reach or _object_token(line, j + 1) in shared:
                to_shared.write(line)
                n_shared += 1
    return n_sparql, n_shared
