"""Mention rules (docs/MODEL.md, Mentions): an article graph says which generic words refer to an entity there;
grounding makes ordinary mentions of them, marked with the rule (issue 14, item 8)."""
from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import RDF

from wbkg.corpus import Article
from wbkg.ground import ground
from wbkg.problems import INPUT
from wbkg.vocab.namespaces import ID, WBKG

TEXT = "The Prime Minister met Keir Starmer. Later the Prime Minister spoke. A Prime Minister of Kosovo came too.\n"
ENTITIES = """@prefix id: <https://w3id.org/wbkg/id/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix wbkg: <https://w3id.org/wbkg/ontology#> .
id:keir-starmer a wbkg:Person ; skos:prefLabel "Keir Starmer"@en .
id:post-prime-minister-kosovo a wbkg:Post ; skos:prefLabel "Prime Minister of Kosovo"@en .
id:post-prime-minister-albania a wbkg:Post ; skos:prefLabel "Prime Minister of Albania"@en .
"""
HEAD = """@prefix : <https://w3id.org/wbkg/article/rules#> . @prefix id: <https://w3id.org/wbkg/id/> .
@prefix wbkg: <https://w3id.org/wbkg/ontology#> .
id:keir-starmer wbkg:rank "Sir"@en .
:ev a wbkg:Evidence ; wbkg:exact "Keir Starmer" ; wbkg:supports id:keir-starmer .
"""


def grounded(tmp_path, rules: str):
    (tmp_path / "rules.txt").write_text(TEXT, encoding="utf-8")
    source = HEAD + rules
    (tmp_path / "rules.ttl").write_text(source, encoding="utf-8")
    graph = Graph().parse(data=source, format="turtle")
    article = Article("rules", tmp_path / "rules.txt", tmp_path / "rules.ttl")
    problems = ground(article, graph, Graph().parse(data=ENTITIES, format="turtle"), source)
    mentions = {(int(graph.value(m, WBKG.beginIndex)), int(graph.value(m, WBKG.endIndex))):
                (graph.value(m, WBKG.denotes), graph.value(m, WBKG.byRule))
                for m in graph.subjects(RDF.type, WBKG.Mention)}
    return mentions, problems, graph


def test_a_rule_makes_a_mention_of_every_occurrence_a_label_does_not_take(tmp_path):
    mentions, problems, graph = grounded(tmp_path, """
:rule-pm a wbkg:MentionRule ; wbkg:surfaceForm "Prime Minister" ; wbkg:refersTo id:post-prime-minister-albania .
""")
    assert not [p for p in problems if p.severity == INPUT]
    rule = next(graph.subjects(RDF.type, WBKG.MentionRule))
    assert mentions[(4, 18)] == mentions[(47, 61)] == mentions[(71, 85)] == (ID["post-prime-minister-albania"], rule)
    assert mentions[(23, 35)] == (ID["keir-starmer"], None)  # a label mention has no rule
    assert str(graph.value(next(iter(graph.subjects(WBKG.byRule, rule))), WBKG.exact)) == "Prime Minister"


def test_a_label_mention_wins_over_a_rule_it_overlaps(tmp_path):
    mentions, problems, _ = grounded(tmp_path, """
:rule-starmer a wbkg:MentionRule ; wbkg:surfaceForm "Starmer" ; wbkg:refersTo id:post-prime-minister-albania .
""")
    assert not problems and mentions == {(23, 35): (ID["keir-starmer"], None)}


def test_preceded_by_picks_the_occurrences_meant(tmp_path):
    mentions, problems, _ = grounded(tmp_path, """
:rule-pm a wbkg:MentionRule ; wbkg:surfaceForm "Prime Minister" ; wbkg:precededBy "Later the " ;
    wbkg:refersTo id:post-prime-minister-albania .
""")
    assert not problems
    assert [span for span, (_, rule) in mentions.items() if rule is not None] == [(47, 61)]


def test_a_rule_whose_words_are_not_in_the_article_is_an_input_error(tmp_path):
    _, problems, _ = grounded(tmp_path, """
:rule-pm a wbkg:MentionRule ; wbkg:surfaceForm "President" ; wbkg:refersTo id:post-prime-minister-albania .
""")
    assert [p.severity for p in problems] == [INPUT] and "does not occur" in problems[0].message
