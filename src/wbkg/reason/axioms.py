"""What the consistency checks read from the ontology: each class's super-classes, and the disjoint pairs."""
from __future__ import annotations

from rdflib import Graph
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from ..vocab.hierarchy import reachable


def superclasses(ontology: Graph, *, equivalence: bool = False):
    """A function from a class to the set of it and all its super-classes (through rdfs:subClassOf, and
    owl:equivalentClass both ways with ``equivalence``)."""
    pairs = list(ontology.subject_objects(RDFS.subClassOf))
    if equivalence:
        for a, b in ontology.subject_objects(OWL.equivalentClass):
            pairs += [(a, b), (b, a)]
    above = reachable(pairs)

    def closure(cls):
        return {cls} | above.get(cls, set())
    return closure


def disjoint_pairs(ontology: Graph) -> set[frozenset]:
    """owl:disjointWith and owl:AllDisjointClasses, as unordered pairs."""
    pairs = {frozenset((a, b)) for a, b in ontology.subject_objects(OWL.disjointWith)}
    for node in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(ontology, ontology.value(node, OWL.members)))
        pairs.update(frozenset((a, b)) for i, a in enumerate(members) for b in members[i + 1:])
    return pairs
