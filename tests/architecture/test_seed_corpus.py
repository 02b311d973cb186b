"""The tests pin the seed corpus's figures on a copy that keeps only the seed articles (tests/seedcorpus.py): a
checkout grown with `wbkg ingest` (texts, metadata, drafts, reviewed graphs) gives exactly the same copy, so
`make test` stays green after ingesting; and an edited seed text is named, not hidden behind wrong figures."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from seedcorpus import (SEED_STEMS, SeedCorpusChanged, copy_seed_project, grow, seed_metadata_graph,
                        seed_metadata_text)
from wbkg.rdfio import parse_turtle

PARTS = ("ontology", "shapes", "queries", "graph", "corpus")


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def grown(checkout, tmp_path) -> Path:
    """A copy of the whole checkout with a draft article and a reviewed one added beside the seeds."""
    root = tmp_path / "grown"
    for part in PARTS:
        shutil.copytree(checkout.root / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
    grow(root)
    return root


def test_a_grown_checkout_gives_the_same_seed_copy(grown, project, checkout, tmp_path):
    copy = copy_seed_project(grown, tmp_path / "seed").root
    assert sorted((grown / "graph" / "drafts").glob("*.ttl")) and (grown / "corpus" / "zz_reviewed.txt").exists()
    assert files(copy) == files(project.root)  # same files, same bytes (the seed metadata blocks kept as they are)
    assert sorted(p.stem for p in (copy / "corpus").glob("*.txt")) == sorted(SEED_STEMS)
    assert sorted(p.stem for p in (copy / "graph" / "articles").glob("*.ttl")) == sorted(SEED_STEMS)
    assert not (copy / "graph" / "drafts").exists()
    seed_metadata = seed_metadata_graph(parse_turtle(checkout.corpus_metadata_file))
    assert isomorphic(parse_turtle(copy / "corpus" / "articles.ttl"), seed_metadata)
    assert len(parse_turtle(grown / "corpus" / "articles.ttl")) > len(seed_metadata)  # the test grew something


def test_nothing_to_drop_keeps_the_metadata_file_byte_identical(project):
    path = project.corpus_metadata_file
    assert seed_metadata_text(path) == path.read_text(encoding="utf-8")


def test_metadata_not_in_blocks_is_still_filtered_by_triple(project, tmp_path):
    """A non-seed article glued to a seed block, with a blank node of its own: the file is serialised again,
    every triple of the other article (and of its blank node) dropped, every seed triple kept."""
    text = project.corpus_metadata_file.read_text(encoding="utf-8").rstrip("\n")
    glued = text + ("\narticle:zz_glued a wbkg:Article ; wbkg:textFile \"zz_glued.txt\" ;\n"
                    "    schema:author [ schema:name \"Someone\" ] .\n")
    path = tmp_path / "articles.ttl"
    path.write_text(glued, encoding="utf-8")
    kept = Graph().parse(data=seed_metadata_text(path), format="turtle", publicID=path.resolve().as_uri())
    assert isomorphic(kept, parse_turtle(project.corpus_metadata_file))
    assert "zz_glued" not in seed_metadata_text(path) and "Someone" not in seed_metadata_text(path)


def test_an_edited_seed_text_is_named(grown, tmp_path):
    text = grown / "corpus" / f"{SEED_STEMS[2]}.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("Kosovo", "Kosova", 1), encoding="utf-8")
    (grown / "graph" / "articles" / f"{SEED_STEMS[4]}.ttl").unlink()
    with pytest.raises(SeedCorpusChanged) as caught:
        copy_seed_project(grown, tmp_path / "seed")
    message = str(caught.value)
    assert f"{SEED_STEMS[2]}.txt: edited" in message and f"{SEED_STEMS[4]}.ttl: missing" in message
    assert SEED_STEMS[0] not in message
