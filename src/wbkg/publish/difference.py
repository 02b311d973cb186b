"""The default graph (the merge) sent as a difference. One more article changes a few thousand triples of a
merge of millions, and a PUT of the whole merge is the slowest request of an incremental publish (484 s at
10,000 articles on an Oxigraph server, slower than the full publish). So the merge last published to a store
is kept beside its record (a hard link to that build's export, free until the export goes), and when the new
merge only adds triples, the additions go as one Graph Store POST (an RDF merge into the graph, SPARQL 1.1
Graph Store Protocol 5.5). A merge that lost triples is PUT whole: the protocol has no way to remove some
triples of a graph, and SPARQL Update would need a second endpoint and rights."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from .graphs import Piece


def copy_path(record_file: Path, sha256: str) -> Path:
    """Where the merge published with content hash ``sha256`` is kept for the store of ``record_file``."""
    return record_file.with_name(f"{record_file.stem}.{sha256[:16]}.nt")


def additions(old: Path, new: Path) -> bytes | None:
    """The lines of ``new`` not in ``old`` (both sorted N-Triples, as the exporter writes them), or None when
    ``new`` lacks a line of ``old`` (or either file is out of order, so that a walk cannot tell)."""
    added: list[bytes] = []
    with open(old, "rb") as before, open(new, "rb") as after:
        a, b = before.readline(), after.readline()
        last_a = last_b = b""
        while b:
            if a and a < last_a or b < last_b:
                return None
            if a and a == b:
                last_a, last_b = a, b
                a, b = before.readline(), after.readline()
            elif a and a < b:
                if a.strip():
                    return None   # removed
                last_a, a = a, before.readline()
            else:
                if b.strip():
                    added.append(b)
                last_b, b = b, after.readline()
        while a:
            if a.strip():
                return None
            a = before.readline()
    return b"".join(added)


def keep(record_file: Path, merge: Piece) -> None:
    """Keep the merge just published (and verified) for the next difference; drop any other kept one."""
    target = copy_path(record_file, merge.sha256)
    if not target.exists():
        temporary = target.with_suffix(".tmp")
        temporary.unlink(missing_ok=True)
        try:
            os.link(merge.path, temporary)
        except OSError:   # another file system, or no hard links: a copy
            shutil.copyfile(merge.path, temporary)
        os.replace(temporary, target)
    for other in record_file.parent.glob(f"{record_file.stem}.*.nt"):
        if other != target:
            other.unlink(missing_ok=True)
