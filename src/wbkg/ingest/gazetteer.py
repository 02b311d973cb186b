"""Known entities in a new article: every label of every entity in graph/entities.ttl, compiled into one
Aho-Corasick automaton (pyahocorasick) and searched on word boundaries, longest match first.

Case rule (docs/ingest/gazetteer.md): a label always matches in its own case. Other casings are accepted only
where they cannot turn a common word into a name:
- a label that starts in lower case also matches with its first letter capitalised (sentence start);
- an all-capitals acronym of 3+ letters also matches capitalised ("NATO" -> "Nato", "KFOR" -> "Kfor");
- a label of several words with a capital in it matches in any case ("prime minister of albania").
A single capitalised word ("Turkey", "Labour", "Channel", "Force") matches only as written, so "turkey",
"labour", "channel" and "force" are never names. When a surface matches some label exactly, only the
entities with that exact label are candidates ("Western Balkans Summit" vs "Western Balkans summit").
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import ahocorasick
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from ..rdfio import parse_turtle
from ..vocab.namespaces import WBKG

LABEL_KINDS = ((SKOS.prefLabel, "pref"), (SKOS.altLabel, "alt"), (SKOS.hiddenLabel, "hidden"))
# typographic apostrophes fold to ASCII for matching only: one character for one, so offsets do not move
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


@dataclass(frozen=True)
class Label:
    """One label of one entity: its text (apostrophes folded), whether it is hidden (too ambiguous to show) and
    whether it is no label at all but a contextual form (a mention rule's generic word, a bare post title)."""
    text: str
    entity: URIRef
    hidden: bool
    contextual: bool = False


@dataclass(frozen=True)
class Match:
    """A label found in the text: [begin, end) with text[begin:end] == surface, and its candidate labels."""
    begin: int
    end: int
    surface: str
    labels: tuple[Label, ...]

    @property
    def candidates(self) -> tuple[URIRef, ...]:
        return tuple(sorted({label.entity for label in self.labels}))

    def shown_for(self, entity: URIRef) -> bool:
        """Whether some non-hidden label of ``entity`` matched here."""
        return any(label.entity == entity and not label.hidden for label in self.labels)


def _fold(text: str) -> str:
    """Lower case and ASCII apostrophes, keeping one character per character (offsets stay valid)."""
    folded = text.translate(_APOSTROPHES).lower()
    if len(folded) == len(text):
        return folded
    # rare characters whose lower case is longer ("İ"): fold them one by one, keep them if they grow
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text.translate(_APOSTROPHES))


def case_variant_allowed(label: str, surface: str) -> bool:
    """Whether ``surface`` (same letters as ``label`` up to case) may stand for ``label``: the case rule above."""
    if surface == label:
        return True
    if label[:1].islower() and surface == label[:1].upper() + label[1:]:
        return True
    if " " not in label and len(label) >= 3 and label.isalpha() and label.isupper():
        return surface == label[0] + label[1:].lower()
    return " " in label.strip() and any(ch.isupper() for ch in label)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class Gazetteer:
    """Every label of every entity of an entities graph, with the facts needed to resolve ambiguous ones."""

    def __init__(self, labels: list[Label], types: dict[URIRef, frozenset[URIRef]],
                 anchors: dict[URIRef, frozenset[URIRef]]):
        self._types = types
        self._anchors = anchors
        self._labels_of: dict[URIRef, list[str]] = defaultdict(list)
        for label in labels:
            self._labels_of[label.entity].append(label.text)
        by_key: dict[str, list[Label]] = defaultdict(list)
        for label in labels:
            by_key[_fold(label.text)].append(label)
        self._automaton = ahocorasick.Automaton()
        for key, group in by_key.items():
            self._automaton.add_word(key, (len(key), tuple(sorted(set(group), key=_label_order))))
        if by_key:
            self._automaton.make_automaton()
        self.size = len(labels)

    @classmethod
    def from_graph(cls, entities: Graph, contextual=()) -> Gazetteer:
        """All skos:prefLabel, altLabel and hiddenLabel (any language) of every subject in ``entities``, and the
        ``contextual`` (form, entity) pairs of the reviewed articles' mention rules (``rule_forms``): generic
        words ("the Prime Minister", "the cell") that, like hidden labels, never link on their own."""
        labels = [Label(str(form).strip().translate(_APOSTROPHES), entity, True, True) for form, entity in contextual
                  if str(form).strip() and (entity, None, None) in entities]
        labels += [Label(title, post, True, True) for title, post in post_titles(entities)]
        for prop, kind in LABEL_KINDS:
            for entity, value in entities.subject_objects(prop):
                text = str(value).strip().translate(_APOSTROPHES)
                if isinstance(entity, URIRef) and text:
                    labels.append(Label(text, entity, kind == "hidden"))
        types: dict[URIRef, set[URIRef]] = defaultdict(set)
        for entity, cls_ in entities.subject_objects(RDF.type):
            if isinstance(entity, URIRef) and isinstance(cls_, URIRef):
                types[entity].add(cls_)
        # the state a post, body or force belongs to: what "Kosovo's Prime Minister" is checked against
        anchors: dict[URIRef, set[URIRef]] = defaultdict(set)
        for prop in (WBKG.postIn, WBKG.ofState):
            for entity, state in entities.subject_objects(prop):
                if isinstance(entity, URIRef) and isinstance(state, URIRef):
                    anchors[entity].add(state)
        # a form that is also a real label of the entity is that label, not a contextual form
        real = {(label.text, label.entity) for label in labels if not label.contextual}
        labels = [label for label in labels if not (label.contextual and (label.text, label.entity) in real)]
        return cls(sorted(set(labels), key=_label_order),
                   {e: frozenset(t) for e, t in types.items()},
                   {e: frozenset(s) for e, s in anchors.items()})

    def entity_types(self, iri: URIRef) -> frozenset[URIRef]:
        """The rdf:types the entities graph gives ``iri`` (empty if unknown)."""
        return self._types.get(iri, frozenset())

    def labels_of(self, iri: URIRef) -> tuple[str, ...]:
        """Every label of ``iri`` (apostrophes folded), hidden ones included."""
        return tuple(self._labels_of.get(iri, ()))

    def entities(self) -> frozenset[URIRef]:
        """Every entity with a label: what a new entity's slug must not collide with."""
        return frozenset(self._labels_of)

    def anchor_states(self, iri: URIRef) -> frozenset[URIRef]:
        """The states a post (wbkg:postIn) or a body, force or party (wbkg:ofState) belongs to."""
        return self._anchors.get(iri, frozenset())

    def is_state(self, iri: URIRef) -> bool:
        types = self.entity_types(iri)
        return WBKG.State in types or WBKG.HistoricalState in types

    def matches(self, text: str) -> list[Match]:
        """Every label occurrence on word boundaries, overlaps resolved: longest first, then leftmost."""
        if self.size == 0:
            return []
        folded = _fold(text)
        found = []
        for last, (length, labels) in self._automaton.iter(folded):
            begin, end = last + 1 - length, last + 1
            if begin > 0 and _is_word_char(text[begin - 1]) and _is_word_char(text[begin]):
                continue
            if end < len(text) and _is_word_char(text[end]) and _is_word_char(text[end - 1]):
                continue
            surface = text[begin:end]
            accepted = _accepted_labels(labels, surface.translate(_APOSTROPHES))
            if accepted:
                found.append(Match(begin, end, surface, accepted))
        found.sort(key=lambda m: (m.begin - m.end, m.begin))
        taken = bytearray(len(text))
        kept = []
        for match in found:
            if not any(taken[match.begin:match.end]):
                taken[match.begin:match.end] = b"\x01" * (match.end - match.begin)
                kept.append(match)
        return sorted(kept, key=lambda m: m.begin)


def _label_order(label: Label) -> tuple:
    return (label.text, str(label.entity), label.hidden, label.contextual)


def _accepted_labels(labels: tuple[Label, ...], surface: str) -> tuple[Label, ...]:
    """Labels written exactly as the surface if any ("exact case first"), else those the case rule allows."""
    exact = tuple(label for label in labels if label.text == surface)
    if exact:
        return exact
    return tuple(label for label in labels if case_variant_allowed(label.text, surface))


def rule_forms(paths) -> list[tuple[str, URIRef]]:
    """(surface form, entity) of every wbkg:MentionRule in the article graph files ``paths`` (docs/MODEL.md,
    Mentions): what curators said generic words refer to, for the linker's contextual candidates. Only the
    files that declare a rule are parsed."""
    out = []
    for path in paths:
        if "MentionRule" not in path.read_text(encoding="utf-8", errors="replace"):
            continue
        graph = parse_turtle(path)
        for rule in graph.subjects(RDF.type, WBKG.MentionRule):
            form, entity = graph.value(rule, WBKG.surfaceForm), graph.value(rule, WBKG.refersTo)
            if form is not None and isinstance(entity, URIRef):
                out.append((str(form), entity))
    return sorted(set(out))


def post_titles(entities: Graph) -> list[tuple[str, URIRef]]:
    """The bare title of each post whose preferred label is "<title> of|for [the] <its state>" ("President of
    Kosovo" -> "President"): a code rule, not a label (docs/MODEL.md, Mentions), so that "President Hashim
    Thaci" finds its post from context (the state the sentence or article names) as a hidden label did."""
    out = []
    for post, state in entities.subject_objects(WBKG.postIn):
        names = {str(n) for n in entities.objects(state, SKOS.prefLabel)} | \
                {str(n) for n in entities.objects(state, SKOS.altLabel)}
        for label in entities.objects(post, SKOS.prefLabel):
            for name in names:
                for joint in (" of ", " for ", " of the ", " for the "):
                    if str(label).endswith(joint + name) and len(str(label)) > len(joint + name):
                        out.append((str(label)[:-len(joint + name)], post))
    # a title that another kind of post's label also holds ("Defence Minister" in "UK Defence Minister") is not
    # a sign of these posts: left out, as the curators left it out of every label
    posts = set(entities.subjects(RDF.type, WBKG.Post))
    out = [(title, post) for title, post in set(out)
           if not any(title in str(label) for other in posts - {p for t, p in out if t == title}
                      for label in entities.objects(other, SKOS.prefLabel | SKOS.altLabel))]
    return sorted(out)
