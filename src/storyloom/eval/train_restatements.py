"""Refit the summary's restatement decision (`consolidate/restatement.json`).

    python -m storyloom.eval.train_restatements [--labels labels/summary_restatements.jsonl]

Each label names two sentence spans of NeuS train articles (ids and offsets into the
texts as `eval.datasets.load_neus` builds them, never the text itself) and a hand
judgement, "duplicate" or "different". The spans are read back from the shared data,
embedded with the default embedder and turned into `restatement.pair_features`. The
regression is cross-validated by story (5 folds) and the report gives precision, recall
and accuracy of the out-of-fold decisions at the shipped threshold (0.5 on class-balanced
weights: a restatement and a new fact count alike).
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from storyloom.consolidate.logistic import fit
from storyloom.consolidate.restatement import FEATURES, MODEL_PATH, SIGNS, SentenceView, pair_features
from storyloom.consolidate.sentence_scores import content_words
from storyloom.eval.datasets import default_data_dir, load_neus

ROOT = Path(__file__).resolve().parents[3]
LABELS = ROOT / "labels" / "summary_restatements.jsonl"
REGULARISATION = 1.0
FOLDS = 5


def load_pairs(labels: Path, data_dir: Path) -> tuple[list[list[float]], list[int], list[str]]:
    from storyloom.analyze.embed import embed_texts, get_embedder, unit_rows

    records = [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = {}
    for name in {r["data"] for r in records}:
        articles[name] = {a.id: a for a in load_neus(data_dir / name).articles}
    ends = [(r["data"], aid, start, end) for r in records for aid, start, end in (r["a"], r["b"])]
    spans = [articles[data][aid].text[start:end] for data, aid, start, end in ends]
    vectors = unit_rows(embed_texts(spans, get_embedder()))
    views = []
    for (data, aid, start, _end), text, vector in zip(ends, spans, vectors):
        article = articles[data][aid]
        views.append(SentenceView(text, content_words(text), vector, aid,
                                  start / max(len(article.text), 1),
                                  bool(article.title) and text.strip() == article.title.strip()))
    rows, targets, stories = [], [], []
    for n, record in enumerate(records):
        rows.append(pair_features(views[2 * n], views[2 * n + 1]))
        targets.append(int(record["label"] == "duplicate"))
        stories.append(record["a"][0].split("-")[0])
    return rows, targets, stories


def cross_validate(rows: list[list[float]], targets: list[int], stories: list[str]) -> dict:
    names = sorted(set(stories))
    fold_of = {s: n % FOLDS for n, s in enumerate(np.random.default_rng(0).permutation(names))}
    predicted = np.zeros(len(rows), bool)
    x, y = np.asarray(rows), np.asarray(targets)
    for fold in range(FOLDS):
        held = np.array([fold_of[s] == fold for s in stories])
        model = fit(x[~held].tolist(), y[~held].tolist(), FEATURES, REGULARISATION, signs=SIGNS)
        predicted[held] = model.probability(x[held]) >= model.threshold
    hits = int((predicted & (y == 1)).sum())
    return {"pairs": len(y), "duplicates": int(y.sum()),
            "precision": round(hits / max(int(predicted.sum()), 1), 3),
            "recall": round(hits / max(int(y.sum()), 1), 3),
            "accuracy": round(float((predicted == (y == 1)).mean()), 3)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    rows, targets, stories = load_pairs(args.labels, args.data)
    report = cross_validate(rows, targets, stories)
    model = fit(rows, targets, FEATURES, REGULARISATION, signs=SIGNS)
    args.out.write_text(json.dumps({**model.to_dict(), "cross_validation": report,
                                    "labels": str(args.labels.relative_to(ROOT)
                                                  if args.labels.is_relative_to(ROOT) else args.labels)},
                                   indent=1) + "\n", encoding="utf-8")
    print(json.dumps(report))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
