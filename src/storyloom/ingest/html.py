"""HTML pages: trafilatura extracts the main text and metadata, offline from the bytes."""
from __future__ import annotations

import logging
from urllib.parse import urlparse

from storyloom.errors import InputError
from storyloom.ingest.article import build_article
from storyloom.ingest.dates import normalise_published
from storyloom.ingest.decode import looks_binary
from storyloom.ingest.readers import READERS, ReadResult, Source

log = logging.getLogger(__name__)
# pages carry scripts, styles and markup: allow much more than an article's text
MAX_HTML_BYTES = 20_000_000


def _extract(trafilatura, data: bytes, favor_recall: bool):
    """trafilatura's Document with non-empty text, or None."""
    # comments under an article are not the article; tables can hold its figures
    doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                      include_tables=True, favor_recall=favor_recall)
    if doc is None or not (getattr(doc, "text", None) or "").strip():
        return None
    return doc


class HtmlReader:
    max_bytes = MAX_HTML_BYTES

    def read(self, source: Source) -> ReadResult:
        import trafilatura

        if looks_binary(source.data):
            raise InputError(source.name, "binary file, not HTML")
        doc = _extract(trafilatura, source.data, favor_recall=False)
        if doc is None:  # precise extraction found nothing: short pages need the recall mode
            doc = _extract(trafilatura, source.data, favor_recall=True)
        if doc is None:
            raise InputError(source.name, "no article text found in the HTML page")
        text = doc.text
        url = doc.url or ""
        site = doc.sitename or doc.hostname or (urlparse(url).netloc if url else "")
        extra = {k: v for k, v in (("author", doc.author), ("description", doc.description))
                 if v}
        article = build_article(source.stem, text, source.name, title=doc.title or None,
                                source=site or "", url=url,
                                published=normalise_published(doc.date),
                                language=doc.language or "", extra=extra)
        return ReadResult([article])


READERS.register("html")(HtmlReader)
