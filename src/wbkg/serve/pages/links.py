"""HTML for the terms a page shows: links to nodes (labelled and coloured by kind), literals with their
language or datatype, properties, and the article quotes that ground a fact. Everything is escaped."""
from __future__ import annotations

from urllib.parse import quote

from markupsafe import Markup
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ...vocab.namespaces import BASE, CORPUS_GRAPH, DRAFT_GRAPH, ENTITIES_GRAPH, ONTOLOGY_GRAPH, WBKG, bind_prefixes

from ..terms import Terms

NAMESPACES = bind_prefixes(Graph()).namespace_manager
COMPUTED = (WBKG.inArticle, WBKG.beginIndex, WBKG.endIndex, WBKG.prefix, WBKG.suffix)


def path_of(iri) -> str | None:
    """The path on this server of an IRI under the project base (None for other IRIs)."""
    value = str(iri)
    if not value.startswith(BASE):
        return None
    rest = value[len(BASE):]
    path, sep, fragment = rest.partition("#")
    return "/" + quote(path, safe="/:@!$&'()*+,;=-._~") + (f"#{quote(fragment, safe='=,-._~')}" if sep else "")


def href(node) -> str | None:
    path = path_of(node)
    if path is not None:
        return path
    value = str(node)
    return value if value.startswith(("http://", "https://")) else None


def keep(terms: Terms, target: str | None) -> str | None:
    """A link to a page of this server keeps ``include-drafts=true`` on a page that shows the drafts, so that
    a reader who asked for them sees them on the next page too."""
    if target is None or not target.startswith("/") or not terms.reader.drafts:
        return target
    path, sep, fragment = target.partition("#")
    return f"{path}{'&' if '?' in path else '?'}include-drafts=true{sep}{fragment}"


def is_draft(graph) -> bool:
    """Whether a fact's graph is a draft's (wbkg ingest): shown only on request, and marked."""
    return str(graph).startswith(str(DRAFT_GRAPH))


#: the mark of a draft fact: words, not colour alone (a screen reader says it, a printout shows it)
DRAFT_BADGE = Markup('<span class="draft-badge">draft — not reviewed</span>')


def drafts_switch(terms: Terms, path: str) -> dict:
    """The link that shows the same page with the drafts, or without them (for base.html)."""
    if terms.reader.drafts:
        return {"on": True, "href": path, "text": "Show reviewed facts only"}
    return {"on": False, "href": f"{path}?include-drafts=true", "text": "Also show draft facts (not reviewed)"}


def precision_of(literal) -> str:
    if not isinstance(literal, Literal):
        return ""
    return {XSD.date: "day", XSD.dateTime: "day", XSD.gYearMonth: "month", XSD.gYear: "year"}.get(
        literal.datatype, "")


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


def link(terms: Terms, node, label: str | None = None) -> Markup:
    if isinstance(node, Literal):
        return literal_html(node)
    if isinstance(node, BNode):
        return Markup('<span class="muted">[blank node]</span>')
    target = keep(terms, href(node))
    text = label if label is not None else terms.label(node)
    if target is None:
        return Markup("<span>{}</span>").format(text)
    if target.startswith("/"):
        return Markup('<a href="{}" class="{}">{}</a>').format(target, terms.kind(node), text)
    return Markup('<a href="{}" rel="nofollow noopener" class="external">{}</a>').format(target, text)


def value_html(terms: Terms, value) -> Markup:
    return literal_html(value) if isinstance(value, Literal) else link(terms, value)


def prop_html(terms: Terms, prop) -> Markup:
    if str(prop).startswith(str(WBKG)):
        name = str(prop)[len(str(WBKG)):]
        return Markup('<a href="/ontology#{}" title="{}">{}</a>').format(name, str(prop), terms.label(prop))
    return Markup('<span title="{}">{}</span>').format(str(prop), prop.n3(NAMESPACES))


def article_link(terms: Terms, article_iri) -> Markup:
    return link(terms, URIRef(str(article_iri).split("#", 1)[0]))


def quote_html(terms: Terms, article, quote_text: str, evidence=None) -> Markup:
    """The quote links to its words in the article (the evidence's anchor) when the evidence is known."""
    target = keep(terms, href(evidence) if evidence is not None else href(article))
    return (Markup('<blockquote class="quote"><a href="{}">“{}”</a></blockquote>').format(target, quote_text)
            + Markup('<div class="source">— {}</div>').format(article_link(terms, article)))


def sources_html(terms: Terms, fact) -> Markup:
    if fact.graph == ENTITIES_GRAPH:
        return Markup('<span class="editorial">editorial: entity description</span>')
    if fact.graph == CORPUS_GRAPH:
        return Markup('<span class="editorial">editorial: article metadata</span>')
    if fact.graph == ONTOLOGY_GRAPH:
        return Markup('<span class="editorial">ontology</span>')
    badge = DRAFT_BADGE if is_draft(fact.graph) else Markup("")
    if not fact.sources:
        if fact.predicate in COMPUTED:
            return badge + Markup('<span class="editorial">computed from the text</span>')
        return badge + Markup('<span class="editorial">in {}</span>').format(link(terms, fact.graph))
    return badge + Markup("").join(quote_html(terms, article, text, evidence)
                                   for (article, text), evidence in zip(fact.sources, fact.evidence))
