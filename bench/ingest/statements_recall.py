"""Precision and recall of wbkg.ingest.statements against the curated wbkg:Statement nodes of the seed articles.

Usage: .venv/bin/python bench/statements_recall.py [repo root] [-v]. A curated wbkg:text is found when a mention of
the same kind (direct or reported) overlaps it; a mention is correct when it overlaps a curated text of its kind;
its speaker is right when its surface is part of a label of a curated wbkg:speaker."""
import glob, sys
from pathlib import Path
from rdflib import Graph, Namespace, RDF, Literal
from rdflib.namespace import SKOS
from wbkg.ingest.statements import find_statements
W = Namespace("https://w3id.org/wbkg/ontology#")
root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
ents = Graph().parse(root / "graph/entities.ttl")
labels = lambda e: {str(o) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel) for o in ents.objects(e, p)}
tot = {True: [0, 0, 0, 0], False: [0, 0, 0, 0]}  # gold, gold found, predicted, predicted correct
spk = [0, 0]
verbose = "-v" in sys.argv
for txt in sorted((root / "corpus").glob("*.txt")):
    text = txt.read_text(encoding="utf-8")
    g = Graph().parse(root / "graph/articles" / (txt.stem + ".ttl"))
    gold = []
    for st in g.subjects(RDF.type, W.Statement):
        direct = bool(g.value(st, W.directQuote).toPython())
        exacts = [str(g.value(ev, W.exact)) for ev in g.subjects(W.supports, st)]
        speakers = set(g.objects(st, W.speaker))
        for t in g.objects(st, W.text):
            t = str(t); b = -1
            for ex in exacts:
                i = text.find(ex)
                if i >= 0 and ex.find(t) >= 0:
                    b = i + ex.find(t); break
            if b < 0: b = text.find(t)
            gold.append((b, b + len(t), direct, speakers, t))
    pred = find_statements(text)
    for d in (True, False):
        G = [x for x in gold if x[2] == d]; P = [m for m in pred if m.direct == d]
        ov = lambda m, x: m.said.begin < x[1] and x[0] < m.said.end
        found = [x for x in G if any(ov(m, x) for m in P)]
        good = [m for m in P if any(ov(m, x) for x in G)]
        tot[d][0] += len(G); tot[d][1] += len(found); tot[d][2] += len(P); tot[d][3] += len(good)
        for m in good:
            x = next(x for x in G if ov(m, x))
            ok = m.speaker is not None and any(m.speaker.text in l for s in x[3] for l in labels(s))
            spk[0] += 1; spk[1] += ok
            if verbose and not ok: print(txt.stem[:3], "SPEAKER?", m.speaker, m.title, "|", m.said.text[:60])
        if verbose:
            for x in G:
                if x not in found: print(txt.stem[:3], "MISSED", "direct" if d else "reported", x[4][:80])
            for m in P:
                if m not in good: print(txt.stem[:3], "EXTRA", "direct" if d else "reported", m.speaker and m.speaker.text, "|", m.said.text[:80])
for d in (True, False):
    g, f, p, c = tot[d]
    print(f"{'direct' if d else 'reported'}: gold {g}, recall {f}/{g} = {f/g:.2f}, precision {c}/{p} = {c/max(p,1):.2f}")
print(f"speaker right on matched mentions: {spk[1]}/{spk[0]}")
