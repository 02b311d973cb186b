"""The schema.org view: schema.org types and properties entailed by the ontology's alignments.

A JSON-LD consumer that knows schema.org but not wbkg reads names, dates and places from these triples.
They are computed from rdfs:subClassOf / rdfs:subPropertyOf into schema.org terms (a linear pass, not a
full RDFS closure) and kept in their own named graph, graph:schema-view.
"""
from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from .hierarchy import reachable
from .namespaces import SCHEMA

EXTRA_PROPERTIES = {SKOS.prefLabel: {SCHEMA.name}, SKOS.altLabel: {SCHEMA.alternateName}}


def _closure(ontology: Graph, relation: URIRef) -> dict[URIRef, set[URIRef]]:
    """The schema.org terms above each term."""
    closed = {term: {t for t in above if str(t).startswith(str(SCHEMA))}
              for term, above in reachable(ontology.subject_objects(relation)).items()}
    return {k: v for k, v in closed.items() if v}


class SchemaView:
    def __init__(self, ontology: Graph):
        self.classes = _closure(ontology, RDFS.subClassOf)
        self.properties = _closure(ontology, RDFS.subPropertyOf)
        for prop, targets in EXTRA_PROPERTIES.items():
            self.properties.setdefault(prop, set()).update(targets)

    def triples(self, graph: Graph):
        for s, p, o in graph:
            if p == RDF.type:
                for cls in self.classes.get(o, ()):
                    yield (s, RDF.type, cls)
            else:
                for sup in self.properties.get(p, ()):
                    yield (s, sup, o)
