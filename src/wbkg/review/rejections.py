"""Rejected draft facts, kept so that extracting the same text again does not propose them again.

A rejection is recorded in graph/rejected/<id>.ttl (docs/review.md): the article's text digest
(``article:<id> wbkg:sha256``), the rejected fact's triples and its evidence, marked ``wbkg:Discarded`` with
who, when and why. The build does not read that folder: a discarded fact is a record of the review, not a fact.
`wbkg ingest` reads every rejection file whose digest equals the new text's (or whose id is the new article's),
and drops a drafted fact whose key equals a rejected one's: the same node (the article id in an IRI set aside,
so the text ingested under another id matches), the same triples, the same quotes.
"""
from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from ..vocab.namespaces import ARTICLE, WBKG

FactKey = tuple


def dashed(stem: str) -> str:
    """An article id as it appears in fact IRIs (ingest.draft.slug of an id, which intake keeps ASCII)."""
    return "-".join(re.findall(r"[a-z0-9]+", stem.lower()))


def _normal(term, dashed_id: str):
    if isinstance(term, URIRef) and dashed_id:
        return URIRef(re.sub(rf"-{re.escape(dashed_id)}(?=-|$)", "-{article}", str(term)))
    return term


def fact_key(node: URIRef, triples, quotes, dashed_id: str) -> FactKey:
    """What identifies a proposal across two extractions of one text: node, (predicate, object) pairs and
    quotes, with the article id in IRIs replaced by a placeholder."""
    pairs = frozenset((p, _normal(o, dashed_id)) for s, p, o in triples if s == node)
    return (_normal(node, dashed_id), pairs, frozenset(str(q) for q in quotes))


def facts_of(triples) -> dict[URIRef, tuple[list[tuple], list[str]]]:
    """Each fact node of a list of draft triples (every subject that is not an evidence) with its triples and
    the quotes of the evidence that supports it."""
    evidences = {s for s, p, o in triples if p == RDF.type and o == WBKG.Evidence}
    facts: dict = {}
    for s, p, o in triples:
        if s not in evidences:
            facts.setdefault(s, ([], []))[0].append((s, p, o))
    exact = {s: o for s, p, o in triples if s in evidences and p == WBKG.exact}
    for s, p, o in triples:
        if s in evidences and p == WBKG.supports and o in facts and s in exact:
            facts[o][1].append(str(exact[s]))
    return facts


def rejected_facts(triples, dashed_id: str, keys: frozenset) -> set[URIRef]:
    """The fact nodes among ``triples`` (a draft being written) that a reviewer rejected before."""
    if not keys:
        return set()
    return {node for node, (own, quotes) in facts_of(triples).items()
            if fact_key(node, own, quotes, dashed_id) in keys}


def load_rejections(rejected_dir: Path) -> dict[str, frozenset]:
    """Every rejection file's keys, indexed by ``"id:<stem>"`` and ``"sha256:<digest>"``: read once per run."""
    index: dict[str, set] = {}
    for path in sorted(rejected_dir.glob("*.ttl")) if rejected_dir.is_dir() else ():
        graph = Graph().parse(path, format="turtle")
        old = path.stem
        keys = {fact_key(node, own, quotes, dashed(old))
                for node, (own, quotes) in facts_of([t for t in graph if t[0] != ARTICLE[old]]).items()}
        for digest in graph.objects(ARTICLE[old], WBKG.sha256):
            index.setdefault(f"sha256:{digest}", set()).update(keys)
        index.setdefault(f"id:{old}", set()).update(keys)
    return {name: frozenset(keys) for name, keys in index.items()}


def keys_for(index: dict[str, frozenset], stem: str, sha256: str) -> frozenset:
    """The keys of every fact rejected from this text (the same digest) or this article id."""
    return index.get(f"id:{stem}", frozenset()) | index.get(f"sha256:{sha256}", frozenset())


__all__ = ["fact_key", "facts_of", "rejected_facts", "load_rejections", "keys_for", "dashed"]
