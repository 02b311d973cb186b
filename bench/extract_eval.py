"""Leave-one-article-out evaluation of the ingest extractor blocks on the seed articles (`make eval`).

Usage: .venv/bin/python bench/extract_eval.py [ROOT] [--json PATH]
For each article of ROOT with a reviewed graph (graph/articles/<stem>.ttl; drafts and texts awaiting review in
a grown corpus have no gold and are left out) the gazetteer is built without the entities only that article references
(no other article graph uses them), the blocks of wbkg.ingest run on its text, and what they find is
compared with the curated graph, one matching function per kind (bench/eval/match.py). New entities are
counted only among proposals typed wbkg:Person or an organisation class (states, places, documents and events
are proposed too, but have no gold here).
Prints a Markdown table; writes JSON (default bench/results/extract-eval.json).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import FOAF

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval import gold as G  # noqa: E402
from eval.match import (Counts, match_date, match_mention, match_new_entity, match_quantity,  # noqa: E402
                        match_statement, match_tenure, score)

from wbkg.ingest.dates import find_dates  # noqa: E402
from wbkg.ingest.entities import find_new_entities  # noqa: E402
from wbkg.ingest.gazetteer import Gazetteer  # noqa: E402
from wbkg.ingest.mentions import find_mentions  # noqa: E402
from wbkg.ingest.quantities import find_quantities  # noqa: E402
from wbkg.ingest.statements import find_statements  # noqa: E402
from wbkg.ingest.tenures import find_tenures  # noqa: E402
from wbkg.vocab.namespaces import WBKG  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_JSON = ROOT / "bench" / "results" / "extract-eval.json"

# kind -> (target text, minimum recall, minimum precision); None: no target in the issue
KINDS = {
    "known-entity mentions": ("P>=0.95, R>=0.90", 0.90, 0.95),
    "known-entity mentions (build gold)": ("-", None, None),
    "new people & organisations": ("R>=0.80", 0.80, None),
    "tenures": ("R>=0.80, P>=0.90", 0.80, 0.90),
    "dates": ("R>=0.80, P>=0.90", 0.80, 0.90),
    "quantities": ("R>=0.80, P>=0.90", 0.80, 0.90),
    "statements (direct)": ("R>=0.80, P>=0.90", 0.80, 0.90),
    "statements (reported)": ("-", None, None),
}
MENTION_GOLD = ("required: the build's matching (exact case, word boundaries, longest then leftmost) over the "
                "entities the article graph references plus those its text names by a label no other entity "
                "carries, left-out entities removed; also right: a name inside such a mention whose entity a "
                "fact of graph/entities.ttl defines by it (docs/ingest/README.md). 'build gold': the build's "
                "mentions alone.")


class Context:
    """What every article's evaluation shares: the seeds, the entities, the built mentions."""

    def __init__(self, root: Path, mentions: dict | None = None):
        self.root = root
        self.seeds = G.load_seeds(root)
        self.entities = Graph().parse(root / "graph" / "entities.ttl")
        self.people_orgs = G.organisation_classes(root) | {WBKG.Person, FOAF.Person}
        self.mentions = G.built_mentions(root) if mentions is None else mentions
        self.disagreements: dict[str, list[dict]] = {}  # per article: the mention links gold and linker differ on


def evaluate_article(ctx: Context, seed: G.Seed) -> dict[str, Counts]:
    """Counts per kind for one held-out article."""
    mentions_counts, build_gold = evaluate_mentions(ctx, seed)
    gaz = Gazetteer.from_graph(G.gazetteer_graph(ctx.entities, seed.exclusive))
    published = seed.published.earliest if seed.published else None
    mentions = find_mentions(seed.text, gaz, published=published)
    proposals = find_new_entities(seed.text, gaz, mentions)
    people_orgs = [p for p in proposals if p.cls in ctx.people_orgs]
    statements = find_statements(seed.text)
    gold_st = G.gold_statements(seed)
    return {
        "known-entity mentions": mentions_counts,
        "known-entity mentions (build gold)": build_gold,
        "new people & organisations": score(G.gold_new_entity_records(seed, ctx.entities, ctx.people_orgs,
                                                                      ctx.root), people_orgs, match_new_entity),
        "tenures": score(G.gold_tenure_records(seed, ctx.entities),
                         find_tenures(seed.text, gaz, mentions, proposals, seed.published), match_tenure),
        "dates": score(G.gold_dates(seed), find_dates(seed.text, seed.published), match_date),
        "quantities": score(G.gold_quantities(seed), find_quantities(seed.text), match_quantity),
        "statements (direct)": score([g for g in gold_st if g.direct], [s for s in statements if s.direct],
                                     match_statement),
        "statements (reported)": score([g for g in gold_st if not g.direct],
                                       [s for s in statements if not s.direct], match_statement),
    }


def evaluate_mentions(ctx: Context, seed: G.Seed) -> tuple[Counts, Counts]:
    """Linked mentions against the gold of bench/eval/gold.py (entities in play; acceptable nested names) and
    against the build's mentions alone; the disagreements with the former go to ctx.disagreements."""
    gaz = Gazetteer.from_graph(G.gazetteer_graph(ctx.entities, seed.exclusive))
    built = ctx.mentions.get(seed.stem, set())
    gold = G.gold_mentions(seed, ctx.entities)
    if not {m for m in built if m[2] not in seed.exclusive} <= gold.required:
        raise RuntimeError(f"{seed.stem}: the mention gold lost a mention of the build")
    published = seed.published.earliest if seed.published else None
    found = find_mentions(seed.text, gaz, published=published)
    # unlinked mentions (ambiguous names left for a reviewer) are not links: not counted as found
    linked = [m for m in found if m.linked]
    keys = {(m.begin, m.end, m.entity) for m in linked}
    counts = Counts(curated=len(gold.required), found=len(linked),
                    correct=sum(k in gold.required or k in gold.acceptable for k in keys),
                    recalled=len(gold.required & keys))

    def row(what: str, begin: int, end: int, entity, linker: str) -> dict:
        there = [{"begin": b, "end": e, "entity": str(x), "left out": x in seed.exclusive}
                 for b, e, x in gold.covering if b < end and begin < e and (b, e, x) != (begin, end, entity)]
        return {"article": seed.stem, "what": what, "begin": begin, "end": end, "surface": seed.text[begin:end],
                "entity": str(entity), "linker": linker, "gold there": there}
    ctx.disagreements[seed.stem] = (
        [row("wrong link", m.begin, m.end, m.entity, m.reason) for m in linked
         if (m.begin, m.end, m.entity) not in gold.required | gold.acceptable]
        + [row("missed", b, e, x, next((m.reason for m in found if m.begin == b), "no match"))
           for b, e, x in sorted(gold.required - keys)])
    known = [m for m in built if m[2] not in seed.exclusive]
    return counts, score(known, linked, match_mention)


def evaluate(ctx: Context, stems: list[str] | None = None) -> dict:
    """Leave-one-out over the seeds (or the given stems): totals per kind and the per-article counts."""
    per_article = {s.stem: evaluate_article(ctx, s) for s in ctx.seeds if stems is None or s.stem in stems}
    totals = {kind: Counts() for kind in KINDS}
    for counts in per_article.values():
        totals = {kind: totals[kind].add(counts[kind]) for kind in KINDS}
    return {"totals": totals, "articles": per_article,
            "mention disagreements": [d for stem in per_article for d in ctx.disagreements.get(stem, [])]}


def met(kind: str, c: Counts) -> str:
    _, min_r, min_p = KINDS[kind]
    if min_r is None and min_p is None:
        return "-"
    ok = (min_r is None or (c.recall or 0) >= min_r) and (min_p is None or (c.precision or 0) >= min_p)
    return "yes" if ok else "no"


def fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


def table(totals: dict[str, Counts]) -> str:
    lines = ["| kind | curated | found | correct | precision | recall | target | met? |",
             "|---|---|---|---|---|---|---|---|"]
    for kind, c in totals.items():
        found = str(c.found) if c.extracted else "not extracted yet"
        recall = f"{fmt(c.recall)} ({c.recalled}/{c.curated})"
        lines.append(f"| {kind} | {c.curated} | {found} | {c.correct} | {fmt(c.precision)} | {recall} "
                     f"| {KINDS[kind][0]} | {met(kind, c)} |")
    return "\n".join(lines)


def to_json(result: dict) -> dict:
    return {"method": "leave-one-article-out; see bench/extract_eval.py and bench/eval/match.py",
            "totals": {k: {**c.as_dict(), "target": KINDS[k][0], "met": met(k, c)}
                       for k, c in result["totals"].items()},
            "articles": {stem: {k: c.as_dict() for k, c in counts.items()}
                         for stem, counts in result["articles"].items()},
            "mention gold": MENTION_GOLD,
            "mention disagreements": result.get("mention disagreements", [])}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", nargs="?", type=Path, default=ROOT)
    ap.add_argument("--json", type=Path, default=DEFAULT_JSON)
    args = ap.parse_args(argv)
    result = evaluate(Context(args.root.resolve()))
    print(table(result["totals"]))
    print("\nKnown-entity mention links the gold and the linker differ on:")
    for d in result["mention disagreements"]:
        there = ", ".join(f"{t['begin']}-{t['end']} {t['entity'].rsplit('/', 1)[-1]}"
                          + (" (left out)" if t["left out"] else "") for t in d["gold there"])
        print(f"  {d['article'][:3]} {d['what']:10} {d['begin']}-{d['end']} {d['surface']!r} "
              f"{d['entity'].rsplit('/', 1)[-1]}" + (f"; gold there: {there}" if there else ""))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(to_json(result), indent=2, default=str) + "\n", encoding="utf-8")
    print(f"\nJSON: {args.json}")


if __name__ == "__main__":
    main()
