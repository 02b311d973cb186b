"""Counts and amounts an article states ("around 4,500 troops", "several hundred soldiers", "10 billion euros",
"the 78-day air campaign"), each with its character offsets, value or bounds, the ontology's approximation and
unit, as a draft ``wbkg:Quantity`` for a person to review (docs/ingest/quantities.md).

spaCy's blank English pipeline tokenises (no statistical model: nothing is downloaded) and its Matcher finds
the number expressions; quantulum3 reads their value ("twenty-eight", "10 billion", "4,500", "a dozen").
A number is a quantity only when one of the unit nouns below follows it: bare numbers, years, dates, ordinals,
ages and phone-like digit runs are left out, since a reviewer would have to discard them."""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import spacy
from spacy.lang.en.lex_attrs import _num_words as CARDINAL_WORDS
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from wbkg.vocab.namespaces import WBKG

with warnings.catch_warnings():
    # quantulum3 warns that its optional unit classifier (scikit-learn) is absent: we only read numbers with it
    warnings.simplefilter("ignore")
    from quantulum3 import parser as quantulum

# The unit nouns, plural and singular, with the ontology's wbkg:Unit individual (ontology/wbkg.ttl, UnitScheme).
# None: the ontology has no unit for the noun yet; the mention is still reported so a reviewer sees it.
UNIT_NOUNS: dict[str, str | None] = {
    **dict.fromkeys(("troops", "troop", "soldiers", "soldier", "personnel"), str(WBKG.Troops)),
    **dict.fromkeys(("nations", "nation", "countries", "country", "states", "state"), str(WBKG.States)),
    **dict.fromkeys(("people", "person", "persons", "migrants", "migrant"), str(WBKG.People)),
    **dict.fromkeys(("euros", "euro"), str(WBKG.Euros)),
    **dict.fromkeys(("days", "day"), str(WBKG.Days)),
    **dict.fromkeys(("years", "year"), str(WBKG.Years)),
    **dict.fromkeys(("missions", "mission"), str(WBKG.Missions)),
    **dict.fromkeys(("pounds", "pound", "dollars", "dollar", "weeks", "week", "months", "month"), None),
}
# The units that count things (the ontology's wbkg:CountUnit individuals): their numbers are xsd:integer.
COUNT_UNITS = frozenset(str(u) for u in (WBKG.Troops, WBKG.People, WBKG.States, WBKG.Missions))

# Words before the number that say how exact it is (docs/MODEL.md, Quantity). Checked longest first.
APPROXIMATION_WORDS: dict[tuple[str, ...], str] = {
    ("at", "least"): str(WBKG.AtLeast),
    ("more", "than"): str(WBKG.MoreThan),
    ("over",): str(WBKG.MoreThan),
    **{(word,): str(WBKG.Approximately) for word in
       ("around", "about", "some", "roughly", "almost", "nearly", "approximately", "circa")},
}
# Upper bounds: the ontology has no approximation for them, and "up to 500 troops" is not 500 troops.
REFUSED_BEFORE: set[tuple[str, ...]] = {("up", "to"), ("fewer", "than"), ("less", "than"), ("under",),
                                        ("below",), ("no", "more", "than")}
# "at least another three years": a word that may stand between the approximation and the number.
FILLERS = {"another"}

# Orders of magnitude given only in words, as bounds (MODEL.md: "several hundred" = 200..999).
VAGUE_BOUNDS: dict[str, tuple[int, int]] = {
    "hundreds": (200, 999), "several hundred": (200, 999), "a few hundred": (200, 999),
    "dozens": (24, 99), "several dozen": (24, 99), "a few dozen": (24, 99),
    "thousands": (2_000, 9_999), "several thousand": (2_000, 9_999), "a few thousand": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 999_999_999),
}

# Words between the number and the unit noun that may be stop words ("33 NATO and partner nations",
# "two more years"); any other stop word ("3 of the soldiers") ends the search for a unit.
MODIFIER_STOP_WORDS = {"and", "more", "other", "further"}
MAX_MODIFIERS = 3
DATE_WORDS = {"in", "since", "by", "until", "till", "from", "of", "during", "before", "after", "to",
              "january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december"}
LABEL_WORDS = {"aged", "age", "article", "section", "paragraph", "chapter", "resolution", "no", "number"}
YEAR = re.compile(r"^(1[89]|20)\d\d$")


@dataclass(frozen=True)
class QuantityMention:
    """One quantity: ``text[begin:end] == surface`` (approximation words, number, modifiers, unit noun).
    ``value`` for a number, ``lower_bound``/``upper_bound`` for a vague one; IRIs as strings."""
    begin: int
    end: int
    surface: str
    value: Decimal | None
    lower_bound: Decimal | None
    upper_bound: Decimal | None
    approximation: str
    unit: str | None
    unit_noun: str


@lru_cache(maxsize=1)
def _pipeline() -> tuple[spacy.language.Language, Matcher]:
    nlp = spacy.blank("en")
    matcher = Matcher(nlp.vocab)
    digits = {"LIKE_NUM": True, "TEXT": {"REGEX": r"^\d[\d,.]*$"}}  # not "3rd"
    word = {"LOWER": {"IN": sorted(CARDINAL_WORDS)}}
    joined = [{"ORTH": {"IN": ["-", "and"]}, "OP": "?"}, word]  # "twenty-eight", "one hundred and twenty"
    numbers = [[first] + joined * n for first in (digits, word) for n in range(5)]
    scale = {"LOWER": {"IN": ["dozen", "hundred", "thousand", "million", "billion"]}}
    numbers += [[{"LOWER": "a"}, scale], [digits, {"LOWER": "dozen"}], [word, {"LOWER": "dozen"}]]
    matcher.add("NUMBER", numbers)
    matcher.add("VAGUE", [[{"LOWER": w} for w in key.split()] for key in VAGUE_BOUNDS])
    return nlp, matcher


def find_quantities(text: str) -> list[QuantityMention]:
    """Every number followed by a unit noun in ``text``, in order of position."""
    nlp, matcher = _pipeline()
    doc = nlp(text)
    spans = filter_spans([Span(doc, b, e, label=m) for m, b, e in matcher(doc)])
    found = []
    for span in spans:
        mention = _mention(doc, span, vague=span.label_ == "VAGUE")
        if mention is not None:
            found.append(mention)
    return sorted(found, key=lambda m: (m.begin, m.end))


def _mention(doc: Doc, number: Span, vague: bool) -> QuantityMention | None:
    unit_token = _unit_after(doc, number, vague)
    if unit_token is None or _is_refused(doc, number, unit_token):
        return None
    if vague:
        lower, upper = VAGUE_BOUNDS[number.text.lower()]
        value, bounds, approximation, first = None, (Decimal(lower), Decimal(upper)), str(WBKG.Vague), number[0]
    else:
        value = _value(number.text)
        if value is None:
            return None
        bounds = (None, None)
        approximation, first = _approximation_before(doc, number)
        if approximation is None:
            return None
    begin, end = first.idx, unit_token.idx + len(unit_token.text)
    return QuantityMention(begin, end, doc.text[begin:end], value, bounds[0], bounds[1], approximation,
                           UNIT_NOUNS[unit_token.lower_], unit_token.text)


def _unit_after(doc: Doc, number: Span, vague: bool) -> Token | None:
    """The unit noun after the number: "78-day", "30 troops", "hundreds of missions", "six Western Balkan
    nations"; None when another word comes first."""
    i = number.end
    if i + 1 < len(doc) and doc[i].text == "-" and not doc[i].whitespace_ and doc[i + 1].lower_ in UNIT_NOUNS:
        return doc[i + 1]
    if vague and i < len(doc) and doc[i].lower_ == "of":
        i += 1
    for j in range(i, min(i + MAX_MODIFIERS + 1, len(doc))):
        token = doc[j]
        if token.lower_ in UNIT_NOUNS:
            return token
        if not token.is_alpha or token.lower_ in CARDINAL_WORDS or \
                (token.is_stop and token.lower_ not in MODIFIER_STOP_WORDS):
            return None
    return None


def _is_refused(doc: Doc, number: Span, unit: Token) -> bool:
    """Years, dates, ages and phone-like digit runs: numbers a reviewer would discard."""
    before = doc[number.start - 1] if number.start > 0 else None
    after = doc[unit.i + 1: unit.i + 3]
    if unit.lower_ in ("year", "years") and (
            (len(after) and after[0].lower_ == "old") or [t.text.lower() for t in after] == ["-", "old"]):
        return True  # "a 30-year-old man", "45 years old"
    if before is not None and before.lower_ in LABEL_WORDS:
        return True  # "aged 45 years", "Article 5 states that": a label or an age, not a count
    first = number[0].text
    if YEAR.match(first) and len(number) == 1 and (unit.i != number.end or
                                                  (before is not None and before.lower_ in DATE_WORDS)):
        return True  # "in 1999 British troops", "the 2021 NATO states"
    if first.startswith("0") and len(first) > 1 and not first.startswith("0."):
        return True  # "0800 ..."
    neighbours = [doc[number.start - 1]] if number.start > 0 else []
    return any(t.like_num and not t.is_alpha for t in neighbours)  # "123 4567 people"


def _approximation_before(doc: Doc, number: Span) -> tuple[str | None, Token]:
    """The approximation the words before the number give, and the first token of the expression;
    (None, ...) for an upper bound, which the ontology cannot say."""
    start = number.start
    if start > 0 and doc[start - 1].lower_ in FILLERS:
        start -= 1
    for length in (3, 2, 1):
        if start - length < 0:
            continue
        words = tuple(t.lower_ for t in doc[start - length: start])
        if words in REFUSED_BEFORE:
            return None, number[0]
        if words in APPROXIMATION_WORDS:
            return APPROXIMATION_WORDS[words], doc[start - length]
    return str(WBKG.Exact), number[0]


def _value(number_text: str) -> Decimal | None:
    """The number quantulum3 reads in the whole expression; None when it reads none or several."""
    parsed = [q for q in quantulum.parse(number_text) if q.span == (0, len(number_text))]
    if len(parsed) != 1 or parsed[0].unit.name not in ("dimensionless", "dozen"):
        return None
    value = Decimal(str(parsed[0].value)) * (12 if parsed[0].unit.name == "dozen" else 1)
    return Decimal(int(value)) if value == value.to_integral_value() else value
