"""Publishing a passing build into a SPARQL 1.1 store over the W3C protocols (``wbkg publish``).

- ``graphs``  what is sent: the named graphs of wbkg.nq, their merge wbkg.nt, the drafts on request
- ``gsp``     the Graph Store HTTP Protocol (PUT, DELETE, Oxigraph's bulk N-Quads POST), credentials
- ``folding`` literals a store holds as one value (Virtuoso), which the count check allows for exactly
- ``record``  what each store was sent, under build/publish/, so the next publish sends only what changed
- ``run``     the publish: send what changed, verify the triple count of every graph, say what failed

Drafts are never in the default graph: only ``--include-drafts`` publishes them, each in its own named graph
graph:draft/<id>, as wbkg-drafts.nq holds them.
"""
from __future__ import annotations

from .run import Published, PublishFailed, publish

__all__ = ["Published", "PublishFailed", "publish"]
