"""The linked-data pages, one module per kind of resource; each page is ``page(site, payload) -> Reply``,
run in a worker (see worker.py) and served as HTML or, by content negotiation or suffix, as RDF."""
from __future__ import annotations

from ..replies import not_found
from . import article, classes, entity, graphs, home, ontology, query, service, timeline, void


def error(site, payload: dict):
    return not_found(payload.get("accept"), payload.get("message", "Not found."))


PAGES = {"index": home.index, "entity": entity.entity, "article": article.article, "ontology": ontology.ontology,
         "graph": graphs.graph_resource, "browse": classes.browse, "timeline": timeline.timeline,
         "void": void.void, "queries": query.stored_queries, "context": void.context,
         "query_form": query.query_form, "service": service.service, "error": error}
