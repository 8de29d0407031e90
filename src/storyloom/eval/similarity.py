"""`storyloom eval similarity FILE`: Pearson of article similarity with -Overall (SemEval-2022 T8).

The similarity is a small gradient-boosted regression on the grouping pair features, a
whole-text embedding cosine and the two languages. Because it is fit on the dev set itself, every reported number comes
from 5-fold cross-validation: each pair is scored by a model that never saw it.
The raw signals (title+lead embedding cosine, the grouping model's probability) are
reported beside it for reference.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import click
import numpy as np

from storyloom.eval.datasets import SimilarityPair, load_semeval
from storyloom.eval.metrics import pearson

FOLDS = 5
BODY_CHARS = 2000  # whole-text embedding: the body up to here, as one text
MIN_PAIRS_PER_GROUP = 10


@dataclass
class SimilarityScore:
    n: int
    pearson: float
    by_language_pair: dict[str, float]
    cross_language: float
    signals: dict[str, float]

    def as_dict(self) -> dict:
        return {"n": self.n, "pearson": round(self.pearson, 4),
                "by_language_pair": {k: round(v, 4) for k, v in self.by_language_pair.items()},
                "cross_language": round(self.cross_language, 4),
                "signals": {k: round(v, 4) for k, v in self.signals.items()}}


def pair_matrix(pairs: list[SimilarityPair]) -> tuple[np.ndarray, list[str]]:
    """Features of each pair: grouping pair features + whole-text embedding cosine."""
    from storyloom.analyze import analyze_heads
    from storyloom.analyze.embed import embed_texts, get_embedder
    from storyloom.group.features import extract
    from storyloom.group.similarity import PAIR_FEATURES, WeightedTable, fit_statistics, pair_features

    articles = [p.first for p in pairs] + [p.second for p in pairs]
    analyzed = analyze_heads(articles)
    table = extract(analyzed)
    weighted = WeightedTable.build(table, fit_statistics(table))
    idx = np.arange(len(pairs))
    features = pair_features(weighted, idx, weighted, idx + len(pairs))
    bodies = embed_texts([a.clean_text[:BODY_CHARS] for a in articles], get_embedder())
    body = np.einsum("ij,ij->i", bodies[idx], bodies[idx + len(pairs)])
    return np.column_stack([features, body]), [*PAIR_FEATURES, "body_embedding"]


def language_codes(pairs: list[SimilarityPair]) -> np.ndarray:
    """(n, 2) integer codes of each side's language: lets the model calibrate per language."""
    names = sorted({lang for p in pairs for lang in (p.first.language, p.second.language)})
    return np.array([[names.index(p.first.language), names.index(p.second.language)]
                     for p in pairs])


def cross_validated(features: np.ndarray, target: np.ndarray, categorical: int = 0,
                    seed: int = 7) -> np.ndarray:
    """Out-of-fold predictions of a small gradient-boosted tree model (depth 3).

    Trees capture what a linear fit cannot (e.g. a high embedding cosine counts for
    less between two languages); the last `categorical` columns are category codes.
    """
    from sklearn.ensemble import HistGradientBoostingRegressor
    from sklearn.model_selection import KFold

    mask = [False] * (features.shape[1] - categorical) + [True] * categorical
    predicted = np.zeros(len(target))
    for train, test in KFold(FOLDS, shuffle=True, random_state=seed).split(features):
        model = HistGradientBoostingRegressor(max_iter=150, learning_rate=0.05, max_depth=3,
                                              min_samples_leaf=max(2, min(30, len(train) // 20)),
                                              random_state=seed,
                                              categorical_features=mask if categorical else None)
        predicted[test] = model.fit(features[train], target[train]).predict(features[test])
    return predicted


def score_similarity(pairs: list[SimilarityPair]) -> SimilarityScore:
    from storyloom.group.decision import default_model

    features, names = pair_matrix(pairs)
    target = -np.array([p.overall for p in pairs])
    predicted = cross_validated(np.column_stack([features, language_codes(pairs)]), target,
                                categorical=2)
    languages = np.array([p.language_pair for p in pairs])
    by_pair = {lp: pearson(predicted[languages == lp], target[languages == lp])
               for lp in sorted(set(languages)) if (languages == lp).sum() >= MIN_PAIRS_PER_GROUP}
    cross = np.array([p.first.language != p.second.language for p in pairs])
    grouping = default_model().probability(features[:, :len(names) - 1])
    signals = {"embedding": pearson(features[:, names.index("embedding")], target),
               "body_embedding": pearson(features[:, names.index("body_embedding")], target),
               "grouping_model (in-sample: trained partly on these pairs)": pearson(grouping, target)}
    return SimilarityScore(len(pairs), pearson(predicted, target), by_pair,
                           pearson(predicted[cross], target[cross]), signals)


@click.command("similarity")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def command(file: Path, fmt: str) -> None:
    """Pearson of storyloom's similarity with -Overall on SemEval-2022 Task 8 pairs (5-fold CV)."""
    score = score_similarity(load_semeval(file))
    if fmt == "json":
        click.echo(json.dumps(score.as_dict()))
        return
    click.echo(f"{file.name}: {score.n} pairs, Pearson {score.pearson:.4f} (5-fold CV), "
               f"cross-language {score.cross_language:.4f}")
    for pair, value in score.by_language_pair.items():
        click.echo(f"  {pair}: {value:.4f}")
    for name, value in score.signals.items():
        click.echo(f"  signal {name}: {value:.4f}")
