"""Plain-text reading: title detection, header lines, furniture removal, offsets."""
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from storyloom.ingest import read_inputs
from storyloom.ingest.article import build_article
from storyloom.ingest.clean import clean_blocks, furniture_reason
from storyloom.ingest.dates import is_date_line, normalise_published, parse_date_line
from storyloom.ingest.lines import visible_lines

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def read_one(name: str):
    articles, warnings = read_inputs([str(FIXTURES / name)])
    assert warnings == [] and len(articles) == 1
    return articles[0]


def test_date_header_is_kept_as_low_trust_candidate_not_title():
    article = read_one("dated_header.txt")
    assert article.id == "dated_header"
    assert article.title == "Harbour bridge reopens after three months of repairs"
    header = article.extra["date_header"]
    assert header["text"] == "Tuesday, June 8" and header["trust"] == "low"
    assert header["date"] == "--06-08" and article.published is None
    assert article.text[header["start"]:header["end"]] == "Tuesday, June 8"


def test_trailing_comment_and_share_furniture_is_dropped():
    clean = read_one("dated_header.txt").clean_text
    assert clean.endswith("said transport director Mara Quint.")
    for furniture in ("Share this", "Related Articles", "email address"):
        assert furniture not in clean


def test_section_label_skipped_and_repeated_title_collapsed():
    article = read_one("labelled.txt")
    assert article.title == "Village library wins national reading award"
    assert article.clean_text.startswith("The small library of Eastmere")
    for furniture in ("Local News", "Leave a comment", "Read more", "|"):
        assert furniture not in article.clean_text


def test_title_split_over_two_lines_is_collapsed_and_source_tag_dropped():
    article = read_one("split_title.txt")
    assert article.title.startswith("Flood warning on Sunday")
    assert article.clean_text.startswith("Residents along the Wend valley")
    assert "source site" not in article.clean_text
    assert not article.clean_text.rstrip().endswith(".\n.")
    assert article.clean_text.endswith("in two days.")


def test_text_without_headline_keeps_its_first_sentence_in_the_body():
    article = read_one("no_title.txt")
    assert article.extra["title_guessed"] is True
    assert article.title.startswith("The council voted on Monday")
    assert article.clean_text.startswith("The council voted on Monday")


def test_hard_wrapped_paragraph_is_one_block():
    article = read_one("wrapped.txt")
    assert len(article.blocks) == 2
    first = article.text[slice(*article.blocks[0])]
    assert first.startswith("Hill farmers in") and first.endswith("said on Friday.")


def test_sentence_per_line_text_keeps_its_lead():
    text = "Rain closed the coastal road on Monday .\nPolice said it would reopen on Tuesday .\n"
    article = build_article("a", text, "a.txt")
    assert article.extra["title_guessed"] is True
    assert article.clean_text.startswith("Rain closed the coastal road")


def test_date_and_byline_under_the_headline_are_header_lines():
    text = ("Storm closes ski resorts in the east\nMarch 3, 2022 10:15 AM\nBy Lena Marsh\n"
            "Three ski resorts closed on Thursday after heavy snow blocked the access roads.\n")
    article = build_article("a", text, "a.txt")
    assert article.title == "Storm closes ski resorts in the east"
    assert article.extra["date_header"]["date"] == "2022-03-03"
    assert article.extra["byline"] == "By Lena Marsh"
    assert article.clean_text.startswith("Three ski resorts")


def test_crlf_offsets_stay_exact():
    text = "Council approves new park plan\r\n\r\nThe council approved a plan for a new park on Monday.\r\n"
    article = build_article("a", text, "a.txt")
    assert [article.text[s:e] for s, e in article.blocks] == [
        "The council approved a plan for a new park on Monday."]


def test_furniture_shapes():
    def reason(text):
        return furniture_reason(visible_lines(text)[0])

    assert reason(".") == "no words"
    assert reason("Advertisement") == "single word"
    assert reason("See all") == "call to action"
    assert reason("Source link") == "source tag"
    assert reason("Other News") == "navigation label"
    assert reason("Home / World / Europe") is not None
    assert reason("Your email address will not be published.") == "boilerplate"
    assert reason("The mayor said the bridge would reopen next week.") is None
    assert reason("World leaders meet in Geneva") is None  # a headline, not a label
    assert reason("(Reporting by Ana Lind in Oslo; Editing by Tom Reyes)") == "credit line"
    assert reason("(Additional reporting by the harbour desk)") == "credit line"
    # a parenthesis that reports something stays body text
    assert reason("(The mayor was reporting by phone from the site, officials said.)") is None


def test_date_lines():
    assert is_date_line("Monday, March 4") and is_date_line("12/03/2021")
    assert is_date_line("March 4, 2022") and is_date_line("4 de marzo de 2022")
    assert not is_date_line("Biden will speak on Monday")
    assert parse_date_line("March 4, 2022")["date"] == "2022-03-04"
    assert parse_date_line("13/03/2021")["date"] == "2021-03-13"
    assert parse_date_line("03/04/2021")["date"] is None  # ambiguous: no guess


def test_normalise_published():
    assert normalise_published("2021-12-30") == "2021-12-30"
    assert normalise_published("Thu, 30 Dec 2021 10:00:00 GMT") == "2021-12-30T10:00:00+00:00"
    assert normalise_published("December 30, 2021") == "2021-12-30"
    assert normalise_published("yesterday") is None  # relative dates change with the clock
    assert normalise_published("") is None


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=300),
                 st.lists(st.sampled_from(list("ab .,!?:|/\n\r\t-1é©")
                                          + ["Share", "News ", "the ", "Read more"]),
                          max_size=80).map("".join)),
       st.sampled_from(["", "the News", "a b c"]))
def test_blocks_are_ordered_nonempty_and_in_bounds(text, title):
    blocks = clean_blocks(text, title)
    previous_end = 0
    for start, end in blocks:
        assert previous_end <= start < end <= len(text)
        assert text[start:end].strip()
        previous_end = end


def test_checked_full_date_header_becomes_the_publication_date(tmp_path):
    from storyloom.ingest import read_inputs

    body = ("A storm closed the harbour of Velmar on Tuesday, the harbour office said.\n\n"
            "About 300 people were moved to higher ground as the water rose.\n")
    (tmp_path / "good.txt").write_text("Tuesday, March 3, 2026\n\nStorm closes Velmar harbour\n\n"
                                       + body, encoding="utf-8")
    (tmp_path / "wrong_weekday.txt").write_text("Friday, March 3, 2026\n\nStorm closes Velmar "
                                                "harbour\n\n" + body, encoding="utf-8")
    (tmp_path / "no_year.txt").write_text("Monday, March 4\n\nStorm closes Velmar harbour\n\n"
                                          + body, encoding="utf-8")
    articles = {a.id: a for a in read_inputs([str(tmp_path)])[0]}
    assert articles["good"].published == "2026-03-03"
    assert articles["wrong_weekday"].published is None
    assert articles["no_year"].published is None
    assert articles["no_year"].extra["date_header"]["trust"] == "low"


def test_an_outlet_is_named_by_its_own_dateline_credit(tmp_path):
    body = ("Ship aground at Kelby Point\n\nOSTREVIK, March 3 (Radio Nord) - A container ship ran "
            "aground at the harbour mouth on Tuesday, officials said.\n")
    (tmp_path / "radio-nord.txt").write_text(body, encoding="utf-8")
    # a copy carries the wire's credit: the wire wrote it, the copy's site published it
    (tmp_path / "harbour-gazette.txt").write_text(body, encoding="utf-8")
    (tmp_path / "bay-herald.txt").write_text(
        body.replace("(Radio Nord) ", "") + "\nCopyright 2026 The Bay Herald. All rights reserved.\n",
        encoding="utf-8")
    articles = {a.id: a for a in read_inputs([str(tmp_path)])[0]}
    assert articles["radio-nord"].outlet == "Radio Nord"
    assert articles["harbour-gazette"].outlet == "harbour-gazette"
    assert articles["bay-herald"].outlet == "The Bay Herald"  # its copyright line
