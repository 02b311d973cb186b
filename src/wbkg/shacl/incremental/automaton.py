"""Property paths (SHACL's and SPARQL's) as automata that the plans walk forwards and backwards."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.paths import AlternativePath, InvPath, MulPath, NegatedPath, SequencePath

from . import Unsupported


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
