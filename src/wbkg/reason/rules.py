"""The OWL RL closure the stored queries use with ``--inferred``, materialised with SPARQL update rules into
graph:inferred of a store. HermiT remains the judge of consistency; this closure only widens what queries
see."""
from __future__ import annotations

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF

from ..vocab.hierarchy import reachable
from ..vocab.namespaces import INFERRED_GRAPH


def materialise_rules(store, ontology: Graph) -> int:
    """The OWL RL closure the stored queries use, with SPARQL update rules on the store, into graph:inferred:
    rdfs:subPropertyOf (prp-spo1), owl:inverseOf (prp-inv), two-step property chains (prp-spo2),
    owl:TransitiveProperty (prp-trp), owl:SymmetricProperty (prp-symp), rdfs:domain / rdfs:range (prp-dom,
    prp-rng) and rdfs:subClassOf (cax-sco). The ontology's hierarchies are closed in Python first, so each
    rule maps a property straight to all its super-properties (a class to all its super-classes): two rounds
    (properties, then types) reach the fixpoint for this ontology, each one pass over the triples with the
    properties concerned, so the cost is linear in the data (transitive chains excepted). HermiT remains the
    judge of consistency; this closure only widens what queries see."""
    from rdflib.collection import Collection
    from rdflib.namespace import OWL, RDFS
    import pyoxigraph as ox

    def closure(pairs):
        return {term: above - {term} for term, above in reachable(pairs).items()}
    supers = closure(ontology.subject_objects(RDFS.subPropertyOf))
    classes = closure(ontology.subject_objects(RDFS.subClassOf))
    target = f"<{INFERRED_GRAPH}>"

    def values(rows):
        return " ".join("(" + " ".join(f"<{t}>" for t in row) + ")" for row in sorted(rows))
    property_rounds = []
    pairs = {(sub, sup) for sub, sups in supers.items() for sup in sups}
    for a, b in ontology.subject_objects(OWL.inverseOf):
        if isinstance(a, URIRef) and isinstance(b, URIRef):
            for x, y in ((a, b), (b, a)):
                for yy in {y} | supers.get(y, set()):
                    property_rounds.append(
                        f"INSERT {{ GRAPH {target} {{ ?o <{yy}> ?s }} }} WHERE {{ ?s <{x}> ?o "
                        f"FILTER NOT EXISTS {{ ?o <{yy}> ?s }} }}")
    if pairs:
        property_rounds.insert(0, f"INSERT {{ GRAPH {target} {{ ?s ?sup ?o }} }} WHERE {{ VALUES (?sub ?sup) "
                                  f"{{ {values(pairs)} }} ?s ?sub ?o FILTER NOT EXISTS {{ ?s ?sup ?o }} }}")
    for prop, head in ontology.subject_objects(OWL.propertyChainAxiom):
        steps = []
        for step in Collection(ontology, head):
            inverse = ontology.value(step, OWL.inverseOf) if isinstance(step, BNode) else None
            steps.append(f"^<{inverse}>" if inverse is not None else f"<{step}>")
        if len(steps) == 2:
            for p in {prop} | supers.get(prop, set()):
                property_rounds.append(
                    f"INSERT {{ GRAPH {target} {{ ?s <{p}> ?o }} }} WHERE {{ ?s {steps[0]}/{steps[1]} ?o "
                    f"FILTER NOT EXISTS {{ ?s <{p}> ?o }} }}")
    for prop in ontology.subjects(RDF.type, OWL.TransitiveProperty):
        property_rounds.append(
            f"INSERT {{ GRAPH {target} {{ ?s <{prop}> ?o }} }} WHERE {{ ?s <{prop}>/<{prop}>+ ?o "
            f"FILTER NOT EXISTS {{ ?s <{prop}> ?o }} }}")
    for prop in ontology.subjects(RDF.type, OWL.SymmetricProperty):
        property_rounds.append(f"INSERT {{ GRAPH {target} {{ ?o <{prop}> ?s }} }} WHERE {{ ?s <{prop}> ?o "
                               f"FILTER NOT EXISTS {{ ?o <{prop}> ?s }} }}")
    # types: from domains and ranges (of a property or any sub-property), then every super-class
    typing = set()
    for relation, var in ((RDFS.domain, "?s"), (RDFS.range, "?o")):
        for prop, cls in ontology.subject_objects(relation):
            if isinstance(prop, URIRef) and isinstance(cls, URIRef):
                subs = {prop} | {sub for sub, sups in supers.items() if prop in sups}
                for sub in subs:
                    for c in {cls} | classes.get(cls, set()):
                        typing.add((var, sub, c))
    type_rounds = []
    for var in ("?s", "?o"):
        rows = {(p, c) for v, p, c in typing if v == var}
        if rows:
            type_rounds.append(
                f"INSERT {{ GRAPH {target} {{ {var} a ?c }} }} WHERE {{ VALUES (?p ?c) {{ {values(rows)} }} "
                f"{{ ?s ?p ?o }} UNION {{ GRAPH {target} {{ ?s ?p ?o }} }} FILTER(!isLiteral({var})) "
                f"FILTER NOT EXISTS {{ {var} a ?c }} }}")
    sub_sup = {(sub, sup) for sub, sups in classes.items() for sup in sups}
    if sub_sup:
        type_rounds.append(
            f"INSERT {{ GRAPH {target} {{ ?x a ?sup }} }} WHERE {{ VALUES (?sub ?sup) {{ {values(sub_sup)} }} "
            f"?x a ?sub FILTER NOT EXISTS {{ ?x a ?sup }} }}")
    s = store.store
    graph = ox.NamedNode(str(INFERRED_GRAPH))
    if s.contains_named_graph(graph):
        s.remove_graph(graph)
    for rule in property_rounds + type_rounds:
        s.update(rule)
    # inferred triples can repeat in graph:inferred only once (a graph is a set), and never repeat a stored one
    return sum(1 for _ in s.quads_for_pattern(None, None, None, graph))
