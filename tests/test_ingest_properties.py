"""Property tests for the parsers: they never raise on odd input and keep offsets exact."""
import json

from hypothesis import given, settings, strategies as st

from storyloom.ingest import read_inputs
from storyloom.ingest.dates import is_date_line, normalise_published, parse_date_line
from storyloom.ingest.decode import decode_bytes
from storyloom.ingest.readers import Source
from storyloom.ingest.jsonl import JsonReader
from storyloom.errors import InputError

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
