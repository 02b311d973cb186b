"""The leave-one-out mention gold (bench/eval/gold.py, gold_mentions) on an invented article: entities in play
beyond those the graph references, left-out entities removed, and a name inside a longer name right only when
a fact of the entities graph defines the longer name's entity by it."""
from __future__ import annotations

from rdflib import Graph, URIRef

from wbkg.vocab.namespaces import ID

ENTITIES = """
@prefix id: <https://w3id.org/wbkg/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix wbkg: <https://w3id.org/wbkg/ontology#> .
id:ruritania a wbkg:State ; skos:prefLabel "Ruritania"@en .
id:zenda a wbkg:City ; skos:prefLabel "Zenda"@en .
id:marches a wbkg:Region ; skos:prefLabel "Western Marches"@en ; skos:hiddenLabel "Marches"@en .
id:amb a wbkg:Post ; skos:prefLabel "Ruritania Ambassador"@en ; wbkg:postIn id:ruritania .
id:memorial a wbkg:Site ; skos:prefLabel "Ruritania memorial"@en ; wbkg:partOf id:zenda .
id:other-zenda a wbkg:City ; skos:prefLabel "Zenda"@en .
"""
TEXT = ("The Ruritania Ambassador spoke of the Western Marches. The Ruritania memorial in Zenda was opened. "
        "Ruritania sent troops to the Marches.")
ARTICLE = """@prefix id: <https://w3id.org/wbkg/id/> . @prefix wbkg: <https://w3id.org/wbkg/ontology#> .
<urn:x:fact> wbkg:about id:amb, id:memorial ."""


def span(text: str, surface: str, nth: int = 0) -> tuple[int, int]:
    begin = -1
    for _ in range(nth + 1):
        begin = text.index(surface, begin + 1)
    return begin, begin + len(surface)


def test_gold_of_the_entities_in_play(bench_script):
    bench_script("extract_eval.py")  # puts bench/ on the path
    from eval import gold as G
    entities = Graph().parse(data=ENTITIES, format="turtle")
    seed = G.Seed("x", TEXT, Graph().parse(data=ARTICLE, format="turtle"), None, {ID.amb, ID.memorial})
    gold = G.gold_mentions(seed, entities)
    # named by a label no other entity carries: in play, so its hidden label counts too; "Zenda" is shared
    assert gold.in_play == {ID.ruritania, ID.marches}
    assert gold.required == {(*span(TEXT, "Western Marches"), ID.marches), (*span(TEXT, "Ruritania", 2),
                             ID.ruritania), (*span(TEXT, "Marches", 1), ID.marches)}
    # the post is the Ruritania's (postIn); the memorial is only partOf Zenda: no right link inside it
    assert gold.acceptable == {(*span(TEXT, "Ruritania"), ID.ruritania)}
    assert (*span(TEXT, "Ruritania Ambassador"), ID.amb) in gold.covering
    # with the referenced entities alone, the build's matching: only the two left-out names
    assert G.flat_mentions(TEXT, {"Ruritania Ambassador": {ID.amb}, "Ruritania memorial": {ID.memorial}}) == [
        (*span(TEXT, "Ruritania Ambassador"), ID.amb), (*span(TEXT, "Ruritania memorial"), ID.memorial)]
    assert G.flat_mentions(TEXT, {"Zenda": {ID.zenda, URIRef(ID["other-zenda"])}}) == []
