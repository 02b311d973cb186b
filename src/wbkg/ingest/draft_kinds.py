"""The draft writers of the kinds the rule-based extractor finds now: known-entity mentions, dates, quantities
and statements (docs/ingest/drafts.md). Each takes the draft and the items of its kind and returns how many
facts it wrote; ``draft.skipped`` says why an item gave none. New kinds (entities, tenures, events,
contributions) register their own writer the same way."""
from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS

from ..vocab.namespaces import WBKG
from .draft import CONTEXT_CHARS, Draft, boolean, local_name, number, slug, writer
from .extractor import Found

# "said on Friday", "told reporters on Tuesday", "said last week": a date right after the reporting verb is the
# date of the statement
_DATE_AFTER_VERB = re.compile(r"^(?:[ \t]+[a-z]+){0,2}?[ \t]+(?:on[ \t]+|in[ \t]+)?$")
MAX_EVIDENCE = 600  # characters: a longer quote is cut to the said words and the attribution nearest them


@writer("mentions")
def write_mentions(draft: Draft, found: list[Found]) -> int:
    """Known-entity mentions add no facts: the facts that use an entity reference it (and the build computes
    its wbkg:Mention nodes); the names no fact uses and the ambiguous ones left unlinked are listed in the
    ingest report, for the reviewer. A mention linked by words that are no label as written (a generic word
    linked from context, "the President"; a label in another case or with another apostrophe) gets the
    wbkg:MentionRule a curator would write (docs/MODEL.md, Mentions), for the one occurrence linked
    (wbkg:precededBy), so the build finds it too."""
    shown: dict[URIRef, set[str]] = {}
    for item in found:
        m = item.item
        if not m.linked:
            continue
        if m.entity not in shown:  # the build finds a label as written only (case, apostrophes)
            shown[m.entity] = {str(o).strip() for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
                               for o in draft.entities.objects(m.entity, p)}
        if m.surface in shown[m.entity]:
            continue
        node = URIRef(f"{draft.base}rule-{slug(m.surface)}-{local_name(m.entity)}-{m.begin}")
        draft.add(node, RDF.type, WBKG.MentionRule)
        draft.add(node, WBKG.surfaceForm, Literal(m.surface))
        draft.add(node, WBKG.precededBy, Literal(draft.text[max(0, m.begin - CONTEXT_CHARS):m.begin]))
        draft.add(node, WBKG.refersTo, m.entity)
    return 0


@writer("dates")
def write_dates(draft: Draft, found: list[Found]) -> int:
    """Dates have no node of their own (docs/MODEL.md: a date is a typed literal, the value of a fact's
    wbkg:date, wbkg:asOf, ...): the other writers take them from the extraction (``statement_date``)."""
    unresolved = [f.item for f in found if f.item.value is None]
    for date in unresolved:
        draft.skipped.append(f"date {date.surface!r} at {date.begin}: not resolved (no publication date, or one "
                             f"coarser than the expression)")
    return 0


@writer("quantities")
def write_quantities(draft: Draft, found: list[Found]) -> int:
    """A wbkg:Quantity per number with a unit noun: value or bounds, unit, approximation, and the date it holds
    for (MODEL.md): the one date its own clause states ("were smuggled last year"), else the article's; the
    evidence is the sentence, or its clause when long."""
    written = 0
    for item in found:
        q = item.item
        if q.unit is None:
            draft.skipped.append(f"quantity {q.surface!r} at {q.begin}: the ontology has no unit for "
                                 f"{q.unit_noun!r}")
            continue
        node = draft.fact_iri("quantity", q.unit_noun, draft.dashed, str(written + 1))
        draft.add(node, RDF.type, WBKG.Quantity)
        if q.value is not None:
            draft.add(node, WBKG.value, number(q.value, q.unit))
        if q.lower_bound is not None:
            draft.add(node, WBKG.lowerBound, number(q.lower_bound, q.unit))
        if q.upper_bound is not None:
            draft.add(node, WBKG.upperBound, number(q.upper_bound, q.unit))
        draft.add(node, WBKG.unit, URIRef(q.unit))
        draft.add(node, WBKG.approximation, URIRef(q.approximation))
        if (date := own_date(draft, q.begin, q.end) or draft.article_date()) is not None:
            draft.add(node, WBKG.date, date)
        begin, end = draft.sentence_span(q.begin, q.end)
        draft.evidence(node, begin, end, item)
        draft.quantity_at[(q.begin, q.end)] = node
        written += 1
    return written


# where a clause stops: a comma or semicolon before a space, and the words that open another clause
_CLAUSE_STOP = re.compile(r"[,;:](?=\s)|\b(?:which|who|when|where|after|before|while|because|whereas|although|"
                          r"though|since|until|but|and|that)\b", re.I)
_BOUND = re.compile(r"\b(?:since|until|till|by|from|before|after|to)\s+$", re.I)


def own_date(draft: Draft, begin: int, end: int) -> Literal | None:
    """The date of the clause around text[begin:end] when exactly one resolved date lies in it and is not a
    bound ("since 1999", "until 2028"): a count dated by its own verb ("were smuggled last year"). With none
    or two, None: the caller falls back to the article's date rather than guess."""
    sentence = next((s for s in draft.extraction.sentences if s.begin <= begin < s.end), None)
    if sentence is None:
        return None
    lo = max([m.end() + sentence.begin for m in _CLAUSE_STOP.finditer(draft.text[sentence.begin:begin])],
             default=sentence.begin)
    stop = _CLAUSE_STOP.search(draft.text, end, sentence.end)
    hi = stop.start() if stop else sentence.end
    dates = {d.value.literal() for d in (f.item for f in draft.extraction.of("dates"))
             if lo <= d.begin and d.end <= hi and d.value is not None
             and not _BOUND.search(draft.text[max(sentence.begin, d.begin - 8):d.begin])}
    return dates.pop() if len(dates) == 1 else None


@writer("statements")
def write_statements(draft: Draft, found: list[Found]) -> int:
    """A wbkg:Statement per direct quote or reported speech whose speaker is a known agent: speaker, the said
    words verbatim (wbkg:text), wbkg:directQuote, and its date (a date right after the reporting verb, else the
    article's). A speaker must be a known agent or one this draft proposes (else reported as skipped)."""
    written = 0
    per_speaker: dict[URIRef, int] = {}
    for item in found:
        s = item.item
        if s.speaker is None:
            draft.skipped.append(f"statement at {s.said.begin}: no speaker found for {_short(s.said.text)}")
            continue
        speaker = draft.agent_at(s.speaker.begin, s.speaker.end, draft.agent_classes)
        if speaker is None:
            draft.skipped.append(f"statement at {s.said.begin}: speaker {s.speaker.text!r} is not a known entity")
            continue
        per_speaker[speaker] = per_speaker.get(speaker, 0) + 1
        node = draft.fact_iri("statement", local_name(speaker), draft.dashed, str(per_speaker[speaker]))
        draft.add(node, RDF.type, WBKG.Statement)
        draft.add(node, WBKG.speaker, speaker)
        draft.add(node, WBKG.text, draft.words(s.said.text))
        draft.add(node, WBKG.directQuote, boolean(s.direct))
        date, rule = statement_date(draft, s), item.rule
        if date is not None:
            rule += "-dated"
        date = date if date is not None else draft.article_date()
        if date is not None:
            draft.add(node, WBKG.date, date)
        begin, end = _statement_span(s)
        draft.evidence(node, begin, end, item, rule)
        written += 1
    return written


def statement_date(draft: Draft, statement) -> Literal | None:
    """The date a resolved date expression right after the reporting verb gives ("said on Friday")."""
    if statement.verb is None:
        return None
    for found in draft.extraction.of("dates"):
        date = found.item
        if date.value is None or date.begin < statement.verb.end or date.begin > statement.verb.end + 40:
            continue
        if _DATE_AFTER_VERB.match(draft.text[statement.verb.end:date.begin]):
            return date.value.literal()
    return None


def _statement_span(s) -> tuple[int, int]:
    """The clause: the said words and the attribution (verb, and the speaker's name or the pronoun for it)."""
    who = s.pronoun or s.speaker
    parts = [p for p in (s.said, s.verb, who) if p is not None]
    begin, end = min(p.begin for p in parts), max(p.end for p in parts)
    if end - begin > MAX_EVIDENCE:
        parts = [p for p in (s.said, s.verb) if p is not None]
        begin, end = min(p.begin for p in parts), max(p.end for p in parts)
    if end - begin > MAX_EVIDENCE:
        begin, end = s.said.begin, s.said.end
    return begin, end


def _short(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


__all__ = ["write_dates", "write_mentions", "write_quantities", "write_statements", "statement_date", "slug"]
