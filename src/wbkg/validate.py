"""SHACL validation of a loaded project: the data as one merged graph (ontology included, so that sh:class
follows rdfs:subClassOf without RDFS inference). The engine and the shapes: wbkg.shacl.engine."""
from __future__ import annotations

from rdflib import Graph

from .load import Loaded
from .namespaces import bind_prefixes
from .shacl.engine import ShaclReport, load_shapes, validate_graph


def data_graph(loaded: Loaded, with_ontology: bool = True) -> Graph:
    """The graph SHACL sees: every content graph merged, plus the ontology's class hierarchy."""
    merged = bind_prefixes(Graph())
    iris = loaded.content_graph_iris() + ([loaded.ontology.identifier] if with_ontology else [])
    for iri in iris:
        for triple in loaded.graph(iri):
            merged.add(triple)
    return merged


def validate(loaded: Loaded) -> ShaclReport:
    return validate_graph(data_graph(loaded), load_shapes(loaded.project.shapes_dir))
