"""Search by name, case and accents ignored ("thaci" finds Thaçi), one query per request. SPARQL cannot
strip accents, so the store returns the labels that contain the folded words as they are, plus every label
with a character outside printable ASCII; Python folds those and ranks: exact, prefix, word start, inside."""
from __future__ import annotations

import unicodedata

from rdflib import Literal, URIRef

SEARCH = """SELECT ?q ?node ?label ?preferred WHERE {
  { GRAPH graph:corpus { ?node schema:name ?label } BIND(true AS ?preferred) }
  UNION { GRAPH ?g { ?node skos:prefLabel ?label }
          FILTER(?g NOT IN (graph:ontology, graph:schema-view, graph:entailments)) BIND(true AS ?preferred) }
  UNION { GRAPH ?g { ?node skos:altLabel|skos:hiddenLabel ?label }
          FILTER(?g NOT IN (graph:ontology, graph:schema-view, graph:entailments)) BIND(false AS ?preferred) }
  FILTER(isIRI(?node))
  FILTER(CONTAINS(LCASE(STR(?label)), ?q) || REGEX(STR(?label), "[^ -~]"))
}"""


def fold(text: str) -> str:
    """Case- and accent-insensitive form for search ("Thaçi" and "thaci" meet)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def rank(folded: str, wanted: str) -> int | None:
    position = folded.find(wanted)
    if position < 0:
        return None
    if folded == wanted:
        return 0
    if position == 0:
        return 1
    return 2 if not folded[position - 1].isalnum() else 3


def search(site, query: str, limit: int = 50) -> list[tuple[URIRef, str]]:
    """(node, the label that matched) best first."""
    wanted = fold(query.strip())
    if not wanted:
        return []
    best: dict[URIRef, tuple] = {}
    # an ASCII label folds to its lower case, so CONTAINS finds it; the others are folded here
    for row in site.reader.select(SEARCH, q=Literal(wanted)):
        label = str(row["label"])
        r = rank(fold(label), wanted)
        if r is None:
            continue
        key = (r, not row["preferred"].toPython(), len(label), label.casefold())
        if row["node"] not in best or key < best[row["node"]][0]:
            best[row["node"]] = (key, label)
    ordered = sorted(best.items(), key=lambda item: (item[1][0], str(item[0])))
    return [(node, matched) for node, (_key, matched) in ordered[:limit]]
