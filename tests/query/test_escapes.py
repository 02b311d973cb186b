"""The SERVICE check and the engine read the same query (issue 13, item 1): a fuzz over \\u and \\U escapes in
strings, IRIs, prefixed names, comments and nested groups. Every query the check accepts is run by Oxigraph
(unconfined, in this process) and a loopback recorder must see no request; the raw texts, run without the
check, show that the same recorder does see a SERVICE that gets through."""
from __future__ import annotations

import random

import pyoxigraph as ox
import pytest

from wbkg.errors import InputError
from wbkg.query.prepare import STANDARD_PREFIXES, decode_escapes, prepare

from recorder import Recorder

ATTACK = ('SELECT ?s WHERE {{ BIND(CONCAT("a{e}, ") AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} '
          'BIND(CONCAT(", {e}b") AS ?y) }}')
# escapes of the characters that open or close a string, an IRI, a comment, a line, a group or an escape
CHARS = ['"', "'", ">", "<", "#", "\n", "\r", "{", "}", "\\", " ", "S", "E"]


def spellings(char: str) -> list[str]:
    code = ord(char)
    return [f"\\u{code:04X}", f"\\u{code:04x}", f"\\U{code:08X}", f"\\u{code:08X}", f"\\U{code:04X}",
            f"\\u005C\\u{code:04X}", f"\\u005Cu{code:04X}", f"\\\\u{code:04X}"]


def contexts(e: str, url: str) -> list[str]:
    """SERVICE placed so that one reading of escape ``e`` hides it and another does not."""
    return [
        ATTACK.format(e=e, url=url),
        f"SELECT ?s WHERE {{ BIND('a{e}, ' AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} BIND(', {e}b' AS ?y) }}",
        f'SELECT ?s WHERE {{ BIND("""a{e}""" AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} BIND("""{e}""" AS ?y) }}',
        f"SELECT ?s WHERE {{ BIND(<http://a.test/{e}> AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} "
        f"BIND(<http://b.test/{e}> AS ?y) }}",
        f"SELECT ?s WHERE {{ ?s wbkg:a{e}b ?o . SERVICE <{url}> {{ ?s ?p ?o }} ?s wbkg:c{e}d ?o }}",
        f"SELECT ?s WHERE {{ # a comment {e}\n SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT ?s WHERE {{ # a comment {e} SERVICE <{url}> {{ ?s ?p ?o }}\n }}",
        f"SELECT ?s WHERE {{ {{ OPTIONAL {{ BIND(\"{e}\" AS ?x) {{ SERVICE <{url}> {{ ?s ?p ?o }} }} "
        f"BIND(\"{e}\" AS ?y) }} }} }}",
        f"SELECT ?s WHERE {{ {{ ?s ?p ?o }} {e} {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"SELECT ?s WHERE {{ {e}SERVIC{e} <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT ?s WHERE {{ SERVIC\\u0045 <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT ?s WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    ]


def fuzz_cases(url: str) -> list[str]:
    cases = [q for char in CHARS for e in spellings(char) for q in contexts(e, url)]
    rng = random.Random(13)   # a fixed sample of mixed escapes: the same cases on every run
    pool = [s for char in CHARS for s in spellings(char)]
    for _ in range(300):
        mixed = "".join(rng.sample(pool, 3))
        cases.append(rng.choice(contexts(mixed, url)))
    return cases


def run_unchecked(store: ox.Store, text: str) -> None:
    try:
        list(store.query(text, prefixes=STANDARD_PREFIXES))
    except (SyntaxError, OSError, ValueError, RuntimeError):
        pass


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://x.test/s"), ox.NamedNode("http://x.test/p"), ox.Literal("o")))
    return store


def test_no_escape_form_lets_service_through(store):
    with Recorder() as recorder:
        cases = fuzz_cases(recorder.url)
        accepted = 0
        for text in cases:
            try:
                query = prepare(text)
            except InputError:
                continue
            accepted += 1
            run_unchecked(store, query.text)
            assert recorder.count == 0, f"SERVICE reached the recorder through:\n{text}"
        assert len(cases) > 1000 and accepted > 50   # the fuzz did run queries, not only refuse them


def test_the_recorder_sees_a_service_that_gets_through(store):
    """The witness works: Oxigraph given the raw attack text (no check) calls the recorder."""
    with Recorder() as recorder:
        run_unchecked(store, ATTACK.format(e="\\u0022", url=recorder.url))
        run_unchecked(store, ATTACK.format(e="\\u0027", url=recorder.url).replace('"', "'"))
        assert recorder.count == 2


@pytest.mark.parametrize("escaped, decoded", [
    ("\\u0041", "A"), ("\\u00e9", "é"), ("\\U0001F600", "\U0001F600"), ("\\u00410", "A0"),
    ("\\U00000022", '"'), ("\\u0022", '"'), ("\\x", "\\x"), ("\\n", "\\n"), ("\\u12", "\\u12"),
    ("\\\\u0041", "\\A"), ("a\\u000Db", "a\nb"), ("a\r\nb", "a\nb"), ("a\rb", "a\nb")])
def test_escapes_are_decoded_once_as_the_grammar_says(escaped, decoded):
    assert decode_escapes(escaped) == decoded


@pytest.mark.parametrize("text", ["\\u005Cu0022", "\\u005CU00000022", "\\u005C\\u0075\\u0030\\u0030\\u0032\\u0032",
])
def test_an_escape_that_spells_an_escape_is_refused(text):
    with pytest.raises(InputError, match="write the character itself"):
        decode_escapes(text)


@pytest.mark.parametrize("text", ["\\uD800", "\\U00110000"])
def test_an_escape_that_is_not_a_character_is_refused(text):
    with pytest.raises(InputError, match="not a Unicode character"):
        decode_escapes(text)


def test_a_carriage_return_ends_a_comment_for_both_engines():
    """rdflib ends a comment at a line feed only, Oxigraph at a carriage return too: found by the fuzz."""
    with pytest.raises(InputError, match="SERVICE is not allowed"):
        prepare("SELECT ?s WHERE { # a comment \r SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }\n }")


def test_the_engine_is_given_the_decoded_text():
    query = prepare('SELECT ?x WHERE { BIND("caf\\u00E9" AS ?x) }')
    assert query.text == 'SELECT ?x WHERE { BIND("café" AS ?x) }'
    assert [s["x"].value for s in ox.Store().query(query.text)] == ["café"]


def test_service_written_plainly_is_still_refused():
    for text in ["SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
                 "SELECT * { { OPTIONAL { SERVICE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } } } }"]:
        with pytest.raises(InputError, match="SERVICE is not allowed"):
            prepare(text)


def test_every_context_is_parsed_by_both_engines_when_nothing_is_escaped():
    """The fuzz contexts are well-formed SPARQL without escapes (else the fuzz would test only syntax errors)."""
    plain = contexts("x", "http://127.0.0.1:9/")
    for text in plain[:6] + [plain[7]] + plain[10:]:
        with pytest.raises(InputError, match="SERVICE is not allowed"):
            prepare(text)
