"""The extractor interface: what any extractor of draft facts gives, so that the rule-based one below and a
statistical or language-model extractor plugged in later pass through the same draft writer, grounding and
gates.

An ``Extractor`` has a ``name`` and a ``version`` (they name the generator of every draft evidence:
``https://w3id.org/wbkg/extractor/<name>/<version>#<rule>``) and ``extract(text, context) -> Extraction``.
An ``Extraction`` holds what was found, per kind ("mentions", "dates", "quantities", "statements"; other
kinds are added by name), each item a ``Found``: the block's own record (with character offsets into the
text), the rule that found it and a confidence in [0, 1]. The draft writer (draft.py) has one small writer
per kind; a kind without a writer is reported, not lost.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from rdflib import URIRef

from .. import __version__
from .contributions import find_contributions
from .dates import find_dates
from .dates_resolve import PartialDate
from .entities import find_new_entities
from .events import find_events
from .gazetteer import Gazetteer
from .histories import find_histories
from .mentions import find_mentions
from .quantities import find_quantities
from .sentences import Sentence, split_sentences
from .statements import find_statements
from .tenures import find_tenures

EXTRACTOR_BASE = "https://w3id.org/wbkg/extractor/"


@dataclass(frozen=True)
class Context:
    """What an extractor may use besides the text: the article id, its publication date (None when unknown:
    relative dates then stay unresolved), the known entities and the article's language (its dcterms:language,
    the tag of every free-text literal the draft writes)."""
    article_id: str
    published: PartialDate | None
    gazetteer: Gazetteer
    language: str = "en"


@dataclass(frozen=True)
class Found:
    """One item an extractor found: ``item`` is the block's record (it has ``begin``/``end`` or spans),
    ``rule`` the rule's name (a fragment of the generator IRI: letters, digits, '-'), ``confidence`` in [0, 1]."""
    item: Any
    rule: str
    confidence: float


@dataclass
class Extraction:
    """The items found in one text, per kind, in text order; ``sentences`` for coverage."""
    extractor: str
    version: str
    items: dict[str, list[Found]] = field(default_factory=dict)
    sentences: list[Sentence] = field(default_factory=list)

    def of(self, kind: str) -> list[Found]:
        return self.items.get(kind, [])

    def generator(self, rule: str) -> URIRef:
        """The IRI of the rule that generated a draft evidence (prov:wasGeneratedBy)."""
        return URIRef(f"{EXTRACTOR_BASE}{self.extractor}/{self.version}#{rule}")


@runtime_checkable
class Extractor(Protocol):
    name: str
    version: str

    def extract(self, text: str, context: Context) -> Extraction: ...


# Confidence of each rule: priors set by hand from the seed-article evaluation (docs/ingest/README.md), not a
# calibrated probability; they order the review queue, nothing more.
MENTION_CONFIDENCE = {"unique label": 0.95}
MENTION_RESOLVED = 0.8
QUANTITY_CONFIDENCE = {"Exact": 0.85, "Approximately": 0.8, "AtLeast": 0.8, "MoreThan": 0.8, "Vague": 0.7}
STATEMENT_CONFIDENCE = {"statement-direct": 0.85, "statement-reported": 0.7}
DATE_CONFIDENCE = {True: 0.75, False: 0.9}  # relative, absolute


class RuleExtractor:
    """The rule-based extractor: the blocks of wbkg.ingest (gazetteer mentions, new entities, tenures, dates,
    quantities, statements, events, histories, contributions), offline and deterministic."""

    name = "rules"
    version = __version__

    def extract(self, text: str, context: Context) -> Extraction:
        published = context.published.value if context.published and context.published.precision == "day" \
            else None
        extraction = Extraction(self.name, self.version)
        extraction.sentences = split_sentences(text)
        mentions = find_mentions(text, context.gazetteer, published=published)
        extraction.items["mentions"] = [
            Found(m, "mention-" + _slug_rule(m.reason), MENTION_CONFIDENCE.get(m.reason, MENTION_RESOLVED))
            for m in mentions]
        extraction.items["dates"] = [
            Found(d, "date-" + d.kind, DATE_CONFIDENCE[d.relative]) for d in find_dates(text, context.published)]
        extraction.items["quantities"] = [
            Found(q, "quantity-" + _slug_rule(q.approximation.rsplit("#", 1)[-1]),
                  QUANTITY_CONFIDENCE.get(q.approximation.rsplit("#", 1)[-1], 0.7))
            for q in find_quantities(text)]
        extraction.items["statements"] = [
            Found(s, "statement-direct" if s.direct else "statement-reported",
                  STATEMENT_CONFIDENCE["statement-direct" if s.direct else "statement-reported"])
            for s in find_statements(text, extraction.sentences)]
        proposals = find_new_entities(text, context.gazetteer, mentions)
        extraction.items["entities"] = [Found(p, rule_name(p.rule), p.confidence) for p in proposals]
        extraction.items["tenures"] = [
            Found(t, rule_name(t.rule), t.confidence)
            for t in find_tenures(text, context.gazetteer, mentions, proposals, context.published)]
        dates = [f.item for f in extraction.items["dates"]]
        extraction.items["events"] = [
            Found(e, rule_name(e.rule), e.confidence)
            for e in find_events(text, mentions, dates, context.gazetteer, sentences=extraction.sentences)]
        extraction.items["histories"] = [
            Found(h, h.rule, h.confidence)
            for h in find_histories(text, mentions, dates, context.gazetteer, sentences=extraction.sentences,
                                    published=context.published)]
        quantities = [f.item for f in extraction.items["quantities"]]
        extraction.items["contributions"] = [
            Found(c, rule_name(c.rule), c.confidence)
            for c in find_contributions(text, mentions, quantities, dates, context.gazetteer,
                                        sentences=extraction.sentences)]
        return extraction


def rule_name(text: str) -> str:
    """A block's rule description as an IRI fragment: lower-case ASCII words joined by '-'
    ("title+name; state: named in the phrase" -> "title-name-state-named-in-the-phrase")."""
    words = "".join(ch.lower() if ch.isascii() and ch.isalnum() else " " for ch in text).split()
    return "-".join(words) or "rule"


def _slug_rule(text: str) -> str:
    """A rule name from a reason or a term: lower-case words joined by '-' ("unique label" -> "unique-label")."""
    out, word = [], []
    for ch in text.split(";")[0].split(":")[0]:
        if ch.isascii() and ch.isalnum():
            word.append(ch.lower())
        elif word:
            out.append("".join(word))
            word = []
    if word:
        out.append("".join(word))
    return "-".join(out) or "rule"
