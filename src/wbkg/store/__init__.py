"""Stores: one interface (``base.Store``), backends registered by name, as rdflib registers its plugins.

``open_store(name, ...)`` is the one place a backend is chosen: ``oxigraph`` (embedded pyoxigraph, in
memory or on disk; the build's store), ``rdflib`` (a Dataset in memory: the reference engine) and ``remote``
(any SPARQL 1.1 store over the SPARQL 1.1 Protocol, filled by ``wbkg publish``).
"""
from __future__ import annotations

from importlib import import_module

from ..errors import UsageError
from .base import Store

_BACKENDS: dict[str, str] = {
    "oxigraph": "wbkg.store.oxigraph:OxigraphStore",
    "rdflib": "wbkg.store.memory:RdflibStore",
    "remote": "wbkg.store.remote:RemoteStore",
}


def register(name: str, target: str) -> None:
    """Register a backend class as ``"package.module:Class"`` (imported when first used)."""
    _BACKENDS[name] = target


def backends() -> tuple[str, ...]:
    return tuple(sorted(_BACKENDS))


def backend(name: str, parameter: str = "--store"):
    """The backend class registered as ``name``; a UsageError naming ``parameter`` for an unknown one."""
    try:
        module, _, attribute = _BACKENDS[name].partition(":")
    except KeyError:
        raise UsageError(f"{parameter} {name}: no such store; use one of {', '.join(backends())}",
                         parameter=parameter) from None
    return getattr(import_module(module), attribute)


def from_exports(name: str, nquads: bytes, merge: bytes, **options) -> Store:
    """A store of backend ``name`` holding the named graphs (N-Quads) and their merge (N-Triples)."""
    return backend(name).from_exports(nquads, merge, **options)


__all__ = ["Store", "backend", "backends", "from_exports", "register"]
