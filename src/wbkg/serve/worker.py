"""A worker's life: open the store read-only (each worker its own handle, opened after the fork), then answer
jobs: SPARQL protocol requests and pages, from reviewed facts or, when the request asks, with the drafts."""
from __future__ import annotations

from .backend import require_backend, require_views
from .context import Site, Startup
from .reader import NotAnIri, StoreReader
from .replies import not_found


def reader_of(store):
    """The pages' reader: over the build's store, or (``wbkg serve --backend``) over a remote one."""
    if getattr(store, "name", "") == "remote":
        from .remote import RemoteReader
        return RemoteReader(store)
    return StoreReader(store)


def starter(startup: Startup):
    """What the zygote runs in each new worker: returns the worker's job handler."""
    def start():
        from ..sandbox import confine
        from .pages import PAGES, query

        if startup.config.backend:   # wbkg serve --backend: the remote store, reviewed and with the drafts
            # not confined: the worker must open TCP connections to the one URL named (httpx, no proxy from the
            # environment, no redirects); queries are still refused in front of it (SERVICE, FROM, updates)
            from .remote import open_remote, RemoteReader
            reviewed = require_backend(startup.project, startup.config)
            with_drafts = open_remote(startup.config.backend, startup.config.merge_graph, include_drafts=True)
            sites = {False: Site(startup, RemoteReader(reviewed)), True: Site(startup, RemoteReader(with_drafts, True))}
        else:
            confine()   # the worker runs the queries: no network, whatever a query says (wbkg.sandbox)

            reviewed, with_drafts = require_views(startup.project)
            # one site per view of the one store: each keeps its own figures (memos), as the two differ
            sites = {False: Site(startup, StoreReader(reviewed)), True: Site(startup, StoreReader(with_drafts, True))}

        def handle(kind: str, payload):
            if kind == "sparql":
                return query.answer(sites[payload.include_drafts], payload)
            if kind == "page":
                name, args = payload
                site = sites[bool(args.get("drafts"))]
                try:
                    return PAGES[name](site, args)
                except NotAnIri:   # /id/%zz and the like: no such resource
                    return not_found(args.get("accept"), "Nothing in the graph has this address.")
            raise ValueError(f"unknown job kind {kind!r}")
        return handle
    return start
