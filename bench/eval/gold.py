"""The curated gold of the seed articles, per kind, read from graph/ and corpus/ and (mentions) from a build.

The gold is the articles with a reviewed graph (graph/articles/<stem>.ttl): drafts and texts awaiting review in
a corpus grown with `wbkg ingest` have none, so they are left out rather than break `make eval`.

Each gold item carries what its kind's matching function (bench/eval/match.py) needs; offsets are code points
of the article text, as in the build.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from wbkg.ground.mentions import LABEL_PROPERTIES, referenced_entities, surface_forms
from wbkg.ingest.dates_resolve import PartialDate
from wbkg.vocab.namespaces import ARTICLE, WBKG

ONTOLOGY = "https://w3id.org/wbkg/ontology#"
SCHEMA_PUBLISHED = URIRef("https://schema.org/datePublished")
DATE_PROPERTIES = ("date", "startDate", "endDate", "asOf", "validUntil", "validAtLeastUntil", "earliestDate",
                   "latestDate")
WHOLE_PARTS = ("ontology", "shapes", "queries", "pyproject.toml")


@dataclass
class Seed:
    """One seed article: its text, curated graph and publication date (earliestDate, else datePublished)."""
    stem: str
    text: str
    graph: Graph
    published: PartialDate | None
    exclusive: set[URIRef] = field(default_factory=set)  # entities no other article graph references


def curated_stems(root: Path) -> list[str]:
    """The articles with a reviewed graph and a text: the ones that have gold."""
    return sorted(p.stem for p in (root / "graph" / "articles").glob("*.ttl")
                  if (root / "corpus" / f"{p.stem}.txt").is_file())


def load_seeds(root: Path) -> list[Seed]:
    meta = Graph().parse(root / "corpus" / "articles.ttl")
    entities = Graph().parse(root / "graph" / "entities.ttl")
    seeds = []
    for stem in curated_stems(root):
        path = root / "corpus" / f"{stem}.txt"
        node = next((s for s, o in meta.subject_objects(WBKG.textFile) if str(o) == path.name), None)
        date = None if node is None else meta.value(node, WBKG.earliestDate) or meta.value(node, SCHEMA_PUBLISHED)
        graph = Graph().parse(root / "graph" / "articles" / f"{stem}.ttl")
        seeds.append(Seed(path.stem, path.read_text(encoding="utf-8"), graph,
                          PartialDate.parse(str(date)) if date is not None else None))
    used = {s.stem: referenced_entities(s.graph, [entities]) for s in seeds}
    for seed in seeds:
        others = set().union(*(u for stem, u in used.items() if stem != seed.stem))
        seed.exclusive = used[seed.stem] - others
    return seeds


def rule_forms(graphs: list[Graph]) -> list[tuple[str, URIRef]]:
    """(surface form, entity) of the mention rules of ``graphs``: the linker's contextual candidates, taken from
    the other articles only (leave-one-out), as wbkg ingest takes them from the reviewed graphs."""
    return sorted({(str(g.value(r, WBKG.surfaceForm)), g.value(r, WBKG.refersTo))
                   for g in graphs for r in g.subjects(RDF.type, WBKG.MentionRule)})


def rule_spans(seed: Seed, taken: list[tuple[int, int, URIRef]]) -> list[tuple[int, int, URIRef]]:
    """The mentions the article graph's own mention rules make, as grounding makes them (wbkg.ground.mentions
    .rule_mentions): longer forms first, every occurrence after wbkg:precededBy that no earlier mention overlaps."""
    g, out, spans = seed.graph, [], [(b, e) for b, e, _ in taken]
    rules = sorted(g.subjects(RDF.type, WBKG.MentionRule), key=lambda r: (-len(str(g.value(r, WBKG.surfaceForm))), str(r)))
    for rule in rules:
        form, entity, before = (g.value(rule, p) for p in (WBKG.surfaceForm, WBKG.refersTo, WBKG.precededBy))
        for m in re.finditer(rf"(?<!\w){re.escape(str(form))}(?!\w)", seed.text):
            if (before is None or seed.text[:m.start()].endswith(str(before))) and \
                    not any(b < m.end() and m.start() < e for b, e in spans):
                spans.append(m.span())
                out.append((m.start(), m.end(), entity))
    return out


def gazetteer_graph(entities: Graph, leave_out: set[URIRef]) -> Graph:
    """The entities graph without the triples about the left-out entities."""
    g = Graph()
    for s, p, o in entities:
        if s not in leave_out:
            g.add((s, p, o))
    return g


def copy_curated(root: Path, copy: Path) -> None:
    """Copy the project keeping only the curated articles (their texts, graphs and metadata): a draft that does
    not pass the build's gates yet must not stop the evaluation of the reviewed ones."""
    stems = set(curated_stems(root))
    for part in WHOLE_PARTS:
        src = root / part
        if src.is_dir():
            shutil.copytree(src, copy / part)
        elif src.exists():
            shutil.copy(src, copy / part)
    (copy / "graph" / "articles").mkdir(parents=True)
    (copy / "corpus").mkdir()
    shutil.copy(root / "graph" / "entities.ttl", copy / "graph" / "entities.ttl")
    for stem in stems:
        shutil.copy(root / "corpus" / f"{stem}.txt", copy / "corpus" / f"{stem}.txt")
        shutil.copy(root / "graph" / "articles" / f"{stem}.ttl", copy / "graph" / "articles" / f"{stem}.ttl")
    meta = Graph().parse(root / "corpus" / "articles.ttl")
    others = {s for s in meta.subjects() if str(s).startswith(str(ARTICLE))
              and str(s)[len(str(ARTICLE)):].split("#", 1)[0] not in stems}
    if not others:
        shutil.copy(root / "corpus" / "articles.ttl", copy / "corpus" / "articles.ttl")
        return
    for s in others:
        meta.remove((s, None, None))
    meta.serialize(copy / "corpus" / "articles.ttl", format="turtle")


def built_mentions(root: Path) -> dict[str, set[tuple[int, int, URIRef]]]:
    """(begin, end, entity) of each wbkg:Mention of a build of a copy of the curated articles, per stem."""
    with tempfile.TemporaryDirectory(prefix="wbkg-eval-") as tmp:
        copy = Path(tmp) / "project"
        copy.mkdir()
        copy_curated(root, copy)
        subprocess.run([sys.executable, "-m", "wbkg.cli", "--root", str(copy), "build"], check=True,
                       capture_output=True, text=True)
        ds = Dataset(default_union=True)
        ds.parse(copy / "build" / "wbkg.nq", format="nquads")
    out: dict[str, set[tuple[int, int, URIRef]]] = {}
    for node in set(ds.subjects(RDF.type, WBKG.Mention)):
        stem = str(node).split("/article/")[1].split("#")[0]
        out.setdefault(stem, set()).add((int(ds.value(node, WBKG.beginIndex)), int(ds.value(node, WBKG.endIndex)),
                                         ds.value(node, WBKG.denotes)))
    return out


# --- known-entity mentions -----------------------------------------------------------------------------------
# The build records a mention only for the entities an article graph references, so a correct link to an
# entity the article names but its graph does not use (the Western Balkans as a setting) would count as wrong.
# The gold below is the build's own matching (exact case, word boundaries, longest then leftmost, a label
# shared by two entities in play unused) run over the entities in play: those the graph references, plus
# those the text names by a label (not hidden) that no other entity carries. docs/ingest/README.md argues it.


@dataclass(frozen=True)
class MentionGold:
    """``required``: (begin, end, entity) a careful author records, left-out entities removed (recall counts
    them); ``acceptable``: a name inside such a mention whose entity is defined by a fact about that name (the
    UK in "UK Ambassador", a post wbkg:postIn the UK): a right link, not a required one; ``covering``: each
    gold-world mention, left-out ones included, to say what a wrong link stands in."""
    required: frozenset[tuple[int, int, URIRef]]
    acceptable: frozenset[tuple[int, int, URIRef]]
    covering: tuple[tuple[int, int, URIRef], ...]
    in_play: frozenset[URIRef]


def flat_mentions(text: str, forms: dict[str, set[URIRef]]) -> list[tuple[int, int, URIRef]]:
    """The build's matching (wbkg.ground.mentions.find_mentions): one regex, longest alternative first,
    leftmost, on word boundaries, labels carried by several of the entities unused."""
    usable = {f: next(iter(es)) for f, es in forms.items() if len(es) == 1}
    if not usable:
        return []
    alternatives = "|".join(re.escape(f) for f in sorted(usable, key=lambda f: (-len(f), f)))
    return [(m.start(), m.end(), usable[m.group(0)])
            for m in re.finditer(rf"(?<!\w)(?:{alternatives})(?!\w)", text)]


def _unique_shown_forms(entities: Graph) -> dict[str, set[URIRef]]:
    """Labels (not hidden) that exactly one entity carries, among every label of the entities graph."""
    carriers: dict[str, set[URIRef]] = {}
    for prop in LABEL_PROPERTIES:
        for e, label in entities.subject_objects(prop):
            carriers.setdefault(str(label).strip(), set()).add(e)
    shown = {str(label).strip() for p in LABEL_PROPERTIES[:2] for label in entities.objects(None, p)}
    return {f: es for f, es in carriers.items() if f and f in shown and len(es) == 1}


def gold_mentions(seed: Seed, entities: Graph) -> MentionGold:
    """The mention gold of one held-out article (see the comment above)."""
    labels = [entities]
    referenced = referenced_entities(seed.graph, labels)
    first = {**_unique_shown_forms(entities), **surface_forms(labels, referenced)}
    in_play = referenced | {e for _, _, e in flat_mentions(seed.text, first)}
    world = flat_mentions(seed.text, surface_forms(labels, in_play))
    world = sorted(world + rule_spans(seed, world))  # a generic word the curators tied to an entity here
    acceptable = set()
    for begin, end, outer in world:
        for inner in {o for o in entities.objects(outer) if isinstance(o, URIRef) and o != outer}:
            for label in {str(x).strip() for p in LABEL_PROPERTIES for x in entities.objects(inner, p)}:
                for m in re.finditer(rf"(?<!\w){re.escape(label)}(?!\w)", seed.text[begin:end]):
                    if m.end() - m.start() < end - begin:
                        acceptable.add((begin + m.start(), begin + m.end(), inner))
    required = {m for m in world if m[2] not in seed.exclusive}
    return MentionGold(frozenset(required), frozenset(acceptable - required), tuple(world),
                       frozenset(in_play - referenced))


def quote_span(text: str, exact: str) -> tuple[int, int] | None:
    i = text.find(exact)
    return None if i < 0 else (i, i + len(exact))


def evidence_quotes(seed: Seed, node) -> list[str]:
    return [str(seed.graph.value(ev, WBKG.exact)) for ev in seed.graph.subjects(WBKG.supports, node)
            if seed.graph.value(ev, WBKG.exact) is not None]


# A quote states a value when it holds the value's year in digits, or a deictic/relative expression of the
# value's precision (a day: today, a weekday...; a month: this month, last November...; a year: next year...).
_DAY_WORDS = re.compile(r"\b(?:today|yesterday|tomorrow|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                        r"Sunday)\b", re.I)
_MONTH_WORDS = re.compile(r"\b(?:(?:this|last|next) month|January|February|March|April|May|June|July|August|"
                          r"September|October|November|December)\b", re.I)
_YEAR_WORDS = re.compile(r"\b(?:this|last|next) year\b", re.I)


def states(quote: str, prop: str, value: PartialDate) -> bool:
    if re.search(rf"\b{value.earliest.year}s?\b", quote):
        return True
    if prop == "asOf":  # an asOf is the article's time unless the quote writes the year
        return False
    words = {"day": _DAY_WORDS, "month": _MONTH_WORDS, "year": _YEAR_WORDS}.get(value.precision)
    return bool(words and words.search(quote))


@dataclass(frozen=True)
class DateGold:
    prop: str
    value: str                             # the literal's lexical form
    spans: tuple[tuple[int, int], ...]     # the quotes that state it


def gold_dates(seed: Seed) -> list[DateGold]:
    """Each (property, value) of the article graph that some evidence quote states, with those quotes."""
    items: dict[tuple[str, str], set[tuple[int, int]]] = {}
    for prop in DATE_PROPERTIES:
        for node, lit in seed.graph.subject_objects(URIRef(ONTOLOGY + prop)):
            value = PartialDate.parse(str(lit))
            for quote in evidence_quotes(seed, node):
                span = quote_span(seed.text, quote)
                if span and states(quote, prop, value):
                    items.setdefault((prop, value.lexical), set()).add(span)
    return [DateGold(p, v, tuple(sorted(s))) for (p, v), s in sorted(items.items())]


@dataclass(frozen=True)
class QuantityGold:
    quote: str
    key: tuple  # (value, lower bound, upper bound, approximation IRI, unit IRI)
    spans: tuple[tuple[int, int], ...] = ()  # where the quote is in the text


def gold_quantities(seed: Seed) -> list[QuantityGold]:
    """(evidence quote, key) of each wbkg:Quantity, as tests/ingest/test_quantities.py reads them."""
    g, out = seed.graph, []
    for q in g.subjects(RDF.type, WBKG.Quantity):
        def get(p):
            o = g.value(q, p)
            return None if o is None else (Decimal(str(o)) if isinstance(o, Literal) else str(o))
        key = (get(WBKG.value), get(WBKG.lowerBound), get(WBKG.upperBound), get(WBKG.approximation), get(WBKG.unit))
        out += [QuantityGold(quote, key, tuple(s for s in [quote_span(seed.text, quote)] if s))
                for quote in evidence_quotes(seed, q)]
    return out


@dataclass(frozen=True)
class StatementGold:
    begin: int
    end: int
    direct: bool
    text: str
    speaker: URIRef | None = None


def gold_statements(seed: Seed) -> list[StatementGold]:
    """Each wbkg:text of a wbkg:Statement, located inside its evidence (bench/ingest/statements_recall.py)."""
    g, out = seed.graph, []
    for st in g.subjects(RDF.type, WBKG.Statement):
        direct = bool(g.value(st, WBKG.directQuote).toPython())
        for t in map(str, g.objects(st, WBKG.text)):
            b = -1
            for exact in evidence_quotes(seed, st):
                i = seed.text.find(exact)
                if i >= 0 and t in exact:
                    b = i + exact.find(t)
                    break
            if b < 0:
                b = seed.text.find(t)
            out.append(StatementGold(b, b + len(t), direct, t, g.value(st, WBKG.speaker)))
    return out


def organisation_classes(root: Path) -> set[URIRef]:
    onto = Graph().parse(root / "ontology" / "wbkg.ttl")
    return set(onto.transitive_subjects(RDFS.subClassOf, WBKG.Organisation))


def gold_new_entities(seed: Seed, entities: Graph, wanted: set[URIRef]) -> list[tuple[URIRef, str]]:
    """(entity, prefLabel) of the people and organisations only this article references."""
    return sorted((e, str(entities.value(e, SKOS.prefLabel))) for e in seed.exclusive
                  if set(entities.objects(e, RDF.type)) & wanted)


def gold_tenures(seed: Seed) -> list[URIRef]:
    return sorted(seed.graph.subjects(RDF.type, WBKG.Tenure))


def _labels(entities: Graph, node) -> frozenset[str]:
    """Every label of ``node``, folded for comparison (lower case, ASCII: "Thaçi" = "thaci")."""
    from wbkg.ingest.names import fold
    return frozenset(fold(str(o)).lower() for p in (SKOS.prefLabel, SKOS.altLabel) for o in entities.objects(node, p))


@dataclass(frozen=True)
class NewEntityGold:
    entity: URIRef
    labels: frozenset[str]         # folded
    classes: frozenset[URIRef]     # its rdf:types and their superclasses


def gold_new_entity_records(seed: Seed, entities: Graph, wanted: set[URIRef], root: Path) -> list[NewEntityGold]:
    """gold_new_entities with what matching needs: folded labels, classes with their superclasses."""
    onto = Graph().parse(root / "ontology" / "wbkg.ttl")
    out = []
    for e, _ in gold_new_entities(seed, entities, wanted):
        classes = set()
        for t in entities.objects(e, RDF.type):
            classes |= set(onto.transitive_objects(t, RDFS.subClassOf))
        out.append(NewEntityGold(e, _labels(entities, e), frozenset(classes)))
    return out


@dataclass(frozen=True)
class TenureGold:
    tenure: URIRef
    holder: URIRef
    holder_labels: frozenset[str]
    post: URIRef
    post_labels: frozenset[str]
    post_in: URIRef | None
    post_in_labels: frozenset[str]


def gold_tenure_records(seed: Seed, entities: Graph) -> list[TenureGold]:
    """Each wbkg:Tenure with its holder's and post's labels and the post's state (wbkg:postIn)."""
    out = []
    for t in gold_tenures(seed):
        holder, post = seed.graph.value(t, WBKG.holder), seed.graph.value(t, WBKG.post)
        post_in = entities.value(post, WBKG.postIn)
        out.append(TenureGold(t, holder, _labels(entities, holder), post, _labels(entities, post), post_in,
                              _labels(entities, post_in) if post_in is not None else frozenset()))
    return out
