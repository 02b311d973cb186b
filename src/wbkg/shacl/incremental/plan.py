"""A SPARQL-based shape compiled into a plan: the triple patterns of its queries and of its own description,
each in its scope, ordered from ``?this`` (docs/SHACL-INCREMENTAL.md, "Call B")."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, URIRef, Variable
from rdflib.namespace import RDF, RDFS, SH
from rdflib.paths import AlternativePath, MulPath, SequencePath

from ..engine import sparql_shapes
from . import RDF_TYPE, Unsupported
from .automaton import Automaton, _shacl_path, automaton

ROOT = "this"


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
