"""States' parts in missions (docs/MODEL.md, Mission: wbkg:Contribution) and counts of contributors, drafted
from a clause for a person to review (docs/ingest/events.md).

Why a block of its own: a commitment "until at least 2026" is a lower bound, not the end date that
"until December 2028" is (wbkg:validUntil), and a list of states ("forces from Italy, Turkey and Poland") is one
contribution per state; an event extractor would lose both. The mission is a linked mention typed wbkg:Mission
(or a subclass), or "the mission"/"the force" resolved to the mission last named."""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from wbkg.ingest.clauses import (
    LIST_GLUE,
    MISSION_TYPES,
    ClauseView,
    Participant,
    lower_words,
    participant,
    split_clauses,
    tokenize,
)
from wbkg.ingest.dates import DateMention
from wbkg.ingest.gazetteer import Gazetteer
from wbkg.ingest.mentions import Mention
from wbkg.ingest.quantities import QuantityMention
from wbkg.ingest.sentences import Sentence
from wbkg.vocab.namespaces import WBKG

__all__ = ["ContributionMention", "find_contributions"]


@dataclass(frozen=True)
class ContributionMention:
    """One draft, ``kind``: "contribution" (a state's part in a mission), "commitment" (one that runs on: to
    stay, extend, continue) or "contributor-count" (how many states contribute; ``contributor`` None).
    ``until_kind``: "end" (wbkg:validUntil, approximation wbkg:Exact) or "lower-bound" ("until at least 2026":
    wbkg:AtLeast, not an end date). text[begin:end] == clause, the evidence."""
    kind: str
    contributor: Participant | None
    mission: Participant | None
    strength: QuantityMention | None
    contributor_count: QuantityMention | None
    duration: QuantityMention | None
    start: DateMention | None
    until: DateMention | None
    until_kind: str | None
    until_approximation: URIRef | None
    planned: bool
    begin: int
    end: int
    clause: str
    rule: str
    confidence: float


_CONTRIBUTE = {"contribute", "contributes", "contributed", "contributing", "send", "sends", "sent", "sending",
               "provide", "provides", "provided", "providing", "serve", "serves", "served", "serving",
               "deploy", "deploys", "deployed", "supply", "supplies", "supplied"}
_COMMIT = {"stay", "stays", "remain", "remains", "continue", "continues", "extend", "extends", "extended",
           "extending", "keep", "keeps", "maintain", "maintains", "commit", "commits", "committed", "pledge",
           "pledged", "pledges", "renew", "renews", "renewed", "prolong", "prolongs", "prolonged"}
_COMMIT_NOUNS = {"commitment", "contribution", "support", "presence", "participation", "deployment",
                 "contingent", "involvement"}
_CONTRIBUTOR_NOUNS = {"contributor", "contributors", "participant", "member"}
_FORCE_NOUNS = {"troops", "forces", "soldiers", "personnel", "contingents", "contingent", "peacekeepers",
                "units", "officers"}
_ANAPHORS = {"mission", "force", "operation"}
_FUTURE = {"will", "would", "shall", "'ll", "’ll", "to"}
_UNTIL = {"until", "till", "through", "to", "into"}
_START = {"since", "from"}


def find_contributions(text: str, mentions: list[Mention], quantities: list[QuantityMention],
                       dates: list[DateMention], gazetteer: Gazetteer, *,
                       sentences: list[Sentence] | None = None) -> list[ContributionMention]:
    """Every contribution, commitment and contributor count of ``text``, in text order."""
    doc = tokenize(text)
    common = lower_words(doc)
    missions = [m for m in mentions if m.entity is not None and gazetteer.entity_types(m.entity) & MISSION_TYPES]
    out: list[ContributionMention] = []
    seen: set[tuple] = set()
    for clause in split_clauses(text, sentences):
        view = ClauseView(clause, doc, mentions, gazetteer, common)
        mission = _mission(view, missions)
        if mission is None:
            mission = _committed_mission(view, missions, dates)
        if mission is None:
            continue
        qs = [q for q in quantities if clause.begin <= q.begin and q.end <= clause.end]
        strength = next((q for q in qs if q.unit == str(WBKG.Troops)), None)
        count = next((q for q in qs if q.unit == str(WBKG.States)), None)
        duration = next((q for q in qs if q.unit == str(WBKG.Years)), None)
        ds = [d for d in dates if clause.begin <= d.begin and d.end <= clause.end]
        start = next((d for d in ds if view.word_before(d.begin) in _START), None)
        until, until_kind, approx = _until(view, ds)
        found = []
        if count is not None and _has_contribution_word(view):
            found.append(("contributor-count", None, strength, count, "count-of-states", 0.8))
        listed = _listed_states(view)
        for state in listed:
            found.append(("contribution", state, None, None, "states-listed", 0.75))
        subject, verb_rule, planned = _committed_subject(view)
        if subject is not None and subject.entity not in {s.entity for s in listed}:
            kind = "commitment" if verb_rule in {"commit-verb", "commitment-noun"} else "contribution"
            found.append((kind, subject, strength, None, verb_rule, 0.85 if mission.entity else 0.6))
        for kind, who, power, cnt, rule, conf in found:
            key = (kind, who and (who.entity or who.surface), mission.entity, clause.begin)
            if key in seen:
                continue
            seen.add(key)
            is_commitment = kind == "commitment"
            out.append(ContributionMention(
                kind, who, mission, power, cnt, duration if is_commitment else None, start,
                until if kind != "contributor-count" else None, until_kind if kind != "contributor-count" else None,
                approx if kind != "contributor-count" else None, planned if who is subject else False,
                clause.begin, clause.end, clause.text, rule,
                round(conf - (0.0 if mission.surface == _surface_of(mission, mentions) else 0.15), 2)))
    return out


def _surface_of(mission: Participant, mentions: list[Mention]) -> str | None:
    """The surface of the linked mention at the mission's place (None when it was resolved from an anaphor)."""
    return next((m.surface for m in mentions if m.begin == mission.begin and m.end == mission.end), None)


def _mission(view: ClauseView, missions: list[Mention]) -> Participant | None:
    """The mission the clause names, else "the mission"/"the force" as the mission last named before (or, in
    an opening sentence that names none yet, the first named after)."""
    for m in view.mentions:
        if m in missions:
            return participant(m)
    for i, w in enumerate(view.words):
        if w in _ANAPHORS and i and view.words[i - 1] in {"the", "this", "’s", "'s", "peacekeeping"}:
            j = next((k for k in range(i - 1, max(-1, i - 4), -1) if view.words[k] in {"the", "this"}), i)
            before = [m for m in missions if m.end <= view.clause.begin]
            target = before[-1] if before else next((m for m in missions if m.begin >= view.clause.end), None)
            if target is not None:
                first, last = view.tokens[j], view.tokens[i]
                end = last.idx + len(last.text)
                return Participant(first.idx, end, view.clause_text(first.idx, end), target.entity)
    return None


def _has_contribution_word(view: ClauseView) -> bool:
    return any(w in _CONTRIBUTE or w in _FORCE_NOUNS or w in _CONTRIBUTOR_NOUNS for w in view.words)


def _state_of(view: ClauseView, mention: Mention) -> URIRef | None:
    """A state, or the one state an armed force belongs to (the British Armed Forces contribute for the UK)."""
    if mention.entity is None:
        return None
    if view.gazetteer.is_state(mention.entity):
        return mention.entity
    anchors = view.gazetteer.anchor_states(mention.entity)
    if WBKG.ArmedForces in view.types(mention) and len(anchors) == 1:
        return next(iter(anchors))
    return None


def _listed_states(view: ClauseView) -> list[Participant]:
    """States in a list after "forces/troops from" or "including", or before a contribution verb."""
    out = []
    for m in view.mentions:
        state = _state_of(view, m)
        if state is None:
            continue
        before = view.word_before(m.begin, LIST_GLUE, over_names=True)
        i = view.index_at(m.end)
        while i < len(view.words) and (view.words[i] in LIST_GLUE or _in_state(view, i)):
            i += 1
        after = view.words[i] if i < len(view.words) else ""
        from_forces = before == "from" and any(w in _FORCE_NOUNS for w in view.words[:view.index_at(m.begin)])
        if from_forces or before == "including" or after in _CONTRIBUTE:
            out.append(Participant(m.begin, m.end, m.surface, state))
    return out if len(out) > 1 or any(w in _FORCE_NOUNS | _CONTRIBUTE for w in view.words) else []


def _in_state(view: ClauseView, i: int) -> bool:
    tok = view.tokens[i]
    return any(m.begin <= tok.idx < m.end and _state_of(view, m) is not None for m in view.mentions)


def _committed_subject(view: ClauseView) -> tuple[Participant | None, str, bool]:
    """The state (or its forces) that is the subject of a commitment or contribution verb, or the owner of
    "its commitment"/"Britain's contribution", or "X has been a key contributor"."""
    for i, w in enumerate(view.words):
        rule = ("commit-verb" if w in _COMMIT else "contribute-verb" if w in _CONTRIBUTE
                else "contributor-noun" if w in _CONTRIBUTOR_NOUNS else
                "commitment-noun" if w in _COMMIT_NOUNS else None)
        if rule is None:
            continue
        at = view.tokens[i].idx
        if rule == "commitment-noun":
            prev = view.words[i - 1] if i else ""
            owners = [m for m in view.mentions if prev in {"'s", "’s"} and m.end == view.tokens[i - 1].idx]
            if not owners:
                continue
            candidates = owners
        else:
            near = view.tokens[max(0, i - 8)].idx
            candidates = [m for m in view.mentions if near <= m.begin and m.end <= at and not view.is_oblique(m.begin)]
        for m in reversed(candidates):
            state = _state_of(view, m)
            if state is not None:
                planned = any(x in _FUTURE for x in view.words[max(0, i - 4):i])
                return Participant(m.begin, m.end, m.surface, state), rule, planned
    return None, "", False


def _until(view: ClauseView, dates: list[DateMention]) -> tuple[DateMention | None, str | None, URIRef | None]:
    """The date a commitment runs to: "until December 2028" is its end, "until at least 2026" a lower bound."""
    for d in dates:
        if d.value is None:
            continue
        i = view.index_at(d.begin)
        w1 = view.words[i - 1] if i >= 1 else ""
        w3 = view.words[i - 3] if i >= 3 else ""
        if w1 == "least" and view.words[i - 2] == "at" and w3 in _UNTIL:
            return d, "lower-bound", WBKG.AtLeast
        if w1 in {"beyond", "after"} and w3 != "since":
            return d, "lower-bound", WBKG.MoreThan
        if w1 in _UNTIL and (w1 != "to" or any(x in _COMMIT | _COMMIT_NOUNS for x in view.words[:i])):
            return d, "end", WBKG.Exact
    return None, None, None


def _committed_mission(view: ClauseView, missions: list[Mention], dates: list[DateMention]) -> Participant | None:
    """"Britain's commitment until December 2028": a state's commitment with an end and no mission named is
    taken to be to the mission last named before (its surface is the commitment noun)."""
    if _until(view, [d for d in dates if view.clause.begin <= d.begin < view.clause.end])[0] is None:
        return None
    before = [m for m in missions if m.end <= view.clause.begin]
    for i, w in enumerate(view.words):
        if w in _COMMIT_NOUNS and i and view.words[i - 1] in {"'s", "’s", "its", "their"} and before:
            tok = view.tokens[i]
            return Participant(tok.idx, tok.idx + len(tok.text), tok.text, before[-1].entity)
    return None
