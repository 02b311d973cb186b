"""Exports composed from sorted pieces, and spliced when a build changes only some of them.

Two kinds of file, each with an index (JSON, beside the files: in the exports' generation, see
publish.py) of where every piece lies:

*graph files* (N-Quads, TriG): one block per named graph, graphs in IRI order. The TriG block of a graph
is Oxigraph's serialisation of that graph alone, without the prefix lines, which the file carries once. An
incremental build writes the blocks of the changed graphs and copies every other block, in the kernel,
from the previous file.

*merge files* (N-Triples, Turtle, JSON-LD): the merge of every graph, each triple once, sorted, cut into
chunks of whole subjects (about ``CHUNK_LINES`` triples each). Oxigraph writes a subject's triples
together in Turtle, and JSON-LD has one node object per subject (jsonld.py), so either file is, byte for
byte, the concatenation of the chunks' serialisations: wherever the cuts fall between subjects, the file is
the same (tested). JSON-LD writes an RDF list as ``@list`` inside the node that refers to it, which may lie
in another chunk: the lists of the whole merge are found once and kept in the index. An incremental build
applies the added and removed triples to the chunks they fall in (by subject), writes those chunks anew
and copies the others; a full rebuild gives the same bytes. A change that involves a blank node (which may
make or unmake a list) writes the merge files anew.
"""
from __future__ import annotations

import bisect
import json
from contextlib import contextmanager
from pathlib import Path

from ..fileio import AtomicFile, atomic_write_text
from .jsonld import ListTable
from .serialisers import Serialisers

CHUNK_LINES = 5000
MERGE_FORMATS = ("nt", "ttl", "jsonld")
GRAPH_FORMATS = ("nq", "trig")


def subject_key(line: str) -> str:
    """The subject of an N-Triples line with the space after it: keys sort as their lines do."""
    return line[:line.index(" ") + 1]


# --- merge files ------------------------------------------------------------------------------------------

def _cut(lines: list[str], size: int | None = None) -> list[list[str]]:
    """Sorted lines cut into runs of about ``size`` (CHUNK_LINES) lines, never inside one subject's lines."""
    size = size or CHUNK_LINES
    chunks, start = [], 0
    while start < len(lines):
        end = min(len(lines), start + size)
        while end < len(lines) and subject_key(lines[end]) == subject_key(lines[end - 1]):
            end += 1
        chunks.append(lines[start:end])
        start = end
    return chunks


def write_merge(lines, paths: dict[str, Path], index_path: Path, ser: Serialisers, state: str = "") -> dict:
    """Write the merge (sorted, unique N-Triples lines) in each format of ``paths``; return and save the index."""
    lists = ListTable.from_lines(lines) if "jsonld" in paths else None
    return _write_merge_chunks(_cut(lines), paths, index_path, ser, {}, state, lists)


def _write_merge_chunks(chunks, paths, index_path, ser, sources, state, lists: ListTable | None) -> dict:
    """``chunks``: each a list of lines to render, or an old index entry (dict) whose bytes ``sources`` hold.
    Written as they come (a chunk is rendered, written and dropped), so memory stays at one chunk.

    A JSON-LD chunk is its nodes, each followed by ",\n" (its stored length counts them all); in the file, the
    separator after a chunk's last node is written only when another node follows (a chunk may have none:
    the nodes of RDF lists are written inside the node that refers to them)."""
    index = {"state": state, "formats": sorted(paths), "chunks": []}
    if lists is not None:
        index["lists"] = lists.to_json()
    separate = False  # a JSON-LD node was written: the next one needs a separator
    with _opened(paths) as outs:
        for fmt, out in outs.items():
            out.write(ser.head(fmt))
        for chunk in (c for c in chunks if c):
            record = {"key": chunk["key"] if isinstance(chunk, dict) else subject_key(chunk[0]),
                      "lines": chunk["lines"] if isinstance(chunk, dict) else len(chunk)}
            for fmt, out in outs.items():
                if isinstance(chunk, dict):
                    offset, length = chunk[fmt]
                    data = None
                else:
                    data = ser.merge_chunk(fmt, chunk, lists)
                    length = len(data)
                if fmt == "jsonld" and length:
                    if separate:
                        out.write(b",\n")
                    separate = True
                    start = out.size
                    if data is None:
                        out.copy_from(sources[fmt], offset, length - 2)
                    else:
                        out.write(data[:-2])
                else:
                    start = out.size
                    if data is None:
                        out.copy_from(sources[fmt], offset, length)
                    else:
                        out.write(data)
                record[fmt] = [start, length]
            index["chunks"].append(record)
        for fmt, out in outs.items():
            out.write(ser.tail(fmt))
    atomic_write_text(index_path, json.dumps(index))
    return index


@contextmanager
def _opened(paths: dict[str, Path]):
    """One AtomicFile per format: all renamed into place at the end, or (on an error) all dropped."""
    outs = {fmt: AtomicFile(path) for fmt, path in paths.items()}
    try:
        yield outs
    except BaseException as exc:
        for out in outs.values():
            out.__exit__(type(exc), exc, None)
        raise
    for out in outs.values():
        out.__exit__(None, None, None)


def _read(source, offset: int, length: int) -> bytes:
    source.seek(offset)
    return source.read(length)


def splice_merge(index_path: Path, sources: dict[str, Path], paths: dict[str, Path], added, removed,
                 ser: Serialisers, state: str = "", new_index_path: Path | None = None) -> dict:
    """The merge files after adding the N-Triples lines ``added`` (absent before) and removing ``removed``
    (present before), composed from the files ``sources`` described by the index at ``index_path``.
    ``sources`` and ``paths`` may name the same files (each is replaced by rename once complete)."""
    index = json.loads(Path(index_path).read_text(encoding="utf-8"))
    if "jsonld" in paths and any("_:" in line for group in (added, removed) for line in group):
        # blank nodes may make or unmake RDF lists, which JSON-LD writes where they are referred to, in
        # another chunk: the merge is written anew (lists are rare outside the ontology, which a full build
        # rewrites anyway)
        with open(sources["nt"], encoding="utf-8") as handle:
            old = handle.read().splitlines(keepends=True)
        lines = sorted(set(old).difference(removed).union(added))
        return write_merge(lines, paths, new_index_path or index_path, ser, state)
    lists = ListTable.from_json(index.get("lists")) if "jsonld" in paths else None
    chunks = index["chunks"]
    keys = [c["key"] for c in chunks]
    changes: dict[int, tuple[list, set]] = {}
    for kind, lines in ((0, added), (1, removed)):
        for line in lines:
            i = max(0, bisect.bisect_right(keys, subject_key(line)) - 1) if keys else 0
            entry = changes.setdefault(i, ([], set()))
            if kind == 0:
                entry[0].append(line)
            else:
                entry[1].add(line)
    handles = {fmt: open(path, "rb") for fmt, path in sources.items()}
    try:
        plan = []
        if not chunks:
            plan.extend(_cut(sorted(added)))
        for i, chunk in enumerate(chunks):
            if i not in changes:
                plan.append(chunk)
                continue
            plus, minus = changes[i]
            old = _read(handles["nt"], *chunk["nt"]).decode("utf-8").splitlines(keepends=True)
            lines = sorted(set(old).difference(minus).union(plus))
            # a chunk that grew past twice the usual size is cut again; an emptied one disappears
            plan.extend(_cut(lines) if len(lines) > 2 * CHUNK_LINES else ([lines] if lines else []))
        return _write_merge_chunks(plan, paths, new_index_path or index_path, ser, handles, state, lists)
    finally:
        for handle in handles.values():
            handle.close()


# --- graph files --------------------------------------------------------------------------------------------

def write_graphs(graphs, paths: dict[str, Path], index_path: Path, ser: Serialisers, state: str = "") -> dict:
    """``graphs``: (graph IRI, sorted N-Quads lines) in IRI order (an iterable: each is written and dropped)."""
    return _write_graph_blocks(graphs, paths, index_path, ser, {}, state)


def _write_graph_blocks(plan, paths, index_path, ser, sources, state) -> dict:
    index = {"state": state, "formats": sorted(paths), "graphs": []}
    with _opened(paths) as outs:
        for fmt, out in outs.items():
            out.write(ser.head(fmt))
        for iri, item in plan:
            record = {"graph": iri}
            for fmt, out in outs.items():
                start = out.size
                if isinstance(item, dict):
                    out.copy_from(sources[fmt], *item[fmt])
                else:
                    out.write(ser.graph_block(fmt, item))
                record[fmt] = [start, out.size - start]
            index["graphs"].append(record)
    atomic_write_text(index_path, json.dumps(index))
    return index


def splice_graphs(index_path: Path, sources: dict[str, Path], paths: dict[str, Path], order: list[str],
                  changed: dict[str, list[str]], ser: Serialisers, state: str = "",
                  new_index_path: Path | None = None) -> dict:
    """The graph files for the graphs ``order`` (IRI order): the graphs in ``changed`` rendered from their new
    lines, every other one copied from the files ``sources`` described by the index at ``index_path``."""
    index = json.loads(Path(index_path).read_text(encoding="utf-8"))
    old = {entry["graph"]: entry for entry in index["graphs"]}
    handles = {fmt: open(path, "rb") for fmt, path in sources.items()}
    try:
        plan = []
        for iri in order:
            if iri in changed:
                plan.append((iri, changed[iri]))
            elif iri in old:
                plan.append((iri, old[iri]))
            else:
                raise KeyError(f"graph {iri} is neither changed nor in {index_path}")
        return _write_graph_blocks(plan, paths, new_index_path or index_path, ser, handles, state)
    finally:
        for handle in handles.values():
            handle.close()


def index_state(index_path: Path) -> str | None:
    """The state token an index was written with (None when there is no index)."""
    try:
        return json.loads(Path(index_path).read_text(encoding="utf-8")).get("state")
    except (OSError, ValueError):
        return None
