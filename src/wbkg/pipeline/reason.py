"""Stage ``reasoning``: HermiT on the ontology, every entity description and a fixed sample of articles (its
cost grows superlinearly and its heap fills at about a million triples), which is where schema-level mistakes
show; and the OWL RL consistency rules that matter for this ontology on the whole store with SPARQL, which is
linear (reason/clashes.py)."""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from rdflib import BNode, Graph
from rdflib.plugins.serializers.nt import _nt_row

from ..vocab.namespaces import ARTICLE
from ..corpus import unit_stem
from ..reason.clashes import owl_rl_clashes
from ..reason.hermit import ReasonerReport, hermit, without_text_spans
from ..store.diff import strip_graph
from .manifest import scale_dir, sha
from .pieces import article_lines
from .state import BuildState

NAME = "reasoning"
HERMIT_SAMPLE = 25


def run(state: BuildState):
    ctx = state.ctx
    project = state.project
    sources = [project.ontology_file, project.entities_file, *sorted(project.articles_graph_dir.glob("*.ttl"))]
    return scoped_hermit(ctx.ontology, ctx.entities, ctx.metadata, state.stems, state.articles_dir, state.checking,
                         state.change, sources)


def skip(state: BuildState) -> None:
    """A build without reasoning leaves the clash records behind: the next build that reasons starts afresh."""
    (scale_dir(state.project) / "clashes.json").unlink(missing_ok=True)


def scoped_hermit(ontology, entities, metadata, stems, folder, store, change=None, sources=()):
    """HermiT on the ontology, every entity description and a fixed sample of articles (their graphs and
    their metadata); the OWL RL consistency rules (disjointness, functional properties) on the whole store
    with SPARQL (after an incremental build: on the nodes the change touched, the rest as the last build
    found it)."""
    graph = Graph()
    for g in (ontology, entities):
        for t in g:
            graph.add(t)
    for stem in stems[:HERMIT_SAMPLE]:
        for t in metadata.triples((ARTICLE[unit_stem(stem)], None, None)):
            graph.add(t)
        graph.parse(data="".join(strip_graph(l) for l in article_lines(folder, stem)), format="nt")
    # HermiT's verdict depends only on its input: cached by the input's hash, an incremental build that
    # does not touch the ontology, the entities or the sample does not start the JVM again
    key = sha("".join(sorted(_nt_row(t) for t in graph if not isinstance(t[0], BNode) and not isinstance(t[2], BNode)))
              + str(len(graph)))
    cache = folder.parent / "hermit.json"
    cached = json.loads(cache.read_text()) if cache.exists() else {}
    if cached.get("key") == key:
        report = ReasonerReport(cached["consistent"], 0.0, [tuple(x) for x in cached["types"]],
                                [tuple(x) for x in cached["values"]], cached["explanation"], cached["axioms"],
                                scope=cached.get("scope", ""), inferences_listed=False)
    else:
        # a consistency verdict on the facts: the computed text spans are most of the triples and their
        # axioms are SHACL constraints too (reason/hermit.without_text_spans); `wbkg reason` lists inferences
        sample = min(len(stems), HERMIT_SAMPLE)
        report = hermit(without_text_spans(graph), inferences=False, sources=sources,
                        scope=f"ontology, entities and {sample} article(s), facts without text spans")
        cache.write_text(json.dumps({"key": key, "consistent": report.consistent, "axioms": report.axioms,
                                     "scope": report.scope,
                                     "types": [[str(x) for x in t] for t in report.inferred_types],
                                     "values": [[str(x) for x in t] for t in report.inferred_values],
                                     "explanation": report.explanation}), encoding="utf-8")
    clashes = incremental_clashes(store, ontology, folder.parent / "clashes.json", change)
    if clashes:
        report = ReasonerReport(False, report.seconds, explanation=clashes, axioms=report.axioms)
    return report


def incremental_clashes(store, ontology: Graph, cache: Path, change=None) -> list[str]:
    """``owl_rl_clashes`` over the whole store, or, after an incremental change, over the nodes it touched
    with the last build's findings for every other node (a clash is about one node: its types, or its values
    of one property, all of which change only when a triple about it does). Kept in ``cache`` by node."""
    previous = json.loads(cache.read_text(encoding="utf-8")) if cache.exists() and change is not None else None
    if previous is None:
        found = owl_rl_clashes(store, ontology)
    else:
        touched = sorted(n for n in change.touched if not n.startswith("_:"))
        found = [line for node, lines in previous.items() if node not in change.touched for line in lines]
        found += owl_rl_clashes(store, ontology, touched) if touched else []
    by_node = defaultdict(list)
    for line in found:
        by_node[line[1:line.index(">")]].append(line)
    cache.write_text(json.dumps(by_node, sort_keys=True), encoding="utf-8")
    return sorted(found)
