"""A worker's life: open the store read-only (each worker its own handle, opened after the fork), then answer
jobs: SPARQL protocol requests and pages."""
from __future__ import annotations

from .backend import require_backend
from .context import Site, Startup
from .reader import StoreReader


def starter(startup: Startup):
    """What the zygote runs in each new worker: returns the worker's job handler."""
    def start():
        from .pages import PAGES, query

        site = Site(startup, StoreReader(require_backend(startup.project)))

        def handle(kind: str, payload):
            if kind == "sparql":
                return query.answer(site, payload)
            if kind == "page":
                name, args = payload
                return PAGES[name](site, args)
            raise ValueError(f"unknown job kind {kind!r}")
        return handle
    return start
