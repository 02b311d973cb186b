"""Query results in a store-independent shape, and their formats: table, csv, tsv, json (SELECT/ASK);
turtle, json-ld, nt (CONSTRUCT/DESCRIBE)."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from decimal import Decimal

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ..errors import UsageError
from ..vocab.namespaces import bind_prefixes

TABULAR_FORMATS = ("table", "csv", "tsv", "json")
GRAPH_FORMATS = ("turtle", "json-ld", "nt")


@dataclass
class Result:
    form: str                      # SELECT, ASK, CONSTRUCT, DESCRIBE
    variables: list[str]
    rows: list[tuple]              # SELECT: tuples of rdflib terms or None
    boolean: bool | None = None    # ASK
    graph: Graph | None = None     # CONSTRUCT / DESCRIBE

    def __len__(self) -> int:
        if self.form == "ASK":
            return int(bool(self.boolean))
        if self.graph is not None:
            return len(self.graph)
        return len(self.rows)


INTEGER_TYPES = {XSD.integer, XSD.nonNegativeInteger, XSD.positiveInteger, XSD.nonPositiveInteger,
                 XSD.negativeInteger, XSD.long, XSD.int, XSD.short, XSD.byte, XSD.unsignedLong, XSD.unsignedInt,
                 XSD.unsignedShort, XSD.unsignedByte}


def normal(term):
    """Numbers in one canonical form, whatever the store: integer types as xsd:integer, decimals without
    trailing zeros ("200.0" -> "200"); language tags in lower case (BCP 47 tags are case-insensitive; Oxigraph
    lowers them, rdflib keeps them as written). Oxigraph stores numbers by value; rdflib keeps the lexical form."""
    if isinstance(term, Literal) and term.language and term.language != term.language.lower():
        return Literal(str(term), lang=term.language.lower())
    if not isinstance(term, Literal) or term.datatype is None:
        return term
    try:
        if term.datatype in INTEGER_TYPES:
            return Literal(str(int(str(term))), datatype=XSD.integer)
        if term.datatype == XSD.decimal:
            value = Decimal(str(term))
            text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
            if "." in text and value != value.to_integral_value():
                text = text.rstrip("0").rstrip(".")
            return Literal(text, datatype=XSD.decimal)
    except (ValueError, ArithmeticError):
        return term
    return term


def from_rdflib(result) -> Result:
    if result.type == "ASK":
        return Result("ASK", [], [], boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        graph = bind_prefixes(Graph())
        for s, p, o in result.graph:
            graph.add((s, p, normal(o)))
        return Result(result.type, [], [], graph=graph)
    variables = [str(v) for v in result.vars]
    return Result("SELECT", variables, [tuple(normal(t) for t in row) for row in result])


def csv_value(term) -> str:
    """SPARQL 1.1 CSV: IRIs and literals as their plain strings, blank nodes as _:label, unbound empty."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def tsv_value(term) -> str:
    """SPARQL 1.1 TSV: terms in Turtle syntax."""
    if term is None:
        return ""
    return term.n3()


def json_value(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def select_json(variables: list[str], rows) -> dict:
    """SPARQL 1.1 Query Results JSON of a SELECT answer (unbound values are left out)."""
    return {"head": {"vars": variables},
            "results": {"bindings": [{v: json_value(t) for v, t in zip(variables, row) if t is not None}
                                     for row in rows]}}


def rows_from_json(body: dict) -> tuple[list[str], list[tuple]]:
    """Variables and rows of a SPARQL 1.1 Query Results JSON document (what a remote endpoint answers)."""
    variables = body["head"]["vars"]
    rows = []
    for binding in body["results"]["bindings"]:
        row = []
        for var in variables:
            cell = binding.get(var)
            if cell is None:
                row.append(None)
            elif cell["type"] == "uri":
                row.append(URIRef(cell["value"]))
            elif cell["type"] == "bnode":
                row.append(BNode(cell["value"]))
            else:
                datatype = cell.get("datatype")
                row.append(Literal(cell["value"], lang=cell.get("xml:lang"),
                                   datatype=URIRef(datatype) if datatype else None))
        rows.append(tuple(row))
    return variables, rows


def select_csv(variables: list[str], rows) -> str:
    """SPARQL 1.1 Query Results CSV (CRLF line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow([csv_value(t) for t in row])
    return buffer.getvalue()


def select_tsv(variables: list[str], rows) -> str:
    """SPARQL 1.1 Query Results TSV (terms in Turtle syntax)."""
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join(tsv_value(t) for t in row) for row in rows]
    return "\n".join(lines) + "\n"


def table_value(term, graph: Graph) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return term.n3(graph.namespace_manager)
    if isinstance(term, Literal):
        return str(term).replace("\n", "⏎")
    return str(term)


def render(result: Result, fmt: str) -> str:
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        if fmt in ("table",):
            fmt = "turtle"
        if fmt not in GRAPH_FORMATS:
            raise UsageError(f"--format {fmt} does not fit a {result.form} query; use one of "
                             f"{', '.join(GRAPH_FORMATS)}", parameter="--format")
        from ..export.rdflib_dataset import serialize_graph
        return serialize_graph(result.graph, fmt)
    if fmt not in TABULAR_FORMATS:
        raise UsageError(f"--format {fmt} does not fit a {result.form} query; use one of "
                         f"{', '.join(TABULAR_FORMATS)}", parameter="--format")
    if result.form == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "json":
        return json.dumps(select_json(result.variables, result.rows), ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        return select_csv(result.variables, result.rows)
    if fmt == "tsv":
        return select_tsv(result.variables, result.rows)
    names = bind_prefixes(Graph())
    cells = [[table_value(t, names) for t in row] for row in result.rows]
    widths = [len(v) for v in result.variables]
    for row in cells:
        widths = [min(max(w, len(c)), 70) for w, c in zip(widths, row)]

    def fit(text: str, width: int) -> str:
        return text if len(text) <= width else text[:width - 1] + "…"
    lines = ["  ".join(v.ljust(w) for v, w in zip(result.variables, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for row in cells:
        lines.append("  ".join(fit(c, w).ljust(w) for c, w in zip(row, widths)).rstrip())
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
