"""`wbkg review`: list the drafts, show one fact by fact, accept, reject or correct its facts (docs/review.md)."""
from __future__ import annotations

import sys

import click

from ..errors import display_path
from .common import EPILOG_EXIT, project_of


@click.command(epilog=EPILOG_EXIT)
@click.argument("article_id", metavar="[ID]", required=False)
@click.option("--accept", "accept_ids", multiple=True, metavar="FACT", help="Accept this fact (repeatable).")
@click.option("--accept-all", is_flag=True, help="Accept every fact left in the draft.")
@click.option("--reject", "reject_ids", multiple=True, metavar="FACT", help="Reject this fact (repeatable).")
@click.option("--why", metavar="TEXT", help="Why the facts are rejected (kept with the rejection).")
@click.option("--set", "sets", multiple=True, nargs=2, metavar="FACT PROPERTY=VALUE",
              help="Correct a value before accepting: date=2024-03 (the precision as written), value=450, "
                   "unit=wbkg:Troops, text=... (repeatable).")
@click.option("--link", "links", multiple=True, nargs=2, metavar="FACT|NAME ENTITY",
              help="The proposed entity (its fact id or a name it has) is this known entity (id:slug or a label).")
@click.option("--reviewer", metavar="NAME", help="Who reviews (default: git config user.name).")
@click.option("--serve", is_flag=True, help="Open the review page instead: a local web app that writes the same "
                                             "files (docs/review.md, In the browser).")
@click.option("--host", default="127.0.0.1", show_default=True, help="With --serve: the address to listen on.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help="With --serve: the port (0: any free one, printed).")
@click.option("--allow-remote-host", is_flag=True,
              help="With --serve: allow a --host that is not loopback (anyone reaching it can write).")
@click.pass_context
def review(ctx, article_id, accept_ids, accept_all, reject_ids, why, sets, links, reviewer, serve, host, port,
           allow_remote_host):
    """Review the drafts `wbkg ingest` wrote: without ID, list them; with ID, show each draft fact (its quote
    in its sentence, confidence and rule) or act on them. Corrections (--set, --link) apply first, then
    --reject, then --accept / --accept-all; each is one atomic write.

    \b
    Example:
      wbkg review
      wbkg review kfor_2024
      wbkg review kfor_2024 --set visit-1 date=2024-03 --accept visit-1
      wbkg review kfor_2024 --reject quantity-countries-2 --why "27 is the count of nations"
      wbkg review kfor_2024 --accept-all --reviewer "A. Analyst"
      wbkg review --serve
    """
    from ..review import actions, corrections, drafts

    project = project_of(ctx)
    acting = accept_ids or accept_all or reject_ids or sets or links
    if serve:
        if acting or article_id:
            raise click.UsageError("--serve opens the review page: act there, not with ID or --accept/--reject/...")
        from ..review.web import serve as serve_page
        serve_page(project, host=host, port=port, reviewer=reviewer, allow_remote=allow_remote_host, log=click.echo)
        return
    if article_id is None:
        if acting:
            raise click.UsageError("name the article (ID) to act on")
        summaries = drafts.list_drafts(project)
        if not summaries:
            click.echo("no drafts to review (wbkg ingest writes them)")
        for s in summaries:
            stale = "  STALE: the text changed since it was drafted" if s.stale else ""
            click.echo(f"{s.stem}  {s.title!r}: {s.facts} facts, {s.entities} new entities pending{stale}")
        return
    if accept_all and accept_ids:
        raise click.UsageError("--accept-all accepts every fact: give it or --accept, not both")
    if why and not reject_ids:
        raise click.UsageError("--why goes with --reject")
    if not acting:
        click.echo(render(drafts.read_draft(project, article_id), color=sys.stdout.isatty()))
        return
    outcomes = []
    for fact, assignment in sets:
        outcomes.append(corrections.set_value(project, article_id, fact, assignment))
    for target, entity in links:
        outcomes.append(corrections.link(project, article_id, target, entity))
    if reject_ids or accept_ids or accept_all:
        name = actions.reviewer_name(reviewer, project.root)
        if reject_ids:
            outcomes.append(actions.reject(project, article_id, list(reject_ids), reviewer=name, why=why))
        if accept_ids or accept_all:
            outcomes.append(actions.accept(project, article_id, None if accept_all else list(accept_ids),
                                           reviewer=name))
    for outcome in outcomes:
        click.echo(said(outcome, project.root))


def said(outcome, root) -> str:
    verb = {"accept": "accepted", "reject": "rejected", "set": "corrected", "link": "linked"}[outcome.action]
    lines = [f"{verb} {len(outcome.facts)}: {', '.join(outcome.facts)}"]
    if outcome.along:
        lines.append(f"  with the proposals they refer to: {', '.join(outcome.along)}")
    lines += [f"  {note}" for note in outcome.notes]
    files = [_rel(p, root) for p in outcome.written] + [f"{_rel(p, root)} (removed: nothing left)"
                                                         for p in outcome.removed]
    lines.append(f"  wrote {', '.join(files)}; {outcome.left} facts left in the draft")
    return "\n".join(lines)


def _rel(path, root) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return display_path(path)


def render(view, color: bool = False) -> str:
    """A draft fact by fact: what it says in labels, its quote marked in its sentence, confidence and rule."""
    mark = ("\033[1m", "\033[0m") if color else ("»", "«")
    entities = sum(f.new_entity for f in view.facts)
    lines = [f"{view.stem}: {view.title!r}",
             f"{len(view.facts) - entities} facts and {entities} new entities to review; act with "
             f"wbkg review {view.stem} --accept FACT | --reject FACT | --accept-all", ""]
    for fact in view.facts:
        what = f"new {fact.kind}" if fact.new_entity else fact.kind
        label = "" if fact.label == str(fact.node).rsplit("/", 1)[-1] else f": {fact.label}"
        lines.append(f"[{fact.id}] {what}{label}" + (f"  (needs {', '.join(fact.needs)})" if fact.needs
                                                             else ""))
        for line in fact.says:
            lines.append(f"    {line.predicate_label}: {line.value_label}")
        for ev in fact.evidence:
            conf = f"confidence {ev.confidence}" if ev.confidence is not None else "no confidence"
            lines.append(f"    {conf}, rule {ev.rule}")
            if ev.begin is None:
                lines.append(f"    quote not found in the text: {ev.exact!r}")
                continue
            b, e = ev.sentence or (ev.begin, ev.end)
            t = view.text
            shown = (t[b:ev.begin] + mark[0] + t[ev.begin:ev.end] + mark[1] + t[ev.end:e]).replace("\n", " ")
            lines.append(f"    {shown}")
        lines.append("")
    return "\n".join(lines).rstrip()


__all__ = ["review", "render"]
