"""The scalable build: per-article processing in parallel with a content-addressed cache, a persistent
Oxigraph store, SHACL partitioned by article plus one global pass, scoped reasoning, and exports composed
from per-graph pieces. ``wbkg build --store oxigraph`` (or ``--store auto`` on a large corpus) runs it.

Stages (each timed; the summary prints them):

load
    Hash every input (article text and graph file, each entity description in graph/entities.ttl, the
    ontology, the shapes, the code version) and compare with ``build/scale/manifest.json``; an article file
    whose size and modification time are as recorded is not read again.
grounding
    For each article whose inputs changed (all of them on a first build): parse its graph, locate every
    quote and compute offsets, check coverage, compute mentions and the schema.org view (load.ground,
    the same code as the in-memory path), in a process pool over all cores. Each article's result is
    cached as sorted N-Quads in ``build/scale/articles/<stem>.nq`` (its own graph; what it adds to the corpus
    and schema-view graphs in ``<stem>.extra.nq``) with a JSON summary (problems, the entities it depends
    on, counts). An article is redone when its text or graph file changes, or when the description of an
    entity it refers to changes, or when the ontology or this code changes.
store
    The persistent Oxigraph store under ``build/oxigraph/`` holds every named graph and their merge as the
    default graph (as store.OxigraphStore.from_dataset). A full build bulk-loads it; an incremental build
    applies the difference (src/wbkg/incremental.py): the changed lines of each changed graph, then the
    merge repaired for the triples concerned. The merge without the schema view, which SHACL reads
    (``build/scale/merge-without-view.nt``), is spliced the same way (src/wbkg/composed.py).
SHACL (two parts whose results are merged)
    *per article*: the article's graph with the descriptions of the entities it refers to (two hops in
    graph/entities.ttl), its metadata and the ontology, validated in batches across the process pool;
    results are kept only for focus nodes that occur in no other graph (evidence, mentions, statements,
    quantities...). Cached per article.
    *global, once*: the whole merged graph (from the store), validated for the focus nodes shared between
    graphs (entities, shared fact nodes such as tenures and contributions, articles, ontology terms) with
    every shape, and for every focus node with the shapes that use SPARQL (their queries may look
    anywhere: unique labels, agreement counterparts). This pass is linear in the corpus and runs on every
    build, incremental ones included.
    The engine is pyshacl-turbo (a Rust implementation of pySHACL's semantics; tests/scale shows identical
    reports on every negative shape fixture) with pySHACL as the fallback when it is missing or refuses an
    input.
violation queries
    Every stored ``*-violation`` query, on the Oxigraph store.
reasoning
    HermiT is not run on the whole corpus (its cost grows superlinearly and its JVM heap fills at about a
    million triples). It checks the ontology, every entity description and a fixed sample of articles (the
    first ``HERMIT_SAMPLE`` by name), which is where schema-level mistakes show. The OWL RL consistency rules
    that matter for this ontology (disjoint classes, including types entailed by domains and ranges;
    functional properties with two literal values) are checked on the whole store with SPARQL, which is
    linear. ``wbkg query --inferred`` materialises the OWL RL closure the queries need (sub-properties,
    inverses, property chains) with SPARQL rules on the store (see store.materialise_rules).
export
    Every format is composed from per-graph pieces (src/wbkg/composed.py), so a full and an incremental
    build give the same bytes: N-Quads and TriG are one block per named graph (graphs in IRI order);
    N-Triples, Turtle and JSON-LD hold the merge (sorted, each triple once) cut into chunks of whole
    subjects, each serialised by Oxigraph. After an incremental build whose predecessor published its
    exports, only the changed graphs' blocks and the chunks the change falls in are written anew; the rest is
    copied from the previous files in the kernel.
"""
from __future__ import annotations

import hashlib
import heapq
import json
import os
import re
import shutil
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.plugins.serializers.nquads import _nq_row
from rdflib.plugins.serializers.nt import _nt_row

from .errors import InputError
from .export import publish
from .export.serialisers import serialisers
from .incremental import strip_graph as _strip_graph
from .namespaces import ARTICLE, GRAPH, WBKG, bind_prefixes
from .paths import Project
from .problems import CHECK, INPUT, Problem

CODE_VERSION = "wbkg-scale-3"
HERMIT_SAMPLE = 25
SHACL_BATCH = 25
CORPUS_GRAPH = GRAPH["corpus"]
ENTITIES_GRAPH = GRAPH["entities"]
ONTOLOGY_GRAPH = GRAPH["ontology"]
SCHEMA_VIEW_GRAPH = GRAPH["schema-view"]


# --- hashing and the manifest -------------------------------------------------------------------------

def sha(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def dir_hash(folder: Path, pattern: str) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.glob(pattern)):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def entity_hashes(entities: Graph) -> dict[str, str]:
    """One hash per described entity: its triples in graph/entities.ttl, sorted."""
    lines = defaultdict(list)
    for s, p, o in entities:
        lines[str(s)].append(_nt_row((s, p, o)))
    return {s: sha("".join(sorted(rows))) for s, rows in lines.items()}


def scale_dir(project: Project) -> Path:
    return project.build_dir / "scale"


def store_dir(project: Project) -> Path:
    return project.build_dir / "oxigraph"


# --- per-article processing (runs in worker processes) ------------------------------------------------

_CTX: dict = {}  # the worker's read-only context, set before the pool forks


@dataclass
class Context:
    project: Project
    entities: Graph
    ontology: Graph
    metadata: Graph
    entity_hash: dict
    view: object
    ontology_hash: str
    shapes_hash: str


def _article(project: Project, stem: str):
    from .corpus import Article
    return Article(stem, project.article_text_file(stem), project.article_graph_file(stem))


def process_article(stem: str) -> dict:
    """Parse, ground and complete one article; write its cache files; return its summary."""
    from .corpus import computed_metadata
    from .load import ground
    from .rdfio import parse_turtle, read_text

    ctx: Context = _CTX["ctx"]
    project = ctx.project
    stat, files = file_stat(project, stem), files_hash(project, stem)
    article = _article(project, stem)
    source = read_text(article.graph_path)
    graph = parse_turtle(article.graph_path, Graph(), text=source)
    article.text  # a non-UTF-8 article is an input error naming its file
    problems = ground(article, graph, ctx.entities, source)
    meta = computed_metadata(article)
    view = list(ctx.view.triples(graph))
    gi = article.graph_iri
    lines = sorted({_nq_row(t, gi) for t in graph})
    # what the article adds to the shared corpus and schema-view graphs, kept apart from its own graph
    extra = sorted({_nq_row(t, CORPUS_GRAPH) for t in meta} | {_nq_row(t, SCHEMA_VIEW_GRAPH) for t in view})
    nodes = set()
    for s, p, o in graph:
        nodes.add(str(s))
        if isinstance(o, (URIRef, BNode)) and p != RDF.type:
            nodes.add(str(o))
    deps = sorted(n for n in nodes if n in ctx.entity_hash)
    counts = Counter()
    spans = set()
    for cls in (WBKG.Evidence, WBKG.Mention, WBKG.Exemption, WBKG.Statement, WBKG.Stance, WBKG.Tenure,
                WBKG.Quantity, WBKG.Contribution, WBKG.Signature):
        members = set(graph.subjects(RDF.type, cls))
        counts["wbkg:" + str(cls).split("#")[1]] = len(members)
        if cls in (WBKG.Evidence, WBKG.Mention, WBKG.Exemption):
            spans |= members
    summary = {
        "stem": stem,
        "key": article_key(project, stem, deps, ctx, files),
        "files": files,
        "stat": stat,
        "problems": [problem_to_json(p) for p in problems],
        "deps": deps,
        "nodes": sorted(nodes),
        "subjects": sorted({str(s) for s in graph.subjects()}),
        "triples": len(graph),
        "lines": sha("".join(lines)),
        "fact_triples": sum(1 for s, _, _ in graph if s not in spans),
        "counts": dict(sorted(counts.items())),
    }
    folder = scale_dir(project) / "articles"
    (folder / f"{stem}.nq").write_text("".join(lines), encoding="utf-8")
    (folder / f"{stem}.extra.nq").write_text("".join(extra), encoding="utf-8")
    (folder / f"{stem}.json").write_text(json.dumps(summary, sort_keys=True), encoding="utf-8")
    return summary


def file_stat(project: Project, stem: str) -> list[int]:
    """Size and modification time of an article's two files: unchanged, their hash need not be read again."""
    a, b = project.article_text_file(stem).stat(), project.article_graph_file(stem).stat()
    return [a.st_size, a.st_mtime_ns, b.st_size, b.st_mtime_ns]


def files_hash(project: Project, stem: str) -> str:
    return sha(project.article_text_file(stem).read_bytes() + b"\0" + project.article_graph_file(stem).read_bytes())


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


def problem_to_json(p: Problem) -> dict:
    return {"severity": p.severity, "check": p.check, "message": p.message,
            "path": str(p.path) if p.path else None, "line": p.line, "focus": p.focus}


def problem_from_json(d: dict) -> Problem:
    return Problem(d["severity"], d["check"], d["message"], Path(d["path"]) if d["path"] else None, d["line"],
                   d["focus"])


# --- SHACL --------------------------------------------------------------------------------------------

def shacl_engine():
    """pyshacl-turbo when installed, else pySHACL (same call signature)."""
    try:
        import pyshacl_turbo
        return pyshacl_turbo.validate, "pyshacl-turbo"
    except ImportError:  # pragma: no cover - the dependency is declared
        import pyshacl
        return pyshacl.validate, "pyshacl"


def run_shacl(nquads: str, shapes: Graph, **options):
    """Validate the merge of the graphs in ``nquads`` (N-Quads text). The fast engine reads the text
    natively (an Oxigraph store would not do: it normalises numeric datatypes, xsd:nonNegativeInteger to
    xsd:integer, which datatype constraints see). Falls back to pySHACL when the fast engine is missing or
    refuses the input (for example an IRI that rdflib accepts and Oxigraph's parser does not)."""
    validate, name = shacl_engine()
    settings = dict(inference="none", advanced=True, allow_warnings=True, abort_on_first=False)
    settings.update(options)
    if name == "pyshacl-turbo":
        try:
            from pyshacl_turbo.rdf import Input
            return validate(Input(nquads, "oxigraph-nquads", None, {}, preserve_ids=True), shacl_graph=shapes,
                            **settings)
        except Exception:
            pass
    import pyshacl
    from rdflib import Dataset
    dataset = Dataset()
    dataset.parse(data=nquads, format="nquads")
    merged = Graph()
    for t in dataset.triples((None, None, None)):
        merged.add(t)
    if "focus_nodes" in settings:
        settings["focus_nodes"] = [URIRef(n) for n in settings["focus_nodes"]]
    return pyshacl.validate(merged, shacl_graph=shapes, **settings)


def sparql_shapes(shapes: Graph) -> list[URIRef]:
    """Shapes whose target or constraint is a SPARQL query: they may look anywhere in the graph, so they
    run once on the whole graph."""
    out = set()
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape)):
        if (shape, SH.sparql, None) in shapes or any(
                (t, RDF.type, SH.SPARQLTarget) in shapes or (t, SH.select, None) in shapes
                for t in shapes.objects(shape, SH.target)):
            out.add(shape)
    return sorted(out, key=str)


def result_records(report: Graph) -> list[tuple[str, str]]:
    """Each validation result of a report as (focus node, N-Triples of the result's subgraph with
    blank nodes labelled by content), so results from several runs can be merged and compared."""
    out = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        triples = []
        stack, seen = [result], set()
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            for p, o in report.predicate_objects(node):
                triples.append((node, p, o))
                if isinstance(o, BNode):
                    stack.append(o)
        focus = report.value(result, SH.focusNode)
        out.append((str(focus), _canonical_record(result, triples)))
    return out


def _canonical_record(root, triples) -> str:
    """N-Triples of a small tree of blank nodes, each blank node labelled by a hash of what it holds."""
    children = defaultdict(list)
    for s, p, o in triples:
        children[s].append((p, o))
    labels: dict = {}

    def label(node):
        if node in labels:
            return labels[node]
        parts = sorted(p.n3() + " " + (label(o) if isinstance(o, BNode) else o.n3()) for p, o in children[node])
        labels[node] = "_:r" + sha("\n".join(parts))[:16]
        return labels[node]
    label(root)
    lines = []
    for s, p, o in triples:
        so = labels.get(s, s.n3() if not isinstance(s, BNode) else "_:x")
        oo = labels[o] if isinstance(o, BNode) else o.n3()
        lines.append(f"{so} {p.n3()} {oo} .")
    return "\n".join(sorted(set(lines)))


def validate_batch(stems: list[str]) -> dict[str, list[tuple[str, str]]]:
    """Per-article SHACL for a batch of articles (in a worker): each article's graph, the descriptions of
    the entities it uses (two hops), its metadata and the ontology. Results by article: (focus, record)."""
    ctx: Context = _CTX["ctx"]
    shapes = _CTX["shapes"]
    folder = scale_dir(ctx.project) / "articles"
    chunks = [_CTX["ontology_nt"]]
    wanted = set()
    owners = {}
    for stem in stems:
        chunks.append((folder / f"{stem}.nq").read_text(encoding="utf-8"))
        chunks.append("".join(extra_lines(folder, stem, CORPUS_GRAPH)))
        summary = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
        for node in summary["nodes"]:
            owners.setdefault(node, set()).add(stem)
        wanted.update(summary["deps"])
        wanted.add(str(ARTICLE[stem]))
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


def _init_worker(ctx: Context, shapes: Graph, ontology_nt: str):
    _CTX["ctx"] = ctx
    _CTX["shapes"] = shapes
    _CTX["ontology_nt"] = ontology_nt


# --- the build ----------------------------------------------------------------------------------------

@dataclass
class ScaleStats:
    articles: int = 0
    redone: int = 0
    reused: int = 0


@dataclass
class ScaleBuildResult:
    checks: object
    outputs: list[Path] = field(default_factory=list)
    reports: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    stats: dict = field(default_factory=dict)
    store: str = "oxigraph"
    redone: list[str] = field(default_factory=list)
    reused: int = 0

    @property
    def ok(self) -> bool:
        return self.checks.ok


def jobs_default() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def build_scalable(project: Project, *, reason: bool = True, jobs: int | None = None,
                   progress: bool = True) -> ScaleBuildResult:
    from .checks import CheckReport
    from .corpus import discover
    from .progress import Progress
    from .rdfio import parse_turtle
    from .schemaview import SchemaView
    from .validate import ShaclReport, load_shapes

    jobs = jobs or jobs_default()
    publish.prepare(project)  # what a killed build left goes before anything is done
    timings: dict[str, float] = {}
    started_all = time.perf_counter()
    t0 = time.perf_counter()
    ontology = parse_turtle(project.ontology_file)
    entities = parse_turtle(project.entities_file)
    metadata = parse_turtle(project.corpus_metadata_file)
    articles = discover(project, metadata)
    shapes = load_shapes(project.shapes_dir)
    ctx = Context(project, entities, ontology, metadata, entity_hashes(entities), SchemaView(ontology),
                  sha(project.ontology_file.read_bytes()), dir_hash(project.shapes_dir, "*.ttl"))
    folder = scale_dir(project) / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    manifest_path = scale_dir(project) / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    from . import incremental
    if manifest.get("code") != CODE_VERSION or manifest.get("ontology") != ctx.ontology_hash \
            or manifest.get("shapes") != ctx.shapes_hash or incremental.pending(scale_dir(project)):
        manifest = {"articles": {}}
    known = manifest.get("articles", {})
    stems = [a.stem for a in articles]
    todo = []
    summaries: dict[str, dict] = {}
    for stem in stems:
        entry = known.get(stem)
        if entry is not None and (folder / f"{stem}.json").exists() and (folder / f"{stem}.nq").exists():
            summary = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
            # files whose size and time are as the last build saw them are not read again
            files = summary.get("files") if entry.get("stat") == file_stat(project, stem) else None
            if summary.get("key") == article_key(project, stem, summary["deps"], ctx, files):
                summaries[stem] = summary
                continue
        todo.append(stem)
    removed = sorted(set(known) - set(stems))
    # an incremental build compares each changed graph with what it held: keep the old lines first
    previous_pieces = incremental.load_pieces(scale_dir(project) / "pieces") if known else None
    can_increment = bool(known) and previous_pieces is not None and store_dir(project).exists() \
        and (scale_dir(project) / "core.json").exists()
    old_lines: dict[str, list[str]] = {}
    if can_increment:
        for stem in [s for s in todo if s in known] + removed:
            path = folder / f"{stem}.nq"
            text = path.read_text(encoding="utf-8") if path.exists() else ""
            if sha(text) != known[stem].get("lines"):
                can_increment = False  # the cache is not what the store holds: start afresh
                break
            old_lines[str(GRAPH[stem])] = text.splitlines(keepends=True)
    for stem in removed:
        for suffix in (".nq", ".extra.nq", ".json", ".shacl.json"):
            (folder / f"{stem}{suffix}").unlink(missing_ok=True)
    timings["load"] = time.perf_counter() - t0
    _announce(progress, "load", timings["load"])

    from .export.rdflib_dataset import scoped_canonical
    ontology_graph = Graph(identifier=ONTOLOGY_GRAPH)  # blank nodes labelled canonically, as export.py does
    for t in ontology:
        ontology_graph.add(t)
    ontology_lines = sorted({_nq_row(t, ONTOLOGY_GRAPH) for t in scoped_canonical(ontology_graph)})
    ontology_nt = "".join(ontology_lines)

    import multiprocessing
    mp = multiprocessing.get_context("fork")
    pool = mp.Pool(jobs, initializer=_init_worker, initargs=(ctx, shapes, ontology_nt)) if jobs > 1 else None
    _init_worker(ctx, shapes, ontology_nt)
    try:
        # grounding -----------------------------------------------------------------------------------
        t0 = time.perf_counter()
        with Progress("grounding", len(todo), enabled=progress) as bar:
            mapper = pool.imap_unordered(process_article, todo, chunksize=8) if pool else map(process_article, todo)
            for i, summary in enumerate(mapper, 1):
                summaries[summary["stem"]] = summary
                bar.update(i)
        timings["grounding"] = time.perf_counter() - t0
        _announce(progress, "grounding", timings["grounding"])
        problems = [problem_from_json(p) for stem in stems for p in summaries[stem]["problems"]]
        input_problems = [p for p in problems if p.severity == INPUT]
        if input_problems:
            from .problems import raise_for
            restore_caches(folder, old_lines, stems)
            raise_for(input_problems, "grounding")

        # store -----------------------------------------------------------------------------------------
        t0 = time.perf_counter()
        corpus_lines = corpus_piece(metadata, stems, folder)
        entities_lines = sorted({_nq_row(t, ENTITIES_GRAPH) for t in entities})
        view_lines = schema_view_piece(ctx.view, entities, metadata, stems, folder)
        shared = {"ontology": ontology_lines, "entities": entities_lines, "corpus": corpus_lines,
                  "schema-view": view_lines}
        core_file = scale_dir(project) / "merge-without-view.nt"
        core_index = scale_dir(project) / "core.json"
        ser = serialisers()
        incremental.mark_pending(scale_dir(project))
        change = None
        if can_increment:
            try:
                store, change = update_store(project, stems, todo, removed, shared, previous_pieces, old_lines,
                                             folder)
            except incremental.NotIncremental:
                change = None
            else:
                if not change.empty:
                    from .export.composed import splice_merge
                    splice_merge(core_index, {"nt": core_file}, {"nt": core_file}, change.core_added,
                                 change.core_removed, ser)
        if change is None:
            # the merge (every triple once, sorted N-Triples): the store's default graph, the global SHACL input
            # (without the schema view) and the N-Triples / Turtle / JSON-LD exports are all made from it
            core = merged_triples({k: v for k, v in shared.items() if k != "schema-view"}, stems, folder)
            from .export.composed import write_merge
            write_merge(core, {"nt": core_file}, core_index, ser)
            merged = with_view(core, view_lines)
            del core
            store = load_store(project, stems, shared, merged, folder)
            del merged  # on disk (build/scale/merge.nt) until the exports are written
        incremental.save_pieces(scale_dir(project) / "pieces", shared)
        timings["store"] = time.perf_counter() - t0
        _announce(progress, "store", timings["store"])

        # SHACL -----------------------------------------------------------------------------------------
        t0 = time.perf_counter()
        shacl_todo = [s for s in stems if s in todo or not (folder / f"{s}.shacl.json").exists()]
        batches = [shacl_todo[i:i + SHACL_BATCH] for i in range(0, len(shacl_todo), SHACL_BATCH)]
        with Progress("SHACL", len(shacl_todo), enabled=progress) as bar:
            done = 0
            mapper = pool.imap_unordered(validate_batch, batches) if pool else map(validate_batch, batches)
            for counts in mapper:
                done += len(counts)
                bar.update(done)
        shacl = global_shacl(shapes, stems, summaries, entities, metadata, ontology, folder, core_file, pool,
                             store=store, change=change, shapes_key=ctx.shapes_hash)
        timings["shacl"] = time.perf_counter() - t0
        _announce(progress, "shacl", timings["shacl"])
    finally:
        if pool is not None:
            pool.close()
            pool.join()

    checks = CheckReport([p for p in problems if p.severity == CHECK])
    checks.shacl = shacl
    # violation queries ---------------------------------------------------------------------------------
    t0 = time.perf_counter()
    checks.violations = run_violation_queries(project, store, change, stems)
    timings["violation-queries"] = time.perf_counter() - t0
    _announce(progress, "violation-queries", timings["violation-queries"])
    # reasoning -----------------------------------------------------------------------------------------
    if not reason:
        (scale_dir(project) / "clashes.json").unlink(missing_ok=True)  # not kept up to date by this build
    if reason:
        t0 = time.perf_counter()
        checks.reasoner = scoped_hermit(ontology, entities, metadata, stems, folder, store, change)
        timings["reasoning"] = time.perf_counter() - t0
        _announce(progress, "reasoning", timings["reasoning"])

    result = ScaleBuildResult(checks, timings=timings, redone=todo, reused=len(stems) - len(todo))
    result.stats = scale_stats(shared, entities, stems, summaries)
    build_dir = project.build_dir
    from .fileio import atomic_write_text
    atomic_write_text(build_dir / "shacl-report.ttl", shacl.graph.serialize(format="turtle"))
    atomic_write_text(build_dir / "shacl-report.txt", shacl.text)
    atomic_write_text(build_dir / "check-report.txt", checks.render())
    result.reports += [build_dir / "shacl-report.ttl", build_dir / "shacl-report.txt", build_dir / "check-report.txt"]
    previous_state = manifest.get("state")
    state = previous_state if change is not None and change.empty else os.urandom(8).hex()
    if checks.ok:
        t0 = time.perf_counter()
        from .export.write import write_exports
        result.outputs = write_exports(project, stems, folder, shared, result.stats, change=change,
                                       previous_state=previous_state, state=state)
        timings["export"] = time.perf_counter() - t0
        _announce(progress, "export", timings["export"])
    (scale_dir(project) / "merge.nt").unlink(missing_ok=True)
    manifest = {"code": CODE_VERSION, "ontology": ctx.ontology_hash, "shapes": ctx.shapes_hash, "state": state,
                "articles": {s: {"key": summaries[s]["key"], "lines": summaries[s]["lines"],
                                 "stat": summaries[s]["stat"]} for s in stems},
                "files": input_stats(project),
                "inferred": False}  # the closure for --inferred is materialised by the first such query
    atomic_write_text(manifest_path, json.dumps(manifest, indent=0, sort_keys=True) + "\n")
    incremental.clear_pending(scale_dir(project))
    # release the store's lock now (RocksDB allows one writer): the next build or query may open it
    store.store.flush()
    del store
    import gc
    gc.collect()
    timings["total"] = time.perf_counter() - started_all
    return result


def _announce(enabled: bool, stage: str, seconds: float) -> None:
    """A plain line per finished stage on stderr (long builds show where the time goes as they run)."""
    if enabled and os.environ.get("WBKG_PROGRESS", "1") != "0":
        import sys
        print(f"[wbkg] {stage}: {seconds:.2f}s", file=sys.stderr, flush=True)


def extra_lines(folder: Path, stem: str, graph: URIRef) -> list[str]:
    """The lines an article adds to the shared graph ``graph`` (corpus or schema view)."""
    marker = f"<{graph}> ."
    text = (folder / f"{stem}.extra.nq").read_text(encoding="utf-8")
    return [line + "\n" for line in text.splitlines() if line.endswith(marker)]


def corpus_piece(metadata: Graph, stems: list[str], folder: Path) -> list[str]:
    lines = {_nq_row(t, CORPUS_GRAPH) for t in metadata}
    for stem in stems:
        lines.update(extra_lines(folder, stem, CORPUS_GRAPH))
    return sorted(lines)


def schema_view_piece(view, entities: Graph, metadata: Graph, stems: list[str], folder: Path) -> list[str]:
    lines = {_nq_row(t, SCHEMA_VIEW_GRAPH) for g in (entities, metadata) for t in view.triples(g)}
    for stem in stems:
        lines.update(extra_lines(folder, stem, SCHEMA_VIEW_GRAPH))
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


def _piece_graphs() -> dict[str, str]:
    return {"ontology": str(ONTOLOGY_GRAPH), "entities": str(ENTITIES_GRAPH), "corpus": str(CORPUS_GRAPH),
            "schema-view": str(SCHEMA_VIEW_GRAPH)}


def load_store(project, stems, shared: dict, merged: list[str], folder):
    """A new persistent store: every named graph, and their merge as the default graph, each bulk-loaded
    from one file (one call per kind of data: each call writes its own files, so one per article would not
    do; files, not strings, so that the text is not held in memory twice)."""
    import pyoxigraph as ox
    from .fileio import AtomicFile
    from .store import OxigraphStore

    path = store_dir(project)
    if path.exists():
        shutil.rmtree(path)
    store = OxigraphStore(path)
    quads, merge = scale_dir(project) / "store-input.nq", scale_dir(project) / "merge.nt"
    with AtomicFile(quads) as out:
        for lines in shared.values():
            out.write("".join(lines).encode("utf-8"))
        for stem in stems:
            with open(folder / f"{stem}.nq", "rb") as handle:
                out.copy_from(handle, 0, os.fstat(handle.fileno()).st_size)
                out.flush_copies()  # before the file is closed
    with AtomicFile(merge) as out:
        for i in range(0, len(merged), 100_000):
            out.write("".join(merged[i:i + 100_000]).encode("utf-8"))
    store.store.bulk_load(path=str(quads), format=ox.RdfFormat.N_QUADS)
    store.store.bulk_load(path=str(merge), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    quads.unlink()
    return store


def update_store(project, stems, todo, removed, shared: dict, previous_pieces: dict, old_lines: dict, folder):
    """The persistent store brought up to date by difference (see incremental.apply): the shared graphs and
    the redone or removed articles. The closure for --inferred is stale: dropped (the next --inferred query
    rebuilds it)."""
    import pyoxigraph as ox
    from . import incremental
    from .store import OxigraphStore

    store = OxigraphStore(store_dir(project))
    inferred = ox.NamedNode(str(INFERRED_GRAPH))
    if store.store.contains_named_graph(inferred):
        store.store.remove_graph(inferred)
    names = _piece_graphs()
    old = {names[n]: previous_pieces[n] for n in names}
    new = {names[n]: shared[n] for n in names}
    for stem in removed:
        old[str(GRAPH[stem])] = old_lines.get(str(GRAPH[stem]), [])
    for stem in todo:
        if str(GRAPH[stem]) in old_lines:
            old[str(GRAPH[stem])] = old_lines[str(GRAPH[stem])]
        new[str(GRAPH[stem])] = article_lines(folder, stem)
    change = incremental.apply(store, old, new, str(SCHEMA_VIEW_GRAPH), str(INFERRED_GRAPH))
    return store, change


def merged_triples(shared: dict, stems: list[str], folder: Path) -> list[str]:
    """Every triple of every graph once, as sorted N-Triples lines."""
    lines = set()
    for piece in shared.values():
        lines.update(_strip_graph(line) for line in piece)
    for stem in stems:
        lines.update(_strip_graph(line) for line in article_lines(folder, stem))
    return sorted(lines)


def with_view(core: list[str], view_lines: list[str]) -> list[str]:
    """The merge (sorted N-Triples lines) from the merge without the schema view and the view's N-Quads."""
    view_only = sorted({_strip_graph(line) for line in view_lines}.difference(core))
    return list(heapq.merge(core, view_only))


def _global_call(core_file: str, options: dict):
    """One global SHACL call in a worker (the shapes are in its context) on the merge as N-Triples, each
    triple once (the engine reads a plain graph much faster than a dataset), read from a file: passing the
    text would copy it through a pipe."""
    text = Path(core_file).read_text(encoding="utf-8")
    _, report, _ = run_shacl(text, _CTX["shapes"], **options)
    return result_records(report)


def focus_partition(stems, summaries: dict, entities: Graph, metadata: Graph, ontology: Graph):
    """(the focus nodes local to one article, the sorted shared ones): a node is local when it occurs in one
    article graph only and nowhere in the entities, the metadata or the ontology."""
    occurs = Counter()
    for stem in stems:
        for node in summaries[stem]["nodes"]:
            occurs[node] += 1
    outside = {str(s) for g in (entities, metadata, ontology) for s in g.subjects()} | \
              {str(o) for g in (entities, metadata) for o in g.objects() if isinstance(o, URIRef)}
    local = {n for n, c in occurs.items() if c == 1 and n not in outside}
    subjects = {str(s) for g in (entities, metadata, ontology) for s in g.subjects() if isinstance(s, URIRef)}
    for stem in stems:
        subjects.update(summaries[stem]["subjects"])
    return local, sorted(n for n in subjects if n not in local and not n.startswith("_:"))


def global_shacl(shapes, stems, summaries, entities, metadata, ontology, folder, core_file: Path, pool=None, *,
                 store=None, change=None, shapes_key: str | None = None):
    """Merge the cached per-article results (focus nodes local to their article) with one global pass over
    the merge of every named graph but the schema view: every shape for the shared focus nodes, and the
    SPARQL-based shapes for all, each on the part of the merge its shapes can read (``shacl_scope``). After an
    incremental change (``change``, with the updated ``store``), only the focus nodes whose results it can
    alter are validated again, the others keep the last build's records (``shacl_incremental``); the
    records of both calls are kept in build/scale/global-records.json for the next build."""
    local, shared_nodes = focus_partition(stems, summaries, entities, metadata, ontology)
    records = set()
    for stem in stems:
        for focus, record in json.loads((folder / f"{stem}.shacl.json").read_text(encoding="utf-8")):
            if focus in local:
                records.add((focus, record))
    from .shacl_incremental import GlobalRecords, incremental_global
    saved = core_file.with_name("global-records.json")
    previous = GlobalRecords.load(saved) if change is not None else None
    if previous is not None and previous.shapes_key == shapes_key:
        result = incremental_global(shapes, store.store, change.core_added, change.core_removed, previous,
                                    shared_nodes, core_file, core_file.parent, shapes_key=shapes_key)
        result.save(saved)
        records.update(result.all())
        return merge_reports(sorted(records), shapes)
    sparql = sparql_shapes(shapes)
    # each call reads only what its shapes can read (see shacl_scope), unless they may read anything
    from .shacl_scope import WholeGraph, shapes_read, write_scoped_inputs
    sparql_file, shared_file = core_file, core_file
    try:
        read = shapes_read(shapes, sparql)
    except WholeGraph:
        pass
    else:
        sparql_file = core_file.with_name("global-sparql-input.nt")
        shared_file = core_file.with_name("global-shared-input.nt")
        write_scoped_inputs(core_file, shared_nodes, read, sparql_file, shared_file)
    calls = [(shared_file, {"focus_nodes": shared_nodes})]
    if sparql:
        calls.append((sparql_file, {"use_shapes": sparql}))
    if pool is not None:  # the two calls are independent and single-threaded: run them side by side
        pending = [pool.apply_async(_global_call, (str(path), options)) for path, options in calls]
        found = [[tuple(r) for r in job.get()] for job in pending]
    else:
        found = [[tuple(r) for r in _global_call(str(path), options)] for path, options in calls]
    GlobalRecords(found[0], found[1] if sparql else [], shared_nodes, shapes_key).save(saved)
    for part in found:
        records.update(part)
    return merge_reports(sorted(records), shapes)


def merge_reports(records: list[tuple[str, str]], shapes: Graph):
    """One sh:ValidationReport from result records."""
    from .validate import ShaclReport

    report = bind_prefixes(Graph())
    root = BNode("report")
    report.add((root, RDF.type, SH.ValidationReport))
    violations = 0
    texts = []
    for _, record in records:
        report.parse(data=record, format="nt")
    results = list(report.subjects(RDF.type, SH.ValidationResult))
    for r in results:
        report.add((root, SH.result, r))
        if report.value(r, SH.resultSeverity) == SH.Violation:
            violations += 1
    conforms = violations == 0
    report.add((root, SH.conforms, Literal(conforms)))
    nm = report.namespace_manager
    for r in sorted(results, key=lambda r: (str(report.value(r, SH.focusNode)), str(report.value(r, SH.sourceShape)))):
        texts.append(f"Constraint Violation in {report.value(r, SH.sourceConstraintComponent).n3(nm)}:\n"
                     f"\tSeverity: {report.value(r, SH.resultSeverity).n3(nm)}\n"
                     f"\tSource Shape: {report.value(r, SH.sourceShape).n3(nm)}\n"
                     f"\tFocus Node: {report.value(r, SH.focusNode).n3(nm)}\n"
                     f"\tMessage: {report.value(r, SH.resultMessage)}")
    text = f"Validation Report\nConforms: {conforms}\n" + (f"Results ({len(results)}):\n" + "\n".join(texts) + "\n"
                                                          if results else "")
    n_shapes = len(set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape)))
    return ShaclReport(conforms, report, text, len(results), n_shapes)


PER_GRAPH = re.compile(r"^#\s*per-graph\s*:\s*(\w+)\s*$", re.MULTILINE)
TYPES_OF = re.compile(r"^#\s*types-of\s*:\s*(\w+)\s*$", re.MULTILINE)
RDF_TYPE_TOKEN = f" <{RDF.type}> "
NAMED_GRAPH = re.compile(r"GRAPH\s*<([^>]+)>")


def run_violation_queries(project: Project, store, change=None, stems=()) -> dict:
    """Every stored ``*-violation`` query on the store. After an incremental change, a query whose header
    says ``# per-graph: COLUMN`` (each row comes from the named graph, or its article, in that column and
    depends on that graph alone, besides the graphs the query names with ``GRAPH <iri>``) runs on the
    changed graphs only, and keeps the last build's rows for every other graph; any other query, or one
    that names a changed graph, runs on everything. ``# types-of: COLUMN`` adds that a row depends on the
    rdf:type triples (in any graph) of the node in COLUMN as well: rows of unchanged graphs are dropped when
    that node gained a type, asked for again when it lost its last. The rows are kept in
    build/scale/violations.pickle."""
    import pickle

    import pyoxigraph as ox
    from .queries import stored_queries
    from .results import Result
    from .store import OxigraphStore
    cache = scale_dir(project) / "violations.pickle"
    previous = {}
    if change is not None and cache.exists():
        try:
            previous = pickle.loads(cache.read_bytes())
        except Exception:  # unreadable: run everything
            previous = {}
    changed = set(change.graphs) if change is not None else set()
    out = {}
    for name, query in stored_queries(project.queries_dir).items():
        if not query.is_violation_check:
            continue
        per_graph = PER_GRAPH.search(query.text)
        named = set(NAMED_GRAPH.findall(query.text))
        old = previous.get(name)
        if per_graph and old is not None and not (named & changed) and per_graph.group(1) in old.variables:
            column = old.variables.index(per_graph.group(1))
            scope = sorted(changed)
            fresh = OxigraphStore.__new__(OxigraphStore)
            fresh._ox = ox
            fresh.store = _Restricted(store.store, [ox.NamedNode(g) for g in scope + sorted(named)])
            new = fresh.query(query.text, None, {}) if scope else Result("SELECT", old.variables, [])

            def graph_of(row):
                value = str(row[column])
                return value.replace("/article/", "/graph/", 1)
            kept = [row for row in old.rows if graph_of(row) not in changed]
            types_of = TYPES_OF.search(query.text)
            if types_of and types_of.group(1) in old.variables:
                # rows of other graphs depend on the types (in any graph) of the node in that column too:
                # a node that gained one loses its rows, a node that lost its last one is asked about again
                value = old.variables.index(types_of.group(1))
                gained = {line.split(" ", 1)[0][1:-1] for line in change.merge_added if RDF_TYPE_TOKEN in line}
                lost = sorted({line.split(" ", 1)[0][1:-1] for line in change.merge_removed
                               if RDF_TYPE_TOKEN in line and line.startswith("<")})
                kept = [row for row in kept if str(row[value]) not in gained]
                for node in lost:
                    again = store.query(query.text, None, {types_of.group(1): URIRef(node)})
                    kept += [row for row in again.rows if graph_of(row) not in changed]
            rows = sorted(set(kept)) if types_of else kept
            rows += list(new.rows)
            rows.sort(key=lambda row: tuple("" if v is None else str(v) for v in row))
            out[name] = Result("SELECT", old.variables, rows)
        else:
            out[name] = store.query(query.text, None, {})
    cache.write_bytes(pickle.dumps(out))
    return out


class _Restricted:
    """An Oxigraph store whose queries see only some named graphs (GRAPH ?g ranges over them)."""

    def __init__(self, store, named_graphs):
        self._store = store
        self._named = named_graphs

    def query(self, text, **kwargs):
        return self._store.query(text, named_graphs=self._named, **kwargs)


def scoped_hermit(ontology, entities, metadata, stems, folder, store, change=None):
    """HermiT on the ontology, every entity description and a fixed sample of articles (their graphs and
    their metadata); the OWL RL consistency rules (disjointness, functional properties) on the whole store
    with SPARQL (after an incremental build: on the nodes the change touched, the rest as the last build
    found it)."""
    from .reason import ReasonerReport, hermit, without_text_spans

    graph = Graph()
    for g in (ontology, entities):
        for t in g:
            graph.add(t)
    for stem in stems[:HERMIT_SAMPLE]:
        for t in metadata.triples((ARTICLE[stem], None, None)):
            graph.add(t)
        graph.parse(data="".join(_strip_graph(l) for l in article_lines(folder, stem)), format="nt")
    # HermiT's verdict depends only on its input: cached by the input's hash, an incremental build that
    # does not touch the ontology, the entities or the sample does not start the JVM again
    key = sha("".join(sorted(_nt_row(t) for t in graph if not isinstance(t[0], BNode) and not isinstance(t[2], BNode)))
              + str(len(graph)))
    cache = folder.parent / "hermit.json"
    cached = json.loads(cache.read_text()) if cache.exists() else {}
    if cached.get("key") == key:
        report = ReasonerReport(cached["consistent"], 0.0, [tuple(x) for x in cached["types"]],
                                [tuple(x) for x in cached["values"]], cached["explanation"], cached["axioms"],
                                scope=cached.get("scope", ""), inferences_listed=False)
    else:
        # a consistency verdict on the facts: the computed text spans are most of the triples and their
        # axioms are SHACL constraints too (see checks.consistency); `wbkg reason` lists inferences
        sample = min(len(stems), HERMIT_SAMPLE)
        report = hermit(without_text_spans(graph), inferences=False,
                        scope=f"ontology, entities and {sample} article(s), facts without text spans")
        cache.write_text(json.dumps({"key": key, "consistent": report.consistent, "axioms": report.axioms,
                                     "scope": report.scope,
                                     "types": [[str(x) for x in t] for t in report.inferred_types],
                                     "values": [[str(x) for x in t] for t in report.inferred_values],
                                     "explanation": report.explanation}), encoding="utf-8")
    clashes = incremental_clashes(store, ontology, folder.parent / "clashes.json", change)
    if clashes:
        report = ReasonerReport(False, report.seconds, explanation=clashes, axioms=report.axioms)
    return report


def incremental_clashes(store, ontology: Graph, cache: Path, change=None) -> list[str]:
    """``owl_rl_clashes`` over the whole store, or, after an incremental change, over the nodes it touched
    with the last build's findings for every other node (a clash is about one node: its types, or its values
    of one property, all of which change only when a triple about it does). Kept in ``cache`` by node."""
    previous = json.loads(cache.read_text(encoding="utf-8")) if cache.exists() and change is not None else None
    if previous is None:
        found = owl_rl_clashes(store, ontology)
    else:
        touched = sorted(n for n in change.touched if not n.startswith("_:"))
        found = [line for node, lines in previous.items() if node not in change.touched for line in lines]
        found += owl_rl_clashes(store, ontology, touched) if touched else []
    by_node = defaultdict(list)
    for line in found:
        by_node[line[1:line.index(">")]].append(line)
    cache.write_text(json.dumps(by_node, sort_keys=True), encoding="utf-8")
    return sorted(found)


def owl_rl_clashes(store, ontology: Graph, individuals: list[str] | None = None) -> list[str]:
    """Disjoint classes (asserted types, via rdfs:subClassOf) and functional properties with two literal
    values, over the whole store (or the nodes ``individuals``): the OWL RL rules cax-dw and prp-fp (for
    literals), linear in the data."""
    from rdflib.collection import Collection
    from rdflib.namespace import OWL, RDFS

    closure = defaultdict(set)
    direct = defaultdict(set)
    for sub, sup in ontology.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            direct[sub].add(sup)
    for cls in set(direct) | {c for v in direct.values() for c in v}:
        seen, stack = {cls}, [cls]
        while stack:
            for sup in direct.get(stack.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    stack.append(sup)
        closure[cls] = seen
    pairs = set()
    for node in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(ontology, ontology.value(node, OWL.members)))
        pairs.update(frozenset((a, b)) for i, a in enumerate(members) for b in members[i + 1:])
    for a, b in ontology.subject_objects(OWL.disjointWith):
        pairs.add(frozenset((a, b)))
    disjoint = defaultdict(set)
    for pair in pairs:
        a, b = sorted(pair, key=str)
        disjoint[a].add(b)
    lines = []
    types = defaultdict(set)
    values = ""
    if individuals is not None:
        values = "VALUES ?s { " + " ".join(f"<{n}>" for n in individuals) + " } "
    for row in store.store.query("SELECT ?s ?c WHERE { " + values + "?s a ?c }"):
        types[row[0].value].add(row[1].value)
    # individuals share a handful of type combinations: close each combination once
    verdicts: dict[frozenset, list[tuple[str, str]]] = {}
    for individual, asserted in sorted(types.items()):
        combination = frozenset(asserted)
        if combination not in verdicts:
            classes = set()
            for c in combination:
                classes |= closure.get(URIRef(c), {URIRef(c)})
            verdicts[combination] = sorted((str(a), str(b)) for a in classes for b in disjoint.get(a, ())
                                           if b in classes)
        lines.extend(f"<{individual}> is both <{a}> and <{b}>, which are disjoint"
                     for a, b in verdicts[combination])
    for prop in sorted(ontology.subjects(RDF.type, OWL.FunctionalProperty), key=str):
        query = (f"SELECT ?s (COUNT(DISTINCT ?o) AS ?n) WHERE {{ {values}?s <{prop}> ?o FILTER(isLiteral(?o)) }} "
                 f"GROUP BY ?s HAVING (COUNT(DISTINCT ?o) > 1)")
        for row in store.store.query(query):
            lines.append(f"<{row[0].value}> has {row[1].value} values for functional <{prop}>")
    return lines


def scale_stats(shared: dict, entities, stems, summaries) -> dict:
    """The figures of ``wbkg stats``, counted from the pieces (every graph's lines are distinct triples)."""
    names = _piece_graphs()
    per_graph = Counter({names[name]: len(lines) for name, lines in shared.items()})
    per_graph.update({str(GRAPH[s]): summaries[s]["triples"] for s in stems})
    nm = bind_prefixes(Graph()).namespace_manager
    by_class = Counter(o.n3(nm) for o in entities.objects(None, RDF.type))
    facts = Counter()
    for stem in stems:
        facts.update(summaries[stem]["counts"])
    return {
        "articles": len(stems),
        "triples": sum(per_graph.values()),
        "named_graphs": len(per_graph),
        "triples_per_graph": dict(sorted(per_graph.items())) if len(per_graph) <= 200 else
        {k: v for k, v in sorted(per_graph.items()) if "/graph/" in k and not k.rsplit("/", 1)[1][:1].isdigit()
         and not k.rsplit("/", 1)[1].startswith("s0")},
        "entities_per_class": dict(sorted(by_class.items())),
        "entities": len(set(entities.subjects(RDF.type, None))),
        "fact_triples": sum(summaries[s]["fact_triples"] for s in stems),
        "article_nodes_per_class": dict(sorted(facts.items())),
    }


# --- the persistent store for queries -------------------------------------------------------------------

INFERRED_GRAPH = GRAPH["inferred"]


def input_stats(project: Project) -> dict:
    """Size and modification time of every input file: a cheap test that a build is up to date."""
    out = {}
    for folder, pattern in ((project.ontology_dir, "*.ttl"), (project.graph_dir, "*.ttl"),
                            (project.articles_graph_dir, "*.ttl"), (project.corpus_dir, "*"),
                            (project.shapes_dir, "*.ttl")):
        for path in sorted(folder.glob(pattern)):
            if path.is_file():
                st = path.stat()
                out[str(path.relative_to(project.root))] = [st.st_size, st.st_mtime_ns]
    return out


def open_persistent_store(project: Project, *, require_fresh: bool = True, inferred: bool = False):
    """The Oxigraph store of the last scalable build, opened read-only, or None when there is none (or,
    with ``require_fresh``, when an input changed since; or, with ``inferred``, when it holds no closure)."""
    manifest_path = scale_dir(project) / "manifest.json"
    path = store_dir(project)
    if not manifest_path.exists() or not path.exists():
        return None
    manifest = json.loads(manifest_path.read_text())
    if require_fresh and manifest.get("files") != input_stats(project):
        return None
    if inferred and not manifest.get("inferred"):
        # the first --inferred query materialises the closure (then it stays until the next build)
        try:
            from .rdfio import parse_turtle
            from .store import OxigraphStore
            writable = OxigraphStore(path)
            materialise_rules(writable, parse_turtle(project.ontology_file))
            writable.store.flush()
            del writable
            import gc
            gc.collect()
        except OSError:  # the store is open elsewhere: answer from memory instead
            return None
        manifest["inferred"] = True
        from .fileio import atomic_write_text
        atomic_write_text(manifest_path, json.dumps(manifest, indent=0, sort_keys=True) + "\n")
    return PersistentStore(path, inferred=inferred)


SNAPSHOT_FILE = "snapshot.json"


def write_snapshot_marker(project: Project, inputs: dict) -> None:
    """Record that build/wbkg.nq and build/wbkg.nt are the graph of these inputs (in-memory build)."""
    from .fileio import atomic_write_text
    atomic_write_text(project.build_dir / SNAPSHOT_FILE,
                      json.dumps({"code": CODE_VERSION, "files": inputs}, indent=0, sort_keys=True) + "\n")


def open_snapshot_store(project: Project):
    """An in-memory Oxigraph store loaded from the exports of the last in-memory build while its inputs are
    unchanged (the same store ``execute.store_for`` makes from a loaded graph: every named graph, and their
    merge as the default graph), or None. Loading 7,500 triples this way takes milliseconds, where parsing
    and grounding the sources takes most of a second."""
    marker = project.build_dir / SNAPSHOT_FILE
    nq, nt = project.build_dir / "wbkg.nq", project.build_dir / "wbkg.nt"
    if not (marker.exists() and nq.exists() and nt.exists()):
        return None
    try:
        recorded = json.loads(marker.read_text(encoding="utf-8"))
    except ValueError:
        return None
    if recorded.get("code") != CODE_VERSION or recorded.get("files") != input_stats(project):
        return None
    from .store import OxigraphStore
    return OxigraphStore.from_exports(nq.read_bytes(), nt.read_bytes())


class PersistentStore:
    """store.OxigraphStore over build/oxigraph/ (read-only); with ``inferred`` the default graph is the
    merge plus graph:inferred."""

    name = "oxigraph"

    def __init__(self, path: Path, inferred: bool = False):
        import pyoxigraph as ox
        from .store import OxigraphStore
        self._inner = OxigraphStore.__new__(OxigraphStore)
        self._inner._ox = ox
        self._inner.store = ox.Store.read_only(str(path))
        self.store = self._inner.store
        self.inferred = inferred

    def query(self, text: str, prepared, bindings: dict):
        if not self.inferred:
            return self._inner.query(text, prepared, bindings)
        ox = self._inner._ox
        original = self.store.query

        def with_closure(q, **kwargs):
            return original(q, default_graph=[ox.DefaultGraph(), ox.NamedNode(str(INFERRED_GRAPH))], **kwargs)
        self._inner.store = _QueryProxy(self.store, with_closure)
        try:
            return self._inner.query(text, prepared, bindings)
        finally:
            self._inner.store = self.store

    def __len__(self) -> int:
        return len(self.store)


class _QueryProxy:
    def __init__(self, store, query):
        self._store = store
        self.query = query

    def __getattr__(self, name):
        return getattr(self._store, name)


def materialise_rules(store, ontology: Graph) -> int:
    """The OWL RL closure the stored queries use, with SPARQL update rules on the store, into graph:inferred:
    rdfs:subPropertyOf (prp-spo1), owl:inverseOf (prp-inv), two-step property chains (prp-spo2),
    owl:TransitiveProperty (prp-trp), owl:SymmetricProperty (prp-symp), rdfs:domain / rdfs:range (prp-dom,
    prp-rng) and rdfs:subClassOf (cax-sco). The ontology's hierarchies are closed in Python first, so each
    rule maps a property straight to all its super-properties (a class to all its super-classes): two rounds
    (properties, then types) reach the fixpoint for this ontology, each one pass over the triples with the
    properties concerned, so the cost is linear in the data (transitive chains excepted). HermiT remains the
    judge of consistency; this closure only widens what queries see."""
    from rdflib.collection import Collection
    from rdflib.namespace import OWL, RDFS
    import pyoxigraph as ox

    def closure(pairs):
        direct = defaultdict(set)
        for a, b in pairs:
            if isinstance(a, URIRef) and isinstance(b, URIRef):
                direct[a].add(b)
        out = {}
        for start in list(direct):
            seen, stack = set(), [start]
            while stack:
                for nxt in direct.get(stack.pop(), ()):
                    if nxt not in seen:
                        seen.add(nxt)
                        stack.append(nxt)
            out[start] = seen - {start}
        return out
    supers = closure(ontology.subject_objects(RDFS.subPropertyOf))
    classes = closure(ontology.subject_objects(RDFS.subClassOf))
    target = f"<{INFERRED_GRAPH}>"

    def values(rows):
        return " ".join("(" + " ".join(f"<{t}>" for t in row) + ")" for row in sorted(rows))
    property_rounds = []
    pairs = {(sub, sup) for sub, sups in supers.items() for sup in sups}
    for a, b in ontology.subject_objects(OWL.inverseOf):
        if isinstance(a, URIRef) and isinstance(b, URIRef):
            for x, y in ((a, b), (b, a)):
                for yy in {y} | supers.get(y, set()):
                    property_rounds.append(
                        f"INSERT {{ GRAPH {target} {{ ?o <{yy}> ?s }} }} WHERE {{ ?s <{x}> ?o "
                        f"FILTER NOT EXISTS {{ ?o <{yy}> ?s }} }}")
    if pairs:
        property_rounds.insert(0, f"INSERT {{ GRAPH {target} {{ ?s ?sup ?o }} }} WHERE {{ VALUES (?sub ?sup) "
                                  f"{{ {values(pairs)} }} ?s ?sub ?o FILTER NOT EXISTS {{ ?s ?sup ?o }} }}")
    for prop, head in ontology.subject_objects(OWL.propertyChainAxiom):
        steps = []
        for step in Collection(ontology, head):
            inverse = ontology.value(step, OWL.inverseOf) if isinstance(step, BNode) else None
            steps.append(f"^<{inverse}>" if inverse is not None else f"<{step}>")
        if len(steps) == 2:
            for p in {prop} | supers.get(prop, set()):
                property_rounds.append(
                    f"INSERT {{ GRAPH {target} {{ ?s <{p}> ?o }} }} WHERE {{ ?s {steps[0]}/{steps[1]} ?o "
                    f"FILTER NOT EXISTS {{ ?s <{p}> ?o }} }}")
    for prop in ontology.subjects(RDF.type, OWL.TransitiveProperty):
        property_rounds.append(
            f"INSERT {{ GRAPH {target} {{ ?s <{prop}> ?o }} }} WHERE {{ ?s <{prop}>/<{prop}>+ ?o "
            f"FILTER NOT EXISTS {{ ?s <{prop}> ?o }} }}")
    for prop in ontology.subjects(RDF.type, OWL.SymmetricProperty):
        property_rounds.append(f"INSERT {{ GRAPH {target} {{ ?o <{prop}> ?s }} }} WHERE {{ ?s <{prop}> ?o "
                               f"FILTER NOT EXISTS {{ ?o <{prop}> ?s }} }}")
    # types: from domains and ranges (of a property or any sub-property), then every super-class
    typing = set()
    for relation, var in ((RDFS.domain, "?s"), (RDFS.range, "?o")):
        for prop, cls in ontology.subject_objects(relation):
            if isinstance(prop, URIRef) and isinstance(cls, URIRef):
                subs = {prop} | {sub for sub, sups in supers.items() if prop in sups}
                for sub in subs:
                    for c in {cls} | classes.get(cls, set()):
                        typing.add((var, sub, c))
    type_rounds = []
    for var in ("?s", "?o"):
        rows = {(p, c) for v, p, c in typing if v == var}
        if rows:
            type_rounds.append(
                f"INSERT {{ GRAPH {target} {{ {var} a ?c }} }} WHERE {{ VALUES (?p ?c) {{ {values(rows)} }} "
                f"{{ ?s ?p ?o }} UNION {{ GRAPH {target} {{ ?s ?p ?o }} }} FILTER(!isLiteral({var})) "
                f"FILTER NOT EXISTS {{ {var} a ?c }} }}")
    sub_sup = {(sub, sup) for sub, sups in classes.items() for sup in sups}
    if sub_sup:
        type_rounds.append(
            f"INSERT {{ GRAPH {target} {{ ?x a ?sup }} }} WHERE {{ VALUES (?sub ?sup) {{ {values(sub_sup)} }} "
            f"?x a ?sub FILTER NOT EXISTS {{ ?x a ?sup }} }}")
    s = store.store
    graph = ox.NamedNode(str(INFERRED_GRAPH))
    if s.contains_named_graph(graph):
        s.remove_graph(graph)
    for rule in property_rounds + type_rounds:
        s.update(rule)
    # inferred triples can repeat in graph:inferred only once (a graph is a set), and never repeat a stored one
    return sum(1 for _ in s.quads_for_pattern(None, None, None, graph))
