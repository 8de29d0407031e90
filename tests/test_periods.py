"""Periods and vague times (analyze/periods.py) and vague spans kept vague (times.ago_value)."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyloom.analyze.periods import find_periods, period_value
from storyloom.analyze.times import ago_value, find_dates, resolve, tense_of

REFERENCE = dt.date(1989, 11, 2)  # a Thursday, in the fourth quarter


@pytest.mark.parametrize("text, found, value", [
    ("Sales rose last year.", "last year", "1988"),
    ("Profit fell earlier this year.", "earlier this year", "1989"),
    ("The plant closes next month.", "next month", "1989-12"),
    ("Talks began last week.", "last week", "1989-W43"),
    ("Earnings in the third quarter were flat.", "the third quarter", "1989-Q3"),
    ("Fourth-quarter results are due.", "Fourth-quarter", "1989-Q4"),
    ("Net income for the quarter rose.", "the quarter", "1989-Q3"),
    ("It was built in 1968.", "1968", "1968"),
    ("Prices are now higher.", "now", "PRESENT_REF"),
    ("Prices rose recently.", "recently", "PAST_REF"),
    ("Prices rose in recent weeks.", "recent weeks", "PXW"),
    ("They will meet last summer's partners.", "last summer", "1988-SU"),
])
def test_periods_and_their_values(text, found, value):
    periods = find_periods(text)
    assert [text[p.start:p.end] for p in periods] == [found]
    assert period_value(periods[0], REFERENCE) == value


def test_figures_and_spans_are_not_periods():
    found = find_periods("It cost $1990, sold 1,998 copies, in the 1990s; the past two months")
    assert [(p.kind, p.text) for p in found] == [("decade", "the 1990s")]  # a decade, no year


def test_a_year_ago_is_a_year_not_a_day():
    text = "Sales a year ago were lower; two weeks ago they rose; three days ago they fell."
    values = [ago_value(e, REFERENCE) for e in find_dates(text) if e.kind == "relative"]
    assert values == ["1988", "1989-W42", "1989-10-30"]


def test_tense_sets_the_direction_of_a_bare_weekday():
    tuesday = next(e for e in find_dates("on Tuesday") if e.kind == "weekday")
    assert tense_of("The board met on Tuesday.") == "past"
    assert tense_of("The board will meet on Tuesday.") == "future"
    assert resolve(tuesday, REFERENCE, "past") == dt.date(1989, 10, 31)
    assert resolve(tuesday, REFERENCE, "future") == dt.date(1989, 11, 7)
    assert resolve(tuesday, REFERENCE) == dt.date(1989, 10, 31)  # nearest: unchanged default


def test_a_time_before_the_calendar_is_not_placed():
    text = "The crater formed 66 million years ago; people came 10,000 years ago."
    for expr in find_dates(text):
        assert resolve(expr, REFERENCE) is None
        assert ago_value(expr, REFERENCE) is None


@pytest.mark.parametrize("text, found", [
    # the quarter the text named last: that quarter, or the same one a year before
    ("Third-quarter profit rose from the year-earlier quarter.", {"Third-quarter": "1989-Q3",
                                                                 "the year-earlier quarter": "1988-Q3"}),
    ("Second-quarter sales fell. Net was up from a year earlier.", {"Second-quarter": "1989-Q2",
                                                                    "a year earlier": "1988-Q2"}),
    ("Second-quarter sales fell. The latest period was weak.", {"Second-quarter": "1989-Q2",
                                                                "The latest period": "1989-Q2"}),
    # no quarter named: "a year ago" stays a year
    ("Sales rose from a year ago.", {"a year ago": "1988"}),
])
def test_quarter_relative_expressions_read_the_quarter_named_before(text, found):
    from storyloom.analyze.timex import annotate_times

    assert {text[t.start:t.end]: t.value for t in annotate_times(text, REFERENCE)} == found


@pytest.mark.parametrize("text, span, value, kind", [
    ("They met on Friday morning.", "Friday morning", "1989-10-27", "DATE"),
    ("It rained last night.", "last night", "1989-11-01TNI", "TIME"),
    ("He spoke this morning.", "this morning", "1989-11-02TMO", "TIME"),
    ("Prices are reported daily.", "daily", "P1D", "SET"),
    ("They meet every week.", "every week", "P1W", "SET"),
    ("Talks stalled over the weekend.", "the weekend", "1989-W43-WE", "DATE"),
    ("Talks will resume this weekend.", "this weekend", "1989-W44-WE", "DATE"),
    ("Prices rose in the 1980s.", "the 1980s", "198", "DATE"),
    ("It changed in the early 1990s.", "the early 1990s", "199", "DATE"),
    ("They have argued for years.", "years", "PXY", "DURATION"),  # length unsaid
    ("It took several weeks.", "several weeks", "PXW", "DURATION"),
    ("Bids close at 5 p.m. EST, Nov. 6.", "5 p.m. EST, Nov. 6", "1989-11-06T17:00", "TIME"),
    ("They met at 10:35 a.m. in the port.", "10:35 a.m.", "1989-11-02T10:35", "TIME"),
    ("The vote is at noon Thursday.", "noon Thursday", "1989-11-02T12:00", "TIME"),
    # a sentence's stop after a month's full name is no abbreviation's
    ("The mission is planned for December.", "December", "1989-12", "DATE"),
    ("Shares fell in Sept. and rose later.", "Sept.", "1989-09", "DATE"),
    # a bare month takes the tense of the verb nearest before it; unmarked, the nearest month
    ("Doctors were shot in December in the city.", "December", "1988-12", "DATE"),
    ("Doctors meet in December in the city.", "December", "1989-12", "DATE"),
    ("The company said it expects to report in mid-November.", "mid-November", "1989-11", "DATE"),
    ("The general election is due this September.", "this September", "1989-09", "DATE"),
    ("He has been on patrol since March and was scheduled to return.", "March", "1989-03", "DATE"),
    ("They agreed last May.", "last May", "1989-05", "DATE"),
    # quarters and halves given a year; seasons; a year in words; the year of a report
    ("Losses go on through the third quarter of 1990.", "the third quarter of 1990", "1990-Q3", "DATE"),
    ("Profit beat the 1988 second quarter.", "the 1988 second quarter", "1988-Q2", "DATE"),
    ("Sales in next year's first quarter", "next year's first quarter", "1990-Q1", "DATE"),
    ("Sales fell in the last half of 1989.", "the last half of 1989", "1989-H2", "DATE"),
    ("It was hot in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four",
     "1994-WI", "DATE"),
    ("It opened this past spring.", "this past spring", "1989-SP", "DATE"),
    ("For the year ended March 31, it earned more.", "the year", "P1Y", "DURATION"),
    ("Sales for the full year rose.", "the full year", "1989", "DATE"),
    ("The deal should close by year-end.", "year-end", "1989", "DATE"),
    ("He left several years ago.", "several years ago", "PAST_REF", "DATE"),
    ("It was the current quarter's best.", "current quarter", "1989-Q4", "DATE"),
    # fractions and fillers of a span; ISO has no decade
    ("She spent about 5 1/2 hours in Nairobi.", "5 1/2 hours", "PT5H30M", "DURATION"),
    ("A minute and a half later it fell.", "A minute and a half", "PT1M30S", "DURATION"),
    ("He served 2 1/2 years.", "2 1/2 years", "P2Y6M", "DURATION"),
    ("Talks need two more weeks.", "two more weeks", "P2W", "DURATION"),
    ("It grew for two decades.", "two decades", "P20Y", "DURATION"),
    ("It lasted a couple of years.", "a couple of years", "P2Y", "DURATION"),
    # what recurs on a named day; a holiday
    ("Flights leave each Thursday.", "each Thursday", "XXXX-WXX-4", "SET"),
    ("The fair opens every July.", "every July", "XXXX-07", "SET"),
    ("They met on Thanksgiving Day.", "Thanksgiving Day", "1988-11-24", "DATE"),
])
def test_timeml_values_of_times_of_day_what_recurs_months_quarters_seasons_spans_and_holidays(
        text, span, value, kind):
    from storyloom.analyze.timex import annotate_times

    found = {text[t.start:t.end]: (t.value, t.type) for t in annotate_times(text, REFERENCE)}
    assert found[span] == (value, kind)


def test_a_discourse_now_and_a_newspaper_are_no_times():
    from storyloom.analyze.timex import annotate_times

    text = "It failed. Now, he says, the party daily Nordpost is read now."
    assert [text[t.start:t.end] for t in annotate_times(text, REFERENCE)] == ["now"]
    assert annotate_times("The 1988 second quarter.", REFERENCE)[0].value == "1988-Q2"  # no 1988 seconds


def test_a_weekday_takes_the_tense_of_its_own_clause():
    from storyloom.analyze.times import tense_at

    text = "Fishers will appeal the ruling, the port said Wednesday."
    start = text.index("Wednesday")
    assert tense_at(text, start, start + 9) == "past"
    text = "Fishers will appeal the ruling, the port predicted Wednesday."  # a regular past
    start = text.index("Wednesday")
    assert tense_at(text, start, start + 9) == "past"
    text = "A rally will be held Sunday in the port."  # a participle after "be": the auxiliary's tense
    start = text.index("Sunday")
    assert tense_at(text, start, start + 6) == "future"
    text = "Sources said the vote may not come until July."  # the cue nearest before
    start = text.index("July")
    assert tense_at(text, start, start + 4) == "future"
    text = "Crowds on Sunday."  # no cue at all
    start = text.index("Sunday")
    assert tense_at(text, start, start + 6) == "unmarked"
    text = "The ruling stands, and exiles will appeal on Wednesday."
    start = text.index("Wednesday")
    assert tense_at(text, start, start + 9) == "future"


def test_an_age_is_no_span():
    from storyloom.analyze.timex import annotate_times

    text = "The captain, 30 years old, was unhurt."
    assert all(t.type != "DURATION" or t.value != "PXY" for t in annotate_times(text, REFERENCE))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["next", "last", "this", "Thanksgiving", "Christmas", "weekend", "week",
                                 "Friday", "summer", "May", "the", "year", "ago", "a", "quarter", "third",
                                 "of", "1994", "every", "Thursday", "noon", ",", "."]), max_size=12),
       st.sampled_from([dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2000, 2, 29), None]))
def test_time_expressions_never_fail_and_stay_inside_the_text(words, reference):
    from storyloom.analyze.timex import annotate_times

    text = " ".join(words)
    for timex in annotate_times(text, reference):
        assert 0 <= timex.start <= timex.end <= len(text)
