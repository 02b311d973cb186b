"""The classes of the data: how many instances each wbkg class has (one GROUP BY on the store per request),
the class tree of the start page and the ontology page, and the instances of a class (/browse/<Class>)."""
from __future__ import annotations

from markupsafe import Markup
from rdflib import URIRef

from ...vocab.namespaces import SPAN_CLASSES, WBKG
from ..reader import values
from ..replies import Reply, html_reply, not_found
from .links import link

BROWSE_ROWS = 2000   # instances listed on a class's page (the rest are one query away)
HIDDEN_CLASSES = {*SPAN_CLASSES, WBKG.TextSpan}  # text spans are not browsed as classes

# by asserted class, on the merge (each triple once; a filter per row would cost 4x the scan); the
# ontology's own individuals are taken off after
TYPE_COUNTS = "SELECT ?class (COUNT(?node) AS ?n) WHERE { ?node a ?class } GROUP BY ?class"
ONTOLOGY_TYPE_COUNTS = """SELECT ?class (COUNT(?node) AS ?n) WHERE { GRAPH graph:ontology { ?node a ?class } }
GROUP BY ?class"""
MEMBERS = "SELECT DISTINCT ?node ?label WHERE { %s ?node a ?class OPTIONAL { ?node skos:prefLabel ?label } }"
ONTOLOGY_MEMBERS = "SELECT DISTINCT ?node WHERE { %s GRAPH graph:ontology { ?node a ?class } }"
DEFINITION = """SELECT ?definition ?class WHERE { GRAPH graph:ontology { ?class skos:definition ?definition } }
ORDER BY ?definition LIMIT 1"""


def type_counts(site) -> dict[URIRef, int]:
    """Nodes per asserted class, any class (once per worker: VoID counts the classes too)."""
    return site.memo("type counts", lambda: {r["class"]: int(r["n"]) for r in site.reader.select(TYPE_COUNTS)})


def direct_counts(site) -> dict[URIRef, int]:
    """Instances per asserted wbkg class (text spans aside)."""
    counts = {c: n for c, n in type_counts(site).items()
              if str(c).startswith(str(WBKG)) and c not in HIDDEN_CLASSES}
    for r in site.reader.select(ONTOLOGY_TYPE_COUNTS):
        if r["class"] in counts:
            counts[r["class"]] -= int(r["n"])
    return counts


def class_counts(site) -> dict[URIRef, int]:
    """Instances of each class and its subclasses. A node asserted in two classes under one ancestor counts
    twice there (the data has none)."""
    def compute():
        out: dict[URIRef, int] = {}
        for cls_, n in direct_counts(site).items():
            for anc in site.vocab.ancestors(cls_) | {cls_}:
                out[anc] = out.get(anc, 0) + n
        return out
    return site.memo("class counts", compute)


def members_of(site, cls_: URIRef) -> list[tuple[URIRef, str]]:
    """The instances of a class and its subclasses (IRIs, text spans aside), each with its first prefLabel
    as a sort key, by that key."""
    classes = sorted(site.vocab.descendants(cls_) - HIDDEN_CLASSES, key=str)
    if not classes:
        return []
    keys: dict[URIRef, str] = {}
    for row in site.reader.select(MEMBERS % values("class", classes)):
        node = row["node"]
        if isinstance(node, URIRef):
            label = str(row.get("label", ""))
            if node not in keys or (label and (not keys[node] or label < keys[node])):
                keys[node] = label
    for row in site.reader.select(ONTOLOGY_MEMBERS % values("class", classes)):
        keys.pop(row["node"], None)
    return sorted(keys.items(), key=lambda item: (item[1].casefold(), str(item[0])))


def class_tree(site, terms, counts: dict[URIRef, int] | None) -> Markup:
    """The wbkg class hierarchy as nested lists; with ``counts`` only the classes that have instances."""
    vocab = site.vocab
    children = vocab.children()

    def render(c) -> Markup:
        n = counts.get(c, 0) if counts is not None else 0
        if counts is not None and not n:
            return Markup("")
        local = vocab.local(c)
        if counts is not None:
            item = Markup('<a href="/browse/{}">{}</a> <span class="muted">{}</span>').format(local, terms.label(c), n)
        else:
            item = Markup('<a href="#{}">{}</a>').format(local, local)
        kids = Markup("").join(render(k) for k in sorted(children.get(c, ()), key=str))
        if kids:
            item += Markup('<ul class="tree">{}</ul>').format(kids)
        return Markup("<li>{}</li>").format(item)
    return Markup('<ul class="tree">{}</ul>').format(Markup("").join(render(r) for r in vocab.roots()))


def browse(site, payload: dict) -> Reply:
    name = payload["name"]
    cls_ = URIRef(str(WBKG) + name) if name.isidentifier() else None
    if cls_ is None or cls_ not in set(site.vocab.classes):
        return not_found(payload.get("accept"), f"There is no class {name} in the ontology.")
    terms = site.terms()
    members = members_of(site, cls_)
    shown = [node for node, _key in members[:BROWSE_ROWS]]
    terms.need(shown)
    shown.sort(key=lambda n: (terms.label(n).casefold(), str(n)))
    mains = {m: terms.main_class(m) for m in shown}
    terms.need(c for c in mains.values() if c is not None)
    rows = [(link(terms, m), link(terms, mains[m]) if mains[m] else "") for m in shown]
    subs = sorted(set(mains.values()) - {cls_, None}, key=str)
    definition = site.reader.value(DEFINITION, "", **{"class": cls_})
    note = (f"The first {len(shown)} of {len(members)} by name; the endpoint lists them all."
            if len(members) > len(shown) else None)
    return html_reply("browse.html", title=f"{terms.label(cls_).capitalize()} ({name})",
                      definition=str(definition), members=rows, total=len(members), note=note,
                      sub=", ".join(terms.label(s) for s in subs), doc=f"/ontology#{name}")
