"""Every stored query on real stores (an Oxigraph server, Virtuoso 7) after `wbkg publish`: the seed graph gives
the golden results (tests/query/golden) and a 100-article synthetic corpus the embedded store's answers, except
where docs/STORES.md explains a store's dialect, which is tested as such."""
from __future__ import annotations

import re

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from wbkg.query.results import render
from wbkg.query.stored import stored_queries
from wbkg.store import backend

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "query" / "golden"
QUERIES = stored_queries(ROOT / "queries")
#: (store, query) -> why the store's answer differs from the golden one (docs/STORES.md, "Dialects")
_LEAK = ("Virtuoso 7.2 drops the named-graph-uri restriction of GRAPH ?g when the GRAPH block holds a nested "
         "OPTIONAL with a FILTER: rows from the merge graph appear")
DIALECT: dict[tuple[str, str], str] = {
    ("virtuoso", "entity-facts"): _LEAK,
    ("virtuoso", "multi-source-facts"): _LEAK + " (each fact counts one graph more)",
    ("virtuoso", "events-at-place"): "parameter bound by VALUES, then OPTIONAL chains: Virtuoso returns 1 row of 14",
    ("virtuoso", "organisations-by-state"): "parameter bound by VALUES, then OPTIONAL chains: Virtuoso returns no rows",
    ("virtuoso", "timeline"): "events dated by an xsd:gYear alone (1999, 2026) are missing: 3 rows of 50",
    ("virtuoso", "wikidata-links"): "same rows, another order: Virtuoso's ORDER BY on the type's local name",
}


#: differences the synthetic corpus shows and the seed graph does not (pinned the same way)
#: (missions-led-by left it when it asked for the entailed type instead of rdfs:subClassOf*, which Virtuoso
#: answered without its zero-length match)
SYNTHETIC_DIALECT: dict[tuple[str, str], str] = {}


def params_of(query) -> dict:
    return {p.name: p.example for p in query.parameters if p.example}


def remote_store(server):
    return backend("remote")(server.endpoint, merge_graph=server.options.get("merge_graph"))


GROUP_CONCAT = re.compile(r'GROUP_CONCAT\((?:DISTINCT\s+)?\?\w+;\s*separator="([^"]*)"\)\s+AS\s+\?(\w+)')


def same(a, b, text: str = "") -> bool:
    """Equal answers; a GROUP_CONCAT's order is not defined by SPARQL (each engine has its own), so its parts
    are compared as a set."""
    if a.form in ("CONSTRUCT", "DESCRIBE"):
        return isomorphic(a.graph, b.graph)
    if a.variables != b.variables:
        return False
    concat = {a.variables.index(name): sep for sep, name in GROUP_CONCAT.findall(text) if name in a.variables}

    def rows(result):
        return sorted(tuple(tuple(sorted(str(v).split(concat[i]))) if i in concat and v is not None else str(v)
                            for i, v in enumerate(row)) for row in result.rows)
    return rows(a) == rows(b) if concat else render(a, "csv") == render(b, "csv")


def test_the_seed_publish_was_verified(seed_remote):
    server, report = seed_remote
    assert report.verified == len(report.sent) and report.triples > 10_000
    assert report.bulk == ("oxigraph" if server.name == "oxigraph-server" else None)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_golden_result_on_each_store(name, seed_remote):
    server, _ = seed_remote
    query = QUERIES[name]
    result = remote_store(server).query(query.text, query.prepared, query.bindings(params_of(query)))
    if query.form in ("CONSTRUCT", "DESCRIBE"):
        matches = isomorphic(Graph().parse(data=render(result, "turtle"), format="turtle"),
                             Graph().parse(GOLDEN / f"{name}.ttl"))
    else:
        matches = render(result, "csv") == (GOLDEN / f"{name}.csv").read_bytes().decode("utf-8")
    if (server.name, name) in DIALECT:
        assert not matches, f"{name} now agrees on {server.name}: drop it from DIALECT and docs/STORES.md"
    else:
        assert matches, f"{name} on {server.name}:\n{render(result, 'csv' if result.form != 'CONSTRUCT' else 'nt')}"


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_synthetic_corpus_same_answers_as_the_embedded_store(name, synthetic_remote, synthetic_100):
    from wbkg.pipeline.access import open_built_store
    server, report = synthetic_remote
    assert report.verified > 100
    query = QUERIES[name]
    bindings = query.bindings(params_of(query))
    embedded = open_built_store(synthetic_100).query(query.text, query.prepared, bindings)
    remote = remote_store(server).query(query.text, query.prepared, bindings)
    if (server.name, name) in DIALECT:
        return  # the seed test shows the difference; the synthetic corpus may not exercise it
    if (server.name, name) in SYNTHETIC_DIALECT:
        assert not same(embedded, remote, query.text), \
            f"{name} now agrees on {server.name}: drop it from SYNTHETIC_DIALECT and docs/STORES.md"
        return
    assert same(embedded, remote, query.text), f"{name}: {server.name} differs from the embedded store"


def test_a_parameter_is_one_rdf_term_never_query_text(seed_remote):
    """A value that would close the VALUES block and add a pattern is serialised as one literal."""
    from rdflib import Literal
    server, _ = seed_remote
    store = remote_store(server)
    hostile = Literal('x" ) } ?s ?p ?o . { VALUES (?label) { ("y')
    result = store.query("SELECT ?label WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }",
                         bindings={"label": hostile})
    assert result.rows == []
