"""What `wbkg ingest` prints: per article its id, what was drafted, the new entities proposed, the ambiguous
mentions left unlinked, the known entities named that no fact uses, what was dropped or skipped and the
sentences with no extracted fact (docs/MODEL.md, Coverage); then the files refused."""
from __future__ import annotations

from .run import ArticleReport, IngestResult

SHOWN = 12  # items listed per heading; the rest are counted


def render(result: IngestResult, root: str) -> str:
    lines = []
    n = len(result.articles)
    if n:
        lines.append(f"ingested {n} article{'s' * (n != 1)} into {root}: texts in corpus/, metadata in "
                     f"corpus/articles.ttl, drafts in graph/drafts/ (unreviewed)")
    for article in result.articles:
        lines += _article(article)
    if result.refusals:
        lines.append(f"refused {len(result.refusals)} file{'s' * (len(result.refusals) != 1)} (not ingested):")
        lines += [f"  {refusal}" for refusal in result.refusals]
    if not n and not result.refusals:
        lines.append("nothing to ingest")
    return "\n".join(lines) + "\n"


def _article(report: ArticleReport) -> list[str]:
    meta, draft = report.metadata, report.draft
    date = meta.published.lexical if meta.published else None
    lines = [f"article {report.stem} (from {report.source}): {meta.title!r}"]
    if date:
        lines.append(f"  published: {date} ({meta.published.precision})")
    else:
        lines.append("  published: unknown: relative dates left unresolved; add schema:datePublished to "
                     "corpus/articles.ttl (the build needs one) or ingest again with --published")
    facts = ", ".join(f"{draft.counts[k]} {k}" for k in sorted(draft.counts)
                      if k not in ("mentions", "dates") and draft.counts[k])
    lines.append(f"  drafted: {facts or 'no facts'}; found {report.mentions} known-entity mentions "
                 f"({report.linked} linked), {report.dates} dates ({report.resolved} resolved)")
    lines += _listed("new entities proposed", draft.proposed)
    lines += _listed("ambiguous mentions left unlinked", draft.unlinked)
    lines += _listed("known entities named that no fact uses", draft.named_unused)
    lines += _listed("dropped (would fail the build: a quote not found, an entity never named)", draft.dropped)
    lines += _listed("not drafted", draft.skipped)
    lines += _listed("sentences with no extracted fact",
                     [f"{s.begin}-{s.end}: {_short(s.text)}" for s in draft.uncovered])
    return lines


def _listed(heading: str, items: list[str], empty: str = "none") -> list[str]:
    if not items:
        return [f"  {heading}: {empty}"]
    lines = [f"  {heading} ({len(items)}):"]
    lines += [f"    {item}" for item in items[:SHOWN]]
    if len(items) > SHOWN:
        lines.append(f"    ... and {len(items) - SHOWN} more")
    return lines


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[:limit - 3] + "...")
