"""The one build pipeline: named stages over one state (run.py), each a module with one job:

load (inputs.py), grounding (ground.py), store (storing.py), shacl (validate.py), violation-queries
(check.py), reasoning (reason.py), export (publish.py). A rebuild redoes only what a change reaches: articles
are cached by content hash (manifest.py) and the store is updated by difference (store/diff.py). Readers of
a build (query, show, export, serve...) go through access.py. docs/ARCHITECTURE.md has the picture.
"""
from __future__ import annotations

from .run import build

__all__ = ["build"]
