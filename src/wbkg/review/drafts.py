"""A draft read into reviewable facts (docs/review.md): each fact is one node of the draft with its triples and
the evidence that supports it, said in labels rather than IRIs, with its quote placed in its sentence.

A fact's id is its node's local name less the article id (``statement-marta-lindqvist-1``,
``quantity-soldiers-1``, ``marta-lindqvist``, ``kfor``): stable while other facts are accepted or rejected
(a number would shift), and the name the evidence IRIs already use. Facts are listed in text order.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from ..errors import InputError, UsageError
from ..ingest.draft import PROV_GENERATED_BY, TEXT_SHA256_LINE
from ..project import Project
from ..rdfio import parse_turtle, read_text
from ..vocab.hierarchy import reachable
from ..vocab.namespaces import ARTICLE, ID, SCHEMA, WBKG
from .rejections import dashed

#: classes whose new nodes are entities (described in graph/entities.ttl), each with every class below it
ENTITY_ROOTS = (WBKG.Agent, WBKG.Place, WBKG.Post, WBKG.Document, WBKG.Topic)
#: what entities.ttl says of an entity (MODEL.md): identity and definitional facts; the rest is reported
DEFINITIONAL = frozenset({RDF.type, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, WBKG.iso3166Alpha2,
                          WBKG.ofState, WBKG.postIn, WBKG.postKind})
PRECISION = {XSD.date: "day", XSD.gYearMonth: "month", XSD.gYear: "year", XSD.dateTime: "time"}


@dataclass(frozen=True)
class Evidence:
    """One evidence of a fact: its quote, where it is in the text, and how it was drafted."""
    iri: URIRef
    exact: str
    begin: int | None          # offsets of the quote in the text (None when it is no longer there)
    end: int | None
    sentence: tuple[int, int] | None  # the sentence holding the quote
    rule: str                  # the extractor rule (the fragment of prov:wasGeneratedBy)
    generator: URIRef | None
    confidence: Decimal | None
    properties: tuple[URIRef, ...]  # wbkg:supportsProperty: empty when it supports the whole node


@dataclass(frozen=True)
class Line:
    """One thing a fact says: predicate and value, each as IRI and as a label for people."""
    predicate: URIRef
    predicate_label: str
    value: object
    value_label: str


@dataclass
class Fact:
    id: str
    node: URIRef
    label: str                 # the node's label ("Marta Lindqvist", "Quantity", ...)
    kind: str                  # its most specific class's label ("person", "statement"), or "about"
    classes: tuple[URIRef, ...]
    new_entity: bool           # a proposed entity: its definitional triples go to graph/entities.ttl
    existing: bool             # the node is described elsewhere (entities, another article): only this
    triples: list[tuple]       # article's triples are added
    says: list[Line]
    evidence: list[Evidence]
    needs: list[str] = field(default_factory=list)  # ids of the draft facts it refers to

    @property
    def confidence(self) -> Decimal | None:
        values = [e.confidence for e in self.evidence if e.confidence is not None]
        return max(values) if values else None


@dataclass
class DraftView:
    """A draft as the review sees it, with what is needed to act on it."""
    stem: str
    path: Path
    title: str
    text: str
    recorded_sha256: str | None  # from the draft's header; None for a draft written before it was recorded
    sha256: str                  # of the text now in corpus/
    triples: list[tuple]
    header: str
    facts: list[Fact]

    @property
    def base(self) -> str:
        return f"{ARTICLE[self.stem]}#"

    @property
    def stale(self) -> bool:
        return self.recorded_sha256 is not None and self.recorded_sha256 != self.sha256

    def fact(self, fact_id: str) -> Fact:
        """The fact with this id (also accepted: the node's full local name or ``id:`` name)."""
        wanted = fact_id.removeprefix("id:")
        for fact in self.facts:
            if wanted in (fact.id, str(fact.node).rsplit("/", 1)[-1]):
                return fact
        ids = ", ".join(f.id for f in self.facts) or "none left"
        raise UsageError(f"article {self.stem} has no draft fact {fact_id!r}; its facts: {ids}", parameter="FACT")


@dataclass(frozen=True)
class DraftSummary:
    stem: str
    title: str
    facts: int        # facts pending, proposed entities not counted
    entities: int     # new entities pending
    stale: bool


class Labels:
    """Labels for IRIs: the draft's own, the entities file's, the ontology's; else the local name."""

    def __init__(self, project: Project, draft: Graph, entities: Graph | None = None):
        self.graphs = [draft, entities if entities is not None else parse_turtle(project.entities_file)]
        self.ontology = parse_turtle(project.ontology_file)

    def __call__(self, term) -> str:
        if isinstance(term, Literal):
            return literal_label(term)
        draft = self.graphs[0]
        if (term, RDF.type, WBKG.Quantity) in draft:  # "about 400 troops", not its IRI
            amount = draft.value(term, WBKG.value) or "-".join(str(v) for v in (draft.value(term, WBKG.lowerBound),
                                                                               draft.value(term, WBKG.upperBound)))
            approx = draft.value(term, WBKG.approximation)
            words = [self(approx) if approx is not None and approx != WBKG.Exact else "", str(amount),
                     self(draft.value(term, WBKG.unit))]
            return " ".join(w for w in words if w)
        for graph in self.graphs:
            for label in graph.objects(term, SKOS.prefLabel):
                if getattr(label, "language", None) in (None, "en"):
                    return str(label)
        for label in self.ontology.objects(term, RDFS.label):
            return str(label)
        for label in self.ontology.objects(term, SKOS.prefLabel):
            return str(label)
        return local(term)


def local(term) -> str:
    return str(term).rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def literal_label(value: Literal) -> str:
    """A literal as a person reads it: a date with its precision, a number as written, a string quoted."""
    if value.datatype in PRECISION:
        return f"{value} ({PRECISION[value.datatype]})"
    if value.datatype == XSD.boolean:
        return "yes" if value.toPython() else "no"
    if value.datatype in (XSD.decimal, XSD.integer):
        return str(value)
    return f'"{value}"' + (f"@{value.language}" if value.language else "")


def recorded_digest(draft_text: str) -> str | None:
    for line in draft_text.splitlines():
        if line.startswith(TEXT_SHA256_LINE):
            return line[len(TEXT_SHA256_LINE):].strip()
        if not line.startswith("#"):
            return None
    return None


def list_drafts(project: Project) -> list[DraftSummary]:
    """Every article with a draft, in id order, with how many facts and new entities wait for review."""
    out = []
    for path in sorted(project.drafts_dir.glob("*.ttl")) if project.drafts_dir.is_dir() else ():
        view = read_draft(project, path.stem, check=False)
        entities = sum(f.new_entity for f in view.facts)
        out.append(DraftSummary(view.stem, view.title, len(view.facts) - entities, entities, view.stale))
    return out


def read_draft(project: Project, stem: str, *, check: bool = True) -> DraftView:
    """The draft of article ``stem`` as facts; with ``check``, a stale draft (the text changed since it was
    drafted) is an InputError, since its quotes and offsets no longer hold."""
    path = project.draft_file(stem)
    if not re.fullmatch(r"[A-Za-z0-9_-]+", stem) or not path.is_file():
        known = sorted(p.stem for p in project.drafts_dir.glob("*.ttl")) if project.drafts_dir.is_dir() else []
        raise UsageError(f"no draft for article {stem!r} in {project.drafts_dir}; drafts: "
                         f"{', '.join(known) or 'none'}", parameter="ID")
    source = read_text(path)
    text_path = project.article_text_file(stem)
    text = read_text(text_path)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    recorded = recorded_digest(source)
    if check and recorded is not None and recorded != digest:
        raise InputError(f"stale draft: corpus/{stem}.txt changed since it was drafted (SHA-256 {digest[:12]}..., "
                         f"the draft records {recorded[:12]}...); its quotes may no longer hold: remove the draft "
                         f"and ingest the text again", path)
    graph = parse_turtle(path, text=source)
    header = "".join(line + "\n" for line in _leading_comments(source))
    entities = parse_turtle(project.entities_file)
    known = entities_and_articles(project, entities, stem)
    facts = build_facts(project, stem, text, list(graph), graph, entities, known)
    return DraftView(stem, path, title_of(project, stem), text, recorded, digest, list(graph), header, facts)


def _leading_comments(source: str) -> list[str]:
    lines = []
    for line in source.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return lines


def title_of(project: Project, stem: str) -> str:
    if project.corpus_metadata_file.is_file():
        metadata = parse_turtle(project.corpus_metadata_file)
        for name in metadata.objects(ARTICLE[stem], SCHEMA.name):
            return str(name)
    return stem


def entities_and_articles(project: Project, entities: Graph, stem: str) -> set[URIRef]:
    """Every node described outside this draft: in the entities file or as a subject of an article graph."""
    known = set(entities.subjects())
    for path in sorted(project.articles_graph_dir.glob("*.ttl")):
        if path.stem != stem:
            known |= set(parse_turtle(path).subjects())
    article = project.article_graph_file(stem)
    if article.is_file():
        known |= set(parse_turtle(article).subjects())
    return known


def entity_classes(project: Project) -> frozenset[URIRef]:
    ontology = parse_turtle(project.ontology_file)
    closure = reachable(ontology.subject_objects(RDFS.subClassOf))
    return frozenset(set(ENTITY_ROOTS) | {c for c, above in closure.items() if above & set(ENTITY_ROOTS)})


def build_facts(project: Project, stem: str, text: str, triples: list[tuple], graph: Graph, entities: Graph,
                known: set[URIRef]) -> list[Fact]:
    """Group a draft's triples into facts: one per node that is not an evidence, with its evidence."""
    labels = Labels(project, graph, entities)
    entity_cls = entity_classes(project)
    # evidence and mention rules are not facts: a rule goes along with the facts that name its entity
    evidences = set(graph.subjects(RDF.type, WBKG.Evidence)) | set(graph.subjects(RDF.type, WBKG.MentionRule))
    sentences = _sentences(text)
    facts: dict[URIRef, Fact] = {}
    for node in sorted({s for s, _, _ in triples} - evidences, key=str):
        own = sorted(((s, p, o) for s, p, o in triples if s == node), key=lambda t: (str(t[1]), str(t[2])))
        classes = tuple(sorted(graph.objects(node, RDF.type), key=str))
        existing = node in known
        new_entity = not existing and any(c in entity_cls for c in classes)
        says = [Line(p, labels(p), o, labels(o)) for _, p, o in own if p != RDF.type]
        kind = labels(classes[-1]).lower() if classes else "about"
        name = local(node).replace(f"-{dashed(stem)}", "", 1)
        evs = [_evidence(graph, ev, text, sentences) for ev in sorted(graph.subjects(WBKG.supports, node), key=str)]
        facts[node] = Fact(name, node, labels(node), kind, classes, new_entity, existing, own, says, evs)
    for fact in facts.values():
        # a proposal, or the names a linked entity takes from this text: what the build needs to accept it
        fact.needs = sorted({facts[o].id for _, _, o in fact.triples if o in facts and o != fact.node and (
            not facts[o].existing or all(p in DEFINITIONAL for _, p, _ in facts[o].triples))})
    # a drafted exemption of a person without a post (wbkg:exempts) goes along with what puts them in office
    exempting = {o: f.id for f in facts.values() for _, p, o in f.triples if p == WBKG.exempts}
    for fact in facts.values():
        fact.needs = sorted(set(fact.needs) | {exempting[o] for _, p, o in fact.triples
                                               if o in exempting and p != WBKG.exempts})
    return sorted(facts.values(), key=lambda f: (min((e.begin for e in f.evidence if e.begin is not None),
                                                     default=len(text)), not f.new_entity, f.id))


def _evidence(graph: Graph, ev: URIRef, text: str, sentences) -> Evidence:
    exact = str(graph.value(ev, WBKG.exact) or "")
    prefix = graph.value(ev, WBKG.prefix)
    begin = locate(text, exact, str(prefix) if prefix is not None else None)
    generator = graph.value(ev, PROV_GENERATED_BY)
    confidence = graph.value(ev, WBKG.confidence)
    sentence = None
    if begin is not None:
        end = begin + len(exact)
        starts = [b for b, e in sentences if b <= begin < e]
        ends = [e for b, e in sentences if b < end <= e]
        sentence = (starts[0] if starts else begin, ends[-1] if ends else end)
    return Evidence(ev, exact, begin, None if begin is None else begin + len(exact), sentence,
                    local(generator) if generator is not None else "", generator,
                    Decimal(str(confidence)) if confidence is not None else None,
                    tuple(sorted(graph.objects(ev, WBKG.supportsProperty), key=str)))


def locate(text: str, exact: str, prefix: str | None) -> int | None:
    """Where a quote is in the text: its only occurrence, or the one the prefix picks (as grounding does)."""
    if not exact:
        return None
    if prefix is not None:
        at = text.find(prefix + exact)
        return at + len(prefix) if at >= 0 else None
    at = text.find(exact)
    return at if at >= 0 else None


def _sentences(text: str) -> list[tuple[int, int]]:
    from ..ingest.sentences import split_sentences  # pysbd: loaded only when a draft is shown
    return [(s.begin, s.end) for s in split_sentences(text)]


def is_fact_node(term) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(str(ID))


__all__ = ["DraftSummary", "DraftView", "Evidence", "Fact", "Labels", "Line", "DEFINITIONAL", "list_drafts",
           "read_draft", "literal_label", "locate"]
