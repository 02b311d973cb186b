"""The entailments queries need, published in graph:entailments (in the store's default graph and the merged
exports): every super-class of a type and every super-property of a property (schema.org terms left to the
schema view), the ontology's owl:inverseOf pairs, its two-step owl:propertyChainAxiom chains (wbkg:holds,
wbkg:memberOf, wbkg:contributesTo and their super-properties), the closure of its transitive properties
(wbkg:partOf, with its inverse wbkg:hasPart), and each dated node's sortable bounds (wbkg:notBefore,
wbkg:notAfter). Text spans (evidence, mentions, exemptions) are left out: their NIF and Web Annotation aliases
(nif:anchorOf, oa:hasBody, ...) would be nine in ten entailed triples, more than the asserted graph, and no
question needs them (``wbkg query --inferred`` has them).

A build computes them in two parts. ``local`` closes one graph on its own (types, super-properties,
inverses, chains: each rule reads one triple or the two halves of one fact node, which sit in one graph);
the transitive properties and the date bounds cross graphs (Belgrade part of Serbia in the entities, Serbia
part of the Western Balkans in an article; one event dated by two articles), so each graph only records
their input (``records``) and the shared part (``shared_lines``) closes the union. ``closure`` is the whole
fixpoint over one graph, which tests compare with the two parts over the reviewed merge.
"""
from __future__ import annotations

import calendar
from collections import defaultdict

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD

from .hierarchy import reachable
from .namespaces import SCHEMA, SPAN_CLASSES, WBKG

LOWER = (WBKG.date, WBKG.startDate, WBKG.earliestDate)
UPPER = (WBKG.date, WBKG.endDate, WBKG.latestDate)
DATE_PROPS = frozenset(LOWER + UPPER)


def _closure(ontology: Graph, relation: URIRef) -> dict[URIRef, set[URIRef]]:
    """The terms above each term, schema.org terms left out (the schema view has them)."""
    closed = {term: {t for t in above if t != term and not str(t).startswith(str(SCHEMA))}
              for term, above in reachable(ontology.subject_objects(relation)).items()}
    return {k: v for k, v in closed.items() if v}


def day_bounds(value: Literal, decade: bool = False) -> tuple[str, str] | None:
    """The first and last day a date literal covers (ISO strings), by its datatype; None if not a date."""
    text, dt = str(value), value.datatype
    try:
        if dt == XSD.gYear or decade:
            year = int(text[:4])
            last = year + 9 if decade else year
            return f"{year:04d}-01-01", f"{last:04d}-12-31"
        if dt == XSD.gYearMonth:
            year, month = int(text[:4]), int(text[5:7])
            return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
        if dt in (XSD.date, XSD.dateTime):
            return text[:10], text[:10]
    except ValueError:
        return None
    return None


class Entailments:
    def __init__(self, ontology: Graph):
        self.classes = _closure(ontology, RDFS.subClassOf)
        self.supers = _closure(ontology, RDFS.subPropertyOf)
        self.inverse: dict[URIRef, URIRef] = {}
        for a, b in ontology.subject_objects(OWL.inverseOf):
            if isinstance(a, URIRef) and isinstance(b, URIRef):
                self.inverse[a], self.inverse[b] = b, a
        self.chains = []  # (property, (step, inverted), (step, inverted))
        for prop, head in ontology.subject_objects(OWL.propertyChainAxiom):
            steps = []
            for step in Collection(ontology, head):
                inv = ontology.value(step, OWL.inverseOf) if isinstance(step, BNode) else None
                steps.append((inv, True) if inv is not None else (step, False))
            if len(steps) == 2:
                self.chains.append((prop, steps[0], steps[1]))
        self.transitive = set(ontology.subjects(RDF.type, OWL.TransitiveProperty))
        # the properties whose closure crosses graphs: the transitive ones, their inverses and sub-properties
        family = self.transitive | {self.inverse[p] for p in self.transitive if p in self.inverse}
        self.family = family | {p for p, sups in self.supers.items() if sups & family}
        self.joined = self.transitive | {step[0] for c in self.chains for step in c[1:]}
        # the ontology's own hierarchies closed (rdfs:subClassOf, rdfs:subPropertyOf are transitive), so that a
        # query asks ``?cls rdfs:subClassOf wbkg:Event`` without a property path
        self.hierarchy = {(sub, rel, sup) for rel, closed in ((RDFS.subClassOf, self.classes),
                                                             (RDFS.subPropertyOf, self.supers))
                          for sub, sups in closed.items() for sup in sups} - set(ontology)
        # the ontology's own individuals (statuses, precisions: skos:Concepts by their classes)
        self.ontology_instances = {t for t in self.local(ontology) if not isinstance(t[0], BNode)}

    # --- one triple's consequences ---------------------------------------------------------------------
    def _step(self, s, p, o):
        if p == RDF.type:
            for cls in self.classes.get(o, ()):
                yield (s, RDF.type, cls)
            return
        for sup in self.supers.get(p, ()):
            yield (s, sup, o)
        inv = self.inverse.get(p)
        if inv is not None and not isinstance(o, Literal):
            yield (o, inv, s)

    def _fixpoint(self, known: set, transitive: bool) -> None:
        """Close ``known`` in place under the rules (the transitive ones only when ``transitive``)."""
        frontier = list(known)
        while frontier:
            new = []
            for s, p, o in frontier:
                for t in self._step(s, p, o):
                    if t not in known:
                        known.add(t)
                        new.append(t)
            by_pred = defaultdict(list)
            for t in known:
                if t[1] in self.joined:
                    by_pred[t[1]].append(t)
            for t in self._chains(by_pred) | (self._transitive(by_pred) if transitive else set()):
                if t not in known:
                    known.add(t)
                    new.append(t)
            frontier = new

    def _chains(self, by_pred) -> set:
        out = set()
        for prop, (p1, inv1), (p2, inv2) in self.chains:
            middle = defaultdict(set)  # y -> x for x step1 y
            for s, _, o in by_pred.get(p1, ()):
                x, y = (o, s) if inv1 else (s, o)
                middle[y].add(x)
            for s, _, o in by_pred.get(p2, ()):
                y, z = (o, s) if inv2 else (s, o)
                for x in middle.get(y, ()):
                    out.add((x, prop, z))
        return out

    def _transitive(self, by_pred) -> set:
        out = set()
        for prop in self.transitive:
            pairs = [(s, o) for s, _, o in by_pred.get(prop, ())]
            for s, above in reachable(pairs).items():
                out.update((s, prop, o) for o in above)
        return out

    # --- the build's two parts -------------------------------------------------------------------------
    @staticmethod
    def content(graph) -> set:
        """The triples entailments start from: all but those of text spans (typed in the same graph)."""
        spans = {s for s, p, o in graph if p == RDF.type and o in SPAN_CLASSES}
        return {t for t in graph if t[0] not in spans}

    def local(self, graph) -> set:
        """What one graph entails on its own (the transitive family left to the shared part), minus what it
        asserts."""
        asserted = {t for t in self.content(graph) if t[1] not in self.family}
        known = set(asserted)
        self._fixpoint(known, transitive=False)
        return {t for t in known - asserted if t[1] not in self.family}

    def records(self, graph) -> dict:
        """What the shared part needs from a graph: its edges of the transitive family and its date values
        (N-Triples terms and ISO day bounds)."""
        edges = sorted({(s.n3(), p.n3(), o.n3()) for s, p, o in graph
                        if p in self.family and not isinstance(o, Literal)})
        decades = {s for s, p, o in graph if p == WBKG.datePrecision and o == WBKG.Decade}
        dates = defaultdict(lambda: [[], []])
        for s, p, o in graph:
            if p in DATE_PROPS and isinstance(o, Literal) and not isinstance(s, Literal):
                bounds = day_bounds(o, s in decades)
                if bounds is None:
                    continue
                if p in LOWER:
                    dates[s.n3()][0].append(bounds[0])
                if p in UPPER:
                    dates[s.n3()][1].append(bounds[1])
        return {"edges": [list(e) for e in edges],
                "dates": {k: [sorted(set(lo)), sorted(set(hi))] for k, (lo, hi) in sorted(dates.items())}}

    def shared_triples(self, records: list[dict]) -> set[tuple[str, str, str]]:
        """The cross-graph part from every graph's records: the transitive family closed over the union of
        the edges (minus the edges themselves), and each dated node's bounds (hull over the graphs), as
        N-Triples term strings."""
        edges = {tuple(e) for r in records for e in r["edges"]}
        terms = {}

        def term(text):
            if text not in terms:
                terms[text] = BNode(text[2:]) if text.startswith("_:") else URIRef(text[1:-1])
            return terms[text]
        known = {(term(s), URIRef(p[1:-1]), term(o)) for s, p, o in edges}
        asserted = set(known)
        self._fixpoint(known, transitive=True)
        out = {(s.n3(), p.n3(), o.n3()) for s, p, o in known - asserted}
        lows, highs = defaultdict(list), defaultdict(list)
        for r in records:
            for node, (lo, hi) in r["dates"].items():
                lows[node] += lo
                highs[node] += hi
        for node in lows:
            if lows[node]:
                out.add((node, WBKG.notBefore.n3(), Literal(min(lows[node]), datatype=XSD.date).n3()))
            if highs[node]:
                out.add((node, WBKG.notAfter.n3(), Literal(max(highs[node]), datatype=XSD.date).n3()))
        return out

    # --- the whole fixpoint, for tests -----------------------------------------------------------------
    def closure(self, graph) -> set:
        """Everything entailed by ``graph`` (text spans left out) under every rule (bounds excepted), minus what
        it asserts."""
        known = self.content(graph)
        self._fixpoint(known, transitive=True)
        return known - set(graph)
