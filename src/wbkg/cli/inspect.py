"""Reading the build: `wbkg show` (one entity with its sources), `wbkg stats`, `wbkg export`."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import EPILOG_EXIT, open_store, project_of


@click.command(epilog=EPILOG_EXIT)
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
    from ..query.describe import render, resolve_entity

    store = open_store(project_of(ctx))
    click.echo(render(store, resolve_entity(store, entity)), nl=False)


@click.command(epilog=EPILOG_EXIT)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def stats(ctx, fmt):
    """Counts: articles, triples per named graph, entities per class, facts, mentions.

    \b
    Example:
      wbkg stats
    """
    import json

    from ..pipeline.access import build_stats
    from ..pipeline.stats import render

    figures = build_stats(project_of(ctx))
    click.echo(json.dumps(figures, indent=1) if fmt == "json" else render(figures).rstrip())


@click.command(epilog=EPILOG_EXIT)
@click.option("--format", "fmt", default="turtle", show_default=True,
              type=click.Choice(["turtle", "json-ld", "nt", "trig", "nquads"]),
              help="turtle, json-ld and nt merge the named graphs; trig and nquads keep them.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write to this file (atomically) instead of stdout.")
@click.pass_context
def export(ctx, fmt, output):
    """Export the graph: the file the build published (brought up to date first). A graph that fails a
    check is not exported and an existing output file is left as it was.

    \b
    Example:
      wbkg export --format json-ld -o wbkg.jsonld
      wbkg export --format trig | head
    """
    import shutil

    from ..pipeline.access import require_passing
    from ..export.publish import output_path
    from ..fileio import AtomicFile, check_writable

    if output:
        check_writable(output)
    project = project_of(ctx)
    require_passing(project, "nothing was exported" + (f" and {output} is unchanged" if output else ""))
    source = output_path(project, fmt)
    if output and Path(output).resolve() == source.resolve():
        click.echo(f"{output} is the published file itself: nothing to do", err=True)
    elif output:
        with open(source, "rb") as handle, AtomicFile(output) as out:
            out.copy_from(handle, 0, source.stat().st_size)
            out.flush_copies()
        click.echo(f"wrote {output} ({source.stat().st_size} bytes)", err=True)
    else:
        with open(source, "rb") as handle:
            shutil.copyfileobj(handle, sys.stdout.buffer)
