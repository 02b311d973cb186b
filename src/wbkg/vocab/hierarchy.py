"""Closing the ontology's hierarchies (sub-classes, sub-properties): the schema.org view, the OWL RL rules and
the consistency checks all need, for each term, every term above it."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from rdflib import URIRef


def reachable(pairs: Iterable[tuple]) -> dict[URIRef, set[URIRef]]:
    """For each IRI with an edge, every IRI reachable from it along the (sub, super) ``pairs`` (blank nodes
    left out); a term is in its own set only when a cycle leads back to it."""
    direct = defaultdict(set)
    for sub, sup in pairs:
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            direct[sub].add(sup)
    out = {}
    for start in list(direct):
        seen, stack = set(), [start]
        while stack:
            for nxt in direct.get(stack.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        out[start] = seen
    return out
