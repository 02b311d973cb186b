"""What the review page shows of a draft (docs/review.md, "In the browser"): the article text cut into
segments marked by the kinds of span that cover them, the facts grouped by the sentence of their first quote,
the correction forms each fact needs, and known entities a proposal may be.

Two marks per kind: the quote of a fact is underlined in its kind's colour (``u-<kind>``), and the words that
fill a value inside it are highlighted (``h-<kind>``): an entity's name, a date, a quantity, a quoted
statement. Dates and quantities are found again with the extractor's own finders, inside the quotes of the
facts that have such a value; names are the labels of the entities the fact refers to."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from ..project import Project
from ..rdfio import parse_turtle
from ..vocab.namespaces import ID, WBKG
from .corrections import DATES, NUMBERS
from .drafts import DraftView, Fact, entity_classes, local

#: the kinds, in the order of the legend; a segment covered by several shows the last one switched on
KINDS = {"event": "event", "contribution": "contribution", "tenure": "tenure", "about": "fact about a known entity",
         "quote": "statement", "entity": "entity", "date": "date", "quantity": "quantity"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


@dataclass(frozen=True)
class Segment:
    text: str
    classes: tuple[str, ...]     # u-<kind> and h-<kind>
    kinds: tuple[str, ...]       # for the tooltip: the kinds that cover it, in words


@dataclass
class DateForm:
    prop: str        # the property's local name, as set_value takes it
    label: str
    year: str
    month: str       # "" or "1".."12"
    day: str


@dataclass
class FactCard:
    fact: Fact
    kind: str                                    # one of KINDS
    dates: list[DateForm] = field(default_factory=list)
    numbers: list[tuple[str, str, str]] = field(default_factory=list)  # (property, label, current value)
    candidates: list[tuple[str, str]] = field(default_factory=list)    # (id:slug, label) for a proposal

    @property
    def named(self) -> bool:
        """The fact has a label of its own (not just its IRI's local name, which its id already shows)."""
        return self.fact.label != local(self.fact.node)


@dataclass
class Group:
    sentence: str | None       # None: the facts whose quote is no longer found in the text
    cards: list[FactCard]


def kind_of(fact: Fact, entity_cls: frozenset) -> str:
    classes = set(fact.classes)
    if fact.new_entity or classes & entity_cls:
        return "entity"
    if WBKG.Quantity in classes:
        return "quantity"
    if WBKG.Statement in classes:
        return "quote"
    if WBKG.Tenure in classes:
        return "tenure"
    if WBKG.Contribution in classes:
        return "contribution"
    return "event" if classes else "about"


def similarity(a: str, b: str) -> float:
    """How close two names are, 0..1: the characters (rapidfuzz's ratio when installed, else difflib's) and
    the words they share, half each (word order and titles vary more than spelling between two names)."""
    a, b = a.lower(), b.lower()
    try:
        from rapidfuzz import fuzz
        chars = fuzz.ratio(a, b) / 100
    except ImportError:
        chars = difflib.SequenceMatcher(None, a, b).ratio()
    wa, wb = set(re.findall(r"\w+", a)), set(re.findall(r"\w+", b))
    return (chars + (len(wa & wb) / len(wa | wb) if wa | wb else 0.0)) / 2


def candidates(fact: Fact, entities: Graph, limit: int = 6) -> list[tuple[str, str]]:
    """Known entities of the proposal's class, closest names first: what the reviewer may link it to."""
    pool = {s for c in fact.classes for s in entities.subjects(RDF.type, c) if str(s).startswith(str(ID))}
    scored = []
    for entity in pool:
        names = [str(o) for p in (SKOS.prefLabel, SKOS.altLabel) for o in entities.objects(entity, p)]
        if names:
            best = max(similarity(fact.label, n) for n in names)
            scored.append((-best, str(entities.value(entity, SKOS.prefLabel) or names[0]), entity))
    return [(f"id:{local(e)}", label) for _, label, e in sorted(scored)[:limit]]


def _names(fact: Fact, graphs: list[Graph]) -> set[str]:
    """The names the text may use for what the fact is about or refers to."""
    terms = {line.value for line in fact.says if isinstance(line.value, URIRef) and str(line.value).startswith(str(ID))}
    terms.add(fact.node)
    names = {str(line.value) for line in fact.says
             if line.predicate in (SKOS.prefLabel, SKOS.altLabel) and isinstance(line.value, Literal)}
    for graph in graphs:
        for term in terms:
            names |= {str(o) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel) for o in graph.objects(term, p)}
    return {n for n in names if len(n) > 1}


def _within(begin: int, end: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(b, e) for b, e in spans if begin <= b and e <= end]


def spans_of(view: DraftView, kinds: dict[str, str], entities: Graph) -> list[tuple[int, int, str]]:
    """Every marked span: (begin, end, 'u-kind' or 'h-kind')."""
    from ..ingest.dates import find_dates
    from ..ingest.quantities import find_quantities

    text = view.text
    dates = [(d.begin, d.end) for d in find_dates(text, None)]
    quantities = [(q.begin, q.end) for q in find_quantities(text)]
    draft = Graph()
    for t in view.triples:
        draft.add(t)
    out = []
    for fact in view.facts:
        kind = kinds[fact.id]
        names = _names(fact, [draft, entities])
        has_date = any(line.predicate in DATES for line in fact.says)
        quoted = [str(line.value) for line in fact.says if line.predicate == WBKG.text]
        for ev in fact.evidence:
            if ev.begin is None:
                continue
            out.append((ev.begin, ev.end, f"u-{kind}"))
            for name in names:
                for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text[ev.begin:ev.end]):
                    out.append((ev.begin + m.start(), ev.begin + m.end(), "h-entity"))
            for words in quoted:
                at = text.find(words, ev.begin, ev.end)
                if at >= 0:
                    out.append((at, at + len(words), "h-quote"))
            if has_date:
                out += [(b, e, "h-date") for b, e in _within(ev.begin, ev.end, dates)]
            if kind == "quantity":
                out += [(b, e, "h-quantity") for b, e in _within(ev.begin, ev.end, quantities)]
    return out


def segments(text: str, spans: list[tuple[int, int, str]]) -> list[Segment]:
    """The text cut at every span boundary; each piece with the marks covering it (adjacent equals merged)."""
    cuts = sorted({0, len(text)} | {b for b, _, _ in spans} | {e for _, e, _ in spans})
    out: list[Segment] = []
    for b, e in zip(cuts, cuts[1:]):
        classes = tuple(sorted({c for sb, se, c in spans if sb <= b and e <= se}))
        if out and out[-1].classes == classes:
            out[-1] = Segment(out[-1].text + text[b:e], classes, out[-1].kinds)
            continue
        words = tuple(dict.fromkeys(KINDS[c[2:]] for c in classes))
        out.append(Segment(text[b:e], classes, words))
    return out


def _date_form(prop: URIRef, label: str, value) -> DateForm:
    parts = str(value).split("-") if isinstance(value, Literal) else []
    year, month, day = (parts + ["", "", ""])[:3]
    return DateForm(local(prop), label, year, str(int(month)) if month.isdigit() else "", day[:2])


def cards_of(project: Project, view: DraftView) -> tuple[list[Group], list[Segment], list[str]]:
    """The groups of fact cards, the marked text, and the kinds present (for the legend)."""
    entities = parse_turtle(project.entities_file)
    entity_cls = entity_classes(project)
    kinds = {f.id: kind_of(f, entity_cls) for f in view.facts}
    marks = spans_of(view, kinds, entities)
    present = [k for k in KINDS if any(c[2:] == k for _, _, c in marks)]
    groups: dict[tuple[int, int] | None, list[FactCard]] = {}
    for fact in view.facts:
        card = FactCard(fact, kinds[fact.id])
        for line in fact.says:
            if line.predicate in DATES and isinstance(line.value, Literal):
                card.dates.append(_date_form(line.predicate, line.predicate_label, line.value))
            elif line.predicate in NUMBERS:
                card.numbers.append((local(line.predicate), line.predicate_label, str(line.value)))
        if fact.new_entity:
            card.candidates = candidates(fact, entities)
        sentence = next((e.sentence for e in fact.evidence if e.sentence), None)
        groups.setdefault(sentence, []).append(card)
    ordered = sorted(groups.items(), key=lambda kv: kv[0] or (len(view.text), 0))
    return ([Group(view.text[s[0]:s[1]] if s else None, cards) for s, cards in ordered],
            segments(view.text, marks), present)


def date_value(year: str, month: str, day: str) -> str:
    """The date a form says, at the precision filled in: 2024, 2024-03 or 2024-03-12 (set_value checks it)."""
    year, month, day = year.strip(), month.strip(), day.strip()
    if not re.fullmatch(r"\d{4}", year):
        raise ValueError("the year is four digits")
    if day and not month:
        raise ValueError("a day needs its month")
    if month and not (month.isdigit() and 1 <= int(month) <= 12):
        raise ValueError("pick a month from the list")
    if day and not (day.isdigit() and 1 <= int(day) <= 31):
        raise ValueError("the day is a number from 1 to 31")
    return "-".join([year] + ([f"{int(month):02d}"] if month else []) + ([f"{int(day):02d}"] if day else []))


__all__ = ["KINDS", "MONTHS", "Segment", "FactCard", "Group", "cards_of", "candidates", "segments", "similarity",
           "date_value", "kind_of"]
