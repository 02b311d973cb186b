"""What the articles say, checked fact by fact where the brief is explicit: one node per real thing with
every source kept, relative dates resolved with their precision, statements not asserted as facts."""
from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from wbkg.vocab.namespaces import GRAPH, ID, WBKG

A000, A001, A002, A003, A004 = (GRAPH[s] for s in ("000_85f3084a00737124", "001_634df396d22a9eaf",
                                                     "002_63e481d392bb086d", "003_beee9a17c3567628",
                                                     "004_14e81d64b1671461"))


def graphs_stating(built, triple) -> set[URIRef]:
    return {g.identifier for g in built.dataset.graphs() if triple in g}


def supported_in(built, graph_iri, node) -> bool:
    return any(built.graph(graph_iri).subjects(WBKG.supports, node))


def test_the_summit_is_one_node_reported_by_three_articles(built):
    summit = ID["london-western-balkans-summit-2025"]
    assert (summit, RDF.type, WBKG.Summit) in built.entities
    for g in (A000, A002, A004):
        assert supported_in(built, g, summit), g
    assert graphs_stating(built, (summit, WBKG.date, Literal("2025-10-22", datatype=XSD.date))) >= {A004}


def test_the_kfor_extension_is_one_fact_with_both_sources(built):
    extension = ID["kfor-extension-2025"]
    until = (extension, WBKG.validUntil, Literal("2028-12", datatype=XSD.gYearMonth))
    assert graphs_stating(built, until) == {A000, A004}
    assert supported_in(built, A000, extension) and supported_in(built, A004, extension)


def test_starmer_holds_one_tenure_attested_by_three_articles(built):
    tenure = ID["tenure-keir-starmer-prime-minister-united-kingdom"]
    holder = (tenure, WBKG.holder, ID["keir-starmer"])
    assert graphs_stating(built, holder) == {A000, A002, A004}


def test_next_year_in_2017_is_2018_with_year_precision(built):
    summit = ID["london-western-balkans-summit-2018"]
    dates = set(built.graph(A001).objects(summit, WBKG.date))
    assert dates == {Literal("2018", datatype=XSD.gYear)}


def test_tuesday_is_resolved_to_the_day(built):
    event = ID["chatham-house-event-2025-10-21"]
    assert (event, WBKG.date, Literal("2025-10-21", datatype=XSD.date)) in built.graph(A004)


def test_the_bosnian_war_is_dated_to_the_decade(built):
    war = ID["bosnian-war"]
    assert (war, WBKG.datePrecision, WBKG.Decade) in built.dataset


def test_kfor_strength_is_approximate_with_a_date(built):
    g = built.graph(A000)
    strengths = list(g.objects(ID["kfor"], WBKG.strength))
    assert len(strengths) == 1
    q = strengths[0]
    assert g.value(q, WBKG.value).toPython() == 4500
    assert g.value(q, WBKG.approximation) == WBKG.Approximately
    assert g.value(q, WBKG.unit) == WBKG.Troops
    assert g.value(q, WBKG.date) is not None


def test_several_hundred_is_vague_with_bounds(built):
    vague = [q for q in built.graph(A000).subjects(WBKG.approximation, WBKG.Vague)]
    assert vague
    for q in vague:
        assert built.graph(A000).value(q, WBKG.lowerBound) is not None


def test_albania_opposes_return_hubs_in_rama_words(built):
    g = built.graph(A004)
    stances = [s for s in g.subjects(WBKG.stanceHolder, ID["edi-rama"])]
    assert stances
    stance = stances[0]
    assert g.value(stance, WBKG.position) == WBKG.Opposes
    assert g.value(stance, WBKG.stanceOn) == ID["uk-return-hubs-proposal"]
    said = [str(g.value(s, WBKG.text)) for s in g.objects(stance, WBKG.expressedIn)]
    assert any("never in Albania" in text for text in said)


def test_what_is_said_is_a_statement_not_a_fact(built):
    """Lancaster's 'a hundred years since we fought side by side with Serbia' is his statement."""
    g = built.graph(A001)
    texts = [str(t) for t in g.objects(None, WBKG.text)]
    assert any("hundred years since we fought side by side with Serbia" in t for t in texts)
    for statement in g.subjects(RDF.type, WBKG.Statement):
        assert g.value(statement, WBKG.speaker) is not None


def test_the_coordination_cell_agreement_has_signatories_for_both_parties(built):
    g = built.graph(A003)
    agreements = [a for a in g.subjects(RDF.type, WBKG.Agreement) if any(g.objects(a, WBKG.signature))]
    assert len(agreements) == 1
    agreement = agreements[0]
    parties = set(g.objects(agreement, WBKG.party))
    assert parties == {ID["united-kingdom"], ID["north-macedonia"]}
    signers = {(g.value(s, WBKG.signatory), g.value(s, WBKG.onBehalfOf)) for s in g.objects(agreement, WBKG.signature)}
    assert signers == {(ID["rachel-galloway"], ID["united-kingdom"]), (ID["radmila-shekerinska"], ID["north-macedonia"])}


def test_kosovo_is_modelled_as_partially_recognised_with_user_assigned_code(built):
    kosovo = ID["kosovo"]
    assert (kosovo, WBKG.recognitionStatus, WBKG.PartiallyRecognised) in built.entities
    assert (kosovo, WBKG.userAssignedCode, Literal("XK")) in built.entities
    assert built.entities.value(kosovo, WBKG.iso3166Alpha2) is None


def test_article_metadata_is_marked_editorial(built):
    from wbkg.vocab.namespaces import CORPUS_GRAPH
    corpus = built.graph(CORPUS_GRAPH)
    for article in built.articles:
        source = str(corpus.value(article.iri, WBKG.metadataSource))
        assert source.startswith("editorial") or "the article" in source


FREE_TEXT = (WBKG.text, WBKG.description, WBKG.purpose, WBKG.condition, WBKG.role, WBKG.rank, WBKG.reason,
             WBKG.metadataSource)


def test_free_text_is_tagged_so_a_language_filter_keeps_it(built):
    """Issue 14, item 5: every free-text literal is @en (as every label), so FILTER(LANG(?x) = "en") drops
    nothing; statement texts stay verbatim in their articles, tag aside."""
    values = [o for p in FREE_TEXT for o in built.dataset.objects(None, p)]
    assert len(values) > 100
    assert {o.language for o in values} == {"en"}
    rows = built.store().query("""PREFIX wbkg: <https://w3id.org/wbkg/ontology#>
        SELECT (COUNT(*) AS ?all) (SUM(IF(LANG(?t) = "en", 1, 0)) AS ?en) WHERE { ?s wbkg:text ?t }""", None, {}).rows
    assert int(rows[0][0]) == int(rows[0][1]) > 0
