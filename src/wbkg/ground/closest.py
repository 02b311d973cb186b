"""What to say when a quote is not in its article: the closest passage, and when the only difference is
typographic punctuation (the usual cause: a straight apostrophe typed for the article's curly one, a hyphen
for its dash), say which characters differ."""
from __future__ import annotations

from difflib import SequenceMatcher

#: one character for one, so positions in the folded text are positions in the article
TYPOGRAPHIC = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
                             "\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2212": "-", "\u00a0": " ",
                             "\u202f": " ", "\u2009": " "})


def fold(text: str) -> str:
    return text.translate(TYPOGRAPHIC)


def closest_passage(text: str, quote: str) -> tuple[str, str]:
    """(the passage of ``text`` closest to ``quote``, a hint at the difference)."""
    start = fold(text).find(fold(quote))
    if start >= 0:
        passage = text[start:start + len(quote)]
        pairs = sorted({f"{a!r} for {b!r}" for a, b in zip(quote, passage) if a != b})
        return passage, ("it differs only in typographic punctuation: the quote has " + ", ".join(pairs)
                         + "; copy the article's characters")
    matcher = SequenceMatcher(None, text, quote, autojunk=False)
    match = matcher.find_longest_match(0, len(text), 0, len(quote))
    begin = max(0, match.a - match.b)
    passage = text[begin:begin + len(quote)]
    return passage, "the closest passage of the article; check the words that differ"


def not_found_hint(text: str, quote: str) -> str:
    passage, hint = closest_passage(text, quote)
    shown = passage if len(passage) <= 160 else passage[:159] + "…"
    return f"; closest passage: {shown!r} ({hint})"
