"""A worker's life: open the store read-only (each worker its own handle, opened after the fork), then answer
jobs: SPARQL protocol requests and pages."""
from __future__ import annotations

from .backend import require_backend
from .context import Site, Startup
from .reader import NotAnIri, StoreReader
from .replies import not_found


def starter(startup: Startup):
    """What the zygote runs in each new worker: returns the worker's job handler."""
    def start():
        from ..sandbox import confine
        from .pages import PAGES, query

        confine()   # the worker runs the queries: no network, whatever a query says (wbkg.sandbox)

        site = Site(startup, StoreReader(require_backend(startup.project)))

        def handle(kind: str, payload):
            if kind == "sparql":
                return query.answer(site, payload)
            if kind == "page":
                name, args = payload
                try:
                    return PAGES[name](site, args)
                except NotAnIri:   # /id/%zz and the like: no such resource
                    return not_found(args.get("accept"), "Nothing in the graph has this address.")
            raise ValueError(f"unknown job kind {kind!r}")
        return handle
    return start
