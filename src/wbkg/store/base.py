"""The one store interface: what the pipeline, the CLI and the server need of a store, whatever the backend.

A backend answers SPARQL 1.1 queries over named graphs plus a default graph that is their RDF merge
(each triple once), and returns ``wbkg.query.results.Result``, so output formats and golden results do not
depend on the backend. Parameters are bound by the engine as RDF terms, never pasted into the text.
"""
from __future__ import annotations

from typing import Protocol, runtime_checkable

from ..query.results import Result


@runtime_checkable
class Store(Protocol):
    name: str

    def query(self, text: str, prepared=None, bindings: dict | None = None) -> Result:
        """Run a query; ``prepared`` (rdflib's parse of ``text``) is optional, ``bindings`` maps variable
        names to rdflib terms."""

    def __len__(self) -> int:
        """Quads held, the default graph's included."""

    def close(self) -> None:
        """Release files and locks (a persistent store allows one writer)."""
