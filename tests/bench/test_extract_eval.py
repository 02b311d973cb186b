"""A smoke run of the leave-one-out evaluation (bench/extract_eval.py, `make eval`) on ONE seed article of the
seed corpus (the leave-one-out gazetteer depends on the other articles, so never on the user's grown corpus):
the table has every kind and sane numbers. The full run is `make eval` (not part of the test suite)."""
from __future__ import annotations

import pytest

import json

pytestmark = pytest.mark.slow  # not in `make test-fast`

STEM = "000_85f3084a00737124"


def test_one_article_gives_every_kind_with_sane_numbers(bench_script, project):
    ev = bench_script("extract_eval.py")
    result = ev.evaluate(ev.Context(project.root), stems=[STEM])
    assert list(result["articles"]) == [STEM] and list(result["blocks"]["articles"]) == [STEM]
    for totals, kinds in ((result["totals"], ev.KINDS), (result["blocks"]["totals"], ev.BLOCK_KINDS)):
        assert set(totals) == set(kinds)
        for kind, c in totals.items():
            assert 0 <= c.correct <= c.found and 0 <= c.recalled <= c.curated, kind
            for x in (c.precision, c.recall):
                assert x is None or 0 <= x <= 1, kind
    draft, blocks = result["totals"], result["blocks"]["totals"]
    assert draft["known-entity mentions (linker)"] == blocks["known-entity mentions"]  # the draft writes none
    assert draft["known-entity mentions (linker)"].recall > 0.5
    for kind in ("new people & organisations", "tenures", "quantities", "statements (direct)", "events",
                 "contributions"):
        assert draft[kind].found and draft[kind].curated and draft[kind].correct, kind
    for kind in ("new people & organisations", "tenures", "quantities"):
        assert draft[kind].recall >= 0.5 and draft[kind].found <= blocks[kind].found, kind  # the draft adds none
    assert draft["dates"].found and draft["dates (article's date, by default)"].found
    right, matched = result["speakers"]
    assert 0 < right <= matched
    assert sum(row[0] for row in result["events by class"].values()) == draft["events"].curated
    for totals, kinds in ((draft, ev.KINDS), (blocks, ev.BLOCK_KINDS)):
        table = ev.table(totals, kinds)
        assert table.count("\n") == len(kinds) + 1
        for kind in kinds:
            assert f"| {kind} |" in table
    out = ev.to_json(result)
    assert set(out["draft"]["totals"]) == set(ev.KINDS) and set(out["blocks"]["totals"]) == set(ev.BLOCK_KINDS)
    json.dumps(out, default=str)  # serialisable


def test_the_left_out_entities_are_not_known_to_the_draft(bench_script, project):
    """The draft is written in the leave-one-out world: its entities graph and taken IRIs lack the entities
    only the held-out article references, so a person of that article is proposed, not linked."""
    ev = bench_script("extract_eval.py")
    from eval import draft as D
    ctx = ev.Context(project.root, mentions={})
    seed = next(s for s in ctx.seeds if s.stem == STEM)
    d = D.draft_article(seed, ctx.entities, [s.graph for s in ctx.seeds if s.stem != STEM], ctx.classes,
                        project.root)
    assert not any(d.known(e) for e in seed.exclusive)
    proposed = {p.node for p in D.proposed_entities(d, ctx.people_orgs)}
    assert proposed and not any(d.known(p) for p in proposed)
    # nothing of the left-out world blocks their IRIs: a proposal mints the curated slug, not "-2"
    assert proposed & seed.exclusive


def test_the_held_out_article_names_no_left_out_entity_in_its_gazetteer(bench_script, project):
    ev = bench_script("extract_eval.py")
    from eval import gold as G
    from rdflib import Graph
    entities = Graph().parse(project.entities_file)
    seed = next(s for s in G.load_seeds(project.root) if s.stem == STEM)
    assert seed.exclusive and seed.published is not None
    left = G.gazetteer_graph(entities, seed.exclusive)
    assert not set(left.subjects()) & seed.exclusive
    assert ev.KINDS  # module loaded alongside


def test_a_grown_corpus_is_scored_on_its_reviewed_articles_only(bench_script, project, tmp_path):
    """`make eval` on a corpus grown by `wbkg ingest`: a draft (even one that would fail the build) and its text
    have no gold, so neither the seeds nor the build copy for the mentions include them."""
    import shutil
    from seedcorpus import SEED_STEMS, grow
    bench_script("extract_eval.py")
    from eval import gold as G
    from rdflib import Graph
    root = tmp_path / "grown"
    shutil.copytree(project.root, root)
    grow(root)
    (root / "graph" / "drafts" / "zz_grown.ttl").write_text("not turtle", encoding="utf-8")
    assert G.curated_stems(root) == sorted([*SEED_STEMS, "zz_reviewed"])
    assert [s.stem for s in G.load_seeds(root)][-1] == "zz_reviewed"
    copy = tmp_path / "copy"
    copy.mkdir()
    G.copy_curated(root, copy)
    assert not (copy / "graph" / "drafts").exists() and not (copy / "corpus" / "zz_grown.txt").exists()
    meta = Graph().parse(copy / "corpus" / "articles.ttl")
    assert "zz_grown" not in meta.serialize(format="nt") and "zz_reviewed" in meta.serialize(format="nt")
