"""The remote backend: any SPARQL 1.1 store, asked over the SPARQL 1.1 Protocol (POST, form-encoded).

Only the endpoint URL the user named is contacted. Answers come back as SPARQL JSON results (SELECT, ASK)
or N-Triples (CONSTRUCT, DESCRIBE) and are read with pyoxigraph's parsers, so a remote answer is the same
``Result`` as an embedded one. Parameters are bound as serialised terms in a VALUES block (``values.py``).

The dataset a query sees: on a store whose default graph is its own graph (Oxigraph server, Fuseki, Stardog)
``wbkg publish`` puts the merge there and queries go as they are. On a store whose default graph is the
union of all its graphs (Virtuoso, GraphDB, Neptune), ``merge_graph`` names the graph the merge was
published to: queries then name it as ``default-graph-uri`` and wbkg's graphs as ``named-graph-uri``, so
``GRAPH ?g`` ranges over wbkg's graphs only (not the merge, not the store's own system graphs).
"""
from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import Graph

from ..errors import UsageError
from ..query.results import Result, normal
from ..vocab.namespaces import DRAFT_GRAPH, DRAFTS_GRAPH, GRAPH, INFERRED_GRAPH, bind_prefixes
from .terms import from_ox
from .values import bind, with_prefixes

_FORM = re.compile(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", re.IGNORECASE)
SELECT_TYPES = "application/sparql-results+json"
GRAPH_TYPES = "application/n-triples"


class RemoteError(UsageError):
    """The remote store could not be reached or refused a request: a usage error naming the parameter."""


def http_client(timeout: float = 60.0, auth=None):
    """The HTTP client of every remote request: httpx (keep-alive pool, digest auth, per-phase timeouts).
    ``trust_env=False``: no proxy or .netrc from the environment, so only the named URL is contacted."""
    import httpx
    return httpx.Client(timeout=timeout, auth=auth, trust_env=False, follow_redirects=False)


def query_form(text: str, prepared=None) -> str:
    if prepared is not None:
        return prepared.algebra.name.replace("Query", "").upper()
    from .values import _TOKENS
    for match in _TOKENS.finditer(text):
        if match.lastgroup == "form":
            return match.group().upper()
    return "SELECT"


def _blank_nodes(answer: bytes) -> bytes:
    """Blank node labels as RDF allows them: Virtuoso answers ``nodeID://b10001``, which parsers refuse. A label
    only matters within one answer, so each is renamed to a hex digest of itself, consistently."""
    if b'"bnode"' not in answer:
        return answer
    import hashlib
    import json
    data = json.loads(answer)
    for row in data.get("results", {}).get("bindings", []):
        for cell in row.values():
            if cell.get("type") == "bnode":
                cell["value"] = "b" + hashlib.sha1(cell["value"].encode("utf-8")).hexdigest()[:16]
    return json.dumps(data).encode("utf-8")


class RemoteStore:
    name = "remote"

    def __init__(self, endpoint: str, *, merge_graph: str | None = None, include_drafts: bool = False,
                 auth=None, timeout: float = 60.0, parameter: str = "--endpoint", client=None):
        if not re.match(r"https?://", endpoint or ""):
            raise UsageError(f"{parameter} {endpoint}: not an http(s) URL", parameter=parameter)
        self.endpoint = endpoint
        self.parameter = parameter
        self.merge_graph = merge_graph
        self.include_drafts = include_drafts
        self.client = client or http_client(timeout, auth)
        self._named: list[str] | None = None

    @classmethod
    def from_exports(cls, nquads: bytes, merge: bytes, **options):
        raise UsageError("a remote store is filled with `wbkg publish`, not loaded from exports",
                         parameter="--store")

    # --- the dataset --------------------------------------------------------------------------------------
    def named_graphs(self) -> list[str]:
        """wbkg's named graphs in the store (asked once): the ones ``GRAPH ?g`` ranges over."""
        if self._named is None:
            answer = self._post("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", SELECT_TYPES, dataset=False)
            solutions = ox.parse_query_results(answer, format=ox.QueryResultsFormat.JSON)
            self._named = sorted(g for (g,) in ((s[0].value,) for s in solutions) if self._shown(g))
        return self._named

    def _shown(self, iri: str) -> bool:
        if not iri.startswith(str(GRAPH)) or iri in (self.merge_graph, str(DRAFTS_GRAPH), str(INFERRED_GRAPH)):
            return False
        return self.include_drafts or not iri.startswith(str(DRAFT_GRAPH))

    def _dataset(self) -> list[tuple[str, str]]:
        if not self.merge_graph:
            return []
        return [("default-graph-uri", self.merge_graph)] + [("named-graph-uri", g) for g in self.named_graphs()]

    # --- requests -----------------------------------------------------------------------------------------
    def _post(self, text: str, accept: str, dataset: bool = True) -> bytes:
        import httpx
        from urllib.parse import urlencode
        form = urlencode([("query", text)] + (self._dataset() if dataset else [])).encode("ascii")
        try:
            response = self.client.post(self.endpoint, content=form, headers={
                "Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        except httpx.HTTPError as exc:
            raise RemoteError(f"{self.parameter} {self.endpoint}: the store did not answer ({exc})",
                              parameter=self.parameter) from exc
        if response.status_code >= 400:
            detail = response.text.strip().splitlines()[:3]
            raise RemoteError(f"{self.parameter} {self.endpoint}: HTTP {response.status_code}: {' '.join(detail)}",
                              parameter=self.parameter)
        partial = response.headers.get("X-SQL-State")
        if partial:
            # Virtuoso's "anytime" answer: what it found before its time limit, sent as a success; a partial
            # answer is a wrong one, so it is an error (raise MaxQueryExecutionTime in virtuoso.ini)
            raise RemoteError(f"{self.parameter} {self.endpoint}: the store sent a partial answer (X-SQL-State "
                              f"{partial}: {response.headers.get('X-SQL-Message', '').strip()}); its time limit "
                              "cut the query short", parameter=self.parameter)
        return response.content

    def solutions(self, text: str, bindings: dict | None = None, prefixes: dict | None = None,
                  dataset: bool = True):
        """A SELECT or ASK answered by the store, as pyoxigraph parsed it (``QuerySolutions`` or
        ``QueryBoolean``): what the server's pages read. ``dataset=False``: over the store's own dataset, for a
        query that names its graphs itself."""
        text = bind(with_prefixes(text, prefixes) if prefixes else text, bindings)
        return ox.parse_query_results(_blank_nodes(self._post(text, SELECT_TYPES, dataset)),
                                      format=ox.QueryResultsFormat.JSON)

    def triples(self, text: str, bindings: dict | None = None, prefixes: dict | None = None):
        """A CONSTRUCT or DESCRIBE answered by the store, as pyoxigraph triples."""
        text = bind(with_prefixes(text, prefixes) if prefixes else text, bindings)
        return ox.parse(self._post(text, GRAPH_TYPES), format=ox.RdfFormat.N_TRIPLES)

    def query(self, text: str, prepared=None, bindings: dict | None = None) -> Result:
        form = query_form(text, prepared)
        if form in ("CONSTRUCT", "DESCRIBE"):
            graph = bind_prefixes(Graph())
            for t in self.triples(text, bindings):
                graph.add((from_ox(t.subject), from_ox(t.predicate), normal(from_ox(t.object))))
            return Result(form, [], [], graph=graph)
        answer = self.solutions(text, bindings)
        if isinstance(answer, ox.QueryBoolean):
            return Result("ASK", [], [], boolean=bool(answer))
        variables = [v.value for v in answer.variables]
        rows = [tuple(normal(from_ox(s[i])) for i in range(len(variables))) for s in answer]
        return Result("SELECT", variables, rows)

    def count(self, graph: str | None = None) -> int:
        """Triples in one named graph, or in the default graph (the merge). Asked naming the graph, not through
        the dataset: Virtuoso refuses a dataset of thousands of named graphs (docs/STORES.md)."""
        graph = graph or self.merge_graph
        pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
        answer = self.solutions(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}", dataset=False)
        return int(next(iter(answer))[0].value)

    def counts(self) -> dict[str, int]:
        """Triples per named graph of the store (all of them, not only wbkg's), in one query: what a publish
        is verified against."""
        answer = self.solutions("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                                dataset=False)
        return {s[0].value: int(s[1].value) for s in answer}

    def __len__(self) -> int:
        return self.count() + sum(self.count(g) for g in self.named_graphs())

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        self.client = None
