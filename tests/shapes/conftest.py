"""Speed for the shape tests: reuse parsed SPARQL queries.

pySHACL hands rdflib the text of every SPARQL target and constraint on every validation (and for constraints,
once per focus node); rdflib parses it again each time (20-60 ms a query). Over some 200 fixtures that is
most of the run time. Here, for the tests of this folder only (the patch is undone after each module), a query
string is parsed and translated once and the prepared query reused. rdflib's prepared queries are made for
reuse with different bindings, so results are unchanged; the real-graph test still calls the pipeline's own
validate(), only with parsing cached.
"""
from __future__ import annotations

import pytest
from rdflib.plugins.sparql import processor


@pytest.fixture(scope="module", autouse=True)
def prepared_query_cache():
    cache: dict = {}
    original = processor.SPARQLProcessor.query

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((initNs or {}).items())))
            prepared = cache.get(key)
            if prepared is None:
                prepared = cache[key] = processor.prepareQuery(strOrQuery, initNs=initNs or {}, base=base)
            strOrQuery = prepared
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

    mp = pytest.MonkeyPatch()
    mp.setattr(processor.SPARQLProcessor, "query", query)
    yield cache
    mp.undo()
