"""Accepting and rejecting draft facts (docs/review.md). Each action reads the draft afresh, refuses a stale one,
and writes every file it changes in one step (writeback.commit): nothing changes when it fails.

Accepting a fact moves its triples and evidence from the draft into graph/articles/<id>.ttl, and a proposed
entity's identity (class, labels, definitional facts) into graph/entities.ttl without the evidence that quoted
it; a fact that refers to a proposal of the draft brings it along (a statement needs its speaker). Its evidence
becomes wbkg:Accepted with wbkg:reviewedBy and wbkg:reviewedAt, and keeps prov:wasGeneratedBy (the extractor
rule). Rejecting records the fact in graph/rejected/<id>.ttl as wbkg:Discarded, so ingest does not propose it
again. The draft file is removed when nothing is left in it.
"""
from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from ..errors import UsageError
from ..project import Project
from ..rdfio import parse_turtle
from ..vocab.namespaces import ARTICLE, WBKG
from . import writeback
from .drafts import DEFINITIONAL, DraftView, Fact, read_draft


@dataclass
class Outcome:
    """What an action did, for the CLI or the review page to say."""
    stem: str
    action: str                      # "accept", "reject", "set", "link"
    facts: list[str]                 # the ids acted on, as asked
    along: list[str] = field(default_factory=list)   # proposals accepted along with them (referred to)
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    left: int = 0                    # facts still in the draft
    notes: list[str] = field(default_factory=list)


def reviewer_name(explicit: str | None = None, cwd: Path | None = None) -> str:
    """``--reviewer``, else git's user.name: every accepted fact says who accepted it."""
    if explicit and explicit.strip():
        return explicit.strip()
    try:
        name = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, cwd=cwd,
                              timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        name = ""
    if not name:
        raise UsageError("who is reviewing? pass --reviewer NAME (or set git config user.name)",
                         parameter="--reviewer")
    return name


def _now(at: datetime | None) -> Literal:
    moment = (at or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    return Literal(moment.strftime("%Y-%m-%dT%H:%M:%SZ"), datatype=XSD.dateTime)


def _chosen(view: DraftView, ids: list[str] | None) -> list[Fact]:
    if ids is None:
        return list(view.facts)
    if not ids:
        raise UsageError("name at least one fact", parameter="FACT")
    return list({view.fact(i).node: view.fact(i) for i in ids}.values())


def _evidence_of(view: DraftView, facts: list[Fact]) -> set[URIRef]:
    return {e.iri for f in facts for e in f.evidence}


def _rules(view: DraftView) -> dict:
    """The draft's mention rules (docs/MODEL.md, Mentions), each with the entity it refers to."""
    rules = {s for s, p, o in view.triples if p == RDF.type and o == WBKG.MentionRule}
    return {s: o for s, p, o in view.triples if s in rules and p == WBKG.refersTo}


def _rules_for(view: DraftView, triples: list[tuple]) -> list[tuple]:
    """The triples of the draft's mention rules for an entity that ``triples`` refer to."""
    named = {t for s, _, o in triples for t in (s, o)}
    chosen = {rule for rule, entity in _rules(view).items() if entity in named}
    return [t for t in view.triples if t[0] in chosen]


def _rest(view: DraftView, facts: list[Fact]) -> list[tuple]:
    gone = {f.node for f in facts} | _evidence_of(view, facts)
    rest = [t for t in view.triples if t[0] not in gone and t[0] not in _rules(view)]
    return rest + _rules_for(view, rest) if rest else []


def _draft_change(project: Project, view: DraftView, rest: list[tuple]) -> dict[Path, str | None]:
    """The draft rewritten with what is left, or removed; an article left with no graph file gets an empty
    one (the build wants a graph or a draft for every text)."""
    if rest:
        return {view.path: writeback.draft_text(view.header, view.base, rest)}
    changes: dict[Path, str | None] = {view.path: None}
    article = project.article_graph_file(view.stem)
    if not article.exists():
        changes[article] = writeback.appended(article, None, [], view.base, "", _article_header(view))
    return changes


def _article_header(view: DraftView) -> str:
    return (f"# Article {view.stem}: {view.title}.\n"
            "# Reviewed with `wbkg review` from the draft `wbkg ingest` wrote: each fact below was accepted by a\n"
            "# person (wbkg:reviewStatus wbkg:Accepted, wbkg:reviewedBy, wbkg:reviewedAt on its evidence).\n")


def accept(project: Project, stem: str, ids: list[str] | None, *, reviewer: str,
           at: datetime | None = None) -> Outcome:
    """Accept the facts ``ids`` (all when None) of article ``stem``'s draft, with the draft proposals they
    refer to; write the article graph, the entities file and the draft in one step."""
    view = read_draft(project, stem)
    chosen = _chosen(view, ids)
    by_id = {f.id: f for f in view.facts}
    todo, seen = list(chosen), {f.id for f in chosen}
    while todo:
        for need in todo.pop().needs:
            if need not in seen:
                seen.add(need)
                todo.append(by_id[need])
    facts = [f for f in view.facts if f.id in seen]
    entities_graph = parse_turtle(project.entities_file)
    described = set(entities_graph.subjects())
    to_entities, to_article = [], []
    for fact in facts:
        for s, p, o in fact.triples:
            if p in DEFINITIONAL and (fact.new_entity or s in described):
                to_entities.append((s, p, o))
            else:
                to_article.append((s, p, o))
    to_entities = _merge_into(entities_graph, to_entities)
    when, who = _now(at), Literal(reviewer)
    covered = {(s, p) for s, p, _ in to_article}
    for fact in facts:
        for ev in fact.evidence:
            props = [p for p in ev.properties if (fact.node, p) in covered] if ev.properties else None
            if props == [] or (props is None and not any(s == fact.node for s, _ in covered)):
                continue  # it quoted only what went to the entities file: identity needs no article evidence
            for s, p, o in view.triples:
                if s == ev.iri and p not in (WBKG.reviewStatus, WBKG.supportsProperty):
                    to_article.append((s, p, o))
            to_article += [(ev.iri, WBKG.supportsProperty, p) for p in props or ()]
            to_article += [(ev.iri, WBKG.reviewStatus, WBKG.Accepted), (ev.iri, WBKG.reviewedBy, who),
                           (ev.iri, WBKG.reviewedAt, when)]
    to_article += _rules_for(view, to_article)
    note = f"Accepted in review by {reviewer}, {when}: {', '.join(f.id for f in facts)}"
    changes: dict[Path, str | None] = {}
    article = project.article_graph_file(stem)
    if to_article:
        old = article.read_text(encoding="utf-8") if article.exists() else None
        changes[article] = writeback.appended(article, old, to_article, view.base, note, _article_header(view))
    if to_entities:
        old = project.entities_file.read_text(encoding="utf-8")
        changes[project.entities_file] = writeback.appended(
            project.entities_file, old, to_entities, None,
            f"Accepted in review of article {stem} by {reviewer}, {when}: proposed by `wbkg ingest`")
    changes = {**_draft_change(project, view, _rest(view, facts)), **changes}
    writeback.commit(changes)
    return _outcome(view, "accept", [f.id for f in chosen], changes,
                    along=[f.id for f in facts if f not in chosen])


def _merge_into(entities, triples: list[tuple]) -> list[tuple]:
    """Triples for the entities file that are new there: an entity described already keeps its class and
    its preferred label (a second name becomes an altLabel), so nothing is duplicated."""
    out = []
    for s, p, o in triples:
        if (s, p, o) in entities:
            continue
        if p == SKOS.prefLabel and any(getattr(x, "language", None) == getattr(o, "language", None)
                                       for x in entities.objects(s, SKOS.prefLabel)):
            p = SKOS.altLabel
            if (s, p, o) in entities:
                continue
        if p.endswith("#type") and (s, p, None) in entities:
            continue
        out.append((s, p, o))
    return sorted(set(out))


def reject(project: Project, stem: str, ids: list[str], *, reviewer: str, why: str | None = None,
           at: datetime | None = None) -> Outcome:
    """Reject the facts ``ids``: record them in graph/rejected/<id>.ttl as wbkg:Discarded and take them out
    of the draft. A proposal other pending facts refer to cannot go alone."""
    view = read_draft(project, stem)
    facts = _chosen(view, ids)
    names = {f.id for f in facts}
    for fact in view.facts:
        if fact.id not in names and (blocked := [n for n in fact.needs if n in names]):
            raise UsageError(f"{fact.id} refers to {', '.join(blocked)}: reject it too, or link "
                             f"{', '.join(blocked)} to a known entity with --link", parameter="--reject")
    when, who = _now(at), Literal(reviewer)
    record = [t for f in facts for t in f.triples]
    for ev in _evidence_of(view, facts):
        record += [(s, p, o) for s, p, o in view.triples if s == ev and p != WBKG.reviewStatus]
        record += [(ev, WBKG.reviewStatus, WBKG.Discarded), (ev, WBKG.reviewedBy, who), (ev, WBKG.reviewedAt, when)]
        if why:
            record.append((ev, WBKG.reviewNote, Literal(why, lang="en")))  # the reviewer's words
    path = project.rejected_file(stem)
    old = path.read_text(encoding="utf-8") if path.exists() else None
    if old is None or (ARTICLE[stem], WBKG.sha256, Literal(view.sha256)) not in parse_turtle(path, text=old):
        record.append((ARTICLE[stem], WBKG.sha256, Literal(view.sha256)))
    header = (f"# Facts a reviewer discarded from the draft of article {stem} (`wbkg review --reject`). Not read by\n"
              "# the build; `wbkg ingest` does not propose them again for this text (the same SHA-256, any id).\n")
    changes: dict[Path, str | None] = {
        path: writeback.appended(path, old, record, view.base, f"Rejected by {reviewer}, {when}"
                                 + (f": {why}" if why else ""), header)}
    changes = {**_draft_change(project, view, _rest(view, facts)), **changes}
    writeback.commit(changes)
    return _outcome(view, "reject", [f.id for f in facts], changes)


def _outcome(view: DraftView, action: str, ids: list[str], changes: dict[Path, str | None],
             along: list[str] | None = None) -> Outcome:
    left = 0
    if changes.get(view.path) is not None:
        gone = set(ids) | set(along or ())
        left = sum(f.id not in gone for f in view.facts)
    return Outcome(view.stem, action, ids, along or [],
                   written=sorted(p for p, t in changes.items() if t is not None),
                   removed=sorted(p for p, t in changes.items() if t is None), left=left)


__all__ = ["Outcome", "accept", "reject", "reviewer_name"]
