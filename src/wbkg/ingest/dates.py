"""Temporal expressions in an article's text, with their character offsets and their value resolved against
the publication date (docs/ingest/dates.md). spaCy's tokenizer, sentencizer and Matcher find the candidates,
dateparser reads the absolute ones, dates_resolve resolves the relative ones."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from dateparser.date import DateDataParser
from dateparser.languages.loader import default_loader
from spacy.lang.en import English
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from wbkg.ingest.dates_resolve import (
    PartialDate,
    at_precision,
    is_future,
    narrow,
    nearest_month,
    nearest_weekday,
    shift,
)

__all__ = ["DateMention", "PartialDate", "find_dates"]


@dataclass(frozen=True)
class DateMention:
    """One temporal expression: text[begin:end] == surface. `value` is None when it cannot be resolved
    (a relative expression without a publication date, or one finer than the publication date known)."""

    begin: int
    end: int
    surface: str
    value: PartialDate | None
    relative: bool
    kind: str  # the pattern that found it, e.g. "day-month-year", "weekday", "relative-unit"


def _names(keys: tuple[str, ...]) -> dict[str, int]:
    # month and weekday names from dateparser's English locale data, not a hand-written list
    info = default_loader.get_locale("en").info
    return {max(info[k], key=len).title(): n for n, k in enumerate(keys)}


_MONTHS = {k: n + 1 for k, n in _names(("january", "february", "march", "april", "may", "june", "july",
                                         "august", "september", "october", "november", "december")).items()}
_WEEKDAYS = _names(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
_YEAR = r"^(1[89]\d\d|20\d\d)$"
_DAY = r"^(0?[1-9]|[12]\d|3[01])(st|nd|rd|th)?$"
_PARTS = ["early", "mid", "late", "earlier", "later"]
# a bare number 1800..2099 is a year after these words or before punctuation, else a count ("2000 troops")
_YEAR_BEFORE = {"in", "since", "by", "until", "till", "from", "to", "of", "before", "after", "during",
                "between", "the", "-", "–", "—", "early", "mid", "late", "circa", "around"}
# a month name alone is a date only after these words ("in November"), never alone ("May", "March" are verbs)
# ... or before a verb that makes it a subject ("2019 was a hard year")
_YEAR_VERBS = {"was", "is", "will", "has", "had", "saw", "sees", "marked", "marks", "brought"}
_MONTH_BEFORE = {"in", "since", "by", "until", "till", "from", "to", "of", "before", "after", "during",
                 "early", "mid", "late", "this", "last", "next", "end", "beginning"}

_M = {"TEXT": {"IN": list(_MONTHS)}}
_PART = {"LOWER": {"IN": _PARTS}, "OP": "?"}
_PATTERNS: dict[str, list[list[dict]]] = {
    "iso": [[{"TEXT": {"REGEX": _YEAR}}, {"ORTH": "-"}, {"TEXT": {"REGEX": r"^\d\d$"}}, {"ORTH": "-"},
             {"TEXT": {"REGEX": r"^\d\d$"}}]],
    "day-month-year": [[{"TEXT": {"REGEX": _DAY}}, {"LOWER": "of", "OP": "?"}, _M, {"TEXT": {"REGEX": _YEAR}}]],
    "month-day-year": [[_M, {"TEXT": {"REGEX": _DAY}}, {"ORTH": ",", "OP": "?"}, {"TEXT": {"REGEX": _YEAR}}]],
    "month-year": [[_PART, _M, {"TEXT": {"REGEX": _YEAR}}]],
    "day-month": [[{"TEXT": {"REGEX": _DAY}}, {"LOWER": "of", "OP": "?"}, _M]],
    "month-day": [[_M, {"TEXT": {"REGEX": _DAY}}]],
    "year": [[_PART, {"TEXT": {"REGEX": _YEAR}}]],
    "decade": [[{"LOWER": "the", "OP": "?"}, _PART, {"TEXT": {"REGEX": r"^(1[89]|20)\d0s$"}}]],
    "relative-unit": [[_PART, {"LOWER": {"IN": ["last", "this", "next"]}},
                       {"LOWER": {"IN": ["year", "month", "week"]}}]],
    "deictic": [[{"LOWER": {"IN": ["yesterday", "today", "tomorrow"]}}]],
    "relative-month": [[_PART, {"LOWER": {"IN": ["last", "next", "this"]}}, _M]],
    "month": [[_PART, _M]],
    "weekday": [[{"LOWER": {"IN": ["last", "next", "this"]}, "OP": "?"}, {"TEXT": {"IN": list(_WEEKDAYS)}}]],
}
_RELATIVE = {"relative-unit", "deictic", "relative-month", "month", "weekday", "day-month", "month-day"}


@lru_cache(maxsize=1)
def _pipeline() -> tuple[English, Matcher]:
    nlp = English()  # tokenizer only: no statistical model, nothing downloaded
    nlp.add_pipe("sentencizer")
    matcher = Matcher(nlp.vocab)
    for label, patterns in _PATTERNS.items():
        matcher.add(label, patterns)
    return nlp, matcher


@lru_cache(maxsize=8)
def _parser(base: dt.date) -> DateDataParser:
    settings = {"RELATIVE_BASE": dt.datetime(base.year, base.month, base.day), "PREFER_DAY_OF_MONTH": "first",
                "DATE_ORDER": "DMY"}
    return DateDataParser(languages=["en"], settings=settings)


def _parse_absolute(surface: str, base: dt.date) -> PartialDate | None:
    """dateparser reads the expression; its period ("day", "month", "year") is the precision."""
    data = _parser(base).get_date_data(surface)
    if data.date_obj is None or data.period not in ("day", "month", "year"):
        return None
    d = data.date_obj.date()
    if data.period == "day":
        return PartialDate.of(d.year, d.month, d.day)
    return PartialDate.of(d.year, d.month) if data.period == "month" else PartialDate.of(d.year)


def _accept(doc: Doc, span: Span, label: str) -> bool:
    """Refuse counts that look like years and month names that are words."""
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if label == "iso":
        return not any(t.whitespace_ for t in span[:-1])
    if label == "year" and span[0].lower_ not in _PARTS:
        after = doc[span.end] if span.end < len(doc) else None
        counted = after is not None and after.is_alpha and after.is_lower and after.lower_ not in ("and", "to")
        return not counted or before in _YEAR_BEFORE or after.lower_ in _YEAR_VERBS
    if label == "month" and span[0].lower_ not in _PARTS:
        return before in _MONTH_BEFORE
    if label == "weekday":
        return not _in_name(doc, span)
    return True


def _in_name(doc: Doc, span: Span) -> bool:
    """A weekday inside a capitalised name: "the Sunday Times", "the Good Friday Agreement"."""
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.is_title and after.text not in _MONTHS:
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    return (before is not None and before.is_title and not before.is_sent_start
            and before.lower_ not in ("on", "by", "since", "until", "from", "last", "next", "this"))


def find_dates(text: str, published: PartialDate | None) -> list[DateMention]:
    """Every temporal expression in `text`, in order, resolved against `published` where relative."""
    nlp, matcher = _pipeline()
    doc = nlp(text)
    spans = [Span(doc, s, e, label=m) for m, s, e in matcher(doc)]
    spans = [sp for sp in spans if _accept(doc, sp, sp.label_)]
    found = []
    for span in sorted(filter_spans(spans), key=lambda sp: sp.start):
        value = _resolve(span, span.label_, published)
        if value is None and span.label_ not in _RELATIVE:
            continue  # an impossible date ("31 February 2021") is no date
        found.append(DateMention(span.start_char, span.end_char, span.text, value, span.label_ in _RELATIVE,
                                 span.label_))
    return found


def _resolve(span: Span, label: str, published: PartialDate | None) -> PartialDate | None:
    """The value by the pattern that matched; None where the publication date is missing or too coarse."""
    if span[0].lower_ == "the":
        span = span[1:]
    words = [t.lower_ for t in span]
    part = words[0] if words[0] in _PARTS else None
    core = span[1:] if part else span
    if label == "decade":
        return _narrowed(PartialDate.decade(int(core[-1].text[:4])), part, published)
    if label in ("iso", "day-month-year", "month-day-year", "month-year", "year"):
        return _narrowed(_parse_absolute(core.text, dt.date(2000, 1, 1)), part, published)
    if published is None:
        return None
    if label in ("day-month", "month-day"):
        return _parse_absolute(core.text + f" {published.value.year}", dt.date(2000, 1, 1))
    if label == "deictic":
        n = {"yesterday": -1, "today": 0, "tomorrow": 1}[words[0]]
        return published if n == 0 else shift(published, "day", n)
    if label == "relative-unit":
        n = {"last": -1, "this": 0, "next": 1}[core[0].lower_]
        return _narrowed(shift(published, core[1].lower_, n), part, published)
    sent = span.sent
    tokens = [t.lower_ for t in sent]
    future = is_future(tokens, span.start - sent.start, span.end - sent.start)
    modifier = core[0].lower_ if core[0].lower_ in ("last", "next", "this") else None
    if label == "weekday":
        weekday = _WEEKDAYS[core[-1].text]
        if modifier in ("last", "next"):
            return nearest_weekday(published, weekday, modifier == "next", strict=True)
        return nearest_weekday(published, weekday, future)
    month = _MONTHS[core[-1].text]
    if modifier == "this":
        here = at_precision(published, "year")
        value = PartialDate.of(here.value.year, month) if here else None
    elif modifier:
        value = nearest_month(published, month, modifier == "next", strict=True)
    else:
        value = nearest_month(published, month, future, strict=False)
    return _narrowed(value, part, published)


def _narrowed(value: PartialDate | None, part: str | None, published: PartialDate | None) -> PartialDate | None:
    return narrow(value, part, published) if value is not None and part else value
