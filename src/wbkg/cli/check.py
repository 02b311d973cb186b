"""The checks on their own: `wbkg validate` (SHACL), `wbkg reason` (HermiT), `wbkg coverage` (sentences cited)."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import EXIT_CHECK_FAILED
from .common import EPILOG_EXIT, open_store, project_of


@click.command(epilog=EPILOG_EXIT)
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
    Without --with or --engine, this is the report of the build (brought up to date first).

    \b
    Example:
      wbkg validate
      wbkg validate --format turtle > report.ttl
    """
    from ..pipeline.access import build_report, data_graph
    from ..shacl.engine import load_shapes, validate_graph

    project = project_of(ctx)
    if extra or engine != "auto":
        data = data_graph(project, extra=[Path(p) for p in extra])
        report = validate_graph(data, load_shapes(project.shapes_dir), engine=engine)
    else:
        report = build_report(project)
    if fmt == "turtle":
        click.echo(report.graph.serialize(format="turtle"), nl=False)
    else:
        click.echo(report.summary())
        if not report.conforms:
            click.echo(report.text.rstrip())
    if not report.conforms:
        ctx.exit(EXIT_CHECK_FAILED)


@click.command(epilog=EPILOG_EXIT)
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
    from ..vocab.namespaces import bind_prefixes
    from ..reason.hermit import hermit
    from ..pipeline.access import data_graph

    project = project_of(ctx)
    data = data_graph(project, extra=[Path(p) for p in extra])
    report = hermit(data, sources=[*map(Path, extra), project.ontology_file, project.entities_file,
                                   *sorted(project.articles_graph_dir.glob("*.ttl"))])
    nm = bind_prefixes(data).namespace_manager
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


@click.command(epilog=EPILOG_EXIT)
@click.option("--uncited", is_flag=True, help="List only the sentences no fact cites.")
@click.pass_context
def coverage(ctx, uncited):
    """For each article, each sentence with the evidence that cites it; exits 1 if a sentence is neither
    cited nor exempted with a reason. An article's draft (wbkg ingest) is listed as draft/<id>: the sentences
    no draft fact cites are the ones ingest could not place.

    \b
    Example:
      wbkg coverage --uncited
    """
    from ..corpus import discover, load_metadata
    from ..query.coverage import coverage as compute, render, uncited as find_uncited

    project = project_of(ctx)
    store = open_store(project, include_drafts=True)
    report = compute(store, discover(project, load_metadata(project)))
    click.echo(render(report, verbose=not uncited), nl=False)
    if find_uncited(report):
        ctx.exit(EXIT_CHECK_FAILED)
