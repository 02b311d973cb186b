"""Precision and recall of wbkg.ingest mentions against the curated wbkg:Mention nodes of a build.

Usage: python bench/ingest/gazetteer_seed_eval.py ROOT   (ROOT: a copy of the project after `wbkg --root ROOT build`)
A found mention counts as right when a curated Mention has the same (begin, end, entity); unlinked mentions
are not counted as links. Curated mentions exist only for entities the article's graph references, so a
correct link to an entity the curators did not use there counts as a false positive (listed, to be read).
"""
import sys
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from wbkg.ingest.gazetteer import Gazetteer
from wbkg.ingest.mentions import find_mentions
from wbkg.vocab.namespaces import WBKG

root = Path(sys.argv[1])
ds = Dataset(default_union=True)
ds.parse(root / "build" / "wbkg.nq", format="nquads")
curated: dict[str, set[tuple[int, int, URIRef]]] = {}
for node in set(ds.subjects(RDF.type, WBKG.Mention)):
    stem = str(node).split("/article/")[1].split("#")[0]
    curated.setdefault(stem, set()).add((int(ds.value(node, WBKG.beginIndex)), int(ds.value(node, WBKG.endIndex)),
                                         ds.value(node, WBKG.denotes)))
gaz = Gazetteer.from_graph(Graph().parse(root / "graph" / "entities.ttl"))
tp = fp = fn = unlinked = 0
for path in sorted((root / "corpus").glob("*.txt")):
    text = path.read_text(encoding="utf-8")
    gold = curated.get(path.stem, set())
    found = find_mentions(text, gaz)
    linked = {(m.begin, m.end, m.entity) for m in found if m.linked}
    unlinked += sum(not m.linked for m in found)
    tp += len(linked & gold); fp += len(linked - gold); fn += len(gold - linked)
    for b, e, ent in sorted(linked - gold):
        print(f"FP {path.stem[:3]} {text[b:e]!r} -> {ent.n3()[1:-1].rsplit('/',1)[-1]}  ", [
            m.reason for m in found if m.begin == b][0] if any(m.begin == b for m in found) else "")
    for b, e, ent in sorted(gold - linked):
        m = next((m for m in found if m.begin <= b < m.end), None)
        print(f"FN {path.stem[:3]} {text[b:e]!r} -> {str(ent).rsplit('/',1)[-1]}  ", m and (m.surface, m.reason))
print(f"tp={tp} fp={fp} fn={fn} unlinked={unlinked} precision={tp/(tp+fp):.3f} recall={tp/(tp+fn):.3f}")
