"""SHACL at scale: the fast engine (pyshacl-turbo) gives exactly the expected results on every negative
shape fixture (the ones tests/shapes checks pySHACL against), and the partitioned validation of the
scalable build (per article, plus one global pass) reports what one pySHACL run on the whole graph reports."""
from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SH

from wbkg.pipeline import build
from wbkg.shacl.engine import load_shapes, run_shacl, validate_graph
from wbkg.pipeline.access import data_graph

pytestmark = pytest.mark.slow  # not in `make test-fast`

ROOT = Path(__file__).resolve().parents[2]
SHAPE_TESTS = ROOT / "tests" / "shapes" / "test_shapes.py"


def shape_test_module():
    spec = importlib.util.spec_from_file_location("wbkg_shape_tests", SHAPE_TESTS)
    module = importlib.util.module_from_spec(spec)
    import sys
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


T = shape_test_module()
FIXTURES = T.INVALID + T.VALID


def test_there_are_fixtures():
    assert len(T.INVALID) >= 100 and len(T.VALID) >= 1


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_fast_engine_gives_exactly_the_expected_results(path):
    manifest = T.parsed(path)
    test = next(manifest.subjects(RDF.type, T.SHT.Validate))
    action = manifest.value(test, T.MF.action)
    data = Graph()
    for iri in manifest.objects(action, T.SHT.dataGraph):
        data += T.parsed(T.local_path(iri))
    shapes = T.shapes_graph(T.local_path(manifest.value(action, T.SHT.shapesGraph)))
    expected_report = manifest.value(test, T.MF.result)
    expected = Counter(T.result_key(manifest, r) for r in manifest.objects(expected_report, SH.result))
    nquads = data.serialize(format="nt")
    conforms, report, _ = run_shacl(nquads, shapes)
    actual = Counter(T.result_key(report, r) for r in report.subjects(RDF.type, SH.ValidationResult))
    assert actual == expected, f"{path.name}: missing {expected - actual}, unexpected {actual - expected}"
    assert bool(conforms) == bool(manifest.value(expected_report, SH.conforms).toPython())


def keys(report: Graph) -> Counter:
    return Counter(T.result_key(report, r) for r in report.subjects(RDF.type, SH.ValidationResult))


def test_partitioned_validation_reports_what_a_whole_graph_run_reports(synthetic_copy):
    # break the synthetic graph in ways that local and global shapes see
    articles = sorted(synthetic_copy.articles_graph_dir.glob("*.ttl"))
    first = articles[0].read_text(encoding="utf-8")
    articles[0].write_text(first.replace("wbkg:unit wbkg:Troops", "wbkg:unit wbkg:Troops, wbkg:People", 1),
                           encoding="utf-8")
    second = articles[1].read_text(encoding="utf-8")
    articles[1].write_text(second.replace('wbkg:directQuote "true"^^xsd:boolean', 'wbkg:directQuote "yes"', 1)
                           .replace('wbkg:directQuote "false"^^xsd:boolean', 'wbkg:directQuote "no"', 1),
                           encoding="utf-8")
    entities = synthetic_copy.entities_file.read_text(encoding="utf-8")
    synthetic_copy.entities_file.write_text(entities.replace('skos:prefLabel "KFOR"@en', 'skos:prefLabel "KFOR"', 1),
                                            encoding="utf-8")
    result = build(synthetic_copy, reason=False, jobs=2, progress=False)
    whole = validate_graph(data_graph(synthetic_copy), load_shapes(synthetic_copy.shapes_dir))
    assert not whole.conforms
    assert keys(result.checks.shacl.graph) == keys(whole.graph)
