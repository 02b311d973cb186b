"""`wbkg build`: the pipeline, and its summary."""
from __future__ import annotations

import click

from .. import __version__
from ..errors import EXIT_CHECK_FAILED
from ..errors import display_path
from .common import EPILOG_EXIT, project_of, seconds


@click.command(epilog=EPILOG_EXIT)
@click.option("--no-reason", is_flag=True, help="Skip the OWL consistency check (HermiT).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: all cores).")
@click.pass_context
def build(ctx, no_reason, jobs):
    """Build, check and export the graph from the articles into build/.

    Loads the ontology, entity descriptions and one named graph per article (and per draft that `wbkg
    ingest` wrote in graph/drafts/, checked alike, published apart); verifies every quote against
    its article and computes offsets and mentions; validates with SHACL; runs the *-violation queries;
    checks OWL consistency with HermiT; then writes Turtle, TriG, JSON-LD, N-Triples and N-Quads. A graph
    that fails a check is not published: the previous outputs stay as they were.

    Each article is processed once and cached by content hash, and the persistent store in build/oxigraph/
    is updated by difference, so a rebuild after adding or changing an article redoes only that article
    (and what depends on changed entity descriptions), then the checks and exports the change can reach.
    Progress shows on stderr.

    \b
    Example:
      wbkg build
      wbkg build --jobs 2
    """
    from ..pipeline import build as run_build

    project = project_of(ctx)
    result = run_build(project, reason=not no_reason, jobs=jobs, progress=True)
    s = result.stats
    click.echo(f"wbkg {__version__}: {display_path(project.root)}")
    click.echo(f"articles: {s['articles']}; triples: {s['triples']} in {s['named_graphs']} named graphs; "
               f"entities: {s['entities']}; facts: {s['fact_triples']}")
    if s.get("drafts"):
        click.echo(f"drafts (not reviewed): {s['drafts']}, with {s['draft_fact_triples']} facts: in their own "
                   "named graphs, out of the published merge (`--include-drafts` to read them)")
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
    click.echo(f"store: oxigraph ({display_path(project.build_dir / 'oxigraph')}); articles processed: "
               f"{len(result.redone)}, reused from cache: {result.reused}")
    click.echo(f"time: {seconds(result.timings)}")
    if not result.ok:
        ctx.exit(EXIT_CHECK_FAILED)
