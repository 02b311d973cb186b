"""Compact JSON-LD for the composed export: one node object per subject, from sorted N-Triples lines.

A node's keys are the terms of the @context where one maps the predicate (``name`` for schema:name), else
prefixed names (``wbkg:holds``), else full IRIs; ``@id``, ``@type`` and IRI values are prefixed names
too. A string is a plain JSON string, a language-tagged one ``{"@language", "@value"}``, ``true`` and
``false`` are JSON booleans, every other literal ``{"@type", "@value"}`` (its lexical form kept as is, so
reading the document back gives the very same literals). Under a term typed ``@id`` (``location``), an
IRI is a plain string. A node's values are sorted by their JSON text; keys are sorted.

RDF lists become ``{"@list": [...]}`` at the one place that refers to them, and their nodes are not
written on their own, as JSON-LD's "serialize RDF as JSON-LD" algorithm does, but only for list nodes that
carry nothing but one ``rdf:first`` and one ``rdf:rest`` (no ``rdf:type rdf:List``, which ``@list`` would
lose); ``rdf:nil`` as a value is ``{"@list": []}``. Which blank nodes are lists is a property of the whole
merge, found once by ``ListTable.from_lines`` and kept in the index of the composed file, so that every
chunk renders alone.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE, RDF_FIRST, RDF_REST, RDF_NIL = RDF + "type", RDF + "first", RDF + "rest", RDF + "nil"
RDF_LANG_STRING = RDF + "langString"
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING, XSD_BOOLEAN = XSD + "string", XSD + "boolean"
#: a JSON-LD 1.1 prefix must end with one of these (the "prefix flag" of a simple term definition)
GEN_DELIMS = re.compile(r"[:/?#\[\]@]")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class ListTable:
    """The RDF lists of a merge written as ``@list``: ``heads`` maps the blank node that starts a list to
    its items (pyoxigraph terms), ``nodes`` holds every blank node of those lists (not written alone)."""

    def __init__(self, heads: dict | None = None, nodes: set | None = None):
        self.heads = heads or {}
        self.nodes = nodes or set()

    @classmethod
    def from_lines(cls, lines) -> "ListTable":
        """The lists of the merge ``lines`` (N-Triples). Only lines with a blank node can matter."""
        import pyoxigraph as ox
        data = "".join(line for line in lines if "_:" in line).encode("utf-8")
        props: dict[str, list] = defaultdict(list)      # blank node -> its (predicate, object) pairs
        refs: dict[str, list] = defaultdict(list)       # blank node -> (subject, predicate) referring to it
        ends = []                                       # (subject, predicate) whose object is rdf:nil
        for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES, rename_blank_nodes=False):
            s, p, o = t.subject, t.predicate.value, t.object
            if isinstance(s, ox.BlankNode):
                props[s.value].append((p, o))
                if p == RDF_REST and isinstance(o, ox.NamedNode) and o.value == RDF_NIL:
                    ends.append((s, p))
            if isinstance(o, ox.BlankNode):
                refs[o.value].append((s, p))

        def list_node(node) -> bool:
            pairs = props.get(node.value, ())
            return isinstance(node, ox.BlankNode) and len(refs.get(node.value, ())) == 1 and len(pairs) == 2 \
                and {p for p, _o in pairs} == {RDF_FIRST, RDF_REST}

        table = cls()
        for node, prop in ends:  # walk each list back from its end to the node that refers to its head
            items, nodes = [], []
            while prop == RDF_REST and list_node(node) and node.value not in table.nodes:
                items.append(next(o for p, o in props[node.value] if p == RDF_FIRST))
                nodes.append(node.value)
                node, prop = refs[node.value][0]
            if nodes and prop != RDF_TYPE:
                table.heads[nodes[-1]] = items[::-1]
                table.nodes.update(nodes)
        return table

    def to_json(self) -> dict:
        return {"heads": {head: [str(item) for item in items] for head, items in sorted(self.heads.items())},
                "nodes": sorted(self.nodes)}

    @classmethod
    def from_json(cls, data: dict | None) -> "ListTable":
        import pyoxigraph as ox
        data = data or {}

        def term(text: str):
            triple = next(iter(ox.parse(f"<urn:x:s> <urn:x:p> {text} .\n".encode("utf-8"),
                                        format=ox.RdfFormat.N_TRIPLES, rename_blank_nodes=False)))
            return triple.object
        return cls({head: [term(item) for item in items] for head, items in data.get("heads", {}).items()},
                   set(data.get("nodes", ())))


class Compactor:
    """Renders subjects as compact node objects under ``context`` (a JSON-LD 1.1 context of prefixes and
    terms ``{"@id": ..., "@type": "@id"?}``)."""

    def __init__(self, context: dict):
        self.namespaces: dict[str, str] = {}
        for name, iri in sorted(context.items(), key=lambda kv: (len(kv[0]), kv[0])):
            if isinstance(iri, str) and not name.startswith("@") and GEN_DELIMS.match(iri[-1:]):
                self.namespaces.setdefault(iri, name)
        self.terms: dict[str, tuple[str, bool]] = {}
        for term, definition in sorted(context.items()):
            if isinstance(definition, dict) and "@id" in definition:
                prefix, _, rest = definition["@id"].partition(":")
                iri = context[prefix] + rest if isinstance(context.get(prefix), str) else definition["@id"]
                self.terms.setdefault(iri, (term, definition.get("@type") == "@id"))
        self._iris: dict[str, str] = {}
        import pyoxigraph as ox
        self._ox = ox

    def iri(self, iri: str) -> str:
        """The shortest prefixed name of ``iri`` (the least of equals), else ``iri``."""
        compact = self._iris.get(iri)
        if compact is None:
            compact = iri
            for match in GEN_DELIMS.finditer(iri):
                name = self.namespaces.get(iri[:match.end()])
                suffix = iri[match.end():]
                if name is not None and not suffix.startswith("//"):
                    candidate = f"{name}:{suffix}"
                    if (len(candidate), candidate) < (len(compact), compact):
                        compact = candidate
            if len(self._iris) > 100_000:
                self._iris.clear()
            self._iris[iri] = compact
        return compact

    def value(self, term, node_valued: bool, lists: ListTable):
        ox = self._ox
        if isinstance(term, ox.NamedNode):
            if term.value == RDF_NIL:
                return {"@list": []}
            return self.iri(term.value) if node_valued else {"@id": self.iri(term.value)}
        if isinstance(term, ox.BlankNode):
            items = lists.heads.get(term.value)
            if items is not None:
                return {"@list": [self.value(item, node_valued, lists) for item in items]}
            return "_:" + term.value if node_valued else {"@id": "_:" + term.value}
        datatype = term.datatype.value
        if term.language:
            value = {"@language": term.language, "@value": term.value}
            direction = getattr(term, "direction", None)
            if direction:
                value["@direction"] = str(direction)
            return value
        if datatype == XSD_STRING:
            return {"@value": term.value} if node_valued else term.value
        if datatype == XSD_BOOLEAN and term.value in ("true", "false"):
            return term.value == "true"
        return {"@type": self.iri(datatype), "@value": term.value}

    def node(self, subject, pairs, lists: ListTable) -> dict:
        """The node object of ``subject`` with its (predicate IRI, object term) ``pairs``."""
        ox = self._ox
        out: dict = {"@id": self.iri(subject.value) if isinstance(subject, ox.NamedNode) else "_:" + subject.value}
        types, values = [], defaultdict(list)
        for predicate, obj in pairs:
            if predicate == RDF_TYPE and not isinstance(obj, ox.Literal):
                types.append(self.iri(obj.value) if isinstance(obj, ox.NamedNode) else "_:" + obj.value)
                continue
            key, node_valued = self.terms.get(predicate) or (self.iri(predicate), False)
            values[key].append(self.value(obj, node_valued, lists))
        if types:
            out["@type"] = types[0] if len(types) == 1 else sorted(types)
        for key, items in values.items():
            out[key] = items[0] if len(items) == 1 else sorted(items, key=_dumps)
        return out

    def chunk(self, data: bytes, lists: ListTable) -> bytes:
        """The nodes of the sorted N-Triples ``data`` (whole subjects), one a line, each followed by ",\\n";
        the nodes of lists written as ``@list`` are left out."""
        ox = self._ox
        out = []
        subject, pairs = None, []

        def flush():
            if subject is not None and not (isinstance(subject, ox.BlankNode) and subject.value in lists.nodes):
                out.append(_dumps(self.node(subject, pairs, lists)) + ",\n")
        for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES, rename_blank_nodes=False):
            if t.subject != subject:
                flush()
                subject, pairs = t.subject, []
            pairs.append((t.predicate.value, t.object))
        flush()
        return "".join(out).encode("utf-8")
