"""Stage ``violation-queries``: every stored ``*-violation`` query on the build's store; after an incremental
change, the queries whose rows each come from one graph run on the changed graphs only."""
from __future__ import annotations

import re

from rdflib import URIRef
from rdflib.namespace import RDF

from ..project import Project
from ..query.stored import stored_queries
from ..query.results import Result
from .manifest import scale_dir
from .state import BuildState

NAME = "violation-queries"
PER_GRAPH = re.compile(r"^#\s*per-graph\s*:\s*(\w+)\s*$", re.MULTILINE)
TYPES_OF = re.compile(r"^#\s*types-of\s*:\s*(\w+)\s*$", re.MULTILINE)
RDF_TYPE_TOKEN = f" <{RDF.type}> "
NAMED_GRAPH = re.compile(r"GRAPH\s*<([^>]+)>")


def run(state: BuildState) -> dict:
    return run_violation_queries(state.project, state.checking, state.change, state.stems)


def run_violation_queries(project: Project, store, change=None, stems=()) -> dict:
    """Every stored ``*-violation`` query on the store. After an incremental change, a query whose header
    says ``# per-graph: COLUMN`` (each row comes from the named graph, or its article, in that column and
    depends on that graph alone, besides the graphs the query names with ``GRAPH <iri>``) runs on the
    changed graphs only, and keeps the last build's rows for every other graph; any other query, or one
    that names a changed graph, runs on everything. ``# types-of: COLUMN`` adds that a row depends on the
    rdf:type triples (in any graph) of the node in COLUMN as well: rows of unchanged graphs are dropped when
    that node gained a type, asked for again when it lost its last. The rows are kept in
    build/scale/violations.pickle."""
    import pickle

    cache = scale_dir(project) / "violations.pickle"
    previous = {}
    if change is not None and cache.exists():
        try:
            previous = pickle.loads(cache.read_bytes())
        except Exception:  # unreadable: run everything
            previous = {}
    changed = set(change.graphs) if change is not None else set()
    out = {}
    for name, query in stored_queries(project.queries_dir).items():
        if not query.is_violation_check:
            continue
        per_graph = PER_GRAPH.search(query.text)
        named = set(NAMED_GRAPH.findall(query.text))
        old = previous.get(name)
        if per_graph and old is not None and not (named & changed) and per_graph.group(1) in old.variables:
            column = old.variables.index(per_graph.group(1))
            scope = sorted(changed)
            fresh = store.restricted(scope + sorted(named))
            new = fresh.query(query.text, None, {}) if scope else Result("SELECT", old.variables, [])

            def graph_of(row):
                value = str(row[column])
                return value.replace("/article/", "/graph/", 1)
            kept = [row for row in old.rows if graph_of(row) not in changed]
            types_of = TYPES_OF.search(query.text)
            if types_of and types_of.group(1) in old.variables:
                # rows of other graphs depend on the types (in any graph) of the node in that column too:
                # a node that gained one loses its rows, a node that lost its last one is asked about again
                value = old.variables.index(types_of.group(1))
                gained = {line.split(" ", 1)[0][1:-1] for line in change.merge_added if RDF_TYPE_TOKEN in line}
                lost = sorted({line.split(" ", 1)[0][1:-1] for line in change.merge_removed
                               if RDF_TYPE_TOKEN in line and line.startswith("<")})
                kept = [row for row in kept if str(row[value]) not in gained]
                for node in lost:
                    again = store.query(query.text, None, {types_of.group(1): URIRef(node)})
                    kept += [row for row in again.rows if graph_of(row) not in changed]
            rows = sorted(set(kept)) if types_of else kept
            rows += list(new.rows)
            rows.sort(key=lambda row: tuple("" if v is None else str(v) for v in row))
            out[name] = Result("SELECT", old.variables, rows)
        else:
            out[name] = store.query(query.text, None, {})
    cache.write_bytes(pickle.dumps(out))
    return out
