"""Where the server's data comes from: the last build's persistent store, its export files and its figures,
each reached through one function."""
from __future__ import annotations

import json
from pathlib import Path

from ..errors import UsageError
from ..project import Project


def open_backend(project: Project):
    """The build's Oxigraph store, opened read-only (``.query(text, prepared, bindings)`` and ``.store``, a
    pyoxigraph.Store), or None when the project has no build."""
    from ..pipeline.access import open_persistent_store
    return open_persistent_store(project, require_fresh=False)


def require_backend(project: Project, config=None):
    """The store the server answers from: the build's, or with ``--backend`` the remote store."""
    if config is not None and config.backend:
        from .remote import open_remote
        return open_remote(config.backend, config.merge_graph)
    backend = open_backend(project)
    if backend is None:
        raise UsageError(f"{project.root} has no build to serve: run `wbkg build` first (the server answers from "
                         f"the store it leaves in build/oxigraph/)")
    return backend


def require_views(project: Project):
    """Two views of the one read-only store: reviewed facts only (the default of every answer), and with the
    drafts (``include-drafts=true``). RocksDB is opened once per worker, not once per view or request."""
    from ..pipeline.views import store_view
    reviewed = require_backend(project)
    return reviewed, store_view(reviewed, include_drafts=True)


def store_time(project: Project) -> float:
    """When the build wrote what is served (its stats.json, written last; else now): the Last-Modified of
    every page, as the store does not change while the server runs."""
    import time
    try:
        return (project.build_dir / "stats.json").stat().st_mtime
    except OSError:
        return time.time()


def export_file(project: Project, fmt: str) -> Path:
    """The export of the last build in ``fmt`` (turtle, trig, json-ld, nt, nquads)."""
    from ..export.publish import output_path
    return output_path(project, fmt)


def build_figures(project: Project) -> dict:
    """The build's figures (build/stats.json: triples, entities, articles, named graphs), or {}."""
    try:
        return json.loads((project.build_dir / "stats.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


#: the dumps the server offers: (name, file, export format, media type)
DUMPS = (("Turtle", "wbkg.ttl", "turtle", "text/turtle"),
         ("TriG (named graphs kept)", "wbkg.trig", "trig", "application/trig"),
         ("JSON-LD", "wbkg.jsonld", "json-ld", "application/ld+json"),
         ("N-Triples", "wbkg.nt", "nt", "application/n-triples"),
         ("N-Quads", "wbkg.nq", "nquads", "application/n-quads"))


#: the drafts (wbkg ingest, not reviewed), published apart from the graph: (name, file, format, media type)
DRAFT_DUMPS = (("TriG, drafts only: not reviewed", "wbkg-drafts.trig", "trig", "application/trig"),
               ("N-Quads, drafts only: not reviewed", "wbkg-drafts.nq", "nquads", "application/n-quads"))


def dump_file(project: Project, file: str) -> Path | None:
    """The export behind /dump/<file>, when the build wrote it (the drafts' files only when there are drafts)."""
    from ..export.publish import drafts_path
    for dumps, locate in ((DUMPS, export_file), (DRAFT_DUMPS, drafts_path)):
        for _name, name, fmt, _media in dumps:
            if name == file:
                path = locate(project, fmt)
                return path if path.is_file() else None
    return None
