"""Property tests for the parsers: they never raise on odd input and keep offsets exact."""
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from storyloom.errors import InputError
from storyloom.ingest import read_inputs
from storyloom.ingest.dates import is_date_line, normalise_published, parse_date_line
from storyloom.ingest.decode import decode_bytes
from storyloom.ingest.jsonl import JsonReader
from storyloom.ingest.readers import Source

records = st.fixed_dictionaries(
    {"text": st.text(min_size=1, max_size=200)},
    optional={"id": st.one_of(st.text(max_size=10), st.integers()),
              "title": st.one_of(st.none(), st.text(max_size=40)),
              "published": st.one_of(st.none(), st.text(max_size=20)),
              "story": st.text(max_size=5)})


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(records, st.text(max_size=30)), max_size=8))
def test_jsonl_reader_accounts_for_every_line(lines):
    payload = "\n".join(json.dumps(r) if isinstance(r, dict) else r for r in lines)
    try:
        result = JsonReader().read(Source("x.jsonl", "x", payload.encode(), ".jsonl"))
    except InputError as error:  # only a whole file of control characters is refused
        assert "binary" in error.problem
        return
    for article in result.articles:
        for start, end in article.blocks:
            assert 0 <= start < end <= len(article.text) and article.text[start:end].strip()
    assert len(result.articles) <= sum(1 for line in payload.splitlines() if line.strip())


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_date_helpers_never_raise(text):
    if is_date_line(text):
        assert set(parse_date_line(text)) == {"date", "weekday"}
    value = normalise_published(text)
    assert value is None or value[:4].isdigit()


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_decoding_arbitrary_bytes_gives_text_or_input_error(data):
    try:
        decoded = decode_bytes(data, "f")
    except InputError as error:
        assert "binary" in error.problem
    else:
        assert isinstance(decoded.text, str)


@settings(max_examples=30, deadline=None)
@given(st.binary(min_size=1, max_size=400))
def test_read_inputs_never_raises_on_arbitrary_files(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    for name in ("a.txt", "b.json", "c.html", "d.rss"):
        (folder / name).write_bytes(data)
    articles, warnings = read_inputs([str(folder)])
    assert len(articles) + len(warnings) >= 1


def _echoes_title_plainly(line_text: str, title: str) -> bool:
    """The title-echo rule without the early stop: both sides fully normalised."""
    from rapidfuzz import fuzz

    from storyloom.ingest.lines import words_of

    norm_line = " ".join(w.lower() for w in words_of(line_text))
    norm_title = " ".join(w.lower() for w in words_of(title))
    if not norm_line or not norm_title:
        return False
    if norm_line == norm_title:
        return True
    if len(words_of(line_text)) < 2 or len(norm_line) > len(norm_title) * 1.2 + 10:
        return False
    return fuzz.partial_ratio(norm_line, norm_title) >= 90


_echo_words = st.sampled_from(["Talks", "talks", "end", "in", "a", "deal", "İstanbul", "x",
                               "state-run", "O'Neil", "2021", "—", "...", "ß"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_echo_words, max_size=30), st.lists(_echo_words, max_size=12),
       st.sampled_from([" ", "  ", ", ", " - "]))
def test_title_echo_stops_early_with_the_same_answer(line_words, title_words, glue):
    from storyloom.ingest.clean import echoes_title
    from storyloom.ingest.lines import visible_lines

    text = glue.join(line_words) or "x"
    title = " ".join(title_words)
    for line in visible_lines(text):
        assert echoes_title(line, title) == _echoes_title_plainly(line.text, title)
