"""`wbkg serve`: a read-only SPARQL 1.1 Protocol endpoint and linked-data pages over the loaded graph.

Layout of this package:

- ``config``    the options and their defaults
- ``pool``      worker processes (forked from a zygote) that hold the graph; timeouts kill and replace them
- ``app``       the Starlette application: routes, size limits, the protocol front end, error mapping
- ``protocol``  SPARQL in a worker: parse, refuse (updates, SERVICE, FROM, unknown graphs), evaluate, serialise
- ``negotiate`` Accept headers and format parameters
- ``site``      linked-data pages in a worker: entity, article, ontology, graph, timeline, index, VoID, dumps
- ``svg``       the pictures (neighbourhood graph, timeline), drawn on the server
- ``templates`` the HTML templates
- ``state``     indexes computed once before the fork
"""
from __future__ import annotations

import sys

from .config import ServerConfig

__all__ = ["ServerConfig", "prepare_state", "serve"]


def make_handler(state):
    """The function a worker calls for each job."""
    from . import protocol, site

    pages = {"index": site.index, "entity": site.entity, "article": site.article, "ontology": site.ontology,
             "graph": site.graph_resource, "browse": site.browse, "timeline": site.timeline, "void": site.void,
             "queries": site.stored_queries, "dump": site.dump, "context": site.context,
             "query_form": site.query_form, "error": lambda st, payload: site.error_page(payload)}

    def handle(kind: str, payload):
        if kind == "sparql":
            return protocol.run(state, payload)
        if kind == "page":
            name, args = payload
            return pages[name](state, args)
        raise ValueError(f"unknown job kind {kind!r}")
    return handle


def prepare_state(project, config: ServerConfig, log=None):
    """Load the project and build the indexes (before any worker is forked)."""
    from ..load import load
    from ..queries import stored_queries
    from .state import State

    log = log or (lambda message: print(message, file=sys.stderr, flush=True))
    loaded = load(project)
    if loaded.problems:
        log(f"wbkg serve: warning: the graph has {len(loaded.problems)} problem(s) (see `wbkg build`); "
            f"serving it as loaded")
    try:
        queries = stored_queries(project.queries_dir)
    except Exception as exc:   # a stored query being written must not stop the server
        log(f"wbkg serve: warning: stored queries not listed: {exc}")
        queries = {}
    return State.build(loaded, config, queries)


def serve(project, config: ServerConfig, log=None) -> None:
    """Load, fork the zygote, and serve until interrupted."""
    import uvicorn

    from .app import create_app
    from .pool import Zygote

    log = log or (lambda message: print(message, file=sys.stderr, flush=True))
    state = prepare_state(project, config, log)
    zygote = Zygote(make_handler(state), memory_mb=config.memory_mb, hard_seconds=max(30.0, config.timeout))
    try:
        app = create_app(config, zygote)
        triples = sum(len(g) for g in state.held_graphs.values())
        log(f"wbkg serve: {project.root}: {triples} triples in {len(state.held_graphs)} graphs; "
            f"{config.engine} engine, {config.workers} workers, timeout {config.timeout:g} s, at most {config.max_rows} rows; "
            f"CORS {'for ' + ', '.join(config.cors) if config.cors else 'off'}")
        log(f"wbkg serve: listening on http://{config.host}:{config.port}/ (SPARQL endpoint: /sparql)")
        uvicorn.run(app, host=config.host, port=config.port, log_level="warning", access_log=False,
                    h11_max_incomplete_event_size=config.max_url + 64 * 1024, lifespan="on",
                    timeout_graceful_shutdown=5)
    finally:
        zygote.close()
