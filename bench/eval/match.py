"""One matching function per kind: does a found item match a curated one? And the counts they give.

The rules are those the blocks' authors measured with (docs/ingest/*.md):
- mention: same (begin, end, entity) as a wbkg:Mention of the build (bench/ingest/gazetteer_seed_eval.py);
- date: same lexical value, and the mention lies inside a quote that states the value (docs/ingest/dates.md);
- quantity: same value/bounds, approximation and unit, and the surface inside the evidence quote
  (tests/ingest/test_quantities.py);
- statement: same kind (direct or reported) and the spans overlap (bench/ingest/statements_recall.py).
A found item is correct when it matches some curated item; a curated item is found when some found item
matches it. So precision is strict: a true find the curators did not model counts as wrong.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Callable, Iterable

from rdflib import URIRef

from wbkg.ingest.dates import DateMention
from wbkg.ingest.mentions import Mention
from wbkg.ingest.quantities import QuantityMention
from wbkg.ingest.statements import StatementMention

from .gold import DateGold, QuantityGold, StatementGold


def match_mention(gold: tuple, found: Mention) -> bool:
    return found.linked and (found.begin, found.end, found.entity) == gold


def match_date(gold: DateGold, found: DateMention) -> bool:
    return (found.value is not None and found.value.lexical == gold.value
            and any(b <= found.begin and found.end <= e for b, e in gold.spans))


def match_quantity(gold: QuantityGold, found: QuantityMention) -> bool:
    key = (found.value, found.lower_bound, found.upper_bound, found.approximation, found.unit)
    return key == gold.key and found.surface in gold.quote


def match_statement(gold: StatementGold, found: StatementMention) -> bool:
    return (found.direct == gold.direct
            and found.said.begin < gold.end and gold.begin < found.said.end)


@dataclass
class Counts:
    curated: int = 0
    found: int = 0
    correct: int = 0        # found items that match a curated one
    recalled: int = 0       # curated items some found item matches
    extracted: bool = True  # False: no extractor exists yet for this kind

    def add(self, other: Counts) -> Counts:
        return Counts(self.curated + other.curated, self.found + other.found, self.correct + other.correct,
                      self.recalled + other.recalled, self.extracted and other.extracted)

    @property
    def precision(self) -> float | None:
        return self.correct / self.found if self.found else None

    @property
    def recall(self) -> float | None:
        return self.recalled / self.curated if self.curated else None

    def as_dict(self) -> dict:
        return {**asdict(self), "precision": self.precision, "recall": self.recall}


def score(gold: Iterable, found: Iterable, match: Callable) -> Counts:
    gold, found = list(gold), list(found)
    return Counts(curated=len(gold), found=len(found),
                  correct=sum(any(match(g, f) for g in gold) for f in found),
                  recalled=sum(any(match(g, f) for f in found) for g in gold))


def not_extracted(gold: Iterable) -> Counts:
    """A kind with no extractor yet: every curated item is missed."""
    return Counts(curated=len(list(gold)), extracted=False)


def _folded(text: str) -> str:
    from wbkg.ingest.names import fold
    return fold(text).lower()


def match_new_entity(gold, found) -> bool:
    """A proposal is the left-out entity when one of its labels (surface, prefLabel, altLabels; diacritics and
    case folded) is one of the entity's labels, and its class is the entity's class or a superclass of it
    (wbkg:Organisation for a wbkg:ThinkTank is right, only less specific; wbkg:Ministry for a think tank is wrong)."""
    labels = {_folded(found.surface), *(_folded(label) for label in found.labels)}
    return bool(labels & gold.labels) and found.cls in gold.classes


def match_tenure(gold, found) -> bool:
    """Holder and post match. A known holder or post by IRI; a proposed holder by its label (folded) among the
    gold holder's labels; a proposed post when its state is the gold post's wbkg:postIn (IRI, or label) and its
    bare title (folded, whole words) occurs in one of the gold post's labels ("Defence Minister" in "Defence
    Minister of Serbia", "Ambassador" in "UK Ambassador to North Macedonia")."""
    import re
    if not isinstance(found.holder, URIRef):
        holder_ok = _folded(found.holder_label) in gold.holder_labels
    else:
        holder_ok = found.holder == gold.holder
    post = found.post
    if isinstance(post, URIRef):
        return holder_ok and post == gold.post
    state_ok = (post.state == gold.post_in if not isinstance(post.state, str)
                else post.state_label is not None and _folded(post.state_label) in gold.post_in_labels)
    title = re.compile(rf"\b{re.escape(_folded(post.title))}\b")
    return holder_ok and state_ok and any(title.search(label) for label in gold.post_labels)


# --- the draft (bench/eval/draft.py): the same rules, read from the draft's nodes and evidence spans ---------

def overlaps(spans, others) -> bool:
    return any(b < e2 and b2 < e for b, e in spans for b2, e2 in others)


def match_draft_date(gold: DateGold, found) -> bool:
    """Same value, whatever the property (a past event's date the curators wrote as wbkg:date may be drafted
    as wbkg:latestDate), and the draft's evidence overlaps a curated quote that states the value."""
    return found.value == gold.value and overlaps([found.span], gold.spans)


def match_draft_date_default(gold: tuple, found) -> bool:
    """An article date written by default is right when a curated fact whose evidence overlaps has it."""
    value, spans = gold
    return found.value == value and overlaps([found.span], spans)


def match_draft_quantity(gold: QuantityGold, found) -> bool:
    return found.key == gold.key and overlaps(found.spans, gold.spans)


def match_draft_statement(gold: StatementGold, found) -> bool:
    return found.direct == gold.direct and found.begin < gold.end and gold.begin < found.end


def same_entity(iri, labels, gold_iri, gold_labels) -> bool:
    """A known entity by IRI; a proposed one (iri None) by a label in common (folded)."""
    return iri == gold_iri if iri is not None else bool(labels & gold_labels)


def match_draft_event(gold, found) -> bool:
    """The draft's class is the curated class or one above it, and the evidence overlaps."""
    return found.cls in gold.classes and overlaps(found.spans, gold.spans)


def match_draft_contribution(gold, found) -> bool:
    return (same_entity(found.contributor, found.contributor_labels, gold.contributor, gold.contributor_labels)
            and same_entity(found.mission, found.mission_labels, gold.mission, gold.mission_labels))
