"""Leave-one-article-out evaluation of ingest on the seed articles (`make eval`): the draft, and the blocks.

Usage: .venv/bin/python bench/extract_eval.py [ROOT] [--json PATH]
For each article of ROOT with a reviewed graph (graph/articles/<stem>.ttl; drafts and texts awaiting review in
a grown corpus have no gold and are left out) the entities only that article references (no other article
graph uses them) are left out of the entities graph, the gazetteer and the IRIs taken; then
- the DRAFT (what an analyst gets): RuleExtractor and write_draft, every writer and gate, run on its text, and
  the draft's nodes compared with the curated graph per kind (bench/eval/draft.py reads them);
- the BLOCKS (to locate a regression): find_new_entities, find_tenures, find_dates... run on its text and
  what they find compared the same way (bench/eval/match.py). New entities are counted only among proposals
  typed wbkg:Person or an organisation class (other classes are proposed too, but have no gold here).
Known-entity mentions are the linker's at both levels: a draft writes no mentions (the build computes them).
Prints two Markdown tables; writes JSON (default bench/results/extract-eval.json).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import FOAF, RDFS

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval import draft as D  # noqa: E402
from eval import gold as G  # noqa: E402
from eval import gold_facts as GF  # noqa: E402
from eval import match as M  # noqa: E402
from eval.match import (Counts, match_date, match_mention, match_new_entity, match_quantity,  # noqa: E402
                        match_statement, match_tenure, score)

from wbkg.ingest.dates import find_dates  # noqa: E402
from wbkg.ingest.entities import find_new_entities  # noqa: E402
from wbkg.ingest.gazetteer import Gazetteer  # noqa: E402
from wbkg.ingest.mentions import find_mentions  # noqa: E402
from wbkg.ingest.quantities import find_quantities  # noqa: E402
from wbkg.ingest.run import class_tree  # noqa: E402
from wbkg.ingest.statements import find_statements  # noqa: E402
from wbkg.ingest.tenures import find_tenures  # noqa: E402
from wbkg.project import Project  # noqa: E402
from wbkg.vocab.namespaces import WBKG  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_JSON = ROOT / "bench" / "results" / "extract-eval.json"

# kind -> (target text, minimum recall, minimum precision); None: no target in the issue
MENTIONS = ("P>=0.95, R>=0.90", 0.90, 0.95)
FACTS = ("R>=0.80, P>=0.90", 0.80, 0.90)
NONE = ("-", None, None)
KINDS = {  # the draft
    "known-entity mentions (linker)": MENTIONS,
    "new people & organisations": ("R>=0.80", 0.80, None),
    "tenures": FACTS,
    "dates": FACTS,
    "dates (article's date, by default)": NONE,
    "quantities": FACTS,
    "statements (direct)": FACTS,
    "statements (reported)": NONE,
    "events": NONE,
    "contributions": NONE,
}
BLOCK_KINDS = {  # the blocks
    "known-entity mentions": MENTIONS,
    "known-entity mentions (build gold)": NONE,
    "new people & organisations": ("R>=0.80", 0.80, None),
    "tenures": FACTS,
    "dates": FACTS,
    "quantities": FACTS,
    "statements (direct)": FACTS,
    "statements (reported)": NONE,
}
MENTION_GOLD = ("required: the build's matching (exact case, word boundaries, longest then leftmost) over the "
                "entities the article graph references plus those its text names by a label no other entity "
                "carries, left-out entities removed; also right: a name inside such a mention whose entity a "
                "fact of graph/entities.ttl defines by it (docs/ingest/README.md). 'build gold': the build's "
                "mentions alone.")


class Context:
    """What every article's evaluation shares: the seeds, the entities, the ontology's classes, the built
    mentions."""

    def __init__(self, root: Path, mentions: dict | None = None):
        self.root = root
        self.seeds = G.load_seeds(root)
        self.entities = Graph().parse(root / "graph" / "entities.ttl")
        self.ontology = Graph().parse(root / "ontology" / "wbkg.ttl")
        self.classes = class_tree(Project(root))
        self.people_orgs = G.organisation_classes(root) | {WBKG.Person, FOAF.Person}
        # events: wbkg:Event and below, less statements (a row of their own) and missions (organised
        # operations, drafted only as the mission of a contribution)
        statements = {c for c in self.classes[WBKG.Event] if (c, None, None) in self.ontology
                      and WBKG.Statement in set(self.ontology.transitive_objects(c, RDFS.subClassOf))}
        self.event_classes = self.classes[WBKG.Event] - self.classes[WBKG.Mission] - statements
        self.mentions = G.built_mentions(root) if mentions is None else mentions
        self.disagreements: dict[str, list[dict]] = {}  # per article: the mention links gold and linker differ on
        self.speakers: dict[str, tuple[int, int]] = {}  # per article: (right speaker, matched statements)
        self.events: dict[str, dict[str, list[int]]] = {}  # per article, per class: curated, recalled, found, correct


def evaluate_draft(ctx: Context, seed: G.Seed, mentions: Counts) -> dict[str, Counts]:
    """Counts per kind of the draft written for one held-out article (bench/eval/draft.py)."""
    others = [s.graph for s in ctx.seeds if s.stem != seed.stem]
    d = D.draft_article(seed, ctx.entities, others, ctx.classes, ctx.root)
    gold_st, found_st = G.gold_statements(seed), D.statements(d)
    dates = D.dates(d)
    events = D.events(d, ctx.event_classes)
    gold_events = GF.gold_events(seed, ctx.event_classes, ctx.ontology)
    ctx.speakers[seed.stem] = _speakers(ctx, gold_st, found_st)
    ctx.events[seed.stem] = _by_class(gold_events, events)
    return {
        "known-entity mentions (linker)": mentions,
        "new people & organisations": score(G.gold_new_entity_records(seed, ctx.entities, ctx.people_orgs,
                                                                      ctx.root),
                                            D.proposed_entities(d, ctx.people_orgs), match_new_entity),
        "tenures": score(G.gold_tenure_records(seed, ctx.entities), D.tenures(d), match_tenure),
        "dates": score(G.gold_dates(seed), [x for x in dates if x.stated], M.match_draft_date),
        "dates (article's date, by default)": Counts(
            found=sum(not x.stated for x in dates),
            correct=sum(any(M.match_draft_date_default(g, x) for g in GF.gold_date_values(seed))
                        for x in dates if not x.stated)),
        "quantities": score(G.gold_quantities(seed), D.quantities(d), M.match_draft_quantity),
        "statements (direct)": score([g for g in gold_st if g.direct], [s for s in found_st if s.direct],
                                     M.match_draft_statement),
        "statements (reported)": score([g for g in gold_st if not g.direct], [s for s in found_st if not s.direct],
                                       M.match_draft_statement),
        "events": score(gold_events, events, M.match_draft_event),
        "contributions": score(GF.gold_contributions(seed, ctx.entities), D.contributions(d),
                               M.match_draft_contribution),
    }


def _speakers(ctx: Context, gold: list, found: list) -> tuple[int, int]:
    """(statements with the curated speaker, statements matched): among drafted statements that match a
    curated one, those whose speaker is a matching statement's speaker (known by IRI, proposed by label)."""
    right = matched = 0
    for f in found:
        golds = [g for g in gold if M.match_draft_statement(g, f)]
        if golds:
            matched += 1
            right += any(M.same_entity(f.speaker, f.speaker_labels, g.speaker,
                                       GF.speaker_labels(ctx.entities, g.speaker)) for g in golds)
    return right, matched


def _by_class(gold: list, found: list) -> dict[str, list[int]]:
    """Per event class: [curated, recalled, found, correct] (a curated event by its class, a drafted one by its)."""
    out: dict[str, list[int]] = {}
    for g in gold:
        row = out.setdefault(str(g.cls).rsplit("#", 1)[-1], [0, 0, 0, 0])
        row[0] += 1
        row[1] += any(M.match_draft_event(g, f) for f in found)
    for f in found:
        row = out.setdefault(str(f.cls).rsplit("#", 1)[-1], [0, 0, 0, 0])
        row[2] += 1
        row[3] += any(M.match_draft_event(g, f) for g in gold)
    return out


def evaluate_blocks(ctx: Context, seed: G.Seed) -> dict[str, Counts]:
    """Counts per kind of what the blocks find in one held-out article."""
    mentions_counts, build_gold = evaluate_mentions(ctx, seed)
    gaz = Gazetteer.from_graph(G.gazetteer_graph(ctx.entities, seed.exclusive), G.rule_forms(
        [s.graph for s in ctx.seeds if s.stem != seed.stem]))
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
    gaz = Gazetteer.from_graph(G.gazetteer_graph(ctx.entities, seed.exclusive), G.rule_forms(
        [s.graph for s in ctx.seeds if s.stem != seed.stem]))
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
    """Leave-one-out over the seeds (or the given stems): per level (the draft; the blocks under "blocks"),
    totals per kind and the per-article counts."""
    seeds = [s for s in ctx.seeds if stems is None or s.stem in stems]
    blocks = {s.stem: evaluate_blocks(ctx, s) for s in seeds}
    drafts = {s.stem: evaluate_draft(ctx, s, blocks[s.stem]["known-entity mentions"]) for s in seeds}
    events: dict[str, list[int]] = {}
    for per_class in ctx.events.values():
        for cls, row in per_class.items():
            events[cls] = [a + b for a, b in zip(events.get(cls, [0, 0, 0, 0]), row)]
    return {"totals": _totals(drafts, KINDS), "articles": drafts,
            "blocks": {"totals": _totals(blocks, BLOCK_KINDS), "articles": blocks},
            "speakers": [sum(ctx.speakers[s][i] for s in drafts) for i in (0, 1)],
            "events by class": dict(sorted(events.items())),
            "mention disagreements": [d for stem in drafts for d in ctx.disagreements.get(stem, [])]}


def _totals(per_article: dict[str, dict[str, Counts]], kinds: dict) -> dict[str, Counts]:
    totals = {kind: Counts() for kind in kinds}
    for counts in per_article.values():
        totals = {kind: totals[kind].add(counts[kind]) for kind in kinds}
    return totals


def met(kind: str, c: Counts, kinds: dict = KINDS) -> str:
    _, min_r, min_p = kinds[kind]
    if min_r is None and min_p is None:
        return "-"
    ok = (min_r is None or (c.recall or 0) >= min_r) and (min_p is None or (c.precision or 0) >= min_p)
    return "yes" if ok else "no"


def fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


def table(totals: dict[str, Counts], kinds: dict = KINDS) -> str:
    lines = ["| kind | curated | found | correct | precision | recall | target | met? |",
             "|---|---|---|---|---|---|---|---|"]
    for kind, c in totals.items():
        recall = f"{fmt(c.recall)} ({c.recalled}/{c.curated})"
        lines.append(f"| {kind} | {c.curated} | {c.found} | {c.correct} | {fmt(c.precision)} | {recall} "
                     f"| {kinds[kind][0]} | {met(kind, c, kinds)} |")
    return "\n".join(lines)


def events_table(by_class: dict[str, list[int]]) -> str:
    lines = ["| event class | curated | recalled | drafted | correct |", "|---|---|---|---|---|"]
    lines += [f"| {cls} | {c} | {r} | {f} | {k} |" for cls, (c, r, f, k) in by_class.items()]
    return "\n".join(lines)


def _level(totals: dict[str, Counts], per_article: dict, kinds: dict) -> dict:
    return {"totals": {k: {**c.as_dict(), "target": kinds[k][0], "met": met(k, c, kinds)} for k, c in totals.items()},
            "articles": {stem: {k: c.as_dict() for k, c in counts.items()} for stem, counts in per_article.items()}}


def to_json(result: dict) -> dict:
    right, matched = result["speakers"]
    return {"method": "leave-one-article-out; the draft (bench/eval/draft.py) and the blocks; see "
                      "bench/extract_eval.py, bench/eval/match.py and docs/ingest/README.md",
            "draft": {**_level(result["totals"], result["articles"], KINDS),
                      "statement speakers": {"right": right, "matched statements": matched},
                      "events by class": {c: dict(zip(("curated", "recalled", "drafted", "correct"), row))
                                          for c, row in result["events by class"].items()}},
            "blocks": _level(result["blocks"]["totals"], result["blocks"]["articles"], BLOCK_KINDS),
            "mention gold": MENTION_GOLD,
            "mention disagreements": result.get("mention disagreements", [])}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", nargs="?", type=Path, default=ROOT)
    ap.add_argument("--json", type=Path, default=DEFAULT_JSON)
    args = ap.parse_args(argv)
    result = evaluate(Context(args.root.resolve()))
    right, matched = result["speakers"]
    print("The draft (what `wbkg ingest` writes):\n")
    print(table(result["totals"]))
    print(f"\nStatement speakers: {right} of the {matched} drafted statements that match a curated one have its "
          "speaker.\n\nEvents by class (a drafted event counts under its own class):\n")
    print(events_table(result["events by class"]))
    print("\nThe blocks (what the extractor finds, before the writers and gates):\n")
    print(table(result["blocks"]["totals"], BLOCK_KINDS))
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
