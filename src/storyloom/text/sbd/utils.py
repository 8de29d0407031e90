"""pysbd's rule, rule-applying text and sentence span (pysbd 0.3.4 `utils.py`, MIT
licence, see LICENSE); the spaCy component is left out."""
from __future__ import annotations

from storyloom.text.sbd import fastre


class Rule:

    def __init__(self, pattern: str, replacement: str) -> None:
        self.pattern = pattern
        self.replacement = replacement

    def __repr__(self) -> str:  # pragma: no cover
        return f'<{self.__class__.__name__} pattern="{self.pattern}" and replacement="{self.replacement}">'


class Text(str):
    """A str with `apply(*rules)`: the text with each rule's pattern replaced in turn."""

    def apply(self, *rules: Rule) -> str:
        """Added skip: a rule whose pattern cannot match the text substitutes nothing
        (`fastre.prepared`: a plain-text pattern absent from it, or a pattern needing
        characters it lacks). Most of the ~500 substitutions per article are such
        no-ops: placeholders put back that the sentence never got, ellipsis rules on
        sentences with one full stop, etc."""
        text: str = self
        for rule in rules:
            compiled = fastre.prepared(rule.pattern, 0, text)
            if compiled is not None:  # else the added skip
                text = compiled.sub(rule.replacement, text)
        return text


class TextSpan:

    def __init__(self, sent: str, start: int, end: int) -> None:
        """A sentence's text and its start and end offsets in the original text."""
        self.sent = sent
        self.start = start
        self.end = end

    def __repr__(self) -> str:  # pragma: no cover
        return f"{self.__class__.__name__}(sent={self.sent!r}, start={self.start}, end={self.end})"

    def __eq__(self, other):
        if isinstance(self, other.__class__):
            return self.sent == other.sent and self.start == other.start and self.end == other.end
