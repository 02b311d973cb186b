"""One publish: the graphs that changed since the last publish to this store sent with a PUT each (or, for a
first publish to an Oxigraph server, everything in one bulk POST), the graphs gone deleted, then the triple
count of every graph checked through the query endpoint. A failure says what was and was not published;
the record keeps what was, so running again completes it."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from ..errors import WbkgError
from ..export.formats import drafts_file_name, file_name
from ..export.publish import current_generation
from ..project import Project
from .difference import additions, copy_path, keep
from .folding import Fold, folds, held_once
from .graphs import DEFAULT, Piece, default_graph, named_graphs
from .gsp import GraphStore, StoreFailed, check_url
from .record import Record, record_path


class PublishFailed(WbkgError):
    """The store refused or stopped answering, or holds other counts than were sent (exit 2)."""


@dataclass
class Published:
    sent: list[str] = field(default_factory=list)        # graphs sent (DEFAULT for the default graph)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    bulk: str | None = None                              # the bulk path used, if any
    difference: int | None = None                        # triples added to the default graph by one POST
    verified: int = 0                                    # graphs whose triple count was checked
    triples: int = 0                                     # triples the store holds for wbkg, default graph included
    folded: dict = field(default_factory=dict)           # graph: the Folds its count fell short by (folding.py)
    requests: list = field(default_factory=list)         # (method, graph) as they went on the wire
    seconds: float = 0.0


def query_endpoint(graph_store: str, endpoint: str | None) -> str:
    """``--endpoint``, or the query endpoint beside a graph store whose layout is known (Oxigraph server:
    /store -> /query; Virtuoso: /sparql-graph-crud[-auth] -> /sparql)."""
    if endpoint:
        return check_url(endpoint, "--endpoint")
    parts = urlsplit(graph_store)
    path = parts.path.rstrip("/")
    for suffix, sibling in (("/store", "/query"), ("/sparql-graph-crud-auth", "/sparql"),
                            ("/sparql-graph-crud", "/sparql")):
        if path.endswith(suffix):
            return urlunsplit((parts.scheme, parts.netloc, path[: -len(suffix)] + sibling, "", ""))
    from ..errors import UsageError
    raise UsageError(f"--graph-store {graph_store}: say where its query endpoint is with --endpoint",
                     parameter="--endpoint")


def pieces(project: Project, include_drafts: bool) -> tuple[list[Piece], Piece]:
    """The named graphs and the default graph of the current published generation."""
    from ..export.publish import output_path
    generation = current_generation(project)
    nquads = output_path(project, "nquads", generation)
    merge = output_path(project, "nt", generation)
    if not nquads.is_file() or not merge.is_file():
        from ..errors import UsageError
        raise UsageError(f"{project.build_dir}: no published exports; run `wbkg build`", parameter="--root")
    graphs = list(named_graphs(nquads))
    if include_drafts:
        folder = generation if generation is not None else project.build_dir
        graphs += list(named_graphs(folder / drafts_file_name("nquads")))
    assert file_name("nt") == merge.name
    return graphs, default_graph(merge)


def publish(project: Project, graph_store: str, *, endpoint: str | None = None, merge_graph: str | None = None,
            include_drafts: bool = False, auth=None, full: bool = False, bulk: bool = True, log=None,
            client=None) -> Published:
    """Publish the build's current exports to the store at ``graph_store`` (Graph Store HTTP Protocol).
    ``merge_graph``: the store's default graph is the union of its graphs (Virtuoso, GraphDB, Neptune), so
    the merge goes into this named graph instead. ``full``: send everything, whatever the record says.
    ``bulk``: use the store's bulk path for a full publish where it has one."""
    from ..store.remote import RemoteStore, http_client

    check_url(graph_store, "--graph-store")
    endpoint = query_endpoint(graph_store, endpoint)
    log = log or (lambda message: None)
    started = time.perf_counter()
    graphs, merge = pieces(project, include_drafts)
    client = client or http_client(timeout=600.0, auth=auth)
    store = GraphStore(graph_store, client)
    record = Record(record_path(project, graph_store, merge_graph, include_drafts), graph_store)
    if full:
        record.graphs.clear()
    report = Published(requests=store.requests)
    wanted = {p.graph for p in graphs}
    changed = [p for p in graphs + [merge] if not record.holds(p.graph, p.sha256)]
    gone = sorted(g for g in record.graphs if g != DEFAULT and g not in wanted)
    report.unchanged = len(graphs) + 1 - len(changed)
    try:
        if bulk and not record.graphs and not merge_graph and store.bulk_path() == "oxigraph":
            report.bulk = "oxigraph"
            log(f"wbkg publish: full publish of {len(graphs)} graphs and the default graph in one N-Quads POST "
                f"(Oxigraph server's bulk path)")
            store.bulk_load(_everything(graphs, merge))
            for piece in changed:
                record.sent(piece.graph, piece.sha256, piece.triples)
                report.sent.append(piece.graph)
        else:
            for graph in gone:
                store.delete(graph)
                record.forget(graph)
                report.deleted.append(graph)
            for piece in changed:
                target = (merge_graph or None) if piece.graph == DEFAULT else piece.graph
                added = _added_to_merge(record, piece) if piece.graph == DEFAULT else None
                if added is not None:
                    report.difference = added.count(b"\n")
                    log(f"wbkg publish: the default graph as a difference: {report.difference} triples added "
                        "(one POST)")
                    store.post(target, added)
                else:
                    store.put(target, piece.body())
                record.sent(piece.graph, piece.sha256, piece.triples)
                report.sent.append(piece.graph)
    except StoreFailed as exc:
        record.close()
        done = set(report.sent)
        missing = [p.graph for p in changed if p.graph not in done]
        raise PublishFailed(
            f"--graph-store {graph_store}: {exc}. Published {len(report.sent)} of {len(changed)} changed graphs"
            f"{_names(report.sent)}; not published: {len(missing)}{_names(missing)}. Run `wbkg publish` again "
            "to send the rest.") from None
    remote = RemoteStore(endpoint, merge_graph=merge_graph, include_drafts=include_drafts, client=client)
    try:
        _verify(remote, graphs, merge, record, report)
    finally:
        record.close()
    record.compact()
    keep(record.path, merge)
    report.seconds = time.perf_counter() - started
    return report


def _added_to_merge(record: Record, merge: Piece) -> bytes | None:
    """What the merge adds to the one this store holds (difference.py), or None: send it whole."""
    held = record.graphs.get(DEFAULT, {}).get("sha256")
    kept = copy_path(record.path, held) if held else None
    if kept is None or not kept.is_file():
        return None
    return additions(kept, merge.path)


def _everything(graphs: list[Piece], merge: Piece):
    """The bulk body: every named graph's N-Quads block, then the merge as default-graph lines."""
    for piece in graphs:
        with open(piece.path, "rb") as handle:
            handle.seek(piece.start)
            remaining = piece.end - piece.start
            while remaining:
                chunk = handle.read(min(remaining, 1 << 20))
                remaining -= len(chunk)
                yield chunk
    with open(merge.path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            yield chunk


def _verify(remote, graphs: list[Piece], merge: Piece, record: Record, report: Published) -> None:
    """Every graph's triple count, as the query endpoint sees it, against what was sent; a graph that
    differs leaves the record, so the next publish sends it again. A graph short by exactly the triples whose
    literals the store holds as one value (Virtuoso: folding.py), each held once, is as sent."""
    try:
        held = remote.counts()
        default = remote.count()
        wrong = []
        for piece in graphs + [merge]:
            got = default if piece.graph == DEFAULT else held.get(piece.graph, 0)
            if got == piece.triples:
                continue
            found = _folded(remote, piece, got) if got < piece.triples else None
            if found:
                report.folded[piece.graph] = found
            else:
                wrong.append((piece.graph, got, piece.triples))
    except WbkgError as exc:
        raise PublishFailed(f"sent {len(report.sent)} graphs, but the counts could not be checked: {exc}. "
                            "Run `wbkg publish` again to check them.") from None
    for graph, _got, _expected in wrong:
        record.forget(graph)
    if wrong:
        lines = "; ".join(f"{g}: {got} triples, {expected} sent" for g, got, expected in wrong[:5])
        raise PublishFailed(f"the store holds other triple counts than were published ({len(wrong)} graphs): "
                            f"{lines}. Run `wbkg publish` again to send them.")
    report.verified = len(graphs) + 1
    report.triples = sum(p.triples for p in graphs) + merge.triples - sum(
        len(f.objects) - 1 for found in report.folded.values() for f in found)


def _folded(remote, piece: Piece, got: int) -> list[Fold] | None:
    """The folds of ``piece`` if they explain exactly why the store holds ``got`` of its triples and the store
    holds one value of each (asked), else None."""
    found = folds(piece.lines())
    if not found or got != piece.triples - sum(len(f.objects) - 1 for f in found):
        return None
    return found if held_once(remote, None if piece.graph == DEFAULT else piece.graph, found) else None


def _names(graphs: list[str], shown: int = 3) -> str:
    if not graphs:
        return ""
    names = ", ".join(g.rsplit("/", 1)[-1] for g in graphs[:shown])
    return f" ({names}{', ...' if len(graphs) > shown else ''})"

