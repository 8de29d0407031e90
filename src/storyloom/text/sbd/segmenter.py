"""pysbd's Segmenter (pysbd 0.3.4 `segmenter.py`, MIT licence, see LICENSE), reduced to
what storyloom uses: the original text is not cleaned (`clean=False`, no pdf
`doc_type`) and sentences come with their offsets (`char_span=True`)."""
from __future__ import annotations

from storyloom.text.sbd import fastre
from storyloom.text.sbd.languages import Language
from storyloom.text.sbd.processor import Processor
from storyloom.text.sbd.utils import TextSpan


class Segmenter:

    def __init__(self, language: str = "en", clean: bool = False, char_span: bool = True) -> None:
        """Segments a text into a list of sentences with their character offsets in it.

        language: a two-letter ISO 639-1 code of `languages.LANGUAGE_CODES`
        clean, char_span: pysbd's options; this copy keeps only clean=False,
        char_span=True (the text as it is, sentences as `TextSpan`s)
        """
        if clean or not char_span:
            raise ValueError("the vendored segmenter splits only with clean=False, char_span=True")
        self.language = language
        self.language_module = Language.get_language_code(language)
        self.clean = clean
        self.char_span = char_span
        self.original_text = ""

    def processor(self, text: str) -> Processor:
        if hasattr(self.language_module, "Processor"):
            return self.language_module.Processor(text, self.language_module,
                                                  char_span=self.char_span)
        return Processor(text, self.language_module, char_span=self.char_span)

    def sentences_with_char_spans(self, sentences: list[str]) -> list[TextSpan]:
        r"""The span of each sentence in the original text, with the whitespace after it.

        pysbd searched `re.escape(sentence) + r"\s*"` with a pattern compiled for every
        sentence: thousands of one-off patterns, each compiled once (profiled: splitting
        went from ~6 to ~2.5 ms per article). This searches with `str.find`: the same
        spans, as a literal match extended over whitespace as `\s*` is (`\s` is
        `str.isspace`), searched again after each match's end as `finditer` does.
        """
        text = self.original_text
        spans: list[TextSpan] = []
        prior_end = 0
        for sent in sentences:
            if not sent:  # empty matches advance differently in finditer: pysbd's own way
                found = _regex_span(text, sent, prior_end)
                spans.extend(found)
                prior_end = found[0].end if found else prior_end
                continue
            pos = 0
            while (start := text.find(sent, pos)) >= 0:
                end = start + len(sent)
                while end < len(text) and text[end].isspace():
                    end += 1
                if end > prior_end:
                    # the first sentence, or one after (not inside) the prior span
                    spans.append(TextSpan(text[start:end], start, end))
                    prior_end = end
                    break
                pos = end
        return spans

    def segment(self, text: str) -> list[TextSpan]:
        self.original_text = text
        if not text:
            return []
        postprocessed_sents = self.processor(text).process()
        return self.sentences_with_char_spans(postprocessed_sents)


def _regex_span(text: str, sent: str, prior_end: int) -> list[TextSpan]:
    """pysbd's search for one sentence's span."""
    for match in fastre.finditer(rf"{fastre.escape(sent)}\s*", text):
        if match.end() > prior_end:
            return [TextSpan(match.group(), match.start(), match.end())]
    return []
