"""What the stages of a build share: the worker's read-only context, the build's state as the stages fill
it in, and the result a build returns."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from ..project import Project
from .manifest import articles_dir


@dataclass
class Context:
    """What a worker process needs to ground an article (set before the pool forks)."""
    project: Project
    entities: Graph
    ontology: Graph
    metadata: Graph
    entity_hash: dict
    view: object
    ontology_hash: str
    shapes_hash: str
    entailments: object = None                      # vocab.entailments.Entailments


@dataclass
class BuildState:
    project: Project
    reason: bool = True
    jobs: int = 1
    progress: bool = False
    # load
    files: dict = field(default_factory=dict)      # input sizes and times, taken before anything is read
    ctx: Context | None = None
    shapes: Graph | None = None
    manifest: dict = field(default_factory=dict)
    stems: list[str] = field(default_factory=list)
    todo: list[str] = field(default_factory=list)   # articles to ground again
    removed: list[str] = field(default_factory=list)
    summaries: dict[str, dict] = field(default_factory=dict)
    previous_pieces: dict | None = None
    can_increment: bool = False
    old_lines: dict[str, list[str]] = field(default_factory=dict)
    ontology_lines: list[str] = field(default_factory=list)
    pool: object = None
    # ground
    problems: list = field(default_factory=list)
    # store
    shared: dict[str, list[str]] = field(default_factory=dict)  # the shared graphs' sorted N-Quads lines
    store: object = None
    checking: object = None                         # the store with the drafts, as the checks read it    change: object = None                           # store.diff.Change, or None after a full load
    # checks
    checks: object = None
    timings: dict[str, float] = field(default_factory=dict)
    result: "BuildResult | None" = None

    @property
    def articles_dir(self) -> Path:
        return articles_dir(self.project)


@dataclass
class BuildResult:
    checks: object
    outputs: list[Path] = field(default_factory=list)
    reports: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    stats: dict = field(default_factory=dict)
    redone: list[str] = field(default_factory=list)
    reused: int = 0

    @property
    def ok(self) -> bool:
        return self.checks.ok
