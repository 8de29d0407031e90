"""Plain-text articles: the headline is found among the first lines, the id is the file stem."""
from __future__ import annotations

from storyloom.ingest.article import build_article
from storyloom.ingest.decode import MAX_TEXT_BYTES, decode_bytes
from storyloom.ingest.readers import READERS, ReadResult, Source
from storyloom.model import InputWarning


class TextReader:
    max_bytes = MAX_TEXT_BYTES

    def read(self, source: Source) -> ReadResult:
        decoded = decode_bytes(source.data, source.name)
        article = build_article(source.stem, decoded.text, source.name)
        return ReadResult([article], [InputWarning(source.name, n) for n in decoded.notes])


READERS.register("text")(TextReader)
