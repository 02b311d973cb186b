"""Names of organisations, units, documents and events by their head word: a run of capitalised words that
ends in a head word ("Kosovo Security Force", "Defence Command Paper"), begins with one and an of/for
complement ("Ministry of Defence", "Council of Europe"), or follows an opening head ("Exercise Platinum
Wolf"); British unit names joined by "the" ("2nd Battalion, the Royal Irish Regiment"). The head word says the
class (names.head_class). Acronyms that stand alone ("the EU") are organisations of unknown kind.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef
from spacy.tokens import Doc, Token

from ..vocab.namespaces import WBKG
from .names import HEADS, NOT_NAME, PREFIX_HEADS, head_class, is_head, text_of

_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
_ROMAN = re.compile(r"^[IVXLC]+$")
_UNIT_JOIN = frozenset("Battalion Company Squadron Regiment Brigade Troop Battery".split())
_CONNECTORS = frozenset("of for".split())


@dataclass(frozen=True)
class NamedBody:
    """A name found by its head word: text[begin:end] == name, its class, the rule and the possessive owner
    right before it ("Kosovo" of "Kosovo's Ministry of Internal Affairs"), if any."""
    begin: int
    end: int
    name: str
    cls: URIRef
    rule: str
    owner: str | None


def _cap(tok: Token) -> bool:
    t = tok.text
    return (t[:1].isupper() and any(c.isalpha() for c in t)) or _ORDINAL.match(t) is not None


def _same_line(doc: Doc, a: int, b: int) -> bool:
    return "\n" not in text_of(doc)[doc[a].idx:doc[b].idx]


def in_heading(text: str, offset: int) -> bool:
    """A short line in Title Case with no sentence punctuation at its end: a headline, where every word is
    capitalised and a capital says nothing."""
    begin = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[begin:end if end >= 0 else len(text)].strip().strip("#*").strip()
    words = re.findall(r"[A-Za-z][\w'’-]*", line)
    return (0 < len(words) <= 14 and not line.endswith((".", "!", "?", ":", ";", "\u201d", '"'))
            and sum(w[0].isupper() for w in words) >= 0.6 * len(words))


def _left(doc: Doc, h: int) -> int:
    k = h
    while k > 0 and _cap(doc[k - 1]) and doc[k - 1].text not in NOT_NAME and _same_line(doc, k - 1, h):
        k -= 1
    return k


def _of_complement(doc: Doc, j: int) -> int:
    """End of "of Defence", "for National Statistics", "of Foreign and European Affairs" starting at token j."""
    if j + 1 >= len(doc) or doc[j].text not in _CONNECTORS:
        return j
    k = j + 1
    if doc[k].text == "the" and k + 1 < len(doc) and _cap(doc[k + 1]):
        k += 1
    end = k
    while k < len(doc) and (_cap(doc[k]) or (doc[k].text == "and" and k + 1 < len(doc) and _cap(doc[k + 1])
                                              and not doc[k + 1].text.isupper())):
        if doc[k].text in NOT_NAME and doc[k].text != "and":
            break
        k += 1
        if doc[k - 1].text != "and":
            end = k
    return end


def _unit_join(doc: Doc, j: int) -> int:
    """"2nd Battalion, the Royal Irish Regiment": after a unit head, ", the"/"the" and a run ending in a head."""
    k = j + (1 if j < len(doc) and doc[j].text == "," else 0)
    if k >= len(doc) or doc[k].text not in ("the", "The"):
        return j
    end, k = j, k + 1
    while k < len(doc) and _cap(doc[k]) and doc[k].text not in NOT_NAME:
        k += 1
        if doc[k - 1].text in HEADS:
            end = k
    return end


def find_bodies(text: str, doc: Doc) -> list[NamedBody]:
    """Every head-word name in text order, longest first where they overlap; headlines skipped."""
    found: list[NamedBody] = []
    for tok in doc:
        h = tok.i
        if tok.text in PREFIX_HEADS and h + 1 < len(doc) and _cap(doc[h + 1]) and doc[h + 1].text not in NOT_NAME:
            k = h + 1
            while k < len(doc) and _cap(doc[k]) and doc[k].text not in NOT_NAME and _same_line(doc, h, k):
                k += 1
            found.append(_body(doc, h, k, PREFIX_HEADS[tok.text], "prefix head word"))
            continue
        if not is_head(tok.text) or (h + 1 < len(doc) and _cap(doc[h + 1]) and is_head(doc[h + 1].text)):
            continue  # the name goes on to a later head ("Defence Command Paper")
        begin, end = _left(doc, h), _of_complement(doc, h + 1)
        if tok.text in _UNIT_JOIN:
            end = max(end, _unit_join(doc, h + 1))
        words = [t.text for t in doc[begin:end] if t.text not in (",", "the", "The", "of", "for", "and")]
        if len(words) < 2:
            continue  # a head word alone ("the Force", "Ministry") names nothing in particular
        cls = head_class([t.text for t in doc[begin:end]])
        if cls is not None:
            found.append(_body(doc, begin, end, cls, "head word"))
    found = [b for b in found if not in_heading(text, b.begin)]
    found.sort(key=lambda b: (b.begin - b.end, b.begin))
    kept: list[NamedBody] = []
    for body in found:
        if all(body.end <= k.begin or k.end <= body.begin for k in kept):
            kept.append(body)
    return sorted(kept, key=lambda b: b.begin)


def _body(doc: Doc, begin: int, end: int, cls: URIRef, rule: str) -> NamedBody:
    b, e = doc[begin].idx, doc[end - 1].idx + len(doc[end - 1])
    owner = None
    if begin >= 2 and doc[begin - 1].text in ("'s", "’s") and _cap(doc[begin - 2]):
        owner = doc[begin - 2].text
    return NamedBody(b, e, text_of(doc)[b:e], cls, rule, owner)


def find_acronyms(text: str, doc: Doc) -> list[NamedBody]:
    """All-capital words of 2-6 letters that stand alone: organisations of unknown kind ("the EU"). Not in a
    headline, not a Roman numeral, not one defined after lower-case words ("reconnaissance (ISR)": a term)."""
    out = []
    for tok in doc:
        t = tok.text
        if not (t.isalpha() and t.isupper() and 2 <= len(t) <= 6) or _ROMAN.match(t) or in_heading(text, tok.idx):
            continue
        if tok.i > 1 and doc[tok.i - 1].text == "(" and doc[tok.i - 2].text[:1].islower():
            continue
        if tok.i + 1 < len(doc) and _cap(doc[tok.i + 1]) and not doc[tok.i + 1].text.isupper():
            continue  # "UK Ambassador", "NATO Summit": a modifier of a longer name
        out.append(NamedBody(tok.idx, tok.idx + len(t), t, WBKG.Organisation, "acronym", None))
    return out
