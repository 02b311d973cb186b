"""Writing a synthetic project: ``synthesize`` (a whole new project folder, with ``bench-params.json``: a
value for each stored query parameter, see params.py) and ``add_article`` (one more article in an existing
one, for incremental-build benchmarks)."""
from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

from .article import generate_article, metadata_triples
from .params import Roles, choose_params, write_params
from .terms import ID
from .turtle import turtle
from .world import World

COPIED_PARTS = ("ontology", "shapes", "queries")


def synthesize(target: Path, n_articles: int, seed: int = 0, source_root: Path | None = None,
               progress=None) -> Path:
    """Write a synthetic project with ``n_articles`` articles to ``target`` (created; must be empty or absent).

    ``source_root`` is the real project whose ontology/, shapes/ and queries/ are copied (default: the project
    this package belongs to)."""
    from ..project import locate

    target = Path(target)
    if target.exists() and any(target.iterdir()):
        from ..errors import UsageError
        raise UsageError(f"{target}: not empty; synth writes a new project folder", parameter="-o")
    source = locate(source_root)
    for part in COPIED_PARTS:
        if (source.root / part).is_dir():
            shutil.copytree(source.root / part, target / part, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "corpus").mkdir(parents=True, exist_ok=True)
    (target / "graph" / "articles").mkdir(parents=True, exist_ok=True)
    world = World(random.Random(f"wbkg-world:{seed}"), n_articles)
    metadata, used, roles = [], set(), Roles()
    for index in range(n_articles):
        article = generate_article(world, seed, index, used, roles)
        (target / "corpus" / f"{article.stem}.txt").write_text(article.text, encoding="utf-8")
        (target / "graph" / "articles" / f"{article.stem}.ttl").write_text(article.graph, encoding="utf-8")
        metadata.extend(metadata_triples(article, seed))
        if progress is not None:
            progress(index + 1, n_articles)
    header = f"# Synthetic corpus metadata (wbkg synth --articles {n_articles} --seed {seed})."
    (target / "corpus" / "articles.ttl").write_text(turtle(metadata, header=header), encoding="utf-8")
    entity_header = f"# Synthetic entity descriptions (wbkg synth --seed {seed}): one per real-world entity."
    (target / "graph" / "entities.ttl").write_text(
        turtle(world.entity_triples(world.closure(used)), header=entity_header), encoding="utf-8")
    (target / ".gitignore").write_text("build/\n", encoding="utf-8")
    if (target / "queries").is_dir():
        write_params(target, choose_params(target / "queries", roles))
    return target


def add_article(project_root: Path, seed: int, index: int, world_articles: int) -> str:
    """Add one more synthetic article (number ``index``) to an existing synthetic project; return its stem.
    Used by the benchmark to measure an incremental rebuild."""
    world = World(random.Random(f"wbkg-world:{seed}"), world_articles)
    used: set = set()
    article = generate_article(world, seed, index, used)
    root = Path(project_root)
    entities_path = root / "graph" / "entities.ttl"
    described = set()
    for line in entities_path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^(id:\S+|<[^>]+>) a ", line)
        if match:
            term = match.group(1)
            described.add(ID + term[3:] if term.startswith("id:") else term[1:-1])
    missing = [e for e in world.closure(used) if e.iri not in described]
    if missing:
        lines = turtle(world.entity_triples(missing)).split("\n")
        with open(entities_path, "a", encoding="utf-8") as handle:
            handle.write("\n" + "\n".join(line for line in lines if not line.startswith("@prefix")))
    (root / "corpus" / f"{article.stem}.txt").write_text(article.text, encoding="utf-8")
    (root / "graph" / "articles" / f"{article.stem}.ttl").write_text(article.graph, encoding="utf-8")
    lines = turtle(metadata_triples(article, seed)).split("\n")
    body = "\n".join(line for line in lines if not line.startswith("@prefix"))
    with open(root / "corpus" / "articles.ttl", "a", encoding="utf-8") as handle:
        handle.write("\n" + body)
    return article.stem
