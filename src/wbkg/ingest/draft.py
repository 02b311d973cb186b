"""The draft writer: an Extraction becomes graph/drafts/<id>.ttl, as docs/MODEL.md says a careful author would
write it (docs/ingest/drafts.md): ``id:`` fact nodes with slug IRIs that collide with nothing existing, each
covered by a ``wbkg:Evidence`` quoting the clause verbatim, and on every evidence the rule that generated it
(``prov:wasGeneratedBy``), a ``wbkg:confidence`` and ``wbkg:reviewStatus wbkg:Unreviewed``.

One small writer per kind (``WRITERS``: kind -> function(draft, found) -> number of facts written), so a new
kind of extraction is one more function, registered with ``@writer("kind")`` (draft_kinds.py). Before the
draft is returned it is grounded with wbkg.ground (as the build will): a fact whose evidence fails is dropped
and reported, so a written draft always grounds.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from ..corpus import Article
from ..ground import ground
from ..problems import WARNING
from ..vocab.namespaces import ARTICLE, ID, WBKG
from ..review.rejections import rejected_facts
from .draft_turtle import decimal_literal, number_literal, turtle
from .extractor import Context, Extraction, Found
from .quantities import COUNT_UNITS
from .sentences import Sentence

PROV_GENERATED_BY = URIRef("http://www.w3.org/ns/prov#wasGeneratedBy")
TEXT_SHA256_LINE = "# Text SHA-256: "  # the header line that records the digest of the text drafted
CONTEXT_CHARS = 32  # the prefix written when a quote occurs more than once, as the build computes it

Writer = Callable[["Draft", list[Found]], int]
WRITERS: dict[str, Writer] = {}
# after the writers and the first grounding: functions (draft, triples) -> more triples, e.g. exemptions
FINISHERS: list[Callable[["Draft", list[tuple]], list[tuple]]] = []


def writer(kind: str) -> Callable[[Writer], Writer]:
    """Register the draft writer of one kind of extraction."""
    def register(function: Writer) -> Writer:
        WRITERS[kind] = function
        return function
    return register


def slug(text: str) -> str:
    """Lower-case ASCII words joined by '-' (docs/MODEL.md, IRIs): "Šekerinska" -> "sekerinska"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def local_name(iri: URIRef) -> str:
    return str(iri).rsplit("/", 1)[-1].rsplit("#", 1)[-1]


@dataclass
class DraftResult:
    """A draft and what the ingest report says about it."""
    stem: str
    turtle: str
    counts: dict[str, int]
    dropped: list[str] = field(default_factory=list)      # facts left out because their evidence failed
    skipped: list[str] = field(default_factory=list)      # items a writer could not turn into a fact
    unlinked: list[str] = field(default_factory=list)     # ambiguous mentions left unlinked, with the reason
    named_unused: list[str] = field(default_factory=list)  # known entities named that no fact uses
    uncovered: list[Sentence] = field(default_factory=list)  # sentences no evidence quotes
    proposed: list[str] = field(default_factory=list)     # new entities proposed (none until entities.py lands)


class Draft:
    """The triples of one draft being written, with the IRIs it has minted and the facts' evidence."""

    def __init__(self, stem: str, text: str, extraction: Extraction, context: Context,
                 taken: set[str] | frozenset[str], classes: dict[URIRef, frozenset[URIRef]]):
        self.stem = stem
        self.dashed = slug(stem)
        self.text = text
        self.extraction = extraction
        self.context = context
        self.base = f"{ARTICLE[stem]}#"
        self.classes = classes  # wbkg:Agent, Person, Place, State, Mission, Event: each with its subclasses
        self.entities = Graph()  # the entities file, for labels (set by write_draft)
        self.agent_classes = classes.get(WBKG.Agent, frozenset())
        self.triples: list[tuple] = []
        self.skipped: list[str] = []
        self.proposed: list[str] = []
        self._taken = taken
        self.taken = taken  # every id: IRI written in graph/ before this draft
        self._minted: set[str] = set()
        self.kind = ""  # the kind being written: each fact node minted is counted under it
        self.kind_of: dict[URIRef, str] = {}
        self._linked = [f.item for f in extraction.of("mentions") if f.item.linked]
        self.proposals: dict[str, URIRef] = {}             # a proposal's slug -> the IRI the draft gave it
        self.quantity_at: dict[tuple[int, int], URIRef] = {}  # a quantity's (begin, end) -> its node
        self._proposed_at: list[tuple[int, int, URIRef, URIRef]] = []  # (begin, end, IRI, class) of each name
        self._proposed_labels: dict[str, set[tuple[URIRef, URIRef]]] = {}  # a proposal's label -> (IRI, class)

    def propose(self, slug_: str, iri: URIRef, cls: URIRef, occurrences, labels=()) -> None:
        """Record the IRI minted for a proposed entity, where the text names it and the labels it was given."""
        self.proposals[slug_] = iri
        self._proposed_at += [(b, e, iri, cls) for b, e in occurrences]
        for label in labels:
            self._proposed_labels.setdefault(label, set()).add((iri, cls))

    def agent_at(self, begin: int, end: int, classes: frozenset[URIRef] | None = None) -> URIRef | None:
        """The known entity, else the entity this draft proposes, named over [begin, end) (of ``classes``):
        at an occurrence the block recorded, else by the exact text of one of its labels, when one proposal
        only has it (a surname after a heading line: the block's occurrences are a lower bound)."""
        known = self.entity_at(begin, end, classes)
        if known is not None:
            return known
        for b, e, iri, cls in self._proposed_at:
            if b < end and begin < e and (classes is None or cls in classes):
                return iri
        carriers = {iri for iri, cls in self._proposed_labels.get(self.text[begin:end], ())
                    if classes is None or cls in classes}
        return carriers.pop() if len(carriers) == 1 else None

    # --- IRIs ---------------------------------------------------------------------------------------------

    def fact_iri(self, *words: str) -> URIRef:
        """``id:<words joined by '-'>``, with -2, -3 ... when the IRI exists already (entities, other article
        or draft graphs) or was minted in this draft."""
        stem = "-".join(w for w in (slug(w) for w in words) if w)
        candidate, n = stem, 1
        while str(ID[candidate]) in self._taken or candidate in self._minted:
            n += 1
            candidate = f"{stem}-{n}"
        self._minted.add(candidate)
        self.kind_of[ID[candidate]] = self.kind
        return ID[candidate]

    def evidence_iri(self, fact: URIRef) -> URIRef:
        """``:ev-<fact name without the article id>``: the article's namespace already says which article."""
        name = local_name(fact).replace(f"-{self.dashed}", "", 1)
        return URIRef(f"{self.base}ev-{name}")

    # --- triples ------------------------------------------------------------------------------------------

    def add(self, s, p, o) -> None:
        self.triples.append((s, p, o))

    def evidence(self, fact: URIRef, begin: int, end: int, found: Found, rule: str | None = None) -> URIRef:
        """An unrestricted evidence of ``fact`` quoting text[begin:end] (trimmed), with its generator,
        confidence and review status; a prefix when the quote occurs more than once."""
        while begin < end and self.text[begin].isspace():
            begin += 1
        while end > begin and self.text[end - 1].isspace():
            end -= 1
        exact = self.text[begin:end]
        node, n = self.evidence_iri(fact), 1
        while any(s == node and p == WBKG.exact for s, p, _ in self.triples):  # a second quote for one node
            n += 1
            node = URIRef(f"{self.evidence_iri(fact)}-{n}")
        self.add(node, RDF.type, WBKG.Evidence)
        self.add(node, WBKG.exact, Literal(exact))
        if self.text.count(exact) > 1:
            self.add(node, WBKG.prefix, Literal(self.text[max(0, begin - CONTEXT_CHARS):begin]))
        self.add(node, WBKG.supports, fact)
        self.add(node, PROV_GENERATED_BY, self.extraction.generator(rule or found.rule))
        self.add(node, WBKG.confidence, decimal_literal(round(found.confidence, 2)))
        self.add(node, WBKG.reviewStatus, WBKG.Unreviewed)
        return node

    # --- what the other kinds found -------------------------------------------------------------------------

    def entity_at(self, begin: int, end: int, classes: frozenset[URIRef] | None = None) -> URIRef | None:
        """The known entity a linked mention overlapping [begin, end) names (of one of ``classes``)."""
        for mention in self._linked:
            if mention.begin < end and begin < mention.end:
                if classes is None or self.context.gazetteer.entity_types(mention.entity) & classes:
                    return mention.entity
        return None

    def label(self, node: URIRef) -> str:
        """A node's English preferred label: as this draft wrote it, else from the entities file."""
        for s, p, o in self.triples:
            if s == node and p == SKOS.prefLabel:
                return str(o)
        for o in self.entities.objects(node, SKOS.prefLabel):
            if getattr(o, "language", None) in (None, "en"):
                return str(o)
        return local_name(node)

    def words(self, text: str) -> Literal:
        """A free-text literal (a statement's text, a description) in the article's language."""
        return Literal(text, lang=self.context.language)

    def article_date(self) -> Literal | None:
        return self.context.published.literal() if self.context.published else None

    def sentence_span(self, begin: int, end: int, limit: int = 300) -> tuple[int, int]:
        """The sentence holding [begin, end), or the clause of it (between , ; or :) when it is long."""
        for sentence in self.extraction.sentences:
            if sentence.begin <= begin < sentence.end:
                b, e = sentence.begin, max(end, sentence.end)
                if e - b <= limit:
                    return b, e
                left = max(self.text.rfind(c, b, begin) for c in ",;:")
                rights = [i for i in (self.text.find(c, end, e) for c in ",;:") if i >= 0]
                return (left + 1 if left >= b else b), (min(rights) if rights else e)
        return begin, end


def write_draft(stem: str, text: str, extraction: Extraction, context: Context, *, entities: Graph,
                text_path: Path, draft_path: Path, taken: set[str] | frozenset[str] = frozenset(),
                classes: dict[URIRef, frozenset[URIRef]] | None = None,
                rejected: frozenset = frozenset()) -> DraftResult:
    """The draft of one article: every registered writer over its kind, less the facts a reviewer rejected
    before (``rejected``: keys from wbkg.review.rejections), then grounding (failing facts dropped), then
    sorted Turtle."""
    draft = Draft(stem, text, extraction, context, taken, classes or {})
    draft.entities = entities
    counts = {}
    for kind in sorted(extraction.items, key=_kind_order):
        function = WRITERS.get(kind)
        if function is None:
            draft.skipped.append(f"{kind}: {len(extraction.of(kind))} found, no draft writer for this kind yet")
            continue
        draft.kind = kind
        counts[kind] = function(draft, extraction.of(kind))
    article = Article(stem, text_path, draft_path)
    article.__dict__["text"] = text  # the text being ingested, whatever is on disk
    before = list(dict.fromkeys(draft.triples))
    refused = {node: "rejected in an earlier review of this text" for node in rejected_facts(before, draft.dashed,
                                                                                             rejected)}
    kept, gone = _without(before, refused) if refused else (before, {})
    triples, dropped, grounded = _grounded_triples(draft, article, entities, kept)
    dropped = [f"{f.n3(grounded.namespace_manager)}: {why}" for f, why in sorted(gone.items())] + dropped
    while (unnamed := _unnamed(triples, grounded, entities)):
        # the build fails an article graph that refers to a known entity it never names (by a label): drop the
        # facts that do, and those that refer to what was dropped, then ground again
        triples, more = _without(triples, {f: f"refers to {', '.join(sorted(w))}, which the text never names by a "
                                              "label" for f, w in unnamed.items()})
        dropped += [f"{f.n3(grounded.namespace_manager)}: {why}" for f, why in more.items()]
        triples, again, grounded = _grounded_triples(draft, article, entities, triples)
        dropped += again
    if extra := [t for finish in FINISHERS for t in finish(draft, triples)]:
        triples, again, grounded = _grounded_triples(draft, article, entities, triples + extra)
        dropped += again
    for node in {s for s, _, _ in draft.triples} - {s for s, _, _ in triples}:
        if node in draft.kind_of:
            counts[draft.kind_of[node]] -= 1
    subjects = {s for s, _, _ in triples}
    proposed = [p for p in draft.proposed if ID[p.split(" ", 1)[0]] in subjects]  # "slug (Class): label"
    result = DraftResult(stem, turtle(triples, draft.base, _header(draft)), counts, dropped, draft.skipped,
                         proposed=proposed)
    used = {o for _, _, o in triples if isinstance(o, URIRef)} | {s for s, _, _ in triples}
    for found in extraction.of("mentions"):
        m = found.item
        if not m.linked:
            result.unlinked.append(f"{m.surface!r} at {m.begin}: {m.reason}")
    named = {}
    for m in draft._linked:
        if m.entity not in used:
            named.setdefault(m.entity, m.surface)
    result.named_unused = [f"{e.n3(grounded.namespace_manager)} {s!r}" for e, s in sorted(named.items())]
    spans = [(int(b), int(e)) for ev in grounded.subjects(RDF.type, WBKG.Evidence)
             for b in grounded.objects(ev, WBKG.beginIndex) for e in grounded.objects(ev, WBKG.endIndex)]
    result.uncovered = [s for s in extraction.sentences if not any(b < s.end and s.begin < e for b, e in spans)]
    return result


FIRST_KINDS = ("mentions", "entities", "tenures", "quantities")


def _kind_order(kind: str) -> tuple:
    # mentions, new entities, tenures and quantities first (other writers link to what they wrote), then the
    # rest by name
    return (FIRST_KINDS.index(kind) if kind in FIRST_KINDS else len(FIRST_KINDS), kind)


_NOT_REFERENCES = (RDF.type, WBKG.supports, WBKG.denotes, WBKG.inArticle)


def _unnamed(triples: list[tuple], grounded: Graph, entities: Graph) -> dict[URIRef, set[str]]:
    """Fact nodes that refer to a described entity (one with a skos:prefLabel in the entities file) of which
    the grounded draft has no mention, with the names of those entities."""
    named = set(grounded.objects(None, WBKG.denotes))
    spans = {s for s, p, o in triples if p == RDF.type and o == WBKG.Evidence}
    out: dict[URIRef, set[str]] = {}
    for s, p, o in triples:
        if s in spans or p in _NOT_REFERENCES:
            continue
        for node in (s, o):
            if isinstance(node, URIRef) and node not in named and (node, SKOS.prefLabel, None) in entities:
                out.setdefault(s, set()).add(local_name(node))
    return out


def _without(triples: list[tuple], bad: dict[URIRef, str]) -> tuple[list[tuple], dict[URIRef, str]]:
    """The triples less the facts in ``bad``, those that refer to a node only those facts described, and
    their evidence; every fact dropped, with why."""
    dropped = dict(bad)
    spans = {s for s, p, o in triples if p == RDF.type and o == WBKG.Evidence}
    while True:
        kept = [t for t in triples if t[0] not in dropped]
        gone = {t[0] for t in triples if t[0] in dropped} - {t[0] for t in kept}
        more = {s: f"refers to {local_name(o)}, dropped" for s, _, o in kept
                if o in gone and s not in dropped and s not in spans}
        if not more:
            break
        dropped.update(more)
    evidences = {s for s, p, o in triples if p == WBKG.supports and o in dropped}
    return [t for t in triples if t[0] not in dropped and t[0] not in evidences], dropped


def _grounded_triples(draft: Draft, article: Article, entities: Graph,
                      triples: list[tuple]) -> tuple[list[tuple], list[str], Graph]:
    dropped: list[str] = []
    for _ in range(10):
        graph = Graph()
        graph.namespace_manager.bind("id", ID)
        for triple in triples:
            graph.add(triple)
        source = turtle(triples, draft.base)
        problems = [p for p in ground(article, graph, entities, source) if p.severity != WARNING]
        if not problems:
            return triples, dropped, graph
        bad: set[URIRef] = set()
        for problem in problems:
            focus = URIRef(problem.focus) if problem.focus else None
            if focus is None:
                continue
            supported = {o for s, p, o in triples if s == focus and p == WBKG.supports}
            facts = supported or {focus}
            bad |= facts
            dropped.append(f"{', '.join(sorted(f.n3(graph.namespace_manager) for f in facts))}: "
                           f"{problem.message}")
        if not bad:
            raise RuntimeError(f"draft of {draft.stem} fails grounding: {problems[0]}")
        evidences = {s for s, p, o in triples if p == WBKG.supports and o in bad}
        triples = [t for t in triples if t[0] not in bad and t[0] not in evidences]
    raise RuntimeError(f"draft of {draft.stem} does not ground after dropping facts")


def _header(draft: Draft) -> str:
    extraction = draft.extraction
    date = draft.context.published.lexical if draft.context.published else "unknown: relative dates unresolved"
    return "\n".join([
        f"# Draft of article {draft.stem}, written by `wbkg ingest` (extractor {extraction.extractor} "
        f"{extraction.version}).",
        f"# Publication date: {date}. Every fact below is a proposal, unreviewed (wbkg:reviewStatus on its",
        "# evidence) until a person accepts it; see docs/ingest/drafts.md.",
        # `wbkg review` refuses a draft whose text changed since: its quotes and offsets would not hold
        f"{TEXT_SHA256_LINE}{hashlib.sha256(draft.text.encode('utf-8')).hexdigest()}",
        "",
    ])


def boolean(value: bool) -> Literal:
    return Literal(value, datatype=XSD.boolean)


def decimal(value) -> Literal:
    return decimal_literal(value)


def number(value, unit: str) -> Literal:
    """A quantity's number: an xsd:integer when ``unit`` counts things (ontology: wbkg:CountUnit)."""
    return number_literal(value, unit in COUNT_UNITS)
