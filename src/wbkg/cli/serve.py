"""`wbkg serve`: the read-only SPARQL endpoint and linked-data pages."""
from __future__ import annotations

import click

from .common import EPILOG_EXIT, project_of


@click.command(epilog=EPILOG_EXIT)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds a query (or page) may run before it is stopped (503).")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(min=1),
              help="Rows (SELECT) or triples (CONSTRUCT) per answer; more is cut and flagged (Wbkg-Truncated).")
@click.option("--max-body", default=1024 * 1024, show_default=True, type=click.IntRange(min=1024),
              help="Largest request body in bytes (413 above).")
@click.option("--max-url", default=32 * 1024, show_default=True, type=click.IntRange(min=1024),
              help="Longest path + query string in bytes (414 above).")
@click.option("--workers", default=None, type=click.IntRange(min=1),
              help="Query worker processes (default: 2-4 by CPU count).")
@click.option("--queue", default=32, show_default=True, type=click.IntRange(min=0),
              help="Requests that may wait for a busy worker; more get 503 with Retry-After.")
@click.option("--memory-mb", default=1024, show_default=True, type=click.IntRange(min=0),
              help="Memory a worker may use beyond the loaded graph (0: no cap); a query over it is stopped.")
@click.option("--cors", "cors", multiple=True, metavar="ORIGIN",
              help="Allow cross-origin requests from ORIGIN (repeatable; '*' for any). Off by default.")
@click.option("--base-url", default=None, metavar="URL",
              help="Where clients reach this server, for the links of VoID and the dumps (default http://HOST:PORT).")
@click.option("--backend", default=None, metavar="URL",
              help="Answer from a remote SPARQL 1.1 store at this query endpoint (filled by `wbkg publish`) instead "
                   "of the build's store; only this URL is contacted.")
@click.option("--merge-graph", default=None, metavar="IRI",
              help="With --backend: the named graph holding the merge, on a store whose default graph is the union "
                   "of its graphs (Virtuoso, GraphDB, Neptune).")
@click.pass_context
def serve(ctx, host, port, timeout, max_rows, max_body, max_url, workers, queue, memory_mb, cors, base_url, backend,
          merge_graph):
    """Serve the graph: a read-only SPARQL 1.1 Protocol endpoint at /sparql and linked-data pages
    (entities, articles, ontology, timeline, VoID, dumps) with content negotiation, answered from the
    build's store (brought up to date first; a graph that fails a check is not served).

    \b
    Example:
      wbkg serve --port 8000
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' \\
           http://127.0.0.1:8000/sparql
    """
    from ..pipeline.access import require_passing
    from ..serve import ServerConfig, serve as run_server

    options = dict(host=host, port=port, timeout=timeout, max_rows=max_rows, max_body=max_body, max_url=max_url,
                   queue=queue, memory_mb=memory_mb, cors=tuple(cors), base_url=base_url,
                   backend=backend, merge_graph=merge_graph)
    if workers:
        options["workers"] = workers
    config = ServerConfig(**options)
    project = project_of(ctx)
    require_passing(project, "nothing is served")
    run_server(project, config)

