"""One article being written: its text, the triples it states, and the evidence quoting the text for them;
and the words for dates and numbers."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..vocab.namespaces import ARTICLE
from .names import MONTHS
from .terms import IRI, TYPE, Lit, en, iri, wb
from .world import Entity


def day_text(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def month_text(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.year}"


def number_text(n: int) -> str:
    return f"{n:,}"


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
            out.append((node, wb("reason"), en(reason)))
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
