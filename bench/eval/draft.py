"""The draft an analyst gets for a held-out article, and what it says per kind (docs/ingest/README.md).

The full ingest path runs: RuleExtractor, then write_draft with every writer, grounding and the unnamed-entity
gate, all with the leave-one-out world (entities graph, gazetteer and taken IRIs without the entities only
this article names, and without this article's graph). The draft's Turtle is parsed back and read per kind
into records the matching functions of match.py take, so the score is of what the draft file holds, not of
what the blocks found.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from wbkg.ingest import writers  # noqa: F401  (registers every draft writer)
from wbkg.ingest.dates_resolve import PartialDate
from wbkg.ingest.draft import DraftResult, write_draft
from wbkg.ingest.extractor import Context, RuleExtractor
from wbkg.ingest.gazetteer import Gazetteer
from wbkg.ingest.names import fold
from wbkg.vocab.namespaces import ID, WBKG

from .gold import DATE_PROPERTIES, ONTOLOGY, Seed, gazetteer_graph, rule_forms, states

DATE_PROPS = tuple(URIRef(ONTOLOGY + p) for p in DATE_PROPERTIES)
Span = tuple[int, int]


@dataclass
class Drafted:
    """One held-out article's draft: the result, its graph, the leave-one-out entities, each evidence's span."""
    seed: Seed
    result: DraftResult
    graph: Graph
    entities: Graph
    spans: dict[URIRef, Span]

    def known(self, node) -> bool:
        return isinstance(node, URIRef) and (node, None, None) in self.entities

    def label(self, node) -> str:
        """A node's English preferred label, from the draft (proposed) or the leave-one-out entities (known)."""
        for g in (self.graph, self.entities):
            for o in sorted(g.objects(node, SKOS.prefLabel)):
                if getattr(o, "language", None) in (None, "en"):
                    return str(o)
        return str(node).rsplit("/", 1)[-1]

    def labels(self, node) -> frozenset[str]:
        """Every pref/alt label of a node, folded as the gold folds them."""
        return frozenset(fold(str(o)).lower() for g in (self.graph, self.entities)
                         for p in (SKOS.prefLabel, SKOS.altLabel) for o in g.objects(node, p))

    def evidence(self, fact, prop=None) -> list[Span]:
        """The spans of the evidences of ``fact`` (those that support ``prop``, when restricted)."""
        out = []
        for ev in self.graph.subjects(WBKG.supports, fact):
            restricted = set(self.graph.objects(ev, WBKG.supportsProperty))
            if ev in self.spans and (prop is None or not restricted or prop in restricted):
                out.append(self.spans[ev])
        return sorted(out)


def taken_iris(entities: Graph, others: list[Graph], left_out=frozenset()) -> frozenset[str]:
    """Every id: IRI the leave-one-out world has written: the entities left in and the other article graphs,
    less the left-out entities (an entity left in may still name one as the object of a fact)."""
    return frozenset(str(t) for g in (entities, *others) for triple in g for t in triple
                     if isinstance(t, URIRef) and str(t).startswith(str(ID)) and t not in left_out)


def draft_article(seed: Seed, entities: Graph, others: list[Graph], classes: dict, root: Path) -> Drafted:
    """Run the ingest path on one held-out article with the leave-one-out entities, gazetteer and taken IRIs."""
    loo = gazetteer_graph(entities, seed.exclusive)
    context = Context(seed.stem, seed.published, Gazetteer.from_graph(loo, rule_forms(others)))
    extraction = RuleExtractor().extract(seed.text, context)
    result = write_draft(seed.stem, seed.text, extraction, context, entities=loo,
                         text_path=root / "corpus" / f"{seed.stem}.txt",
                         draft_path=root / "graph" / "drafts" / f"{seed.stem}.ttl",
                         taken=taken_iris(loo, others, seed.exclusive), classes=classes)
    graph = Graph().parse(data=result.turtle, format="turtle")
    spans = {}
    for ev in graph.subjects(RDF.type, WBKG.Evidence):
        exact, prefix = str(graph.value(ev, WBKG.exact)), str(graph.value(ev, WBKG.prefix) or "")
        at = seed.text.find(prefix + exact)
        if at < 0:
            raise RuntimeError(f"{seed.stem}: draft evidence {ev} not in the text")
        spans[ev] = (at + len(prefix), at + len(prefix) + len(exact))
    return Drafted(seed, result, graph, loo, spans)


# --- records per kind: what match.py compares with the gold ------------------------------------------------

@dataclass(frozen=True)
class DraftEntity:
    """A proposed entity, shaped as match_new_entity reads a proposal."""
    node: URIRef
    cls: URIRef
    surface: str
    labels: tuple[str, ...]


def proposed_entities(d: Drafted, wanted: set[URIRef]) -> list[DraftEntity]:
    """Typed nodes with a skos:prefLabel that are not known entities, of the ``wanted`` classes."""
    out = []
    for node in sorted(set(d.graph.subjects(SKOS.prefLabel, None))):
        if d.known(node):
            continue
        for cls in set(d.graph.objects(node, RDF.type)) & wanted:
            labels = tuple(str(o) for p in (SKOS.prefLabel, SKOS.altLabel) for o in d.graph.objects(node, p))
            out.append(DraftEntity(node, cls, str(d.graph.value(node, SKOS.prefLabel)), labels))
    return out


@dataclass(frozen=True)
class DraftPost:
    """A proposed post, shaped as match_tenure reads a PostProposal."""
    title: str
    state: URIRef | str
    state_label: str | None


@dataclass(frozen=True)
class DraftTenure:
    node: URIRef
    holder: URIRef | str   # a known IRI, else the proposed node's local name
    holder_label: str
    post: URIRef | DraftPost


def tenures(d: Drafted) -> list[DraftTenure]:
    """wbkg:Tenure nodes; a proposed holder by its label, a proposed post by its state and bare title (its
    label less the ", <state>" or " of <state>" the writer appends)."""
    out = []
    for node in sorted(d.graph.subjects(RDF.type, WBKG.Tenure)):
        holder, post = d.graph.value(node, WBKG.holder), d.graph.value(node, WBKG.post)
        if not d.known(post):
            state = d.graph.value(post, WBKG.postIn)
            state_label = d.label(state) if state is not None else None
            title = d.label(post)
            for tail in (f", {state_label}", f" of {state_label}"):
                if state_label and title.endswith(tail):
                    title = title[:-len(tail)]
            post = DraftPost(title, state if d.known(state) else str(state), state_label)
        out.append(DraftTenure(node, holder if d.known(holder) else str(holder), d.label(holder), post))
    return out


@dataclass(frozen=True)
class DraftDate:
    value: str      # lexical form
    span: Span      # the evidence quote it comes from
    stated: bool    # the quote states it (gold.states); else the article's date written by default


def dates(d: Drafted) -> list[DraftDate]:
    """Each date literal of a draft fact with each evidence quote that supports it, once per (value, quote):
    a date written on two facts from one clause (a signing and its agreement) is one date."""
    out: dict[tuple[str, Span], bool] = {}
    for prop in DATE_PROPS:
        name = str(prop)[len(ONTOLOGY):]
        for node, lit in d.graph.subject_objects(prop):
            value = PartialDate.parse(str(lit))
            for span in d.evidence(node, prop):
                key = (value.lexical, span)
                out[key] = out.get(key, False) or states(d.seed.text[span[0]:span[1]], name, value)
    return [DraftDate(v, s, stated) for (v, s), stated in sorted(out.items())]


@dataclass(frozen=True)
class DraftQuantity:
    key: tuple      # (value, lower bound, upper bound, approximation IRI, unit IRI), as gold.QuantityGold
    spans: tuple[Span, ...]


def quantities(d: Drafted) -> list[DraftQuantity]:
    from decimal import Decimal
    out = []
    for q in sorted(d.graph.subjects(RDF.type, WBKG.Quantity)):
        def get(p):
            o = d.graph.value(q, p)
            return None if o is None else (Decimal(str(o)) if isinstance(o, Literal) else str(o))
        key = (get(WBKG.value), get(WBKG.lowerBound), get(WBKG.upperBound), get(WBKG.approximation),
               get(WBKG.unit))
        out.append(DraftQuantity(key, tuple(d.evidence(q))))
    return out


@dataclass(frozen=True)
class DraftStatement:
    begin: int
    end: int
    direct: bool
    speaker: URIRef | None      # a known IRI; None when proposed (then speaker_labels say who)
    speaker_labels: frozenset[str]


def statements(d: Drafted) -> list[DraftStatement]:
    """wbkg:Statement nodes, their said words located inside their evidence."""
    out = []
    for st in sorted(d.graph.subjects(RDF.type, WBKG.Statement)):
        said, speaker = str(d.graph.value(st, WBKG.text)), d.graph.value(st, WBKG.speaker)
        spans = d.evidence(st)
        b = next((s[0] + d.seed.text[s[0]:s[1]].find(said) for s in spans if said in d.seed.text[s[0]:s[1]]),
                 d.seed.text.find(said))
        out.append(DraftStatement(b, b + len(said), bool(d.graph.value(st, WBKG.directQuote).toPython()),
                                  speaker if d.known(speaker) else None, d.labels(speaker)))
    return out


@dataclass(frozen=True)
class DraftEvent:
    cls: URIRef
    spans: tuple[Span, ...]


def events(d: Drafted, event_classes: frozenset[URIRef]) -> list[DraftEvent]:
    return [DraftEvent(cls, tuple(d.evidence(node))) for node, cls in sorted(d.graph.subject_objects(RDF.type))
            if cls in event_classes]


@dataclass(frozen=True)
class DraftContribution:
    contributor: URIRef | None   # known IRI, else None and its labels
    contributor_labels: frozenset[str]
    mission: URIRef | None
    mission_labels: frozenset[str]


def contributions(d: Drafted) -> list[DraftContribution]:
    out = []
    for node in sorted(d.graph.subjects(RDF.type, WBKG.Contribution)):
        who, mission = d.graph.value(node, WBKG.contributor), d.graph.value(node, WBKG.mission)
        out.append(DraftContribution(who if d.known(who) else None, d.labels(who),
                                     mission if d.known(mission) else None, d.labels(mission)))
    return out
