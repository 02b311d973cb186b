"""The one place that locates the project's data folders.

The project root is, in order: the ``root`` argument, the ``WBKG_HOME`` environment variable, the folder
holding ``ontology/wbkg.ttl`` above the current directory, the source tree this package was installed from.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError

MARKER = Path("ontology") / "wbkg.ttl"


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def ontology_file(self) -> Path:
        return self.root / MARKER

    @property
    def graph_dir(self) -> Path:
        return self.root / "graph"

    @property
    def entities_file(self) -> Path:
        return self.graph_dir / "entities.ttl"

    @property
    def articles_graph_dir(self) -> Path:
        return self.graph_dir / "articles"

    @property
    def drafts_dir(self) -> Path:
        """graph/drafts/: the drafts `wbkg ingest` writes, one per article, until a person reviews them."""
        return self.graph_dir / "drafts"

    @property
    def rejected_dir(self) -> Path:
        """graph/rejected/: the draft facts a reviewer rejected, per article; not read by the build."""
        return self.graph_dir / "rejected"

    @property
    def corpus_dir(self) -> Path:
        return self.root / "corpus"

    @property
    def corpus_metadata_file(self) -> Path:
        return self.corpus_dir / "articles.ttl"

    @property
    def shapes_dir(self) -> Path:
        return self.root / "shapes"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    def article_graph_file(self, stem: str) -> Path:
        return self.articles_graph_dir / f"{stem}.ttl"

    def draft_file(self, stem: str) -> Path:
        return self.drafts_dir / f"{stem}.ttl"

    def rejected_file(self, stem: str) -> Path:
        return self.rejected_dir / f"{stem}.ttl"

    def article_text_file(self, stem: str) -> Path:
        return self.corpus_dir / f"{stem}.txt"


def _looks_like_root(path: Path) -> bool:
    return (path / MARKER).is_file()


def locate(root: str | os.PathLike | None = None) -> Project:
    """Find the project; raise UsageError naming what was tried when there is none."""
    if root is not None:
        candidate = Path(root).resolve()
        if not _looks_like_root(candidate):
            raise UsageError(f"{candidate}: not a wbkg project (no {MARKER})", parameter="--root")
        return Project(candidate)
    env = os.environ.get("WBKG_HOME")
    if env:
        candidate = Path(env).resolve()
        if not _looks_like_root(candidate):
            raise UsageError(f"WBKG_HOME={env}: not a wbkg project (no {MARKER})", parameter="WBKG_HOME")
        return Project(candidate)
    here = Path.cwd().resolve()
    for candidate in (here, *here.parents):
        if _looks_like_root(candidate):
            return Project(candidate)
    source_tree = Path(__file__).resolve().parents[2]
    if _looks_like_root(source_tree):
        return Project(source_tree)
    raise UsageError(
        f"no wbkg project found: no {MARKER} in {here} or its parents; pass --root or set WBKG_HOME",
        parameter="--root",
    )
