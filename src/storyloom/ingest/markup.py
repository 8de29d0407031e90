"""HTML fragments (feed summaries) to plain text with paragraph breaks kept."""
from __future__ import annotations

import html
import re

_BLOCK_TAGS = re.compile(r"<\s*/?\s*(?:p|div|h[1-6]|li|ul|ol|blockquote|section|article|tr|table"
                         r"|figure|figcaption|header|footer)\b[^>]*>", re.IGNORECASE)
_BREAK = re.compile(r"<\s*br\s*/?\s*>", re.IGNORECASE)
_DROPPED = re.compile(r"<\s*(script|style|noscript)\b.*?<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANKS = re.compile(r"\n\s*\n\s*(?:\n\s*)+")


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment: block elements become paragraphs, entities are decoded."""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    text = _DROPPED.sub(" ", fragment)
    text = _BREAK.sub("\n", text)
    text = _BLOCK_TAGS.sub("\n\n", text)
    text = html.unescape(_TAG.sub("", text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()
