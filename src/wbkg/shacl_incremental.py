"""The global SHACL pass of the scalable build, redone only where a change can matter.

``scale.global_shacl`` ends with two engine calls on the merge of every named graph but the schema view
(``build/scale/merge-without-view.nt``: sorted N-Triples, each triple once):

* **call A** (``shared``): every shape, for the shared focus nodes (``focus_nodes``), on the neighbourhood
  input of ``shacl_scope.write_scoped_inputs``;
* **call B** (``sparql``): the SPARQL-based shapes (``use_shapes``), for every focus node, on the triples
  with the predicates they read.

``incremental_global`` returns exactly the records (focus node, canonical result N-Triples, as
``scale.result_records``) of those two calls on the new merge, given the records of the previous build and
the lines that differ between the previous and the new merge, by re-validating only the focus nodes whose
results can have changed, each call on a small input built from the sorted merge (binary search) and the
Oxigraph store (lookups by object).

Soundness
---------
*Call A.* Its input is exact for the whole graph under the premise of ``shacl_scope``: the validation of a
focus node ``n`` reads only triples whose subject lies within ``HOPS`` outgoing hops of ``n``, triples whose
object is ``n``, ``rdfs:subClassOf`` triples, and, for the SPARQL-based shapes, the triples their queries
match. So ``n``'s results can change only if a changed triple ``(s p o)`` has ``o == n``, or ``s`` within
``HOPS`` hops of ``n`` in the old or the new graph (found by walking ``HOPS`` steps backwards along incoming
links from ``s``, in the new graph plus the removed triples), or is an ``rdfs:subClassOf`` triple (then
every node: the full call), or changes ``n``'s SPARQL-based results (below); or if ``n`` became shared.
Those nodes are validated again with every shape (``focus_nodes``, as call A) on their ``HOPS``-hop
neighbourhoods, their incoming links, every ``rdfs:subClassOf`` triple and the SPARQL footprints below;
every other shared node keeps its previous records; nodes no longer shared lose theirs.

*Call B.* Each SPARQL-based shape is compiled into a *plan*: the triple patterns (and property paths, as
automata) of its target and constraint queries and of its own description (``sh:class``, ``sh:property``
paths, ``sh:or``...), each in the scope (group, UNION branch, OPTIONAL, EXISTS, MINUS, sub-query) where it
occurs. The plan orders the variables from ``?this`` so that each variable's candidate values are produced
by patterns that every match binding it must contain (a pattern of its own scope or of an enclosing one),
read from a value already known (cheapest lookups first: outgoing links before incoming ones, never all
instances of a class when another pattern gives the values). The *footprint* of a set of focus nodes is
every triple those lookups match; any solution of any of the queries for one of those nodes uses only
footprint triples, and so does any match of their EXISTS / NOT EXISTS / MINUS parts, so the shape gives
the same results for them on any input between the footprint and the whole graph. Conversely a node's
results can change only if a changed triple lies in its old or new footprint; the plan run backwards from
each changed triple (over the new graph plus the removed triples) finds those *candidates*. A
"which predicates occur" pattern (``?s ?this ?o``, ``wbsh:DeclaredProperty``) reads one triple of predicate
``?this``: the candidates are the changed triples' predicates. Candidates are re-validated with the
SPARQL-based shapes on the union of their footprints; the other nodes keep their previous records.

Fallbacks (the full call, as ``scale.global_shacl`` makes it, with the reason in ``IncrementalStats``):
no previous records, or records made for other shapes; a changed ``rdfs:subClassOf`` triple; a shape whose
queries use what the plan does not model (a variable predicate joined with other patterns, a negated
property set, VALUES, aggregates, LIMIT, GRAPH, a literal constant in a pattern, core constraints such as
``sh:equals`` or ``sh:qualifiedValueShape`` in a SPARQL-based shape), or whose footprint would not depend
on the focus node; a blank node met where the store's labels would be needed; more work than ``limit``
nodes (a change that touches a hub within ``HOPS`` of most of the graph: the full call is cheaper).
"""
from __future__ import annotations

import mmap
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import RDF, RDFS, SH
from rdflib.paths import AlternativePath, InvPath, MulPath, NegatedPath, SequencePath

from .namespaces import GRAPH
from .shacl.engine import run_shacl, sparql_shapes
from .shacl.full_pass import full_global
from .shacl.records import GlobalRecords, result_records
from .shacl.scope import HOPS

RDF_TYPE = f"<{RDF.type}>"
SCHEMA_VIEW_GRAPH = GRAPH["schema-view"]  # the graph the merge without the view leaves out (scale.py's name)
SUBCLASS = f"<{RDFS.subClassOf}>"
ROOT = "this"


class Fallback(Exception):
    """The incremental pass cannot guarantee the full pass's answer cheaply: run the full call."""


@dataclass
class IncrementalStats:
    """What the incremental pass did (for the build's timings and tests)."""
    shared_fallback: str | None = None
    sparql_fallback: str | None = None
    shared_revalidated: int = 0
    sparql_revalidated: int = 0
    shared_input: int = 0
    sparql_input: int = 0
    seconds: dict = field(default_factory=dict)


# --- the sorted merge and the store ---------------------------------------------------------------------

def split_line(line: str) -> tuple[str, str, str]:
    """An N-Triples line (one triple, IRIs, blank nodes and literals) as its three tokens."""
    i = line.find(" ")
    j = line.find(" ", i + 1)
    return line[:i], line[i + 1:j], line[j + 1:].rstrip()[:-1].rstrip()


class SortedTriples:
    """Binary search in a sorted N-Triples file (each triple once, Python string order = UTF-8 byte order):
    the lines of one subject, or of one subject and predicate, are one run of the file."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._file = open(self.path, "rb")
        size = self.path.stat().st_size
        self._map = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        self._size = size

    def close(self):
        if self._size:
            self._map.close()
        self._file.close()

    def _line_start(self, pos: int) -> int:
        if pos <= 0:
            return 0
        k = self._map.rfind(b"\n", 0, pos)
        return k + 1

    def _first_at_least(self, key: bytes) -> int:
        """Offset of the first line >= key."""
        lo, hi = 0, self._size
        while lo < hi:
            mid = (lo + hi) // 2
            start = self._line_start(mid)
            end = self._map.find(b"\n", start)
            end = self._size if end < 0 else end
            if self._map[start:end] < key:
                lo = end + 1
            else:
                hi = start
        return self._line_start(lo)

    def with_prefix(self, prefix: str) -> list[str]:
        key = prefix.encode("utf-8")
        pos = self._first_at_least(key)
        out = []
        while pos < self._size:
            end = self._map.find(b"\n", pos)
            end = self._size if end < 0 else end
            line = self._map[pos:end]
            if not line.startswith(key):
                break
            out.append(line.decode("utf-8") + "\n")
            pos = end + 1
        return out

    def __contains__(self, line: str) -> bool:
        return line in self.with_prefix(line.rstrip("\n"))


class Data:
    """Look-ups in the new merge (the sorted file; incoming links through the store, checked against the
    file) and, with ``old=True``, in the previous one too (plus the removed lines)."""

    def __init__(self, core_file: Path, store, removed: set[str]):
        import pyoxigraph as ox
        self.ox = ox
        self.core = SortedTriples(core_file)
        self.store = getattr(store, "store", store)
        self.removed_out = defaultdict(list)
        self.removed_in = defaultdict(list)
        for line in removed:
            s, p, o = split_line(line)
            self.removed_out[s].append((p, o))
            self.removed_in[o].append((s, p))
        self._subject_lines: dict[str, list[str]] = {}
        self._terms: dict[str, object] = {}
        self._bnode_lines = None
        self._view = None
        self.lookups = 0

    def close(self):
        self.core.close()

    def lines(self, s: str) -> list[str]:
        """The new merge's lines with subject ``s``."""
        got = self._subject_lines.get(s)
        if got is None:
            self.lookups += 1
            got = self._subject_lines[s] = self.core.with_prefix(s + " ")
        return got

    def out(self, s: str, p: str, old: bool = False) -> list[str]:
        found = [split_line(line)[2] for line in self.lines(s) if line.startswith(f"{s} {p} ")]
        if old:
            found += [o for q, o in self.removed_out.get(s, ()) if q == p]
        return found

    def out_all(self, s: str, old: bool = False) -> list[tuple[str, str]]:
        found = [split_line(line)[1:] for line in self.lines(s)]
        if old:
            found += self.removed_out.get(s, [])
        return found

    def term(self, token: str):
        t = self._terms.get(token)
        if t is None and token.startswith("<"):
            t = self._terms[token] = self.ox.NamedNode(token[1:-1])
        if t is None:
            quad = next(iter(self.ox.parse(f"<urn:x:s> <urn:x:p> {token} .\n".encode("utf-8"),
                                           format=self.ox.RdfFormat.N_TRIPLES)))
            t = self._terms[token] = quad.object
        return t

    def _bnodes(self) -> dict[str, list[tuple[str, str]]]:
        """Incoming links from blank-node subjects (the store's blank-node labels are not the file's): the
        blank-node lines sort after every IRI line, one short run (the ontology's lists)."""
        if self._bnode_lines is None:
            self._bnode_lines = defaultdict(list)
            for line in self.core.with_prefix("_:"):
                s, p, o = split_line(line)
                self._bnode_lines[o].append((s, p))
        return self._bnode_lines

    def into(self, p: str | None, o: str, old: bool = False, first: bool = False) -> list[tuple[str, str]]:
        """(subject, predicate) of the triples ``(?s p o)`` (any predicate when ``p`` is None); with
        ``first``, at most one from the store."""
        ox = self.ox
        self.lookups += 1
        if o.startswith("_:"):
            # the store cannot be asked by the file's blank-node label, and IRIs pointing at blank nodes
            # (the ontology's property chains) are not one run of the file
            raise Fallback(f"incoming links of a blank node {o}")
        found = []
        seen = set()
        pred = self.term(p) if p is not None else None
        for quad in self.store.quads_for_pattern(None, pred, self.term(o), ox.DefaultGraph()):
            subject = quad.subject
            if isinstance(subject, ox.BlankNode):
                continue  # blank-node subjects are read from the file below
            s = f"<{subject.value}>"
            q = p if p is not None else f"<{quad.predicate.value}>"
            if (s, q) in seen:
                continue
            seen.add((s, q))
            if self.in_core(quad, s, q, o):
                found.append((s, q))
                if first:
                    break
        found += [(s, q) for s, q in self._bnodes().get(o, ()) if p is None or q == p]
        if old:
            found += [(s, q) for s, q in self.removed_in.get(o, ()) if p is None or q == p]
        return found

    def in_core(self, quad, s: str, p: str, o: str) -> bool:
        """Whether a triple of the store's default graph is in the merge without the view, as written: a
        triple that the schema view does not hold comes from another graph; one it holds is looked up."""
        ox = self.ox
        if self._view is None:
            self._view = ox.NamedNode(str(SCHEMA_VIEW_GRAPH))
        if not o.startswith("<"):
            return f"{s} {p} {o} .\n" in self.lines(s)  # a literal: the store may have normalised it
        if next(iter(self.store.quads_for_pattern(quad.subject, quad.predicate, quad.object, self._view)), None) is None:
            return True
        return f"{s} {p} {o} .\n" in self.lines(s)

    def types(self, s: str) -> list[str]:
        """The rdf:type lines of an IRI subject (types are IRIs: read from the store)."""
        ox = self.ox
        subject = self.term(s)
        out = []
        for quad in self.store.quads_for_pattern(subject, self.term(RDF_TYPE), None, ox.DefaultGraph()):
            if isinstance(quad.object, ox.NamedNode):
                o = f"<{quad.object.value}>"
                if self.in_core(quad, s, RDF_TYPE, o):
                    out.append(f"{s} {RDF_TYPE} {o} .\n")
            else:
                return [line for line in self.lines(s) if line.startswith(f"{s} {RDF_TYPE} ")]
        return out

    def any_with_predicate(self, p: str) -> str | None:
        """One line of the new merge with predicate ``p``."""
        ox = self.ox
        for quad in self.store.quads_for_pattern(None, self.term(p), None, ox.DefaultGraph()):
            if isinstance(quad.subject, ox.BlankNode):
                continue
            s = f"<{quad.subject.value}>"
            for line in self.lines(s):
                if line.startswith(f"{s} {p} "):
                    return line
        for line in self.core.with_prefix("_:"):
            if split_line(line)[1] == p:
                return line
        return None


# --- plans for the SPARQL-based shapes ------------------------------------------------------------------

class Unsupported(Fallback):
    pass


@dataclass
class Automaton:
    """A property path as an NFA: transitions (from, predicate token, forward?, to), epsilon moves."""
    transitions: list = field(default_factory=list)
    eps: dict = field(default_factory=lambda: defaultdict(set))
    start: int = 0
    accept: int = 1
    n: int = 2

    def new(self) -> int:
        self.n += 1
        return self.n - 1

    def closure(self, states) -> set[int]:
        out, stack = set(states), list(states)
        while stack:
            q = stack.pop()
            for r in self.eps.get(q, ()):
                if r not in out:
                    out.add(r)
                    stack.append(r)
        return out

    def reverse_closure(self, states) -> set[int]:
        back = defaultdict(set)
        for q, rs in self.eps.items():
            for r in rs:
                back[r].add(q)
        out, stack = set(states), list(states)
        while stack:
            q = stack.pop()
            for r in back.get(q, ()):
                if r not in out:
                    out.add(r)
                    stack.append(r)
        return out

    def predicates(self) -> set[str]:
        return {t[1] for t in self.transitions}


def _compile(path, a: Automaton, q0: int, q1: int, forward: bool = True) -> None:
    if isinstance(path, URIRef):
        a.transitions.append((q0, f"<{path}>", forward, q1))
    elif isinstance(path, InvPath):
        _compile(path.arg, a, q0, q1, not forward)
    elif isinstance(path, SequencePath):
        args = list(path.args) if forward else list(reversed(path.args))
        states = [q0] + [a.new() for _ in args[:-1]] + [q1]
        for k, arg in enumerate(args):
            _compile(arg, a, states[k], states[k + 1], forward)
    elif isinstance(path, AlternativePath):
        for arg in path.args:
            _compile(arg, a, q0, q1, forward)
    elif isinstance(path, MulPath):
        s0, s1 = a.new(), a.new()
        a.eps[q0].add(s0)
        a.eps[s1].add(q1)
        _compile(path.path, a, s0, s1, forward)
        if path.zero:
            a.eps[q0].add(q1)
        if path.more:
            a.eps[s1].add(s0)
    elif isinstance(path, NegatedPath):
        raise Unsupported("a negated property set")
    else:
        raise Unsupported(f"a path {path!r}")


def automaton(path, forward: bool = True) -> Automaton:
    a = Automaton()
    _compile(path, a, 0, 1, forward)
    return a


def _shacl_path(shapes: Graph, node):
    """An rdflib path object for a sh:path value."""
    if isinstance(node, URIRef):
        return node
    inverse = shapes.value(node, SH.inversePath)
    if inverse is not None:
        return InvPath(_shacl_path(shapes, inverse))
    for p, cls in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = shapes.value(node, p)
        if inner is not None:
            return MulPath(_shacl_path(shapes, inner), cls)
    alternatives = shapes.value(node, SH.alternativePath)
    if alternatives is not None:
        return AlternativePath(*[_shacl_path(shapes, x) for x in Graph.items(shapes, alternatives)])
    if (node, RDF.first, None) in shapes:
        return SequencePath(*[_shacl_path(shapes, x) for x in Graph.items(shapes, node)])
    raise Unsupported(f"sh:path {node}")


@dataclass
class Scope:
    id: int
    parent: "Scope | None"
    subquery: set | None = None  # projected variables of a sub-query boundary

    def chain(self):
        s = self
        while s is not None:
            yield s.id
            s = s.parent

    def var(self, name: str) -> str:
        if self.subquery is not None and name not in self.subquery:
            return f"{name}@{self.id}"
        return self.parent.var(name) if self.parent is not None else name


@dataclass
class Pattern:
    s: str  # variable name ("?x" form without '?', marked by is_var) or constant token
    a: Automaton | None
    o: str
    scope: int
    s_var: bool
    o_var: bool
    sample: str | None = None  # a "which predicates occur" pattern: the predicate variable


class Plan:
    """The patterns a SPARQL-based shape can read, ordered from ?this (see the module docstring)."""

    def __init__(self, name: str):
        self.name = name
        self.patterns: list[Pattern] = []
        self.scopes: dict[int, Scope] = {}
        self.order: list[str] = [ROOT]
        self.sources: dict[str, list[tuple[Pattern, bool]]] = {}  # var -> [(pattern, from subject?)]
        self.checks: list[tuple[Pattern, bool]] = []
        self._fresh = 0
        self.enumerated: dict[str, set] = {}
        self.unions: dict[int, list] = defaultdict(list)  # scope -> the branch scopes of each UNION in it

    def scope(self, parent: Scope | None, subquery=None) -> Scope:
        s = Scope(len(self.scopes), parent, subquery)
        self.scopes[s.id] = s
        return s

    def fresh(self) -> str:
        self._fresh += 1
        return f"_v{self._fresh}"

    # building --------------------------------------------------------------------------------------------
    def add(self, s, path, o, scope: Scope, text: str = "") -> None:
        def term(t):
            if isinstance(t, Variable):
                return scope.var(str(t)), True
            if isinstance(t, URIRef):
                return f"<{t}>", False
            if isinstance(t, BNode):
                return scope.var("_b" + str(t)), True  # a blank node in a query is a variable
            raise Unsupported(f"a literal {t!r} in a pattern")
        if any(isinstance(t, Variable) and str(t) in self.enumerated for t in (s, o)):
            raise Unsupported("a VALUES variable as a subject or object")
        st, sv = term(s)
        ot, ov = term(o)
        if isinstance(path, Variable) and str(path) in self.enumerated:
            path = AlternativePath(*sorted(self.enumerated[str(path)]))
        if isinstance(path, Variable):
            import re
            alone = all(isinstance(v, Variable) and len(re.findall(rf"[?$]{v}\b", text)) == 1 for v in (s, o))
            if not alone:
                raise Unsupported(f"variable predicate ?{path} joined with other patterns")
            self.patterns.append(Pattern(st, None, ot, scope.id, False, False, sample=scope.var(str(path))))
            return
        self.patterns.append(Pattern(st, automaton(path), ot, scope.id, sv, ov))

    def walk(self, node, scope: Scope, text: str) -> None:
        name = getattr(node, "name", None)
        if name == "BGP":
            for s, p, o in node["triples"]:
                self.add(s, p, o, scope, text)
        elif name in ("SelectQuery", "Project", "Distinct", "Reduced", "OrderBy"):
            self.walk(node["p"], scope, text)
        elif name == "Join":
            self.walk(node["p1"], scope, text)
            self.walk(node["p2"], scope, text)
        elif name == "LeftJoin":
            self.walk(node["p1"], scope, text)
            inner = self.scope(scope)
            self.walk(node["p2"], inner, text)
            self.expression(node.get("expr"), inner, text)
        elif name == "Union":
            branches = []
            for part in (node["p1"], node["p2"]):
                branch = self.scope(scope)
                branches.append(branch.id)
                self.walk(part, branch, text)
            self.unions[scope.id].append(branches)
        elif name == "Minus":
            self.walk(node["p1"], scope, text)
            self.walk(node["p2"], self.scope(scope), text)
        elif name == "Filter":
            self.walk(node["p"], scope, text)
            self.expression(node["expr"], scope, text)
        elif name == "Extend":
            self.walk(node["p"], scope, text)
            self.expression(node["expr"], scope, text)
        elif name == "ToMultiSet":
            inner = node["p"]
            if getattr(inner, "name", None) == "values":
                return  # enumerated predicates (see query)
            project = inner
            while getattr(project, "name", None) in ("Distinct", "Reduced", "OrderBy"):
                project = project["p"]
            if getattr(project, "name", None) != "Project":
                raise Unsupported(f"{getattr(project, 'name', project)} in a query")
            projected = {str(v) for v in project["PV"]}
            self.walk(inner, self.scope(scope, projected), text)
        elif name == "GroupGraphPatternSub":  # an EXISTS pattern, left as parsed by rdflib
            from rdflib.plugins.sparql.algebra import translateGroupGraphPattern
            self.walk(translateGroupGraphPattern(node), scope, text)
        else:
            raise Unsupported(f"{name or type(node).__name__} in a query")

    def expression(self, expr, scope: Scope, text: str) -> None:
        if expr is None:
            return
        name = getattr(expr, "name", None)
        if name in ("Builtin_EXISTS", "Builtin_NOTEXISTS"):
            self.walk(expr.graph, self.scope(scope), text)  # the attribute: rdflib keeps the translation there
            return
        if isinstance(expr, dict):
            for value in expr.values():
                self.expression(value, scope, text)
        elif isinstance(expr, (list, tuple)):
            for value in expr:
                self.expression(value, scope, text)

    def query(self, text: str, prefixes: dict, scope: Scope) -> None:
        from rdflib.plugins.sparql import prepareQuery
        query = prepareQuery(text, initNs=prefixes)
        algebra = query.algebra
        self.enumerated = {}
        self._values(algebra)
        scope = self.scope(scope, {ROOT})  # each query's variables are its own
        if algebra.name != "SelectQuery":
            raise Unsupported(f"{algebra.name}")
        projected = {str(v) for v in algebra["PV"]}
        if ROOT not in projected and "$this" not in text and "?this" not in text:
            raise Unsupported("a query without ?this")
        self.walk(algebra["p"], scope, text)

    def _values(self, node) -> None:
        """VALUES clauses: each listed variable must enumerate IRIs used only as predicates."""
        if getattr(node, "name", None) == "values":
            for row in node.get("res") or ():
                for variable, value in row.items():
                    if not isinstance(value, URIRef):
                        raise Unsupported("VALUES of something else than IRIs")
                    self.enumerated.setdefault(str(variable), set()).add(value)
        if isinstance(node, dict):
            for value in node.values():
                self._values(value)
        elif isinstance(node, (list, tuple)):
            for value in node:
                self._values(value)

    # ordering ----------------------------------------------------------------------------------------------
    def _variables(self):
        out = {}
        for pat in self.patterns:
            if pat.sample:
                out.setdefault(pat.sample, set())
                continue
            for t, v in ((pat.s, pat.s_var), (pat.o, pat.o_var)):
                if v:
                    out.setdefault(t, set()).add(pat.scope)
        return out

    def _cover(self, v: str, scope: int, known: set) -> list | None:
        """The cheapest patterns of ``scope`` itself (or of all branches of one of its UNIONs) that give
        ``v`` from a known variable: (cost, pattern index, from subject?) triples, or None."""
        options = []
        for k, pat in enumerate(self.patterns):
            if pat.sample or pat.scope != scope:
                continue
            if pat.o_var and pat.o == v and pat.s_var and pat.s in known:
                options.append([(self._cost(pat, True), k, True)])
            elif pat.s_var and pat.s == v and pat.o_var and pat.o in known:
                options.append([(self._cost(pat, False), k, False)])
        for branches in self.unions.get(scope, ()):
            parts = [self._cover(v, b, known) for b in branches]
            if all(parts):
                options.append([x for part in parts for x in part])
        return min(options, key=lambda c: sum(x[0] for x in c)) if options else None

    @staticmethod
    def _cost(pat: Pattern, from_subject: bool) -> int:
        if from_subject:
            begin = pat.a.closure({pat.a.start})
            starts = {t for t in pat.a.transitions if t[0] in begin}
        else:
            begin = pat.a.reverse_closure({pat.a.accept})
            starts = {t for t in pat.a.transitions if t[3] in begin}
        cost = 1
        for q0, p, forward, q1 in starts:
            outgoing = forward if from_subject else not forward
            cost = max(cost, 1 if outgoing else (1000 if p == RDF_TYPE else 10))
        return cost * (len(pat.a.transitions) or 1)

    def finish(self) -> None:
        variables = self._variables()
        known = {ROOT}
        used: set[int] = set()
        while any(v not in known for v in variables):
            best = None
            for v, scopes in variables.items():
                if v in known:
                    continue
                chosen, total = [], 0
                for g in scopes:
                    options = [c for c in (self._cover(v, h, known) for h in self.scopes[g].chain()) if c]
                    if not options:
                        break
                    option = min(options, key=lambda c: sum(x[0] for x in c))
                    chosen += option
                    total += sum(x[0] for x in option)
                else:
                    if best is None or total < best[0]:
                        best = (total, v, chosen)
            if best is None:
                missing = sorted(v for v in variables if v not in known)
                raise Unsupported(f"{self.name}: no lookup reaches {missing} from ?this")
            _, v, chosen = best
            known.add(v)
            self.order.append(v)
            self.sources[v] = []
            for _, k, from_subject in sorted(set(chosen), key=lambda c: c[1]):
                if k not in used:
                    used.add(k)
                    self.sources[v].append((self.patterns[k], from_subject))
        for k, pat in enumerate(self.patterns):
            if k in used:
                continue
            if pat.sample and pat.sample not in known:
                raise Unsupported(f"{self.name}: the predicate variable ?{pat.sample} is not reached from ?this")
            if pat.sample:
                self.checks.append((pat, True))
            elif pat.s_var:
                self.checks.append((pat, True))
            elif pat.o_var:
                self.checks.append((pat, False))
            else:
                raise Unsupported(f"{self.name}: a pattern without variables")


_VALUE_ONLY = {SH.pattern, SH.flags, SH.nodeKind, SH.datatype, SH.minCount, SH.maxCount, SH.minLength,
               SH.maxLength, SH["in"], SH.hasValue, SH.uniqueLang, SH.languageIn, SH.minInclusive, SH.maxInclusive,
               SH.minExclusive, SH.maxExclusive, SH.message, SH.severity, SH.name, SH.description, SH.order,
               SH.group, SH.deactivated, SH.defaultValue}


def _prefixes(shapes: Graph, node) -> dict[str, str]:
    out = {}
    for holder in shapes.objects(node, SH.prefixes):
        for declaration in shapes.objects(holder, SH.declare):
            prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                out[str(prefix)] = str(namespace)
    return out


def _describe(plan: Plan, shapes: Graph, shape, focus: str, scope: Scope, seen: set) -> None:
    """Patterns for a shape's own description: targets, sh:class, property paths, logical constraints."""
    if (shape, focus) in seen:
        return
    seen.add((shape, focus))
    var = Variable(focus)
    for p, o in shapes.predicate_objects(shape):
        if p == RDF.type or p in _VALUE_ONLY or not str(p).startswith(str(SH)):
            continue
        if p == SH.targetClass or p == SH["class"]:
            plan.add(var, SequencePath(RDF.type, MulPath(RDFS.subClassOf, "*")), o, scope)
        elif p == SH.targetSubjectsOf:
            plan.add(var, o, Variable(plan.fresh()), scope)
        elif p == SH.targetObjectsOf:
            plan.add(Variable(plan.fresh()), o, var, scope)
        elif p == SH.targetNode:
            raise Unsupported("sh:targetNode")
        elif p == SH.target:
            select = shapes.value(o, SH.select)
            if select is None:
                raise Unsupported("a target that is not a SPARQL SELECT")
            plan.query(str(select), _prefixes(shapes, o), scope)
        elif p == SH.sparql:
            select = shapes.value(o, SH.select)
            if select is None:
                raise Unsupported("a SPARQL constraint without sh:select")
            plan.query(str(select), _prefixes(shapes, o), scope)
        elif p in (SH["or"], SH["and"], SH.xone):
            for member in Graph.items(shapes, o):
                _describe(plan, shapes, member, focus, scope, seen)
        elif p in (SH["not"], SH.node):
            _describe(plan, shapes, o, focus, scope, seen)
        elif p == SH.property:
            value = plan.fresh()
            plan.add(var, _shacl_path(shapes, shapes.value(o, SH.path)), Variable(value), scope)
            _describe(plan, shapes, o, value, scope, seen)
        elif p == SH.path:
            continue  # read by the parent's sh:property
        else:
            raise Unsupported(f"{p.n3()} in a SPARQL-based shape")


def compile_plan(shapes: Graph, shape) -> Plan:
    plan = Plan(str(shape))
    _describe(plan, shapes, shape, ROOT, plan.scope(None), set())
    plan.finish()
    return plan


# --- footprints and candidates --------------------------------------------------------------------------

def _traverse(data: Data, a: Automaton, sources, from_subject: bool, collect: set, old: bool = False):
    """Walk the automaton from ``sources`` (forwards from the subject end, or backwards from the object
    end); every triple stepped on goes into ``collect`` (N-Triples lines); returns the nodes reached at the
    other end."""
    begin = a.closure({a.start}) if from_subject else a.reverse_closure({a.accept})
    goal = a.accept if from_subject else a.start
    by_state = defaultdict(list)
    for t in a.transitions:
        by_state[t[0] if from_subject else t[3]].append(t)
    seen = set()
    stack = [(x, q) for x in sources for q in begin]
    reached = set()
    while stack:
        x, q = stack.pop()
        if (x, q) in seen:
            continue
        seen.add((x, q))
        if q == goal:
            reached.add(x)
        for q0, p, forward, q1 in by_state.get(q, ()):
            nxt_state = q1 if from_subject else q0
            outgoing = forward if from_subject else not forward
            if outgoing:
                if x.startswith('"'):
                    continue
                targets = data.out(x, p, old)
                for y in targets:
                    collect.add(f"{x} {p} {y} .\n")
            else:
                targets = [s for s, _ in data.into(p, x, old)]
                for y in targets:
                    collect.add(f"{y} {p} {x} .\n")
            closure = a.closure({nxt_state}) if from_subject else a.reverse_closure({nxt_state})
            for y in targets:
                for r in closure:
                    if (y, r) not in seen:
                        stack.append((y, r))
    return reached


def footprint(plan: Plan, data: Data, roots: set[str]) -> set[str]:
    """Every triple of the new merge that the shape's queries can read for the focus nodes ``roots``."""
    values = {ROOT: set(roots)}
    collect: set[str] = set()
    for v in plan.order[1:]:
        values[v] = set()
        for pat, from_subject in plan.sources[v]:
            start = pat.s if from_subject else pat.o
            values[v] |= _traverse(data, pat.a, values[start], from_subject, collect)
    for pat, from_subject in plan.checks:
        if pat.sample:
            for p in values.get(pat.sample, ()):
                if p.startswith("<"):
                    line = data.any_with_predicate(p)
                    if line is not None:
                        collect.add(line)
            continue
        end, is_var = (pat.s, pat.s_var) if from_subject else (pat.o, pat.o_var)
        _traverse(data, pat.a, values[end] if is_var else {end}, from_subject, collect)
    return collect


def candidates(plan: Plan, data: Data, changed: list[tuple[str, str, str]]) -> set[str]:
    """The focus nodes whose footprint, in the old or the new merge, holds one of the changed triples."""
    memo: dict = {}
    into_var = {v: srcs for v, srcs in plan.sources.items()}

    def back(var: str, value: str) -> set[str]:
        if var == ROOT:
            return {value}
        key = (var, value)
        if key in memo:
            return memo[key]
        memo[key] = set()
        out = set()
        for pat, from_subject in into_var.get(var, ()):
            start, start_var = (pat.s, pat.s_var) if from_subject else (pat.o, pat.o_var)
            if not start_var:
                raise Unsupported(f"{plan.name}: values read from a constant")
            # the values of the pattern's start end from which ``value`` is reached
            for x in _traverse(data, pat.a, {value}, not from_subject, set(), old=True):
                out |= back(start, x)
        memo[key] = out
        return out

    roles = []
    for pat, from_subject in [(p, fs) for v in plan.order[1:] for p, fs in plan.sources[v]] + plan.checks:
        roles.append((pat, from_subject))
    found: set[str] = set()
    for s, p, o in changed:
        for pat, from_subject in roles:
            if pat.sample:
                if p.startswith("<"):
                    found |= back(pat.sample, p)
                continue
            start, start_var = (pat.s, pat.s_var) if from_subject else (pat.o, pat.o_var)
            for q0, tp, forward, q1 in pat.a.transitions:
                if tp != p:
                    continue
                # the node the walk stands on before stepping on the triple, and the state it is in
                if from_subject:
                    node, state = (s, q0) if forward else (o, q0)
                else:
                    node, state = (o, q1) if forward else (s, q1)
                sub = Automaton(pat.a.transitions, pat.a.eps, pat.a.start, state, pat.a.n) if from_subject else \
                    Automaton(pat.a.transitions, pat.a.eps, state, pat.a.accept, pat.a.n)
                # the start-end values from which the walk reaches (node, state)
                origins = _traverse(data, sub, {node}, not from_subject, set(), old=True)
                if not start_var:
                    if start in origins:
                        raise Unsupported(f"{plan.name}: a changed triple read from a constant")
                    continue
                for x in origins:
                    found |= back(start, x)
    return found


# --- the delta between two merges -----------------------------------------------------------------------

def merge_delta(old_file: Path, new_file: Path, candidates=None) -> tuple[set[str], set[str]]:
    """The lines added to and removed from a sorted merge. With ``candidates`` (every line that may differ:
    the old and new lines of the graphs that changed) by binary search in both files; without, by one
    streaming pass over both (linear: for tests and small corpora)."""
    if candidates is not None:
        old, new = SortedTriples(old_file), SortedTriples(new_file)
        try:
            lines = set(candidates)
            added = {line for line in lines if line in new and line not in old}
            removed = {line for line in lines if line in old and line not in new}
        finally:
            old.close()
            new.close()
        return added, removed
    added, removed = set(), set()
    with open(old_file, encoding="utf-8") as a, open(new_file, encoding="utf-8") as b:
        x, y = a.readline(), b.readline()
        while x or y:
            if x and (not y or x < y):
                removed.add(x)
                x = a.readline()
            elif y and (not x or y < x):
                added.add(y)
                y = b.readline()
            else:
                x, y = a.readline(), b.readline()
    return added, removed


# --- the incremental pass -------------------------------------------------------------------------------

def _token(iri: str) -> str:
    return iri if iri.startswith("_:") else f"<{iri}>"


def _iri(token: str) -> str:
    return token[1:-1] if token.startswith("<") else token


def sparql_plans(shapes: Graph, cache: Path | None = None, key: str | None = None) -> list[Plan]:
    """The plans of the SPARQL-based shapes (raises Unsupported); kept in ``cache`` (a pickle) for ``key``
    (rdflib takes about half a second to prepare the queries)."""
    import pickle
    if cache is not None and key is not None and Path(cache).exists():
        try:
            saved_key, plans = pickle.loads(Path(cache).read_bytes())
            if saved_key == key:
                return plans
        except Exception:
            pass
    plans = [compile_plan(shapes, shape) for shape in sparql_shapes(shapes)]
    if cache is not None and key is not None:
        Path(cache).parent.mkdir(parents=True, exist_ok=True)
        Path(cache).write_bytes(pickle.dumps((key, plans)))
    return plans


def incoming_reads(shapes: Graph) -> tuple[set[str] | None, set[str]]:
    """What the shapes other than SPARQL-based ones read of the links pointing at a focus node: every link
    of an inverse path's predicate (with its subject's types, for sh:class), and, for sh:targetObjectsOf,
    whether one link of that predicate exists. (None, ...) when an inverse path is not of one predicate."""
    inverse: set[str] | None = set()
    for o in shapes.objects(None, SH.inversePath):
        if not isinstance(o, URIRef):
            inverse = None
            break
        inverse.add(f"<{o}>")
    return inverse, {f"<{o}>" for o in shapes.objects(None, SH.targetObjectsOf) if isinstance(o, URIRef)}


def affected_shared(data: Data, changed: list[tuple[str, str, str]], shared: set[str], hops: int = HOPS,
                    limit: int = 200_000, incoming: tuple = (None, set())) -> set[str]:
    """Shared nodes (tokens) whose call-A results can see a changed triple ``(s p o)``: every node from which
    ``s`` lies within ``hops`` outgoing hops (walked backwards, old and new graph); ``o`` when ``p`` is an
    inverse path's or a sh:targetObjectsOf predicate (any predicate when ``incoming`` is unknown); for a
    changed rdf:type triple, the nodes ``s`` points at by an inverse path's predicate (sh:class on them)."""
    inverse, targets = incoming
    found = set()
    frontier = set()
    for s, p, o in changed:
        if p == SUBCLASS:
            raise Fallback("a changed rdfs:subClassOf triple (every sh:class and sh:targetClass may change)")
        if inverse is None or p in inverse or p in targets:
            found.add(o)
        frontier.add(s)
        if p == RDF_TYPE:
            found.update(x for q, x in data.out_all(s, old=True) if inverse is None or q in inverse)
    visited = set(frontier)
    for _ in range(hops):
        nxt = set()
        for x in frontier:
            for s, _ in data.into(None, x, old=True):
                if s not in visited:
                    nxt.add(s)
        visited |= nxt
        frontier = nxt
        if len(visited) > limit:
            raise Fallback(f"a change within {hops} hops of more than {limit} nodes")
        if not frontier:
            break
    return (found | visited) & shared


def shared_input(data: Data, focus: set[str], hops: int = HOPS, incoming: tuple = (None, set())) -> set[str]:
    """Call A's input for ``focus`` (tokens): every triple whose subject lies within ``hops`` outgoing hops;
    of the links pointing at a focus node, those of an inverse path's predicate with their subjects'
    rdf:type triples, and one link of each sh:targetObjectsOf predicate; every rdfs:subClassOf triple.
    (``write_scoped_inputs`` gives call A more: every link pointing at a shared node, every rdf:type
    triple; no shape other than a SPARQL-based one can read them for these focus nodes.)"""
    inverse, targets = incoming
    lines: set[str] = set()
    reach, frontier = set(focus), set(focus)
    for _ in range(hops):
        nxt = set()
        for x in frontier:
            for p, o in data.out_all(x):
                if (o.startswith("<") or o.startswith("_:")) and o not in reach:
                    nxt.add(o)
        reach |= nxt
        frontier = nxt
    for x in reach:
        lines.update(data.lines(x))
    for n in focus:
        for p in (sorted(inverse | targets) if inverse is not None else [None]):
            # of a sh:targetObjectsOf predicate, one link: existence is all its target asks
            for s, q in data.into(p, n, first=inverse is not None and p not in inverse)[:1 if (
                    inverse is not None and p not in inverse) else None]:
                lines.add(f"{s} {q} {n} .\n")
                if inverse is None or q in inverse:
                    lines.update(data.types(s) if s.startswith("<") else
                                 [line for line in data.lines(s) if line.startswith(f"{s} {RDF_TYPE} ")])
    ox = data.ox
    for quad in data.store.quads_for_pattern(None, data.term(SUBCLASS), None, ox.DefaultGraph()):
        if isinstance(quad.subject, ox.BlankNode):
            continue
        s = f"<{quad.subject.value}>"
        lines.update(line for line in data.lines(s) if line.startswith(f"{s} {SUBCLASS} "))
    lines.update(line for line in data.core.with_prefix("_:") if split_line(line)[1] == SUBCLASS)
    return lines


def incremental_global(shapes: Graph, store, added, removed, previous: GlobalRecords | None,
                       shared_nodes: list[str], core_file: Path, work_dir: Path, *,
                       shapes_key: str | None = None, hops: int = HOPS, limit: int = 200_000,
                       stats: IncrementalStats | None = None) -> GlobalRecords:
    """The records of the full pass's two calls (``full_pass.full_global``) on the new merge, validating
    again only what can change.

    ``added`` / ``removed``: the N-Triples lines (with their newline) that the new merge without the view
    (``core_file``, sorted, each triple once) has and the previous one had not, and the reverse.
    ``previous``: the ``GlobalRecords`` of the previous build (``GlobalRecords.load``), or None.
    ``shared_nodes``: call A's focus nodes on the new data (as ``global_pass.focus_partition`` computes them).
    ``store``: the build's Oxigraph store (``pyoxigraph.Store`` or ``store.OxigraphStore``) after the update:
    its default graph (the merge with the schema view) answers look-ups by object, which are checked
    against ``core_file`` (the engine never sees the store's terms).
    ``work_dir``: where a fallback writes its scoped inputs.
    ``shapes_key``: what identifies the shapes (the scalable build's hash of shapes/); a different key in
    ``previous`` means the full calls.
    Returns the new ``GlobalRecords`` (``.all()`` is what ``global_shacl`` merges); ``stats`` is filled with
    what was done and why a call fell back. The argument: docs/SHACL-INCREMENTAL.md.
    """
    stats = stats if stats is not None else IncrementalStats()
    t0 = time.perf_counter()
    added, removed = set(added), set(removed)
    shared_new = {_token(n) for n in shared_nodes}
    reason = None
    if previous is None:
        reason = "no previous records"
    elif shapes_key is not None and previous.shapes_key != shapes_key:
        reason = "the shapes changed"
    if reason is not None:
        stats.shared_fallback = stats.sparql_fallback = reason
        out = full_global(shapes, shared_nodes, core_file, work_dir, shapes_key)
        stats.seconds["total"] = time.perf_counter() - t0
        return out
    changed = [split_line(line) for line in sorted(added | removed)]
    data = Data(core_file, store, removed)
    try:
        # call B: the focus nodes to validate again -----------------------------------------------------
        t = time.perf_counter()
        plans, sparql_candidates = [], set()
        try:
            plans = sparql_plans(shapes, Path(work_dir) / "shacl-plans.pickle", shapes_key)
            for plan in plans:
                sparql_candidates |= candidates(plan, data, changed)
        except Fallback as e:
            stats.sparql_fallback = str(e)
        stats.seconds["sparql"] = time.perf_counter() - t
        # call A: the focus nodes to validate again -----------------------------------------------------
        t = time.perf_counter()
        try:
            incoming = incoming_reads(shapes)
            shared_focus = affected_shared(data, changed, shared_new, hops, limit, incoming)
            shared_focus |= shared_new - {_token(n) for n in previous.shared_nodes}  # newly shared
            if stats.sparql_fallback:
                raise Fallback("the SPARQL-based shapes' footprints are unknown: " + stats.sparql_fallback)
            shared_focus |= sparql_candidates & shared_new
            if len(shared_focus) > limit:
                raise Fallback(f"more than {limit} shared nodes to validate again")
        except Fallback as e:
            stats.shared_fallback = str(e)
        stats.seconds["shared"] = time.perf_counter() - t
        # the calls that fell back, in full (both at once: their inputs are written in one pass) ---------
        t = time.perf_counter()
        full_calls = [call for call, why in (("shared", stats.shared_fallback), ("sparql", stats.sparql_fallback))
                      if why]
        full = full_global(shapes, shared_nodes, core_file, work_dir, shapes_key, calls=full_calls) \
            if full_calls else None
        if full_calls:
            stats.seconds["full"] = time.perf_counter() - t
        # call B -----------------------------------------------------------------------------------------
        t = time.perf_counter()
        if stats.sparql_fallback:
            sparql_records = full.sparql
        else:
            focus = {c for c in sparql_candidates if c.startswith("<")}
            keep = [r for r in previous.sparql if _token(r[0]) not in focus]
            fresh = []
            if focus:
                lines = set()
                for plan in plans:
                    lines |= footprint(plan, data, focus)
                stats.sparql_input = len(lines)
                _, report, _ = run_shacl("".join(sorted(lines)), shapes, use_shapes=sparql_shapes(shapes))
                fresh = [r for r in result_records(report) if _token(r[0]) in focus]
            stats.sparql_revalidated = len(focus)
            sparql_records = keep + fresh
            stats.seconds["sparql"] += time.perf_counter() - t
        # call A -----------------------------------------------------------------------------------------
        t = time.perf_counter()
        if stats.shared_fallback:
            shared_records = full.shared
        else:
            focus = shared_focus
            keep = [r for r in previous.shared if _token(r[0]) in shared_new and _token(r[0]) not in focus]
            fresh = []
            if focus:
                lines = shared_input(data, focus, hops, incoming)
                for plan in plans:
                    lines |= footprint(plan, data, focus)
                stats.shared_input = len(lines)
                _, report, _ = run_shacl("".join(sorted(lines)), shapes,
                                         focus_nodes=sorted(_iri(n) for n in focus))
                fresh = [r for r in result_records(report) if _token(r[0]) in focus]
            stats.shared_revalidated = len(focus)
            shared_records = keep + fresh
            stats.seconds["shared"] += time.perf_counter() - t
    finally:
        data.close()
    stats.seconds["total"] = time.perf_counter() - t0
    return GlobalRecords(sorted(set(shared_records)), sorted(set(sparql_records)), list(shared_nodes), shapes_key)
