"""The literals a value-keeping store (Virtuoso) holds as one, found in a graph's lines without a store: the
pair a 1,000-article synthetic corpus has (an xsd:gYear and the xsd:date of its first day, one subject and
predicate, two articles) and what is kept apart. The store's side: tests/store/test_remote_folding.py."""
from __future__ import annotations

import pyoxigraph as ox

from wbkg.publish.folding import folds, value_key
from wbkg.publish.graphs import default_graph, named_graphs

X = "http://www.w3.org/2001/XMLSchema#"
TENURE = "<https://w3id.org/wbkg/id/tenure-lulzim-moek-post-defence-minister-bosnia-and-herzegovina>"
AS_OF = "<https://w3id.org/wbkg/ontology#asOf>"


def lit(text: str):
    return next(iter(ox.parse(f"<http://x/s> <http://x/p> {text} .", format=ox.RdfFormat.N_TRIPLES))).object


def test_the_pair_of_the_synthetic_corpus_folds_and_nothing_else(tmp_path):
    merge = tmp_path / "wbkg.nt"
    merge.write_text(f'{TENURE} {AS_OF} "2017-01-01"^^<{X}date> .\n{TENURE} {AS_OF} "2017-01-09"^^<{X}date> .\n'
                     f'{TENURE} {AS_OF} "2017"^^<{X}gYear> .\n{TENURE} <http://x/label> "2017" .\n'
                     f'<http://x/a> {AS_OF} "2017"^^<{X}gYear> .\n', encoding="utf-8")
    [fold] = folds(default_graph(merge).lines())
    assert str(fold.subject) == TENURE and str(fold.predicate) == AS_OF
    assert [str(o) for o in fold.objects] == [f'"2017-01-01"^^<{X}date>', f'"2017"^^<{X}gYear>']


def test_a_named_graph_block_is_read_as_its_lines(tmp_path):
    quads = tmp_path / "wbkg.nq"
    quads.write_text(f'<http://x/s> <http://x/p> "1"^^<{X}integer> <http://x/g1> .\n'
                     f'<http://x/s> <http://x/p> "1.0"^^<{X}decimal> <http://x/g2> .\n'
                     f'<http://x/s> <http://x/p> "01"^^<{X}integer> <http://x/g2> .\n', encoding="utf-8")
    first, second = named_graphs(quads)
    assert list(first.lines()) == [quads.read_bytes().splitlines(keepends=True)[0]]
    assert folds(first.lines()) == [] and len(folds(second.lines())[0].objects) == 2


def test_value_keys():
    same = [('"4500"^^<%sinteger>', '"4500.0"^^<%sdecimal>'), ('"7"^^<%snonNegativeInteger>', '"7"^^<%sint>'),
            ('"4500"^^<%sdouble>', '"4500"^^<%sdecimal>'), ('"1"^^<%sboolean>', '"true"^^<%sboolean>'),
            ('"2017-03"^^<%sgYearMonth>', '"2017-03-01"^^<%sdate>'),
            ('"2017-01-01"^^<%sdate>', '"2017-01-01T00:00:00"^^<%sdateTime>'),
            ('"2017-01-01T01:00:00+01:00"^^<%sdateTime>', '"2017-01-01T00:00:00Z"^^<%sdateTime>')]
    apart = [('"2017-01-01T00:00:00Z"^^<%sdateTime>', '"2017-01-01T00:00:00"^^<%sdateTime>'),
             ('"2017"^^<%sgYear>', '"2017-01-02"^^<%sdate>'), ('"2017"^^<%sgYear>', '"--01"^^<%sgMonth>')]
    for a, b in same:
        assert value_key(lit(a % X)) == value_key(lit(b % X)) is not None, (a, b)
    for a, b in apart:
        assert value_key(lit(a % X)) != value_key(lit(b % X)), (a, b)
    assert value_key(lit('"2017"')) is None and value_key(lit('"abc"^^<%sgYear>' % X)) is None
