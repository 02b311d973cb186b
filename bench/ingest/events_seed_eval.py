"""Precision and recall of wbkg.ingest.events and wbkg.ingest.contributions on the five seed articles, against
the curated graphs (docs/ingest/events.md).

Usage: python bench/ingest/events_seed_eval.py [ROOT]   (the full gazetteer of ROOT/graph/entities.ttl)
Events: a curated node typed Visit, Meeting, Summit, Signing, Deployment or Announcement (in the article graph or
the entities graph) is found when an event of the same class has a clause overlapping one of the node's evidence
quotes; an event is correct when it finds some curated node. Contributions: (contributor, mission) of each
wbkg:Contribution node against those found (contributor counts apart: missions with wbkg:contributorCount).
Strict: true events the curators did not model count as wrong.
"""
from __future__ import annotations

import sys
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.gold import load_seeds  # noqa: E402

from wbkg.ingest.contributions import find_contributions  # noqa: E402
from wbkg.ingest.dates import find_dates  # noqa: E402
from wbkg.ingest.events import find_events  # noqa: E402
from wbkg.ingest.gazetteer import Gazetteer  # noqa: E402
from wbkg.ingest.mentions import find_mentions  # noqa: E402
from wbkg.ingest.quantities import find_quantities  # noqa: E402
from wbkg.vocab.namespaces import WBKG  # noqa: E402

CLASSES = (WBKG.Visit, WBKG.Meeting, WBKG.Summit, WBKG.Signing, WBKG.Deployment, WBKG.Announcement)


def spans(text: str, quote: str) -> list[tuple[int, int]]:
    out, at = [], text.find(quote)
    while at >= 0:
        out.append((at, at + len(quote)))
        at = text.find(quote, at + 1)
    return out


def gold_events(seed, entities: Graph) -> list[tuple[str, object, list[tuple[int, int]]]]:
    nodes = {s for s in seed.graph.subjects() if not str(s).startswith(str(WBKG))}
    out = []
    for node in sorted(nodes):
        types = set(seed.graph.objects(node, RDF.type)) | set(entities.objects(node, RDF.type))
        cls = next((c for c in CLASSES if c in types), None)
        if cls is None:
            continue
        quotes = [str(seed.graph.value(ev, WBKG.exact)) for ev in seed.graph.subjects(WBKG.supports, node)]
        out.append((node, cls, [s for q in quotes for s in spans(seed.text, q)]))
    return out


def main(root: Path) -> None:
    entities = Graph().parse(root / "graph" / "entities.ttl")
    gaz = Gazetteer.from_graph(entities)
    e_tp = e_found = e_gold = e_hit = 0
    c_found = c_gold = c_tp = n_found = n_gold = n_tp = 0
    for seed in load_seeds(root):
        text = seed.text
        mentions = find_mentions(text, gaz, published=seed.published.earliest if seed.published else None)
        dates = find_dates(text, seed.published)
        events = find_events(text, mentions, dates, gaz)
        gold = gold_events(seed, entities)
        e_found += len(events)
        e_gold += len(gold)
        hit = set()
        for e in events:
            matched = [node for node, cls, sp in gold if cls == e.event_class
                       and any(b < e.end and e.begin < en for b, en in sp)]
            hit.update(matched)
            e_tp += bool(matched)
            print(f"{'OK' if matched else '--'} {seed.stem[:3]} {e.event_class.fragment:<12} {e.rule:<16} "
                  f"{e.modality:<8} {e.clause[:70]!r}")
        e_hit += len(hit)
        for node, cls, _ in gold:
            if node not in hit:
                print(f"MISS {seed.stem[:3]} {cls.fragment:<12} {str(node).rsplit('/', 1)[-1]}")
        contribs = find_contributions(text, mentions, find_quantities(text), dates, gaz)
        found = {(c.contributor.entity, c.mission.entity) for c in contribs if c.contributor is not None}
        curated = {(seed.graph.value(n, WBKG.contributor), seed.graph.value(n, WBKG.mission))
                   for n in seed.graph.subjects(RDF.type, WBKG.Contribution)}
        c_found += len(found)
        c_gold += len(curated)
        c_tp += len(found & curated)
        for pair in sorted(found ^ curated):
            print(f"{'FP' if pair in found else 'FN'} {seed.stem[:3]} contribution "
                  f"{[str(x).rsplit('/', 1)[-1] for x in pair]}")
        counted = {c.mission.entity for c in contribs if c.kind == "contributor-count"}
        counts = set(seed.graph.subjects(WBKG.contributorCount, None))
        n_found += len(counted)
        n_gold += len(counts)
        n_tp += len(counted & counts)
    print(f"events: found {e_found}, correct {e_tp}, precision {e_tp / max(e_found, 1):.2f}; "
          f"curated {e_gold}, found {e_hit}, recall {e_hit / max(e_gold, 1):.2f}")
    print(f"contributions (contributor, mission): found {c_found}, correct {c_tp}, precision "
          f"{c_tp / max(c_found, 1):.2f}; curated {c_gold}, recall {c_tp / max(c_gold, 1):.2f}")
    print(f"contributor counts: found {n_found}, correct {n_tp}; curated {n_gold}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2])
