"""The SHACL verdict line says what the SHACL spec means (issue 13, item 13): warnings are not "conforms".
The exit-code policy stays explicit: only sh:Violation results fail the build."""
from __future__ import annotations

import pytest
from rdflib import Graph

from wbkg.shacl.engine import validate_graph

SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.test/> .
ex:NameShape a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:severity sh:Warning ] ;
    sh:property [ sh:path ex:id ; sh:maxCount 1 ] .
"""


def report(data: str, engine: str):
    shapes = Graph().parse(data=SHAPES, format="turtle")
    return validate_graph(Graph().parse(data="@prefix ex: <http://example.test/> .\n" + data, format="turtle"),
                          shapes, engine)


@pytest.mark.parametrize("engine", ["pyshacl", "turbo"])
def test_a_warning_is_named_in_the_verdict_and_does_not_fail(engine):
    result = report("ex:a a ex:Thing .", engine)
    assert result.conforms and result.warnings == 1
    assert "conforms with 1 warning(s)" in result.summary()


@pytest.mark.parametrize("engine", ["pyshacl", "turbo"])
def test_without_results_it_simply_conforms(engine):
    result = report('ex:a a ex:Thing ; ex:name "A" .', engine)
    assert result.summary().endswith(": conforms") and result.warnings == 0


@pytest.mark.parametrize("engine", ["pyshacl", "turbo"])
def test_a_violation_fails_and_counts_both_kinds(engine):
    result = report("ex:a a ex:Thing ; ex:id 1, 2 .", engine)
    assert not result.conforms
    assert result.summary().endswith("does not conform: 1 violation(s), 1 warning(s)")
