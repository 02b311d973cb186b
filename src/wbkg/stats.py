"""How the counts of a build (scale.scale_stats, kept in build/scale/stats.json) are shown."""
from __future__ import annotations


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
