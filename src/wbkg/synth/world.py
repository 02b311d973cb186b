"""The synthetic world: a small consistent set of entities (states with posts and a timeline of holders,
organisations, armed forces and units, missions, exercises, summits, agreements with their dates, topics and
policies) that the articles report on, as of each article's date."""
from __future__ import annotations

import random
from bisect import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta

from .names import (AGREEMENT_KINDS, ASCII, EXERCISE_WORDS, FEMALE_NAMES, FIRST_NAMES, LAST_DATE, MISSIONS,
                    ORDINALS, ORGS, POLICIES, POST_KINDS, REGIMENTS, STATES, SURNAME_ENDINGS, SYLLABLES, TOPICS,
                    TOWNS, UK_POSTS, WARS, WIKIDATA, slugify)
from .terms import ALT, EXACT_MATCH, IRI, PREF, TYPE, WD, Lit, en, iri, wb


@dataclass
class Entity:
    slug: str
    cls: str
    label: str
    alt: list[str] = field(default_factory=list)
    facts: list[tuple] = field(default_factory=list)  # (predicate IRI, object)

    @property
    def iri(self) -> IRI:
        return iri(self.slug)

    @property
    def short(self) -> str:
        """The form used after the first mention (an altLabel when there is one)."""
        return self.alt[0] if self.alt else self.label


@dataclass
class Term:
    person: Entity
    post: Entity
    start: date
    end: date | None


@dataclass
class State:
    entity: Entity
    demonym: str
    capital: Entity
    towns: list[Entity]
    western_balkans: bool
    posts: dict[str, Entity] = field(default_factory=dict)       # post kind -> post
    forces: Entity | None = None
    ministry: Entity | None = None


@dataclass
class Agreement:
    entity: Entity
    parties: tuple[State, State]
    proposed: date
    signed: date | None
    rejected: date | None
    place: Entity


@dataclass
class Summit:
    entity: Entity
    day: date
    place: Entity
    attendees: list[State]


class World:
    """Everything the articles can report, consistent over time."""

    def __init__(self, rng: random.Random, n_articles: int):
        self.rng = rng
        self.entities: dict[str, Entity] = {}
        self.labels: set[str] = set()
        self.surnames: set[str] = set()
        self.folded: set[str] = set()
        self.states: list[State] = []
        self.terms: dict[str, list[Term]] = {}   # post slug -> terms in time order
        self._build_states()
        self._build_orgs()
        self._build_missions()
        self._build_people()
        self._build_agreements(max(12, n_articles // 8))
        self._build_summits()
        self.topics = [self.add(Entity(slugify(t), "Topic", t)) for t in TOPICS]
        self.policies = [self.add(Entity(slugify(p), cls, p)) for p, cls in POLICIES]
        # added last, and drawing nothing from ``rng``: the rest of the world is what it was without them
        self.wars = [(self.add(Entity(slugify(label), "War", label)), first, last) for label, first, last in WARS]
        for entity in self.entities.values():
            if entity.label in WIKIDATA and entity.cls in ("State", "InternationalOrganisation", "Settlement"):
                entity.facts.append((EXACT_MATCH, IRI(WD + WIKIDATA[entity.label])))
        self.state_weights = zipf_weights(len(self.states), 1.1)
        self.by_iri = {e.iri: e for e in self.entities.values()}

    # registering entities keeps slugs and labels unique, so that mentions are never ambiguous
    def add(self, entity: Entity) -> Entity:
        assert entity.slug not in self.entities, entity.slug
        for label in [entity.label, *entity.alt]:
            assert label not in self.labels, label
            self.labels.add(label)
        self.entities[entity.slug] = entity
        return entity

    def _build_states(self):
        for name, demonym, code, capital, wb_ in STATES:
            slug = slugify(name)
            alts = {"United Kingdom": ["UK", "Britain"], "United States": ["US"],
                    "Bosnia and Herzegovina": ["Bosnia"]}.get(name, [])
            facts = [(wb("recognitionStatus"), wb("PartiallyRecognised" if code == "XK" else "WidelyRecognised"))]
            facts.append((wb("userAssignedCode" if code == "XK" else "iso3166Alpha2"), Lit(code)))
            entity = self.add(Entity(slug, "State", name, alts, facts))
            cap = self.add(Entity(slugify(capital), "Settlement", capital, [], [(wb("partOf"), entity.iri)]))
            towns = [self.add(Entity(slugify(t), "Settlement", t, [], [(wb("partOf"), entity.iri)]))
                     for t in TOWNS.get(name, [])]
            state = State(entity, demonym, cap, towns, wb_)
            if name == "United Kingdom":
                for label, alt, kind in UK_POSTS:
                    state.posts[kind if kind not in state.posts else kind + "2"] = self.add(Entity(
                        "post-" + slugify(label), "Post", label, alt,
                        [(wb("postIn"), entity.iri), (wb("postKind"), wb(kind))]))
            else:
                for kind_label, kind in POST_KINDS:
                    label = f"{kind_label} of {name}"
                    state.posts[kind] = self.add(Entity(
                        f"post-{slugify(kind_label)}-{slug}", "Post", label, [f"{demonym} {kind_label}"],
                        [(wb("postIn"), entity.iri), (wb("postKind"), wb(kind))]))
            forces_label = f"{demonym} Armed Forces"
            state.forces = self.add(Entity(slugify(forces_label), "ArmedForces", forces_label, [],
                                           [(wb("ofState"), entity.iri)]))
            ministry_label = f"Ministry of Defence of {name}"
            state.ministry = self.add(Entity(slugify(ministry_label), "Ministry", ministry_label,
                                             [f"{demonym} Ministry of Defence"], [(wb("ofState"), entity.iri)]))
            self.states.append(state)
        self.uk = self.states[0]
        for state in self.states[1:7]:  # British ambassadors to the Western Balkan states
            label = f"British Ambassador to {state.entity.label}"
            self.uk.posts[f"Ambassador-{state.entity.slug}"] = self.add(Entity(
                "post-" + slugify(label), "Post", label, [],
                [(wb("postIn"), self.uk.entity.iri), (wb("postKind"), wb("Ambassador"))]))
        self.by_slug = {s.entity.slug: s for s in self.states}

    def _build_orgs(self):
        self.orgs = {}
        for label, alt, cls, slug in ORGS:
            self.orgs[slug] = self.add(Entity(slug, cls, label, alt))
        self.units = []
        for i, regiment in enumerate(REGIMENTS):
            label = f"{ORDINALS[i % len(ORDINALS)]} Battalion, {regiment}"
            self.units.append(self.add(Entity(slugify(label), "MilitaryUnit", label, [],
                                              [(wb("partOf"), self.uk.forces.iri)])))
        for state in self.states[1:7]:
            label = f"{state.demonym} Rapid Reaction Brigade"
            self.units.append(self.add(Entity(slugify(label), "MilitaryUnit", label, [],
                                              [(wb("partOf"), state.forces.iri)])))

    def _build_missions(self):
        self.missions = []
        for label, alt, cls, leader, year, strength in MISSIONS:
            entity = self.add(Entity(slugify(label), cls, label, alt))
            leader_iri = self.orgs[leader].iri if leader in self.orgs else self.by_slug[leader].entity.iri
            self.missions.append((entity, leader_iri, year, strength))
        self.exercises = []
        adjectives, nouns = EXERCISE_WORDS
        pairs = [(a, n) for a in adjectives for n in nouns]
        self.rng.shuffle(pairs)
        for a, n in pairs[:30]:
            label = f"Exercise {a} {n}"
            self.exercises.append(self.add(Entity(slugify(label), "Exercise", label)))

    def _surname(self) -> str:
        while True:
            stem = "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.choice((1, 2, 2))))
            name = (stem + self.rng.choice(SURNAME_ENDINGS)).capitalize()
            folded = name.translate(ASCII)
            if folded not in self.folded and name not in self.labels and folded not in self.labels and len(name) > 3:
                self.surnames.add(name)
                self.folded.add(folded)
                return name

    def new_person(self, rank: str | None = None) -> Entity:
        surname = self._surname()
        first = self.rng.choice(FIRST_NAMES)
        label = f"{first} {surname}"
        honorific = "Ms" if first in FEMALE_NAMES else "Mr"
        alts = [f"{honorific} {surname}"]
        ascii_label = label.translate(ASCII)
        if ascii_label != label:
            alts.append(ascii_label)
        facts = [(wb("rank"), en(rank))] if rank else []
        return self.add(Entity(slugify(label), "Person", label, alts, facts))

    def _build_people(self):
        for state in self.states:
            for kind, post in sorted(state.posts.items()):
                terms, day = [], date(2008, 1, 1) + timedelta(days=self.rng.randrange(0, 1500))
                while day <= LAST_DATE:
                    length = timedelta(days=self.rng.randrange(500, 2200))
                    end = day + length
                    terms.append(Term(self.new_person(), post, day, end if end <= LAST_DATE else None))
                    day = end + timedelta(days=1)
                self.terms[post.slug] = terms
        self.analysts = [self.new_person() for _ in range(40)]
        self.officers = [self.new_person(rank=self.rng.choice(("Lieutenant General", "Major General", "Brigadier",
                                                                "Colonel")))
                         for _ in range(30)]

    def holder(self, post: Entity, day: date) -> Term:
        terms = self.terms[post.slug]
        starts = [t.start for t in terms]
        index = max(0, bisect(starts, day) - 1)
        return terms[index]

    def _build_agreements(self, count: int):
        self.agreements: list[Agreement] = []
        wb_states = self.states[1:7]
        weights = zipf_weights(len(self.states) - 1, 1.0)
        for _ in range(count):
            a = self.uk if self.rng.random() < 0.7 else self.rng.choice(wb_states)
            b = pick(self.rng, self.states[1:], weights)
            if b is a:
                continue
            proposed = random_day(self.rng, date(2012, 1, 1), date(2025, 6, 1))
            outcome = self.rng.random()
            signed = proposed + timedelta(days=self.rng.randrange(30, 700)) if outcome < 0.65 else None
            rejected = proposed + timedelta(days=self.rng.randrange(20, 300)) if outcome > 0.9 else None
            kind = self.rng.choice(AGREEMENT_KINDS)
            year = (signed or proposed).year
            short_a = "UK" if a is self.uk else a.entity.label
            label = f"{short_a}–{b.entity.label} {kind} Agreement of {year}"
            n = 2
            while label in self.labels:
                label = f"{short_a}–{b.entity.label} {kind} Agreement of {year} ({n})"
                n += 1
            entity = self.add(Entity(slugify(label), "Agreement", label))
            place = a.capital if self.rng.random() < 0.5 else b.capital
            self.agreements.append(Agreement(entity, (a, b), proposed, signed, rejected, place))

    def _build_summits(self):
        self.summits = []
        hosts = [self.uk] + self.states[1:9]
        for year in range(2012, 2027):
            host = self.rng.choice(hosts)
            label = f"Western Balkans Summit {year}"
            day = random_day(self.rng, date(year, 3, 1), date(year, 11, 30))
            entity = self.add(Entity(slugify(label), "Summit", label))
            chosen = {s.entity.slug: s for s in self.rng.sample(self.states[:9], 4) + [host]}
            attendees = [chosen[k] for k in sorted(chosen)]
            self.summits.append(Summit(entity, day, host.capital, attendees))

    def closure(self, used: set) -> list[Entity]:
        """The entities in ``used`` (IRIs) and those their descriptions refer to, transitively."""
        seen, stack = set(), [u for u in used if u in self.by_iri]
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            for _, o in self.by_iri[node].facts:
                if isinstance(o, IRI) and o in self.by_iri:
                    stack.append(o)
        return [self.by_iri[i] for i in sorted(seen)]

    def entity_triples(self, entities: list[Entity]):
        for entity in entities:
            s = entity.iri
            yield s, TYPE, wb(entity.cls)
            yield s, PREF, en(entity.label)
            for alt in entity.alt:
                yield s, ALT, en(alt)
            for p, o in entity.facts:
                yield s, p, o


def zipf_weights(n: int, exponent: float) -> list[float]:
    weights = [1.0 / (rank ** exponent) for rank in range(1, n + 1)]
    total, acc, out = sum(weights), 0.0, []
    for w in weights:
        acc += w / total
        out.append(acc)
    return out


def pick(rng: random.Random, items: list, cumulative: list[float]):
    return items[min(bisect(cumulative, rng.random()), len(items) - 1)]


def random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange(0, (last - first).days + 1))
