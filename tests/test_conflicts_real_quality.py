"""Conflicts and credits on real news labelled by hand, pinned floors (they may rise,
never silently fall): BASIL's 100 stories as `storyloom digest` groups them, and the 20
ECB+ events of labels/ecb_conflicts.jsonl one brief per event. #14's targets (precision
>= 0.8, recall >= 0.6, no contradicting credit) are far above these: see
docs/decisions/conflicts-on-real-news.md.

Measured 2026-12-06: BASIL 3 reported, 3 true (recall 3/47), 30 contradicting credits;
ECB+ events 5 reported, 1 true, 4 false (recall 1/55), 27 contradicting credits; then 4
reported, 3 false, once a date line joined to a headline stopped counting as a reported date;
3 reported, 2 false, once values in brackets after two different names ("Klitschko (52-3,
46 KOs)", "Rahman (45-7-2, 36 KOs)") stopped being compared. BASIL 29 contradicting credits
once another month clashes with a fact's (a vote "in mid May" / "held on April 30").
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow  # real models on 540 real articles


def test_basil_conflicts_and_credits(data_dir):
    from storyloom.eval.labelled_conflicts import load_labels, score
    from storyloom.pipeline import DigestOptions, digest_paths
    from storyloom.render.jsonout import digest_to_dict

    basil = data_dir / "basil"
    digest = digest_to_dict(digest_paths([str(basil / "articles.jsonl")], DigestOptions(executor="local")))
    result = score(digest, load_labels(basil / "conflicts.jsonl"))
    assert result["positives"] == 47
    assert result["true"] >= 3 and result["false"] == 0, result["false_examples"]
    assert result["contradicting_credits"] <= 29, result["contradicting_credit_examples"]


def test_ecb_events_conflicts_and_credits(data_dir):
    from storyloom.eval.conflicts import briefs_of_stories
    from storyloom.eval.labelled_conflicts import score
    from storyloom.eval.train_conflicts import ecb_label_stories

    stories, labels = ecb_label_stories(data_dir)
    result = score(briefs_of_stories(stories), labels)
    assert result["positives"] == 55 and result["labelled_stories"] == 20
    assert result["true"] >= 1 and result["false"] <= 2, result["false_examples"]
    assert result["contradicting_credits"] <= 27, result["contradicting_credit_examples"]
