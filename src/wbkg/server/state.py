"""What the server knows before it forks its workers: the loaded graph and indexes for the pages
(labels, classes, search, timeline), computed once and shared copy-on-write by every worker."""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import quote

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from ..describe import SPAN_TYPES
from ..load import CORPUS_GRAPH, ENTITIES_GRAPH, ONTOLOGY_GRAPH, SCHEMA_VIEW_GRAPH, Loaded
from ..namespaces import ARTICLE, BASE, ID, SCHEMA, WBKG
from ..queries import StoredQuery
from .config import ServerConfig
from .engine import make_engine

DATE_PROPERTIES = (WBKG.date, WBKG.startDate, WBKG.endDate, WBKG.earliestDate, WBKG.latestDate)
LABEL_PROPERTIES = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)


def fold(text: str) -> str:
    """Case- and accent-insensitive form for search ("Thaçi" and "thaci" meet)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def humanise(iri: str) -> str:
    local = re.split(r"[/#]", iri.rstrip("/#"))[-1]
    return local.replace("-", " ").replace("_", " ") or iri


def graph_id(context) -> URIRef:
    """The name of a graph as Dataset.quads gives it (an identifier, or a Graph in older rdflib)."""
    return context.identifier if hasattr(context, "identifier") else context


def precision_of(literal) -> str:
    if not isinstance(literal, Literal):
        return ""
    return {XSD.date: "day", XSD.dateTime: "day", XSD.gYearMonth: "month", XSD.gYear: "year"}.get(
        literal.datatype, "")


def path_of(iri) -> str | None:
    """The path on this server of an IRI under the project base (None for other IRIs)."""
    value = str(iri)
    if not value.startswith(BASE):
        return None
    rest = value[len(BASE):]
    path, sep, fragment = rest.partition("#")
    return "/" + quote(path, safe="/:@!$&'()*+,;=-._~") + (f"#{quote(fragment, safe='=,-._~')}" if sep else "")


@dataclass
class SearchEntry:
    node: URIRef
    label: str
    folded: str
    preferred: bool


@dataclass
class DatedEvent:
    node: URIRef
    label: str
    classes: list[URIRef]
    dates: list[tuple[URIRef, Literal, str, tuple[URIRef, ...]]]   # (property, value, precision, articles)

    @property
    def sort_key(self) -> tuple:
        point = [d for d in self.dates if d[0] in (WBKG.date, WBKG.startDate)] or self.dates
        return (str(point[0][1]), self.label)


@dataclass
class State:
    loaded: Loaded
    config: ServerConfig
    queries: dict[str, StoredQuery]
    labels: dict[URIRef, str] = field(default_factory=dict)
    types: dict[URIRef, list[URIRef]] = field(default_factory=dict)
    search_entries: list[SearchEntry] = field(default_factory=list)
    class_parents: dict[URIRef, set[URIRef]] = field(default_factory=dict)
    class_members: dict[URIRef, set[URIRef]] = field(default_factory=dict)
    events: list[DatedEvent] = field(default_factory=list)
    held_graphs: dict = field(default_factory=dict)
    known: set = field(default_factory=set)
    evidence_by_quote: dict = field(default_factory=dict)
    articles: dict = field(default_factory=dict)
    query_forms: dict = field(default_factory=dict)
    evidence_counts: dict = field(default_factory=dict)
    void_stats: dict = field(default_factory=dict)
    engine: object = None

    # ----------------------------------------------------------------------------------------------------
    @classmethod
    def build(cls, loaded: Loaded, config: ServerConfig, queries: dict[str, StoredQuery]) -> "State":
        from .protocol import held_graphs

        state = cls(loaded, config, queries)
        state.held_graphs = held_graphs(loaded.dataset)
        state.engine = make_engine(config.engine, loaded.dataset, state.held_graphs)
        state.articles = {a.stem: a for a in loaded.articles}
        state._index_labels()
        state._index_classes()
        state._index_events()
        subjects, predicates, triples = set(), set(), 0
        for g in loaded.dataset.graphs():
            triples += len(g)
            for s, p, o in g:
                subjects.add(s)
                predicates.add(p)
                if g.identifier != SCHEMA_VIEW_GRAPH:
                    state.known.add(s)
                    if isinstance(o, URIRef):
                        state.known.add(o)
        state.void_stats = {
            "triples": triples, "subjects": len(subjects), "properties": len(predicates),
            "classes": len({c for classes in state.types.values() for c in classes}),
            "entities": len({n for n in state.known if str(n).startswith(str(ID))})}
        for ev, _p, exact, context in loaded.dataset.quads((None, WBKG.exact, None, None)):
            graph_iri = graph_id(context)
            if graph_iri not in (ENTITIES_GRAPH, CORPUS_GRAPH, ONTOLOGY_GRAPH) and \
                    (ev, RDF.type, WBKG.Evidence) in loaded.graph(graph_iri):
                state.evidence_by_quote.setdefault((graph_iri, str(exact)), ev)
        state.evidence_counts = {}
        for _ev, _p, _o, context in loaded.dataset.quads((None, RDF.type, WBKG.Evidence, None)):
            graph_iri = graph_id(context)
            state.evidence_counts[graph_iri] = state.evidence_counts.get(graph_iri, 0) + 1
        from .protocol import _prepared
        for name, q in queries.items():
            try:
                state.query_forms[name] = q.form     # parse once, before the fork
                _prepared(q.text)                    # and warm the workers' parse cache with it
            except Exception as exc:  # a stored query being edited may not parse: list it, do not fail
                state.query_forms[name] = f"does not parse: {exc}"
        for article in loaded.articles:
            article.text  # decode every text now, before the fork, so that the workers share it
        return state

    def _index_labels(self) -> None:
        ds = self.loaded.dataset
        ontology = self.loaded.ontology
        rank: dict[URIRef, int] = {}

        def offer(node, literal, priority: int) -> None:
            if not isinstance(node, URIRef):
                return
            if isinstance(literal, Literal) and literal.language and not literal.language.startswith("en"):
                priority += 1
            if priority < rank.get(node, 99):
                rank[node] = priority
                self.labels[node] = str(literal)

        for prop in (RDFS.label, SKOS.prefLabel):
            for s, o in ontology.subject_objects(prop):
                offer(s, o, 4)
        for s, o in ds.graph(CORPUS_GRAPH).subject_objects(SCHEMA.name):
            offer(s, o, 2)
            self.search_entries.append(SearchEntry(s, str(o), fold(str(o)), True))
        seen = set()
        skip = (ONTOLOGY_GRAPH, SCHEMA_VIEW_GRAPH)
        for prop in LABEL_PROPERTIES:
            for subject, _p, o, context in ds.quads((None, prop, None, None)):
                if graph_id(context) in skip or not isinstance(subject, URIRef):
                    continue
                if prop == SKOS.prefLabel:
                    offer(subject, o, 0)
                key = (subject, str(o))
                if key in seen:
                    continue
                seen.add(key)
                self.search_entries.append(SearchEntry(subject, str(o), fold(str(o)), prop == SKOS.prefLabel))
        for subject, _p, o, context in ds.quads((None, RDF.type, None, None)):
            if graph_id(context) in skip or not isinstance(o, URIRef):
                continue
            classes = self.types.setdefault(subject, [])
            if o not in classes:
                classes.append(o)

    def _index_classes(self) -> None:
        ontology = self.loaded.ontology
        for sub, sup in ontology.subject_objects(RDFS.subClassOf):
            if isinstance(sub, URIRef) and isinstance(sup, URIRef):
                self.class_parents.setdefault(sub, set()).add(sup)
        spans = set(SPAN_TYPES) | {WBKG.TextSpan}
        for node, classes in self.types.items():
            if not isinstance(node, URIRef) or any(c in spans for c in classes):
                continue
            for c in classes:
                for anc in self.ancestors(c) | {c}:
                    self.class_members.setdefault(anc, set()).add(node)

    def ancestors(self, cls_: URIRef) -> set[URIRef]:
        seen, stack = set(), [cls_]
        while stack:
            for sup in self.class_parents.get(stack.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    stack.append(sup)
        return seen

    def _index_events(self) -> None:
        """Every dated event: its dates (with precision) and the articles that give each."""
        event_nodes = self.class_members.get(WBKG.Event, set())
        events: dict[URIRef, DatedEvent] = {}
        for prop in DATE_PROPERTIES:
            for node, _p, value, context in self.loaded.dataset.quads((None, prop, None, None)):
                graph_iri = graph_id(context)
                if node not in event_nodes or graph_iri in (ONTOLOGY_GRAPH, SCHEMA_VIEW_GRAPH):
                    continue
                event = events.setdefault(node, DatedEvent(node, self.label(node), self.types.get(node, []), []))
                articles = () if graph_iri in (ENTITIES_GRAPH, CORPUS_GRAPH) else \
                    (ARTICLE[str(graph_iri).rsplit("/", 1)[-1]],)
                for i, (p, v, prec, arts) in enumerate(event.dates):
                    if p == prop and v == value:
                        event.dates[i] = (p, v, prec, tuple(sorted(set(arts) | set(articles))))
                        break
                else:
                    decade = (node, WBKG.datePrecision, WBKG.Decade) in self.loaded.graph(graph_iri)
                    event.dates.append((prop, value, "decade" if decade else precision_of(value), articles))
        for event in events.values():
            event.dates.sort(key=lambda d: (DATE_PROPERTIES.index(d[0]), str(d[1])))
        self.events = sorted(events.values(), key=lambda e: e.sort_key)

    # ----------------------------------------------------------------------------------------------------
    def label(self, node) -> str:
        if isinstance(node, Literal):
            return str(node)
        label = self.labels.get(node)
        if label:
            return label
        value = str(node)
        if value.startswith(str(ARTICLE)) and "#char=" in value:
            return "mention " + value.rsplit("#", 1)[1]
        if value.startswith(str(WBKG)):
            return value[len(str(WBKG)):]
        return humanise(value)

    def main_class(self, node) -> URIRef | None:
        """The most specific wbkg class of a node (by depth in the hierarchy)."""
        classes = [c for c in self.types.get(node, []) if str(c).startswith(str(WBKG))]
        if not classes:
            return None
        return max(classes, key=lambda c: (len(self.ancestors(c)), str(c)))

    def is_known(self, node: URIRef) -> bool:
        return node in self.known

    def is_entity(self, node) -> bool:
        return isinstance(node, URIRef) and str(node).startswith(str(ID))

    def search(self, query: str, limit: int = 50) -> list[tuple[URIRef, str, str | None]]:
        """(node, its label, the matching label when another) best first: exact, prefix, word start, substring."""
        wanted = fold(query.strip())
        if not wanted:
            return []
        best: dict[URIRef, tuple] = {}
        for entry in self.search_entries:
            position = entry.folded.find(wanted)
            if position < 0:
                continue
            if entry.folded == wanted:
                rank = 0
            elif position == 0:
                rank = 1
            elif not entry.folded[position - 1].isalnum():
                rank = 2
            else:
                rank = 3
            key = (rank, not entry.preferred, len(entry.label))
            if entry.node not in best or key < best[entry.node][0]:
                best[entry.node] = (key, entry.label)
        ordered = sorted(best.items(), key=lambda item: (item[1][0], self.label(item[0]).casefold()))
        out = []
        for node, (_key, matched) in ordered[:limit]:
            label = self.label(node)
            out.append((node, label, matched if matched != label else None))
        return out

    def ontology_classes(self) -> list[URIRef]:
        ontology = self.loaded.ontology
        return sorted({c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(str(WBKG))},
                      key=str)
