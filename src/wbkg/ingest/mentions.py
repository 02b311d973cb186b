"""Mentions of known entities in a new article: each label match of the gazetteer linked to one entity when
the evidence is clear, else left unlinked with its candidates and the reason (a wrong link is worse than none).

Evidence, strongest first (docs/ingest/gazetteer.md):
1. one candidate, named by a label that is not hidden: linked ("unique label");
2. a state named in the same phrase ("Kosovo's President", "President of Kosovo", "Serbian ... " is not a
   state): only candidates belonging to that state (wbkg:postIn / wbkg:ofState) stay;
3. the candidate is already named in this article by a unique, non-hidden label, or the caller says so
   (``context``): "Prime Minister" after "Kosovo's Prime Minister" is the same post;
4. the sentence names exactly one state, and exactly one candidate belongs to it, none other being in play;
5. ``published``: among candidates whose label ends with a year, the one of the publication year.
Given ``published``, a dated entity (its labels end in a year: a summit, a review) is linked only when that
year is the publication year, or a year the sentence writes ("in 2025") or implies ("next year"): the 2025
summit is not the "Western Balkans Summit" of a 2017 article.
A hidden label, or a contextual form (a generic word of a reviewed mention rule, a bare post title:
"government", "President", "summit"; gazetteer.py), never links on its own.
A known name that begins a longer name the gazetteer does not know ("Kosovo" in "Kosovo Security Force",
"Western Balkans" in "Western Balkans Summit") is not a mention of it: left unlinked, whatever the evidence.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

import pysbd
from rdflib import URIRef

from .gazetteer import Gazetteer, Match

# what may stand between a state and a title in one phrase: "Kosovo's Prime Minister", "Kosovo Prime
# Minister"; and after it: "Prime Minister of Albania", "Defence Minister for North Macedonia"
_BEFORE = re.compile(r"(?:['\u2019]s)?\s$")
_AFTER = re.compile(r"^\s(?:of|for|to)\s(?:the\s)?")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)$")
_YEARS = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_RELATIVE_YEAR = re.compile(r"\b(last|this|next|previous|coming) year\b", re.I)
_YEAR_SHIFT = {"last": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}
# the head words of names (organisations, units, events, documents) that a known name may begin
_HEADS = frozenset("Force Forces Ministry Regiment Battalion Brigade Cell Agency Council Command Service Corps "
                   "Police Army Office Department Committee Centre Center Unit Team Mission Summit Conference "
                   "Initiative Programme Program Agreement Treaty Strategy Review Paper Process Partnership".split())
_WORD = re.compile(r"[ \t]+([\w-]+)")
_SEGMENTER = pysbd.Segmenter(language="en", clean=False, char_span=True)


@dataclass(frozen=True)
class Mention:
    """A name of a known entity at text[begin:end] == surface; ``entity`` is None when left unlinked."""
    begin: int
    end: int
    surface: str
    entity: URIRef | None
    candidates: tuple[URIRef, ...]
    reason: str

    @property
    def linked(self) -> bool:
        return self.entity is not None


class _Article:
    """The text, its matches and what is known so far, with sentences split only when needed (pysbd)."""

    def __init__(self, text: str, matches: list[Match]):
        self.text = text
        self.matches = matches
        self.by_end = {m.end: m for m in matches}
        self.by_begin = {m.begin: m for m in matches}

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return [(span.start, span.end) for span in _SEGMENTER.segment(self.text)]

    def sentence_of(self, match: Match) -> tuple[int, int]:
        for begin, end in self.sentences:
            if begin <= match.begin < end:
                return begin, end
        return 0, len(self.text)


def find_mentions(text: str, gazetteer: Gazetteer, *, published: dt.date | None = None,
                  context: frozenset[URIRef] | set[URIRef] | None = None) -> list[Mention]:
    """Every known-entity name in ``text``, in text order; ``context``: entities known to be in play."""
    matches = gazetteer.matches(text)
    article = _Article(text, matches)
    unique = {m.begin: m.candidates[0] for m in matches if len(m.candidates) == 1 and m.shown_for(m.candidates[0])}
    off_date = {m.begin: why for m in matches if m.begin in unique
                and (why := _off_date(unique[m.begin], m, article, gazetteer, published))}
    sure = {begin: entity for begin, entity in unique.items() if begin not in off_date}
    in_play = set(sure.values()) | set(context or ())
    states = {begin: entity for begin, entity in sure.items() if gazetteer.is_state(entity)}
    mentions = []
    for match in matches:
        longer = _longer_name(match, article)
        if longer:
            mentions.append(Mention(match.begin, match.end, match.surface, None, match.candidates,
                                    f"part of a longer name the gazetteer does not know: {longer!r}"))
            continue
        if match.begin in sure:
            entity, reason = sure[match.begin], "unique label"
        elif match.begin in off_date:
            entity, reason = None, off_date[match.begin]
        else:
            entity, reason = _resolve(match, article, gazetteer, in_play, states, published)
            why = entity is not None and _off_date(entity, match, article, gazetteer, published)
            if why:
                entity, reason = None, why
        mentions.append(Mention(match.begin, match.end, match.surface, entity, match.candidates, reason))
    return mentions


def _resolve(match: Match, article: _Article, gazetteer: Gazetteer, in_play: set[URIRef],
             states: dict[int, URIRef], published: dt.date | None) -> tuple[URIRef | None, str]:
    candidates = match.candidates
    if any(match.shown_for(c) for c in candidates):
        hidden = "shared label"
    elif all(label.contextual for label in match.labels if label.entity in candidates):
        hidden = "generic word"   # a mention rule's form or a bare post title: no label of the entity
    else:
        hidden = "hidden label"
    anchored = [c for c in candidates if gazetteer.anchor_states(c)]
    phrase = _phrase_states(match, article, states)
    if phrase and anchored:
        fitting = [c for c in candidates if gazetteer.anchor_states(c) & phrase]
        if len(fitting) == 1:
            return fitting[0], f"{hidden}; the phrase names its state"
        if not fitting:
            return None, f"{hidden}; the phrase names {_names(phrase)}, which no candidate belongs to"
        candidates = tuple(fitting)
    playing = [c for c in candidates if c in in_play]
    if len(playing) == 1:
        return playing[0], f"{hidden}; the entity is named elsewhere in the article"
    if len(playing) > 1:
        return None, f"{hidden}; several candidates are named in the article"
    if anchored:
        begin, end = article.sentence_of(match)
        named = {s for b, s in states.items() if begin <= b < end}
        fitting = [c for c in candidates if gazetteer.anchor_states(c) & named]
        if len(named) == 1 and len(fitting) == 1:
            return fitting[0], f"{hidden}; the sentence names its state and no other"
        if named:
            return None, f"{hidden}; the sentence names {_names(named)}: not clear which candidate"
    if published is not None and len(candidates) > 1:
        of_year = [c for c in candidates if _label_year(gazetteer.labels_of(c)) == published.year]
        if len(of_year) == 1:
            return of_year[0], f"{hidden}; the only candidate of the publication year"
    if len(candidates) == 1:
        return None, f"{hidden}: too ambiguous alone, and the entity is not otherwise named in the article"
    return None, f"{hidden}: {len(candidates)} candidates and no evidence to choose"


def _off_date(entity: URIRef, match: Match, article: _Article, gazetteer: Gazetteer,
              published: dt.date | None) -> str | None:
    """Why a dated entity (its labels end in one year) does not fit here, or None: its year must be the
    publication year or a year the sentence writes or implies ("next year"). A written year alone does not
    refuse (a sentence may date something else: "until December 2028 ... the Strategic Defence Review"), so
    without a publication date there is nothing to check against."""
    year = _label_year(gazetteer.labels_of(entity))
    if year is None or published is None or str(year) in match.surface:
        return None
    begin, end = article.sentence_of(match)
    sentence = article.text[begin:end]
    years = {published.year} | {int(y) for y in _YEARS.findall(sentence)}
    years |= {published.year + _YEAR_SHIFT[w.lower()] for w in _RELATIVE_YEAR.findall(sentence)}
    if year in years:
        return None
    return f"dated {year}; the publication and the sentence give {', '.join(map(str, sorted(years)))}"


def _longer_name(match: Match, article: _Article) -> str | None:
    """The longer name ``match`` begins: capitalised words right after it (joined by "of", "and" or "for"
    between them) up to a head word, with no known name starting right after the match but that head word
    itself ("Kosovo Prime Minister" is a state and a post; "the UK and Kosovo Force" is not "UK ... Force")."""
    if _in_heading(match, article.text):
        return None  # Title Case Headings Capitalise Every Word: no evidence of a longer name
    end, words = match.end, 0
    while words < 8:
        word = _WORD.match(article.text, end)
        if word is None:
            return None
        token = word.group(1)
        if token in ("of", "and", "for") and words:
            end = word.end()
            continue
        if not token[:1].isupper():
            return None
        if words == 0:
            following = article.by_begin.get(word.start(1))
            if following is not None and following.surface not in _HEADS:
                return None
        words, end = words + 1, word.end()
        if token in _HEADS:
            return article.text[match.begin:end]
    return None


def _in_heading(match: Match, text: str) -> bool:
    """The match stands on a short line, not ended as a sentence, whose words are mostly capitalised (a
    headline)."""
    begin = text.rfind("\n", 0, match.begin) + 1
    end = text.find("\n", match.end)
    line = text[begin:end if end >= 0 else len(text)].strip()
    words = re.findall(r"[A-Za-z][\w'-]*", line)
    return (0 < len(words) <= 12 and not line.endswith((".", "!", "?", ":", ";", "\u201d", '"'))
            and sum(w[0].isupper() for w in words) >= 0.6 * len(words))


def _phrase_states(match: Match, article: _Article, states: dict[int, URIRef]) -> set[URIRef]:
    """States named right before ("Kosovo's ", "Kosovo ") or right after (" of Albania") the match."""
    found = set()
    for end in range(max(0, match.begin - 3), match.begin):
        before = article.by_end.get(end)
        if before is not None and before.begin in states and _BEFORE.search(article.text[end:match.begin]):
            found.add(states[before.begin])
    after = _AFTER.match(article.text[match.end:match.end + 12])
    if after is not None:
        following = article.by_begin.get(match.end + after.end())
        if following is not None and following.begin in states:
            found.add(states[following.begin])
    return found


def _label_year(labels: tuple[str, ...]) -> int | None:
    years = {int(y.group(1)) for label in labels if (y := _YEAR.search(label))}
    return years.pop() if len(years) == 1 else None


def _names(states: set[URIRef]) -> str:
    return ", ".join(sorted(str(s).rsplit("/", 1)[-1] for s in states))
