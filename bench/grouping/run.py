"""Grouping benchmark: storyloom's grouping vs a tuned TF-IDF + average-link baseline.

    python bench/grouping/run.py [--data ../shared/data] [--growth-base 800]

For ECB+ dev and NeuS val: B-cubed F1 and articles/s (grouping only: both methods get
the same analysed articles). The baseline's threshold is tuned on the same data it is
scored on (its best case). Then a growth check: grouping time for n, 2n, 4n articles
(NeuS train lines recombined) and the fitted exponent of time ~ n^b.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from storyloom.analyze import analyze_heads
from storyloom.eval import datasets
from storyloom.eval.grouping import group, predicted_labels
from storyloom.eval.metrics import bcubed
from storyloom.group.features import extract

BASELINE_THRESHOLDS = np.round(np.arange(0.05, 0.95, 0.05), 2)


def baseline_labels(texts: list[str], threshold: float) -> np.ndarray:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectors = TfidfVectorizer(sublinear_tf=True, min_df=1).fit_transform(texts).toarray()
    return AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                   distance_threshold=1 - threshold).fit_predict(vectors)


def tuned_baseline(texts: list[str], gold: list[str]) -> tuple[float, float, float]:
    """(best B-cubed F1, its threshold, articles/s of one run at that threshold)."""
    scores = [(bcubed(gold, list(baseline_labels(texts, t))).f1, t) for t in BASELINE_THRESHOLDS]
    best, threshold = max(scores)
    return best, threshold, len(texts) / best_time(lambda: baseline_labels(texts, threshold))


def best_time(run, repeats: int = 3) -> float:
    """Fastest of a few runs (as timeit does): the others measure the machine's other
    load, not the code. Both methods are timed this way."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def ours(analyzed, gold: list[str], mode: str) -> tuple[float, float]:
    group(analyzed[:20], mode)  # warm caches (stop words, imports) outside the timing
    stories = group(analyzed, mode)
    rate = len(analyzed) / best_time(lambda: group(analyzed, mode))
    return bcubed(gold, predicted_labels(stories, [a.id for a in analyzed])).f1, rate


def compare(name: str, data: datasets.LabelledArticles) -> None:
    analyzed = analyze_heads(data.articles)
    texts = [a.text for a in data.articles]
    base_f1, base_t, base_rate = tuned_baseline(texts, data.labels)
    print(f"{name}: {len(texts)} articles")
    print(f"  tfidf+avg-link (threshold {base_t}, tuned here): B3 F1 {base_f1:.4f}  "
          f"{base_rate:8.0f} art/s")
    for mode in ("batch", "incremental"):
        f1, rate = ours(analyzed, data.labels, mode)
        print(f"  storyloom {mode:11}: B3 F1 {f1:.4f}  {rate:8.0f} art/s  "
              f"F1 ratio {f1 / base_f1:.3f}  speed ratio {rate / base_rate:.2f}")


def growth(data_dir: Path, base: int) -> None:
    """Time for n, 2n, 4n distinct articles; a slope near 1 means linear growth."""
    lines = datasets.load_neus(data_dir / "neus-allsides" / "train.source")
    analyzed = analyze_heads(lines.articles[:4 * base])
    if len(analyzed) < 4 * base:
        print(f"growth: only {len(analyzed)} articles, need {4 * base}")
        return
    sizes, seconds = [base, 2 * base, 4 * base], []
    group(analyzed[:20], "batch")
    for n in sizes:
        seconds.append(best_time(lambda n=n: group(analyzed[:n], "batch")))
    slope = np.polyfit(np.log(sizes), np.log(seconds), 1)[0]
    print("growth (batch): " + ", ".join(f"n={n}: {s:.2f}s" for n, s in zip(sizes, seconds))
          + f"; fitted exponent {slope:.2f}; time ratio 4n/n {seconds[2] / seconds[0]:.2f}")
    started = time.perf_counter()
    extract(analyzed)
    print(f"  of which feature extraction for {len(analyzed)}: {time.perf_counter() - started:.2f}s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=datasets.default_data_dir())
    parser.add_argument("--growth-base", type=int, default=800)
    args = parser.parse_args()
    compare("ECB+ dev", datasets.load_ecbplus(args.data / "ecbplus-dev.jsonl"))
    compare("NeuS val", datasets.load_neus(args.data / "neus-allsides" / "val.source"))
    growth(args.data, args.growth_base)


if __name__ == "__main__":
    main()
