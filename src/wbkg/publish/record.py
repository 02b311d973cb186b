"""What was published to each store, kept under ``build/publish/``: one file per store (named by a hash of
its graph-store URL and dataset settings), a line per graph sent (its hash and triple count), appended as
soon as the store accepted it. A publish that fails midway leaves exactly what the store holds in the
record, so running it again sends the rest. No credential is ever written here: the URL refuses them."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ..project import Project

FOLDER = "publish"


def record_path(project: Project, graph_store: str, merge_graph: str | None, include_drafts: bool) -> Path:
    key = json.dumps([graph_store, merge_graph or "", bool(include_drafts)])
    return project.build_dir / FOLDER / (hashlib.sha256(key.encode("utf-8")).hexdigest()[:20] + ".jsonl")


class Record:
    def __init__(self, path: Path, graph_store: str):
        self.path = path
        self.graph_store = graph_store
        self.graphs: dict[str, dict] = {}
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                entry = json.loads(line)
                if "store" in entry:
                    continue
                if entry.get("deleted"):
                    self.graphs.pop(entry["graph"], None)
                else:
                    self.graphs[entry["graph"]] = {"sha256": entry["sha256"], "triples": entry["triples"]}
        self._handle = None

    def holds(self, graph: str, sha256: str) -> bool:
        return self.graphs.get(graph, {}).get("sha256") == sha256

    def _append(self, entry: dict) -> None:
        if self._handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fresh = not self.path.exists()
            self._handle = open(self.path, "a", encoding="utf-8")
            if fresh:
                self._handle.write(json.dumps({"store": self.graph_store}) + "\n")
        self._handle.write(json.dumps(entry, sort_keys=True) + "\n")
        self._handle.flush()

    def sent(self, graph: str, sha256: str, triples: int) -> None:
        self.graphs[graph] = {"sha256": sha256, "triples": triples}
        self._append({"graph": graph, "sha256": sha256, "triples": triples})

    def forget(self, graph: str) -> None:
        """The store no longer holds ``graph`` as recorded (deleted, or failed its verification)."""
        self.graphs.pop(graph, None)
        self._append({"graph": graph, "deleted": True})

    def compact(self) -> None:
        """Rewrite the record as one line per graph (atomically), after a complete publish."""
        self.close()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(json.dumps({"store": self.graph_store}) + "\n")
            for graph in sorted(self.graphs):
                handle.write(json.dumps({"graph": graph, **self.graphs[graph]}, sort_keys=True) + "\n")
        os.replace(temporary, self.path)

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
