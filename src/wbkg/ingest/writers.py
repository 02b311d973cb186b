"""Every draft writer, registered by importing its module: the one import that makes write_draft know them."""
from __future__ import annotations

from . import draft_capacity, draft_entities, draft_events, draft_histories, draft_kinds  # noqa: F401  (each registers)
from .draft import WRITERS

__all__ = ["WRITERS"]
