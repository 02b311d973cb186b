"""`wbkg build` and what the other commands need of a build: one pipeline (scale.build_scalable: per-article
work cached by content hash, a persistent Oxigraph store updated by difference, the checks, the exports),
and the build's store, brought up to date first when an input changed since the last build."""
from __future__ import annotations

import json
from pathlib import Path

from .errors import CheckFailed, UsageError
from .paths import Project

EXPORT_NAME = "wbkg"


def output_path(project: Project, fmt: str) -> Path:
    from .export import FORMATS
    return project.build_dir / f"{EXPORT_NAME}.{FORMATS[fmt][0]}"


def build(project: Project, *, reason: bool = True, jobs: int | None = None, show_progress: bool = False):
    """Build, check and publish (scale.build_scalable); returns its ScaleBuildResult."""
    from .scale import build_scalable
    return build_scalable(project, reason=reason, jobs=jobs, progress=show_progress)


def _manifest(project: Project) -> dict | None:
    from .scale import scale_dir
    path = scale_dir(project) / "manifest.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_fresh(project: Project) -> bool:
    """The build's store holds the graph of the inputs as they are now (sizes and modification times)."""
    from . import incremental
    from .scale import input_stats, scale_dir, store_dir
    manifest = _manifest(project)
    return (manifest is not None and store_dir(project).exists() and not incremental.pending(scale_dir(project))
            and manifest.get("files") == input_stats(project))


def ensure_built(project: Project, *, progress: bool = True) -> bool:
    """Bring the build up to date (an incremental `wbkg build`) when an input changed since the last one;
    return whether the graph passes every check. Input errors raise InputError (exit 2)."""
    if not is_fresh(project):
        return build(project, show_progress=progress).ok
    return bool((_manifest(project) or {}).get("ok"))


def open_build_store(project: Project, *, backend: str = "oxigraph", inferred: bool = False,
                     progress: bool = True):
    """The build's store, after ``ensure_built``: the persistent Oxigraph store opened read-only, or
    (``backend`` another registered store) a copy of it loaded into that backend. ``inferred``: queries also
    see the OWL RL closure (graph:inferred), materialised in the store the first time it is asked for."""
    from .scale import open_persistent_store
    from .store import backend as backend_class
    backend_class(backend)  # an unknown backend is a usage error before any work
    ensure_built(project, progress=progress)
    store = open_persistent_store(project, require_fresh=False, inferred=inferred)
    if store is None:
        raise UsageError(f"{project.build_dir}: no build store; run `wbkg build`", parameter="--root")
    if backend == "oxigraph":
        return store
    return backend_class(backend).from_exports(store.dump_nquads(), b"")


def require_passing(project: Project, what: str) -> None:
    """``ensure_built``, then CheckFailed (exit 1) when the graph fails a check: nothing failing is served
    or exported."""
    if not ensure_built(project):
        raise CheckFailed(f"the graph fails its checks ({project.build_dir / 'check-report.txt'}); {what}")


def build_stats(project: Project) -> dict:
    """The figures of the last build (``wbkg stats``), after ``ensure_built``."""
    from .scale import scale_dir
    ensure_built(project)
    return json.loads((scale_dir(project) / "stats.json").read_text(encoding="utf-8"))


def data_graph(project, extra=()):
    """The graph SHACL and HermiT see, from the build (brought up to date first): every content graph merged
    with the ontology (build/scale/merge-without-view.nt), plus the Turtle files in ``extra``."""
    from .namespaces import bind_prefixes
    from .rdfio import parse_turtle
    from .scale import scale_dir
    from rdflib import Graph
    ensure_built(project)
    merged = bind_prefixes(Graph())
    merged.parse(scale_dir(project) / "merge-without-view.nt", format="nt")
    for path in extra:
        parse_turtle(path, merged)
    return merged


def build_report(project):
    """The SHACL report of the build (brought up to date first), as a validate.ShaclReport."""
    from rdflib import Graph
    from rdflib.namespace import RDF, SH

    from .namespaces import bind_prefixes
    from .shacl.engine import ShaclReport, load_shapes
    ensure_built(project)
    graph = bind_prefixes(Graph()).parse(project.build_dir / "shacl-report.ttl", format="turtle")
    text = (project.build_dir / "shacl-report.txt").read_text(encoding="utf-8")
    conforms = all(bool(c.toPython()) for c in graph.objects(None, SH.conforms))
    results = len(set(graph.subjects(RDF.type, SH.ValidationResult)))
    shapes = load_shapes(project.shapes_dir)
    n_shapes = len(set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape)))
    return ShaclReport(conforms, graph, text, results, n_shapes)
