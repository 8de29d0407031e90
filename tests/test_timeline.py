"""Timeline: dates resolved against the publication date or the story's own anchors."""
from __future__ import annotations

import pytest

from storyloom.model import Article


def _timeline(texts: dict[str, str], published: str | None = None):
    from storyloom.analyze import analyze
    from storyloom.consolidate.timeline import build_timeline

    articles = [Article(k, v, source=k, language="en", published=published) for k, v in texts.items()]
    return build_timeline(analyze(articles, "hashing", entities=False))


def test_resolved_against_publication_date():
    entries = _timeline({
        "a": "The leaders will talk again this Thursday. Their last call was on December 7. "
             "Talks follow on Jan. 10 in Geneva. They first met last June.",
        "b": "The leaders will talk again on Thursday, officials said.",
    }, published="2021-12-29")
    dates = [e.date for e in entries]
    assert dates == sorted(dates)
    assert dates == ["2021-06", "2021-12-07", "2021-12-30", "2022-01-10"]
    thursday = entries[2]
    assert thursday.sources == ["a", "b"] and len(thursday.evidence) == 2


def test_without_publication_date_years_stay_open_and_order_holds():
    entries = _timeline({
        "a": "The leaders will talk again this Thursday, three weeks after a video call on December 7. "
             "Talks follow on January 10 in Geneva. They first met last June.",
    })
    # the Thursday is pinned by its own sentence: three weeks after December 7
    assert [e.date for e in entries] == ["--06", "--12-07", "--12-28", "--01-10"]
    assert "Thursday" in entries[2].text
    # "three weeks" is round: the Thursday's day is an estimate, the stated dates are not
    assert [e.approximate for e in entries] == [False, False, True, False]


def test_weekdays_of_the_anchored_week_resolve_to_days():
    entries = _timeline({
        "a": "The leaders will talk again this Thursday, three weeks after a video call on December 7.",
        "b": "On Wednesday the minister spoke with his counterparts about the crisis in the region.",
        "c": "Officials said on Friday that the ministers would meet again in the capital soon.",
    })
    dates = {e.date: e.text for e in entries}
    assert "--12-27" in dates and "Wednesday" in dates["--12-27"]
    assert "--12-28" in dates and "--12-29" in dates
    assert [e.date for e in entries] == sorted(e.date for e in entries)


def test_relative_day_beside_a_weekday_is_dated_once_by_the_weekday():
    entries = _timeline({
        "a": "The leaders will talk again this Thursday, three weeks after a video call on December 7.",
        "b": "The president plans to speak to his counterpart on the phone tomorrow, Thursday.",
        "c": "The minister said on Friday, not tomorrow, that the talks would go ahead.",
    })
    dates = [e.date for e in entries]
    thursday = next(e for e in entries if e.date == "--12-28")
    assert thursday.sources == ["a", "b"]
    # "tomorrow" with no weekday beside it still counts as an event of the story's month
    assert "--12" in dates and "--12-29" in dates


def test_weekday_stays_a_month_without_a_pinned_weekday():
    entries = _timeline({
        "a": "The leaders will talk again soon, three weeks after a video call on December 7.",
        "b": "On Wednesday the minister spoke with his counterparts about the crisis in the region.",
    })
    assert "--12" in [e.date for e in entries]


def test_date_line_is_not_an_event():
    entries = _timeline({"a": "Monday, March 4\n\nThe ministers met on December 7 in Oslo to sign it."})
    assert [e.date for e in entries] == ["--12-07"]


@pytest.fixture(scope="module")
def seed_timeline(seed_members):
    from storyloom.consolidate.timeline import build_timeline

    return build_timeline(seed_members)


@pytest.mark.slow
def test_seed_timeline(seed_timeline):
    dates = [e.date for e in seed_timeline]
    assert dates.index("--06") < dates.index("--12-07") < dates.index("--01-10")
    december = next(e for e in seed_timeline if e.date == "--12-07")
    assert len(december.sources) >= 3
    thursday = next(e for e in seed_timeline if "Thursday" in e.text and len(e.sources) >= 4)
    assert thursday.approximate  # no year or publication date is stated: an estimate
    assert not any(e.date.startswith(("--03", "2024-03", "2019-03")) for e in seed_timeline)


def test_a_stated_anchor_year_gives_full_dates_with_the_pinned_weekday():
    entries = _timeline({
        "a": "The leaders will talk again this Thursday, three weeks after a video call on December 7.",
        "b": "The video call of December 7, 2021 lasted two hours, officials said at the time.",
        "c": "On Wednesday the minister spoke with his counterparts about the crisis in the region. "
             "Talks follow on January 10 in Geneva.",
    })
    dates = [e.date for e in entries]
    # 7 December 2021 + three weeks is Tuesday 28 December; the Thursday of that week is the 30th
    assert dates == sorted(dates)
    assert list(dict.fromkeys(dates)) == ["2021-12-07", "2021-12-29", "2021-12-30", "2022-01-10"]
    assert not any(e.approximate for e in entries)  # the year fixes the weekday


def test_case_insensitive_day_words_never_crash_and_resolve():
    from storyloom.analyze.times import find_dates

    found = find_dates("He left yeſterday and returns TOMORROW.")
    assert [e.offset_days for e in found] == [-1, 1]


def test_vague_spans_keep_their_vagueness():
    entries = _timeline({"a": "The plant opened a year ago. Its owner left two weeks ago. "
                              "A fire broke out three days ago."}, published="2021-12-29")
    assert [(e.date, e.approximate) for e in entries] == [
        ("2020", True), ("2021-12", True), ("2021-12-26", False)]


def test_a_bare_weekday_points_the_way_of_its_tense():
    # published on a Monday: "met on Friday" is three days back, "will meet on Friday" ahead
    entries = _timeline({"a": "The board met on Friday to review the plan.",
                         "b": "The council will meet on Friday to vote on the plan."},
                        published="2021-12-27")
    assert sorted(e.date for e in entries) == ["2021-12-24", "2021-12-31"]
