"""A quote that is not found shows the closest passage, and names a typographic difference (issue 13, item 16)."""
from __future__ import annotations

from wbkg.ground.closest import closest_passage, not_found_hint

ARTICLE = "The minister said: \u201cWe won\u2019t leave the region \u2013 not now.\u201d Then she left for Skopje."


def test_a_straight_apostrophe_for_a_curly_one_is_named():
    passage, hint = closest_passage(ARTICLE, "We won't leave the region - not now.")
    assert passage == "We won\u2019t leave the region \u2013 not now."
    assert "typographic" in hint and "\"'\" for '\u2019'" in hint and "'-' for '\u2013'" in hint


def test_a_misquoted_word_shows_the_passage_it_was_meant_for():
    passage, hint = closest_passage(ARTICLE, "Then she went to Skopje.")
    assert "Skopje" in passage and "typographic" not in hint


def test_the_hint_reads_as_part_of_the_message():
    assert not_found_hint(ARTICLE, "she left for Skopje").startswith("; closest passage: ")
