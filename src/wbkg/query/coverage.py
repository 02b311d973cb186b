"""`wbkg coverage`: for each article, each sentence with the evidence that cites it, and the sentences
no fact cites (each either exempted with a reason or reported)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Graph, URIRef

from ..vocab.namespaces import WBKG, bind_prefixes

# a sentence ends at . ! ? (optionally followed by a closing quote) before whitespace, or at a line break
SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’)]?(?=\s)|\n")


@dataclass
class Sentence:
    begin: int
    end: int
    text: str
    evidence: list[URIRef] = field(default_factory=list)
    exemption: str | None = None

    @property
    def cited(self) -> bool:
        return bool(self.evidence)


def sentences(text: str) -> list[Sentence]:
    out, start = [], 0
    for match in SENTENCE_END.finditer(text):
        end = match.end()
        _append(out, text, start, end)
        start = end
    _append(out, text, start, len(text))
    return out


def _append(out: list, text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped or not re.search(r"\w", stripped):
        return
    lead = len(chunk) - len(chunk.lstrip())
    out.append(Sentence(start + lead, start + lead + len(stripped), stripped))


SPANS = """
PREFIX wbkg: <https://w3id.org/wbkg/ontology#>
SELECT ?g ?node ?kind ?begin ?end ?reason WHERE {
  GRAPH ?g { ?node a ?kind ; wbkg:beginIndex ?begin ; wbkg:endIndex ?end
             VALUES ?kind { wbkg:Evidence wbkg:Exemption } OPTIONAL { ?node wbkg:reason ?reason } }
} ORDER BY ?begin ?end ?node
"""  # ?g is projected: Oxigraph binds substitutions for projected variables only


def article_coverage(store, article) -> list[Sentence]:
    """Each sentence of ``article`` with the evidence (from the build's ``store``) that overlaps it."""
    rows = store.query(SPANS, None, {"g": article.graph_iri}).rows
    evidence = [(node, int(b), int(e)) for _, node, kind, b, e, _ in rows if kind == WBKG.Evidence]
    exemptions = [(node, int(b), int(e), reason) for _, node, kind, b, e, reason in rows if kind == WBKG.Exemption]
    result = sentences(article.text)
    for sentence in result:
        sentence.evidence = [node for node, b, e in evidence if b < sentence.end and e > sentence.begin]
        for node, b, e, reason in exemptions:
            if b <= sentence.begin and e >= sentence.end:
                sentence.exemption = str(reason or "exempt")
    return result


def coverage(store, articles) -> dict[str, list[Sentence]]:
    """By article graph: ``<stem>`` for a reviewed one, ``draft/<stem>`` for a draft (read from a store that
    includes the drafts)."""
    return {a.unit: article_coverage(store, a) for a in articles}


def uncited(report: dict[str, list[Sentence]]) -> list[tuple[str, Sentence]]:
    return [(stem, s) for stem, items in report.items() for s in items if not s.cited and s.exemption is None]


def evidence_name(node, nm) -> str:
    """An evidence node as its article graph names it: the fragment (``ev-meeting``), else a prefixed name.
    (Splitting the N3 form at ``#`` kept the closing ``>`` of a full IRI: ``ev-meeting>``.)"""
    iri = str(node)
    if "#" in iri:
        return iri.rsplit("#", 1)[1]
    return node.n3(nm)


def render(report: dict[str, list[Sentence]], verbose: bool = True) -> str:
    nm = bind_prefixes(Graph()).namespace_manager
    lines = []
    total = cited = exempt = 0
    for stem, items in report.items():
        c = sum(1 for s in items if s.cited)
        x = sum(1 for s in items if not s.cited and s.exemption)
        total, cited, exempt = total + len(items), cited + c, exempt + x
        lines.append(f"{stem}: {c}/{len(items)} sentences cited, {x} exempt, {len(items) - c - x} uncited")
        for s in items:
            if s.cited:
                mark = "cited "
            elif s.exemption:
                mark = "exempt"
            else:
                mark = "UNCITED"
            if verbose or mark == "UNCITED":
                short = s.text if len(s.text) <= 100 else s.text[:99] + "…"
                lines.append(f"  [{s.begin:>5}:{s.end:<5}] {mark:<7} {short}")
                if verbose and s.cited:
                    names = ", ".join(evidence_name(e, nm) for e in s.evidence)
                    lines.append(f"                        ← {names}")
                if s.exemption and not s.cited:
                    lines.append(f"                        ({s.exemption})")
    lines.append(f"total: {cited}/{total} sentences cited, {exempt} exempt, {total - cited - exempt} uncited")
    return "\n".join(lines) + "\n"
