"""Label search speed: pyahocorasick vs ahocorasick-rs vs one regex alternation, and find_mentions end to end.

Usage: python bench/ingest/gazetteer_speed.py SYNTH_DIR   (SYNTH_DIR from `wbkg synth --articles 1000 -o SYNTH_DIR`)
The gazetteer is the synthetic world's labels topped up to 10,000 with invented two-word names built from the
corpus's capitalised words (seeded), so that the automaton has the size the issue asks about.
"""
import random
import re
import sys
import time
from pathlib import Path

import ahocorasick
import ahocorasick_rs
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from wbkg.ingest.gazetteer import Gazetteer, _fold, _is_word_char
from wbkg.ingest.mentions import find_mentions

root = Path(sys.argv[1])
texts = [p.read_text(encoding="utf-8") for p in sorted((root / "corpus").glob("*.txt"))]
graph = Graph().parse(root / "graph" / "entities.ttl")
words = sorted({w for t in texts for w in re.findall(r"\b[A-Z][a-z]{3,}\b", t)})
rng = random.Random(0)
n = len(set(graph.objects(None, SKOS.prefLabel)) | set(graph.objects(None, SKOS.altLabel)))
for i in range(10_000 - n):
    graph.add((URIRef(f"urn:bench:{i}"), SKOS.prefLabel, Literal(f"{rng.choice(words)} {rng.choice(words)}", lang="en")))
labels = sorted({str(o) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel) for o in graph.objects(None, p)})
keys = sorted({_fold(label) for label in labels})
folded = [_fold(t) for t in texts]
print(f"{len(labels)} labels, {len(texts)} articles, {sum(map(len, texts)) / len(texts):.0f} chars each")


def bounded(text, begin, end):
    return not ((begin > 0 and _is_word_char(text[begin - 1])) or (end < len(text) and _is_word_char(text[end])))


def timed(name, build, search):
    t0 = time.perf_counter(); thing = build(); t1 = time.perf_counter()
    hits = sum(search(thing, f) for f in folded); t2 = time.perf_counter()
    print(f"{name:16} build {t1 - t0:6.3f}s  search {len(texts) / (t2 - t1):8.0f} articles/s  ({hits} hits)")


def build_py():
    a = ahocorasick.Automaton()
    for k in keys:
        a.add_word(k, len(k))
    a.make_automaton()
    return a


timed("pyahocorasick", build_py,
      lambda a, f: sum(bounded(f, e + 1 - n, e + 1) for e, n in a.iter(f)))
timed("ahocorasick-rs", lambda: ahocorasick_rs.AhoCorasick(keys),
      lambda a, f: sum(bounded(f, b, e) for _, b, e in a.find_matches_as_indexes(f, overlapping=True)))
timed("regex", lambda: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in sorted(keys, key=lambda k: (-len(k), k))) + r")(?!\w)"),
      lambda r, f: sum(1 for _ in r.finditer(f)))
t0 = time.perf_counter(); gaz = Gazetteer.from_graph(graph); t1 = time.perf_counter()
linked = sum(m.linked for t in texts for m in find_mentions(t, gaz)); t2 = time.perf_counter()
print(f"Gazetteer.from_graph {t1 - t0:.2f}s; find_mentions {len(texts) / (t2 - t1):.0f} articles/s ({linked} linked)")
