"""What the global pass's calls read for some focus nodes (their footprints, call A's input), and which focus
nodes a changed triple can reach (docs/SHACL-INCREMENTAL.md, "Soundness")."""
from __future__ import annotations

from collections import defaultdict

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from ..scope import HOPS
from . import RDF_TYPE, SUBCLASS, Fallback, Unsupported
from .automaton import Automaton
from .plan import ROOT, Plan
from .triples import Data, split_line


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
    for quad in data.merge_quads(None, data.term(SUBCLASS), None):
        if isinstance(quad.subject, ox.BlankNode):
            continue
        s = f"<{quad.subject.value}>"
        lines.update(line for line in data.lines(s) if line.startswith(f"{s} {SUBCLASS} "))
    lines.update(line for line in data.core.with_prefix("_:") if split_line(line)[1] == SUBCLASS)
    return lines
