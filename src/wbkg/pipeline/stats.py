"""The figures of a build (``wbkg stats``, build/scale/stats.json), counted from the pieces: every graph's
lines are distinct triples."""
from __future__ import annotations

from collections import Counter

from rdflib import Graph
from rdflib.namespace import RDF

from ..corpus import is_draft, unit_stem
from ..vocab.namespaces import GRAPH, bind_prefixes
from .pieces import piece_graphs


def compute(shared: dict, entities, stems, summaries) -> dict:
    """The figures of ``wbkg stats``, counted from the pieces (every graph's lines are distinct triples)."""
    names = piece_graphs()
    per_graph = Counter({names[name]: len(lines) for name, lines in shared.items()})
    per_graph.update({str(GRAPH[s]): summaries[s]["triples"] for s in stems})
    nm = bind_prefixes(Graph()).namespace_manager
    by_class = Counter(o.n3(nm) for o in entities.objects(None, RDF.type))
    reviewed = [s for s in stems if not is_draft(s)]
    drafts = [s for s in stems if is_draft(s)]
    facts = Counter()
    for stem in reviewed:
        facts.update(summaries[stem]["counts"])
    out = {
        "articles": len({unit_stem(s) for s in stems}),
        "triples": sum(per_graph.values()),
        "named_graphs": len(per_graph),
        "triples_per_graph": dict(sorted(per_graph.items())) if len(per_graph) <= 200 else
        {k: v for k, v in sorted(per_graph.items()) if "/graph/" in k and not k.rsplit("/", 1)[1][:1].isdigit()
         and not k.rsplit("/", 1)[1].startswith("s0")},
        "entities_per_class": dict(sorted(by_class.items())),
        "entities": len(set(entities.subjects(RDF.type, None))),
        "fact_triples": sum(summaries[s]["fact_triples"] for s in reviewed),
        "article_nodes_per_class": dict(sorted(facts.items())),
    }
    if drafts:  # figures of reviewed facts; the drafts counted apart
        out["drafts"] = len(drafts)
        out["draft_fact_triples"] = sum(summaries[s]["fact_triples"] for s in drafts)
    return out


def render(stats: dict) -> str:
    lines = [f"articles: {stats['articles']}", f"triples: {stats['triples']} in {stats['named_graphs']} named graphs",
             f"entities: {stats['entities']}; facts (triples in article graphs, outside text spans): "
             f"{stats['fact_triples']}"]
    if stats.get("drafts"):
        lines.append(f"drafts (not reviewed): {stats['drafts']}; their facts: {stats['draft_fact_triples']}")
    lines.append("entities per class:")
    lines += [f"  {cls:<32} {n}" for cls, n in stats["entities_per_class"].items()]
    lines.append("in article graphs:")
    lines += [f"  {cls:<32} {n}" for cls, n in stats["article_nodes_per_class"].items()]
    lines.append("triples per named graph:")
    lines += [f"  {g:<48} {n}" for g, n in stats["triples_per_graph"].items()]
    return "\n".join(lines) + "\n"
