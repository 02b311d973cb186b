"""OWL 2 DL for ontology plus published data: every term the data uses is declared, every datatype is in the
OWL 2 datatype map except the three date precisions (docs/MODEL.md says why), and the domains and ranges are
exactly as docs/MODEL.md states, so that the README's claim cannot drift from the ontology."""
from __future__ import annotations

import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from wbkg.vocab.namespaces import WBKG

NS = str(WBKG._NS)
BUILT_IN = (str(RDF), str(RDFS), str(OWL))
# OWL 2 Structural Specification, section 4, plus rdf:langString (RDF 1.1's name for tagged strings)
DATATYPE_MAP = {RDF.PlainLiteral, RDF.XMLLiteral, RDF.langString, RDFS.Literal, OWL.real, OWL.rational} | {
    XSD[name] for name in (
        "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger long int short "
        "byte unsignedLong unsignedInt unsignedShort unsignedByte double float string normalizedString token "
        "language Name NCName NMTOKEN boolean hexBinary base64Binary anyURI dateTime dateTimeStamp").split()}
DATE_PRECISIONS = {XSD.date, XSD.gYearMonth, XSD.gYear}


@pytest.fixture(scope="module")
def ontology(project) -> Graph:
    return Graph().parse(project.ontology_file)


@pytest.fixture(scope="module")
def data(built):
    return list(built.dataset.quads((None, None, None, None)))


def declared(ontology: Graph) -> set[URIRef]:
    return {s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef)}


def test_every_predicate_the_data_uses_is_declared(ontology, data):
    known = declared(ontology)
    undeclared = {str(p) for _, p, _, _ in data if p not in known and not str(p).startswith(BUILT_IN)}
    assert undeclared == set()


def test_every_class_the_data_uses_is_declared(ontology, data):
    known = declared(ontology)
    undeclared = {str(o) for _, p, o, _ in data
                  if p == RDF.type and o not in known and not str(o).startswith(BUILT_IN)}
    assert undeclared == set()


def test_predicates_are_declared_as_one_kind_of_property(ontology, data):
    """OWL 2 DL forbids punning a property as object and datatype (or annotation) property."""
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    mixed = {str(p) for _, p, _, _ in data
             if sum((p, RDF.type, kind) in ontology for kind in kinds) > 1}
    assert mixed == set()


def test_datatypes_are_in_the_owl2_map_except_the_date_precisions(data):
    used = {o.datatype for _, _, o, _ in data if isinstance(o, Literal) and o.datatype is not None}
    assert used - DATATYPE_MAP <= DATE_PRECISIONS, "a datatype outside OWL 2's map that docs/MODEL.md does not name"
    assert used & DATE_PRECISIONS, "the seed corpus has dates: the test would prove nothing"


def documented_exceptions(model: str, heading: str) -> set[str]:
    """The wbkg terms of the bullet in docs/MODEL.md's OWL 2 DL section that starts with ``heading``."""
    section = model.split("## OWL 2 DL", 1)[1].split("\n## ", 1)[0]
    bullet = re.search(rf"^- {heading}.*?(?=^- |\Z)", section, re.S | re.M)
    assert bullet, f"docs/MODEL.md has no bullet '{heading}'"
    return {NS + name for name in re.findall(r"`wbkg:(\w+)`", bullet.group(0))}


@pytest.mark.parametrize("relation, heading", [(RDFS.domain, "Without a domain"), (RDFS.range, "Without a range")])
def test_domains_and_ranges_are_as_documented(ontology, checkout, relation, heading):
    lacking = {str(p) for kind in (OWL.ObjectProperty, OWL.DatatypeProperty)
               for p in ontology.subjects(RDF.type, kind)
               if str(p).startswith(NS) and ontology.value(p, relation) is None}
    documented = documented_exceptions((checkout.root / "docs" / "MODEL.md").read_text(encoding="utf-8"), heading)
    assert sorted(lacking - documented) == [], "add the axiom, or list the property in docs/MODEL.md"
    assert sorted(documented - lacking) == [], "docs/MODEL.md lists a property that has the axiom"


def test_readme_points_to_the_exceptions(checkout):
    readme = (checkout.root / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `ontology/wbkg.ttl`"))
    assert "docs/MODEL.md" in row and "wherever one class or datatype covers its uses" in row
