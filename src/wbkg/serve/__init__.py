"""`wbkg serve`: a read-only SPARQL 1.1 Protocol endpoint and linked-data pages over the build's store.

The server never loads the graph: it and each worker open the store the last `wbkg build` left
(build/oxigraph/) read-only, pages are SPARQL queries on it, and the dumps are the build's export files.

- ``config``      the options and their defaults
- ``backend``     where the build's store, export files and figures are (one function each)
- ``app``         the Starlette application: routes, size limits, the protocol front end, dumps, error mapping
- ``pool``        worker processes forked from a zygote; timeouts kill and replace them
- ``worker``      what a worker does: open the store, answer jobs
- ``context``     what pages see: the store, the vocabulary, the stored queries, the settings
- ``protocol``    SPARQL in a worker: parse, refuse (updates, SERVICE, FROM, unknown graphs), evaluate, serialise
- ``engine``      protocol queries on the store (default-graph-uri / named-graph-uri)
- ``negotiate``   Accept headers and format parameters
- ``reader``      SPARQL for the pages: prefixes, bound parameters, rows of rdflib terms
- ``terms``       labels and classes of the nodes a page shows
- ``vocabulary``  the ontology's classes and labels, read once at start-up
- ``replies``     replies: HTML from templates, RDF in the negotiated format, 404, 406
- ``templating``  the Jinja2 environment (templates/*.html, autoescaped)
- ``svg``         the pictures (neighbourhood graph, timeline), drawn on the server
- ``pages``       one module per kind of page
"""
from __future__ import annotations

import gc
import sys

from .config import ServerConfig

__all__ = ["ServerConfig", "prepare_startup", "serve"]


def prepare_startup(project, config: ServerConfig, log=None):
    """What the server reads before any worker is forked: that there is a build, the ontology's vocabulary,
    the stored queries, the build's figures. The store is opened and closed again here: a RocksDB handle
    must not cross a fork (its threads do not)."""
    from ..query.stored import stored_queries
    from .backend import build_figures, require_backend
    from .context import Startup
    from .vocabulary import Vocabulary
    from .worker import reader_of

    log = log or (lambda message: print(message, file=sys.stderr, flush=True))
    backend = require_backend(project, config)
    reader = reader_of(backend)
    vocab = Vocabulary.load(reader)
    graphs = len(reader.graph_names())
    del reader, backend
    gc.collect()
    try:
        queries = stored_queries(project.queries_dir)
    except Exception as exc:   # a stored query being written must not stop the server
        log(f"wbkg serve: warning: stored queries not listed: {exc}")
        queries = {}
    startup = Startup(project, config, vocab, queries, build_figures(project))
    return startup, graphs


def serve(project, config: ServerConfig, log=None) -> None:
    """Check the build, fork the zygote, and serve until interrupted."""
    import uvicorn

    from .app import create_app
    from .pool import Zygote
    from .worker import starter

    log = log or (lambda message: print(message, file=sys.stderr, flush=True))
    startup, graphs = prepare_startup(project, config, log)
    zygote = Zygote(starter(startup), memory_mb=config.memory_mb, hard_seconds=max(30.0, config.timeout))
    try:
        app = create_app(config, zygote, project)
        triples = startup.figures.get("triples", "?")
        source = f"the remote store {config.backend}" if config.backend else "build/oxigraph, read-only"
        log(f"wbkg serve: {project.root}: {triples} triples in {graphs} graphs ({source}); "
            f"{config.workers} workers, timeout {config.timeout:g} s, at most {config.max_rows} rows; "
            f"CORS {'for ' + ', '.join(config.cors) if config.cors else 'off'}")
        log(f"wbkg serve: listening on http://{config.host}:{config.port}/ (SPARQL endpoint: /sparql); "
            f"links as {config.public_url}")
        uvicorn.run(app, host=config.host, port=config.port, log_level="warning", access_log=False,
                    h11_max_incomplete_event_size=config.max_url + 64 * 1024, lifespan="on",
                    timeout_graceful_shutdown=5)
    finally:
        zygote.close()
