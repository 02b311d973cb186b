"""Graph content: every quote is verbatim in its article, offsets match, every fact has a source,
every article has a graph, labels are unambiguous, no blank nodes in curated files."""
from __future__ import annotations

from collections import defaultdict

from rdflib import BNode, Literal
from rdflib.namespace import RDF, SKOS

from wbkg.vocab.namespaces import WBKG
from wbkg.problems import INPUT, WARNING
from wbkg.rdfio import parse_turtle

SPANS = (WBKG.Evidence, WBKG.Mention, WBKG.Exemption)


def test_every_article_has_a_graph_and_metadata(built):
    texts = sorted(p.stem for p in built.project.corpus_dir.glob("*.txt"))
    assert len(texts) == 5
    assert sorted(a.stem for a in built.articles) == texts
    for article in built.articles:
        assert len(built.graph(article.graph_iri)) > 0


def test_corpus_is_byte_identical_to_the_seeds(checkout):
    """The checkout's seed texts are the published ones (SHA-256 in tests/seedcorpus.py), whatever else the user
    has ingested beside them; and the same bytes as the brief's seeds folder when there is one."""
    from pathlib import Path
    from seedcorpus import SEED_SHA256, seed_text_problems
    assert seed_text_problems(checkout.root) == []
    seeds = Path(checkout.root).parent / "shared" / "seeds"
    if not seeds.is_dir():  # a user's clone has no seeds folder beside it; the digests above pin the text
        seeds = None
    sizes = {
        "000_85f3084a00737124": 3107, "001_634df396d22a9eaf": 2043, "002_63e481d392bb086d": 2980,
        "003_beee9a17c3567628": 2479, "004_14e81d64b1671461": 2844,
    }
    assert set(sizes) == set(SEED_SHA256)
    for stem, size in sizes.items():
        data = checkout.article_text_file(stem).read_bytes()
        assert len(data) == size
        if seeds is not None:
            assert data == (seeds / f"{stem}.txt").read_bytes()


def test_no_grounding_problems(built):
    """Warnings (a label two referenced entities share, so not used for mentions there) are allowed."""
    assert [str(p) for p in built.problems if p.severity != WARNING] == []


def test_every_span_quote_is_verbatim_at_its_offsets(built):
    checked = 0
    for article in built.articles:
        g = built.graph(article.graph_iri)
        for cls in SPANS:
            for node in g.subjects(RDF.type, cls):
                begin, end = int(g.value(node, WBKG.beginIndex)), int(g.value(node, WBKG.endIndex))
                exact = str(g.value(node, WBKG.exact))
                assert article.text[begin:end] == exact, node
                assert article.text[:begin].endswith(str(g.value(node, WBKG.prefix))), node
                assert article.text[end:].startswith(str(g.value(node, WBKG.suffix))), node
                assert g.value(node, WBKG.inArticle) == article.iri
                checked += 1
    assert checked > 100


def test_every_statement_text_is_verbatim(built):
    for article in built.articles:
        for statement, text in built.graph(article.graph_iri).subject_objects(WBKG.text):
            assert str(text) in article.text, statement


def test_every_fact_node_has_an_evidence(built):
    """Fact nodes (statements, stances, tenures, quantities...) are each supported by an evidence."""
    missing = []
    for article in built.articles:
        g = built.graph(article.graph_iri)
        supported = set(g.objects(None, WBKG.supports))
        for cls in (WBKG.Statement, WBKG.Stance, WBKG.Tenure, WBKG.Quantity, WBKG.Contribution, WBKG.Signature):
            for node in g.subjects(RDF.type, cls):
                if node not in supported:
                    missing.append((article.stem, str(node)))
    assert missing == []


def test_no_blank_nodes_in_curated_files(project):
    files = [project.entities_file, *sorted(project.articles_graph_dir.glob("*.ttl"))]
    for path in files:
        g = parse_turtle(path)
        blanks = [t for t in g if isinstance(t[0], BNode) or isinstance(t[2], BNode)]
        assert blanks == [], path


def test_no_two_nodes_share_a_preferred_label_within_a_class(built):
    seen = defaultdict(set)
    g = built.entities
    for node, label in g.subject_objects(SKOS.prefLabel):
        for cls in g.objects(node, RDF.type):
            seen[(cls, str(label).casefold(), label.language)].add(node)
    clashes = {k: v for k, v in seen.items() if len(v) > 1}
    assert clashes == {}


def test_every_entity_has_an_english_preferred_label(built):
    g = built.entities
    lacking = [s for s in set(g.subjects(RDF.type, None))
               if not any(l.language == "en" for l in g.objects(s, SKOS.prefLabel))]
    assert lacking == []


def test_every_referenced_entity_is_described(built):
    """Every id: IRI used in an article graph has a type and a label somewhere (entities or that graph)."""
    undescribed = set()
    for article in built.articles:
        g = built.graph(article.graph_iri)
        for s, p, o in g:
            for node in (s, o):
                if str(node).startswith("https://w3id.org/wbkg/id/"):
                    typed = (node, RDF.type, None) in g or (node, RDF.type, None) in built.entities
                    if not typed:
                        undescribed.add((article.stem, str(node)))
    assert sorted(undescribed) == []


def test_input_problems_are_not_tolerated(built):
    assert [p for p in built.problems if p.severity == INPUT] == []


def test_dates_carry_their_precision_as_datatype(built):
    from rdflib.namespace import XSD
    allowed = {XSD.date, XSD.gYearMonth, XSD.gYear}
    props = (WBKG.date, WBKG.startDate, WBKG.endDate, WBKG.earliestDate, WBKG.latestDate, WBKG.asOf, WBKG.validUntil)
    wrong = []
    for article in built.articles:
        for prop in props:
            for s, o in built.graph(article.graph_iri).subject_objects(prop):
                if not isinstance(o, Literal) or o.datatype not in allowed:
                    wrong.append((str(s), str(prop), o))
    assert wrong == []
