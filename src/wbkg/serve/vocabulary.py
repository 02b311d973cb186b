"""The ontology as the pages use it (its classes, their hierarchy, the labels of its terms), read from the
store's ontology graph by SPARQL once at start-up: a few hundred terms, whatever the size of the corpus."""
from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from ..vocab.namespaces import WBKG


@dataclass
class Vocabulary:
    classes: list[URIRef] = field(default_factory=list)                 # wbkg OWL classes, by IRI
    parents: dict[URIRef, set[URIRef]] = field(default_factory=dict)    # rdfs:subClassOf
    labels: dict[URIRef, str] = field(default_factory=dict)             # rdfs:label / skos:prefLabel

    @classmethod
    def load(cls, reader) -> "Vocabulary":
        vocab = cls()
        vocab.classes = [row["c"] for row in reader.select(
            "SELECT DISTINCT ?c WHERE { GRAPH graph:ontology { ?c a owl:Class } "
            "FILTER(isIRI(?c) && STRSTARTS(STR(?c), STR(wbkg:))) } ORDER BY ?c")]
        for row in reader.select("SELECT ?sub ?sup WHERE { GRAPH graph:ontology { ?sub rdfs:subClassOf ?sup } "
                                 "FILTER(isIRI(?sub) && isIRI(?sup)) } ORDER BY ?sub ?sup"):
            vocab.parents.setdefault(row["sub"], set()).add(row["sup"])
        ranks: dict[URIRef, tuple] = {}
        for row in reader.select("SELECT ?t ?l WHERE { GRAPH graph:ontology { ?t rdfs:label|skos:prefLabel ?l } "
                                 "FILTER(isIRI(?t)) } ORDER BY ?t ?l"):
            label = row["l"]
            rank = (isinstance(label, Literal) and bool(label.language) and not label.language.startswith("en"),
                    str(label))
            if row["t"] not in ranks or rank < ranks[row["t"]]:
                ranks[row["t"]] = rank
                vocab.labels[row["t"]] = str(label)
        return vocab

    def ancestors(self, cls_: URIRef) -> set[URIRef]:
        seen, stack = set(), [cls_]
        while stack:
            for sup in self.parents.get(stack.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    stack.append(sup)
        return seen

    def descendants(self, cls_: URIRef) -> set[URIRef]:
        """``cls_`` and every class below it."""
        return {c for c in set(self.parents) | {cls_} if c == cls_ or cls_ in self.ancestors(c)}

    def children(self) -> dict[URIRef, list[URIRef]]:
        """The direct subclasses of each wbkg class, among the wbkg classes."""
        known = set(self.classes)
        out: dict[URIRef, list[URIRef]] = {}
        for c in self.classes:
            for p in self.parents.get(c, ()):
                if p in known:
                    out.setdefault(p, []).append(c)
        return out

    def roots(self) -> list[URIRef]:
        known = set(self.classes)
        return [c for c in self.classes if not any(p in known for p in self.parents.get(c, ()))]

    def most_specific(self, classes) -> URIRef | None:
        """The deepest wbkg class among ``classes``."""
        own = [c for c in classes if str(c).startswith(str(WBKG))]
        return max(own, key=lambda c: (len(self.ancestors(c)), str(c))) if own else None

    def local(self, term) -> str:
        return str(term)[len(str(WBKG)):] if str(term).startswith(str(WBKG)) else str(term)
