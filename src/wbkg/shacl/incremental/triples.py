"""Look-ups in the merge without the schema view: the sorted N-Triples file (binary search) and the Oxigraph
store (links by object); the lines that differ between two merges."""
from __future__ import annotations

import mmap
from collections import defaultdict
from pathlib import Path

from ...vocab.namespaces import DERIVED_GRAPHS, DRAFTS_GRAPH
from . import RDF_TYPE, Fallback


def split_line(line: str) -> tuple[str, str, str]:
    """An N-Triples line (one triple, IRIs, blank nodes and literals) as its three tokens."""
    i = line.find(" ")
    j = line.find(" ", i + 1)
    return line[:i], line[i + 1:j], line[j + 1:].rstrip()[:-1].rstrip()


class SortedTriples:
    """Binary search in a sorted N-Triples file (each triple once, Python string order = UTF-8 byte order):
    the lines of one subject, or of one subject and predicate, are one run of the file."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._file = open(self.path, "rb")
        size = self.path.stat().st_size
        self._map = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        self._size = size

    def close(self):
        if self._size:
            self._map.close()
        self._file.close()

    def _line_start(self, pos: int) -> int:
        if pos <= 0:
            return 0
        k = self._map.rfind(b"\n", 0, pos)
        return k + 1

    def _first_at_least(self, key: bytes) -> int:
        """Offset of the first line >= key."""
        lo, hi = 0, self._size
        while lo < hi:
            mid = (lo + hi) // 2
            start = self._line_start(mid)
            end = self._map.find(b"\n", start)
            end = self._size if end < 0 else end
            if self._map[start:end] < key:
                lo = end + 1
            else:
                hi = start
        return self._line_start(lo)

    def with_prefix(self, prefix: str) -> list[str]:
        key = prefix.encode("utf-8")
        pos = self._first_at_least(key)
        out = []
        while pos < self._size:
            end = self._map.find(b"\n", pos)
            end = self._size if end < 0 else end
            line = self._map[pos:end]
            if not line.startswith(key):
                break
            out.append(line.decode("utf-8") + "\n")
            pos = end + 1
        return out

    def __contains__(self, line: str) -> bool:
        return line in self.with_prefix(line.rstrip("\n"))


class Data:
    """Look-ups in the new merge (the sorted file; incoming links through the store, checked against the
    file) and, with ``old=True``, in the previous one too (plus the removed lines)."""

    def __init__(self, core_file: Path, store, removed: set[str]):
        import pyoxigraph as ox
        self.ox = ox
        self.core = SortedTriples(core_file)
        self.store = getattr(store, "store", store)
        self.removed_out = defaultdict(list)
        self.removed_in = defaultdict(list)
        for line in removed:
            s, p, o = split_line(line)
            self.removed_out[s].append((p, o))
            self.removed_in[o].append((s, p))
        self._subject_lines: dict[str, list[str]] = {}
        self._terms: dict[str, object] = {}
        self._bnode_lines = None
        self._view = None
        self.lookups = 0

    def close(self):
        self.core.close()

    def lines(self, s: str) -> list[str]:
        """The new merge's lines with subject ``s``."""
        got = self._subject_lines.get(s)
        if got is None:
            self.lookups += 1
            got = self._subject_lines[s] = self.core.with_prefix(s + " ")
        return got

    def out(self, s: str, p: str, old: bool = False) -> list[str]:
        found = [split_line(line)[2] for line in self.lines(s) if line.startswith(f"{s} {p} ")]
        if old:
            found += [o for q, o in self.removed_out.get(s, ()) if q == p]
        return found

    def out_all(self, s: str, old: bool = False) -> list[tuple[str, str]]:
        found = [split_line(line)[1:] for line in self.lines(s)]
        if old:
            found += self.removed_out.get(s, [])
        return found

    def term(self, token: str):
        t = self._terms.get(token)
        if t is None and token.startswith("<"):
            t = self._terms[token] = self.ox.NamedNode(token[1:-1])
        if t is None:
            quad = next(iter(self.ox.parse(f"<urn:x:s> <urn:x:p> {token} .\n".encode("utf-8"),
                                           format=self.ox.RdfFormat.N_TRIPLES)))
            t = self._terms[token] = quad.object
        return t

    def _bnodes(self) -> dict[str, list[tuple[str, str]]]:
        """Incoming links from blank-node subjects (the store's blank-node labels are not the file's): the
        blank-node lines sort after every IRI line, one short run (the ontology's lists)."""
        if self._bnode_lines is None:
            self._bnode_lines = defaultdict(list)
            for line in self.core.with_prefix("_:"):
                s, p, o = split_line(line)
                self._bnode_lines[o].append((s, p))
        return self._bnode_lines

    def into(self, p: str | None, o: str, old: bool = False, first: bool = False) -> list[tuple[str, str]]:
        """(subject, predicate) of the triples ``(?s p o)`` (any predicate when ``p`` is None); with
        ``first``, at most one from the store."""
        ox = self.ox
        self.lookups += 1
        if o.startswith("_:"):
            # the store cannot be asked by the file's blank-node label, and IRIs pointing at blank nodes
            # (the ontology's property chains) are not one run of the file
            raise Fallback(f"incoming links of a blank node {o}")
        found = []
        seen = set()
        pred = self.term(p) if p is not None else None
        for quad in self.merge_quads(None, pred, self.term(o)):
            subject = quad.subject
            if isinstance(subject, ox.BlankNode):
                continue  # blank-node subjects are read from the file below
            s = f"<{subject.value}>"
            q = p if p is not None else f"<{quad.predicate.value}>"
            if (s, q) in seen:
                continue
            seen.add((s, q))
            if self.in_core(quad, s, q, o):
                found.append((s, q))
                if first:
                    break
        found += [(s, q) for s, q in self._bnodes().get(o, ()) if p is None or q == p]
        if old:
            found += [(s, q) for s, q in self.removed_in.get(o, ()) if p is None or q == p]
        return found

    def merge_quads(self, s, p, o):
        """The quads of the merge of everything (reviewed and drafts) matching a pattern: the store's default
        graph holds the reviewed merge, graph:drafts the drafts' triples that no reviewed graph holds."""
        ox = self.ox
        yield from self.store.quads_for_pattern(s, p, o, ox.DefaultGraph())
        yield from self.store.quads_for_pattern(s, p, o, ox.NamedNode(str(DRAFTS_GRAPH)))

    def in_core(self, quad, s: str, p: str, o: str) -> bool:
        """Whether a triple of the store's default graph is in the merge without the derived graphs, as
        written: a triple that no derived graph (schema view, entailments) holds comes from another graph; one
        they hold is looked up."""
        ox = self.ox
        if self._view is None:
            self._view = [ox.NamedNode(str(g)) for g in DERIVED_GRAPHS]
        if not o.startswith("<"):
            return f"{s} {p} {o} .\n" in self.lines(s)  # a literal: the store may have normalised it
        if all(next(iter(self.store.quads_for_pattern(quad.subject, quad.predicate, quad.object, g)), None) is None
               for g in self._view):
            return True
        return f"{s} {p} {o} .\n" in self.lines(s)

    def types(self, s: str) -> list[str]:
        """The rdf:type lines of an IRI subject (types are IRIs: read from the store)."""
        ox = self.ox
        subject = self.term(s)
        out = []
        for quad in self.merge_quads(subject, self.term(RDF_TYPE), None):
            if isinstance(quad.object, ox.NamedNode):
                o = f"<{quad.object.value}>"
                if self.in_core(quad, s, RDF_TYPE, o):
                    out.append(f"{s} {RDF_TYPE} {o} .\n")
            else:
                return [line for line in self.lines(s) if line.startswith(f"{s} {RDF_TYPE} ")]
        return out

    def any_with_predicate(self, p: str) -> str | None:
        """One line of the new merge with predicate ``p``."""
        ox = self.ox
        for quad in self.merge_quads(None, self.term(p), None):
            if isinstance(quad.subject, ox.BlankNode):
                continue
            s = f"<{quad.subject.value}>"
            for line in self.lines(s):
                if line.startswith(f"{s} {p} "):
                    return line
        for line in self.core.with_prefix("_:"):
            if split_line(line)[1] == p:
                return line
        return None


def merge_delta(old_file: Path, new_file: Path, candidates=None) -> tuple[set[str], set[str]]:
    """The lines added to and removed from a sorted merge. With ``candidates`` (every line that may differ:
    the old and new lines of the graphs that changed) by binary search in both files; without, by one
    streaming pass over both (linear: for tests and small corpora)."""
    if candidates is not None:
        old, new = SortedTriples(old_file), SortedTriples(new_file)
        try:
            lines = set(candidates)
            added = {line for line in lines if line in new and line not in old}
            removed = {line for line in lines if line in old and line not in new}
        finally:
            old.close()
            new.close()
        return added, removed
    added, removed = set(), set()
    with open(old_file, encoding="utf-8") as a, open(new_file, encoding="utf-8") as b:
        x, y = a.readline(), b.readline()
        while x or y:
            if x and (not y or x < y):
                removed.add(x)
                x = a.readline()
            elif y and (not x or y < x):
                added.add(y)
                y = b.readline()
            else:
                x, y = a.readline(), b.readline()
    return added, removed
