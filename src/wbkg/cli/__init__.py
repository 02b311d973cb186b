"""The wbkg command line: thin click commands over the library, one module per family of commands.

Exit codes: 0 ok; 1 the graph does not conform, is inconsistent, or a check returned rows;
2 usage or input error (the message names the file, line or parameter at fault).
"""
from __future__ import annotations

import click

from . import build, check, ingest, inspect, publish, query, review, serve, synth
from .. import __version__
from ..errors import WbkgError
from .common import EPILOG_EXIT


class WbkgGroup(click.Group):
    """Turns library errors into a message on stderr and the documented exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except WbkgError as exc:
            click.echo(f"wbkg: error: {exc}", err=True)
            ctx.exit(exc.exit_code)


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


for command in (build.build, check.validate, check.reason, query.query, query.list_queries, inspect.export,
                inspect.stats, inspect.show, check.coverage, synth.synth, serve.serve, ingest.ingest,
                publish.publish, review.review):
    main.add_command(command)

__all__ = ["main"]
