"""What a publish sends, read from the build's published files: the named graphs of ``wbkg.nq`` (one block
per graph, consecutive), their merge ``wbkg.nt`` (the default graph), and with ``--include-drafts`` the
draft graphs of ``wbkg-drafts.nq``. Each graph gets a content hash and a triple count, streamed: the files
are read a block at a time, never whole."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..store.diff import strip_graph

#: the key of the default graph in a publish record (not an IRI: it has none)
DEFAULT = "default"


@dataclass
class Piece:
    graph: str          # a named graph's IRI, or DEFAULT
    sha256: str
    triples: int
    path: Path          # the file it is read from
    start: int          # byte offsets of its block
    end: int

    def body(self) -> bytes:
        """The graph as N-Triples (graph labels stripped), what a Graph Store PUT carries."""
        with open(self.path, "rb") as handle:
            handle.seek(self.start)
            block = handle.read(self.end - self.start).decode("utf-8")
        if self.graph == DEFAULT:
            return block.encode("utf-8")
        return "".join(strip_graph(line) for line in block.splitlines(keepends=True)).encode("utf-8")

    def lines(self) -> Iterator[bytes]:
        """The block's lines as they are in the file (N-Quads for a named graph), read a line at a time."""
        with open(self.path, "rb") as handle:
            handle.seek(self.start)
            remaining = self.end - self.start
            while remaining > 0 and (line := handle.readline(remaining)):
                remaining -= len(line)
                yield line


def graph_of(line: bytes) -> str:
    body = line.rstrip()
    cut = body.rfind(b" <", 0, len(body) - 2)
    return body[cut + 2:-3].decode("utf-8")


def named_graphs(path: Path) -> Iterator[Piece]:
    """The blocks of an N-Quads file, one per named graph (the exporter writes each graph's lines together)."""
    if not path.is_file():
        return
    seen: set[str] = set()
    with open(path, "rb") as handle:
        current, digest, count, start, offset = None, None, 0, 0, 0
        for line in handle:
            if not line.strip():
                offset += len(line)
                continue
            graph = graph_of(line)
            if graph != current:
                if current is not None:
                    yield Piece(current, digest.hexdigest(), count, path, start, offset)
                if graph in seen:
                    raise ValueError(f"{path}: the lines of graph {graph} are not together")
                seen.add(graph)
                current, digest, count, start = graph, hashlib.sha256(), 0, offset
            digest.update(line)
            count += 1
            offset += len(line)
        if current is not None:
            yield Piece(current, digest.hexdigest(), count, path, start, offset)


def default_graph(path: Path) -> Piece:
    """The merge (N-Triples), the store's default graph."""
    digest, count, size = hashlib.sha256(), 0, 0
    with open(path, "rb") as handle:
        for line in handle:
            size += len(line)
            if line.strip():
                digest.update(line)
                count += 1
    return Piece(DEFAULT, digest.hexdigest(), count, path, 0, size)
