"""Tenures on invented sentences: known posts reused when title and state fit, new posts proposed with their
state and kind, UK titles, former titles, and a title whose state is unclear left without a known post."""
from __future__ import annotations

from rdflib import Graph

from wbkg.ingest.dates_resolve import PartialDate
from wbkg.ingest.gazetteer import Gazetteer
from wbkg.ingest.tenures import PostProposal, find_tenures
from wbkg.vocab.namespaces import WBKG

ID = "https://w3id.org/wbkg/id/"
TTL = """
@prefix id: <https://w3id.org/wbkg/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix wbkg: <https://w3id.org/wbkg/ontology#> .
id:albania a wbkg:State ; skos:prefLabel "Albania"@en .
id:serbia a wbkg:State ; skos:prefLabel "Serbia"@en .
id:germany a wbkg:State ; skos:prefLabel "Germany"@en .
id:united-kingdom a wbkg:State ; skos:prefLabel "United Kingdom"@en ; skos:altLabel "UK"@en, "Britain"@en .
id:post-pm-albania a wbkg:Post ; skos:prefLabel "Prime Minister of Albania"@en ; skos:hiddenLabel "Prime Minister"@en ;
    wbkg:postIn id:albania ; wbkg:postKind wbkg:HeadOfGovernment .
id:post-pm-uk a wbkg:Post ; skos:prefLabel "Prime Minister of the United Kingdom"@en ;
    skos:hiddenLabel "Prime Minister"@en ; wbkg:postIn id:united-kingdom ; wbkg:postKind wbkg:HeadOfGovernment .
id:lena-vogt a wbkg:Person ; skos:prefLabel "Lena Vogt"@en .
"""
PUBLISHED = PartialDate.parse("2024-05-02")


def tenures(text: str):
    gaz = Gazetteer.from_graph(Graph().parse(data=TTL, format="turtle"))
    return {t.holder_label: t for t in find_tenures(text, gaz, published=PUBLISHED)}


def test_possessive_state_reuses_the_known_post():
    t = tenures("Albania's Prime Minister Dren Kolaj met officials.")["Dren Kolaj"]
    assert t.holder == "dren-kolaj" and str(t.post) == ID + "post-pm-albania"
    assert t.as_of == PUBLISHED and not t.past
    assert "named in the phrase" in t.rule


def test_demonym_gives_the_state_of_a_new_post():
    t = tenures("Serbian Defence Minister Mirko Tadin visited the base.")["Mirko Tadin"]
    assert isinstance(t.post, PostProposal)
    assert (t.post.label, t.post.title, str(t.post.state), t.post.kind) == (
        "Defence Minister of Serbia", "Defence Minister", ID + "serbia", WBKG.DefenceMinister)
    assert t.post.slug == "post-defence-minister-serbia"


def test_state_after_the_title():
    t = tenures("He met the Foreign Minister for Albania Drita Leka, then left.")["Drita Leka"]
    assert (t.post.title, str(t.post.state), t.post.kind) == ("Foreign Minister", ID + "albania",
                                                             WBKG.ForeignMinister)


def test_uk_government_title_takes_the_uk_from_the_article():
    found = tenures("The UK will train troops. Armed Forces Minister Owen Pryce said so in Albania.")
    t = found["Owen Pryce"]
    assert str(t.post.state) == ID + "united-kingdom" and "UK government title" in t.rule


def test_sentence_state_for_a_bare_title():
    t = tenures("In Serbia he met President Mirko Tadin.")["Mirko Tadin"]
    assert (t.post.label, t.post.kind) == ("President of Serbia", WBKG.HeadOfState)


def test_former_title_is_a_past_tenure_dated_by_its_clause():
    t = tenures("The plan was set up by former German chancellor Lena Vogt in 2011 to help.")["Lena Vogt"]
    assert str(t.holder) == ID + "lena-vogt" and t.past
    assert t.as_of.lexical == "2011" and t.post.label == "Chancellor of Germany"


def test_unclear_state_leaves_the_known_posts_alone():
    """Two states, equally named, neither in the phrase or sentence: no known post is chosen."""
    found = tenures("Albania and Serbia met. Prime Minister Ivo Dren spoke.")
    t = found["Ivo Dren"]
    assert isinstance(t.post, PostProposal) and t.post.state is None and t.confidence < 0.5


def test_definite_title_after_a_named_subject_and_its_refusal():
    text = ("Sir Alan Pemberton will host the talks in Britain. The Prime Minister said the UK is ready.\n"
            "President Ana Kovac of Serbia spoke. The President said nothing new.")
    found = tenures(text)
    assert str(found["Alan Pemberton"].post) == ID + "post-pm-uk"
    assert found["Alan Pemberton"].rule.startswith("the title after a named subject")
    assert len([t for t in found.values() if t.holder_label == "Ana Kovac"]) == 1


def test_rank_and_honorific_alone_are_not_posts():
    assert tenures("Lieutenant General Oskar Lind and Mr Pavel Horak arrived.") == {}
