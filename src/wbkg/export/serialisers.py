"""How each format renders a piece of an export: a named graph's block (N-Quads, TriG) or a chunk of the
merge (N-Triples, Turtle, JSON-LD), each from sorted N-Triples / N-Quads lines: Turtle and TriG by
Oxigraph, JSON-LD by jsonld.Compactor (compact, with the terms of the @context)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from .context import context_prefixes, jsonld_context
from .jsonld import Compactor, ListTable


def _strip_prefixes(data: bytes) -> tuple[bytes, bytes]:
    """(the leading @prefix lines, the rest) of an Oxigraph Turtle / TriG serialisation."""
    i = 0
    while data.startswith(b"@prefix", i):
        i = data.index(b"\n", i) + 1
    return data[:i], data[i:]


@dataclass
class Serialisers:
    """How each format renders a piece; ``prefixes`` for Turtle / TriG, ``context`` the JSON-LD @context,
    ``jsonld_head`` the start of the JSON-LD document up to the opening of its ``@graph`` array."""
    prefixes: dict
    jsonld_head: str
    context: dict = field(default_factory=dict)
    header: dict = field(default_factory=dict)
    _compactor: Compactor | None = None

    def merge_chunk(self, fmt: str, lines: list[str], lists: ListTable | None = None) -> bytes:
        """A chunk of the merge; ``lists``: the RDF lists of the whole merge (JSON-LD writes them as @list)."""
        import pyoxigraph as ox
        data = "".join(lines).encode("utf-8")
        if fmt == "nt":
            return data
        if fmt == "jsonld":
            if self._compactor is None:
                self._compactor = Compactor(self.context)
            return self._compactor.chunk(data, lists or ListTable())
        triples = ox.parse(data, format=ox.RdfFormat.N_TRIPLES, rename_blank_nodes=False)
        if fmt == "ttl":
            head, body = _strip_prefixes(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=self.prefixes))
            self.header.setdefault("ttl", head)
            return body
        raise ValueError(fmt)

    def graph_block(self, fmt: str, lines: list[str]) -> bytes:
        import pyoxigraph as ox
        data = "".join(lines).encode("utf-8")
        if fmt == "nq":
            return data
        if fmt == "trig":
            quads = ox.parse(data, format=ox.RdfFormat.N_QUADS, rename_blank_nodes=False)
            head, body = _strip_prefixes(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=self.prefixes))
            self.header.setdefault("trig", head)
            return body
        raise ValueError(fmt)

    def head(self, fmt: str) -> bytes:
        """What a file starts with: the prefix lines (Turtle, TriG), the @context (JSON-LD)."""
        import pyoxigraph as ox
        if fmt in ("ttl", "trig") and fmt not in self.header:
            probe = ox.Quad(ox.NamedNode("urn:x"), ox.NamedNode("urn:x"), ox.NamedNode("urn:x"), ox.NamedNode("urn:x"))
            kind = ox.RdfFormat.TURTLE if fmt == "ttl" else ox.RdfFormat.TRIG
            data = ox.serialize([probe.triple] if fmt == "ttl" else [probe], format=kind, prefixes=self.prefixes)
            self.header[fmt] = _strip_prefixes(data)[0]
        if fmt == "jsonld":
            return self.jsonld_head.encode("utf-8")
        return self.header.get(fmt, b"")

    @staticmethod
    def tail(fmt: str) -> bytes:
        return b"\n]}\n" if fmt == "jsonld" else b""


def serialisers() -> Serialisers:
    """The Turtle / TriG / JSON-LD settings of the exports: the project's prefixes and @context."""
    head = json.dumps({"@context": jsonld_context()}, ensure_ascii=False, indent=1, sort_keys=True)
    return Serialisers(context_prefixes(), head[:-2] + ',\n "@graph": [\n', jsonld_context())
