"""`wbkg synth`: deterministic for a seed, shaped like the real corpus, and passing the real checks."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from click.testing import CliRunner
from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from wbkg.cli import main
from wbkg.vocab.namespaces import WBKG
from wbkg.synth import synthesize

ROOT = Path(__file__).resolve().parents[2]


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    a, b, c = (synthesize(tmp_path / name, 4, seed=seed, source_root=ROOT) for name, seed in
               (("a", 5), ("b", 5), ("c", 6)))
    assert digest(a) == digest(b)
    assert digest(a) != digest(c)


def test_same_bytes_whatever_the_hash_seed(tmp_path):
    """Nothing depends on the order of a set or dict of strings (randomised per process by PYTHONHASHSEED)."""
    code = ("import sys; from wbkg.synth import synthesize; "
            "synthesize(sys.argv[1], 6, seed=5, source_root=sys.argv[2])")
    digests = set()
    for hash_seed in ("0", "1", "4242"):
        target = tmp_path / hash_seed
        subprocess.run([sys.executable, "-c", code, str(target), str(ROOT)], check=True,
                       env={**os.environ, "PYTHONHASHSEED": hash_seed})
        digests.add(digest(target))
    assert len(digests) == 1


def test_cli_writes_a_project_that_builds(tmp_path):
    target = tmp_path / "out"
    result = CliRunner().invoke(main, ["synth", "--articles", "3", "--seed", "2", "-o", str(target)])
    assert result.exit_code == 0, result.output
    for part in ("ontology/wbkg.ttl", "graph/entities.ttl", "corpus/articles.ttl"):
        assert (target / part).is_file(), part
    assert len(list((target / "corpus").glob("*.txt"))) == 3
    assert len(list((target / "graph" / "articles").glob("*.ttl"))) == 3
    assert sorted(p.name for p in (target / "queries").glob("*.rq")) == \
        sorted(p.name for p in (ROOT / "queries").glob("*.rq"))
    again = CliRunner().invoke(main, ["synth", "--articles", "3", "-o", str(target)])
    assert again.exit_code == 2  # the folder is not empty


@pytest.fixture(scope="module")
def graph(synthetic_built):
    """The articles' graphs of the built synthetic project, read back from its N-Quads export."""
    from rdflib import Dataset
    dataset = Dataset()
    dataset.parse(synthetic_built.build_dir / "wbkg.nq", format="nquads")
    return {g.identifier: g for g in dataset.graphs() if "/graph/" in g.identifier and "_" in g.identifier}


def test_grounding_finds_every_quote_and_covers_every_fact(synthetic_built, graph):
    report = (synthetic_built.build_dir / "check-report.txt").read_text(encoding="utf-8")
    assert "grounding and coverage: ok" in report and "warnings" not in report
    evidence = sum(1 for g in graph.values() for _ in g.subjects(RDF.type, WBKG.Evidence))
    mentions = sum(1 for g in graph.values() for _ in g.subjects(RDF.type, WBKG.Mention))
    assert len(graph) == 8 and evidence > 10 * len(graph) and mentions > 10 * len(graph)


def test_the_synthetic_graph_has_the_shape_of_the_real_one(synthetic_built, graph):
    kinds = Counter()
    for g in graph.values():
        for cls in g.objects(None, RDF.type):
            kinds[cls] += 1
    for cls in (WBKG.Tenure, WBKG.Statement, WBKG.Stance, WBKG.Quantity, WBKG.Evidence, WBKG.Exemption):
        assert kinds[cls] > 0, cls
    # entities recur across articles, some much more than others (a skewed distribution)
    uses = Counter()
    for g in graph.values():
        for entity in set(g.objects(None, WBKG.denotes)):
            uses[entity] += 1
    counts = sorted(uses.values(), reverse=True)
    assert counts[0] >= 4 and counts[-1] == 1
    entities = Graph().parse(synthetic_built.entities_file)
    labels = Graph()
    for triple in entities.triples((None, SKOS.prefLabel, None)):
        labels.add(triple)
    assert len(set(labels.objects())) == len(labels)  # every label names one entity
    links = set(entities.objects(None, SKOS.exactMatch))
    assert links and all(str(o).startswith("http://www.wikidata.org/entity/Q") for o in links)


def test_quotes_with_a_repeated_exact_carry_a_prefix(tmp_path):
    target = synthesize(tmp_path / "p", 30, seed=11, source_root=ROOT)
    prefixed = 0
    for path in (target / "graph" / "articles").glob("*.ttl"):
        prefixed += path.read_text(encoding="utf-8").count("wbkg:prefix")
    assert prefixed > 0
