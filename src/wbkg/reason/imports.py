"""owl:imports are never fetched. owlready2 follows them over HTTP when it loads an ontology for HermiT (a
fetched ontology could turn the verdict, and a slow server stalled the build): the project's own ontology
is already part of the input, so an import of it is dropped; any other import is an input error that names
the file and line where it is written."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from rdflib import Graph, URIRef
from rdflib.namespace import OWL

from ..errors import InputError
from ..vocab.namespaces import ONTOLOGY_IRI, PREFIXES


def own_ontology(graph: Graph) -> set[URIRef]:
    """The IRIs that name the project's ontology: its IRI and version IRI (and the namespace forms)."""
    own = {ONTOLOGY_IRI, URIRef(str(PREFIXES["wbkg"])), URIRef(str(PREFIXES["wbkg"]).rstrip("#"))}
    own |= set(graph.objects(ONTOLOGY_IRI, OWL.versionIRI))
    return own


def where(iri: str, sources: Iterable[Path]) -> tuple[Path | None, int | None]:
    """The first file and line among ``sources`` that write ``iri`` (as <iri> or after owl:imports)."""
    for path in sources:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, 1):
            if f"<{iri}>" in line or ("imports" in line and iri in line):
                return Path(path), number
    return None, None


def local_imports(graph: Graph, sources: Iterable[Path] = ()) -> Graph:
    """``graph`` without its owl:imports: what HermiT may load without fetching anything."""
    imports = list(graph.triples((None, OWL.imports, None)))
    if not imports:
        return graph
    own = own_ontology(graph)
    for _, _, target in imports:
        if target not in own:
            path, line = where(str(target), list(sources))
            raise InputError(f"owl:imports <{target}>: wbkg never fetches an import; put the terms the data "
                             "needs into ontology/wbkg.ttl, or remove the import (only the project's own "
                             f"ontology, <{ONTOLOGY_IRI}>, may be imported)", path, line)
    out = Graph()
    out.namespace_manager = graph.namespace_manager
    for triple in graph:
        if triple[1] != OWL.imports:
            out.add(triple)
    return out
