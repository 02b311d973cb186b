"""Load the project into an rdflib Dataset: ontology, entities, corpus metadata, one named graph per article,
with the computed offsets, mentions and schema.org view."""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from . import corpus
from .corpus import Article
from .grounding import SPAN_CLASSES, check_coverage, check_statement_texts, locate_spans, span_triples
from .mentions import find_mentions, referenced_entities, surface_forms
from .namespaces import GRAPH, WBKG, bind_prefixes
from .paths import Project
from .problems import Problem
from .rdfio import parse_turtle, read_text
from .schemaview import SchemaView

ONTOLOGY_GRAPH = GRAPH["ontology"]
ENTITIES_GRAPH = GRAPH["entities"]
CORPUS_GRAPH = GRAPH["corpus"]
SCHEMA_VIEW_GRAPH = GRAPH["schema-view"]


@dataclass
class Loaded:
    project: Project
    dataset: Dataset
    articles: list[Article]
    problems: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def graph(self, iri: URIRef) -> Graph:
        return self.dataset.graph(iri)

    @property
    def ontology(self) -> Graph:
        return self.graph(ONTOLOGY_GRAPH)

    @property
    def entities(self) -> Graph:
        return self.graph(ENTITIES_GRAPH)

    def snapshot(self):
        """The dataset ready to serialise (export.Snapshot), made once and reused until the dataset changes."""
        from .export.rdflib_dataset import Snapshot
        size = sum(len(g) for g in self.dataset.graphs())
        cached = self.__dict__.get("_snapshot")
        if cached is None or cached[0] != size:
            cached = (size, Snapshot(self.dataset))
            self.__dict__["_snapshot"] = cached
        return cached[1]

    def content_graph_iris(self) -> list[URIRef]:
        """The graphs that hold facts about the world (not the ontology, not derived views)."""
        return [ENTITIES_GRAPH, CORPUS_GRAPH] + [a.graph_iri for a in self.articles]


def _copy(source: Graph, target: Graph) -> None:
    target.addN((s, p, o, target) for s, p, o in source)


def new_dataset() -> Dataset:
    return bind_prefixes(Dataset(default_union=True))


def load(project: Project) -> Loaded:
    """Parse every source and compute the derived triples. Problems are collected in ``Loaded.problems``;
    syntax errors and unreadable files raise InputError at once."""
    started = time.perf_counter()
    dataset = new_dataset()
    parse_turtle(project.ontology_file, dataset.graph(ONTOLOGY_GRAPH))
    # grounding looks labels up in the entities many times: a standalone graph answers that in O(1), a named
    # graph of a large Dataset does not (rdflib's memory store filters every match by context)
    entities = parse_turtle(project.entities_file)
    _copy(entities, dataset.graph(ENTITIES_GRAPH))
    metadata = dataset.graph(CORPUS_GRAPH)
    parse_turtle(project.corpus_metadata_file, metadata)
    articles = corpus.discover(project, metadata)
    sources, graphs = {}, {}
    for article in articles:
        sources[article.stem] = read_text(article.graph_path)
        graphs[article.stem] = parse_turtle(article.graph_path, text=sources[article.stem])
        article.text  # decode now: a non-UTF-8 article is an input error naming its file
    loaded = Loaded(project, dataset, articles)
    loaded.timings["load"] = time.perf_counter() - started

    started = time.perf_counter()
    for article in articles:
        for triple in corpus.computed_metadata(article):
            metadata.add(triple)
        graph = graphs.pop(article.stem)
        loaded.problems.extend(ground(article, graph, entities, sources[article.stem]))
        _copy(graph, dataset.graph(article.graph_iri))
    loaded.timings["grounding"] = time.perf_counter() - started

    started = time.perf_counter()
    view = SchemaView(loaded.ontology)
    schema_graph = dataset.graph(SCHEMA_VIEW_GRAPH)
    for iri in loaded.content_graph_iris():
        for triple in view.triples(dataset.graph(iri)):
            schema_graph.add(triple)
    loaded.timings["schema-view"] = time.perf_counter() - started
    return loaded


def ground(article: Article, graph: Graph, entities: Graph, source: str) -> list[Problem]:
    """Check and complete one article graph in place; return the problems found."""
    spans, problems = locate_spans(article, graph, source)
    problems += check_statement_texts(article, graph, source)
    problems += check_coverage(article, graph)
    labels = [entities]  # fact nodes' labels describe facts; they are not names an article uses
    forms = surface_forms(labels, referenced_entities(graph, labels))
    mention_triples, mention_problems = find_mentions(article, forms)
    problems += mention_problems
    for span in spans:
        graph.remove((span.node, WBKG.prefix, None))
        graph.remove((span.node, WBKG.suffix, None))
        graph.remove((span.node, WBKG.exact, None))
        for triple in span_triples(span.node, article, span.begin, span.end):
            graph.add(triple)
    for triple in mention_triples:
        graph.add(triple)
    return problems


def span_nodes(graph: Graph) -> set:
    return {n for cls in SPAN_CLASSES for n in graph.subjects(RDF.type, cls)}
