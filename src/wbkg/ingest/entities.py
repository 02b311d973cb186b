"""New entities in an article: people, organisations, units, documents, states and cities the gazetteer does
not know, each a draft for a reviewer with its class, labels, slug, evidence clause, rule and confidence.

One proposal per distinct entity: the first occurrence is its evidence, later ones (and short forms, "Mr
Rama" after "Edi Rama") are merged into it. Anything a linked known-entity mention already covers is left
alone; a short form that fits two proposals is merged into neither (a wrong merge is worse than none).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from rdflib import URIRef

from ..vocab.namespaces import WBKG
from .gazetteer import Gazetteer
from .mentions import Mention, find_mentions
from .names import fold, slugify, unique_slug
from .organisations import find_acronyms, find_bodies
from .people import TitledPerson, find_titled_people, tokenize
from .places import find_cities, find_country_words, known_state

__all__ = ["EntityProposal", "find_new_entities", "unique_slug", "clause_bounds", "known_person"]

_CLAUSE_STOP = re.compile(r"[.;:!?\n\u201c\u201d\"()]|,\s")


@dataclass(frozen=True)
class EntityProposal:
    """A draft entity: ``text[begin:end] == surface`` (its first occurrence), the most specific class the
    words make clear, labels, a slug free in the entities graph, the clause quoted as evidence, the rule that
    found it and a confidence in [0, 1]; ``occurrences``: every (begin, end) naming it, short forms included."""
    surface: str
    begin: int
    end: int
    cls: URIRef
    pref_label: str
    alt_labels: tuple[str, ...]
    slug: str
    evidence_begin: int
    evidence_end: int
    rule: str
    confidence: float
    occurrences: tuple[tuple[int, int], ...] = field(default=())

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.pref_label, *self.alt_labels)


def clause_bounds(text: str, begin: int, end: int) -> tuple[int, int]:
    """The clause around [begin, end): from the last clause break before it to the first after it, trimmed."""
    left = max((m.end() for m in _CLAUSE_STOP.finditer(text, 0, begin)), default=0)
    right = next((m.start() for m in _CLAUSE_STOP.finditer(text, end)), len(text))
    while left < begin and text[left].isspace():
        left += 1
    while right > end and text[right - 1].isspace():
        right -= 1
    return left, right


def known_person(gazetteer: Gazetteer, mentions: list[Mention], begin: int, end: int) -> URIRef | None:
    """The known person a linked mention overlapping [begin, end) denotes ("Sir Keir" in "Sir Keir Starmer")."""
    for m in mentions:
        if m.linked and m.begin < end and begin < m.end and WBKG.Person in gazetteer.entity_types(m.entity):
            return m.entity
    return None


def _covered(mentions: list[Mention], begin: int, end: int) -> bool:
    """A linked mention names the same or a longer span: the gazetteer knows it."""
    return any(m.linked and m.begin <= begin and end <= m.end for m in mentions)


class _Draft:
    """A proposal being assembled: first occurrence, labels, occurrences."""

    def __init__(self, surface: str, begin: int, end: int, cls: URIRef, pref: str, rule: str, confidence: float):
        self.surface, self.begin, self.end, self.cls = surface, begin, end, cls
        self.pref, self.rule, self.confidence = pref, rule, confidence
        self.alts: list[str] = []
        self.occurrences: list[tuple[int, int]] = [(begin, end)]

    def add_label(self, label: str) -> None:
        if label and label != self.pref and label not in self.alts:
            self.alts.append(label)


def find_new_entities(text: str, gazetteer: Gazetteer, mentions: list[Mention] | None = None,
                      taken: set[str] | None = None) -> list[EntityProposal]:
    """Every entity ``text`` names that the gazetteer does not link, one proposal each, in text order.
    ``taken``: slugs already used (default: the gazetteer's entities)."""
    mentions = find_mentions(text, gazetteer) if mentions is None else mentions
    doc = tokenize(text)
    drafts: list[_Draft] = []
    claimed: list[tuple[int, int]] = []
    _add_people(text, gazetteer, mentions, find_titled_people(text, doc), drafts, claimed)
    _add_bodies(text, mentions, doc, drafts, claimed)
    _add_places(text, gazetteer, mentions, drafts, claimed)
    taken = set(taken) if taken is not None else {str(e).rsplit("/", 1)[-1] for e in gazetteer.entities()}
    out = []
    for d in sorted(drafts, key=lambda d: d.begin):
        slug = unique_slug(d.pref, taken)
        taken.add(slug)
        folded = fold(d.pref)
        if folded != d.pref:
            d.add_label(folded)
        ev = clause_bounds(text, d.begin, d.end)
        out.append(EntityProposal(d.surface, d.begin, d.end, d.cls, d.pref, tuple(d.alts), slug, ev[0], ev[1],
                                  d.rule, d.confidence, tuple(sorted(set(d.occurrences)))))
    return out


def _overlaps(claimed: list[tuple[int, int]], begin: int, end: int) -> bool:
    return any(b < end and begin < e for b, e in claimed)


def _add_people(text: str, gazetteer: Gazetteer, mentions: list[Mention], people: list[TitledPerson],
                drafts: list[_Draft], claimed: list[tuple[int, int]]) -> None:
    by_name: dict[str, _Draft] = {}
    known_surnames = Counter(label.split()[-1] for iri in {m.entity for m in mentions if m.linked
                                                           and WBKG.Person in gazetteer.entity_types(m.entity)}
                             for label in set(gazetteer.labels_of(iri)) if " " in label)
    for p in people:
        if " " not in p.name and known_surnames.get(p.name):
            continue  # "Mr Brenner" after "Tomas Brenner": a known person's short form
        start = p.begin if p.honorific is None else text.rfind(p.honorific, 0, p.begin)
        if known_person(gazetteer, mentions, start, p.end) or _covered(mentions, p.begin, p.end):
            continue
        claimed.append((p.begin, p.end))
        key = fold(p.name).lower()
        if " " not in p.name:  # a surname alone: a short form of one earlier full name, or a new person
            fits = [d for k, d in by_name.items() if k.split()[-1] == key and " " in k]
            if len(fits) == 1:
                fits[0].occurrences.append((start, p.end))
                fits[0].add_label(f"{p.honorific} {p.name}" if p.honorific else p.name)
                continue
            if len(fits) > 1:
                continue  # fits two people: left unmerged and unproposed
            if p.honorific:
                key = fold(f"{p.honorific} {p.name}").lower()
        if key in by_name:
            by_name[key].occurrences.append((p.begin, p.end))
            continue
        pref = p.name if " " in p.name or not p.honorific else f"{p.honorific} {p.name}"
        rule = "title+name" if p.title else "rank+name" if p.rank else "honorific+name"
        confidence = 0.9 if p.title and not p.title.islower() else 0.85 if p.rank else 0.8
        first = _first(text, p.name, p.begin) if " " in p.name else (start, p.end)
        draft = _Draft(text[first[0]:first[1]], first[0], first[1], WBKG.Person, pref, rule, confidence)
        if p.honorific and " " in p.name:
            draft.add_label(f"{p.honorific} {p.name}")
        by_name[key] = draft
        drafts.append(draft)
    for draft in drafts:  # bare surnames later in the text ("Kurti said"), when only one person has it
        if " " not in draft.pref:
            continue
        surname = draft.pref.split()[-1]
        if sum(d.pref.split()[-1] == surname for d in drafts) != 1:
            continue
        for m in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
            if m.start() > draft.end and not _overlaps(claimed, m.start(), m.end()) \
                    and not re.search(r"[A-Z][\w-]*\s+$", text[max(0, m.start() - 30):m.start()]):
                draft.occurrences.append((m.start(), m.end()))
                draft.add_label(surname)


def _first(text: str, name: str, at: int) -> tuple[int, int]:
    """The first occurrence of a full name (it may stand untitled before its titled one)."""
    m = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
    begin = m.start() if m and m.start() < at else at
    return begin, begin + len(name)


def _add_bodies(text: str, mentions: list[Mention], doc, drafts: list[_Draft],
                claimed: list[tuple[int, int]]) -> None:
    by_name: dict[str, _Draft] = {}
    for body in find_bodies(text, doc) + find_acronyms(text, doc):
        if _covered(mentions, body.begin, body.end) or _overlaps(claimed, body.begin, body.end):
            continue
        key = fold(body.name).lower()
        if key in by_name:
            by_name[key].occurrences.append((body.begin, body.end))
            claimed.append((body.begin, body.end))
            continue
        if body.rule == "acronym":  # "(ISR)" right after a proposed name: its short form
            owner = next((d for d in drafts if text[d.end:body.begin].strip() == "("), None)
            if owner is not None:
                owner.add_label(body.name)
                owner.occurrences.append((body.begin, body.end))
                continue
        claimed.append((body.begin, body.end))
        generic = body.cls == WBKG.Organisation
        confidence = 0.4 if body.rule == "acronym" else 0.5 if generic else 0.7
        draft = _Draft(body.name, body.begin, body.end, body.cls, body.name, body.rule, confidence)
        if body.name.startswith("The "):
            draft.pref = body.name[4:]
        if body.owner:
            draft.add_label(f"{body.name} of {body.owner}")
        by_name[key] = draft
        drafts.append(draft)


def _add_places(text: str, gazetteer: Gazetteer, mentions: list[Mention], drafts: list[_Draft],
                claimed: list[tuple[int, int]]) -> None:
    states: dict[str, _Draft] = {}
    for begin, end, country, demonym in find_country_words(text):
        if _covered(mentions, begin, end) or _overlaps(claimed, begin, end) or known_state(gazetteer, country):
            continue
        if country.alpha2 in states:
            states[country.alpha2].occurrences.append((begin, end))
            continue
        draft = _Draft(text[begin:end], begin, end, WBKG.State, country.name,
                       "demonym" if demonym else "iso3166 name", 0.7 if demonym else 0.9)
        for name in country.names:
            draft.add_label(name)
        states[country.alpha2] = draft
        drafts.append(draft)
    cities: dict[str, _Draft] = {}
    for begin, end, _code in find_cities(text):
        name = text[begin:end]
        if _covered(mentions, begin, end) or _overlaps(claimed, begin, end) or gazetteer.matches(name):
            continue
        if name in cities:
            cities[name].occurrences.append((begin, end))
            continue
        cities[name] = _Draft(name, begin, end, WBKG.Settlement, name, "geonames city", 0.6)
        drafts.append(cities[name])


def with_slug(proposal: EntityProposal, slug: str) -> EntityProposal:
    """The same proposal under another slug (a caller merging drafts across articles)."""
    return replace(proposal, slug=slug)
