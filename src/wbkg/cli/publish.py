"""`wbkg publish`: the passing build's graphs into a SPARQL 1.1 store (Graph Store HTTP Protocol)."""
from __future__ import annotations

import os

import click

from .common import EPILOG_EXIT, project_of

MERGE_HELP = ("The store's default graph is the union of all its graphs (Virtuoso, GraphDB, Neptune): keep the "
              "merge in this named graph instead, and query with it as the default graph.")


@click.command(epilog=EPILOG_EXIT)
@click.option("--graph-store", required=True, metavar="URL",
              help="The store's Graph Store HTTP Protocol endpoint (Oxigraph server: http://HOST:7878/store; "
                   "Virtuoso: http://HOST:8890/sparql-graph-crud-auth).")
@click.option("--endpoint", default=None, metavar="URL",
              help="Its SPARQL query endpoint, for the check of the counts (default: beside a known graph store).")
@click.option("--merge-graph", default=None, metavar="IRI", help=MERGE_HELP)
@click.option("--user", default=None, help="User name, when the graph store asks for one (HTTP digest).")
@click.option("--password-env", default=None, metavar="VAR",
              help="The environment variable holding the password (never given on the command line).")
@click.option("--include-drafts", is_flag=True,
              help="Also publish the drafts, each in its own named graph graph:draft/<id> (never in the default graph).")
@click.option("--full", is_flag=True, help="Send every graph, whatever was published to this store before.")
@click.pass_context
def publish(ctx, graph_store, endpoint, merge_graph, user, password_env, include_drafts, full):
    """Publish the graph into a SPARQL 1.1 store: a PUT per named graph that changed since the last publish
    to that store (a first publish to an Oxigraph server: one bulk N-Quads POST), the merge as the default
    graph, then the triple count of every graph checked through the query endpoint. The build is brought up
    to date first; a graph that fails a check is not published.

    \b
    Example:
      wbkg publish --graph-store http://127.0.0.1:7878/store
      VIRTUOSO_PASSWORD=... wbkg publish --graph-store http://127.0.0.1:8890/sparql-graph-crud-auth \\
          --merge-graph https://w3id.org/wbkg/graph/merge --user dba --password-env VIRTUOSO_PASSWORD
    """
    from ..pipeline.access import require_passing
    from ..publish import publish as run_publish
    from ..publish.gsp import check_url, credentials

    check_url(graph_store, "--graph-store")
    auth = credentials(user, password_env, os.environ)
    project = project_of(ctx)
    require_passing(project, "nothing is published")
    log = lambda message: click.echo(message, err=True)  # noqa: E731
    done = run_publish(project, graph_store, endpoint=endpoint, merge_graph=merge_graph,
                       include_drafts=include_drafts, auth=auth, full=full, log=log)
    how = f" in one bulk request ({done.bulk})" if done.bulk else f" in {len(done.requests)} requests"
    click.echo(f"published {len(done.sent)} graphs{how}, deleted {len(done.deleted)}, {done.unchanged} unchanged; "
               f"verified {done.verified} graphs ({done.triples} triples) in {done.seconds:.2f} s")
    for graph, found in done.folded.items():
        shown = "; ".join(str(f) for f in found[:3]) + ("; ..." if len(found) > 3 else "")
        click.echo(f"{graph}: the store holds {len(found)} group(s) of literals of equal value as one triple "
                   f"each, as it does by design (docs/STORES.md, Dialects): {shown}")
