"""Does one summary sentence restate another? A decision learned from hand labels.

Two features of a sentence pair: the cosine of their embeddings, and the share of the
shorter sentence's content words the other also uses (a headline and the lead that
tells the same news share most of the headline's words, while their embeddings may sit
far apart). A standardised logistic regression over them, fitted on sentence pairs of
real summaries read by hand (`labels/summary_restatements.jsonl`: "duplicate" when a
reader of both learns nothing essential from the second) and shipped as
`restatement.json`; refit with `python -m storyloom.eval.train_restatements`.
"""
from __future__ import annotations

from pathlib import Path

from storyloom.consolidate.logistic import StandardisedLogistic, load

FEATURES = ("cosine", "shorter_share")
MODEL_PATH = Path(__file__).with_name("restatement.json")
RETRAIN = "python -m storyloom.eval.train_restatements"


def pair_features(cosine: float, words: frozenset[str], other: frozenset[str]) -> list[float]:
    shorter = max(1, min(len(words), len(other)))
    return [cosine, len(words & other) / shorter]


def load_model(path: str = str(MODEL_PATH)) -> StandardisedLogistic:
    return load(path, FEATURES, RETRAIN)
