"""A SHACL result is traced to the file and line that wrote its triple (pipeline/sources.py)."""
from __future__ import annotations

from wbkg.pipeline.sources import line_of

TURTLE = """@prefix id: <https://w3id.org/wbkg/id/> .
@prefix wbkg: <https://w3id.org/wbkg/ontology#> .

id:alpha a wbkg:Person ;
    wbkg:startDate "1999" .

id:beta a wbkg:Person .

id:alpha wbkg:endDate "2001" ;
    wbkg:asOf "2002" .
"""
WBKG = "https://w3id.org/wbkg/ontology#"
ALPHA = "https://w3id.org/wbkg/id/alpha"


def test_the_line_naming_the_path_in_a_block_of_the_focus_node():
    assert line_of(TURTLE, ALPHA, WBKG + "startDate") == 5
    assert line_of(TURTLE, ALPHA, WBKG + "asOf") == 10        # in the node's second block
    assert line_of(TURTLE, "https://w3id.org/wbkg/id/beta", WBKG + "startDate") == 7  # not in its block: its start


def test_no_line_for_a_node_the_file_does_not_describe():
    assert line_of(TURTLE, "https://w3id.org/wbkg/id/gamma", None) is None
    assert line_of(TURTLE, "https://w3id.org/wbkg/id/alph", WBKG + "startDate") is None  # a prefix is not the name


def test_a_node_named_as_a_value_is_found_as_a_whole_term():
    from wbkg.pipeline.sources import line_naming
    text = TURTLE + "\nid:beta wbkg:knows id:alphabet ;\n    wbkg:likes id:alpha .\n"
    assert line_naming(text, ALPHA) == 4                          # its first block
    assert line_naming(text.replace("id:alpha ", "id:alpha2 "), ALPHA) is None  # id:alphabet, id:alpha2 are others
    assert line_of(text, "https://w3id.org/wbkg/id/beta", ALPHA) == 13  # in beta's block, the line naming it
