"""The ontology: one owl:Ontology with metadata; every term documented; the namespace class matches it;
HermiT loads it and finds it consistent."""
from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from wbkg.vocab.namespaces import ONTOLOGY_IRI, WBKG
from wbkg.reason.hermit import hermit

NS = str(WBKG._NS)


@pytest.fixture(scope="module")
def ontology(project) -> Graph:
    return Graph().parse(project.ontology_file)


def own_terms(ontology: Graph) -> set[URIRef]:
    return {s for s in ontology.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)}


def test_one_ontology_with_metadata(ontology):
    ontologies = list(ontology.subjects(RDF.type, OWL.Ontology))
    assert ontologies == [ONTOLOGY_IRI]
    for prop in (OWL.versionIRI, OWL.versionInfo, DCTERMS.title, DCTERMS.description, DCTERMS.license,
                 DCTERMS.creator):
        assert ontology.value(ONTOLOGY_IRI, prop) is not None, f"ontology lacks {prop}"


def test_namespace_class_matches_ontology(ontology):
    declared = {str(t)[len(NS):] for t in own_terms(ontology)}
    in_python = set(WBKG.__annotations__)
    assert declared - in_python == set(), "terms in the ontology but not in wbkg.vocab.namespaces.WBKG"
    assert in_python - declared == set(), "terms in wbkg.vocab.namespaces.WBKG but not in the ontology"


def test_misspelt_term_is_an_error():
    with pytest.raises(AttributeError):
        WBKG.Persn  # noqa: B018


def test_every_term_has_label_definition_and_is_defined_by(ontology):
    missing = []
    for term in sorted(own_terms(ontology)):
        has_label = ontology.value(term, RDFS.label) is not None or ontology.value(term, SKOS.prefLabel) is not None
        if not has_label:
            missing.append(f"{term} rdfs:label")
        if ontology.value(term, SKOS.definition) is None:
            missing.append(f"{term} skos:definition")
        if ontology.value(term, RDFS.isDefinedBy) != ONTOLOGY_IRI:
            missing.append(f"{term} rdfs:isDefinedBy")
    assert missing == []


def test_labels_are_english_tagged(ontology):
    untagged = [t for t in own_terms(ontology) for label in ontology.objects(t, RDFS.label) if label.language != "en"]
    assert untagged == []


def test_key_classes_are_disjoint(ontology):
    from wbkg.reason.axioms import disjoint_pairs
    pairs = disjoint_pairs(ontology)
    for a, b in ((WBKG.Person, WBKG.State), (WBKG.Person, WBKG.Organisation), (WBKG.State, WBKG.Organisation),
                 (WBKG.Event, WBKG.Agreement), (WBKG.Mention, WBKG.Evidence)):
        assert frozenset((a, b)) in pairs, f"{a} and {b} should be disjoint"


def test_aligned_to_standards(ontology):
    supers = {o for _, o in ontology.subject_objects(RDFS.subClassOf)} | \
        {o for _, o in ontology.subject_objects(RDFS.subPropertyOf)}
    namespaces = {"http://www.w3.org/ns/org#", "http://www.w3.org/ns/prov#", "https://schema.org/",
                  "http://semanticweb.cs.vu.nl/2009/11/sem/", "http://www.w3.org/2006/time#",
                  "http://www.w3.org/2004/02/skos/core#"}
    used = {ns for ns in namespaces if any(str(s).startswith(ns) for s in supers)}
    assert used == namespaces


def test_hermit_finds_the_ontology_consistent(ontology):
    report = hermit(ontology)
    assert report.consistent, report.explanation
