"""Stage ``ground``: each article to redo, in the worker pool: parse its graph, locate every quote and
compute offsets, check coverage, add mentions and the schema.org view (wbkg.ground), and cache the result as
sorted N-Quads (``build/scale/articles/<stem>.nq``; what it adds to the shared corpus, schema-view
and entailments graphs in ``<stem>.extra.nq``) with a JSON summary (problems, the entities it depends on, counts)."""
from __future__ import annotations

import hashlib
import json
from collections import Counter

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.serializers.nquads import _nq_row

from ..corpus import computed_metadata, unit_article
from ..ground import ground
from ..vocab.namespaces import CORPUS_GRAPH, ENTAILMENTS_GRAPH, SCHEMA_VIEW_GRAPH, SPAN_CLASSES, WBKG
from ..project import Project
from ..problems import INPUT, Problem, raise_for
from ..progress import Progress
from ..rdfio import parse_turtle, read_text
from .manifest import CODE_VERSION, articles_dir, file_stat, files_hash, sha
from .pieces import restore_caches
from .state import BuildState, Context
from .workers import context, mapped

NAME = "grounding"


def run(state: BuildState) -> None:
    with Progress("grounding", len(state.todo), enabled=state.progress) as bar:
        for i, summary in enumerate(mapped(state.pool, process_article, state.todo, chunksize=8), 1):
            state.summaries[summary["stem"]] = summary
            bar.update(i)
    state.problems = [Problem.from_json(p) for stem in state.stems for p in state.summaries[stem]["problems"]]
    input_problems = [p for p in state.problems if p.severity == INPUT]
    if input_problems:
        restore_caches(state.articles_dir, state.old_lines, state.stems)
        raise_for(input_problems, "grounding")


def process_article(stem: str) -> dict:
    """Parse, ground and complete one article; write its cache files; return its summary."""
    ctx: Context = context()
    project = ctx.project
    stat, files = file_stat(project, stem), files_hash(project, stem)
    article = unit_article(project, stem)
    source = read_text(article.graph_path)
    graph = parse_turtle(article.graph_path, Graph(), text=source)
    article.text  # a non-UTF-8 article is an input error naming its file
    problems = ground(article, graph, ctx.entities, source)
    meta = computed_metadata(article)
    view = [] if article.draft else list(ctx.view.triples(graph))  # the published view: reviewed facts only
    entailed = set() if article.draft else ctx.entailments.local(graph)
    records = {"edges": [], "dates": {}} if article.draft else ctx.entailments.records(graph)
    gi = article.graph_iri
    lines = sorted({_nq_row(t, gi) for t in graph})
    # what the article adds to the shared corpus, schema-view and entailments graphs, apart from its own graph
    extra = sorted({_nq_row(t, CORPUS_GRAPH) for t in meta} | {_nq_row(t, SCHEMA_VIEW_GRAPH) for t in view}
                   | {_nq_row(t, ENTAILMENTS_GRAPH) for t in entailed})
    nodes = set()
    for s, p, o in graph:
        nodes.add(str(s))
        if isinstance(o, (URIRef, BNode)) and p != RDF.type:
            nodes.add(str(o))
    deps = sorted(n for n in nodes if n in ctx.entity_hash)
    counts = Counter()
    spans = set()
    for cls in (WBKG.Evidence, WBKG.Mention, WBKG.Exemption, WBKG.Statement, WBKG.Stance, WBKG.Tenure,
                WBKG.Quantity, WBKG.Contribution, WBKG.Signature, WBKG.MentionRule):
        members = set(graph.subjects(RDF.type, cls))
        counts["wbkg:" + str(cls).split("#")[1]] = len(members)
        if cls in SPAN_CLASSES or cls == WBKG.MentionRule:  # not facts: where the text says things
            spans |= members
    summary = {
        "stem": stem,
        "key": article_key(project, stem, deps, ctx, files),
        "files": files,
        "stat": stat,
        "problems": [p.to_json() for p in problems],
        "deps": deps,
        "nodes": sorted(nodes),
        "subjects": sorted({str(s) for s in graph.subjects()}),
        "triples": len(graph),
        "lines": sha("".join(lines)),
        "fact_triples": sum(1 for s, _, _ in graph if s not in spans),
        "counts": dict(sorted(counts.items())),
        "entailing": records,  # what graph:entailments closes across graphs (partOf edges, date bounds)
    }
    folder = articles_dir(project)
    (folder / f"{stem}.nq").write_text("".join(lines), encoding="utf-8")
    (folder / f"{stem}.extra.nq").write_text("".join(extra), encoding="utf-8")
    (folder / f"{stem}.json").write_text(json.dumps(summary, sort_keys=True), encoding="utf-8")
    return summary


def article_key(project: Project, stem: str, deps, ctx: Context, files: str | None = None) -> str:
    """What an article's cached result depends on: its text and graph file (``files``, their hash, read
    from them when not given), the descriptions of the entities it refers to, the ontology (schema view,
    types) and this code."""
    h = hashlib.sha256()
    h.update(CODE_VERSION.encode())
    h.update(ctx.ontology_hash.encode())
    h.update((files or files_hash(project, stem)).encode())
    for dep in deps:
        h.update(b"\0" + dep.encode() + b"=" + ctx.entity_hash.get(dep, "-").encode())
    return h.hexdigest()
