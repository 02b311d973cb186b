"""Statements: direct quotes and reported speech on invented sentences, then a hand check on the seed articles."""
from __future__ import annotations

import pytest

from wbkg.ingest.sentences import split_sentences
from wbkg.ingest.statements import StatementMention, find_statements


def one(text: str) -> StatementMention:
    found = find_statements(text)
    assert len(found) == 1, found
    return found[0]


def check_offsets(text: str, found: list[StatementMention]) -> None:
    for m in found:
        for span in (m.said, m.verb, m.speaker, m.title, m.pronoun):
            if span is not None:
                assert text[span.begin:span.end] == span.text


# --- sentences ---------------------------------------------------------------------------------------------

def test_sentences_carry_offsets_and_keep_opening_quotes():
    text = "Heading Line\nThe envoy arrived. “We are here,” she said. “Again.”"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Heading Line", "The envoy arrived.", "“We are here,” she said.",
                                           "“Again.”"]
    assert all(text[s.begin:s.end] == s.text for s in sentences)


# --- direct quotes -----------------------------------------------------------------------------------------

def test_quote_then_pronoun_resolved_to_last_named_person():
    text = "Foreign Secretary Jane Holt visited Tirana. “The border is safe,” she said."
    m = one(text)
    assert (m.said.text, m.direct, m.verb.text) == ("The border is safe", True, "said")
    assert m.pronoun.text == "she" and m.speaker.text == "Jane Holt"
    assert text[m.speaker.begin:m.speaker.end] == "Jane Holt" and m.speaker.begin < m.pronoun.begin


def test_name_said_colon_quote():
    text = "Defence Secretary Tom Briggs said: “We will send two ships.”"
    m = one(text)
    assert (m.said.text, m.speaker.text, m.title.text, m.verb.text) == (
        "We will send two ships.", "Tom Briggs", "Defence Secretary", "said")


def test_quote_said_name_the_title_with_straight_quotes():
    text = '"Peace needs patience," said Ana Petrovic, the mayor of Niš.'
    m = one(text)
    assert (m.said.text, m.speaker.text, m.direct) == ("Peace needs patience", "Ana Petrovic", True)


def test_sir_is_a_title_apart_from_the_name():
    m = one("“Nothing is settled,” Sir Malcolm Reed warned.")
    assert (m.speaker.text, m.title.text, m.verb.text) == ("Malcolm Reed", "Sir", "warned")


def test_quote_spanning_sentences_and_its_continuation():
    text = ("“We stand ready. We always have,” General Mira Dahl said. “Our soldiers know the ground.”\n\n"
            "Another paragraph of news follows here.")
    found = find_statements(text)
    check_offsets(text, found)
    assert [m.said.text for m in found] == ["We stand ready. We always have", "Our soldiers know the ground."]
    assert all(m.direct and m.speaker.text == "Mira Dahl" for m in found)


def test_quote_left_open_at_paragraph_end_continues_in_the_next():
    text = "Mr Okafor said: “The talks went well.\n\n“We meet again in May.”"
    found = find_statements(text)
    assert [m.said.text for m in found] == ["The talks went well.", "We meet again in May."]
    assert {m.speaker.text for m in found} == {"Okafor"}


def test_partial_quote_in_an_attributed_sentence():
    text = "Lena Varga said the deal would help, calling it “a fair bargain for both sides.”"
    found = find_statements(text)
    direct = [m for m in found if m.direct]
    assert [m.said.text for m in direct] == ["a fair bargain for both sides."]
    assert direct[0].speaker.text == "Lena Varga"


def test_block_quote_without_marks_after_said_colon():
    text = ("Trade Minister Ivo Sand said:\n\nThe port opens next year.\n\nWe thank our partners.\n\n"
            "The minister then left for Skopje.")
    found = find_statements(text)
    assert [m.said.text for m in found] == ["The port opens next year.", "We thank our partners."]
    assert all(m.direct and m.speaker.text == "Ivo Sand" for m in found)


# --- reported speech ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, speaker, verb, said", [
    ("Mayor Ana Petrovic said that the bridge would reopen.", "Ana Petrovic", "said",
     "the bridge would reopen"),
    ("Petrovic told reporters that the bridge would reopen.", "Petrovic", "told", "the bridge would reopen"),
    ("Serbia’s President Dragan Ilic has said his country will not join.", "Dragan Ilic", "said",
     "his country will not join"),
    ("Colonel Burke insisted the troops were ready to deploy.", "Burke", "insisted",
     "the troops were ready to deploy"),
    ("According to Marta Kos, the mission has doubled in size.", "Marta Kos", "According to",
     "the mission has doubled in size"),
    ("The mission has doubled in size, according to Marta Kos.", "Marta Kos", "according to",
     "The mission has doubled in size"),
    ("UK officials stressed that no deal had been signed.", "UK officials", "stressed",
     "no deal had been signed"),
])
def test_reported_speech(text, speaker, verb, said):
    m = one(text)
    assert (m.speaker.text, m.verb.text, m.said.text, m.direct) == (speaker, verb, said, False)
    check_offsets(text, [m])


def test_reported_pronoun_resolves_to_earlier_speaker():
    text = "Ana Petrovic said that the bridge would reopen. She added that tolls would fall."
    found = find_statements(text)
    assert [(m.speaker.text, m.said.text) for m in found] == [("Ana Petrovic", "the bridge would reopen"),
                                                             ("Ana Petrovic", "tolls would fall")]
    assert found[1].pronoun.text == "She"


def test_title_only_speaker():
    m = one("The Prime Minister confirmed that the talks were over.")
    assert m.speaker is None and m.title.text == "Prime Minister" and m.said.text == "the talks were over"


# --- negatives ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The plan for so-called “return hubs” was shelved.",                     # a name no one says
    "Ministers discussed the so-called 'return hubs' on Monday.",            # single quotes: a term
    "The report “Securing the Western Balkans Together” was published.",     # a document's title
    "He called the offer a “fair” one.",                                     # scare quotes
    "“Troops to Stay in Kosovo”\nThe article text follows here.",           # a headline
    "The “NATO-first” approach shapes the review.",                          # a quoted label
    "He told reporters nothing.",                                            # told without a clause
    "The minister said.",                                                    # nothing said
])
def test_not_a_statement(text):
    assert find_statements(text) == []


def test_short_quoted_word_inside_reported_speech_is_not_a_direct_quote():
    found = find_statements("Rada Novak said it was her “duty” to help.")
    assert [(m.direct, m.said.text) for m in found] == [(False, "it was her “duty” to help")]


def test_speech_verb_inside_a_quotation_is_not_another_statement():
    found = find_statements("“I’ve said it before and I say it again – never,” Mr Lodge said.")
    assert [(m.direct, m.speaker.text) for m in found] == [(True, "Lodge")]


def test_deterministic():
    text = "“We are ready,” she said. Jan Ek said that it was late."
    assert find_statements(text) == find_statements(text)


# --- the seed articles, checked by hand against their curated graphs ----------------------------------------

def test_seed_articles(project):
    texts = {p.stem[:3]: p.read_text(encoding="utf-8") for p in sorted(project.corpus_dir.glob("*.txt"))}
    found = {k: find_statements(t) for k, t in texts.items()}
    for k, t in texts.items():
        check_offsets(t, found[k])
    by_text = {(k, m.said.text): m for k, ms in found.items() for m in ms}
    # 000: Sir Keir's quotation, its continuation, and Al Carns behind "he said"
    m = by_text[("000", "The UK’s commitment to peace and security in the Western Balkans is unwavering")]
    assert m.direct and m.speaker.text == "Keir" and m.title.text == "Sir"
    assert by_text[("000", "By extending our support to NATO’s Kosovo Force, we are demonstrating our role as a "
                           "leading NATO ally and standing by our values of stability and democracy.")].direct
    carns = [m for m in found["000"] if m.said.text.startswith("Our troops have carried out")]
    assert carns[0].speaker.text == "Al Carns" and carns[0].pronoun.text == "he"
    # 001 and 003: block quotations under "... said:"
    assert [m.speaker.text for m in found["001"] if m.direct] == ["Mark Lancaster", "Mark Lancaster"]
    assert [m.speaker.text for m in found["003"] if m.direct] == ["James Heappey", "James Heappey"]
    # 002: Kurti's reported speech and UK officials
    m = by_text[("002", "his country is ready to assist the United Kingdom in tackling illegal migration, "
                        "confirming ongoing talks with British officials on a potential bilateral agreement")]
    assert not m.direct and m.speaker.text == "Albin Kurti" and m.verb.text == "said"
    assert any(m.speaker.text == "UK officials" and m.verb.text == "According to" for m in found["002"])
    assert not any(m.said.text in {"return hubs", "duty", "never forget", "NATO-first"}
                   for ms in found.values() for m in ms)
    # 004: Edi Rama's quotation and Spajic behind "he said"
    m = by_text[("004", "When it comes to the hubs, or whatever they are called, I’ve said it, and I repeat – "
                        "never in Albania")]
    assert m.speaker.text == "Edi Rama" and m.title.text == "Albanian Prime Minister"
    m = by_text[("004", "Montenegro is not part of the migrant routes through the Balkans")]
    assert m.speaker.text == "Milojko Spajic"


def test_saying_takes_the_sentence_subject_as_speaker():
    found = find_statements("Vesna Kolar praised the volunteers, saying the town owed them a great deal.")
    assert [(m.speaker.text, m.verb.text, m.said.text, m.direct) for m in found] == [
        ("Vesna Kolar", "saying", "the town owed them a great deal", False)]
