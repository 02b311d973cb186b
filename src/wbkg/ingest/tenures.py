"""Tenures in an article: "Defence Secretary Ben Wallace" says Ben Wallace holds a post on the article's date
(W3C ORG Post/holds, docs/MODEL.md "Person and post"). The holder is a known person or a proposal; the post is
a known wbkg:Post when its labels and state fit, else a proposed one.

The post's state, strongest evidence first: a state or demonym in the same noun phrase ("Kosovo's President",
"Serbian President", "the Defence Minister for North Macedonia", "UK Ambassador"); a UK government title
("Armed Forces Minister", "Minister of State for Defence") in an article that names the UK; the only state
the sentence names; the state the article names most often. "former"/"ex-" titles are past tenures.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rdflib import URIRef

from ..vocab.namespaces import WBKG
from .dates import find_dates
from .dates_resolve import PartialDate
from .entities import EntityProposal, clause_bounds, find_new_entities, known_person
from .gazetteer import Gazetteer
from .mentions import Mention, find_mentions
from .names import TITLE_HEADS, UK_TITLES, fold, post_kind, slugify
from .people import TitledPerson, find_titled_people, tokenize
from .places import Country, countries, country_named, find_country_words, known_state
from .sentences import split_sentences


@dataclass(frozen=True)
class PostProposal:
    """A post the entities graph lacks: label, bare title, state (known IRI or proposal slug) and kind."""
    label: str
    title: str
    state: URIRef | str | None
    state_label: str | None
    kind: URIRef | None
    slug: str


@dataclass(frozen=True)
class TenureMention:
    """``holder`` (known IRI or a proposal's slug) holds ``post`` (known IRI or PostProposal), as of
    ``as_of``; ``begin``/``end`` the title-and-name phrase, ``evidence_*`` the clause; ``past`` for former."""
    holder: URIRef | str
    holder_label: str
    post: URIRef | PostProposal
    begin: int
    end: int
    evidence_begin: int
    evidence_end: int
    as_of: PartialDate | None
    past: bool
    rule: str
    confidence: float


@dataclass(frozen=True)
class _State:
    ref: URIRef | str          # known IRI, or the slug of a proposed state
    label: str
    words: tuple[str, ...]     # its names and demonyms, for matching post labels


def find_tenures(text: str, gazetteer: Gazetteer, mentions: list[Mention] | None = None,
                 proposals: list[EntityProposal] | None = None,
                 published: PartialDate | None = None) -> list[TenureMention]:
    """Every (holder, post) the article states, first occurrence as evidence, in text order."""
    mentions = find_mentions(text, gazetteer) if mentions is None else mentions
    proposals = find_new_entities(text, gazetteer, mentions) if proposals is None else proposals
    ctx = _Context(text, gazetteer, mentions, proposals)
    people = [p for p in find_titled_people(text, tokenize(text)) if p.title and not p.title.isupper()]
    found: dict[tuple, TenureMention] = {}
    for p in people:
        holder = ctx.holder(p.begin, p.end, p.name)
        if holder is not None:
            _add(found, ctx, p, holder, published, "title+name")
    titled = {t.holder for t in found.values()}
    for p, holder in ctx.definite_titles(people):
        if holder[0] in titled:
            continue  # "The Prime Minister" after "Mr Rama asked...": Rama's own post is named; not clear
        _add(found, ctx, p, holder, published, "the title after a named subject")
    return sorted(found.values(), key=lambda t: t.begin)


def _add(found: dict, ctx: _Context, p: TitledPerson, holder: tuple[URIRef | str, str],
         published: PartialDate | None, rule: str) -> None:
    state, how, confidence = ctx.state_of(p)
    post = ctx.post(p, state)
    key = (holder[0], post if isinstance(post, URIRef) else (post.title.lower(), post.state))
    if key in found:
        return
    ev = clause_bounds(ctx.text, p.phrase_begin, p.end)
    as_of = ctx.past_date(p) if p.former else published
    if isinstance(post, URIRef):
        confidence = min(1.0, confidence + 0.05)
    found[key] = TenureMention(holder[0], holder[1], post, p.phrase_begin, p.end, ev[0], ev[1], as_of, p.former,
                               f"{rule}; state: {how}", confidence if rule == "title+name" else confidence - 0.2)


class _Context:
    """What the rules consult: the text, its known mentions, the proposals, the states in play."""

    def __init__(self, text: str, gazetteer: Gazetteer, mentions: list[Mention], proposals: list[EntityProposal]):
        self.text, self.gaz, self.mentions, self.proposals = text, gazetteer, mentions, proposals
        self.state_spans: list[tuple[int, int, _State]] = []
        for m in mentions:
            if m.linked and gazetteer.is_state(m.entity):
                self.state_spans.append((m.begin, m.end, self._known(m.entity)))
        for begin, end, country, _ in find_country_words(text):
            state = self.state_of_country(country)
            if state is not None and not any(b <= begin < e for b, e, _ in self.state_spans):
                self.state_spans.append((begin, end, state))
        self.sentences = split_sentences(text)

    def _known(self, iri: URIRef) -> _State:
        labels = self.gaz.labels_of(iri)
        words = set(labels)
        for label in labels:
            if (c := country_named(label)) is not None:
                words |= set(c.demonyms) | set(c.names)
        slug = str(iri).rsplit("/", 1)[-1]
        label = next((lab for lab in labels if country_named(lab)), None) or next(
            (lab for lab in labels if slugify(lab) == slug), labels[0] if labels else slug)
        return _State(iri, label, tuple(sorted(words)))

    def state_of_country(self, country: Country) -> _State | None:
        iri = known_state(self.gaz, country)
        if iri is not None:
            return self._known(iri)
        for p in self.proposals:
            if p.cls == WBKG.State and p.pref_label == country.name:
                return _State(p.slug, country.name, (*country.names, *country.demonyms))
        return None

    def holder(self, begin: int, end: int, name: str) -> tuple[URIRef | str, str] | None:
        iri = known_person(self.gaz, self.mentions, begin, end)
        if iri is not None:
            return iri, name
        for p in self.proposals:
            if p.cls == WBKG.Person and (any(b <= begin and end <= e for b, e in p.occurrences)
                                         or name in p.labels):
                return p.slug, p.pref_label
        return None

    def state_of(self, p: TitledPerson) -> tuple[_State | None, str, float]:
        post = self._post_mention(p, None)
        if post is not None and len(self.gaz.anchor_states(post)) == 1:
            return self._known(next(iter(self.gaz.anchor_states(post)))), "the post named in the phrase", 0.9
        for b, e in reversed(p.state_words):
            state = self._at(b, e)
            if state is not None:
                return state, "named in the phrase", 0.9
        uk = next((c for c in countries() if c.alpha2 == "GB"), None)
        uk_state = self.state_of_country(uk) if uk else None
        if uk_state and any(t in p.title for t in UK_TITLES) and self._names(uk_state):
            return uk_state, "a UK government title", 0.85
        if "Ambassador" not in p.title:  # an ambassador's sentence names where they serve, not their state
            sentence = next((s for s in self.sentences if s.begin <= p.begin < s.end), None)
            if sentence is not None:
                named = {s.ref: s for b, _, s in self.state_spans if sentence.begin <= b < sentence.end}
                if len(named) == 1:
                    return next(iter(named.values())), "the only state the sentence names", 0.75
        counts = Counter(s.ref for _, _, s in self.state_spans)
        ranked = counts.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            state = next(s for _, _, s in self.state_spans if s.ref == ranked[0][0])
            return state, "the state the article names most", 0.6
        return None, "unknown", 0.4

    def _at(self, begin: int, end: int) -> _State | None:
        for b, e, state in self.state_spans:
            if b <= begin and end <= e or begin <= b and e <= end:
                return state
        return None

    def _names(self, state: _State) -> bool:
        return any(s.ref == state.ref for _, _, s in self.state_spans)

    def post(self, p: TitledPerson, state: _State | None) -> URIRef | PostProposal:
        """A known post the phrase is a mention of, or whose label fits title and state; else a proposal."""
        known = self._post_mention(p, state)
        if known is not None:
            return known
        title = p.title[:1].upper() + p.title[1:] if p.title.islower() else p.title
        if state is not None and isinstance(state.ref, URIRef):
            fits = set()
            for label in self._post_labels(title, state):
                for match in self.gaz.matches(label):
                    if match.begin == 0 and match.end == len(label):
                        fits |= {c for c in match.candidates if WBKG.Post in self.gaz.entity_types(c)
                                 and state.ref in self.gaz.anchor_states(c)}
            if len(fits) == 1:
                return fits.pop()
        if state is None:
            label, slug = title, f"post-{slugify(title)}"
        elif fold(state.label).lower() in fold(title).lower():
            label, slug = title, f"post-{slugify(title)}"
        else:
            label = f"{title}, {state.label}" if re.search(r"\b(?:of|for)\b", title) else f"{title} of {state.label}"
            slug = f"post-{slugify(title)}-{slugify(state.label)}"
        return PostProposal(label, title, state.ref if state else None, state.label if state else None,
                            post_kind(title), slug)

    def _post_mention(self, p: TitledPerson, state: _State | None) -> URIRef | None:
        for m in self.mentions:
            if m.linked and p.phrase_begin <= m.begin and m.end <= p.begin \
                    and WBKG.Post in self.gaz.entity_types(m.entity) \
                    and (state is None or state.ref in self.gaz.anchor_states(m.entity)):
                return m.entity
        return None

    @staticmethod
    def _post_labels(title: str, state: _State) -> list[str]:
        out = [title]
        for w in state.words:
            out += [f"{title} of {w}", f"{title} of the {w}", f"{title} for {w}", f"{w} {title}",
                    f"{w}'s {title}", f"{w} {title.lower()}"]
        return out

    def definite_titles(self, people: list[TitledPerson]):
        """"Sir Keir Starmer will host ... The Prime Minister reaffirmed ...": a sentence that opens with
        "The <title>" (no name) right after a sentence that opens with a named person refers to that person."""
        for prev, sentence in zip(self.sentences, self.sentences[1:]):
            m = re.match(r"The ((?:[A-Z][a-z]+ )*(?:%s))\b(?! [A-Z])" % "|".join(sorted(TITLE_HEADS)),
                         sentence.text)
            if m is None:
                continue
            opener = self._opening_person(prev, people)
            if opener is None:
                continue
            b = sentence.begin + m.start(1)
            e = sentence.begin + m.end(1)
            yield TitledPerson(b, e, opener[1], b, m.group(1), b, e, None, None, False, ()), opener

    def _opening_person(self, sentence, people) -> tuple[URIRef | str, str] | None:
        head = sentence.text[:60]
        lead = re.match(r"(?:(?:Mr|Mrs|Ms|Dr|Sir|Dame|Lord|Lady|Baroness) )?([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)", head)
        if lead is None:
            return None
        begin = sentence.begin + lead.start()
        end = sentence.begin + lead.end()
        if any(p.phrase_begin == begin and p.title for p in people):
            return None  # titled already: its own tenure
        return self.holder(begin, end, lead.group(1))

    def past_date(self, p: TitledPerson) -> PartialDate | None:
        """A former title's date: a year written in the same clause after the name ("... Merkel in 2014")."""
        b, e = clause_bounds(self.text, p.phrase_begin, p.end)
        clause = self.text[p.end:e]
        dates = [d for d in find_dates(clause, None) if d.value is not None and d.value.precision == "year"]
        return dates[0].value if dates else None
