"""The OWL RL consistency rules that matter for this ontology, as SPARQL over a whole store: disjoint classes
(cax-dw, with types from rdfs:subClassOf) and functional properties with two literal values (prp-fp). Linear
in the data, where HermiT's cost is not."""
from __future__ import annotations

from collections import defaultdict

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from .axioms import disjoint_pairs, superclasses


def owl_rl_clashes(store, ontology: Graph, individuals: list[str] | None = None) -> list[str]:
    """Disjoint classes (asserted types, via rdfs:subClassOf) and functional properties with two literal
    values, over the whole store (or the nodes ``individuals``): the OWL RL rules cax-dw and prp-fp (for
    literals), linear in the data."""
    closure = superclasses(ontology)
    pairs = disjoint_pairs(ontology)
    disjoint = defaultdict(set)
    for pair in pairs:
        a, b = sorted(pair, key=str)
        disjoint[a].add(b)
    lines = []
    types = defaultdict(set)
    values = ""
    if individuals is not None:
        values = "VALUES ?s { " + " ".join(f"<{n}>" for n in individuals) + " } "
    for row in store.raw_query("SELECT ?s ?c WHERE { " + values + "?s a ?c }"):
        types[row[0].value].add(row[1].value)
    # individuals share a handful of type combinations: close each combination once
    verdicts: dict[frozenset, list[tuple[str, str]]] = {}
    for individual, asserted in sorted(types.items()):
        combination = frozenset(asserted)
        if combination not in verdicts:
            classes = set()
            for c in combination:
                classes |= closure(URIRef(c))
            verdicts[combination] = sorted((str(a), str(b)) for a in classes for b in disjoint.get(a, ())
                                           if b in classes)
        lines.extend(f"<{individual}> is both <{a}> and <{b}>, which are disjoint"
                     for a, b in verdicts[combination])
    for prop in sorted(ontology.subjects(RDF.type, OWL.FunctionalProperty), key=str):
        query = (f"SELECT ?s (COUNT(DISTINCT ?o) AS ?n) WHERE {{ {values}?s <{prop}> ?o FILTER(isLiteral(?o)) }} "
                 f"GROUP BY ?s HAVING (COUNT(DISTINCT ?o) > 1)")
        for row in store.raw_query(query):
            lines.append(f"<{row[0].value}> has {row[1].value} values for functional <{prop}>")
    return lines
