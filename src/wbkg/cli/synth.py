"""`wbkg synth`: a synthetic project for scale tests and benchmarks."""
from __future__ import annotations

from pathlib import Path

import click

from .common import EPILOG_EXIT


@click.command(epilog=EPILOG_EXIT)
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
    from ..progress import Progress
    from ..synth import synthesize

    with Progress("synth", n_articles) as bar:
        target = synthesize(Path(output), n_articles, seed=seed, source_root=ctx.obj.get("root"),
                            progress=lambda done, total: bar.update(done))
    click.echo(f"wrote {n_articles} synthetic articles (seed {seed}) to {target}")
