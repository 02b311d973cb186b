"""Reading RDF files with errors that name the file, line and column."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from .errors import InputError


def read_text(path: Path) -> str:
    """Read a UTF-8 file; a missing or non-UTF-8 file is an InputError naming it."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError("file not found", path) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"not UTF-8: byte 0x{data[exc.start]:02x} at byte offset {exc.start} cannot be decoded",
            path, line, column) from exc


def parse_turtle(path: Path, graph: Graph | None = None, text: str | None = None) -> Graph:
    """Parse a Turtle file into ``graph`` (a new Graph by default)."""
    if text is None:
        text = read_text(path)
    graph = Graph() if graph is None else graph
    try:
        graph.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    except BadSyntax as exc:
        line, column = _position(exc, text)
        raise InputError(f"Turtle syntax error: {exc._why}", path, line, column) from exc
    except Exception as exc:  # rdflib raises assorted errors for bad IRIs, prefixes, literals
        raise InputError(f"Turtle error: {exc}", path) from exc
    return graph


def _position(exc: BadSyntax, text: str) -> tuple[int, int]:
    """1-based line and column of a BadSyntax error within ``text``."""
    source = exc._str
    index = exc._i
    if isinstance(source, bytes):
        prefix = source[:index].decode("utf-8", errors="replace")
    else:
        prefix = source[:index]
    line = prefix.count("\n") + 1
    column = len(prefix) - (prefix.rfind("\n") + 1) + 1
    return line, column
