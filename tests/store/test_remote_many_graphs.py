"""At 10,000 articles a build has 10,005 named graphs. With ``--merge-graph`` every query names wbkg's graphs
as ``named-graph-uri``, and Virtuoso refuses a query naming that many (SP030, "Too many arguments": it turns
the list into one IN), so every query fails there; pinned, so this fails when Virtuoso takes it. The publish's
count check names the graph it counts instead of going through the dataset, so it runs at any size."""
from __future__ import annotations

import httpx
import pytest

from wbkg.publish.gsp import GraphStore
from wbkg.store.remote import RemoteError, RemoteStore

from remotekit import client

pytestmark = pytest.mark.slow
GRAPH = "https://w3id.org/wbkg/graph/"


def test_virtuoso_refuses_a_dataset_of_10005_graphs_and_the_count_check_does_without(virtuoso):
    graph, merge = GRAPH + "test-many-graphs", virtuoso.options["merge_graph"] + "-many-graphs"
    store = GraphStore(virtuoso.graph_store, client(auth=httpx.DigestAuth(virtuoso.user, virtuoso.password)))
    store.put(graph, b"<http://x/a> <http://x/p> <http://x/b> .\n<http://x/a> <http://x/p> <http://x/c> .\n")
    store.put(merge, b"<http://x/a> <http://x/p> <http://x/b> .\n")
    remote = RemoteStore(virtuoso.endpoint, merge_graph=merge, client=client())
    remote._named = [graph] + [f"{GRAPH}s{i:06d}_0123456789abcdef" for i in range(10004)]
    try:
        with pytest.raises(RemoteError, match="SP030"):
            remote.solutions("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert remote.counts()[graph] == 2 and remote.count(graph) == 2 and remote.count() == 1
    finally:
        store.delete(graph)
        store.delete(merge)
