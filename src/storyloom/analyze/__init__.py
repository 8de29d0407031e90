"""Analysis stage: language, sentences, embeddings and entities for each article.

Two depths, because model calls decide the speed: `analyze_heads` does what grouping
needs (sentences, a title+lead embedding); `deepen` adds sentence embeddings and
entities, and is only worth running on articles inside multi-article stories.
"""
from __future__ import annotations

import numpy as np

from storyloom.analyze.embed import embed_texts, get_embedder
from storyloom.analyze.entities import find_mentions_many
from storyloom.analyze.language import detect_language
from storyloom.analyze.sentences import split_sentences
from storyloom.model import AnalyzedArticle, Article

LEAD_SENTENCES = 3


def head_text(article: Article, sentences) -> str:
    """Title plus lead: what grouping compares."""
    lead = " ".join(s.text for s in sentences[:LEAD_SENTENCES])
    if article.title and not lead.startswith(article.title):
        return f"{article.title}. {lead}"
    return lead


def analyze_heads(articles: list[Article], embedder: str = "use-multilingual") -> list[AnalyzedArticle]:
    for article in articles:
        if not article.language:
            article.language = detect_language(article.clean_text)
    sentence_lists = [split_sentences(a) for a in articles]
    heads = [head_text(a, s) for a, s in zip(articles, sentence_lists)]
    vectors = embed_texts(heads, get_embedder(embedder))
    return [AnalyzedArticle(a, s, v, embedder=embedder)
            for a, s, v in zip(articles, sentence_lists, vectors)]


def deepen(analyzed: list[AnalyzedArticle], embedder: str = "use-multilingual",
           entities: bool = True) -> None:
    """Add sentence embeddings and entity mentions in place (batched across articles)."""
    todo = [a for a in analyzed if a.sentence_embeddings is None]
    texts = [s.text for a in todo for s in a.sentences]
    vectors = embed_texts(texts, get_embedder(embedder))
    offset = 0
    for item in todo:
        n = len(item.sentences)
        item.sentence_embeddings = vectors[offset:offset + n] if n else np.zeros((0, vectors.shape[1] if vectors.ndim == 2 else 1), np.float32)
        offset += n
    if entities:
        untagged = [item for item in analyzed if not item.mentions]
        for item, mentions in zip(untagged, find_mentions_many([i.sentences for i in untagged])):
            item.mentions = mentions


def analyze(articles: list[Article], embedder: str = "use-multilingual",
            entities: bool = True) -> list[AnalyzedArticle]:
    analyzed = analyze_heads(articles, embedder)
    deepen(analyzed, embedder, entities)
    return analyzed
