"""The gold of the kinds only the draft is scored on: events and mission contributions of the curated graphs
(bench/eval/gold.py holds the kinds the blocks are scored on too)."""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from wbkg.vocab.namespaces import WBKG

from .gold import Seed, _labels, evidence_quotes, quote_span


@dataclass(frozen=True)
class EventGold:
    node: URIRef
    cls: URIRef
    classes: frozenset[URIRef]      # its class and every class above it
    spans: tuple[tuple[int, int], ...]


def gold_events(seed: Seed, event_classes: frozenset[URIRef], ontology: Graph) -> list[EventGold]:
    """Each node of the article graph typed with wbkg:Event or a class below it, with its evidence spans."""
    from rdflib.namespace import RDFS
    out = []
    for node, cls in sorted(seed.graph.subject_objects(RDF.type)):
        if cls in event_classes:
            spans = tuple(sorted(s for q in evidence_quotes(seed, node) if (s := quote_span(seed.text, q))))
            out.append(EventGold(node, cls, frozenset(ontology.transitive_objects(cls, RDFS.subClassOf)), spans))
    return out


@dataclass(frozen=True)
class ContributionGold:
    node: URIRef
    contributor: URIRef
    contributor_labels: frozenset[str]
    mission: URIRef
    mission_labels: frozenset[str]


def gold_contributions(seed: Seed, entities: Graph) -> list[ContributionGold]:
    """Each wbkg:Contribution of the article graph: contributor and mission, with their labels (folded)."""
    out = []
    for node in sorted(seed.graph.subjects(RDF.type, WBKG.Contribution)):
        who, mission = seed.graph.value(node, WBKG.contributor), seed.graph.value(node, WBKG.mission)
        out.append(ContributionGold(node, who, _labels(entities, who), mission, _labels(entities, mission)))
    return out


def speaker_labels(entities: Graph, speaker) -> frozenset[str]:
    return _labels(entities, speaker) if speaker is not None else frozenset()


def gold_date_values(seed: Seed) -> list[tuple[str, tuple[tuple[int, int], ...]]]:
    """(value, evidence spans) of every date literal of a curated fact, stated by its quote or not: what an
    article date the draft writes by default is compared with."""
    from wbkg.ingest.dates_resolve import PartialDate
    from .gold import DATE_PROPERTIES, ONTOLOGY
    out = []
    for prop in DATE_PROPERTIES:
        for node, lit in seed.graph.subject_objects(URIRef(ONTOLOGY + prop)):
            spans = tuple(sorted(s for q in evidence_quotes(seed, node) if (s := quote_span(seed.text, q))))
            out.append((PartialDate.parse(str(lit)).lexical, spans))
    return out
