"""The fast JSON writer (orjson over the records) writes exactly what the stdlib would
write for the plain-dict form of the digest."""
from __future__ import annotations

import json
from pathlib import Path

from storyloom.pipeline import DigestOptions, digest_paths
from storyloom.render.jsonout import digest_to_dict, render_json

EXAMPLES_DIR = str(Path(__file__).resolve().parents[1] / "examples")


def test_render_json_equals_stdlib_text_of_the_dict_form():
    digest = digest_paths([EXAMPLES_DIR], DigestOptions(embedder="hashing", strict=True))
    assert digest.stories
    expected = json.dumps(digest_to_dict(digest), ensure_ascii=False, indent=2)
    assert render_json(digest) == expected


def test_non_ascii_text_is_written_as_is():
    digest = digest_paths([EXAMPLES_DIR], DigestOptions(embedder="hashing", strict=True))
    text = render_json(digest)
    assert "\\u00" not in text
    assert any(ord(ch) > 127 for ch in text)


def test_streamed_json_is_the_same_text_with_warnings_or_without_stories():
    import io

    from storyloom.model import Digest, InputWarning
    from storyloom.render.jsonout import write_json

    digest = digest_paths([EXAMPLES_DIR], DigestOptions(embedder="hashing", strict=True))
    digest.warnings = [InputWarning("bad.html", "no article text"), InputWarning("x.jsonl:3", "not JSON")]
    for case in (digest, Digest([], digest.warnings), Digest([])):
        stream = io.BytesIO()
        write_json(case, stream)
        expected = json.dumps(digest_to_dict(case), ensure_ascii=False, indent=2)
        assert stream.getvalue().decode("utf-8") == expected == render_json(case)
