"""What the consistency checks read from the ontology: each class's super-classes, and the disjoint pairs."""
from __future__ import annotations

from collections import defaultdict

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS


def superclasses(ontology: Graph, *, equivalence: bool = False):
    """A function from a class to the set of it and all its super-classes (through rdfs:subClassOf, and
    owl:equivalentClass both ways with ``equivalence``)."""
    direct = defaultdict(set)
    for sub, sup in ontology.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            direct[sub].add(sup)
    if equivalence:
        for a, b in ontology.subject_objects(OWL.equivalentClass):
            if isinstance(a, URIRef) and isinstance(b, URIRef):
                direct[a].add(b)
                direct[b].add(a)
    cache: dict = {}

    def closure(cls):
        if cls not in cache:
            seen, stack = {cls}, [cls]
            while stack:
                for sup in direct.get(stack.pop(), ()):
                    if sup not in seen:
                        seen.add(sup)
                        stack.append(sup)
            cache[cls] = seen
        return cache[cls]
    return closure


def disjoint_pairs(ontology: Graph) -> set[frozenset]:
    """owl:disjointWith and owl:AllDisjointClasses, as unordered pairs."""
    pairs = {frozenset((a, b)) for a, b in ontology.subject_objects(OWL.disjointWith)}
    for node in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(ontology, ontology.value(node, OWL.members)))
        pairs.update(frozenset((a, b)) for i, a in enumerate(members) for b in members[i + 1:])
    return pairs
