"""The global SHACL pass redone only where a change can matter: ``run.incremental_global`` gives exactly the
records of the full pass (``full_pass.full_global``) on the new data. How and why it is exact, and when it
falls back to the full pass: docs/SHACL-INCREMENTAL.md.

Modules: ``triples`` (look-ups in the sorted merge and the store), ``automaton`` (property paths),
``plan`` (SPARQL-based shapes compiled into plans), ``footprint`` (what the plans and the other shapes read,
and which focus nodes a change reaches), ``run`` (the pass)."""
from __future__ import annotations

from rdflib.namespace import RDF, RDFS

RDF_TYPE = f"<{RDF.type}>"
SUBCLASS = f"<{RDFS.subClassOf}>"


class Fallback(Exception):
    """The incremental pass cannot guarantee the full pass's answer cheaply: run the full call."""


class Unsupported(Fallback):
    """A SPARQL-based shape uses what a plan does not model."""
