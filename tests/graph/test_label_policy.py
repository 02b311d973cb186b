"""Labels name their entity on their own (issue 14, item 8; docs/MODEL.md, Mentions): a generic word
("President", "Force", "cell", "summit") is no label but a mention rule of the article that uses it.

The three rules hold on graph/entities.ttl; each generic hidden label removed from it (22 words on 23 entities)
breaks the first, and the altLabel "return hubs" (now a mention rule too) the third."""
from __future__ import annotations

import re
import unicodedata

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS

from wbkg.vocab.namespaces import WBKG

SHOWN = (SKOS.prefLabel, SKOS.altLabel)
# unnamed things whose name is a description ("smuggling gangs", "irregular migration")
DESCRIBED_CLASSES = (WBKG.Topic, WBKG.Group)
REMOVED_HIDDEN = ["counterparts", "President", "Prime Minister", "bloc", "police", "government", "Armed Forces",
                  "cell", "permanent military team", "permanent military training team", "Serbian counterparts",
                  "gangs", "officials", "it is understood", "leaders", "the country’s north", "Force",
                  "air campaign", "struggle for independence", "summit", "hub", "hubs"]


def folded(text: str) -> str:
    """Case, diacritics, punctuation and a final plural "s" aside: "Western Balkan" ~ "Western Balkans"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"s\b", "", " ".join(re.findall(r"[a-z0-9]+", ascii_text)))


def ontology_terms(ontology: Graph) -> set[str]:
    return {str(o).casefold() for p in (RDFS.label, SKOS.prefLabel) for o in ontology.objects(None, p)}


def breaches(entities: Graph, ontology: Graph, entity, prop, label: Literal) -> list[str]:
    out = []
    text = str(label)
    if prop == SKOS.hiddenLabel:
        shown = {folded(str(o)) for p in SHOWN for o in entities.objects(entity, p)}
        if folded(text) not in shown:
            out.append("a hidden label is a spelling variant of a shown one")
    if text.casefold() in ontology_terms(ontology):
        out.append("the label of an ontology term")
    if text == text.lower() and not any((entity, RDF.type, c) in entities for c in DESCRIBED_CLASSES):
        out.append("all lower case on a named entity")
    return out


@pytest.fixture(scope="module")
def graphs(project):
    return Graph().parse(project.entities_file), Graph().parse(project.ontology_file)


def test_every_label_names_its_entity(graphs):
    entities, ontology = graphs
    bad = [f"{e.n3()} {p.n3()} {o.n3()}: {why}" for p in (*SHOWN, SKOS.hiddenLabel)
           for e, o in entities.subject_objects(p) for why in breaches(entities, ontology, e, p, o)]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("label", REMOVED_HIDDEN)
def test_each_removed_generic_label_breaks_the_policy(graphs, label):
    """Put back as a hidden label on any entity, each generic word fails (it names none on its own)."""
    entities, ontology = graphs
    for entity in sorted(set(entities.subjects(SKOS.prefLabel, None)))[:10]:
        assert breaches(entities, ontology, entity, SKOS.hiddenLabel, Literal(label, lang="en"))


def test_a_generic_word_cannot_come_back_as_a_shown_label_either(graphs):
    entities, ontology = graphs
    summit, kfor = WBKG.Summit, next(iter(entities.subjects(SKOS.prefLabel, Literal("Kosovo Force", lang="en"))))
    assert "summit" in ontology_terms(ontology) and (summit, RDFS.label, None) in ontology
    assert breaches(entities, ontology, kfor, SKOS.altLabel, Literal("summit", lang="en"))
    assert breaches(entities, ontology, kfor, SKOS.altLabel, Literal("hubs", lang="en"))
