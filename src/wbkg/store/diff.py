"""An incremental build's change, applied to the persistent store as a difference.

A build knows, for every named graph it touches, the sorted N-Quads lines the graph held before and the
lines it holds now. ``apply`` removes and adds only the lines that differ, then repairs the store's default
graph (the merge of every graph, each triple once): a triple leaves the merge when no named graph holds it any
more and joins it when its first graph does, which the store itself answers for the few triples concerned.
The same comparison, without the derived graphs (schema view, entailments), gives the change of the merge that SHACL reads. Its cost
follows the size of the change, not of the corpus.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Change:
    graphs: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)  # IRI -> (removed, added)
    merge_added: list[str] = field(default_factory=list)    # N-Triples lines, the merge with the schema view
    merge_removed: set[str] = field(default_factory=set)
    core_added: list[str] = field(default_factory=list)     # N-Triples lines, the merge without it
    core_removed: set[str] = field(default_factory=set)
    touched: set[str] = field(default_factory=set)          # subjects and objects (IRIs, blank nodes) concerned

    @property
    def empty(self) -> bool:
        return not self.graphs


def strip_graph(line: str) -> str:
    """An N-Quads line without its graph label (which is always an IRI here)."""
    body = line.rstrip()
    assert body.endswith("> ."), line
    cut = body.rfind(" <", 0, len(body) - 2)
    return body[:cut] + " .\n"


class NotIncremental(Exception):
    """This change cannot be applied by difference: the build starts afresh."""


def _has_blank_node(line: str) -> bool:
    import pyoxigraph as ox
    triple = next(iter(ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)))
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def apply(store, old: dict[str, list[str]], new: dict[str, list[str]], view_graphs,
          inferred_graph: str, drafts_graph: str | None = None, draft_prefix: str | None = None) -> Change:
    """Bring the named graphs from ``old`` to ``new`` (graph IRI -> N-Quads lines; a graph missing from
    ``new`` is removed) and repair the default graph; return what changed. ``view_graphs``: the derived graphs
    (schema view, entailments; one IRI or several), in the default graph but not in the merge the checks read. Graphs whose IRI starts with
    ``draft_prefix`` (drafts) stay out of the default graph: what they alone hold is kept in ``drafts_graph``
    (the merge without the view, which the checks read, holds both)."""
    import pyoxigraph as ox

    s = store.store
    derived = {view_graphs} if isinstance(view_graphs, str) else set(view_graphs)
    change = Change()
    for iri in sorted(set(old) | set(new)):
        before, after = set(old.get(iri, ())), set(new.get(iri, ()))
        if before != after:
            change.graphs[iri] = (sorted(before - after), sorted(after - before))
    if change.empty:
        return change
    lines = sorted({strip_graph(line) for removed, added in change.graphs.values() for line in (*removed, *added)})
    if any("_:" in line and _has_blank_node(line) for line in lines):
        # the store labels blank nodes afresh on loading: a changed triple with one cannot be found again
        raise NotIncremental("a changed triple has a blank node")
    triples = list(ox.parse("".join(lines).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES,
                            rename_blank_nodes=False))
    assert len(triples) == len(lines)

    def holders(t):
        return {q.graph_name.value for q in s.quads_for_pattern(t.subject, t.predicate, t.object)
                if isinstance(q.graph_name, ox.NamedNode)} - {inferred_graph, drafts_graph}

    def published(graphs):
        return {g for g in graphs if not (draft_prefix and g.startswith(draft_prefix))}

    before = [holders(t) for t in triples]
    for iri, (removed, added) in change.graphs.items():
        if removed:
            for quad in ox.parse("".join(removed).encode("utf-8"), format=ox.RdfFormat.N_QUADS,
                                 rename_blank_nodes=False):
                s.remove(quad)
        if added:
            s.extend(list(ox.parse("".join(added).encode("utf-8"), format=ox.RdfFormat.N_QUADS,
                                   rename_blank_nodes=False)))
        if iri not in new:
            node = ox.NamedNode(iri)
            if s.contains_named_graph(node):
                s.remove_graph(node)
    default = ox.DefaultGraph()
    drafts = ox.NamedNode(drafts_graph) if drafts_graph else None
    for line, t, held_before in zip(lines, triples, before):
        held_after = holders(t)
        for term in (t.subject, t.object):
            if not isinstance(term, ox.Literal):
                change.touched.add(term.value if isinstance(term, ox.NamedNode) else "_:" + term.value)
        shown_before, shown_after = bool(published(held_before)), bool(published(held_after))
        if shown_after and not shown_before:
            change.merge_added.append(line)
            s.add(ox.Quad(t.subject, t.predicate, t.object, default))
        elif shown_before and not shown_after:
            change.merge_removed.add(line)
            s.remove(ox.Quad(t.subject, t.predicate, t.object, default))
        if drafts is not None:
            draft_only_before = bool(held_before) and not shown_before
            draft_only_after = bool(held_after) and not shown_after
            if draft_only_after and not draft_only_before:
                s.add(ox.Quad(t.subject, t.predicate, t.object, drafts))
            elif draft_only_before and not draft_only_after:
                s.remove(ox.Quad(t.subject, t.predicate, t.object, drafts))
        core_before, core_after = bool(held_before - derived), bool(held_after - derived)
        if core_after and not core_before:
            change.core_added.append(line)
        elif core_before and not core_after:
            change.core_removed.add(line)
    return change
