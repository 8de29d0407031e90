"""Cheap text features used by grouping."""
from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from storyloom.group.features import (
    TermStatistics,
    _hash_bags,
    fold,
    name_tokens,
    number_tokens,
    published_day,
    word_tokens,
)


def test_fold_removes_case_and_accents():
    assert fold("Selenskyj") == "selenskyj"
    assert fold("Émile") == "emile"


def test_word_tokens_drop_stop_words_and_numbers():
    tokens = word_tokens("The earthquake hit the city on Monday, killing 12 people.")
    assert "earthquake" in tokens and "killing" in tokens
    assert "the" not in tokens and "12" not in tokens


def test_word_tokens_split_chinese_into_bigrams():
    assert "外交" in word_tokens("中国外交部")


def test_names_skip_sentence_initial_capitals():
    names = name_tokens("Officials said Smith met Jones in Lagos. Later they left.")
    assert names == ["smith", "jones", "lagos"]


def test_numbers_ignore_thousands_separators():
    assert number_tokens("1,500 and 1.500 and 1500 on 03 May") == ["1500", "1500", "1500", "3"]


@given(st.text(max_size=200))
def test_tokenisers_never_fail(text):
    for tokens in (word_tokens(text), name_tokens(text), number_tokens(text)):
        assert all(isinstance(t, str) and t for t in tokens)


def test_published_day():
    assert published_day("2021-12-30") - published_day("2021-12-07") == 23
    assert abs(published_day("2021-12-30T12:00:00Z") - published_day("2021-12-30") - 0.5) < 1e-9
    assert math.isnan(published_day(None)) and math.isnan(published_day("not a date"))


@given(st.one_of(st.none(), st.text(max_size=40)))
def test_published_day_never_fails(value):
    assert isinstance(published_day(value), float)


def test_term_statistics_weigh_to_unit_rows():
    counts = _hash_bags([["quake", "quake", "city"], ["city", "fire"], []])
    stats = TermStatistics()
    stats.update(counts)
    weighted = stats.weigh(counts)
    norms = (weighted.multiply(weighted)).sum(axis=1)
    assert abs(norms[0, 0] - 1) < 1e-5 and abs(norms[1, 0] - 1) < 1e-5 and norms[2, 0] == 0
    assert stats.n_docs == 3


def test_top_terms_and_top_per_row_keep_the_best_entries():
    import numpy as np
    from scipy import sparse

    from storyloom.group.similarity import _top_per_row, _top_terms

    matrix = sparse.csr_matrix(np.array([[0.1, 0.9, 0.5, 0.0], [0.0, 0.0, 0.0, 0.0],
                                         [0.3, 0.0, 0.2, 0.7]]))
    assert (_top_terms(matrix, 2).toarray() == np.array([[0, 0.9, 0.5, 0], [0, 0, 0, 0],
                                                         [0.3, 0, 0, 0.7]])).all()
    rows, cols = _top_per_row(np.array([0, 0, 0, 2, 2]), np.array([5, 6, 7, 1, 2]),
                              np.array([0.1, 0.9, 0.5, 0.2, 0.4]), 2)
    assert sorted(zip(rows.tolist(), cols.tolist())) == [(0, 6), (0, 7), (2, 1), (2, 2)]
