"""The wbkg command line: thin click commands over the library.

Exit codes: 0 ok; 1 the graph does not conform, is inconsistent, or a check returned rows;
2 usage or input error (the message names the file, line or parameter at fault).
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import EXIT_CHECK_FAILED, EXIT_USAGE, CheckFailed, WbkgError, display_path
from .paths import locate

EPILOG_EXIT = "Exit codes: 0 ok, 1 a check failed, 2 usage or input error."


class WbkgGroup(click.Group):
    """Turns library errors into a message on stderr and the documented exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except WbkgError as exc:
            click.echo(f"wbkg: error: {exc}", err=True)
            ctx.exit(exc.exit_code)


def project_of(ctx):
    return locate(ctx.obj.get("root"))


@click.group(cls=WbkgGroup, epilog=EPILOG_EXIT)
@click.version_option(__version__, prog_name="wbkg")
@click.option("--root", type=click.Path(file_okay=False), default=None,
              help="Project folder (default: WBKG_HOME, or the folder holding ontology/wbkg.ttl).")
@click.pass_context
def main(ctx, root):
    """wbkg: a knowledge graph of UK defence and security cooperation with the Western Balkans.

    \b
    Example:
      wbkg build && wbkg query mission-contributors --param mission=id:kfor
    """
    ctx.ensure_object(dict)
    ctx.obj["root"] = root


def _load(ctx):
    from .load import load
    return load(project_of(ctx))


def _seconds(timings: dict) -> str:
    return ", ".join(f"{k} {v:.2f}s" for k, v in timings.items())


@main.command(epilog=EPILOG_EXIT)
@click.option("--no-reason", is_flag=True, help="Skip the OWL consistency check (HermiT).")
@click.option("--store", type=click.Choice(["auto", "rdflib", "oxigraph"]), default="auto", show_default=True,
              help="rdflib: everything in memory (small corpora); oxigraph: the scalable pipeline (parallel, "
                   "incremental, persistent store in build/oxigraph/); auto: by corpus size.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for the scalable pipeline (default: all cores).")
@click.pass_context
def build(ctx, no_reason, store, jobs):
    """Build, check and export the graph from the articles into build/.

    Loads the ontology, entity descriptions and one named graph per article; verifies every quote against
    its article and computes offsets and mentions; validates with SHACL; runs the *-violation queries;
    checks OWL consistency with HermiT; then writes Turtle, TriG, JSON-LD, N-Triples and N-Quads. A graph
    that fails a check is not published: the previous outputs stay as they were.

    A large corpus is built by the scalable pipeline: each article is processed once and cached, so a
    rebuild after adding or changing an article redoes only that article (and what depends on changed
    entity descriptions), then the global checks and the exports. Progress shows on stderr.

    \b
    Example:
      wbkg build
      wbkg build --store oxigraph --jobs 2
    """
    from .build import build as run_build

    project = project_of(ctx)
    result = run_build(project, reason=not no_reason, store=store, jobs=jobs, show_progress=True)
    s = result.stats
    click.echo(f"wbkg {__version__}: {display_path(project.root)}")
    click.echo(f"articles: {s['articles']}; triples: {s['triples']} in {s['named_graphs']} named graphs; "
               f"entities: {s['entities']}; facts: {s['fact_triples']}")
    per_class = ", ".join(f"{k.split(':')[-1]} {v}" for k, v in s["entities_per_class"].items())
    click.echo(f"entities per class: {per_class}")
    nodes = ", ".join(f"{k.split(':')[-1]} {v}" for k, v in s["article_nodes_per_class"].items())
    click.echo(f"in article graphs: {nodes}")
    click.echo(result.checks.render().rstrip())
    if result.ok:
        click.echo("outputs: " + ", ".join(str(p.relative_to(project.root)) for p in result.outputs))
    else:
        click.echo("outputs: not written (the previous outputs are unchanged); report: "
                   + ", ".join(str(p.relative_to(project.root)) for p in result.reports))
    if hasattr(result, "redone"):
        click.echo(f"store: oxigraph ({project.build_dir / 'oxigraph'}); articles processed: {len(result.redone)}, "
                   f"reused from cache: {result.reused}")
    click.echo(f"time: {_seconds(result.timings)}")
    if not result.ok:
        ctx.exit(EXIT_CHECK_FAILED)


@main.command(epilog=EPILOG_EXIT)
@click.option("--format", "fmt", type=click.Choice(["text", "turtle"]), default="text", show_default=True,
              help="Human-readable text or the SHACL validation report graph in Turtle.")
@click.option("--with", "extra", multiple=True, type=click.Path(dir_okay=False),
              help="Extra Turtle data to validate together with the graph (repeatable).")
@click.option("--engine", type=click.Choice(["auto", "pyshacl", "turbo"]), default="auto", show_default=True,
              help="SHACL engine: pyshacl (the reference) or pyshacl-turbo (same results, faster).")
@click.pass_context
def validate(ctx, fmt, extra, engine):
    """Validate the graph against the SHACL shapes in shapes/.

    \b
    Example:
      wbkg validate
      wbkg validate --format turtle > report.ttl
    """
    from .rdfio import parse_turtle
    from .validate import data_graph, load_shapes, validate_graph

    loaded = _load(ctx)
    data = data_graph(loaded)
    for path in extra:
        parse_turtle(Path(path), data)
    report = validate_graph(data, load_shapes(loaded.project.shapes_dir), engine=engine)
    if fmt == "turtle":
        click.echo(report.graph.serialize(format="turtle"), nl=False)
    else:
        click.echo(report.summary())
        if not report.conforms:
            click.echo(report.text.rstrip())
    if not report.conforms:
        ctx.exit(EXIT_CHECK_FAILED)


@main.command(epilog=EPILOG_EXIT)
@click.option("--with", "extra", multiple=True, type=click.Path(dir_okay=False),
              help="Extra Turtle data to reason over together with the graph (repeatable).")
@click.option("--limit", default=20, show_default=True, help="How many inferences of each kind to list.")
@click.pass_context
def reason(ctx, extra, limit):
    """Check OWL consistency with HermiT and list what it infers.

    \b
    Example:
      wbkg reason
    """
    from .rdfio import parse_turtle
    from .reason import hermit
    from .validate import data_graph

    loaded = _load(ctx)
    data = data_graph(loaded)
    for path in extra:
        parse_turtle(Path(path), data)
    report = hermit(data)
    nm = loaded.dataset.namespace_manager
    click.echo(f"{report.summary()} ({report.axioms} triples, {report.seconds:.2f}s)")
    if report.consistent:
        if report.inferred_types:
            click.echo("inferred class memberships:")
            for s, o in report.inferred_types[:limit]:
                click.echo(f"  {s.n3(nm)} a {o.n3(nm)}")
        if report.inferred_values:
            click.echo("inferred property values:")
            for s, p, o in report.inferred_values[:limit]:
                click.echo(f"  {s.n3(nm)} {p.n3(nm)} {o.n3(nm)}")
        shown = min(limit, len(report.inferred_types)) + min(limit, len(report.inferred_values))
        hidden = len(report.inferred_types) + len(report.inferred_values) - shown
        if hidden > 0:
            click.echo(f"  ... and {hidden} more (--limit)")
    else:
        ctx.exit(EXIT_CHECK_FAILED)


def _parse_params(values) -> dict[str, str]:
    params = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{item!r}: expected name=value", param_hint="--param")
        params[name.lstrip("?")] = value
    return params


@main.command(epilog=EPILOG_EXIT)
@click.argument("name")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query parameter (repeatable); IRIs may be prefixed names such as id:kfor.")
@click.option("--format", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "csv", "tsv", "json", "turtle", "json-ld", "nt"]),
              help="table/csv/tsv/json for SELECT and ASK; turtle/json-ld/nt for CONSTRUCT.")
@click.option("--inferred", is_flag=True, help="Query the OWL 2 RL closure (subproperties, inverses, chains).")
@click.option("--store", type=click.Choice(["auto", "oxigraph", "rdflib"]), default="auto", show_default=True,
              help="auto: the persistent store of the last scalable build when it is up to date, else the graph "
                   "loaded in memory and queried with Oxigraph; oxigraph: the persistent store (or Oxigraph in "
                   "memory when there is none); rdflib: rdflib's engine on the graph loaded in memory.")
@click.pass_context
def query(ctx, name, params, fmt, inferred, store):
    """Run a stored query (by NAME) or a .rq FILE.

    A query whose name ends in -violation is a check: it exits 1 when it returns rows.

    \b
    Example:
      wbkg query mission-contributors --param mission=id:kfor
      wbkg query entity-facts --param entity=id:kfor --format csv
    """
    from .queries import resolve
    from .results import render

    bound = _parse_params(params)
    project = project_of(ctx)
    stored = resolve(project.queries_dir, name)
    stored.prepared  # parse (and refuse unsafe queries) before loading the graph
    stored.bindings(bound)
    persistent = None
    if store != "rdflib":
        from .scale import open_persistent_store
        persistent = open_persistent_store(project, require_fresh=(store == "auto"), inferred=inferred)
        if persistent is None and not inferred:
            from .scale import open_snapshot_store
            persistent = open_snapshot_store(project)  # the exports of an up-to-date in-memory build
    if persistent is not None:
        result = persistent.query(stored.text, stored.prepared, stored.bindings(bound))
    else:
        from .execute import run
        loaded = _load(ctx)
        result = run(loaded, stored, bound, inferred=inferred, store="rdflib" if store == "rdflib" else "oxigraph")
    click.echo(render(result, fmt), nl=False)
    if stored.is_violation_check and len(result):
        ctx.exit(EXIT_CHECK_FAILED)


@main.command(name="queries", epilog=EPILOG_EXIT)
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
    from .queries import readme, stored_queries

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


@main.command(epilog=EPILOG_EXIT)
@click.option("--format", "fmt", default="turtle", show_default=True,
              type=click.Choice(["turtle", "json-ld", "nt", "trig", "nquads"]),
              help="turtle, json-ld and nt merge the named graphs; trig and nquads keep them.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write to this file (atomically) instead of stdout.")
@click.option("--no-checks", is_flag=True, help="Export without running SHACL and the violation queries.")
@click.pass_context
def export(ctx, fmt, output, no_checks):
    """Export the graph. The graph is checked first (grounding, SHACL, violation queries); a graph that
    fails is not exported and an existing output file is left as it was.

    \b
    Example:
      wbkg export --format json-ld -o wbkg.jsonld
      wbkg export --format trig | head
    """
    from .checks import run_checks
    from .export import serialize_dataset
    from .fileio import atomic_write_text, check_writable

    if output:
        check_writable(output)
    loaded = _load(ctx)
    if not no_checks:
        report = run_checks(loaded, reason=False)
        if not report.ok:
            click.echo(report.render().rstrip(), err=True)
            raise CheckFailed("the graph fails its checks; nothing was exported"
                              + (f" and {output} is unchanged" if output else ""))
    text = serialize_dataset(loaded.dataset, fmt)
    if output:
        atomic_write_text(output, text)
        click.echo(f"wrote {output} ({len(text.encode('utf-8'))} bytes)", err=True)
    else:
        sys.stdout.write(text)


@main.command(epilog=EPILOG_EXIT)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def stats(ctx, fmt):
    """Counts: articles, triples per named graph, entities per class, facts, mentions.

    \b
    Example:
      wbkg stats
    """
    import json

    from .stats import compute, render

    figures = compute(_load(ctx))
    click.echo(json.dumps(figures, indent=1) if fmt == "json" else render(figures).rstrip())


@main.command(epilog=EPILOG_EXIT)
@click.argument("entity")
@click.pass_context
def show(ctx, entity):
    """Everything the graph says about ENTITY (a label, IRI or prefixed name), with the article and
    quote behind each fact.

    \b
    Example:
      wbkg show "Albin Kurti"
      wbkg show id:kfor
    """
    from .describe import render, resolve_entity
    from .scale import open_persistent_store, open_snapshot_store

    project = project_of(ctx)
    store = open_persistent_store(project, require_fresh=False) or open_snapshot_store(project)
    if store is None:  # no build yet: from the sources, as before (goes with the in-memory pipeline)
        from .execute import store_for
        store = store_for(_load(ctx))
    click.echo(render(store, resolve_entity(store, entity)), nl=False)


@main.command(epilog=EPILOG_EXIT)
@click.option("--uncited", is_flag=True, help="List only the sentences no fact cites.")
@click.pass_context
def coverage(ctx, uncited):
    """For each article, each sentence with the evidence that cites it; exits 1 if a sentence is neither
    cited nor exempted with a reason.

    \b
    Example:
      wbkg coverage --uncited
    """
    from .coverage import coverage as compute, render, uncited as find_uncited

    loaded = _load(ctx)
    report = compute(loaded)
    click.echo(render(loaded, report, verbose=not uncited), nl=False)
    if find_uncited(report):
        ctx.exit(EXIT_CHECK_FAILED)


@main.command(epilog=EPILOG_EXIT)
@click.option("--articles", "-n", "n_articles", type=click.IntRange(min=1), required=True,
              help="How many articles to generate.")
@click.option("--seed", "-s", type=int, default=0, show_default=True, help="Random seed: same seed, same bytes.")
@click.option("-o", "--output", type=click.Path(file_okay=False), required=True,
              help="The project folder to create (must be absent or empty).")
@click.pass_context
def synth(ctx, n_articles, seed, output):
    """Generate a synthetic project (articles, graphs, entities) shaped like the real corpus, for scale
    tests and benchmarks. ontology/, shapes/ and queries/ are copied from this project, so that
    `wbkg --root DIR build` works on the result.

    \b
    Example:
      wbkg synth --articles 1000 --seed 1 -o /tmp/wbkg-1000 && wbkg --root /tmp/wbkg-1000 build
    """
    from .progress import Progress
    from .synth import synthesize

    with Progress("synth", n_articles) as bar:
        target = synthesize(Path(output), n_articles, seed=seed, source_root=ctx.obj.get("root"),
                            progress=lambda done, total: bar.update(done))
    click.echo(f"wrote {n_articles} synthetic articles (seed {seed}) to {target}")


@main.command(epilog=EPILOG_EXIT)
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
@click.option("--store", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph", show_default=True,
              help="The engine queries run on (the same as `wbkg query`).")
@click.option("--base-url", default=None, metavar="URL",
              help="Where clients reach this server, for the links of VoID and the dumps (default http://HOST:PORT).")
@click.pass_context
def serve(ctx, host, port, timeout, max_rows, max_body, max_url, workers, queue, memory_mb, cors, store, base_url):
    """Serve the graph: a read-only SPARQL 1.1 Protocol endpoint at /sparql and linked-data pages
    (entities, articles, ontology, timeline, VoID, dumps) with content negotiation.

    \b
    Example:
      wbkg serve --port 8000
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' \\
           http://127.0.0.1:8000/sparql
    """
    from .serve import ServerConfig, serve as run_server

    options = dict(host=host, port=port, timeout=timeout, max_rows=max_rows, max_body=max_body, max_url=max_url,
                   queue=queue, memory_mb=memory_mb, cors=tuple(cors), engine=store, base_url=base_url)
    if workers:
        options["workers"] = workers
    run_server(project_of(ctx), ServerConfig(**options))


if __name__ == "__main__":  # pragma: no cover
    main()
