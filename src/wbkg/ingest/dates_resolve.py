"""Partial dates (a value and its precision, docs/MODEL.md "Dates and precision") and the rules that resolve
relative expressions against an article's publication date, in the manner of news temporal taggers
(HeidelTime, TIMEX3): the unit's precision is kept, and a weekday or bare month goes backwards or forwards by
the tense of its sentence."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

from rdflib import Literal as RDFLiteral
from rdflib.namespace import XSD

Precision = Literal["day", "month", "year", "decade"]
_ORDER = {"day": 0, "month": 1, "year": 2, "decade": 3}


@dataclass(frozen=True)
class PartialDate:
    """A date known to `precision`: `value` is the first day of that day/month/year/decade.
    `lower`/`upper` optionally narrow the bounds inside the period ("early next year", "earlier this month")."""

    value: dt.date
    precision: Precision
    lower: dt.date | None = None
    upper: dt.date | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """"2021-03-19" (day), "2021-03" (month), "2021" (year); anything else is a ValueError."""
        parts = text.strip().split("-")
        if not all(p.isdigit() for p in parts) or len(parts[0]) != 4 or len(parts) > 3:
            raise ValueError(f"not a date, year-month or year: {text!r}")
        if len(parts) == 3:
            return cls(dt.date.fromisoformat(text.strip()), "day")
        if len(parts) == 2:
            return cls(dt.date(int(parts[0]), int(parts[1]), 1), "month")
        return cls(dt.date(int(parts[0]), 1, 1), "year")

    @classmethod
    def of(cls, year: int, month: int | None = None, day: int | None = None) -> PartialDate:
        if month is None:
            return cls(dt.date(year, 1, 1), "year")
        if day is None:
            return cls(dt.date(year, month, 1), "month")
        return cls(dt.date(year, month, day), "day")

    @classmethod
    def decade(cls, first_year: int) -> PartialDate:
        return cls(dt.date(first_year - first_year % 10, 1, 1), "decade")

    @property
    def lexical(self) -> str:
        """The literal's lexical form; a decade is written as its first year (MODEL.md)."""
        if self.precision == "day":
            return self.value.isoformat()
        if self.precision == "month":
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return f"{self.value.year:04d}"

    @property
    def datatype(self) -> str:
        return str({"day": XSD.date, "month": XSD.gYearMonth}.get(self.precision, XSD.gYear))

    def literal(self) -> RDFLiteral:
        """The typed literal for wbkg:date and kin; a decade also needs wbkg:datePrecision wbkg:Decade."""
        return RDFLiteral(self.lexical, datatype=self.datatype)

    @property
    def earliest(self) -> dt.date:
        return self.lower or self.value

    @property
    def latest(self) -> dt.date:
        if self.upper:
            return self.upper
        v = self.value
        if self.precision == "day":
            return v
        if self.precision == "month":
            return v.replace(day=calendar.monthrange(v.year, v.month)[1])
        span = 10 if self.precision == "decade" else 1
        return dt.date(v.year + span - 1, 12, 31)

    def sort_key(self) -> tuple[dt.date, dt.date]:
        return (self.earliest, self.latest)

    def __str__(self) -> str:
        return self.lexical + ("s" if self.precision == "decade" else "")


def at_precision(base: PartialDate, precision: Precision) -> PartialDate | None:
    """The period of `precision` containing `base`, or None when `base` is coarser than asked."""
    if _ORDER[base.precision] > _ORDER[precision]:
        return None
    v = base.value
    if precision == "day":
        return PartialDate(v, "day")
    if precision == "month":
        return PartialDate(v.replace(day=1), "month")
    if precision == "year":
        return PartialDate(dt.date(v.year, 1, 1), "year")
    return PartialDate.decade(v.year)


def shift(base: PartialDate, unit: str, n: int) -> PartialDate | None:
    """"last year" (unit year, n=-1), "next month" (month, +1), "yesterday" (day, -1), "this week" (week, 0).
    A week is not a precision of the model: it keeps the coarsest precision holding the whole week, with its
    Monday..Sunday as bounds."""
    if unit == "week":
        day = at_precision(base, "day")
        if day is None:
            return None
        monday = day.value - dt.timedelta(days=day.value.weekday()) + dt.timedelta(weeks=n)
        sunday = monday + dt.timedelta(days=6)
        prec: Precision = "month" if monday.month == sunday.month else "year"
        holder = at_precision(PartialDate(monday, "day"), prec)
        return replace(holder, lower=monday, upper=sunday) if holder else None
    here = at_precision(base, unit)  # type: ignore[arg-type]
    if here is None:
        return None
    v = here.value
    if unit == "day":
        return PartialDate(v + dt.timedelta(days=n), "day")
    if unit == "month":
        months = v.year * 12 + v.month - 1 + n
        return PartialDate(dt.date(months // 12, months % 12 + 1, 1), "month")
    return PartialDate(dt.date(v.year + n, 1, 1), "year")


def nearest_weekday(base: PartialDate, weekday: int, future: bool, strict: bool = False) -> PartialDate | None:
    """The nearest given weekday (0 = Monday) on or after (`future`) or on or before the publication day;
    `strict` ("last Tuesday", "next Tuesday") leaves out the publication day itself. Needs a publication day."""
    day = at_precision(base, "day")
    if day is None:
        return None
    v = day.value + dt.timedelta(days=(1 if future else -1) if strict else 0)
    delta = (weekday - v.weekday()) % 7 if future else -((v.weekday() - weekday) % 7)
    return PartialDate(v + dt.timedelta(days=delta), "day")


def nearest_month(base: PartialDate, month: int, future: bool, strict: bool) -> PartialDate | None:
    """The named month nearest the publication month, backwards or forwards; `strict` ("last November",
    "next March") excludes the publication month itself."""
    here = at_precision(base, "month")
    if here is None:
        return None
    y, m = here.value.year, here.value.month
    if future:
        year = y if (month > m or (month == m and not strict)) else y + 1
    else:
        year = y if (month < m or (month == m and not strict)) else y - 1
    return PartialDate(dt.date(year, month, 1), "month")


def narrow(date: PartialDate, part: str, published: PartialDate | None) -> PartialDate:
    """Bounds for "early/mid/late" (first, middle, last third of a year; first/last ten days of a month) and
    for "earlier/later" (up to / from the publication date)."""
    lo, hi = date.earliest, date.latest
    if part in ("earlier", "later") and published is not None:
        if part == "earlier":
            return replace(date, upper=min(hi, published.latest))
        return replace(date, lower=max(lo, published.earliest))
    if date.precision == "year":
        cut = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}.get(part)
        if cut:
            last = calendar.monthrange(lo.year, cut[1])[1]
            return replace(date, lower=dt.date(lo.year, cut[0], 1), upper=dt.date(lo.year, cut[1], last))
    if date.precision == "month":
        cut = {"early": (1, 10), "mid": (11, 20), "late": (21, hi.day)}.get(part)
        if cut:
            return replace(date, lower=lo.replace(day=cut[0]), upper=lo.replace(day=cut[1]))
    return date


# Tense cues for weekdays and bare months. Scanning back from the expression, the first cue met decides;
# "would" says nothing (reported future as well as conditional); with no cue the past wins (news reports).
_FUTURE_PAIRS = {("ahead", "of"), ("due", "to"), ("expected", "to"), ("set", "to"), ("going", "to"),
                 ("plans", "to"), ("planned", "for"), ("scheduled", "for")}
_FUTURE_WORDS = {"will", "’ll", "'ll", "shall", "upcoming", "coming", "forthcoming", "next", "tomorrow"}
_PAST_WORDS = {"was", "were", "had", "did", "said", "told", "met", "held", "went", "came", "took", "gave",
               "made", "spoke", "ago", "last", "yesterday", "earlier"}
_PARTICIPLE_AUX = {"be", "been", "being", "is", "are", "am", "to", "get", "gets", "will"}


def is_future(words: list[str], start: int, end: int) -> bool:
    """Whether the expression at words[start:end] (its sentence, lower-cased) is spoken of as to come."""
    for order in (range(start - 1, -1, -1), range(end, len(words))):
        for i in order:
            w = words[i]
            if (w, words[i + 1] if i + 1 < len(words) else "") in _FUTURE_PAIRS or w in _FUTURE_WORDS:
                return True
            if w in _PAST_WORDS:
                return False
            past_form = w.endswith("ed") and not w.endswith("eed") and len(w) > 4
            if past_form and (i == 0 or words[i - 1] not in _PARTICIPLE_AUX):
                return False
    return False
