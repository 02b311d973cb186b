"""Titled people in news text: a post title, honorific or military rank, then capitalised name tokens.

English news names a person with what they are right before the name: "Defence Secretary Ben Wallace",
"Kosovo's President Vjosa Osmani", "Serbian President Aleksandar Vucic", "the Defence Minister for North
Macedonia Radmila Shekerinska", "former German chancellor Angela Merkel", "Sir Michael Fallon", "Lieutenant
General Rrahman Rama", "Mr Rama". The word classes (names.py) are closed; the names are not listed anywhere.
Tokens come from spaCy's rule tokenizer (spacy.blank("en"): no model, nothing downloaded).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.tokens import Doc, Token

from .names import HONORIFICS, NOT_NAME, PAST_MARKERS, RANKS_BY_FIRST, TITLE_HEADS, is_head, text_of
from .places import country_named, find_country_words

_NAME_TOKEN = re.compile(r"^[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*$")
_POSSESSIVE = ("'s", "’s", "'", "’")
MAX_NAME_TOKENS = 3


@dataclass(frozen=True)
class TitledPerson:
    """A person named with a title, honorific or rank. Offsets into the text; the title is the bare post title
    ("Prime Minister" of "Kosovo's Prime Minister"), ``phrase_begin`` where the whole noun phrase starts (the
    state modifier or "former" included), ``state_words`` the (begin, end) of states or demonyms in it."""
    begin: int                     # the name
    end: int
    name: str
    phrase_begin: int
    title: str | None
    title_begin: int | None
    title_end: int | None
    honorific: str | None
    rank: str | None
    former: bool
    state_words: tuple[tuple[int, int], ...]


@lru_cache(maxsize=1)
def _nlp():
    return spacy.blank("en")


def tokenize(text: str) -> Doc:
    return _nlp().make_doc(text)


def _is_cap(tok: Token) -> bool:
    return tok.text[:1].isupper()


def is_name_token(tok: Token) -> bool:
    """A word of a personal name: capitalised, letters (with inner hyphens/apostrophes), not all capitals, not
    a function word, title, head word or country."""
    t = tok.text
    return (_NAME_TOKEN.match(t) is not None and t[:1].isupper() and not t.isupper()
            and t not in NOT_NAME and not is_head(t) and country_named(t) is None)


def _name_at(doc: Doc, i: int, minimum: int) -> tuple[int, int] | None:
    """Token range [i, j) of a name of ``minimum``..3 tokens on one line, ended before a possessive."""
    j = i
    while j < len(doc) and j - i < MAX_NAME_TOKENS and is_name_token(doc[j]):
        if j > i and "\n" in doc[j - 1].whitespace_ + text_of(doc)[doc[j - 1].idx + len(doc[j - 1]):doc[j].idx]:
            break
        j += 1
    if j < len(doc) and j - i == MAX_NAME_TOKENS and is_name_token(doc[j]):
        return None  # four capitalised words in a row: a heading or a name of something else
    return (i, j) if j - i >= minimum else None


def _rank_at(doc: Doc, i: int) -> int:
    """Number of tokens of a military rank starting at token i (0 if none)."""
    for rank in RANKS_BY_FIRST.get(doc[i].text, ()):
        if i + len(rank) <= len(doc) and all(doc[i + k].text == w for k, w in enumerate(rank)):
            return len(rank)
    return 0


def _is_title_head(tok: Token) -> bool:
    return tok.text in TITLE_HEADS or (tok.text.islower() and tok.text.capitalize() in TITLE_HEADS)


def _complement(doc: Doc, i: int) -> int:
    """End token of "of State for Defence", "for the Kosovo Security Force", "for North Macedonia" after a
    title head at i-1 (i itself if there is none). A run that would swallow the name stops where a country or
    a head word ends, or leaves the name's last two words."""
    j = i
    while j < len(doc) and doc[j].text in ("of", "for") and j + 1 < len(doc):
        k = j + 1
        if doc[k].text == "the":
            k += 1
        start = k
        while k < len(doc) and _is_cap(doc[k]) and doc[k].text not in HONORIFICS and not _rank_at(doc, k):
            k += 1
        if k == start:
            break
        run = [t.text for t in doc[start:k]]
        if k < len(doc) and doc[k].text in ("of", "for"):  # "Minister of State for Defence"
            j = k
            continue
        ends = [n for n in range(1, len(run) + 1)
                if is_head(run[n - 1]) or country_named(" ".join(run[:n])) is not None]
        if ends and (k == len(doc) or not (doc[k].text in HONORIFICS or _rank_at(doc, k))):
            k = start + max(e for e in ends if len(run) - e >= 1 or k == len(doc) or not _is_cap(doc[k]))
        elif k < len(doc) and (doc[k].text in HONORIFICS or _rank_at(doc, k)):
            pass
        elif len(run) > 2:
            k -= 2  # "Minister for Europe John Smith": the last two words are the name
        else:
            break
        j = k
    return j


def _title_left(doc: Doc, head: int) -> tuple[int, int, bool, list[tuple[int, int]]]:
    """Walk left from a title head: (first title token, first phrase token, former?, state words)."""
    first, phrase, former, states = head, head, False, []
    k = head - 1
    while k >= 0 and "\n" not in doc[k].whitespace_:
        tok = doc[k]
        if tok.text in _POSSESSIVE and k > 0:
            owner = k - 1
            while owner > 0 and _is_cap(doc[owner - 1]) and country_named(
                    doc[owner - 1:k].text) is not None:
                owner -= 1
            states.append((doc[owner].idx, doc[k - 1].idx + len(doc[k - 1])))
            phrase, k = owner, owner - 1
            continue
        if country_named(tok.text) is not None or (tok.text.isupper() and len(tok.text) >= 2 and tok.is_alpha):
            states.append((tok.idx, tok.idx + len(tok)))  # "Serbian", "UK": the state; resolved later
            phrase, k = k, k - 1
            continue
        if tok.text.lower() in PAST_MARKERS or (tok.text == "-" and k > 0 and doc[k - 1].lower_ == "ex"):
            former, phrase = True, (k - 1 if tok.text == "-" else k)
            k = phrase - 1
            continue
        if states or not (_is_cap(tok) and tok.is_alpha and tok.text not in NOT_NAME
                          and (tok.text not in TITLE_HEADS or tok.text == "Prime")):
            if not (tok.is_lower and tok.text in ("defence", "foreign", "prime", "interior", "deputy", "home")):
                break
        first = phrase = k
        k -= 1
    return first, phrase, former, sorted(states)


def find_titled_people(text: str, doc: Doc | None = None) -> list[TitledPerson]:
    """Every person named right after a post title, honorific or rank, in text order."""
    doc = doc if doc is not None else tokenize(text)
    found, i = [], 0
    while i < len(doc):
        person = _person_at(doc, i)
        if person is None:
            i += 1
            continue
        found.append(person)
        i = next(t.i for t in doc if t.idx >= person.end) if person.end < len(text) else len(doc)
    return found


def _person_at(doc: Doc, i: int) -> TitledPerson | None:
    tok = doc[i]
    title = honorific = rank = None
    title_begin = title_end = None
    phrase, former, states = tok.idx, False, []
    j = i
    if _is_title_head(tok) and not (tok.text == "Chief" and i + 1 < len(doc) and doc[i + 1].text == "of"):
        first, first_phrase, former, state_tokens = _title_left(doc, i)
        j = _complement(doc, i + 1)
        title_begin, title_end = doc[first].idx, doc[j - 1].idx + len(doc[j - 1])
        phrase, states = doc[first_phrase].idx, state_tokens
        after = tok.idx + len(tok)  # a country in the complement ("Defence Minister for North Macedonia")
        states += [(after + b, after + e) for b, e, _, _ in find_country_words(text_of(doc)[after:title_end])]
        if states and states[-1][1] == title_end:  # "Defence Minister for North Macedonia": bare title
            cut = re.search(r"\s+(?:of|for|to)\s+(?:the\s+)?$", text_of(doc)[title_begin:states[-1][0]])
            title_end = title_begin + cut.start() if cut else title_end
        title = text_of(doc)[title_begin:title_end]
        if title.islower() and not (former or states):
            return None  # "the minister Mark..." is too weak without a state or "former"
    n = _rank_at(doc, j)
    if n:
        rank, j = doc[j:j + n].text, j + n
    if j < len(doc) and doc[j].text in HONORIFICS and j + 1 < len(doc) and doc[j + 1].text != ".":
        honorific, j = doc[j].text, j + 1
    elif j < len(doc) and doc[j].text in HONORIFICS:
        honorific, j = doc[j].text, j + 2  # "Dr. Smith"
    if title is None and rank is None and honorific is None:
        return None
    if j == i:
        return None
    minimum = 1 if honorific or title and not title.islower() else 2
    span = _name_at(doc, j, minimum) if j < len(doc) else None
    if span is None:
        return None
    b, e = doc[span[0]].idx, doc[span[1] - 1].idx + len(doc[span[1] - 1])
    if title is None:
        phrase = tok.idx
    return TitledPerson(b, e, text_of(doc)[b:e], phrase, title, title_begin, title_end, honorific, rank, former,
                        tuple(sorted(set(states))))
