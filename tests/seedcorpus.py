"""The seed corpus: the five articles whose figures the tests pin (README examples, golden query results, eval
counts), and a copy of a project that keeps only them.

A user grows their clone with `wbkg ingest`; the tests must keep passing there, so they never read the checkout's
corpus or graph: they read a copy made by ``copy_seed_project``. Its digests say clearly when a seed text itself
was edited (then the pinned figures are rightly wrong).
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.compare import isomorphic

from wbkg.project import Project
from wbkg.rdfio import parse_turtle
from wbkg.vocab.namespaces import ARTICLE

CHECKOUT = Path(__file__).resolve().parents[1]

#: stem -> SHA-256 of corpus/<stem>.txt, as published in the seeds folder of the brief
SEED_SHA256 = {
    "000_85f3084a00737124": "1e52dba5bd5dd05af15eae5bc799143777e1cb15c89b039cfce4b1c912323c75",
    "001_634df396d22a9eaf": "1d5d74f3beda872ce230fcdc25a9300c53c742398165cd9df1cc90532e6c15a9",
    "002_63e481d392bb086d": "4712e2ecea0deb2205adaad0ffaa3429dcc3ef9c53621a8bd76acf304aa472f4",
    "003_beee9a17c3567628": "bae9d42bd9a4fce524530d610ac9872c46054d174412e0fdd60ffce7ca1a3d02",
    "004_14e81d64b1671461": "7e1661a245c32abf6cc1c5acaae63b04da987101eec92c89cef8e23d72921b95",
}
SEED_STEMS = tuple(SEED_SHA256)

#: copied whole: what ingest never grows per article (entities.ttl is copied too, see copy_seed_project)
WHOLE_PARTS = ("ontology", "shapes", "queries")


class SeedCorpusChanged(AssertionError):
    """A seed text or curated graph is missing, or a seed text is not the published one."""


def seed_text_problems(root: Path) -> list[str]:
    """What is wrong with the seed files under ``root`` (empty when all five are there and unedited)."""
    problems = []
    for stem, digest in SEED_SHA256.items():
        text, graph = root / "corpus" / f"{stem}.txt", root / "graph" / "articles" / f"{stem}.ttl"
        if not text.is_file():
            problems.append(f"{text}: missing")
        elif hashlib.sha256(text.read_bytes()).hexdigest() != digest:
            problems.append(f"{text}: edited (SHA-256 is not the seed's {digest[:12]}...)")
        if not graph.is_file():
            problems.append(f"{graph}: missing")
    return problems


def article_stem(node) -> str | None:
    """The article a node of the metadata belongs to (``article:<stem>`` or ``article:<stem>#...``)."""
    if isinstance(node, URIRef) and str(node).startswith(str(ARTICLE)):
        return str(node)[len(str(ARTICLE)):].split("#", 1)[0]
    return None


def seed_metadata_graph(metadata: Graph) -> Graph:
    """``metadata`` without the triples about non-seed articles, nor about blank nodes only they reach."""
    dropped = {s for s in metadata.subjects() if article_stem(s) not in (None, *SEED_STEMS)}
    kept_subjects = set(metadata.subjects()) - dropped
    frontier = [o for s in dropped for o in metadata.objects(s) if isinstance(o, BNode)]
    while frontier:
        node = frontier.pop()
        if node in dropped or any(s in kept_subjects - {node} and not isinstance(s, BNode)
                                  for s in metadata.subjects(None, node)):
            continue
        dropped.add(node)
        frontier.extend(o for o in metadata.objects(node) if isinstance(o, BNode))
    out = Graph()
    for prefix, namespace in metadata.namespaces():
        out.bind(prefix, namespace, replace=True)
    for triple in metadata:
        if triple[0] not in dropped:
            out.add(triple)
    return out


def seed_metadata_text(path: Path) -> str:
    """corpus/articles.ttl keeping only the seed articles: the same bytes when there is nothing to drop; else
    the file without the blocks of the other articles when that gives exactly the filtered graph (seed blocks
    keep their bytes), else the filtered graph serialised."""
    text = path.read_text(encoding="utf-8")
    metadata = parse_turtle(path, text=text)
    wanted = seed_metadata_graph(metadata)
    if len(wanted) == len(metadata):
        return text
    blocks = text.split("\n\n")
    kept = [b for b in blocks if not any(block_subject(b, stem) for stem in non_seed_stems(metadata))]
    trimmed = "\n\n".join(kept)
    if not trimmed.endswith("\n"):
        trimmed += "\n"
    try:
        if isomorphic(parse_turtle(path, text=trimmed), wanted):
            return trimmed
    except Exception:  # a block cut mid-statement: fall back to serialising  # noqa: BLE001
        pass
    return wanted.serialize(format="turtle")


def non_seed_stems(metadata: Graph) -> set[str]:
    return {stem for s in metadata.subjects() if (stem := article_stem(s)) not in (None, *SEED_STEMS)}


def block_subject(block: str, stem: str) -> bool:
    """Whether a blank-line separated block of Turtle starts with a statement about article ``stem``."""
    first = next((line for line in block.strip().splitlines() if not line.startswith("#")), "")
    return first.startswith((f"article:{stem} ", f"article:{stem}#", f"<{ARTICLE}{stem}>", f"<{ARTICLE}{stem}#"))


def copy_seed_project(source: Path, target: Path) -> Project:
    """Copy the project at ``source`` to ``target`` (created) keeping only the seed corpus: its texts, curated
    graphs and metadata; no drafts, no other articles; ontology, shapes, queries and graph/entities.ttl as they
    are. Raises SeedCorpusChanged, naming the files, when a seed text is missing or edited."""
    source = Path(source)
    problems = seed_text_problems(source)
    if problems:
        raise SeedCorpusChanged("the seed corpus the tests pin is not in " + str(source) + ":\n  "
                                + "\n  ".join(problems))
    for part in WHOLE_PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, target / part, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "corpus").mkdir(parents=True, exist_ok=True)
    (target / "graph" / "articles").mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "graph" / "entities.ttl", target / "graph" / "entities.ttl")
    for stem in SEED_STEMS:
        shutil.copy2(source / "corpus" / f"{stem}.txt", target / "corpus" / f"{stem}.txt")
        shutil.copy2(source / "graph" / "articles" / f"{stem}.ttl", target / "graph" / "articles" / f"{stem}.ttl")
    metadata = source / "corpus" / "articles.ttl"
    text = seed_metadata_text(metadata)
    if text == metadata.read_text(encoding="utf-8"):
        shutil.copy2(metadata, target / "corpus" / "articles.ttl")
    else:
        (target / "corpus" / "articles.ttl").write_text(text, encoding="utf-8")
    return Project(target)


# --- a grown project, as `wbkg ingest` and a later review leave it (for the isolation tests) ---------------

GROWN_TEXT = ("Border agency gets new head\n\nDefence Secretary Anna Kowalczyk visited Pristina on Friday. "
              "KFOR was established in 1999.\n")
GROWN_METADATA = """
article:{stem} a wbkg:Article ;
    schema:name "Border agency gets new head"@en ;
    schema:datePublished "2021-03-19"^^xsd:date ;
    wbkg:textFile "{stem}.txt" ;
    dcterms:language "en" ;
    wbkg:metadataSource "options: --published"@en .
"""
GROWN_GRAPH = """@prefix : <https://w3id.org/wbkg/article/{stem}#> .
@prefix id: <https://w3id.org/wbkg/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix wbkg: <https://w3id.org/wbkg/ontology#> .
id:anna-kowalczyk a wbkg:Person ; skos:prefLabel "Anna Kowalczyk"@en .
:ev-anna-kowalczyk a wbkg:Evidence ; wbkg:exact "Defence Secretary Anna Kowalczyk" ; wbkg:supports id:anna-kowalczyk .
"""


def grow(root: Path, draft: str = "zz_grown", reviewed: str | None = "zz_reviewed") -> None:
    """Add an invented article to the project at ``root`` the way `wbkg ingest` does (text, metadata block
    appended to corpus/articles.ttl, graph/drafts/<id>.ttl) and, with ``reviewed``, one already reviewed
    (text, metadata, graph/articles/<id>.ttl)."""
    for stem, folder in ((draft, "drafts"), (reviewed, "articles")):
        if stem is None:
            continue
        (root / "corpus" / f"{stem}.txt").write_text(GROWN_TEXT, encoding="utf-8")
        with open(root / "corpus" / "articles.ttl", "a", encoding="utf-8") as out:
            out.write(GROWN_METADATA.format(stem=stem))
        (root / "graph" / folder).mkdir(parents=True, exist_ok=True)
        (root / "graph" / folder / f"{stem}.ttl").write_text(GROWN_GRAPH.format(stem=stem), encoding="utf-8")
