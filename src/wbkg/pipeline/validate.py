"""Stage ``shacl``, in two parts whose results are merged (wbkg.shacl.global_pass):

*per article*, in the worker pool: the article's graph with the descriptions of the entities it refers to
(two hops in graph/entities.ttl), its metadata and the ontology, validated in batches; the results are kept
for the focus nodes that occur in no other graph, cached per article.
*global*: the merge, for the focus nodes shared between graphs with every shape, and for every focus node
with the SPARQL-based shapes; after an incremental change only where the change can matter."""
from __future__ import annotations

import json

from rdflib import URIRef
from rdflib.plugins.serializers.nt import _nt_row

from ..corpus import unit_stem
from ..vocab.namespaces import ARTICLE, CORPUS_GRAPH
from ..progress import Progress
from ..shacl.engine import run_shacl
from ..shacl.global_pass import global_shacl
from ..shacl.records import result_records
from .manifest import articles_dir, core_file
from .pieces import extra_lines
from .state import BuildState, Context
from .workers import context, mapped

NAME = "shacl"
BATCH = 25


def run(state: BuildState) -> object:
    """Validate what changed; returns the merged report (shacl.engine.ShaclReport)."""
    folder, stems = state.articles_dir, state.stems
    todo = [s for s in stems if s in state.todo or not (folder / f"{s}.shacl.json").exists()]
    batches = [todo[i:i + BATCH] for i in range(0, len(todo), BATCH)]
    with Progress("SHACL", len(todo), enabled=state.progress) as bar:
        done = 0
        for counts in mapped(state.pool, validate_batch, batches):
            done += len(counts)
            bar.update(done)
    ctx = state.ctx
    return global_shacl(state.shapes, stems, state.summaries, ctx.entities, ctx.metadata, ctx.ontology, folder,
                        core_file(state.project), state.pool, store=state.store,
                        change=state.change, shapes_key=ctx.shapes_hash)


def validate_batch(stems: list[str]) -> dict[str, list[tuple[str, str]]]:
    """Per-article SHACL for a batch of articles (in a worker): each article's graph, the descriptions of
    the entities it uses (two hops), its metadata and the ontology. Results by article: (focus, record)."""
    ctx: Context = context()
    shapes = context("shapes")
    folder = articles_dir(ctx.project)
    chunks = [context("ontology_nt")]
    wanted = set()
    owners = {}
    for stem in stems:
        chunks.append((folder / f"{stem}.nq").read_text(encoding="utf-8"))
        chunks.append("".join(extra_lines(folder, stem, CORPUS_GRAPH)))
        summary = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
        for node in summary["nodes"]:
            owners.setdefault(node, set()).add(stem)
        wanted.update(summary["deps"])
        wanted.add(str(ARTICLE[unit_stem(stem)]))
    # two hops through entity descriptions (a post's state, a unit's armed forces)
    frontier = set(wanted)
    for _ in range(2):
        nxt = set()
        for node in frontier:
            for o in ctx.entities.objects(URIRef(node), None):
                if isinstance(o, URIRef) and str(o) in ctx.entity_hash and str(o) not in wanted:
                    nxt.add(str(o))
        wanted |= nxt
        frontier = nxt
    lines = []
    for node in sorted(wanted):
        ref = URIRef(node)
        for t in ctx.entities.triples((ref, None, None)):
            lines.append(_nt_row(t))
        for t in ctx.metadata.triples((ref, None, None)):
            lines.append(_nt_row(t))
    chunks.append("".join(lines))
    _, report, _ = run_shacl("".join(chunks), shapes)
    by_article = {stem: [] for stem in stems}
    for focus, record in result_records(report):
        for stem in owners.get(focus, ()):
            by_article[stem].append((focus, record))
    for stem in stems:
        (folder / f"{stem}.shacl.json").write_text(json.dumps(sorted(by_article[stem])), encoding="utf-8")
    return {stem: len(v) for stem, v in by_article.items()}
