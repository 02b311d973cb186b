"""The graphs as sorted N-Quads lines: each article's own graph (cached by the ground stage), the shared
graphs (ontology, entities, corpus, schema view, entailments) and the merge of them all, each triple once."""
from __future__ import annotations

import heapq
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.plugins.serializers.nquads import _nq_row

from ..vocab.namespaces import (CORPUS_GRAPH, ENTAILMENTS_GRAPH, ENTITIES_GRAPH, GRAPH, ONTOLOGY_GRAPH,
                                SCHEMA_VIEW_GRAPH)
from ..store.diff import strip_graph


def extra_lines(folder: Path, stem: str, graph: URIRef) -> list[str]:
    """The lines an article adds to the shared graph ``graph`` (corpus, schema view or entailments)."""
    marker = f"<{graph}> ."
    text = (folder / f"{stem}.extra.nq").read_text(encoding="utf-8")
    return [line + "\n" for line in text.splitlines() if line.endswith(marker)]


def extras(folder: Path, stems: list[str]) -> dict[str, set[str]]:
    """What the articles add to each shared graph (corpus, schema view, entailments), by graph IRI: each
    article's ``.extra.nq`` read once for all three pieces."""
    found: dict[str, set[str]] = {str(CORPUS_GRAPH): set(), str(SCHEMA_VIEW_GRAPH): set(), str(ENTAILMENTS_GRAPH): set()}
    for stem in stems:
        for line in (folder / f"{stem}.extra.nq").read_text(encoding="utf-8").splitlines():
            found.setdefault(line[line.rindex(" <") + 2:-3], set()).add(line + "\n")
    return found


def corpus_piece(metadata: Graph, added: dict[str, set[str]]) -> list[str]:
    lines = {_nq_row(t, CORPUS_GRAPH) for t in metadata}
    return sorted(lines | added[str(CORPUS_GRAPH)])


def schema_view_piece(view, entities: Graph, metadata: Graph, added: dict[str, set[str]]) -> list[str]:
    lines = {_nq_row(t, SCHEMA_VIEW_GRAPH) for g in (entities, metadata) for t in view.triples(g)}
    return sorted(lines | added[str(SCHEMA_VIEW_GRAPH)])


def entailments_piece(entailments, entities: Graph, metadata: Graph, stems: list[str], added: dict[str, set[str]],
                      summaries: dict) -> list[str]:
    """graph:entailments: what each reviewed article entails on its own (cached by the ground stage; drafts add
    none), what the entities, the corpus metadata and the ontology's hierarchies entail, and the cross-graph part
    (partOf closure, date bounds) from the records in every reviewed article's summary: no article graph is read
    again."""
    from ..corpus import is_draft
    lines = {_nq_row(t, ENTAILMENTS_GRAPH) for g in (entities, metadata) for t in entailments.local(g)}
    lines.update(_nq_row(t, ENTAILMENTS_GRAPH) for t in entailments.hierarchy | entailments.ontology_instances)
    lines.update(added[str(ENTAILMENTS_GRAPH)])
    records = [entailments.records(entities), entailments.records(metadata)]
    records += [summaries[s]["entailing"] for s in stems if not is_draft(s)]
    lines.update(f"{s} {p} {o} <{ENTAILMENTS_GRAPH}> .\n" for s, p, o in entailments.shared_triples(records))
    return sorted(lines)


def article_lines(folder: Path, stem: str) -> list[str]:
    """The lines of an article's own named graph (sorted N-Quads)."""
    return (folder / f"{stem}.nq").read_text(encoding="utf-8").splitlines(keepends=True)


def restore_caches(folder: Path, old_lines: dict[str, list[str]], stems: list[str]) -> None:
    """After a build stopped by an input error: the caches of the articles it redid go back to what the store
    holds (and their summaries go, so that they are redone next time)."""
    for stem in stems:
        lines = old_lines.get(str(GRAPH[stem]))
        if lines is not None:
            (folder / f"{stem}.nq").write_text("".join(lines), encoding="utf-8")
            (folder / f"{stem}.json").unlink(missing_ok=True)


def piece_graphs() -> dict[str, str]:
    """The shared graphs by piece name."""
    return {"ontology": str(ONTOLOGY_GRAPH), "entities": str(ENTITIES_GRAPH), "corpus": str(CORPUS_GRAPH),
            "schema-view": str(SCHEMA_VIEW_GRAPH), "entailments": str(ENTAILMENTS_GRAPH)}


def merged_triples(shared: dict, stems: list[str], folder: Path) -> list[str]:
    """Every triple of every graph once, as sorted N-Triples lines."""
    lines = set()
    for piece in shared.values():
        lines.update(strip_graph(line) for line in piece)
    for stem in stems:
        lines.update(strip_graph(line) for line in article_lines(folder, stem))
    return sorted(lines)


def with_view(core: list[str], view_lines: list[str]) -> list[str]:
    """The merge (sorted N-Triples lines) from the merge without the derived graphs (schema view,
    entailments) and their N-Quads."""
    view_only = sorted({strip_graph(line) for line in view_lines}.difference(core))
    return list(heapq.merge(core, view_only))
