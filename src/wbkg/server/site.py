"""Linked-data pages, worker side: entities, articles, the ontology, named graphs, the timeline, the index and
search, the query form, VoID / DCAT and the dumps. Each resource is served as HTML, Turtle, JSON-LD (and
N-Triples, RDF/XML, TriG, N-Quads) by content negotiation or by suffix."""
from __future__ import annotations

import json
from collections import defaultdict
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, RDFS, SKOS, VOID, XSD

from ..describe import SPAN_TYPES, facts_about, mentions_of
from ..export.context import jsonld_context
from ..export.rdflib_dataset import serialize_dataset, serialize_graph
from ..load import CORPUS_GRAPH, ENTITIES_GRAPH, ONTOLOGY_GRAPH, SCHEMA_VIEW_GRAPH
from ..namespaces import ARTICLE, BASE, GRAPH, ID, ONTOLOGY_IRI, SCHEMA, WBKG, bind_prefixes
from . import negotiate, svg
from .negotiate import Choice
from .pool import Reply
from .protocol import serialise_graph
from .state import State, graph_id, path_of, precision_of
from .templates import environment, json_script

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
DATASET_IRI = URIRef(BASE + ".well-known/void#wbkg")
DUMPS = (("Turtle", "wbkg.ttl", "turtle", "text/turtle"), ("TriG (named graphs kept)", "wbkg.trig", "trig", "application/trig"),
         ("JSON-LD", "wbkg.jsonld", "json-ld", "application/ld+json"),
         ("N-Triples", "wbkg.nt", "nt", "application/n-triples"),
         ("N-Quads", "wbkg.nq", "nquads", "application/n-quads"))
FORMAT_LINKS = (("Turtle", ".ttl", "text/turtle"), ("JSON-LD", ".jsonld", "application/ld+json"),
                ("TriG", ".trig", "application/trig"), ("N-Triples", ".nt", "application/n-triples"),
                ("RDF/XML", ".rdf", "application/rdf+xml"))
HTML_HEADERS = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                                           "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"}
KINDS = ((WBKG.Person, "person"), (WBKG.State, "state"), (WBKG.Place, "place"), (WBKG.Mission, "mission"),
         (WBKG.Event, "event"), (WBKG.Agreement, "agreement"), (WBKG.Statement, "statement"),
         (WBKG.Stance, "statement"), (WBKG.Organisation, "organisation"), (WBKG.Agent, "organisation"),
         (WBKG.Article, "article"))

FIRST_PROPERTIES = {RDF.type: 0, SKOS.prefLabel: 1, SKOS.altLabel: 2, SKOS.hiddenLabel: 3}

_env = environment()


# ------------------------------------------------------------------------------------------------------
# small renderers

def href(node) -> str | None:
    path = path_of(node)
    if path is not None:
        return path
    value = str(node)
    if value.startswith(("http://", "https://")):
        return value
    return None


def kind_of(state: State, node) -> str:
    if str(node).startswith(str(WBKG)):
        return "term"
    classes = state.types.get(node, [])
    closure = set(classes)
    for c in classes:
        closure |= state.ancestors(c)
    for cls_, kind in KINDS:
        if cls_ in closure:
            return kind
    return "fact" if state.is_entity(node) else "other"


def link(state: State, node, label: str | None = None) -> Markup:
    if isinstance(node, Literal):
        return literal_html(node)
    if isinstance(node, BNode):
        return Markup('<span class="muted">[blank node]</span>')
    target = href(node)
    text = label if label is not None else state.label(node)
    if target is None:
        return Markup("<span>{}</span>").format(text)
    if target.startswith("/"):
        return Markup('<a href="{}" class="{}">{}</a>').format(target, kind_of(state, node), text)
    return Markup('<a href="{}" rel="nofollow noopener" class="external">{}</a>').format(target, text)


def literal_html(value: Literal) -> Markup:
    badge = ""
    if value.language:
        badge = value.language
    elif value.datatype:
        badge = precision_of(value) or str(value.datatype).rsplit("#", 1)[-1]
    text = str(value)
    if value.datatype == XSD.boolean:
        text = text.lower()
    out = Markup("{}").format(text)
    if badge:
        out += Markup('<span class="badge">{}</span>').format(badge)
    return out


def value_html(state: State, value) -> Markup:
    return literal_html(value) if isinstance(value, Literal) else link(state, value)


def prop_html(state: State, prop) -> Markup:
    if str(prop).startswith(str(WBKG)):
        name = str(prop)[len(str(WBKG)):]
        return Markup('<a href="/ontology#{}" title="{}">{}</a>').format(name, str(prop), state.label(prop))
    qname = prop.n3(state.loaded.dataset.namespace_manager)
    return Markup('<span title="{}">{}</span>').format(str(prop), qname)


def article_link(state: State, article_iri) -> Markup:
    return link(state, URIRef(str(article_iri).split("#", 1)[0]))


def quote_html(state: State, graph_iri, article, quote: str) -> Markup:
    evidence = state.evidence_by_quote.get((graph_iri, quote))
    target = href(evidence) if evidence is not None else href(article)
    return (Markup('<blockquote class="quote"><a href="{}">“{}”</a></blockquote>').format(target, quote)
            + Markup('<div class="source">— {}</div>').format(article_link(state, article)))


def sources_html(state: State, fact) -> Markup:
    if fact.graph == ENTITIES_GRAPH:
        return Markup('<span class="editorial">editorial: entity description</span>')
    if fact.graph == CORPUS_GRAPH:
        return Markup('<span class="editorial">editorial: article metadata</span>')
    if fact.graph == ONTOLOGY_GRAPH:
        return Markup('<span class="editorial">ontology</span>')
    if not fact.sources:
        if fact.predicate in (WBKG.inArticle, WBKG.beginIndex, WBKG.endIndex, WBKG.prefix, WBKG.suffix):
            return Markup('<span class="editorial">computed from the text</span>')
        return Markup('<span class="editorial">in {}</span>').format(link(state, fact.graph))
    return Markup("").join(quote_html(state, fact.graph, article, quote) for article, quote in fact.sources)


def html_reply(template: str, status: int = 200, **context) -> Reply:
    body = _env.get_template(template).render(alternates=context.pop("alternates", ()), **context)
    return Reply(status, body.encode("utf-8"), "text/html; charset=utf-8", dict(HTML_HEADERS))


def not_found(accept: str | None, what: str) -> Reply:
    if negotiate.accepts_html(accept):
        return html_reply("error.html", 404, title="Not found", code=404, message=what)
    return Reply(404, (what + "\n").encode("utf-8"))


def format_links(path: str) -> list[tuple[str, str, str]]:
    return [(name, path + suffix, media) for name, suffix, media in FORMAT_LINKS]


def choose_page_format(payload: dict) -> Choice | None:
    suffix = payload.get("suffix")
    if suffix:
        fmt = negotiate.SUFFIXES[suffix]
        return Choice(fmt, fmt.media_types[0], {})
    return negotiate.choose(payload.get("accept"), negotiate.PAGE_FORMATS)


def not_acceptable(payload: dict) -> Reply:
    offered = ", ".join(f.media_types[0] for f in negotiate.PAGE_FORMATS)
    return Reply(406, f"cannot serve {payload.get('accept')!r}; offered: {offered}\n".encode("utf-8"))


def rdf_reply(dataset: Dataset, choice: Choice, content_location: str | None = None) -> Reply:
    key = choice.format.key
    if key in ("trig", "nquads"):
        body = serialize_dataset(dataset, key)
    else:
        merged = bind_prefixes(Graph())
        for s, p, o, _g in dataset.quads((None, None, None, None)):
            merged.add((s, p, o))
        body = serialise_graph(merged, key, choice)
    headers = {"Content-Location": content_location} if content_location else {}
    return Reply(200, body.encode("utf-8"), choice.content_type, headers)


def jsonld_island(dataset: Dataset) -> Markup:
    merged = bind_prefixes(Graph())
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        merged.add((s, p, o))
    return json_script(json.loads(serialize_graph(merged, "json-ld")))


def alternates(path: str) -> list[tuple[str, str]]:
    return [(media, path + suffix) for _n, suffix, media in FORMAT_LINKS]


# ------------------------------------------------------------------------------------------------------
# entities

def entity_dataset(state: State, node: URIRef) -> Dataset:
    """The description of a node, graph by graph: its triples, the triples that point at it, the evidence and
    mentions that ground it, and the labels of its neighbours."""
    ds = bind_prefixes(Dataset())
    dataset = state.loaded.dataset
    labels = state.loaded.entities
    neighbours = set()
    for s, p, o, context in dataset.quads((node, None, None, None)):
        ds.graph(graph_id(context)).add((s, p, o))
        if isinstance(o, URIRef):
            neighbours.add(o)
    for s, p, o, context in dataset.quads((None, None, node, None)):
        graph_iri = graph_id(context)
        target = ds.graph(graph_iri)
        target.add((s, p, o))
        if any(t in SPAN_TYPES for t in state.types.get(s, ())):
            for triple in state.loaded.graph(graph_iri).triples((s, None, None)):
                target.add(triple)
        else:
            neighbours.add(s)
    entities = ds.graph(ENTITIES_GRAPH)
    for n in neighbours:
        for label in labels.objects(n, SKOS.prefLabel):
            entities.add((n, SKOS.prefLabel, label))
    return ds


def entity(state: State, payload: dict) -> Reply:
    node = URIRef(payload["iri"])
    if not state.is_known(node):
        return not_found(payload.get("accept"), f"Nothing in the graph is called {node}.")
    choice = choose_page_format(payload)
    if choice is None:
        return not_acceptable(payload)
    path = path_of(node)
    if choice.format is not negotiate.HTML:
        return rdf_reply(entity_dataset(state, node), choice,
                         None if payload.get("suffix") else path + _suffix_of(choice))
    return entity_page(state, node, path)


def _suffix_of(choice: Choice) -> str:
    for suffix, fmt in negotiate.SUFFIXES.items():
        if fmt is choice.format:
            return suffix
    return ""


ENTITY_ROWS = 300        # rows of each table on an entity page (a hub entity of a large corpus has thousands)
ENTITY_ARTICLES = 40     # articles listed under "named in the articles"


def entity_page(state: State, node: URIRef, path: str) -> Reply:
    facts = facts_about(state.loaded, node)
    alt_labels = sorted({str(f.object) for f in facts
                         if f.subject == node and f.predicate == SKOS.altLabel and f.graph == ENTITIES_GRAPH})
    same_as = [link(state, f.object, str(f.object)) for f in facts
               if f.subject == node and f.predicate in (SKOS.exactMatch, OWL.sameAs)]
    outgoing = sorted((f for f in facts if f.subject == node),
                      key=lambda f: (FIRST_PROPERTIES.get(f.predicate, 9), state.label(f.predicate), str(f.object)))
    out_rows = [{"prop": prop_html(state, f.predicate), "value": value_html(state, f.object),
                 "source": sources_html(state, f)} for f in outgoing[:ENTITY_ROWS]]
    incoming: dict[URIRef, list] = defaultdict(list)
    for fact in facts:
        if fact.subject != node:
            incoming[fact.subject].append(fact)
    involved, total_involved = [], sum(len(v) for v in incoming.values())
    for subject, subject_facts in sorted(incoming.items(), key=lambda item: state.label(item[0])):
        if len(involved) >= ENTITY_ROWS:
            break
        details = []
        for p, o in sorted(set(state.loaded.dataset.predicate_objects(subject)), key=lambda po: (str(po[0]), str(po[1]))):
            if p == RDF.type or o == node or p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
                continue
            if any(p == f.predicate and o == f.object for f in subject_facts):
                continue
            if str(p).startswith(str(SCHEMA)):   # the schema.org view repeats wbkg facts
                continue
            details.append(Markup("{}: {}").format(prop_html(state, p), value_html(state, o)))
        for fact in subject_facts:
            involved.append({"subject": link(state, subject), "prop": prop_html(state, fact.predicate),
                             "details": Markup("<br>").join(details[:12]) + (
                                 Markup("<br>…") if len(details) > 12 else Markup("")),
                             "source": sources_html(state, fact)})
    mentions = defaultdict(list)
    for article, begin, end, exact in mentions_of(state.loaded, node):
        mentions[article].append((href(URIRef(f"{article}#char={begin},{end}")), exact))
    mention_rows = [{"article": article_link(state, a), "spans": items}
                    for a, items in sorted(mentions.items())[:ENTITY_ARTICLES]]
    more = {"facts": max(0, len(outgoing) - len(out_rows)), "involved": max(0, total_involved - len(involved)),
            "articles": max(0, len(mentions) - len(mention_rows))}
    classes = [link(state, c) for c in state.types.get(node, []) if str(c).startswith(str(WBKG))]
    own = bind_prefixes(Dataset())
    for s_, p_, o_, context in state.loaded.dataset.quads((node, None, None, None)):
        own.graph(graph_id(context)).add((s_, p_, o_))
    return html_reply("entity.html", title=state.label(node), label=state.label(node), iri=str(node), classes=classes,
                      alt_labels=alt_labels, same_as=same_as, formats=format_links(path),
                      picture=neighbourhood_picture(state, node), facts=out_rows, involved=involved,
                      mentions=mention_rows, more=more, sparql=_entity_query_link(node),
                      jsonld=jsonld_island(own), alternates=alternates(path))


def _entity_query_link(node: URIRef) -> str:
    query = (f"SELECT ?graph ?subject ?property ?value WHERE {{\n  GRAPH ?graph {{\n    {{ <{node}> ?property ?value "
             f"BIND(<{node}> AS ?subject) }}\n    UNION {{ ?subject ?property <{node}> BIND(<{node}> AS ?value) }}\n  }}\n}}"
             f"\nORDER BY STR(?graph) STR(?subject) STR(?property) STR(?value)")
    return "/sparql?" + urlencode({"query": query})


def neighbourhood_picture(state: State, node: URIRef, limit: int = 24) -> Markup:
    relations: dict[URIRef, list] = {}
    order = []
    skip = {RDF.type, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel}
    hidden = (SCHEMA_VIEW_GRAPH, ONTOLOGY_GRAPH)

    def relate(other, direction: str, prop) -> None:
        if other not in relations:
            relations[other] = []
            order.append(other)
        if (direction, state.label(prop)) not in relations[other]:
            relations[other].append((direction, state.label(prop)))
    for _s, p, o, context in state.loaded.dataset.quads((node, None, None, None)):
        if p not in skip and isinstance(o, URIRef) and graph_id(context) not in hidden:
            relate(o, "out", p)
    for s, p, _o, context in state.loaded.dataset.quads((None, None, node, None)):
        if p in skip or not isinstance(s, URIRef) or graph_id(context) in hidden:
            continue
        if any(t in SPAN_TYPES for t in state.types.get(s, [])):
            continue
        relate(s, "in", p)
    shown = order[:limit]
    neighbours = [svg.Neighbour(state.label(n), href(n), kind_of(state, n), relations[n]) for n in shown]
    return svg.neighbourhood(state.label(node), kind_of(state, node), neighbours, more=len(order) - len(shown))


# ------------------------------------------------------------------------------------------------------
# articles

def article(state: State, payload: dict) -> Reply:
    stem = payload["stem"]
    art = state.articles.get(stem)
    if art is None:
        return not_found(payload.get("accept"), f"There is no article {stem}.")
    if payload.get("suffix") == ".txt":
        return Reply(200, art.text.encode("utf-8"), "text/plain; charset=utf-8")
    choice = choose_page_format(payload)
    if choice is None:
        return not_acceptable(payload)
    path = f"/article/{stem}"
    ds = article_dataset(state, art)
    if choice.format is not negotiate.HTML:
        return rdf_reply(ds, choice, None if payload.get("suffix") else path + _suffix_of(choice))
    return article_page(state, art, ds, path)


def article_dataset(state: State, art) -> Dataset:
    ds = bind_prefixes(Dataset())
    corpus = ds.graph(CORPUS_GRAPH)
    for triple in state.loaded.graph(CORPUS_GRAPH).triples((art.iri, None, None)):
        corpus.add(triple)
    target = ds.graph(art.graph_iri)
    for triple in state.loaded.graph(art.graph_iri):
        target.add(triple)
    return ds


def article_page(state: State, art, ds: Dataset, path: str) -> Reply:
    g = state.loaded.graph(art.graph_iri)
    text = art.text
    corpus = state.loaded.graph(CORPUS_GRAPH)
    metadata, source_note = [], None
    for p, o in sorted(corpus.predicate_objects(art.iri), key=lambda po: (state.label(po[0]), str(po[1]))):
        if p == WBKG.metadataSource:
            source_note = str(o)
            continue
        if p == RDF.type:
            continue
        metadata.append((prop_html(state, p), value_html(state, o)))
    mentions, evidences = [], []
    for m in g.subjects(RDF.type, WBKG.Mention):
        b, e, target = g.value(m, WBKG.beginIndex), g.value(m, WBKG.endIndex), g.value(m, WBKG.denotes)
        if b is not None and e is not None and target is not None:
            mentions.append((int(b), int(e), target, m))
    evidence_rows = []
    for ev in g.subjects(RDF.type, WBKG.Evidence):
        b, e = g.value(ev, WBKG.beginIndex), g.value(ev, WBKG.endIndex)
        if b is None or e is None:
            continue
        evidences.append((int(b), int(e), ev))
        supports = []
        props = [state.label(p) for p in g.objects(ev, WBKG.supportsProperty)]
        for node in g.objects(ev, WBKG.supports):
            supports.append(link(state, node) + (Markup(" <span class=\"muted\">({})</span>").format(", ".join(sorted(props)))
                                                 if props else Markup("")))
        evidence_rows.append({"anchor": _fragment(ev), "quote": text[int(b):int(e)], "begin": int(b),
                              "supports": Markup("<br>").join(supports)})
    evidence_rows.sort(key=lambda r: r["begin"])
    exemptions = sorted(((str(g.value(x, WBKG.exact) or ""), str(g.value(x, WBKG.reason) or ""))
                         for x in g.subjects(RDF.type, WBKG.Exemption)), key=lambda t: text.find(t[0]))
    spans = set(g.subjects(RDF.type, WBKG.Evidence)) | set(g.subjects(RDF.type, WBKG.Mention)) \
        | set(g.subjects(RDF.type, WBKG.Exemption))
    facts = sorted(((s, p, o) for s, p, o in g if s not in spans),
                   key=lambda t: (state.label(t[0]), state.label(t[1]), str(t[2])))
    fact_rows = [(link(state, s), prop_html(state, p), value_html(state, o)) for s, p, o in facts]
    return html_reply("article.html", title=state.label(art.iri), label=state.label(art.iri), iri=str(art.iri),
                      formats=format_links(path), text_href=path + ".txt", metadata=metadata, source_note=source_note,
                      text=annotate(state, text, mentions, evidences), evidence=evidence_rows, exemptions=exemptions,
                      facts=fact_rows, jsonld=jsonld_island(_metadata_only(ds, art)), alternates=alternates(path))


def _metadata_only(ds: Dataset, art) -> Dataset:
    out = bind_prefixes(Dataset())
    for triple in ds.graph(CORPUS_GRAPH):
        out.graph(CORPUS_GRAPH).add(triple)
    return out


def _fragment(node) -> str:
    return str(node).split("#", 1)[1] if "#" in str(node) else str(node)


def annotate(state: State, text: str, mentions: list, evidences: list) -> Markup:
    """The article text with mentions as links and evidence quotes highlighted; offsets are code points.
    Each mention and evidence has an anchor named by its IRI's fragment (#char=b,e, #ev-...)."""
    bounds = {0, len(text)}
    for b, e, *_ in mentions + evidences:
        bounds.update((max(0, min(b, len(text))), max(0, min(e, len(text)))))
    cuts = sorted(bounds)
    starts = defaultdict(list)
    for b, _e, _t, m in mentions:
        starts[b].append(_fragment(m))
    for b, _e, ev in evidences:
        starts[b].append(_fragment(ev))
    out = []
    for a, b in zip(cuts, cuts[1:]):
        for anchor in starts.get(a, ()):
            out.append(Markup('<span id="{}"></span>').format(anchor))
        piece = Markup("{}").format(text[a:b])
        mention = next((m for m in mentions if m[0] <= a and b <= m[1]), None)
        if mention is not None:
            piece = Markup('<a class="mention" href="{}" title="{}">{}</a>').format(
                href(mention[2]) or "#", state.label(mention[2]), piece)
        covering = [ev for ev in evidences if ev[0] <= a and b <= ev[1]]
        if covering:
            piece = Markup('<mark title="{}">{}</mark>').format(
                "evidence: " + ", ".join(sorted(_fragment(ev[2]) for ev in covering)), piece)
        out.append(piece)
    return Markup("").join(out)


# ------------------------------------------------------------------------------------------------------
# ontology, graphs, browse, timeline, index

def ontology(state: State, payload: dict) -> Reply:
    if payload.get("version") is not None:   # the owl:versionIRI, https://w3id.org/wbkg/ontology/<version>
        wanted = URIRef(f"{ONTOLOGY_IRI}/{payload['version']}")
        if (ONTOLOGY_IRI, OWL.versionIRI, wanted) not in state.loaded.ontology:
            return not_found(payload.get("accept"), f"There is no version {payload['version']} of the ontology.")
    choice = choose_page_format(payload)
    if choice is None:
        return not_acceptable(payload)
    if choice.format is not negotiate.HTML:
        ds = bind_prefixes(Dataset())
        for triple in state.loaded.ontology:
            ds.graph(ONTOLOGY_GRAPH).add(triple)
        return rdf_reply(ds, choice)
    g = state.loaded.ontology
    meta = []
    for p, o in sorted(g.predicate_objects(ONTOLOGY_IRI), key=lambda po: str(po[0])):
        if p != RDF.type:
            meta.append((prop_html(state, p), value_html(state, o)))
    title = str(g.value(ONTOLOGY_IRI, DCTERMS.title) or "The wbkg ontology")

    def term_entry(t, rows):
        name = str(t)[len(str(WBKG)):]
        return {"anchor": name, "name": name, "label": state.label(t), "iri": str(t),
                "definition": str(g.value(t, SKOS.definition) or g.value(t, RDFS.comment) or ""), "rows": rows}

    def links(values):
        return Markup(", ").join(link(state, v) for v in sorted(values, key=str))
    classes, properties, individuals = [], [], []
    for c in state.ontology_classes():
        rows = []
        if list(g.objects(c, RDFS.subClassOf)):
            rows.append(("subclass of", links(g.objects(c, RDFS.subClassOf))))
        subs = [s for s in g.subjects(RDFS.subClassOf, c)]
        if subs:
            rows.append(("subclasses", links(subs)))
        domain_of = [p for p in g.subjects(RDFS.domain, c)]
        if domain_of:
            rows.append(("properties (domain)", links(domain_of)))
        count = len(state.class_members.get(c, ()))
        if count:
            local = str(c)[len(str(WBKG)):]
            rows.append(("in the graph", Markup('<a href="/browse/{}">{} instances</a>').format(local, count)))
        classes.append(term_entry(c, rows))
    for kind_name, kind in (("object property", OWL.ObjectProperty), ("datatype property", OWL.DatatypeProperty),
                            ("annotation property", OWL.AnnotationProperty)):
        for p in sorted(g.subjects(RDF.type, kind), key=str):
            if not str(p).startswith(str(WBKG)):
                continue
            rows = [("kind", kind_name)]
            for label, pred in (("domain", RDFS.domain), ("range", RDFS.range), ("subproperty of", RDFS.subPropertyOf),
                                ("inverse of", OWL.inverseOf)):
                values = list(g.objects(p, pred))
                if values:
                    rows.append((label, links(values)))
            if (p, RDF.type, OWL.FunctionalProperty) in g:
                rows.append(("characteristics", "functional"))
            properties.append(term_entry(p, rows))
    for t in sorted({s for s in g.subjects(SKOS.inScheme, None)} | set(g.subjects(RDF.type, SKOS.ConceptScheme)), key=str):
        if not str(t).startswith(str(WBKG)):
            continue
        rows = []
        for label, pred in (("in scheme", SKOS.inScheme), ("a", RDF.type)):
            values = [v for v in g.objects(t, pred) if v != OWL.NamedIndividual]
            if values:
                rows.append((label, links(values)))
        members = list(g.subjects(SKOS.inScheme, t))
        if members:
            rows.append(("members", links(members)))
        individuals.append(term_entry(t, rows))
    sections = [{"title": "Classes", "terms": classes}, {"title": "Properties", "terms": properties},
                {"title": "Concept schemes and their values", "terms": individuals}]
    return html_reply("ontology.html", title=title, iri=str(ONTOLOGY_IRI), formats=format_links("/ontology"),
                      metadata=meta, tree=class_tree(state, counts=False), sections=sections,
                      alternates=alternates("/ontology"))


def class_tree(state: State, counts: bool = True) -> Markup:
    """The wbkg class hierarchy as nested lists; with ``counts`` only classes that have instances."""
    classes = state.ontology_classes()
    children = defaultdict(list)
    roots = []
    for c in classes:
        parents = [p for p in state.class_parents.get(c, ()) if p in classes]
        if parents:
            for p in parents:
                children[p].append(c)
        else:
            roots.append(c)

    def render(c) -> Markup:
        n = len(state.class_members.get(c, ()))
        if counts and not n:
            return Markup("")
        local = str(c)[len(str(WBKG)):]
        if counts:
            item = Markup('<a href="/browse/{}">{}</a> <span class="muted">{}</span>').format(local, state.label(c), n)
        else:
            item = Markup('<a href="#{}">{}</a>').format(local, local)
        kids = Markup("").join(render(k) for k in sorted(children.get(c, ()), key=str))
        if kids:
            item += Markup('<ul class="tree">{}</ul>').format(kids)
        return Markup("<li>{}</li>").format(item)
    return Markup('<ul class="tree">{}</ul>').format(Markup("").join(render(r) for r in sorted(roots, key=str)))


def browse(state: State, payload: dict) -> Reply:
    cls_ = URIRef(str(WBKG) + payload["name"]) if payload["name"].isidentifier() else None
    if cls_ is None or cls_ not in set(state.ontology_classes()):
        return not_found(payload.get("accept"), f"There is no class {payload['name']} in the ontology.")
    members = sorted(state.class_members.get(cls_, ()), key=lambda n: state.label(n).casefold())
    rows = [(link(state, m), link(state, state.main_class(m)) if state.main_class(m) else "") for m in members]
    subs = sorted({state.main_class(m) for m in members} - {cls_, None}, key=str)
    g = state.loaded.ontology
    return html_reply("browse.html", title=f"{state.label(cls_).capitalize()} ({payload['name']})",
                      definition=str(g.value(cls_, SKOS.definition) or ""), members=rows,
                      sub=", ".join(state.label(s) for s in subs), doc=f"/ontology#{payload['name']}")


def graph_resource(state: State, payload: dict) -> Reply:
    iri = GRAPH[payload["name"]]
    g = state.held_graphs.get(str(iri))
    if g is None:
        return not_found(payload.get("accept"), f"This server holds no named graph {iri}.")
    choice = choose_page_format(payload)
    if choice is None:
        return not_acceptable(payload)
    path = f"/graph/{payload['name']}"
    if choice.format is not negotiate.HTML:
        ds = bind_prefixes(Dataset())
        for triple in g:
            ds.graph(iri).add(triple)
        return rdf_reply(ds, choice)
    name = payload["name"]
    if name in state.articles:
        description = Markup("Everything article {} reports, with the evidence for each fact.").format(
            link(state, ARTICLE[name]))
    else:
        description = {"entities": "One description per real-world entity (editorial).",
                       "corpus": "Metadata about the articles (editorial, and computed digests).",
                       "ontology": Markup('The ontology: <a href="/ontology">documented here</a>.'),
                       "schema-view": "schema.org types and properties entailed by the ontology's alignments."}.get(name, "")
    return html_reply("graph.html", title=f"graph:{name}", name=f"graph:{name}", iri=str(iri), description=description,
                      size=len(g), subjects=len(set(g.subjects())), formats=format_links(path),
                      alternates=alternates(path))


TIMELINE_EVENTS = 400   # events drawn at once; a larger graph is browsed by year


def _year(event) -> int | None:
    match = svg.DATE.match(event.sort_key[0])
    return int(match.group(1)) if match else None


def timeline(state: State, payload: dict) -> Reply:
    items, rows = [], []
    corpus = state.loaded.graph(CORPUS_GRAPH)
    events = state.events
    try:
        lo = int(payload["from"]) if payload.get("from") else None
        hi = int(payload["to"]) if payload.get("to") else None
    except ValueError:
        lo = hi = None
    if lo is not None or hi is not None:
        events = [e for e in events if _year(e) is not None and (lo is None or _year(e) >= lo)
                  and (hi is None or _year(e) <= hi)]
    note = None
    if len(events) > TIMELINE_EVENTS:
        note = (f"{len(events)} events: the latest {TIMELINE_EVENTS} are drawn; choose years below to see "
                f"the others.")
        events = events[-TIMELINE_EVENTS:]
    years: dict[int, int] = {}
    for event in state.events:
        year = _year(event)
        if year is not None:
            years[year] = years.get(year, 0) + 1
    for event in events:
        primary = next((d for d in event.dates if d[0] in (WBKG.date, WBKG.startDate)), event.dates[0])
        span = svg.interval(str(primary[1]), primary[2])
        if span is None:
            continue
        end = next((d for d in event.dates if d[0] == WBKG.endDate), None)
        if end is not None:
            end_span = svg.interval(str(end[1]), end[2])
            if end_span is not None and end_span[1] > span[1]:
                span = (span[0], end_span[1])
        articles = sorted({a for d in event.dates for a in d[3]}, key=str)
        short = [(_article_short(corpus, a), str(corpus.value(a, SCHEMA.name) or a), href(a)) for a in articles]
        when = str(primary[1]) + (f" – {end[1]}" if end is not None else "")
        items.append(svg.TimelineItem(event.label, href(event.node), kind_of(state, event.node), when, primary[2],
                                      span, short))
        dates = Markup("<br>").join(Markup("{}: {}").format(state.label(p), literal_html(v)) for p, v, _pr, _a in event.dates)
        rows.append({"when": when, "precision": primary[2], "link": link(state, event.node), "dates": dates,
                     "articles": Markup(", ").join(article_link(state, a) for a in articles)})
    return html_reply("timeline.html", title="Timeline", picture=svg.timeline(items), rows=rows, note=note,
                      years=sorted(years.items()), total=len(state.events), lo=lo, hi=hi)


def _article_short(corpus: Graph, article_iri) -> str:
    """A short name for an article: its number and publication date ("001, 2017-11")."""
    published = corpus.value(article_iri, SCHEMA.datePublished)
    number = str(article_iri).rsplit("/", 1)[-1].split("_", 1)[0]
    return f"article {number}" + (f" ({published})" if published is not None else "")


INDEX_ARTICLES = 50


def article_rows(state: State, limit: int | None) -> list[dict]:
    corpus = state.loaded.graph(CORPUS_GRAPH)
    rows = []
    for art in state.loaded.articles[:limit]:
        published = corpus.value(art.iri, SCHEMA.datePublished)
        rows.append({"link": link(state, art.iri),
                     "published": literal_html(published) if published is not None else "",
                     "facts": state.evidence_counts.get(art.graph_iri, 0)})
    return rows


def index(state: State, payload: dict) -> Reply:
    q = payload.get("q")
    results = []
    if q is not None:
        for node, label, matched in state.search(q):
            main = state.main_class(node)
            results.append({"node": node, "link": link(state, node, label), "matched": matched,
                            "cls": state.label(main) if main is not None else ""})
        if payload.get("json"):
            body = [{"iri": str(r["node"]), "label": state.label(r["node"]), "matched": r["matched"],
                     "class": r["cls"], "href": href(r["node"])} for r in results]
            return Reply(200, (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8"),
                         "application/json")
    articles = article_rows(state, limit=None if payload.get("all_articles") else INDEX_ARTICLES)
    counts = {"entities": len(set(state.loaded.entities.subjects(RDF.type, None))),
              "triples": state.void_stats["triples"], "graphs": len(state.held_graphs),
              "articles": len(state.loaded.articles)}
    return html_reply("index.html", title="Search" if q is not None else "Start", q=q, results=results,
                      articles=articles, counts=counts, tree=class_tree(state),
                      dumps=[(name, f"/dump/{file}") for name, file, _k, _m in DUMPS],
                      jsonld=json_script(json.loads(serialize_graph(void_graph(state, payload.get("base", ""), subsets=False),
                                                                     "json-ld"))))


# ------------------------------------------------------------------------------------------------------
# the SPARQL form, stored queries, VoID, dumps, context

def query_page(state: State, request, answer=None, error: str | None = None, status: int = 200) -> Reply:
    from .protocol import truncation_note

    columns, rows, unit, note = [], [], "rows", None
    if answer is not None:
        if answer.graph is not None:
            columns = ["subject", "predicate", "object"]
            rows = [(link(state, s), prop_html(state, p), value_html(state, o)) for s, p, o in sorted(answer.graph)]
            unit = "triples"
        elif answer.form == "SELECT":
            columns = answer.variables
            rows = [[value_html(state, t) if t is not None else "" for t in row] for row in answer.rows]
        if answer.truncated:
            note = truncation_note(answer, state.config.max_rows)
    formats = [("html", "a table (HTML)"), ("json", "SPARQL JSON / JSON-LD"), ("xml", "SPARQL XML / RDF/XML"),
               ("csv", "CSV"), ("tsv", "TSV"), ("turtle", "Turtle (CONSTRUCT)"), ("nt", "N-Triples (CONSTRUCT)"),
               ("trig", "TriG (CONSTRUCT)")]
    examples = [(q.title, "/sparql?" + urlencode({"query": q.text, **_example_bindings(q)}), q.name)
                for q in state.queries.values()]
    text = request.query if request is not None else _default_query()
    reply = html_reply("query.html", status=status, title="SPARQL", query=text, error=error, answer=answer,
                       columns=columns, rows=rows, unit=unit, note=note, formats=formats, fmt="html",
                       bindings=sorted((request.bindings if request is not None else {}).items()),
                       examples=examples, endpoint="/sparql", max_rows=state.config.max_rows,
                       timeout=f"{state.config.timeout:g}")
    if answer is not None:
        reply.headers["Wbkg-Truncated"] = "true" if answer.truncated else "false"
    return reply


def _default_query() -> str:
    return ("SELECT ?entity ?label ?class WHERE {\n  GRAPH graph:entities {\n    ?entity skos:prefLabel ?label ;"
            " a ?class .\n  }\n}\nORDER BY ?label\nLIMIT 50\n").replace("skos:", "<http://www.w3.org/2004/02/skos/core#>")


def _example_bindings(q) -> dict:
    out = {}
    for p in q.parameters:
        if p.required and p.example:
            value = p.example
            if p.kind == "iri":
                from ..queries import expand_iri
                try:
                    value = f"<{expand_iri(p.example)}>"
                except ValueError:
                    continue
            else:
                value = json.dumps(p.example)
            out[f"${p.name}"] = value
    return out


def query_form(state: State, payload: dict) -> Reply:
    return query_page(state, None)


def stored_queries(state: State, payload: dict) -> Reply:
    name = payload.get("name")
    if name is not None:
        q = state.queries.get(name)
        if q is None:
            return not_found(payload.get("accept"), f"There is no stored query {name}.")
        return Reply(200, q.text.encode("utf-8"), "application/sparql-query; charset=utf-8")
    entries = []
    for q in state.queries.values():
        form = state.query_forms.get(q.name, "")
        entries.append({"name": q.name, "title": q.title, "description": q.description, "params": q.parameters,
                        "columns": q.columns, "text": q.text, "form": form, "text_href": f"/queries/{q.name}.rq",
                        "run": "/sparql?" + urlencode({"query": q.text, **_example_bindings(q)})})
    return html_reply("queries.html", title="Stored queries", queries=entries)


def void_graph(state: State, base: str, subsets: bool = True) -> Graph:
    """VoID + DCAT + SPARQL service description of the dataset, with this server's URLs."""
    g = bind_prefixes(Graph())
    for prefix, ns in (("void", VOID), ("dcat", DCAT), ("dcterms", DCTERMS), ("sd", SD)):
        g.bind(prefix, ns)
    d = DATASET_IRI
    base = base.rstrip("/")
    endpoint = URIRef(f"{base}/sparql")
    g.add((d, RDF.type, VOID.Dataset))
    g.add((d, RDF.type, DCAT.Dataset))
    g.add((d, DCTERMS.title, Literal("wbkg: UK defence and security cooperation with the Western Balkans", lang="en")))
    g.add((d, DCTERMS.description, Literal("A knowledge graph built from news articles: actors, states, missions, "
                                           "agreements, events, statements and stances, each fact traced to a "
                                           "verbatim quote of its article.", lang="en")))
    license_ = state.loaded.ontology.value(ONTOLOGY_IRI, DCTERMS.license)
    if license_ is not None:
        g.add((d, DCTERMS.license, license_))
    stats = state.void_stats
    g.add((d, VOID.triples, Literal(stats["triples"])))
    g.add((d, VOID.entities, Literal(stats["entities"])))
    g.add((d, VOID.classes, Literal(stats["classes"])))
    g.add((d, VOID.properties, Literal(stats["properties"])))
    g.add((d, VOID.distinctSubjects, Literal(stats["subjects"])))
    g.add((d, VOID.uriSpace, Literal(str(ID))))
    g.add((d, VOID.vocabulary, URIRef(str(WBKG))))
    g.add((d, VOID.sparqlEndpoint, endpoint))
    g.add((d, VOID.rootResource, ONTOLOGY_IRI))
    for example in (ID["kfor"], ID["albin-kurti"], ID["kosovo"]):
        if state.is_known(example):
            g.add((d, VOID.exampleResource, example))
    for art in state.loaded.articles:
        g.add((d, DCTERMS.source, art.iri))
    for name, file, _key, media in DUMPS:
        url = URIRef(f"{base}/dump/{file}")
        g.add((d, VOID.dataDump, url))
        dist = URIRef(f"{DATASET_IRI}-{file.replace('.', '-')}")
        g.add((d, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(name, lang="en")))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media}")))
    service = URIRef(f"{DATASET_IRI}-sparql")
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, RDF.type, SD.Service))
    g.add((service, DCAT.endpointURL, endpoint))
    g.add((service, SD.endpoint, endpoint))
    g.add((service, DCAT.servesDataset, d))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for fmt in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV", "Turtle",
                "JSON-LD", "N-Triples", "RDF_XML", "TriG"):
        g.add((service, SD.resultFormat, URIRef(f"http://www.w3.org/ns/formats/{fmt}")))
    g.add((d, DCAT.accessService, service))
    for iri, graph in sorted(state.held_graphs.items()) if subsets else ():
        sub = URIRef(f"{DATASET_IRI}-graph-{iri.rsplit('/', 1)[-1]}")
        g.add((d, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add((sub, SD.name, URIRef(iri)))
        g.add((sub, VOID.triples, Literal(len(graph))))
        g.add((sub, VOID.dataDump, URIRef(f"{base}{path_of(URIRef(iri))}.trig")))
    return g


def void(state: State, payload: dict) -> Reply:
    choice = choose_page_format(payload)
    if choice is None:
        return not_acceptable(payload)
    g = void_graph(state, payload.get("base", ""))
    if choice.format is not negotiate.HTML:
        ds = bind_prefixes(Dataset())
        for triple in g:
            ds.default_graph.add(triple)
        return rdf_reply(ds, choice)
    graphs = [(link(state, URIRef(iri), iri.rsplit("/", 1)[-1]), len(x)) for iri, x in sorted(state.held_graphs.items())]
    return html_reply("void.html", title="Dataset", formats=format_links("/.well-known/void"),
                      dumps=[(name, f"/dump/{file}", media) for name, file, _k, media in DUMPS], graphs=graphs,
                      turtle=serialize_graph(g, "turtle"), alternates=alternates("/.well-known/void"))


def dump(state: State, payload: dict) -> Reply:
    for _name, file, key, media in DUMPS:
        if file == payload["file"]:
            body = serialize_dataset(state.loaded.dataset, key).encode("utf-8")
            text = not media.endswith("json")
            return Reply(200, body, media + ("; charset=utf-8" if text else ""),
                         {"Content-Disposition": f'attachment; filename="{file}"'})
    return Reply(404, b"no such dump\n")


def context(state: State, payload: dict) -> Reply:
    body = json.dumps({"@context": jsonld_context()}, indent=1, ensure_ascii=False) + "\n"
    return Reply(200, body.encode("utf-8"), "application/ld+json")


def error_page(payload: dict) -> Reply:
    return not_found(payload.get("accept"), payload.get("message", "Not found."))
