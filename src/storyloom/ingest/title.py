"""Finding the headline of a plain-text article among its first lines.

Scraped text often opens with a date header, a section label or navigation before the
headline, and repeats the headline (or splits it over two lines) right after it. The
headline is the first line that reads like one: 3+ words, not a label, not a date,
not furniture, not a whole multi-sentence paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyloom.ingest.clean import furniture_reason, has_sentence_end
from storyloom.ingest.dates import is_date_line, parse_date_line
from storyloom.ingest.lines import Line, words_of
from storyloom.ingest.vocabulary import LABEL_ENDINGS

HEAD_LINES = 6  # the headline is looked for among this many leading lines
BELOW_TITLE_LINES = 3  # lines under the headline that may hold its date or byline
MIN_TITLE_WORDS = 3
MAX_TITLE_CHARS = 250
MAX_FALLBACK_CHARS = 120
SHORT_TWO_PART_WORDS = 16
MAX_FULL_STOP_TITLE_CHARS = 120
_BREAK_CANDIDATE = re.compile(r"(\S*)[.!?]\s+(?=[A-ZÀ-ÖØ-Þ\"“])")
# a full stop after these is an abbreviation, not a sentence end ("Rep. Ronny Jackson")
_ABBREVIATIONS = frozenset("""mr mrs ms dr st jr sr no vs rep sen gov gen lt col sgt capt prof
rev hon pres sec dept corp inc ltd co jan feb mar apr jun jul aug sep sept oct nov dec
sra sr dra av""".split())
_BYLINE = re.compile(r"^(?:[Bb]y|[Pp]or|[Vv]on|[Pp]ar|[Dd]i|[Dd]e)\s+[A-ZÀ-Þ][\w.'’-]*(?:\s+[A-ZÀ-Þ][\w.'’-]*){0,4}$")


@dataclass
class TitleFinding:
    title: str = ""
    line_indices: list[int] = field(default_factory=list)  # lines that belong to the header
    extra: dict = field(default_factory=dict)  # date_header, byline, title_guessed


def looks_like_headline(line: Line) -> bool:
    text = line.text
    if len(text) > MAX_TITLE_CHARS or len(line.words) < MIN_TITLE_WORDS:
        return False
    if text.endswith(LABEL_ENDINGS) or furniture_reason(line) or is_date_line(text):
        return False
    # a headline is one sentence, or two short ones ("Who won? Experts disagree")
    breaks = len(sentence_breaks(text))
    return breaks == 0 or (breaks == 1 and len(line.words) <= SHORT_TWO_PART_WORDS)


def _reads_as_lead(line: Line, following: list[Line]) -> bool:
    """A line ending like a sentence is the lead, unless it is set apart like a headline.

    Headlines rarely end with a full stop; one that does is short and followed by a
    blank line, or repeated right below (scraped pages often print the title twice).
    """
    if not line.text.endswith((".", "?", "!")):
        return False
    if not line.blank_after:
        return True  # one sentence per line: body text
    if not line.text.endswith("."):
        return False
    echoed = any(_same_words(line.text, later.text) for later in following[:2])
    return not echoed and len(line.text) > MAX_FULL_STOP_TITLE_CHARS


def _same_words(a: str, b: str) -> bool:
    return [w.lower() for w in words_of(a)] == [w.lower() for w in words_of(b)]


def find_title(lines: list[Line]) -> TitleFinding:
    """The headline and the header lines around it (date header, labels, byline)."""
    finding = TitleFinding()
    for position, line in enumerate(lines[:HEAD_LINES]):
        if _record_header_line(finding, line):
            continue
        if looks_like_headline(line):
            if _reads_as_lead(line, lines[position + 1:]):
                break
            finding.title = line.text
            finding.line_indices.append(line.index)
            _take_lines_below(finding, line, lines[position + 1:position + 1 + BELOW_TITLE_LINES])
            return finding
        if not _is_label(line):
            break  # body text has started: there is no headline line
        finding.line_indices.append(line.index)
    return _fallback(lines, finding)


def _record_header_line(finding: TitleFinding, line: Line) -> bool:
    """Keep a date header or byline aside (the first of each); False for other lines."""
    if is_date_line(line.text):
        finding.extra.setdefault("date_header", _date_header(line))
    elif _BYLINE.match(line.text):
        finding.extra.setdefault("byline", line.text)
    else:
        return False
    finding.line_indices.append(line.index)
    return True


def _take_lines_below(finding: TitleFinding, title: Line, below: list[Line]) -> None:
    """Dates and bylines printed under the headline belong to the header, not the body."""
    for line in below:
        if _record_header_line(finding, line) or _same_words(line.text, title.text):
            continue  # (repeats of the title are removed by cleaning)
        return


def _is_label(line: Line) -> bool:
    """A short line without sentence structure (a section label) or plain furniture."""
    if furniture_reason(line):
        return True
    return len(line.words) <= 4 and not has_sentence_end(line.text)


def _fallback(lines: list[Line], finding: TitleFinding) -> TitleFinding:
    """No headline line: show the start of the first sentence, but keep it in the body."""
    header = set(finding.line_indices)
    body = [line for line in lines if line.index not in header]
    if body:
        finding.title = guess_title(body[0].text)
        finding.extra["title_guessed"] = True
    return finding


def sentence_breaks(text: str) -> list[int]:
    """Where sentences end inside a line, skipping initials ("E. Lee") and abbreviations."""
    breaks = []
    for match in _BREAK_CANDIDATE.finditer(text):
        token = match.group(1).lower().lstrip("(\"“'")
        if len(token) <= 1 or "." in token or token in _ABBREVIATIONS:
            continue  # "E.", "U.S.", "Rep."
        breaks.append(match.end(1) + 1)
    return breaks


def guess_title(paragraph: str) -> str:
    """A display title from body text: its first sentence, shortened at a word break."""
    ends = sentence_breaks(paragraph)
    first = (paragraph[:ends[0]] if ends else paragraph).rstrip(". ")
    if len(first) > MAX_FALLBACK_CHARS:
        first = first[:MAX_FALLBACK_CHARS].rsplit(" ", 1)[0] + "…"
    return first


def _date_header(line: Line) -> dict:
    return {"text": line.text, "start": line.start, "end": line.end,
            **parse_date_line(line.text), "trust": "low"}
