"""`wbkg ingest`: new article texts into the corpus, each with a draft graph for review."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import EXIT_USAGE, display_path
from .common import EPILOG_EXIT, project_of


@click.command(epilog=EPILOG_EXIT + " With --keep-going: 2 when any file was refused (the others are ingested).")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--published", metavar="DATE", help="Publication date: a day, month or year (2021-03-19, 2021-03, "
              "2021), kept at that precision. Default: a date the text states (\"Published 26 July 2021\").")
@click.option("--title", metavar="TEXT", help="Title (one file only). Default: the headline line of the text.")
@click.option("--publisher", metavar="TEXT", help="Publisher: linked when a known organisation has this name.")
@click.option("--url", metavar="URL", help="Where the article was published (one file only).")
@click.option("--id", "article_id", metavar="ID", help="Article id (one file only). Default: the file's stem.")
@click.option("--keep-going", is_flag=True, help="Ingest the good files and list the refused ones, instead of "
              "stopping (with nothing written) at the first bad one.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for extraction (default: 2 for 16 articles or more, else 1).")
@click.pass_context
def ingest(ctx, files, published, title, publisher, url, article_id, keep_going, jobs):
    """Add article texts to the corpus, each with a draft graph (graph/drafts/<id>.ttl) of the known entities,
    statements and quantities it names, every fact quoting the text and marked unreviewed.

    FILE is a UTF-8 text file (at most 1 MB); a folder stands for every .txt in it. The article id is the
    file's stem (letters, digits, '_', '-'). Every file is checked before anything is written; a text already
    in the corpus, a used id, an empty, binary or non-UTF-8 file is refused. The text is copied byte for byte to
    corpus/<id>.txt, its metadata appended to corpus/articles.ttl.

    \b
    Example:
      wbkg ingest news/kfor-visit.txt --published 2024-05 --publisher GOV.UK
      wbkg ingest news/ --keep-going
    """
    from ..ingest.report import render
    from ..ingest.run import ingest as run_ingest
    from ..progress import Progress

    project = project_of(ctx)
    bars = []

    def progress(done, total):
        if total > 1:  # one article: its report is the progress
            if not bars:
                bars.append(Progress("ingest", total))
            bars[0].update(done)

    try:
        result = run_ingest(project, list(files), published=published, title=title, publisher=publisher, url=url,
                            article_id=article_id, keep_going=keep_going, jobs=jobs, progress=progress)
    finally:
        for bar in bars:
            bar.close()
    click.echo(render(result, display_path(project.root)).rstrip())
    if result.refusals:
        ctx.exit(EXIT_USAGE)
