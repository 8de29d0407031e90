"""Markdown and HTML reports rendered from a hand-built digest (no models, fast)."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyloom.model import (
    Article,
    Brief,
    Claim,
    Conflict,
    Coverage,
    Digest,
    Entity,
    Evidence,
    Fact,
    InputWarning,
    Membership,
    QuoteItem,
    Signal,
    Story,
    StoryBrief,
    SummarySentence,
    TimelineEntry,
)
from storyloom.render import render
from storyloom.render.html import render_html
from storyloom.render.markdown import md_escape, render_markdown
from storyloom.render.svg import parse_partial_date, timeline_svg

HOSTILE_TITLE = '<script>alert(1)</script> Flood <img src=x onerror="alert(2)">'
HOSTILE_SENTENCE = 'Click <a href="javascript:alert(3)">here</a> for *more* | details_now.'
JS_URL = "javascript:alert(4)"


def _ev(article_id: str, text: str) -> Evidence:
    return Evidence(article_id, 0, len(text), text)


def sample_digest() -> Digest:
    articles = [
        Article("a1", "body", title=HOSTILE_TITLE, source="River Post",
                url="https://river.example/a1", published="2026-03-03", language="en"),
        Article("a2", "body", title="Flood closes bridge", source="Valley Wire",
                url=JS_URL, published="2026-03-04", language="en"),
        Article("a3", "body", title="Hochwasser schließt Brücke", source="", url="",
                published=None, language="de", syndicated_of="a2"),
    ]
    brief = Brief(
        summary=[SummarySentence("The bridge closed after the flood.", ["a1", "a2"],
                                 [_ev("a1", "The bridge closed on Tuesday.")]),
                 SummarySentence(HOSTILE_SENTENCE, ["a2"], [_ev("a2", HOSTILE_SENTENCE)])],
        facts=[Fact("The bridge closed.", ["a1", "a2", "a3"], 2, [_ev("a1", "It closed.")]),
               Fact("A school was used as a shelter.", ["a1"], 1)],
        conflicts=[
            Conflict("number", "evacuated", [
                Claim("240", "240 people were evacuated.", ["a1", "a3"], [_ev("a1", "240")]),
                Claim("420", "Some 420 were evacuated.", ["a2"])], note="420 vs 240"),
            Conflict("date", "bridge reopens", [
                Claim("2026-03-14", "It reopens on 14 March.", ["a1"]),
                Claim("2026-03-21", "It reopens on 21 March.", ["a2"])], contradiction=False),
        ],
        quotes=[QuoteItem("Ana Vell", "We are not taking any chances.", ["a1", "a3"],
                          ["Wir gehen kein Risiko ein."], role="spokeswoman",
                          evidence=[_ev("a1", "q")]),
                QuoteItem("", "Unattributed words.", ["a2"])],
        entities=[Entity("Ana Vell", "PERSON", ["Ana Vell", "A. Vell"], ["a1", "a3"],
                         roles=["spokeswoman"]),
                  Entity("Lone Org", "ORG", ["Lone Org"], ["a2"])],
        timeline=[TimelineEntry("2026-03-03", "The river burst its banks.", ["a1"]),
                  TimelineEntry("2026-03", "Repairs begin.", ["a2"]),
                  TimelineEntry("2026-03-21", "Bridge reopens.", ["a2"])],
        coverage=[Coverage("River Post", ["A school was used as a shelter."], []),
                  Coverage("Valley Wire", [], ["A school was used as a shelter."]),
                  Coverage("article:a3", [], ["A school was used as a shelter."])],
    )
    story = Story("s1", ["a1", "a2", "a3"], [
        Membership("a1", None, 1.0),
        Membership("a2", "a1", 0.81, [Signal("embedding", 0.81), Signal("entities", 0.5)]),
        Membership("a3", "a2", 0.93, [Signal("embedding", 0.93)])])
    lone = Article("b1", "text", title="Team wins cup", source="Sport Daily", language="en")
    return Digest(
        [StoryBrief(story, HOSTILE_TITLE, articles, brief),
         StoryBrief(Story("s2", ["b1"], [Membership("b1", None, 1.0)]), "Team wins cup",
                    [lone], Brief())],
        [InputWarning("broken.html", "no article text found <b>")])


@pytest.fixture(scope="module")
def markdown() -> str:
    return render_markdown(sample_digest(), full=True)


@pytest.fixture(scope="module")
def short_markdown() -> str:
    return render_markdown(sample_digest())


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(sample_digest())


class _Tags(HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer would see them."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


# ---- Markdown -----------------------------------------------------------------------


def test_markdown_sections_in_order(markdown):
    story = markdown.split("## 1.", 1)[1].split("## 2.", 1)[0]
    order = ["**In brief:**", "From: ", "### Disputed (1)", "### Related figures", "### Summary",
             "### Agreed facts (1)", "### Quotes (2)", "### Only one outlet reports",
             "### Entities", "### Timeline", "### Articles (3)",
             "### Why these articles are together"]
    positions = [story.index(heading) for heading in order]
    assert positions == sorted(positions)
    assert markdown.index("## Stories") < markdown.index("## 1.")
    assert markdown.rstrip().splitlines()[-1].startswith("- broken.html")  # warnings last


def test_markdown_story_list_counts(markdown):
    listing = markdown.split("## Stories", 1)[1].split("---", 1)[0]
    assert "— 3\n   articles, 3 outlets, 1 conflict + 1 related" in listing
    assert "2. Team wins cup — 1 article, 1 outlet, none" in listing  # no "1 articles"


def test_markdown_conflict_lines_and_note(markdown):
    # sources by outlet name (a3 has none: its id stands in); the JSON keeps the ids
    assert "**Evacuated** — numbers differ" in markdown
    assert "- **240** [River Post, a3]: “240 people were evacuated.”" in markdown
    assert "- **420** [Valley Wire]: “Some 420 were evacuated.”" in markdown
    assert "> 420 vs 240" in markdown
    assert "### Related figures (not contradictions)" in markdown
    assert "bridge reopens: 2026-03-14, 2026-03-21." in markdown


def test_markdown_every_record_field_shows(markdown):
    for expected in ["syndicated copy of a2", "**2 outlets** — The bridge closed. [all 3 outlets]",
                     "**Ana Vell** (spokeswoman)", "variant: “Wir gehen kein Risiko ein.”",
                     "| **Ana Vell** | PERSON | A. Vell | spokeswoman | [River Post, a3] |",
                     "- **2026-03-21** — Bridge reopens. [Valley Wire]",
                     "- **River Post**: 1 fact no other outlet reports\n  - A school was used as a shelter.",
                     "left out: A school was used as a shelter.",
                     "a2: linked to a1 (score 0.81; embedding 0.81, entities 0.50)",
                     "b1: seed of the story"]:
        assert expected in markdown


def test_markdown_omits_empty_sections(markdown):
    lone_story = markdown.split("## 2.", 1)[1]
    assert "### Disputed" not in lone_story and "### Summary" not in lone_story
    assert "### Articles (1)" in lone_story


def test_markdown_default_brief_is_short_and_says_what_it_leaves_out(short_markdown, markdown):
    story = short_markdown.split("## 1.", 1)[1].split("## 2.", 1)[0]
    full = markdown.split("## 1.", 1)[1].split("## 2.", 1)[0]
    assert len(story.split()) < len(full.split()) / 2
    # the first dispute is always shown, whatever the budget; these few-word articles
    # leave no room even for the lead (the title says it) nor for the dispute's source
    # sentences: its values and outlets stay, and the closing line points to `--full`
    assert "- **240** [River Post, a3]" in story and "- **420** [Valley Wire]" in story
    assert "**In brief:**" not in story
    assert "*More with `--full`.*" in story
    assert "### Articles" not in story and "### Why these articles" not in story


def test_markdown_fits_80_columns(markdown, short_markdown):
    for text in (markdown, short_markdown):
        long_lines = [line for line in text.splitlines()
                      if len(line) > 80 and not line.startswith("|") and " " in line.strip()[:80]]
        assert long_lines == []


def test_markdown_citations_in_story_order():
    from storyloom.render.markdown import _citer  # noqa: PLC2701 (module-private helper, same module's test)

    digest = sample_digest()
    cite = _citer(digest.stories[0].articles)
    assert cite(["a2", "a1"]) == cite(["a1", "a2"]) == "[River Post, Valley Wire]"
    assert cite(["a3", "a2", "a1"]) == "[all 3 outlets]"


def test_markdown_escapes_article_text(markdown):
    assert re.search(r"(?<!\\)<", markdown) is None  # no raw HTML can reach a viewer
    assert r"\<script\>alert(1)\</script\>" in markdown
    assert r"\*more\* \| details\_now" in markdown


@given(st.text(max_size=60))
@settings(max_examples=200, deadline=None)
def test_md_escape_is_one_inert_line(text):
    escaped = md_escape(text)
    assert "\n" not in escaped
    assert re.search(r"(?<!\\)[<>|`*_\[\]]", escaped) is None  # every special is escaped
    # unescaping gives back the text with its whitespace collapsed
    assert re.sub(r"\\(.)", r"\1", escaped) == " ".join(text.split())


# ---- HTML ---------------------------------------------------------------------------


def test_html_is_one_self_contained_page(page):
    assert page.startswith("<!DOCTYPE html>") and page.count("<html") == 1
    tags = _tags(page)
    names = {tag for tag, _ in tags}
    assert not names & {"script", "link", "iframe", "img", "object", "embed"}
    assert not any("src" in attrs for _, attrs in tags)
    hrefs = [attrs["href"] for _, attrs in tags if "href" in attrs]
    assert hrefs and all(h.startswith("#") for h in hrefs)  # only in-page anchors
    assert "@import" not in page and "url(" not in page


def test_html_escapes_hostile_text(page):
    tags = _tags(page)
    assert not any(name.startswith("on") for _, attrs in tags for name in attrs)
    assert "<script" not in page and "<img" not in page.lower()
    assert "javascript:" not in "".join(str(a.get("href")) for _, a in tags)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;a href=&quot;javascript:alert(3)&quot;&gt;here&lt;/a&gt;" in page
    assert JS_URL in page  # shown as text, never as a link
    assert HOSTILE_TITLE not in page and HOSTILE_SENTENCE not in page


def test_html_sections_in_order_with_conflicts_first(page):
    story = page.split('id="story-s1"', 1)[1].split('id="story-s2"', 1)[0]
    # the first screen: the one-line summary, the disputes, the agreed facts; the rest folded
    order = ['class="lead"', ">Disputed (1)<", ">Summary<", ">Agreed facts (1)<", ">Quotes (2)<",
             '<details class="rest">', ">Related figures (not contradictions)<", ">Timeline<",
             ">Coverage<", ">Entities<", ">Articles (3)<", ">Why these articles are together<"]
    positions = [story.index(heading) for heading in order]
    assert positions == sorted(positions)
    assert '<details class="rest" open>' not in story
    assert '<details class="rest" open>' in render_html(sample_digest(), full=True)


def test_html_omits_empty_sections(page):
    lone = page.split('id="story-s2"', 1)[1]
    for heading in ("Disputed", "Summary", "Agreed facts", "Quotes", "Timeline", "Coverage",
                    "Entities"):
        assert f">{heading}" not in lone
    assert ">Articles (1)<" in lone and ">Why these articles are together<" in lone


def test_html_story_list_links_to_anchors(page):
    for story_id in ("story-s1", "story-s2"):
        assert f'href="#{story_id}"' in page and f'id="{story_id}"' in page
    assert "1 conflict + 1 related" in page and "no conflicts" in page
    assert "· 1 conflicts</p>" not in page and "· 1 conflict</p>" in page


def test_html_conflict_claims_side_by_side(page):
    conflict = page.split('class="conflict contradiction"', 1)[1].split('class="conflict ')[0]
    assert conflict.count('class="claim"') == 2
    assert ">240<" in conflict and ">420<" in conflict
    assert 'class="conflict related"' in page  # contradiction=False is shown differently


def test_html_citations_carry_source_sentence(page):
    assert 'title="a1: The bridge closed on Tuesday."' in page  # evidence text on hover
    assert '>River Post</a>' in page  # chips name the outlet
    assert 'href="#story-s1-a1"' in page and 'id="story-s1-a1"' in page


def test_html_has_svg_timeline_and_coverage_matrix(page):
    story = page.split('id="story-s2"', 1)[0]
    assert story.count("<svg") == 1 and 'class="timeline"' in story
    assert story.count('class="event"') == 3  # one dot per dated entry
    assert 'class="matrix"' in story and 'class="legend"' in story
    assert 'class="cell alone"' in story and 'class="cell miss"' in story
    lone = page.split('id="story-s2"', 1)[1]
    assert "<svg" not in lone and 'class="matrix"' not in lone


def test_markdown_folds_rare_entities_and_names_outlets(markdown):
    assert "Named by a single article: Lone Org (ORG)" in markdown
    assert "| **Lone Org**" not in markdown
    assert "- **a3**: 0 facts no other outlet reports, 1 left out" in markdown
    assert "article:a3" not in markdown


def test_html_folds_long_tails(page):
    entities = page.split(">Entities<", 1)[1].split("</section>", 1)[0]
    assert "1 more named by a single article" in entities

    facts = page.split(">Agreed facts (1)<", 1)[1].split("</section>", 1)[0]
    shared, folded = facts.split('<details class="more">', 1)
    assert "The bridge closed." in shared and ">all 3</span>" in shared  # every article
    assert "A school was used as a shelter." in folded and "1 more reported by a single" in folded


def test_html_coverage_names_outlets_not_publisher_keys(page):
    coverage = page.split(">Coverage<", 1)[1].split("</section>", 1)[0]
    assert "<strong>a3</strong>" in coverage and "article:a3" not in coverage


def test_render_dispatches_by_format():
    digest = sample_digest()
    assert render(digest, "html") == render_html(digest)
    assert render(digest, "md") == render_markdown(digest)


def test_empty_digest_renders():
    empty = Digest([])
    assert "0 stories" in render_markdown(empty)
    assert "No stories." in render_html(empty)


def test_story_without_memberships_or_title():
    item = StoryBrief(Story("x/1", ["a"]), "", [Article("a", "t")], Brief())
    page = render_html(Digest([item]))
    assert 'id="story-x-1"' in page and "(untitled)" in page
    assert "(untitled)" in render_markdown(Digest([item]))


# ---- SVG timeline -------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("2026-03-03", ((2026, 3, 3), False)), ("2026-03", ((2026, 3, 1), True)),
    ("2026", ((2026, 1, 1), True)), ("2026-03-03T10:00:00+01:00", ((2026, 3, 3), False)),
    ("2026-02-30", None), ("next week", None), ("", None)])
def test_parse_partial_date(text, expected):
    parsed = parse_partial_date(text)
    if expected is None:
        assert parsed is None
    else:
        assert (parsed[0].timetuple()[:3], parsed[1]) == expected


def test_timeline_svg_stacks_same_day_and_skips_undated():
    entries = [TimelineEntry("2026-03-03", "a <b>", ["x"]),
               TimelineEntry("2026-03-03", "b", ["y"]),
               TimelineEntry("someday", "c", ["z"])]
    svg = timeline_svg(entries)
    assert svg.count('class="event"') == 2 and "a &lt;b&gt;" in svg
    cys = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)
    assert cys[0][0] == cys[1][0] and cys[0][1] != cys[1][1]  # same x, stacked
    assert timeline_svg([TimelineEntry("someday", "c", ["z"])]) == ""


@given(st.lists(st.dates(), min_size=1, max_size=25))
@settings(max_examples=50, deadline=None)
def test_timeline_dots_never_overlap(days):
    svg = timeline_svg([TimelineEntry(d.isoformat(), "e", ["s"]) for d in days])
    centres = [(float(x), float(y)) for x, y in re.findall(r'cx="([\d.]+)" cy="([\d.]+)"', svg)]
    assert len(centres) == len(days)
    for i, (x1, y1) in enumerate(centres):
        for x2, y2 in centres[i + 1:]:
            assert abs(x1 - x2) >= 20 or abs(y1 - y2) >= 20


def test_timeline_spaces_evenly_when_one_gap_dominates():
    dates = ["2014-03-01", "2026-03-01", "2026-03-03", "2026-03-05"]
    svg = timeline_svg([TimelineEntry(d, "e", ["s"]) for d in dates])
    xs = sorted(float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg))
    gaps = [round(b - a, 1) for a, b in zip(xs, xs[1:])]
    assert len(set(gaps)) == 1 and "not to scale" in svg
    close = timeline_svg([TimelineEntry(d, "e", ["s"]) for d in dates[1:]])
    assert "not to scale" not in close


def test_timeline_svg_draws_year_less_dates_in_the_builders_order():
    # the builder orders "last June", 7 December, then 10 January (the next year)
    entries = [TimelineEntry("--06", "first meeting", ["a"]),
               TimelineEntry("--12-07", "video call", ["a"]),
               TimelineEntry("--01-10", "talks", ["b"])]
    svg = timeline_svg(entries)
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]
    assert len(xs) == 3 and xs == sorted(xs) and len(set(xs)) == 3
    assert "7 Dec" in svg and "10 Jan" in svg and "2001" not in svg
    assert svg.count('class="dot partial"') == 1  # the month alone is drawn hollow


@pytest.mark.parametrize("text, shown", [
    ("--12-07", "7 Dec (year not stated)"), ("--12", "Dec (year not stated)"),
    ("2021-12-30", "2021-12-30"), ("2021-12", "2021-12")])
def test_date_label(text, shown):
    from storyloom.render.common import date_label
    assert date_label(text) == shown
    assert date_label(text, approximate=True) == "about " + shown
    assert date_label(text, short=True, approximate=True) == "~" + shown.split(" (")[0]


def test_reports_keep_the_timeline_order_of_year_less_dates():
    digest = sample_digest()
    digest.stories[0].brief.timeline = [TimelineEntry("--12-07", "video call", ["a1"]),
                                        TimelineEntry("--01-10", "talks", ["a1"])]
    md = render(digest, "md", full=True)
    assert md.index("7 Dec (year not stated)") < md.index("10 Jan (year not stated)")
    html = render(digest, "html")
    assert html.index("7 Dec (year not stated)") < html.index("10 Jan (year not stated)")


def test_compact_dispute_quotes_the_words_around_its_value():
    from storyloom.render.markdown import _around  # noqa: PLC2701 (module-private helper, same module's test)

    sentence = "Port officials said on Tuesday that some 240 people had been moved out of Kelby Point overnight."
    assert _around(sentence, "240 people") == ("… officials said on Tuesday that some 240 people had been moved out "
                                               "of Kelby …")
    assert _around("Some 240 people left.", "240 people") == "Some 240 people left."
    assert _around(sentence, "nine")[:9] == "Port offi"  # no value found: its first words
