"""SHACL in the build, after the per-article validations: which focus nodes are local to one
article (their per-article results stand) and which are shared, and the global pass for the shared ones and
the SPARQL-based shapes, in full (``full_pass``) or redone where a change can matter (``incremental``)."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from rdflib import Graph, URIRef

from .engine import ShaclReport
from .full_pass import full_global
from .incremental.run import incremental_global
from .records import RECORDS_FILE, GlobalRecords, merge_reports


def focus_partition(stems, summaries: dict, entities: Graph, metadata: Graph, ontology: Graph):
    """(the focus nodes local to one article, the sorted shared ones): a node is local when it occurs in one
    article graph only and nowhere in the entities, the metadata or the ontology."""
    occurs = Counter()
    for stem in stems:
        for node in summaries[stem]["nodes"]:
            occurs[node] += 1
    outside = {str(s) for g in (entities, metadata, ontology) for s in g.subjects()} | \
              {str(o) for g in (entities, metadata) for o in g.objects() if isinstance(o, URIRef)}
    local = {n for n, c in occurs.items() if c == 1 and n not in outside}
    subjects = {str(s) for g in (entities, metadata, ontology) for s in g.subjects() if isinstance(s, URIRef)}
    for stem in stems:
        subjects.update(summaries[stem]["subjects"])
    return local, sorted(n for n in subjects if n not in local and not n.startswith("_:"))


def global_shacl(shapes, stems, summaries, entities, metadata, ontology, folder, core_file: Path, pool=None, *,
                 store=None, change=None, shapes_key: str | None = None) -> ShaclReport:
    """Merge the cached per-article results (focus nodes local to their article) with one global pass over
    the merge of every named graph but the schema view: every shape for the shared focus nodes, and the
    SPARQL-based shapes for all, each on the part of the merge its shapes can read (``scope``). After an
    incremental change (``change``, with the updated ``store``), only the focus nodes whose results it can
    alter are validated again, the others keep the last build's records (``incremental``); the
    records of both calls are kept in build/scale/global-records.json for the next build."""
    local, shared_nodes = focus_partition(stems, summaries, entities, metadata, ontology)
    records = set()
    for stem in stems:
        for focus, record in json.loads((folder / f"{stem}.shacl.json").read_text(encoding="utf-8")):
            if focus in local:
                records.add((focus, record))
    saved = core_file.with_name(RECORDS_FILE)
    previous = GlobalRecords.load(saved) if change is not None else None
    if previous is not None and previous.shapes_key == shapes_key:
        result = incremental_global(shapes, store.store, change.core_added, change.core_removed, previous,
                                    shared_nodes, core_file, core_file.parent, shapes_key=shapes_key)
    else:
        result = full_global(shapes, shared_nodes, core_file, core_file.parent, shapes_key, pool=pool)
    result.save(saved)
    records.update(result.all())
    return merge_reports(sorted(records), shapes)
