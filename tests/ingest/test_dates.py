"""Temporal expressions: each pattern on invented sentences, what must not match, and the seed articles."""

import datetime as dt

import pytest

from wbkg.ingest.dates import find_dates
from wbkg.ingest.dates_resolve import PartialDate

MON_20_OCT_2025 = PartialDate.parse("2025-10-20")
NOV_2017 = PartialDate.parse("2017-11")


def found(text, published=MON_20_OCT_2025):
    mentions = find_dates(text, published)
    for m in mentions:
        assert text[m.begin:m.end] == m.surface
    return [(m.surface, m.value.lexical if m.value else None) for m in mentions]


@pytest.mark.parametrize("text, expected", [
    ("The treaty was signed on 3 March 2019 in Tirana.", [("3 March 2019", "2019-03-03")]),
    ("The treaty was signed on March 3, 2019 in Tirana.", [("March 3, 2019", "2019-03-03")]),
    ("It was signed on the 3rd of March 2019.", [("3rd of March 2019", "2019-03-03")]),
    ("The base opened in June 2016.", [("June 2016", "2016-06")]),
    ("The base opened in 2016.", [("2016", "2016")]),
    ("The log says 2024-02-29 exactly.", [("2024-02-29", "2024-02-29")]),
    ("Border disputes flared in the 1980s.", [("the 1980s", "1980")]),
    ("The exercise was held last year.", [("last year", "2024")]),
    ("The exercise will be held next year.", [("next year", "2026")]),
    ("Numbers rose this year.", [("this year", "2025")]),
    ("Talks resume next month.", [("next month", "2025-11")]),
    ("Talks stalled last month.", [("last month", "2025-09")]),
    ("The minister arrived yesterday.", [("yesterday", "2025-10-19")]),
    ("The minister arrives tomorrow.", [("tomorrow", "2025-10-21")]),
    ("The minister said today that the talks failed.", [("today", "2025-10-20")]),
    ("Troops arrived last November.", [("last November", "2024-11")]),
    ("Troops arrived in September.", [("September", "2025-09")]),
    ("Troops will arrive in December.", [("December", "2025-12")]),
    ("The team visited Skopje on 14 May.", [("14 May", "2025-05-14")]),
    ("Served there in 1999-2000.", [("1999", "1999"), ("2000", "2000")]),
    ("2019 was a hard year for the mission.", [("2019", "2019")]),
    ("Talks resumed in late December 2028.", [("late December 2028", "2028-12")]),
    ("On Thursday, October 16, 2025 the team left.", [("Thursday", "2025-10-16"), ("October 16, 2025", "2025-10-16")]),
])
def test_each_pattern(text, expected):
    assert found(text) == expected


def test_weekday_follows_the_tense_of_its_sentence():
    # published Monday 20 October 2025
    assert found("Leaders will meet on Tuesday.") == [("Tuesday", "2025-10-21")]
    assert found("Speaking ahead of Wednesday's summit, he said little.") == [("Wednesday", "2025-10-22")]
    assert found("The summit is due to open on Friday.") == [("Friday", "2025-10-24")]
    assert found("Leaders met on Tuesday.") == [("Tuesday", "2025-10-14")]
    assert found("He spoke on Monday.") == [("Monday", "2025-10-20")]  # the publication day itself
    assert found("No deals are expected to be announced at the Friday summit.") == [("Friday", "2025-10-24")]
    assert found("Officials visited last Monday.") == [("last Monday", "2025-10-13")]
    assert found("Officials visit next Monday.") == [("next Monday", "2025-10-27")]


def test_precision_bounds_and_literals():
    early = find_dates("A course launching early next year.", NOV_2017)[0].value
    assert (early.lexical, early.precision) == ("2018", "year")
    assert (early.earliest, early.latest) == (dt.date(2018, 1, 1), dt.date(2018, 4, 30))
    earlier = find_dates("Ministers met earlier this month.", MON_20_OCT_2025)[0].value
    assert (earlier.lexical, earlier.earliest, earlier.latest) == ("2025-10", dt.date(2025, 10, 1),
                                                                    dt.date(2025, 10, 20))
    decade = find_dates("in the 1990s", None)[0].value
    assert (decade.precision, decade.earliest, decade.latest) == ("decade", dt.date(1990, 1, 1),
                                                                  dt.date(1999, 12, 31))
    assert str(decade.literal().datatype).endswith("#gYear")
    week = find_dates("Talks opened this week.", MON_20_OCT_2025)[0].value
    assert (week.lexical, week.earliest, week.latest) == ("2025-10", dt.date(2025, 10, 20), dt.date(2025, 10, 26))
    late = find_dates("It ends in late 2019.", None)[0].value
    assert (late.lexical, late.earliest, late.latest) == ("2019", dt.date(2019, 9, 1), dt.date(2019, 12, 31))


def test_partial_date_parse_literal_and_order():
    day, month, year = (PartialDate.parse(s) for s in ("2021-03-19", "2021-03", "2021"))
    assert [d.literal().n3() for d in (day, month, year)] == [
        '"2021-03-19"^^<http://www.w3.org/2001/XMLSchema#date>',
        '"2021-03"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>',
        '"2021"^^<http://www.w3.org/2001/XMLSchema#gYear>']
    assert month.latest == dt.date(2021, 3, 31) and year.latest == dt.date(2021, 12, 31)
    assert sorted([year, day, month], key=PartialDate.sort_key) == [year, month, day]
    for bad in ("21-03", "2021/03/19", "March 2021", "2021-13"):
        with pytest.raises(ValueError):
            PartialDate.parse(bad)


def test_relative_without_publication_date_is_found_unresolved():
    assert found("It happened last year and on Tuesday, in 2010.", None) == [
        ("last year", None), ("Tuesday", None), ("2010", "2010")]


def test_day_needed_but_publication_known_to_the_month():
    assert found("He arrived yesterday, on Tuesday, last month.", NOV_2017) == [
        ("yesterday", None), ("Tuesday", None), ("last month", "2017-10")]
    assert found("Today the mission is large.", NOV_2017) == [("Today", "2017-11")]


@pytest.mark.parametrize("text", [
    "Some 28 countries sent 4,500 troops and 10 billion euros.",
    "They deployed 2000 troops and 1999 vehicles.",
    "The meeting starts at 10:30 and ends at 5pm.",
    "You may march on.",
    "We met over the decades, in the years to come, for three years and more than 10 years.",
    "The 2nd Battalion returned.",
    "The Western Balkans Summit in London.",
    "He may go in spring.",
    "It fell on 31 February 2021.",
    "The Sunday Times reported that the Good Friday Agreement holds.",
    "Good Friday Agreement anniversaries matter.",
])
def test_not_dates(text):
    assert found(text) == []


def test_deterministic():
    text = "Leaders met on Tuesday and will meet again next year, in March 2026."
    assert find_dates(text, MON_20_OCT_2025) == find_dates(text, MON_20_OCT_2025)


# publication dates of the seed articles: corpus/articles.ttl's wbkg:earliestDate, else schema:datePublished
SEED = {"000_85f3084a00737124": "2025-10-22", "001_634df396d22a9eaf": "2017-11",
        "002_63e481d392bb086d": "2025-10-20", "003_beee9a17c3567628": "2021-07-26",
        "004_14e81d64b1671461": "2025-10-21"}


def test_seed_articles_against_their_curated_graphs(project):
    got = {}
    for name, published in SEED.items():
        text = project.article_text_file(name).read_text(encoding="utf-8")
        got[name[:3]] = found(text, PartialDate.parse(published))
    # values the curated graphs hold (wbkg:validUntil, startDate, date), checked by hand against the quotes
    assert ("December 2028", "2028-12") in got["000"] and ("1999", "1999") in got["000"]
    assert ("early next year", "2026") in got["000"]
    assert ("next year", "2018") in got["001"]
    assert ("Wednesday", "2025-10-22") in got["002"] and ("the 1990s", "1990") in got["002"]
    assert ("earlier this month", "2025-10") in got["002"]
    assert got["003"].count(("today", "2021-07-26")) == 2 and ("26 July 2021", "2021-07-26") in got["003"]
    assert got["004"] == [("last year", "2024"), ("earlier this year", "2025"), ("Wednesday", "2025-10-22"),
                          ("Tuesday", "2025-10-21"), ("December 2028", "2028-12"), ("1999", "1999"),
                          ("2014", "2014")]
    # no counts: "4,500 troops", "33 NATO", "78-day", "10 billion", "30 troops", "22,000 people"
    assert sum(len(v) for v in got.values()) == 23
