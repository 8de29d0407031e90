"""Extractive summary from facts: citations, budget, redundancy (hand-made stories)."""
from __future__ import annotations

import json

import numpy as np

from storyloom.analyze import analyze
from storyloom.consolidate.facts import align_facts
from storyloom.consolidate.summary import summarise
from storyloom.model import Article

SENTENCES = [
    "The two presidents will speak by telephone on Thursday about the border crisis.",
    "Officials from both countries will hold talks in Geneva on 10 January next year.",
    "A separate shipment of grain left the harbour of Odessa late on Monday evening.",
    "Analysts expect the markets to react calmly to the planned telephone conversation.",
    "The foreign minister travelled to Brussels for a meeting with European partners.",
    "Local farmers complained about the weather during the whole of the autumn season.",
]


def _members():
    a = Article("a", " ".join(SENTENCES[:4]), source="A", language="en")
    b = Article("b", " ".join([SENTENCES[0], SENTENCES[1], SENTENCES[4]]), source="B", language="en")
    c = Article("c", " ".join([SENTENCES[0], SENTENCES[5]]), source="C", language="en")
    return analyze([a, b, c], embedder="hashing", entities=False)


def test_each_sentence_is_a_source_sentence_citing_all_reporters():
    members = _members()
    facts = align_facts(members)
    texts = {m.id: m.article.text for m in members}
    summary = summarise(facts, members)
    assert summary
    for sentence in summary:
        first = sentence.evidence[0]
        assert texts[first.article_id][first.start:first.end] == sentence.text
        fact = next(f for f in facts if first in f.evidence)
        assert sentence.sources == fact.sources
    # the statement every outlet reports comes first, citing all three
    assert summary[0].text == SENTENCES[0]
    assert sorted(summary[0].sources) == ["a", "b", "c"]


def test_sentence_count_and_word_budget():
    members = _members()
    facts = align_facts(members)
    assert len(summarise(facts, members, max_sentences=2)) == 2
    short = summarise(facts, members, max_words=20)
    words = [len(s.text.split()) for s in short]
    # stops once the budget is reached: everything but the last fits within it
    assert sum(words[:-1]) < 20 <= sum(words) or sum(words) < 20


def test_no_sentence_twice():
    members = _members()
    summary = summarise(align_facts(members), members, max_sentences=10)
    texts = [s.text for s in summary]
    assert len(texts) == len(set(texts))


def test_empty_story():
    assert summarise([], []) == []


def test_candidate_rows_match_the_packaged_weights():
    from storyloom.consolidate.sentence_scores import ROW_NAMES, default_scorer, wordings

    members = _members()
    rows = wordings(align_facts(members), members)
    assert rows and all(w.features.shape == (len(ROW_NAMES),) for w in rows)
    scores = default_scorer().score(np.array([w.features for w in rows]))
    assert np.all(np.isfinite(scores))


def test_scorer_json_round_trip_and_feature_check():
    import pytest

    from storyloom.consolidate.sentence_scores import ROW_NAMES, ScoringModelError, SentenceScorer, fit_scorer

    rng = np.random.default_rng(0)
    rows = rng.normal(size=(400, len(ROW_NAMES)))
    targets = rows[:, 0] * 2 - rows[:, 3]
    scorer = fit_scorer(rows, targets, trees=60, rate=0.2, min_leaf=5)
    again = SentenceScorer.from_json(json.loads(json.dumps(scorer.to_json())))
    assert np.allclose(again.score(rows), scorer.score(rows))
    assert np.corrcoef(scorer.score(rows), targets)[0, 1] > 0.9
    with pytest.raises(ScoringModelError):
        SentenceScorer.from_json({**scorer.to_json(), "features": ["other"]})
    with pytest.raises(ScoringModelError):
        SentenceScorer.from_json({"features": list(ROW_NAMES), "trees": []})


def test_redundancy_prefers_a_new_fact_over_a_second_wording():
    from storyloom.consolidate.sentence_scores import Wording
    from storyloom.consolidate.summary import Candidate, select
    from storyloom.model import Evidence, Fact

    def candidate(text, importance):
        fact = Fact(text, ["a"], 1, [Evidence("a", 0, len(text), text)])
        words = frozenset(w for w in text.lower().split())
        return Candidate(Wording(fact, fact.evidence[0], False, words, np.zeros(1)), importance)

    first = candidate("council approves budget for schools", 1.0)
    paraphrase = candidate("budget for schools approves council today", 0.95)
    other = candidate("critics warn taxes rise next year", 0.9)
    vocabulary = {w: 1.0 for c in (first, paraphrase, other) for w in c.wording.content}
    chosen = select([first, paraphrase, other], vocabulary, max_sentences=2, max_words=None)
    assert [c.wording.sentence.text for c in chosen] == [first.wording.sentence.text,
                                                         other.wording.sentence.text]


def test_overlap_features_reward_words_the_other_articles_share():
    from storyloom.consolidate.sentence_overlap import OVERLAP_FEATURES, OverlapContext

    members = _members()
    context = OverlapContext(members)
    shared, alone = context.row("a", SENTENCES[0]), context.row("a", SENTENCES[3])
    assert len(shared) == len(OVERLAP_FEATURES)
    names = dict(zip(OVERLAP_FEATURES, zip(shared, alone)))
    # the first sentence is repeated word for word by b and c; the fourth only a has
    assert names["best_sentence_f1"] == (1.0, names["best_sentence_f1"][1])
    assert names["best_sentence_f1"][1] < 0.5
    assert names["other_articles_precision"][0] > names["other_articles_precision"][1]


def test_sentence_form_cuts_furniture_and_refuses_pieces():
    from storyloom.consolidate.sentence_form import label_length, stands_alone

    text = "WASHINGTON — The offer: A $1 million check went to a major Democratic group."
    assert text[label_length(text):].startswith("A $1 million")
    assert label_length("Trump said: We will win this race easily and soon.") == 0
    assert label_length("U.S. - China talks resumed on Monday in Geneva.") == 0
    for piece, before in [("In a statement to Radio Nord, Tomas Berg Jr.", ""),
                          ("9, the transition team announced the members of the board.", ""),
                          ("Gov. Carla Dunmore to veto a harbour bill on Wednesday.", "urged Ariz. "),
                          ("Harbour Union President Tomas Berg said ahead of the debate.", "among members,\" "),
                          ("“We have no agenda, we have no rules.”", ""),
                          ("\"We don't care about the pigment,\" he said.", ""),
                          ("Managers, he went on, “are told how to use that discretion.”", ""),
                          ("But Justice Mia Sand was unconvinced.", ""),
                          ("It passed in a 96-9 vote.", ""),
                          ("Is this the end of the road for the bill?", ""),
                          ("By John Smith", "")]:
        assert not stands_alone(piece, before=before), piece
    for whole in ["This week the Senate voted on the bill.", "Trump said the wall would be built.",
                  "The Senate passed the bill on Tuesday."]:
        assert stands_alone(whole, before="It was late. "), whole


def test_what_most_outlets_lead_with_comes_first():
    from storyloom.consolidate.sentence_scores import shared_vocabulary
    from storyloom.consolidate.summary import _lead_first, candidates, select  # noqa: PLC2701

    background = "The harbour was built in the nineteenth century by a group of merchants."
    lead = "The harbour of Ostrevik was closed on Tuesday after a container ship ran aground."
    a = Article("a", f"{background} {lead} Salvage crews arrived later in the day.",
                title="Ostrevik harbour closed after grounding", source="A", language="en")
    b = Article("b", f"{lead} The crew of eighteen was rescued by helicopter overnight.",
                title="Ship aground closes Ostrevik harbour", source="B", language="en")
    c = Article("c", f"{lead} Ferries to the islands were cancelled until further notice.",
                title="Grounded ship shuts Ostrevik harbour", source="C", language="en")
    members = analyze([a, b, c], embedder="hashing", entities=False)
    pool = candidates(align_facts(members), members)
    # the learned importance may prefer background; what the outlets lead with still opens
    for candidate in pool:
        candidate.importance = 1.0 if candidate.wording.sentence.text == background else 0.0
    _lead_first(pool, members)
    chosen = select(pool, shared_vocabulary(members), 3, None)
    assert chosen[0].wording.sentence.text == lead
