"""Reading the build: `wbkg show` (one entity with its sources), `wbkg stats`, `wbkg export`."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import EPILOG_EXIT, include_drafts_option, open_store, project_of


@click.command(epilog=EPILOG_EXIT)
@click.argument("entity")
@include_drafts_option
@click.pass_context
def show(ctx, entity, include_drafts):
    """Everything the graph says about ENTITY (a label, IRI or prefixed name), with the article and
    quote behind each fact. With --include-drafts, draft facts too, each marked [draft].

    \b
    Example:
      wbkg show "Albin Kurti"
      wbkg show id:kfor
    """
    from ..query.describe import render, resolve_entity

    store = open_store(project_of(ctx), include_drafts=include_drafts)
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
@click.option("--include-drafts", is_flag=True,
              help="Add the drafts `wbkg ingest` wrote, in their own named graphs (trig and nquads only: a merged "
                   "format could not tell them from reviewed facts).")
@click.pass_context
def export(ctx, fmt, output, include_drafts):
    """Export the graph: the file the build published (brought up to date first). A graph that fails a
    check is not exported and an existing output file is left as it was. Reviewed facts only, unless
    --include-drafts.

    \b
    Example:
      wbkg export --format json-ld -o wbkg.jsonld
      wbkg export --format trig | head
    """
    import shutil

    from ..pipeline.access import require_passing
    from ..export.formats import DATASET_FORMATS
    from ..export.publish import drafts_path, output_path
    from ..fileio import AtomicFile, check_writable

    if include_drafts and fmt not in DATASET_FORMATS:
        raise click.BadParameter(f"drafts are exported in their own named graphs only: use --format trig or "
                                 f"nquads, not {fmt}", param_hint="--include-drafts")
    if output:
        check_writable(output)
    project = project_of(ctx)
    require_passing(project, "nothing was exported" + (f" and {output} is unchanged" if output else ""))
    sources = [output_path(project, fmt)]
    if include_drafts:
        sources.append(drafts_path(project, fmt))
    if output and any(Path(output).resolve() == source.resolve() for source in sources):
        click.echo(f"{output} is a published file itself: nothing to do", err=True)
    elif output:
        with AtomicFile(output) as out:
            for source in sources:
                with open(source, "rb") as handle:
                    out.copy_from(handle, 0, source.stat().st_size)
                    out.flush_copies()
        click.echo(f"wrote {output} ({sum(s.stat().st_size for s in sources)} bytes)", err=True)
    else:
        for source in sources:
            with open(source, "rb") as handle:
                shutil.copyfileobj(handle, sys.stdout.buffer)
