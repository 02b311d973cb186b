"""The @context of the JSON-LD exports: the project prefixes, common W3C prefixes and schema.org terms."""
from __future__ import annotations

from rdflib.namespace import RDF

from ..vocab.namespaces import PREFIXES

#: schema.org terms a JSON-LD consumer reads without knowing wbkg
SCHEMA_TERMS = ("name", "alternateName", "startDate", "endDate", "location", "datePublished", "headline",
                "text", "about", "attendee", "organizer", "superEvent", "publisher", "value", "minValue",
                "maxValue", "validThrough")
#: the schema.org terms whose values are nodes (a string value is an IRI)
SCHEMA_NODE_TERMS = ("location", "about", "attendee", "organizer", "superEvent", "publisher")


def jsonld_context() -> dict:
    """The @context of the JSON-LD export: the project prefixes, common W3C prefixes, and schema.org terms."""
    context: dict = {"@version": 1.1}
    prefixes = {
        "rdf": str(RDF), "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#",
        "owl": "http://www.w3.org/2002/07/owl#", "skos": "http://www.w3.org/2004/02/skos/core#",
        "dcterms": "http://purl.org/dc/terms/", "prov": "http://www.w3.org/ns/prov#", "org": "http://www.w3.org/ns/org#",
        "time": "http://www.w3.org/2006/time#", "foaf": "http://xmlns.com/foaf/0.1/",
    }
    prefixes.update({k: str(v) for k, v in PREFIXES.items()})
    context.update(dict(sorted(prefixes.items())))
    for term in SCHEMA_TERMS:
        context[term] = {"@id": f"schema:{term}"}
    for term in SCHEMA_NODE_TERMS:
        context[term]["@type"] = "@id"
    return context


def context_prefixes() -> dict[str, str]:
    """The prefixes of the context (name -> namespace IRI), which Turtle and TriG use too."""
    return {k: v for k, v in jsonld_context().items() if isinstance(v, str) and not k.startswith("@")}
