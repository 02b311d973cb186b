"""What the last build saw and left: content hashes of the inputs, the manifest, the caches under
build/scale/ and the mark of a build that was stopped half-way. A rebuild compares these to redo only what a
change can reach."""
from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from pathlib import Path

from rdflib import Graph
from rdflib.plugins.serializers.nt import _nt_row

from ..corpus import unit_graph_file, unit_stem
from ..fileio import atomic_write_text
from ..project import Project

#: bump when the caches' meaning changes: every article is processed again
CODE_VERSION = "wbkg-pipeline-3"
PIECES = ("ontology", "entities", "corpus", "schema-view", "entailments")
#: the pieces derived from the others: in the published merge, not in what SHACL and HermiT read
DERIVED = ("schema-view", "entailments")
PENDING = "IN-PROGRESS"


def sha(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def dir_hash(folder: Path, pattern: str) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.glob(pattern)):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def entity_hashes(entities: Graph) -> dict[str, str]:
    """One hash per described entity: its triples in graph/entities.ttl, sorted."""
    lines = defaultdict(list)
    for s, p, o in entities:
        lines[str(s)].append(_nt_row((s, p, o)))
    return {s: sha("".join(sorted(rows))) for s, rows in lines.items()}


def scale_dir(project: Project) -> Path:
    return project.build_dir / "scale"


def store_dir(project: Project) -> Path:
    return project.build_dir / "oxigraph"


def core_file(project: Project) -> Path:
    """The merge of every graph but the derived ones (schema view, entailments; sorted N-Triples): what SHACL
    and HermiT read."""
    return scale_dir(project) / "merge-without-view.nt"


def core_index(project: Project) -> Path:
    """Where each chunk of ``core_file`` lies, for splicing it."""
    return scale_dir(project) / "core.json"


def merge_file(project: Project) -> Path:
    """The full merge a full build leaves until its exports are written."""
    return scale_dir(project) / "merge.nt"


def articles_dir(project: Project) -> Path:
    """Each article graph's cached result: <unit>.nq, .extra.nq, .json, .shacl.json (drafts in draft/)."""
    return scale_dir(project) / "articles"


def stats_file(project: Project) -> Path:
    """The figures of the last build, passing or not (the published stats.json only of a passing one)."""
    return scale_dir(project) / "stats.json"


def pieces_dir(project: Project) -> Path:
    """The shared graphs' lines as the last build saw them (what an incremental build compares with)."""
    return scale_dir(project) / "pieces"


def file_stat(project: Project, unit: str) -> list[int]:
    """Size and modification time of an article's text and its graph (or draft, ``unit``): unchanged, their
    hash need not be read again."""
    a, b = project.article_text_file(unit_stem(unit)).stat(), unit_graph_file(project, unit).stat()
    return [a.st_size, a.st_mtime_ns, b.st_size, b.st_mtime_ns]


def files_hash(project: Project, unit: str) -> str:
    return sha(project.article_text_file(unit_stem(unit)).read_bytes() + b"\0"
               + unit_graph_file(project, unit).read_bytes())


def input_stats(project: Project) -> dict:
    """Size and modification time of every input file: a cheap test that a build is up to date."""
    out = {}
    for folder, pattern in ((project.ontology_dir, "*.ttl"), (project.graph_dir, "*.ttl"),
                            (project.articles_graph_dir, "*.ttl"), (project.drafts_dir, "*.ttl"),
                            (project.corpus_dir, "*"),
                            (project.shapes_dir, "*.ttl")):
        for path in sorted(folder.glob(pattern)):
            if path.is_file():
                st = path.stat()
                out[str(path.relative_to(project.root))] = [st.st_size, st.st_mtime_ns]
    return out


def read_manifest(project: Project) -> dict:
    try:
        return json.loads((scale_dir(project) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_manifest(project: Project, manifest: dict) -> None:
    atomic_write_text(scale_dir(project) / "manifest.json", json.dumps(manifest, indent=0, sort_keys=True) + "\n")


def save_pieces(folder: Path, pieces: dict[str, list[str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, lines in pieces.items():
        atomic_write_text(folder / f"{name}.nq", "".join(lines))


def load_pieces(folder: Path) -> dict[str, list[str]] | None:
    if not all((folder / f"{name}.nq").exists() for name in PIECES):
        return None
    return {name: (folder / f"{name}.nq").read_text(encoding="utf-8").splitlines(keepends=True) for name in PIECES}


def mark_pending(scale_folder: Path) -> None:
    """Say that the store and the caches are being changed: a build that finds this mark (the last one was
    stopped half-way) starts afresh instead of trusting them."""
    (scale_folder / PENDING).write_text("a build was changing the store\n", encoding="utf-8")


def pending(scale_folder: Path) -> bool:
    return (scale_folder / PENDING).exists()


def clear_pending(scale_folder: Path) -> None:
    try:
        os.unlink(scale_folder / PENDING)
    except FileNotFoundError:
        pass
