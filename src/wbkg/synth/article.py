"""One synthetic article: the generator (the blocks of people.py, missions.py and events.py over a few
helpers), its file stem, its text and Turtle graph, and its metadata triples."""
from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import date, timedelta

from ..vocab.namespaces import ARTICLE
from .events import EventBlocks
from .history import HistoryBlocks
from .missions import MissionBlocks
from .names import FIRST_DATE, LAST_DATE, WEEKDAYS
from .params import Roles
from .people import PeopleBlocks
from .terms import DCTERMS, IRI, SCHEMA, TYPE, Lit, en, iri, wb, xsd_date
from .turtle import turtle
from .world import Entity, State, Term, World, pick, random_day
from .writer import ArticleWriter, EvidenceSpec, day_text


class ArticleGenerator(PeopleBlocks, MissionBlocks, EventBlocks, HistoryBlocks):
    """Writes one article from the world as of its publication date."""

    BLOCKS = ("visit", "statement", "mission", "contribution", "agreement", "summit", "exercise", "pledge",
              "appointment", "founding")
    WEIGHTS = (0.18, 0.2, 0.1, 0.12, 0.12, 0.07, 0.07, 0.05, 0.05, 0.04)
    HISTORY = 0.3  # the share of articles that end with a paragraph of historical background

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

    def write(self) -> ArticleWriter:
        n_blocks = self.rng.randrange(5, 10)
        cumulative = list(_accumulate(self.WEIGHTS))
        blocks = [pick(self.rng, self.BLOCKS, cumulative) for _ in range(n_blocks)]
        for i, block in enumerate(blocks):
            if i and self.rng.random() < 0.5:
                self.w.new_paragraph()
            getattr(self, block)()
        # some articles end with historical background, from a stream of its own (see history.py)
        hrng = random.Random(f"history:{self.w.stem}")
        if hrng.random() < self.HISTORY:
            self.w.new_paragraph()
            self.history(hrng)
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


def generate_article(world: World, seed: int, index: int, used: set | None = None,
                     roles: Roles | None = None) -> SynthArticle:
    """Article number ``index``; the entity IRIs it uses are added to ``used``, the nodes filling the roles of
    query parameters are counted in ``roles``."""
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
    if used is not None or roles is not None:
        mine = set()
        for s_, _, o in body.triples:
            for term in (s_, o):
                if isinstance(term, IRI) and term in world.by_iri:
                    mine.add(term)
        if used is not None:
            used |= mine
        if roles is not None:
            roles.observe(body.triples, world.by_iri, mine)
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
    yield s, wb("metadataSource"), en(f"synthetic: generated by wbkg synth --seed {seed}")
