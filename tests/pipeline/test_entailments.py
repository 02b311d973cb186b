"""graph:entailments: the published exports' default graph and the build's endpoint answer the questions that
needed the ontology's closure (issue 14, item 1) and sort dates of mixed precision (item 4); the entailments,
computed per graph plus a shared cross-graph part, equal the closure of the whole reviewed merge."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from wbkg.corpus import is_draft
from wbkg.pipeline.manifest import DERIVED, articles_dir, load_pieces, pieces_dir, read_manifest
from wbkg.pipeline.pieces import merged_triples
from wbkg.rdfio import parse_turtle
from wbkg.vocab.entailments import Entailments, day_bounds
from wbkg.vocab.namespaces import WBKG

PREFIXES = """PREFIX wbkg: <https://w3id.org/wbkg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX id: <https://w3id.org/wbkg/id/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
#: name -> (a count that must be 0: a triple the entailments miss or get wrong, a count that must be > 0)
CHECKS = {
    "FRY, typed only wbkg:HistoricalState, is a wbkg:State": (
        "{ VALUES ?x { id:federal-republic-of-yugoslavia } FILTER NOT EXISTS { ?x a wbkg:State } }",
        "{ id:federal-republic-of-yugoslavia a wbkg:State }"),
    "every wbkg:agent is a wbkg:participant": (
        "{ ?e wbkg:agent ?a FILTER NOT EXISTS { ?e wbkg:participant ?a } }", "{ ?e wbkg:agent ?a }"),
    "every tenure's holder holds its post": (
        "{ ?t wbkg:holder ?p ; wbkg:post ?x FILTER NOT EXISTS { ?p wbkg:holds ?x ; org:holds ?x } }",
        "{ ?p wbkg:holds ?x }"),
    "every membership's member is a member of its organisation": (
        "{ ?m wbkg:member ?a ; wbkg:organisation ?o FILTER NOT EXISTS { ?a wbkg:memberOf ?o ; org:memberOf ?o } }",
        "{ ?a wbkg:memberOf ?o }"),
    "every contribution's contributor contributes to its mission": (
        "{ ?c wbkg:contributor ?a ; wbkg:mission ?m FILTER NOT EXISTS { ?a wbkg:contributesTo ?m } }",
        "{ ?a wbkg:contributesTo ?m }"),
    "wbkg:partOf is closed, and wbkg:hasPart its inverse": (
        "{ { ?a wbkg:partOf ?b . ?b wbkg:partOf ?c FILTER NOT EXISTS { ?a wbkg:partOf ?c } } UNION "
        "{ ?a wbkg:partOf ?b FILTER NOT EXISTS { ?b wbkg:hasPart ?a } } UNION "
        "{ ?b wbkg:hasPart ?a FILTER NOT EXISTS { ?a wbkg:partOf ?b } } }",
        # across graphs: Belgrade in Serbia (entities), Serbia in the Western Balkans (article 004)
        "{ id:belgrade-war-cemetery wbkg:partOf id:serbia . id:belgrade wbkg:partOf id:western-balkans }"),
    "every dated node has sortable bounds": (
        "{ { VALUES ?p { wbkg:date wbkg:startDate wbkg:earliestDate } ?n ?p ?d "
        "FILTER NOT EXISTS { ?n wbkg:notBefore ?b FILTER(DATATYPE(?b) = xsd:date) } } UNION "
        "{ VALUES ?p { wbkg:date wbkg:endDate wbkg:latestDate } ?n ?p ?d "
        "FILTER NOT EXISTS { ?n wbkg:notAfter ?b FILTER(DATATYPE(?b) = xsd:date) } } UNION "
        "{ ?n wbkg:notBefore ?a ; wbkg:notAfter ?b FILTER(?a > ?b) } UNION "
        "{ ?n wbkg:date ?d ; wbkg:notBefore ?a ; wbkg:notAfter ?b "
        "FILTER(DATATYPE(?d) = xsd:date && (xsd:date(?d) < ?a || xsd:date(?d) > ?b)) } }",
        "{ id:bosnian-war wbkg:notBefore \"1990-01-01\"^^xsd:date ; wbkg:notAfter \"1999-12-31\"^^xsd:date }"),
}
EXPORTS = {"wbkg.nt": ox.RdfFormat.N_TRIPLES, "wbkg.ttl": ox.RdfFormat.TURTLE, "wbkg.jsonld": ox.RdfFormat.JSON_LD}


def count(run, where: str) -> int:
    result = run(PREFIXES + f"SELECT (COUNT(*) AS ?n) WHERE {where}")
    first = (result.rows if hasattr(result, "rows") else list(result))[0][0]  # wbkg's Result or pyoxigraph's
    return int(first.value if isinstance(first, ox.Literal) else first)


@pytest.mark.parametrize("export", sorted(EXPORTS))
def test_the_exports_default_graph_holds_the_entailments(built, export):
    store = ox.Store()
    store.bulk_load(path=str(built.project.build_dir / export), format=EXPORTS[export], to_graph=ox.DefaultGraph())
    for name, (missing, present) in CHECKS.items():
        assert count(store.query, missing) == 0, name
        assert count(store.query, present) > 0, name


def test_the_endpoint_default_graph_agrees(built):
    store = built.store()
    for name, (missing, present) in CHECKS.items():
        assert count(store.query, missing) == 0, name
        assert count(store.query, present) > 0, name


def test_named_graph_exports_carry_it_apart(built):
    nq = (built.project.build_dir / "wbkg.nq").read_text(encoding="utf-8")
    chain = "<https://w3id.org/wbkg/id/belgrade> <https://w3id.org/wbkg/ontology#partOf> " \
            "<https://w3id.org/wbkg/id/western-balkans> "
    assert [line[len(chain):] for line in nq.splitlines() if line.startswith(chain)] == \
        ["<https://w3id.org/wbkg/graph/entailments> ."], "entailed, and asserted by no graph"


@pytest.mark.parametrize("literal, decade, bounds", [
    (Literal("2024", datatype=XSD.gYear), False, ("2024-01-01", "2024-12-31")),
    (Literal("2024-02", datatype=XSD.gYearMonth), False, ("2024-02-01", "2024-02-29")),
    (Literal("1900-02", datatype=XSD.gYearMonth), False, ("1900-02-01", "1900-02-28")),
    (Literal("2017-11", datatype=XSD.gYearMonth), False, ("2017-11-01", "2017-11-30")),
    (Literal("2021-07-26", datatype=XSD.date), False, ("2021-07-26", "2021-07-26")),
    (Literal("1990", datatype=XSD.gYear), True, ("1990-01-01", "1999-12-31")),
    (Literal("soon"), False, None),
])
def test_day_bounds(literal, decade, bounds):
    assert day_bounds(literal, decade) == bounds


def _term(t):
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if t.language:
        return Literal(t.value, lang=t.language)
    return Literal(t.value) if t.datatype.value == str(XSD.string) else Literal(t.value, datatype=URIRef(t.datatype.value))


def _triples(lines, fmt) -> set:
    """Lines parsed with their blank-node labels kept (the caches of one build label them consistently)."""
    return {(_term(t.subject), _term(t.predicate), _term(t.object))
            for t in ox.parse("".join(lines).encode("utf-8"), format=fmt, rename_blank_nodes=False)}


def assert_parts_equal_global_closure(project) -> None:
    pieces = load_pieces(pieces_dir(project))
    reviewed = [s for s in read_manifest(project)["articles"] if not is_draft(s)]
    merge = _triples(merged_triples({k: v for k, v in pieces.items() if k not in DERIVED}, reviewed,
                                    articles_dir(project)), ox.RdfFormat.N_TRIPLES)
    published = {(s, p, o) for s, p, o, _ in (
        (_term(q.subject), _term(q.predicate), _term(q.object), q.graph_name)
        for q in ox.parse("".join(pieces["entailments"]).encode("utf-8"), format=ox.RdfFormat.N_QUADS,
                          rename_blank_nodes=False))}
    entailments = Entailments(parse_turtle(project.ontology_file))
    bounds = {WBKG.notBefore, WBKG.notAfter}
    expected = entailments.closure(merge) | entailments.hierarchy
    assert {t for t in published if t[1] not in bounds} - merge == expected - merge
    # bounds: one pair per node, the hull of every graph's dates, as if computed over the merge at once
    hull = {(URIRef(s[1:-1]) if s.startswith("<") else BNode(s[2:]), URIRef(p[1:-1]), o)
            for s, p, o in entailments.shared_triples([entailments.records(merge)]) if p[1:-1] in map(str, bounds)}
    got = {(s, p, o.n3()) for s, p, o in published if p in bounds}
    assert got == hull and got


def test_per_graph_and_shared_parts_equal_the_closure_of_the_seed_merge(built):
    assert_parts_equal_global_closure(built.project)


def test_per_graph_and_shared_parts_equal_the_closure_of_a_synthetic_merge(synthetic_built):
    assert_parts_equal_global_closure(synthetic_built)
