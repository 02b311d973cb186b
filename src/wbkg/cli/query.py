"""`wbkg query` (a stored query or a .rq file on the build's store) and `wbkg queries` (the list)."""
from __future__ import annotations

import click

from ..errors import EXIT_CHECK_FAILED
from .common import EPILOG_EXIT, bring_up_to_date, include_drafts_option, parse_params, project_of


@click.command(epilog=EPILOG_EXIT)
@click.argument("name")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query parameter (repeatable); IRIs may be prefixed names such as id:kfor.")
@click.option("--format", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "csv", "tsv", "json", "turtle", "json-ld", "nt"]),
              help="table/csv/tsv/json for SELECT and ASK; turtle/json-ld/nt for CONSTRUCT.")
@click.option("--inferred", is_flag=True, help="Query the OWL 2 RL closure (subproperties, inverses, chains).")
@click.option("--store", default="oxigraph", show_default=True,
              help="The store the query runs on: oxigraph (the build's persistent store) or rdflib (a copy of it "
                   "in memory, queried with rdflib's engine, the reference).")
@click.option("--endpoint", default=None, metavar="URL",
              help="Run it on a remote SPARQL 1.1 store instead (its query endpoint; see `wbkg publish`).")
@click.option("--merge-graph", default=None, metavar="IRI",
              help="With --endpoint: the named graph holding the merge, on a store whose default graph is the "
                   "union of its graphs (Virtuoso, GraphDB, Neptune).")
@include_drafts_option
@click.pass_context
def query(ctx, name, params, fmt, inferred, store, endpoint, merge_graph, include_drafts):
    """Run a stored query (by NAME) or a .rq FILE.

    A query whose name ends in -violation is a check: it exits 1 when it returns rows. The build is
    brought up to date first when an input changed since the last one. Reviewed facts only, unless
    --include-drafts.

    \b
    Example:
      wbkg query mission-contributors --param mission=id:kfor
      wbkg query entity-facts --param entity=id:kfor --format csv
      wbkg query articles --endpoint http://127.0.0.1:7878/query
    """
    from ..pipeline.access import open_built_store
    from ..query.stored import resolve
    from ..query.results import render
    from ..errors import InputError
    from ..sandbox import run_confined

    bound = parse_params(params)
    project = project_of(ctx)
    stored = resolve(project.queries_dir, name)
    stored.prepared  # parse (and refuse unsafe queries) before loading the graph
    stored.bindings(bound)
    if endpoint:   # a remote store: the process must reach it (only that URL), so it is not confined
        from ..errors import UsageError
        from ..store import backend
        if inferred:
            raise UsageError("--inferred: the closure is not published; query it on the build's store",
                             parameter="--inferred")
        result = backend("remote")(endpoint, merge_graph=merge_graph, include_drafts=include_drafts).query(
            stored.text, stored.prepared, stored.bindings(bound))
        text, rows = render(result, fmt), len(result)
    else:
        bring_up_to_date(project, store)

        def run():   # in a child with no network (wbkg.sandbox), whatever the query says
            target = open_built_store(project, backend=store, inferred=inferred, include_drafts=include_drafts)
            try:
                result = target.query(stored.prepared.text, stored.prepared, stored.bindings(bound))
            except SyntaxError as exc:   # Oxigraph's parser is stricter than rdflib's, which checked it first
                raise InputError(f"the store refused the query: {str(exc).splitlines()[0]}", stored.path) from None
            return render(result, fmt), len(result)
        text, rows = run_confined(run)
    click.echo(text, nl=False)
    if stored.is_violation_check and rows:
        ctx.exit(EXIT_CHECK_FAILED)


@click.command(name="queries", epilog=EPILOG_EXIT)
@click.option("--verbose", "-v", is_flag=True, help="Also show descriptions and parameters.")
@click.option("--markdown", is_flag=True, help="Print queries/README.md, generated from the query headers.")
@click.pass_context
def list_queries(ctx, verbose, markdown):
    """List the stored queries: name and title.

    \b
    Example:
      wbkg queries
      wbkg queries --markdown > queries/README.md
    """
    from ..query.stored import readme, stored_queries

    queries = stored_queries(project_of(ctx).queries_dir)
    if markdown:
        click.echo(readme(queries), nl=False)
        return
    width = max((len(n) for n in queries), default=0)
    for name, q in queries.items():
        click.echo(f"{name.ljust(width)}  {q.title}")
        if verbose:
            if q.description:
                click.echo(f"{' ' * width}    {q.description}")
            for p in q.parameters:
                example = f" (example: {p.example})" if p.example else ""
                click.echo(f"{' ' * width}    --param {p.name}=<{p.kind}> "
                           f"{'required' if p.required else 'optional'}: {p.description}{example}")
