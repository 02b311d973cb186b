"""Stage ``load``: read the ontology, the entity descriptions, the corpus metadata and the shapes; hash every
input and compare with the last build's manifest to find the articles to ground again (their files changed,
or the description of an entity they use, or the ontology, or this code) and the ones removed."""
from __future__ import annotations

import json

from rdflib import Graph
from rdflib.plugins.serializers.nquads import _nq_row

from ..corpus import discover
from ..vocab.namespaces import GRAPH, ONTOLOGY_GRAPH
from ..rdfio import parse_turtle
from ..vocab.entailments import Entailments
from ..vocab.schemaview import SchemaView
from ..shacl.engine import load_shapes
from .ground import article_key
from .manifest import (CODE_VERSION, core_index, dir_hash, entity_hashes, file_stat, input_stats,
                       load_pieces, pending, pieces_dir, read_manifest, scale_dir, sha, store_dir)
from .state import BuildState, Context

NAME = "load"


def run(state: BuildState) -> None:
    project = state.project
    state.files = input_stats(project)  # before reading: an edit made during the build leaves it stale
    ontology = parse_turtle(project.ontology_file)
    entities = parse_turtle(project.entities_file)
    metadata = parse_turtle(project.corpus_metadata_file)
    articles = discover(project, metadata)
    state.shapes = load_shapes(project.shapes_dir)
    ctx = state.ctx = Context(project, entities, ontology, metadata, entity_hashes(entities), SchemaView(ontology),
                              sha(project.ontology_file.read_bytes()), dir_hash(project.shapes_dir, "*.ttl"),
                              Entailments(ontology))
    folder = state.articles_dir
    (folder / "draft").mkdir(parents=True, exist_ok=True)  # the drafts' caches (their units are draft/<stem>)
    manifest = read_manifest(project)
    if manifest.get("code") != CODE_VERSION or manifest.get("ontology") != ctx.ontology_hash \
            or manifest.get("shapes") != ctx.shapes_hash or pending(scale_dir(project)):
        manifest = {"articles": {}}
    state.manifest = manifest
    known = manifest.get("articles", {})
    state.stems = [a.unit for a in articles]
    for stem in state.stems:
        entry = known.get(stem)
        if entry is not None and (folder / f"{stem}.json").exists() and (folder / f"{stem}.nq").exists():
            summary = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
            # files whose size and time are as the last build saw them are not read again
            files = summary.get("files") if entry.get("stat") == file_stat(project, stem) else None
            if summary.get("key") == article_key(project, stem, summary["deps"], ctx, files):
                state.summaries[stem] = summary
                continue
        state.todo.append(stem)
    state.removed = sorted(set(known) - set(state.stems))
    _keep_old_lines(state, known)
    for stem in state.removed:
        for suffix in (".nq", ".extra.nq", ".json", ".shacl.json"):
            (folder / f"{stem}{suffix}").unlink(missing_ok=True)
    state.ontology_lines = ontology_lines(ontology)


def _keep_old_lines(state: BuildState, known: dict) -> None:
    """An incremental build compares each changed graph with what it held: keep the old lines first."""
    project, folder = state.project, state.articles_dir
    state.previous_pieces = load_pieces(pieces_dir(project)) if known else None
    state.can_increment = bool(known) and state.previous_pieces is not None and store_dir(project).exists() \
        and core_index(project).exists()
    if not state.can_increment:
        return
    for stem in [s for s in state.todo if s in known] + state.removed:
        path = folder / f"{stem}.nq"
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        if sha(text) != known[stem].get("lines"):
            state.can_increment = False  # the cache is not what the store holds: start afresh
            state.old_lines = {}
            return
        state.old_lines[str(GRAPH[stem])] = text.splitlines(keepends=True)


def ontology_lines(ontology: Graph) -> list[str]:
    """The ontology graph's sorted N-Quads, blank nodes labelled canonically (as the exports label them)."""
    from ..export.rdflib_dataset import scoped_canonical
    graph = Graph(identifier=ONTOLOGY_GRAPH)
    for t in ontology:
        graph.add(t)
    return sorted({_nq_row(t, ONTOLOGY_GRAPH) for t in scoped_canonical(graph)})
