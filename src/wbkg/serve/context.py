"""What a worker's pages and queries see: the store (to read with SPARQL, and to evaluate protocol queries
on), the ontology's vocabulary, the stored queries, the build's figures and the server's settings. Made
from a Startup (computed once in the server before the fork) and the store the worker opened itself."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ..project import Project
from ..query.stored import StoredQuery
from ..vocab.namespaces import DRAFT_GRAPH
from .config import ServerConfig
from .engine import StoreEngine
from .reader import QUERY_PREFIXES, StoreReader
from .terms import Terms
from .vocabulary import Vocabulary


DESCRIBE = re.compile(r"^\s*DESCRIBE\b", re.IGNORECASE | re.MULTILINE)


@dataclass
class Startup:
    """Small, computed once before the fork, shared by every worker."""

    project: Project
    config: ServerConfig
    vocab: Vocabulary
    queries: dict[str, StoredQuery] = field(default_factory=dict)
    figures: dict = field(default_factory=dict)     # build/stats.json


@dataclass
class Site:
    startup: Startup
    reader: StoreReader
    forms: dict[str, str] = field(default_factory=dict)   # stored query -> its form, parsed on first use
    memos: dict = field(default_factory=dict)

    def memo(self, key: str, compute):
        """A figure about the whole store, computed on its first use in this worker: the store is read-only
        while the server runs (a new build is served after a restart)."""
        if key not in self.memos:
            self.memos[key] = compute()
        return self.memos[key]

    @property
    def project(self) -> Project:
        return self.startup.project

    @property
    def config(self) -> ServerConfig:
        return self.startup.config

    @property
    def vocab(self) -> Vocabulary:
        return self.startup.vocab

    @property
    def queries(self) -> dict[str, StoredQuery]:
        return self.startup.queries

    @property
    def figures(self) -> dict:
        return self.startup.figures

    @property
    def base_url(self) -> str:
        return self.config.public_url

    @property
    def drafts(self) -> bool:
        """Whether this site shows the drafts (``include-drafts=true``): its pages mark their facts."""
        return self.reader.drafts

    @cached_property
    def has_drafts(self) -> bool:
        """Whether the build holds any draft (then the pages offer to show them)."""
        return any(g.value.startswith(str(DRAFT_GRAPH)) for g in self.reader.store.named_graphs())

    @cached_property
    def engine(self) -> StoreEngine:
        if getattr(self.reader, "remote", False):   # wbkg serve --backend
            from .remote import RemoteEngine
            return RemoteEngine(self.reader.backend)
        return StoreEngine(self.reader.backend)

    def terms(self) -> Terms:
        """Labels and classes for one page (fetched together, per request)."""
        return Terms(self.reader, self.vocab)

    def query_form(self, name: str) -> str:
        """SELECT, ASK, CONSTRUCT or DESCRIBE: Oxigraph parses the query on an empty store in microseconds,
        where rdflib's parser takes a tenth of a second a query (it still says why one does not parse)."""
        if name not in self.forms:
            import pyoxigraph as ox
            text = self.queries[name].text
            try:
                answer = ox.Store().query(text, prefixes=QUERY_PREFIXES)
                form = {ox.QueryBoolean: "ASK", ox.QuerySolutions: "SELECT"}.get(type(answer))
                self.forms[name] = form or ("DESCRIBE" if DESCRIBE.search(text) else "CONSTRUCT")
            except (SyntaxError, ValueError):
                try:
                    self.forms[name] = self.queries[name].form
                except Exception as exc:  # a stored query being edited may not parse: list it, do not fail
                    self.forms[name] = f"does not parse: {exc}"
        return self.forms[name]
