"""Writing a review's results: blocks of stable sorted Turtle appended to the curated files, and every file of
one action written to a temporary file first and renamed only when all were written.

The curated files are partly hand-written (comments, section order): they are never re-serialised. Accepted
facts are appended as one commented block per action (subjects sorted, predicates sorted with rdf:type first,
objects sorted: wbkg.ingest.draft_turtle), with an ``@prefix`` line for any prefix the file lacks, so the git
diff of an action is exactly what it added. The new text is parsed and compared with the old graph plus the
added triples before anything is written. Drafts are machine-written and are re-serialised whole.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from rdflib import Graph

from ..errors import InputError
from ..fileio import _remove_quietly, _umask
from ..ingest.draft_turtle import PREFIXES, blocks, prefix_lines, turtle
from ..rdfio import parse_turtle

_DECLARED = re.compile(r"@prefix\s+([A-Za-z][\w-]*)?:\s*<([^>]*)>")


def appended(path: Path, old: str | None, triples: list[tuple], base: str | None, note: str,
             header: str = "") -> str:
    """The text of ``path`` with ``triples`` appended as one block under the comment ``note``; a new file
    starts with ``header`` (comment lines) and the prefixes."""
    body = blocks(triples, base or "\0")
    if old is None:
        head = [header.rstrip("\n")] if header else []
        lines = prefix_lines(base) if base else [f"@prefix {n}: <{ns}> ." for n, ns in sorted(PREFIXES.items())]
        new = "\n".join(head + lines) + "\n"
    else:
        declared = dict(_DECLARED.findall(old))
        wanted = dict(PREFIXES, **({"": base} if base else {}))
        used = set(re.findall(r"(?<![\w<\"])([A-Za-z][\w-]*|):[A-Za-z_]", body))
        missing = [f"@prefix {name}: <{ns}> ." for name, ns in sorted(wanted.items())
                   if name in used and declared.get(name) != ns]
        new = old.rstrip("\n") + "\n" + ("".join(line + "\n" for line in missing))
    if body:
        comment = "".join(f"# {line}\n".replace("# \n", "#\n") for line in note.splitlines())
        new += "\n" + comment + "\n" + body
    _check(path, old, new, triples)
    return new


def draft_text(header: str, base: str, triples: list[tuple]) -> str:
    return turtle(sorted(set(triples)), base, header)


def _check(path: Path, old: str | None, new: str, triples: list[tuple]) -> None:
    """The new text parses to the old graph plus ``triples``: a bug here must not damage a curated file."""
    try:
        graph = parse_turtle(path, text=new)
    except InputError as error:
        raise InputError(f"the review would write Turtle that does not parse ({error.detail}); nothing written",
                         path) from error
    expected = parse_turtle(path, text=old) if old is not None else Graph()
    for triple in triples:
        expected.add(triple)
    if set(graph) != set(expected):
        raise InputError("the review would change triples it did not mean to; nothing written", path)


def commit(changes: dict[Path, str | None]) -> None:
    """Write every file (text) or remove it (None) as one step: all new texts go to temporary files beside
    their targets first; if any write fails, the temporary files are removed and nothing has changed. Then
    each is renamed over its target (an atomic rename each), drafts last, so an interruption between renames
    leaves facts in both the draft and the curated file rather than in neither."""
    temps: list[tuple[str, Path]] = []
    try:
        for path, text in changes.items():
            if text is None:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            temps.append((tmp, path))
            os.fchmod(fd, 0o666 & ~_umask())
            with os.fdopen(fd, "wb") as handle:
                handle.write(text.encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException as error:
        for tmp, _ in temps:
            _remove_quietly(tmp)
        if isinstance(error, OSError):
            raise InputError(f"cannot write: {error.strerror}; nothing changed", temps[-1][1] if temps else None) \
                from error
        raise
    last = [p for p in changes if p.parent.name == "drafts"]
    for tmp, path in sorted(temps, key=lambda t: t[1] in last):
        os.replace(tmp, path)
    for path, text in changes.items():
        if text is None and path.exists():
            path.unlink()


__all__ = ["appended", "draft_text", "commit"]
