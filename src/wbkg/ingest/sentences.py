"""Sentences of an article with their character offsets, from pysbd (rule-based, offline, deterministic).

pysbd was measured against spaCy's rule-based sentencizer (``spacy.blank("en")``) on the five seed articles
(docs/ingest/statements.md): spaCy glued headings to the next line and cut opening quotation marks off the
quote they open; pysbd did neither."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pysbd


@dataclass(frozen=True)
class Sentence:
    begin: int
    end: int
    text: str  # == article[begin:end], without surrounding white space


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order, each trimmed of white space; every ``text[begin:end] == surface``."""
    out: list[Sentence] = []
    cursor = 0
    for span in _segmenter().segment(text):
        surface = span.sent.strip()
        if not surface:
            continue
        # pysbd's own offsets come from searching the sentence again; search from the cursor so that a
        # sentence printed twice gets its own occurrence
        begin = text.find(surface, cursor)
        if begin < 0:
            continue
        end = begin + len(surface)
        out.append(Sentence(begin, end, surface))
        cursor = end
    return out


def sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    """The sentence that contains ``offset``, if any."""
    for sentence in sentences:
        if sentence.begin <= offset < sentence.end:
            return sentence
    return None
