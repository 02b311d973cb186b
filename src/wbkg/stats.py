"""Counts that describe the built graph."""
from __future__ import annotations

from collections import Counter

from rdflib.namespace import RDF

from .load import ENTITIES_GRAPH, Loaded
from .namespaces import WBKG


def compute(loaded: Loaded) -> dict:
    dataset = loaded.dataset
    per_graph = {str(g.identifier): len(g) for g in sorted(dataset.graphs(), key=lambda g: str(g.identifier)) if len(g)}
    nm = dataset.namespace_manager
    entities = Counter()
    for s, o in loaded.graph(ENTITIES_GRAPH).subject_objects(RDF.type):
        entities[o.n3(nm)] += 1
    facts = Counter()
    for article in loaded.articles:
        g = loaded.graph(article.graph_iri)
        for cls in (WBKG.Evidence, WBKG.Mention, WBKG.Exemption, WBKG.Statement, WBKG.Stance, WBKG.Tenure,
                    WBKG.Quantity, WBKG.Contribution, WBKG.Signature):
            facts[cls.n3(nm)] += sum(1 for _ in g.subjects(RDF.type, cls))
    fact_triples = 0
    for article in loaded.articles:
        g = loaded.graph(article.graph_iri)
        spans = set(g.subjects(RDF.type, WBKG.Evidence)) | set(g.subjects(RDF.type, WBKG.Mention)) \
            | set(g.subjects(RDF.type, WBKG.Exemption))
        fact_triples += sum(1 for s, _, _ in g if s not in spans)
    return {
        "articles": len(loaded.articles),
        "triples": sum(per_graph.values()),
        "named_graphs": len(per_graph),
        "triples_per_graph": per_graph,
        "entities_per_class": dict(sorted(entities.items())),
        "entities": len(set(loaded.graph(ENTITIES_GRAPH).subjects(RDF.type, None))),
        "fact_triples": fact_triples,
        "article_nodes_per_class": dict(sorted(facts.items())),
    }


def render(stats: dict) -> str:
    lines = [f"articles: {stats['articles']}", f"triples: {stats['triples']} in {stats['named_graphs']} named graphs",
             f"entities: {stats['entities']}; facts (triples in article graphs, outside text spans): "
             f"{stats['fact_triples']}"]
    lines.append("entities per class:")
    lines += [f"  {cls:<32} {n}" for cls, n in stats["entities_per_class"].items()]
    lines.append("in article graphs:")
    lines += [f"  {cls:<32} {n}" for cls, n in stats["article_nodes_per_class"].items()]
    lines.append("triples per named graph:")
    lines += [f"  {g:<48} {n}" for g, n in stats["triples_per_graph"].items()]
    return "\n".join(lines) + "\n"
