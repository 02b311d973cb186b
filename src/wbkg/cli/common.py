"""What every command shares: the exit-code epilog, the project, parameters and durations as text."""
from __future__ import annotations

import click

from ..project import locate

EPILOG_EXIT = "Exit codes: 0 ok, 1 a check failed, 2 usage or input error."


def project_of(ctx):
    return locate(ctx.find_root().obj.get("root"))


def seconds(timings: dict) -> str:
    return ", ".join(f"{k} {v:.2f}s" for k, v in timings.items())


def parse_params(values) -> dict[str, str]:
    params = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{item!r}: expected name=value", param_hint="--param")
        params[name.lstrip("?")] = value
    return params


def bring_up_to_date(project, backend_name: str = "oxigraph") -> None:
    """Build incrementally if an input changed, with a warning on stderr when the graph fails a check:
    queries still answer from it, which is how a failing fact is found."""
    from ..pipeline.access import ensure_built
    from ..store import backend
    backend(backend_name)  # an unknown backend is a usage error before any work
    if not ensure_built(project):
        click.echo(f"wbkg: warning: the graph fails its checks (see {project.build_dir / 'check-report.txt'}); "
                   "answering from it anyway", err=True)


def open_store(project, **options):
    """The build's store, brought up to date first (``bring_up_to_date``)."""
    from ..pipeline.access import open_built_store
    bring_up_to_date(project, options.get("backend", "oxigraph"))
    return open_built_store(project, **options)


#: the option of every command that reads the graph: drafts are left out unless asked for
include_drafts_option = click.option(
    "--include-drafts", is_flag=True,
    help="Also read the drafts `wbkg ingest` wrote (not reviewed; their named graphs are graph:draft/<id>).")
