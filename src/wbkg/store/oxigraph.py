"""The embedded Oxigraph backend (pyoxigraph): in memory, or persistent on disk (the build's store).

The default graph holds the merge of the named graphs, stored rather than computed with
use_default_graph_as_union: Oxigraph's union repeats a triple once per graph that holds it, where SPARQL's
RDF merge (and rdflib) hold it once.
"""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from ..vocab.namespaces import bind_prefixes
from ..query.prepare import STANDARD_PREFIXES
from ..query.results import Result, normal
from .terms import from_ox, to_ox

_FORM = re.compile(r"\b(CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


class OxigraphStore:
    name = "oxigraph"

    def __init__(self, path: Path | str | None = None, *, read_only: bool = False, union_with=(),
                 named_graphs=None, _store=None):
        """``path`` None: in memory. ``union_with``: named graphs whose triples the default graph also shows
        (the OWL RL closure for ``--inferred``). ``named_graphs``: the only graphs ``GRAPH ?g`` ranges over."""
        self.path = Path(path) if path is not None else None
        if _store is not None:
            self.store = _store
        elif path is None:
            self.store = ox.Store()
        else:
            self.store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        self._options = {}
        if union_with:
            self._options["default_graph"] = [ox.DefaultGraph(), *(ox.NamedNode(str(g)) for g in union_with)]
        if named_graphs is not None:
            self._options["named_graphs"] = [ox.NamedNode(str(g)) for g in named_graphs]

    @classmethod
    def from_exports(cls, nquads: bytes, merge: bytes, path: Path | None = None) -> "OxigraphStore":
        """Every named graph from N-Quads and their merge (N-Triples) as the default graph."""
        store = cls(path)
        store.store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        store.store.bulk_load(merge, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
        return store

    def restricted(self, named_graphs) -> "OxigraphStore":
        """The same store (and default graph), with ``GRAPH ?g`` ranging over ``named_graphs`` only."""
        view = OxigraphStore(_store=self.store, named_graphs=named_graphs)
        if "default_graph" in self._options:
            view._options["default_graph"] = self._options["default_graph"]
        return view

    def raw_query(self, text: str, **options):
        """A query answered by pyoxigraph as it is (its own terms), over this view's graphs; ``options``
        (prefixes, substitutions) are pyoxigraph's."""
        return self.store.query(text, **self._options, **options)

    def graph_names(self) -> list[str]:
        """The named graphs ``GRAPH ?g`` ranges over in this view."""
        graphs = self._options.get("named_graphs")
        return sorted(g.value for g in (graphs if graphs is not None else self.store.named_graphs()))

    def default_graph(self) -> list | None:
        """The graphs this view's default graph is the union of (pyoxigraph terms), or None: the stored one."""
        return self._options.get("default_graph")

    def query(self, text: str, prepared=None, bindings: dict | None = None) -> Result:
        text = getattr(prepared, "text", text)   # what the SERVICE check read (wbkg.query.prepare), escapes decoded
        substitutions = {ox.Variable(str(name)): to_ox(value) for name, value in (bindings or {}).items()}
        answer = self.store.query(text, substitutions=substitutions, prefixes=STANDARD_PREFIXES, **self._options)
        if isinstance(answer, ox.QueryBoolean):
            return Result("ASK", [], [], boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            graph = bind_prefixes(Graph())
            for triple in answer:
                graph.add((from_ox(triple.subject), from_ox(triple.predicate), normal(from_ox(triple.object))))
            if prepared is not None:
                form = prepared.algebra.name.replace("Query", "").upper()
            else:
                match = _FORM.search(re.sub(r"#[^\n]*", "", text))
                form = match.group(1).upper() if match else "CONSTRUCT"
            return Result(form, [], [], graph=graph)
        variables = [v.value for v in answer.variables]
        rows = [tuple(normal(from_ox(solution[i])) for i in range(len(variables))) for solution in answer]
        return Result("SELECT", variables, rows)

    def __len__(self) -> int:
        return len(self.store)

    def dump_nquads(self, skip=()) -> bytes:
        """The named graphs as N-Quads, but those in ``skip`` (the default graph, their merge, is left out)."""
        skipped = {ox.NamedNode(str(g)) for g in skip}
        quads = (q for q in self.store.quads_for_pattern(None, None, None, None)
                 if not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name not in skipped)
        return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)

    def close(self) -> None:
        """Flush and let the store go: RocksDB allows one writer, so the next build may open it."""
        if self.store is not None and self.path is not None:
            try:
                self.store.flush()
            except OSError:  # read-only stores cannot flush
                pass
        self.store = None
        import gc
        gc.collect()
