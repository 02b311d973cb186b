"""`wbkg synth`: a synthetic corpus shaped like the real one, for scale tests and benchmarks.

It writes a complete project folder: ``corpus/*.txt`` and ``corpus/articles.ttl``, ``graph/entities.ttl``,
``graph/articles/*.ttl``, and copies ``ontology/``, ``shapes/`` and ``queries/`` from a real project, so that
``wbkg --root DIR build`` works on it.

The generator first builds a small consistent *world* (about 35 states with posts and a timeline of holders,
organisations, armed forces and units, missions, exercises, summits, agreements with proposal and signing
dates, topics and policies), then writes each article as a sequence of fact blocks drawn from that world as of
the article's date: visits, meetings, quotes and stances, mission strengths and national contributions,
agreements (proposed, signed, rejected), summits, exercises, pledges, appointments. Each block writes sentences
and the triples they state, each fact supported by a ``wbkg:Evidence`` whose quote is a verbatim substring of
the text (with an authored ``wbkg:prefix`` when the quote occurs more than once). Entities recur across
articles with a skewed (Zipf-like) distribution: the United Kingdom and the Western Balkan states most, the
rest of NATO less. Everything follows docs/MODEL.md; the same ``--seed`` gives the same bytes.
"""
from __future__ import annotations

import hashlib
import math
import random
import re
import shutil
from bisect import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from .namespaces import ARTICLE, BASE

ID = BASE + "id/"
WB = BASE + "ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SCHEMA = "https://schema.org/"
DCTERMS = "http://purl.org/dc/terms/"

PREFIXES = {
    "dcterms": DCTERMS, "id": ID, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "schema": SCHEMA,
    "skos": SKOS, "wbkg": WB, "xsd": XSD,
}
COPIED_PARTS = ("ontology", "shapes", "queries")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FIRST_DATE = date(2012, 1, 1)
LAST_DATE = date(2025, 12, 31)

# --- terms ----------------------------------------------------------------------------------------------


class IRI(str):
    """An IRI (a str subclass so that sorting and hashing stay cheap)."""


@dataclass(frozen=True, order=True)
class Lit:
    value: str
    datatype: str | None = None
    lang: str | None = None


def iri(slug: str) -> IRI:
    return IRI(ID + slug)


def wb(term: str) -> IRI:
    return IRI(WB + term)


def xsd_date(d: date) -> Lit:
    return Lit(d.isoformat(), XSD + "date")


def xsd_year(year: int) -> Lit:
    return Lit(f"{year:04d}", XSD + "gYear")


def xsd_month(year: int, month: int) -> Lit:
    return Lit(f"{year:04d}-{month:02d}", XSD + "gYearMonth")


def decimal(value) -> Lit:
    return Lit(str(value), XSD + "decimal")


def en(text: str) -> Lit:
    return Lit(text, lang="en")


TYPE = IRI(RDF_TYPE)
PREF = IRI(SKOS + "prefLabel")
ALT = IRI(SKOS + "altLabel")

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def _quote(text: str) -> str:
    return '"' + "".join(_ESCAPES.get(c, c) for c in text) + '"'


def term_n3(term, base: str | None = None) -> str:
    """Turtle for a term, with the prefixes above (and ``:`` for ``base``)."""
    if isinstance(term, Lit):
        out = _quote(term.value)
        if term.lang:
            return out + "@" + term.lang
        if term.datatype:
            return out + "^^" + term_n3(IRI(term.datatype))
        return out
    if base and term.startswith(base):
        local = term[len(base):]
        if _LOCAL.match(local):
            return ":" + local
    for prefix, namespace in PREFIXES.items():
        if term.startswith(namespace):
            local = term[len(namespace):]
            if _LOCAL.match(local) and not local.endswith("-"):
                return f"{prefix}:{local}"
    return f"<{term}>"


def turtle(triples, header: str = "", base: str | None = None) -> str:
    """Turtle in a stable form: subjects sorted, then predicates (rdf:type first), then objects."""
    by_subject: dict = {}
    for s, p, o in triples:
        by_subject.setdefault(s, {}).setdefault(p, set()).add(o)
    lines = [header] if header else []
    if base:
        lines.append(f"@prefix : <{base}> .")
    lines += [f"@prefix {k}: <{v}> ." for k, v in sorted(PREFIXES.items())]
    lines.append("")

    def objkey(o):
        return (0, o.value, o.datatype or "", o.lang or "") if isinstance(o, Lit) else (1, str(o), "", "")
    for s in sorted(by_subject):
        props = by_subject[s]
        parts = []
        for p in sorted(props, key=lambda p: (p != RDF_TYPE, p)):
            objects = ", ".join(term_n3(o, base) for o in sorted(props[p], key=objkey))
            parts.append(f"{'a' if p == RDF_TYPE else term_n3(p, base)} {objects}")
        lines.append(f"{term_n3(s, base)} " + " ;\n    ".join(parts) + " .\n")
    return "\n".join(lines)


# --- the world -----------------------------------------------------------------------------------------

# name, demonym, ISO 3166 alpha-2 (or user-assigned code), capital, Western Balkans?
STATES = [
    ("United Kingdom", "British", "GB", "London", False),
    ("Kosovo", "Kosovar", "XK", "Pristina", True),
    ("Serbia", "Serbian", "RS", "Belgrade", True),
    ("Albania", "Albanian", "AL", "Tirana", True),
    ("North Macedonia", "Macedonian", "MK", "Skopje", True),
    ("Montenegro", "Montenegrin", "ME", "Podgorica", True),
    ("Bosnia and Herzegovina", "Bosnian", "BA", "Sarajevo", True),
    ("Croatia", "Croatian", "HR", "Zagreb", False),
    ("Germany", "German", "DE", "Berlin", False),
    ("United States", "American", "US", "Washington", False),
    ("France", "French", "FR", "Paris", False),
    ("Italy", "Italian", "IT", "Rome", False),
    ("Slovenia", "Slovenian", "SI", "Ljubljana", False),
    ("Greece", "Greek", "GR", "Athens", False),
    ("Bulgaria", "Bulgarian", "BG", "Sofia", False),
    ("Romania", "Romanian", "RO", "Bucharest", False),
    ("Hungary", "Hungarian", "HU", "Budapest", False),
    ("Austria", "Austrian", "AT", "Vienna", False),
    ("Poland", "Polish", "PL", "Warsaw", False),
    ("Netherlands", "Dutch", "NL", "Amsterdam", False),
    ("Norway", "Norwegian", "NO", "Oslo", False),
    ("Denmark", "Danish", "DK", "Copenhagen", False),
    ("Sweden", "Swedish", "SE", "Stockholm", False),
    ("Finland", "Finnish", "FI", "Helsinki", False),
    ("Czechia", "Czech", "CZ", "Prague", False),
    ("Slovakia", "Slovak", "SK", "Bratislava", False),
    ("Estonia", "Estonian", "EE", "Tallinn", False),
    ("Latvia", "Latvian", "LV", "Riga", False),
    ("Lithuania", "Lithuanian", "LT", "Vilnius", False),
    ("Portugal", "Portuguese", "PT", "Lisbon", False),
    ("Spain", "Spanish", "ES", "Madrid", False),
    ("Belgium", "Belgian", "BE", "Brussels", False),
    ("Canada", "Canadian", "CA", "Ottawa", False),
    ("Ireland", "Irish", "IE", "Dublin", False),
    ("Switzerland", "Swiss", "CH", "Bern", False),
]
TOWNS = {  # a few more settlements per Western Balkan state
    "Kosovo": ["Prizren", "Mitrovica", "Peja", "Ferizaj"], "Serbia": ["Novi Sad", "Niš", "Kraljevo", "Cepotina"],
    "Albania": ["Durrës", "Vlorë", "Shkodër"], "North Macedonia": ["Ohrid", "Bitola", "Krivolak"],
    "Montenegro": ["Nikšić", "Bar", "Kotor"], "Bosnia and Herzegovina": ["Banja Luka", "Mostar", "Tuzla"],
    "United Kingdom": ["Salisbury", "Aldershot", "Brecon", "Edinburgh"],
}
POST_KINDS = [  # (kind label, ontology post kind)
    ("Prime Minister", "HeadOfGovernment"), ("President", "HeadOfState"), ("Defence Minister", "DefenceMinister"),
    ("Foreign Minister", "ForeignMinister"),
]
UK_POSTS = [("Prime Minister of the United Kingdom", ["British Prime Minister", "UK Prime Minister"], "HeadOfGovernment"),
            ("Secretary of State for Defence", ["Defence Secretary", "British Defence Secretary"], "DefenceMinister"),
            ("Foreign Secretary", ["British Foreign Secretary"], "ForeignMinister"),
            ("Minister for the Armed Forces", ["Armed Forces Minister"], "DefenceMinister")]
FIRST_NAMES = ["Ardian", "Besnik", "Dritan", "Edon", "Fatmir", "Genti", "Ilir", "Jeton", "Lulzim", "Mimoza", "Nora",
               "Teuta", "Vjosa", "Aleksandar", "Bojan", "Dragan", "Goran", "Ivana", "Jelena", "Marija", "Milica",
               "Nikola", "Stefan", "Vesna", "Zoran", "Amra", "Emir", "Haris", "Lejla", "Selma", "Tarik", "Andrej",
               "Biljana", "Darko", "Elena", "Filip", "Katerina", "Ana", "Danilo", "Jovana", "Marko", "Milo", "James",
               "Sarah", "David", "Emma", "Oliver", "Helen", "Thomas", "Rachel", "John", "Grant", "Catherine", "Luke",
               "Anna", "Hans", "Klaus", "Sophie", "Pierre", "Claire", "Giulia", "Marco", "Piotr", "Agnieszka", "Lars",
               "Ingrid", "Jan", "Eva", "Peter", "Maria", "Tomas", "Laura", "Michael", "Julia", "Robert", "Kristina"]
FEMALE_NAMES = {"Mimoza", "Nora", "Teuta", "Vjosa", "Ivana", "Jelena", "Marija", "Milica", "Vesna", "Amra", "Lejla",
                "Selma", "Biljana", "Elena", "Katerina", "Ana", "Jovana", "Sarah", "Emma", "Helen", "Rachel",
                "Catherine", "Anna", "Sophie", "Claire", "Giulia", "Agnieszka", "Ingrid", "Eva", "Maria", "Laura",
                "Julia", "Kristina"}
SYLLABLES = ["ber", "ko", "va", "ri", "sha", "dra", "mi", "lo", "ni", "ta", "ze", "ra", "ho", "li", "pa", "so",
             "du", "ge", "ma", "vi", "ka", "le", "to", "ba", "ne", "sti", "mo", "ja", "ru", "di", "fe", "ga"]
SURNAME_ENDINGS = ["ić", "ović", "aj", "i", "ski", "son", "er", "ov", "ova", "ević", "ani", "an", "ley", "man",
                   "etti", "ard", "ek", "ström", "sen", "ovski"]
ASCII = str.maketrans({"ć": "c", "č": "c", "š": "s", "ž": "z", "đ": "d", "ë": "e", "ö": "o", "ç": "c"})
TOPICS = ["irregular migration", "organised crime", "cyber security", "disinformation", "regional stability",
          "defence reform", "border security", "people smuggling", "counter-terrorism", "arms control",
          "military mobility", "energy security", "hybrid threats", "demining", "peacekeeping training"]
POLICIES = [("return hubs", "Policy"), ("Berlin Process", "Initiative"), ("NATO-first approach", "Policy"),
            ("Western Balkans Defence Initiative", "Initiative"), ("Joint Expeditionary Force partnership", "Initiative"),
            ("regional returns scheme", "Policy"), ("Adriatic Charter", "Initiative"),
            ("Balkan Cyber Resilience Programme", "Initiative")]
ORGS = [("NATO", ["Nato", "the North Atlantic Treaty Organization"], "InternationalOrganisation", "nato"),
        ("European Union", ["EU"], "InternationalOrganisation", "european-union"),
        ("United Nations", ["UN"], "InternationalOrganisation", "united-nations"),
        ("OSCE", ["Organization for Security and Co-operation in Europe"], "InternationalOrganisation", "osce"),
        ("Chatham House", [], "ThinkTank", "chatham-house"),
        ("Royal United Services Institute", ["RUSI"], "ThinkTank", "rusi")]
MISSIONS = [("KFOR", ["Kosovo Force"], "PeaceSupportMission", "nato", 1999, 4500),
            ("EUFOR Althea", ["Operation Althea"], "PeaceSupportMission", "european-union", 2004, 1100),
            ("Western Balkans Land Regional Coordination Cell", ["Regional Coordination Cell"], "TrainingMission",
             "united-kingdom", 2021, 60),
            ("NATO Advisory Team Sarajevo", [], "TrainingMission", "nato", 2004, 40),
            ("Operation Lighthouse", [], "TrainingMission", "united-kingdom", 2016, 120),
            ("NATO Liaison Office Belgrade", [], "PeaceSupportMission", "nato", 2006, 20),
            ("Operation Stalwart Bridge", [], "TrainingMission", "united-kingdom", 2019, 250),
            ("EU Monitoring Mission Balkans", [], "PeaceSupportMission", "european-union", 2008, 300)]
EXERCISE_WORDS = (["Platinum", "Silver", "Iron", "Northern", "Adriatic", "Balkan", "Steadfast", "Swift", "Noble",
                   "Saber", "Trident", "Eagle"],
                  ["Wolf", "Response", "Shield", "Guardian", "Falcon", "Bridge", "Lance", "Sentry", "Strike", "Storm"])
REGIMENTS = ["Royal Irish Regiment", "Rifles", "Royal Anglian Regiment", "Yorkshire Regiment", "Mercian Regiment",
             "Royal Welsh", "Parachute Regiment", "Light Dragoons", "Royal Gurkha Rifles", "Royal Engineers"]
ORDINALS = ["1st", "2nd", "3rd", "4th"]
AGREEMENT_KINDS = ["Defence Cooperation", "Border Security", "Military Training", "Cyber Security", "Returns",
                   "Intelligence Sharing", "Demining", "Defence Procurement"]


def slugify(text: str) -> str:
    text = text.translate(ASCII).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


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
        facts = [(wb("rank"), Lit(rank))] if rank else []
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


def day_text(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def month_text(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.year}"


def number_text(n: int) -> str:
    return f"{n:,}"


# --- articles --------------------------------------------------------------------------------------------

@dataclass
class EvidenceSpec:
    name: str
    exact: str
    begin: int
    supports: list[IRI]
    properties: list[IRI]


class ArticleWriter:
    """Accumulates the text of one article, its triples and the evidence for them."""

    def __init__(self, stem: str, published: date):
        self.stem = stem
        self.published = published
        self.parts: list[str] = []
        self.length = 0
        self.triples: list[tuple] = []
        self.evidence: list[EvidenceSpec] = []
        self.exemptions: list[tuple[str, str, int, str]] = []
        self.paragraph_open = False
        self.named: set[str] = set()   # entity slugs already named in full
        self.counter = 0

    def _append(self, text: str) -> int:
        begin = self.length
        self.parts.append(text)
        self.length += len(text)
        return begin

    def heading(self, text: str, reason: str):
        begin = self._append("# " + text + "\n\n")
        self.exemptions.append((f"ex-{len(self.exemptions) + 1}", "# " + text, begin, reason))

    def new_paragraph(self):
        if self.paragraph_open:
            self._append("\n\n")
        self.paragraph_open = False

    def sentence(self, text: str) -> int:
        """Add a sentence to the current paragraph; return its offset."""
        if self.paragraph_open:
            self._append(" ")
        self.paragraph_open = True
        return self._append(text)

    def node(self, kind: str) -> IRI:
        self.counter += 1
        return iri(f"{kind}-{self.stem.split('_')[0]}-{self.counter}")

    def add(self, s, p, o):
        self.triples.append((s, p, o))

    def cite(self, exact: str, begin: int, supports: list[IRI], properties: list[IRI] = ()):
        self.evidence.append(EvidenceSpec(f"ev-{len(self.evidence) + 1}", exact, begin, list(supports),
                                          list(properties)))

    def name(self, entity: Entity) -> str:
        """The entity's label the first time, its short form afterwards."""
        if entity.slug in self.named:
            return entity.short
        self.named.add(entity.slug)
        return entity.label

    @property
    def text(self) -> str:
        return "".join(self.parts) + "\n"

    def graph_triples(self) -> list[tuple]:
        text = self.text
        base = str(ARTICLE[self.stem]) + "#"
        out = list(self.triples)
        for ev in self.evidence:
            node = IRI(base + ev.name)
            out.append((node, TYPE, wb("Evidence")))
            out.append((node, wb("exact"), Lit(ev.exact)))
            assert text[ev.begin:ev.begin + len(ev.exact)] == ev.exact, (ev.exact, text[ev.begin:ev.begin + 40])
            if text.count(ev.exact) > 1:
                out.append((node, wb("prefix"), Lit(unique_prefix(text, ev.exact, ev.begin))))
            for s in ev.supports:
                out.append((node, wb("supports"), s))
            for p in ev.properties:
                out.append((node, wb("supportsProperty"), p))
        for name, exact, begin, reason in self.exemptions:
            node = IRI(base + name)
            out.append((node, TYPE, wb("Exemption")))
            out.append((node, wb("exact"), Lit(exact)))
            if text.count(exact) > 1:
                out.append((node, wb("prefix"), Lit(unique_prefix(text, exact, begin))))
            out.append((node, wb("reason"), Lit(reason)))
        return out


def unique_prefix(text: str, exact: str, begin: int) -> str:
    """The shortest text before ``begin`` that picks this occurrence of ``exact`` alone."""
    others = [i for i in _occurrences(text, exact) if i != begin]
    for size in range(1, begin + 1):
        prefix = text[begin - size:begin]
        if not any(text[:i].endswith(prefix) for i in others):
            return prefix
    raise ValueError(f"cannot disambiguate {exact!r}")


def _occurrences(text: str, needle: str) -> list[int]:
    out, start = [], 0
    while True:
        i = text.find(needle, start)
        if i < 0:
            return out
        out.append(i)
        start = i + 1


class ArticleGenerator:
    """Writes one article from the world as of its publication date."""

    BLOCKS = ("visit", "statement", "mission", "contribution", "agreement", "summit", "exercise", "pledge",
              "appointment", "founding")
    WEIGHTS = (0.18, 0.2, 0.1, 0.12, 0.12, 0.07, 0.07, 0.05, 0.05, 0.04)

    def __init__(self, world: World, rng: random.Random, stem: str, published: date):
        self.world = world
        self.rng = rng
        self.w = ArticleWriter(stem, published)
        self.day = published
        self.headline = None

    # helpers ------------------------------------------------------------------------------------------
    def state(self, exclude=()) -> State:
        while True:
            s = pick(self.rng, self.world.states, self.world.state_weights)
            if s not in exclude:
                return s

    def wb_state(self, exclude=()) -> State:
        while True:
            s = self.rng.choice(self.world.states[1:7])
            if s not in exclude:
                return s

    def tenure(self, post: Entity, at: date) -> tuple[Term, str, IRI]:
        """The holder of ``post`` at ``at``, the words naming them, and the tenure node (with its triples)."""
        term = self.world.holder(post, at)
        post_words = post.short if post.alt and self.rng.random() < 0.7 else self.w.name(post)
        self.w.named.add(post.slug)
        self.w.named.add(term.person.slug)
        words = f"{post_words} {term.person.label}"
        node = iri(f"tenure-{term.person.slug}-{post.slug}")
        self.w.add(node, TYPE, wb("Tenure"))
        self.w.add(node, wb("holder"), term.person.iri)
        self.w.add(node, wb("post"), post.iri)
        self.w.add(node, wb("asOf"), xsd_date(at))
        return term, words, node

    def relative_day(self) -> tuple[date, str]:
        """A day shortly before publication and the words for it (absolute or relative)."""
        back = self.rng.randrange(0, 9)
        d = self.day - timedelta(days=back)
        if back == 0:
            return d, "today"
        if back == 1:
            return d, "yesterday"
        if back < 7:
            return d, f"on {WEEKDAYS[d.weekday()]}"
        return d, f"on {day_text(d)}"

    # blocks ------------------------------------------------------------------------------------------
    def visit(self):
        w, uk = self.w, self.world.uk
        post = self.rng.choice([uk.posts["DefenceMinister"], uk.posts["ForeignMinister"],
                                uk.posts["HeadOfGovernment"], uk.posts["DefenceMinister2"]])
        if self.rng.random() < 0.3:
            visitor_state = self.wb_state()
            post = visitor_state.posts[self.rng.choice(("DefenceMinister", "HeadOfGovernment", "ForeignMinister"))]
            host = uk if self.rng.random() < 0.6 else self.wb_state(exclude=(visitor_state,))
        else:
            host = self.wb_state()
        d, when = self.relative_day()
        city = host.capital if self.rng.random() < 0.7 or not host.towns else self.rng.choice(host.towns)
        term, who, tenure = self.tenure(post, d)
        city_name = w.name(city)
        country = f", {w.name(host.entity)}," if city is not host.capital else ""
        text = f"{who} visited {city_name}{country} {when}."
        begin = w.sentence(text)
        visit = w.node("visit")
        w.add(visit, TYPE, wb("Visit"))
        w.add(visit, wb("agent"), term.person.iri)
        w.add(visit, wb("place"), city.iri)
        w.add(visit, wb("date"), xsd_date(d))
        if country:
            w.add(visit, wb("place"), host.entity.iri)
        w.cite(text, begin, [visit])
        w.cite(who, begin, [tenure])
        self.headline = self.headline or f"{post.short if post.alt else post.label} visits {host.entity.label}"
        # a meeting during the visit
        other_post = host.posts.get("DefenceMinister") if host is not uk else uk.posts["HeadOfGovernment"]
        if other_post is None or other_post is post:
            return
        other, other_words, other_tenure = self.tenure(other_post, d)
        if other.person is term.person:
            return
        topic = self.rng.choice(self.world.topics)
        meeting_text = (f"{w.name(term.person)} met {other_words} to discuss {w.name(topic)}.")
        mbegin = w.sentence(meeting_text)
        meeting = w.node("meeting")
        w.add(meeting, TYPE, wb("Meeting"))
        w.add(meeting, wb("participant"), term.person.iri)
        w.add(meeting, wb("participant"), other.person.iri)
        w.add(meeting, wb("concerns"), topic.iri)
        w.add(meeting, wb("occasion"), visit)
        w.add(meeting, wb("date"), xsd_date(d))
        w.cite(meeting_text, mbegin, [meeting])
        w.cite(other_words, mbegin + meeting_text.index(other_words), [other_tenure])

    def statement(self):
        w = self.w
        state = self.wb_state() if self.rng.random() < 0.75 else self.state()
        kind = self.rng.choice(("HeadOfGovernment", "ForeignMinister", "DefenceMinister", "HeadOfState"))
        post = state.posts.get(kind) or state.posts["HeadOfGovernment"]
        term, who, tenure = self.tenure(post, self.day)
        policy = self.rng.choice(self.world.policies)
        position = self.rng.choice(("Supports", "Opposes", "Conditional"))
        state_name = w.name(state.entity)
        policy_name = w.name(policy)
        if position == "Supports":
            quote = f"{state_name} is ready to work with the United Kingdom on the {policy_name}."
            if state is self.world.uk:
                quote = f"Britain is ready to lead on the {policy_name}."
        elif position == "Opposes":
            quote = f"{state_name} will not take part in the {policy_name}."
        else:
            condition = f"if the {self.rng.choice(self.world.topics).label} talks succeed"
            quote = f"{state_name} could join the {policy_name} {condition}."
        direct = self.rng.random() < 0.7
        if direct:
            text = f"{who} said: “{quote}”"
        else:
            quote = quote.replace("is ready", "was ready").replace("will not", "would not").replace(
                "could join", "might join")
            text = f"{who} said that {quote}"
        begin = w.sentence(text)
        statement, stance = w.node("statement"), w.node("stance")
        w.add(statement, TYPE, wb("Statement"))
        w.add(statement, wb("speaker"), term.person.iri)
        w.add(statement, wb("speakingAs"), post.iri)
        w.add(statement, wb("date"), xsd_date(self.day))
        w.add(statement, wb("text"), Lit(quote))
        w.add(statement, wb("directQuote"), Lit("true" if direct else "false", XSD + "boolean"))
        w.add(statement, wb("concerns"), policy.iri)
        w.add(stance, TYPE, wb("Stance"))
        w.add(stance, wb("stanceHolder"), term.person.iri)
        w.add(stance, wb("onBehalfOfState"), state.entity.iri)
        w.add(stance, wb("stanceOn"), policy.iri)
        w.add(stance, wb("position"), wb(position))
        w.add(stance, wb("expressedIn"), statement)
        w.add(stance, wb("date"), xsd_date(self.day))
        if position == "Conditional":
            w.add(stance, wb("condition"), Lit(condition if direct else condition))
        w.cite(text, begin, [statement, stance])
        w.cite(who, begin, [tenure])
        self.headline = self.headline or f"{term.person.label} on the {policy.label}"

    def mission(self):
        w = self.w
        entity, leader, year, strength = self.rng.choice(self.world.missions)
        quantity = w.node("quantity")
        vague = self.rng.random() < 0.15
        name = w.name(entity)
        if vague:
            text = f"{name} has several hundred personnel deployed."
            w.add(quantity, wb("lowerBound"), decimal(200))
            w.add(quantity, wb("upperBound"), decimal(999))
            w.add(quantity, wb("approximation"), wb("Vague"))
        else:
            value = max(10, int(round(strength * (0.8 + 0.4 * self.rng.random()), -1)))
            text = f"{name} currently numbers around {number_text(value)} troops."
            w.add(quantity, wb("value"), decimal(value))
            w.add(quantity, wb("approximation"), wb("Approximately"))
        w.add(quantity, TYPE, wb("Quantity"))
        w.add(quantity, wb("unit"), wb("Troops"))
        w.add(quantity, wb("date"), xsd_date(self.day))
        w.add(entity.iri, wb("strength"), quantity)
        begin = w.sentence(text)
        w.cite(text, begin, [quantity])
        w.cite(text, begin, [entity.iri], [wb("strength")])
        self.headline = self.headline or f"{entity.label} strength"

    def founding(self):
        w = self.w
        entity, leader, year, _ = self.rng.choice(self.world.missions)
        leader_entity = self.world.by_iri[leader]
        text = f"{w.name(entity)}, led by {w.name(leader_entity)}, was established in {year}."
        begin = w.sentence(text)
        w.add(entity.iri, wb("ledBy"), leader)
        w.add(entity.iri, wb("startDate"), xsd_year(year))
        w.cite(text, begin, [entity.iri], [wb("ledBy"), wb("startDate")])

    def contribution(self):
        w = self.w
        entity, _, year, strength = self.rng.choice(self.world.missions[:3])
        state = self.state()
        value = max(5, int(round(strength / 20 * (0.3 + self.rng.random()), -1))) or 10
        node = iri(f"contribution-{state.entity.slug}-{entity.slug}")
        quantity = w.node("quantity")
        extend = self.rng.random() < 0.3
        until_year = self.day.year + self.rng.randrange(1, 4)
        until_month = self.rng.randrange(1, 13)
        text = f"{w.name(state.entity)} contributes {number_text(value)} troops to {w.name(entity)}"
        if extend:
            text += f" and has extended its commitment until {MONTHS[until_month - 1]} {until_year}"
            w.add(node, wb("validUntil"), xsd_month(until_year, until_month))
        text += "."
        begin = w.sentence(text)
        w.add(node, TYPE, wb("Contribution"))
        w.add(node, wb("contributor"), state.entity.iri)
        w.add(node, wb("mission"), entity.iri)
        w.add(node, wb("strength"), quantity)
        w.add(quantity, TYPE, wb("Quantity"))
        w.add(quantity, wb("value"), decimal(value))
        w.add(quantity, wb("unit"), wb("Troops"))
        w.add(quantity, wb("approximation"), wb("Exact"))
        w.add(quantity, wb("date"), xsd_date(self.day))
        w.cite(text, begin, [node, quantity])
        self.headline = self.headline or f"{state.entity.label} commits troops to {entity.label}"

    def agreement(self):
        w = self.w
        known = [a for a in self.world.agreements if a.proposed <= self.day]
        if not known:
            return self.summit()
        agreement = known[-1 - min(int(self.rng.expovariate(0.15)), len(known) - 1)]
        a, b = agreement.parties
        name = w.name(agreement.entity)
        node = agreement.entity.iri
        if agreement.signed and agreement.signed <= self.day:
            pa, pb = a.posts.get("DefenceMinister"), b.posts.get("DefenceMinister")
            ta, wa, tena = self.tenure(pa, agreement.signed)
            tb, wb_, tenb = self.tenure(pb, agreement.signed)
            text = (f"{w.name(a.entity)} and {w.name(b.entity)} signed the {name} in "
                    f"{w.name(agreement.place)} on {day_text(agreement.signed)}.")
            begin = w.sentence(text)
            w.add(node, wb("party"), a.entity.iri)
            w.add(node, wb("party"), b.entity.iri)
            w.add(node, wb("status"), wb("Signed"))
            w.add(node, wb("asOf"), xsd_date(self.day))
            signing = iri(f"signing-{agreement.entity.slug}")
            w.add(signing, TYPE, wb("Signing"))
            w.add(signing, wb("agreement"), node)
            w.add(signing, wb("date"), xsd_date(agreement.signed))
            w.add(signing, wb("place"), agreement.place.iri)
            w.cite(text, begin, [node], [wb("party"), wb("status"), wb("asOf")])
            sign_text = f"It was signed by {wa} and {wb_}."
            sbegin = w.sentence(sign_text)
            sigs = []
            for state, term in ((a, ta), (b, tb)):
                sig = iri(f"signature-{agreement.entity.slug}-{state.entity.slug}")
                w.add(sig, TYPE, wb("Signature"))
                w.add(sig, wb("signatory"), term.person.iri)
                w.add(sig, wb("onBehalfOf"), state.entity.iri)
                w.add(node, wb("signature"), sig)
                w.add(signing, wb("participant"), term.person.iri)
                sigs.append(sig)
            w.cite(sign_text, sbegin, sigs)
            w.cite(sign_text, sbegin, [node], [wb("signature")])
            w.cite(sign_text, sbegin, [signing], [wb("participant")])
            w.cite(text, begin, [signing], [TYPE, wb("agreement"), wb("date"), wb("place")])
            w.cite(wa, sbegin + sign_text.index(wa), [tena])
            w.cite(wb_, sbegin + sign_text.index(wb_), [tenb])
            self.headline = self.headline or f"{a.entity.label} and {b.entity.label} sign agreement"
        elif agreement.rejected and agreement.rejected <= self.day:
            text = f"{w.name(b.entity)} rejected the proposed {name}."
            begin = w.sentence(text)
            w.add(node, wb("party"), a.entity.iri)
            w.add(node, wb("party"), b.entity.iri)
            w.add(node, wb("status"), wb("Rejected"))
            w.add(node, wb("asOf"), xsd_date(self.day))
            w.cite(text, begin, [node], [wb("status"), wb("asOf")])
            ptext = f"The agreement had been proposed by {w.name(a.entity)}."
            pbegin = w.sentence(ptext)
            w.cite(ptext, pbegin, [node], [wb("party")])
        else:
            status = "UnderNegotiation" if self.day - agreement.proposed > timedelta(days=60) else "Proposed"
            words = "are negotiating" if status == "UnderNegotiation" else "have proposed"
            text = f"{w.name(a.entity)} and {w.name(b.entity)} {words} the {name}."
            begin = w.sentence(text)
            w.add(node, wb("party"), a.entity.iri)
            w.add(node, wb("party"), b.entity.iri)
            w.add(node, wb("status"), wb(status))
            w.add(node, wb("asOf"), xsd_date(self.day))
            topic = self.rng.choice(self.world.topics)
            ctext = f"The agreement covers {w.name(topic)}."
            cbegin = w.sentence(ctext)
            w.add(node, wb("concerns"), topic.iri)
            w.cite(text, begin, [node], [wb("party"), wb("status"), wb("asOf")])
            w.cite(ctext, cbegin, [node], [wb("concerns")])

    def summit(self):
        w = self.w
        summit = min(self.world.summits, key=lambda s: (abs((s.day - self.day).days), s.entity.slug))
        if self.rng.random() < 0.4:
            summit = self.rng.choice(self.world.summits)
        node = summit.entity.iri
        if summit.day <= self.day:
            text = f"The {w.name(summit.entity)} was held in {w.name(summit.place)} on {day_text(summit.day)}."
        else:
            text = f"{w.name(summit.place)} will host the {w.name(summit.entity)} on {day_text(summit.day)}."
        begin = w.sentence(text)
        w.add(node, wb("date"), xsd_date(summit.day))
        w.add(node, wb("place"), summit.place.iri)
        w.cite(text, begin, [node], [wb("date"), wb("place")])
        attendees = summit.attendees[:3]
        names = [w.name(s.entity) for s in attendees]
        verb = "attended" if summit.day <= self.day else "are expected to attend"
        atext = f"Leaders from {names[0]}, {names[1]} and {names[2]} {verb}."
        abegin = w.sentence(atext)
        for s in attendees:
            w.add(node, wb("participant"), s.entity.iri)
        w.cite(atext, abegin, [node], [wb("participant")])
        self.headline = self.headline or f"{summit.entity.label}"

    def exercise(self):
        w = self.w
        unit = self.rng.choice(self.world.units)
        exercise = self.rng.choice(self.world.exercises)
        state = self.wb_state()
        place = self.rng.choice(state.towns or [state.capital])
        month = self.day - timedelta(days=self.rng.randrange(0, 120))
        text = (f"The {w.name(unit)} took part in {w.name(exercise)} near {w.name(place)} in "
                f"{month_text(month)}.")
        begin = w.sentence(text)
        node = w.node("deployment")
        w.add(node, TYPE, wb("Deployment"))
        w.add(node, wb("agent"), unit.iri)
        w.add(node, wb("occasion"), exercise.iri)
        w.add(node, wb("place"), place.iri)
        w.add(node, wb("date"), xsd_month(month.year, month.month))
        w.cite(text, begin, [node])
        self.headline = self.headline or f"{exercise.label} in {state.entity.label}"

    def pledge(self):
        w = self.w
        state = self.state() if self.rng.random() < 0.5 else self.world.uk
        policy = self.rng.choice(self.world.policies)
        millions = self.rng.choice((1, 2, 3, 5, 8, 10, 12, 15, 20, 25, 40))
        more = self.rng.random() < 0.4
        amount = f"{'more than ' if more else ''}€{millions} million"
        d, when = self.relative_day()
        text = f"{w.name(state.entity)} {when} announced {amount} for the {w.name(policy)}."
        begin = w.sentence(text)
        node, quantity = w.node("announcement"), w.node("quantity")
        w.add(node, TYPE, wb("Announcement"))
        w.add(node, wb("agent"), state.entity.iri)
        w.add(node, wb("concerns"), policy.iri)
        w.add(node, wb("date"), xsd_date(d))
        w.add(node, wb("amount"), quantity)
        w.add(quantity, TYPE, wb("Quantity"))
        w.add(quantity, wb("value"), decimal(millions * 1_000_000))
        w.add(quantity, wb("unit"), wb("Euros"))
        w.add(quantity, wb("approximation"), wb("MoreThan" if more else "Exact"))
        w.add(quantity, wb("date"), xsd_date(d))
        w.cite(text, begin, [node, quantity])

    def appointment(self):
        """"X became P in YEAR" (a current holder), or "X served as P from Y1 to Y2" (a former one)."""
        w = self.w
        state = self.wb_state() if self.rng.random() < 0.6 else self.state()
        post = state.posts[self.rng.choice(sorted(state.posts))]
        terms = self.world.terms[post.slug]
        term = self.world.holder(post, self.day)
        index = terms.index(term)
        former = index > 0 and self.rng.random() < 0.4
        if former:
            term = terms[index - 1]
        node = iri(f"tenure-{term.person.slug}-{post.slug}")
        w.add(node, TYPE, wb("Tenure"))
        w.add(node, wb("holder"), term.person.iri)
        w.add(node, wb("post"), post.iri)
        w.add(node, wb("startDate"), xsd_year(term.start.year))
        if former:
            w.add(node, wb("endDate"), xsd_year(term.end.year))
            w.add(node, wb("asOf"), xsd_year(term.end.year))
            text = (f"{w.name(term.person)} served as {w.name(post)} from {term.start.year} "
                    f"to {term.end.year}.")
        else:
            w.add(node, wb("asOf"), xsd_date(self.day))
            text = f"{w.name(term.person)} became {w.name(post)} in {term.start.year}."
        begin = w.sentence(text)
        w.cite(text, begin, [node])

    def write(self) -> ArticleWriter:
        n_blocks = self.rng.randrange(5, 10)
        cumulative = list(_accumulate(self.WEIGHTS))
        blocks = [pick(self.rng, self.BLOCKS, cumulative) for _ in range(n_blocks)]
        for i, block in enumerate(blocks):
            if i and self.rng.random() < 0.5:
                self.w.new_paragraph()
            getattr(self, block)()
        return self.w


def _accumulate(weights):
    total, acc = sum(weights), 0.0
    for w in weights:
        acc += w / total
        yield acc


def article_stem(seed: int, index: int) -> str:
    digest = hashlib.sha256(f"wbkg-synth:{seed}:{index}".encode()).hexdigest()[:16]
    return f"s{index:06d}_{digest}"


@dataclass
class SynthArticle:
    stem: str
    published: date
    text: str
    graph: str
    title: str


def generate_article(world: World, seed: int, index: int, used: set | None = None) -> SynthArticle:
    """Article number ``index``; the entity IRIs it uses are added to ``used``."""
    rng = random.Random(f"{seed}:{index}")
    stem = article_stem(seed, index)
    published = random_day(rng, FIRST_DATE, LAST_DATE)
    generator = ArticleGenerator(world, rng, stem, published)
    body = generator.write()
    title = generator.headline or "Defence news from the Western Balkans"
    # the heading goes first: rebuild the writer with the heading, then replay the body parts
    final = ArticleWriter(stem, published)
    final.heading(title, "headline: repeats what the body says")
    shift = final.length
    final.parts += body.parts
    final.length += body.length
    final.triples = body.triples
    if used is not None:
        for s_, _, o in body.triples:
            for term in (s_, o):
                if isinstance(term, IRI) and term in world.by_iri:
                    used.add(term)
    final.evidence = [EvidenceSpec(e.name, e.exact, e.begin + shift, e.supports, e.properties) for e in body.evidence]
    base = str(ARTICLE[stem]) + "#"
    header = f"# Synthetic article {stem} (wbkg synth --seed {seed}): what it reports, each fact with its evidence."
    graph = turtle(final.graph_triples(), header=header, base=base)
    return SynthArticle(stem, published, final.text, graph, title)


def metadata_triples(article: SynthArticle, seed: int):
    s = IRI(str(ARTICLE[article.stem]))
    yield s, TYPE, wb("Article")
    yield s, IRI(SCHEMA + "name"), en(article.title)
    yield s, IRI(SCHEMA + "datePublished"), xsd_date(article.published)
    yield s, wb("textFile"), Lit(f"{article.stem}.txt")
    yield s, IRI(DCTERMS + "language"), Lit("en")
    yield s, wb("metadataSource"), Lit(f"synthetic: generated by wbkg synth --seed {seed}")


def synthesize(target: Path, n_articles: int, seed: int = 0, source_root: Path | None = None,
               progress=None) -> Path:
    """Write a synthetic project with ``n_articles`` articles to ``target`` (created; must be empty or absent).

    ``source_root`` is the real project whose ontology/, shapes/ and queries/ are copied (default: the project
    this package belongs to)."""
    from .paths import locate

    target = Path(target)
    if target.exists() and any(target.iterdir()):
        from .errors import UsageError
        raise UsageError(f"{target}: not empty; synth writes a new project folder", parameter="-o")
    source = locate(source_root)
    for part in COPIED_PARTS:
        if (source.root / part).is_dir():
            shutil.copytree(source.root / part, target / part, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "corpus").mkdir(parents=True, exist_ok=True)
    (target / "graph" / "articles").mkdir(parents=True, exist_ok=True)
    world = World(random.Random(f"wbkg-world:{seed}"), n_articles)
    metadata, used = [], set()
    for index in range(n_articles):
        article = generate_article(world, seed, index, used)
        (target / "corpus" / f"{article.stem}.txt").write_text(article.text, encoding="utf-8")
        (target / "graph" / "articles" / f"{article.stem}.ttl").write_text(article.graph, encoding="utf-8")
        metadata.extend(metadata_triples(article, seed))
        if progress is not None:
            progress(index + 1, n_articles)
    header = f"# Synthetic corpus metadata (wbkg synth --articles {n_articles} --seed {seed})."
    (target / "corpus" / "articles.ttl").write_text(turtle(metadata, header=header), encoding="utf-8")
    entity_header = f"# Synthetic entity descriptions (wbkg synth --seed {seed}): one per real-world entity."
    (target / "graph" / "entities.ttl").write_text(
        turtle(world.entity_triples(world.closure(used)), header=entity_header), encoding="utf-8")
    (target / ".gitignore").write_text("build/\n", encoding="utf-8")
    return target


def add_article(project_root: Path, seed: int, index: int, world_articles: int) -> str:
    """Add one more synthetic article (number ``index``) to an existing synthetic project; return its stem.
    Used by the benchmark to measure an incremental rebuild."""
    world = World(random.Random(f"wbkg-world:{seed}"), world_articles)
    used: set = set()
    article = generate_article(world, seed, index, used)
    root = Path(project_root)
    entities_path = root / "graph" / "entities.ttl"
    described = set()
    for line in entities_path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^(id:\S+|<[^>]+>) a ", line)
        if match:
            term = match.group(1)
            described.add(ID + term[3:] if term.startswith("id:") else term[1:-1])
    missing = [e for e in world.closure(used) if e.iri not in described]
    if missing:
        lines = turtle(world.entity_triples(missing)).split("\n")
        with open(entities_path, "a", encoding="utf-8") as handle:
            handle.write("\n" + "\n".join(line for line in lines if not line.startswith("@prefix")))
    (root / "corpus" / f"{article.stem}.txt").write_text(article.text, encoding="utf-8")
    (root / "graph" / "articles" / f"{article.stem}.ttl").write_text(article.graph, encoding="utf-8")
    lines = turtle(metadata_triples(article, seed)).split("\n")
    body = "\n".join(line for line in lines if not line.startswith("@prefix"))
    with open(root / "corpus" / "articles.ttl", "a", encoding="utf-8") as handle:
        handle.write("\n" + body)
    return article.stem


__all__ = ["synthesize", "add_article", "generate_article", "World"]
