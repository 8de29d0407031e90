"""Fit the contradiction decision on labelled real disagreements; write conflict_decision.json.

    python -m storyloom.eval.train_conflicts [--data ../shared/data] [--out PATH] [--folds 5]

Data: BASIL (`basil/articles.jsonl` grouped by its `story` field, `basil/conflicts.jsonl`),
injected changes in ECB+ dev's even topics (see `injected_rows`), and hand-labelled value
pairs of ECB+ dev and NeuS train stories (`labels/conflict_pairs.jsonl`, see
`labelled_pair_rows`); every fold trains on the last two (the cross-validated figures are
BASIL's alone). The 20 ECB+ events labelled whole (`labels/ecb_conflicts.jsonl`) are held
out: the final model is scored on them at every threshold (`ecb_events_held_out`; a few of
the hand-labelled pairs come from these events). `--train-on-ecb-events` cross-validates on
them with BASIL instead (their pairs left out) and reports each set apart.
Every pair of different values that conflicts.py would weigh (same bucket, independent
articles, one language, comparable, neither article giving both) is a row of
conflict_model.FEATURES. A row is positive when its two values stand for two different
claims of one labelled contradiction or update: each value shares a token with its
claim's value and, in the article the label quotes, the sentence is the quoted one (half
its tokens); negative when it matches no label, or only an `imprecise` one (those must not
be reported as contradictions); left out when it matches a label only loosely.

The model is a class-balanced logistic regression on standardised features (C fixed at
0.3 before measuring), each coefficient bounded to the sign its feature can only have
(conflict_model.SIGNS): with a few dozen positives an unbounded fit learned "each
sentence is the other's best match" as evidence *against* one fact. Cross-validation is by story (folds of whole stories, seeded):
each held-out fold's stories are run through `find_conflicts` with the model fitted on
the other folds, at each threshold of a grid, and the union of the folds is scored with
the labelled-conflict rule (eval/labelled_conflicts.py). The shipped threshold is the
one with the best F0.5 (precision weighs more than recall: a false contradiction costs
an editor more than a missed one) among those whose final model raises at most
ECB_FALSE_CEILING false contradictions per untouched ECB+ dev story; the file records
the whole table.
"""
from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import click

from storyloom.analyze import analyze
from storyloom.consolidate.conflict_model import FEATURES, MODEL_PATH, SIGNS
from storyloom.consolidate.conflicts import contradiction_features, find_conflicts, value_pairs
from storyloom.consolidate.logistic import StandardisedLogistic
from storyloom.consolidate.logistic import fit as fit_logistic
from storyloom.consolidate.slots import Slot
from storyloom.eval.labelled_conflicts import POSITIVE, load_labels, overlap, score, tokens, value_key
from storyloom.ingest import read_inputs
from storyloom.model import AnalyzedArticle, Article

REGULARISATION = 0.3
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.96, 0.98, 0.99)
STRICT_EVIDENCE = 0.5
SEED = 0
# false alarms allowed per untouched ECB+ dev story (tests/test_eval_conflicts_quality.py's
# ceiling): BASIL's 47 positives alone leave the threshold too loosely pinned
ECB_FALSE_CEILING = 0.15
# injected cases: ECB+ dev's even topics with their own seed (`storyloom eval conflicts`
# reports on seed 0 over all topics; its odd half never trains)
INJECTION_SEED = 1
INJECTION_PART = 0


def load_stories(data: Path) -> dict[str, list[AnalyzedArticle]]:
    articles, _ = read_inputs([str(data / "basil" / "articles.jsonl")])
    analyzed = {a.id: a for a in analyze(articles)}
    stories: dict[str, list[AnalyzedArticle]] = defaultdict(list)
    for article in articles:
        stories[str(article.extra.get("story", article.id))].append(analyzed[article.id])
    return dict(stories)


def _covers(slot, claim: dict, strict: bool) -> bool:
    if slot.article_id not in claim["articles"]:
        return False
    shares_value = bool(tokens(slot.text) & tokens(claim["value"]))
    quoted = slot.article_id == claim["articles"][0]
    if strict:
        return shares_value and (not quoted or overlap(slot.sentence.text, claim["evidence"]) >= STRICT_EVIDENCE)
    return shares_value or (quoted and overlap(slot.sentence.text, claim["evidence"]) >= 0.6)


def pair_label(a, b, records: list[dict]) -> int | None:
    """1, 0, or None (a loose match only: left out)."""
    loose = imprecise = False
    for record in records:
        claims = record["claims"]
        for i, first in enumerate(claims):
            for second in claims[i + 1:]:
                if value_key(first["value"]) == value_key(second["value"]):
                    continue
                for strict in (True, False):
                    if (_covers(a, first, strict) and _covers(b, second, strict)) \
                            or (_covers(a, second, strict) and _covers(b, first, strict)):
                        if record["relation"] not in POSITIVE:
                            imprecise = True
                        elif strict:
                            return 1
                        else:
                            loose = True
    if imprecise:
        return 0
    return None if loose else 0


def weighed_pairs(members: list[AnalyzedArticle]) -> Iterator[tuple[Slot, Slot, list[float]]]:
    """The pairs of different values the contradiction decision weighs, with features."""
    found = value_pairs(members)
    for i, j in found.pairs:
        a, b = found.slots[i], found.slots[j]
        if found.values.same(a, b):
            continue
        features = contradiction_features(a, b, found.values)
        if features is not None:
            yield a, b, features


def story_rows(members: list[AnalyzedArticle], records: list[dict]) -> list[tuple[list[float], int]]:
    rows = []
    for a, b, features in weighed_pairs(members):
        label = pair_label(a, b, records)
        if label is not None:
            rows.append((features, label))
    return rows


def injected_rows(path: Path, seed: int = INJECTION_SEED, part: int = INJECTION_PART
                  ) -> list[tuple[list[float], int]]:
    """Rows from ECB+ stories with one value changed in one article (eval/conflicts.py's
    injection): the changed value against the other articles' same-meaning reports of the
    old value is positive, every other pair negative. They teach what BASIL's few labels
    cannot: the same clause told with another value is a contradiction."""
    from storyloom.eval.conflicts import COUNTERPART, inject
    from storyloom.eval.conflicts import load_stories as load_ecb

    rng = random.Random(seed)
    rows = []
    for name, articles in load_ecb(path, part).items():
        members = analyze(articles)
        result = inject(name, members, rng)
        if result is None or result[0].kind == "role":
            continue
        injection, changed = result
        members = [m for m in members if m.id != injection.article_id] + analyze([changed])
        for a, b, features in weighed_pairs(members):
            if b.article_id == injection.article_id:
                a, b = b, a
            positive = (a.article_id == injection.article_id and a.text == injection.new
                        and b.text == injection.old
                        and a.sentence_vector is not None and b.sentence_vector is not None
                        and float(a.sentence_vector @ b.sentence_vector) >= COUNTERPART)
            rows.append((features, int(positive)))
    return rows


PAIR_LABELS = Path(__file__).resolve().parents[3] / "labels" / "conflict_pairs.jsonl"
ECB_LABELS = Path(__file__).resolve().parents[3] / "labels" / "ecb_conflicts.jsonl"
PAIR_POSITIVE = ("contradiction", "update")
PAIR_NEGATIVE = ("different", "imprecise")


def _pair_story_articles(data: Path, stories: set[str]) -> dict[str, list[Article]]:
    """The articles of the labelled pairs' stories, built as when they were labelled:
    ECB+ as eval/conflicts.py reads it; NeuS train parts as `neus-train-<line>-<k>`."""
    from storyloom.eval.conflicts import load_stories as load_ecb
    from storyloom.eval.datasets import neus_parts

    found: dict[str, list[Article]] = {}
    ecb = {f"ecbplus-{k}": v for k, v in load_ecb(data / "ecbplus-dev.jsonl").items()}
    found.update({k: v for k, v in ecb.items() if k in stories})
    lines = {int(s.rsplit("-", 1)[1]) for s in stories if s.startswith("neus-train-")}
    with open(data / "neus-allsides" / "train.source", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number not in lines:
                continue
            found[f"neus-train-{number}"] = [
                Article(f"neus-train-{number}-{k}", body, title=title, source=f"neus-train-{number}-{k}",
                        language="en") for k, (title, body) in enumerate(neus_parts(line)) if body]
    return found


def labelled_pair_rows(data: Path, path: Path = PAIR_LABELS, leave_out: frozenset[str] = frozenset()
                       ) -> list[tuple[list[float], int]]:
    """Rows of the hand-labelled value pairs (labels/conflict_pairs.jsonl): contradiction
    or update positive, different or imprecise negative, unclear left out; none of the
    stories in `leave_out` (labelled whole elsewhere, and held out by cross-validation)."""
    labels = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_story: dict[str, list[dict]] = defaultdict(list)
    for label in labels:
        if label["label"] in PAIR_POSITIVE + PAIR_NEGATIVE and label["story"] not in leave_out:
            by_story[label["story"]].append(label)
    rows = []
    for story, articles in sorted(_pair_story_articles(data, set(by_story)).items()):
        found = value_pairs(analyze(articles))
        index = {(s.article_id, s.start, s.end): s for s in found.slots}
        for label in by_story[story]:
            a = index.get((label["a"]["article"], label["a"]["start"], label["a"]["end"]))
            b = index.get((label["b"]["article"], label["b"]["start"], label["b"]["end"]))
            features = contradiction_features(a, b, found.values) if a and b else None
            if features is not None:
                rows.append((features, int(label["label"] in PAIR_POSITIVE)))
    return rows


def fit(rows: list[tuple[list[float], int]], threshold: float = 0.5) -> StandardisedLogistic:
    return fit_logistic([r[0] for r in rows], [r[1] for r in rows], FEATURES, REGULARISATION,
                        threshold=threshold, signs=tuple(SIGNS[f] for f in FEATURES))


def _digest_of(stories: dict[str, list[AnalyzedArticle]], conflicts: dict[str, list]) -> dict:
    return {"stories": [{"id": sid, "articles": [{"id": m.id} for m in members],
                         "conflicts": [asdict(c) for c in conflicts[sid]], "facts": []}
                        for sid, members in stories.items()]}


def ecb_label_stories(data: Path, path: Path = ECB_LABELS) -> tuple[dict[str, list[AnalyzedArticle]], list[dict]]:
    """The ECB+ dev events labelled whole (labels/ecb_conflicts.jsonl, evidence as spans
    into ecbplus-dev.jsonl), analysed as eval/conflicts.py reads them, and their labels."""
    from storyloom.eval.conflicts import load_stories as load_ecb
    from storyloom.eval.conflicts import raw_texts

    labels = load_labels(path, raw_texts(data / "ecbplus-dev.jsonl"))
    wanted = {r["story"] for r in labels}
    stories = {f"ecbplus-{k}": v for k, v in load_ecb(data / "ecbplus-dev.jsonl").items()}
    return {sid: analyze(stories[sid]) for sid in sorted(wanted)}, labels


def _row(threshold: float, result: dict) -> dict:
    return {"threshold": threshold, "precision": round(result["precision"], 4),
            "recall": round(result["recall"], 4), "true": result["true"],
            "false": result["false"], "on_imprecise": result["on_imprecise_labels"],
            "found": result["found"], "positives": result["positives"]}


def cross_validate(stories: dict[str, list[AnalyzedArticle]], labels: list[dict], folds: int,
                   extra: list[tuple[list[float], int]], log=print,
                   parts: dict[str, set[str]] | None = None) -> list[dict]:
    by_story = defaultdict(list)
    for record in labels:
        if not record.get("none"):
            by_story[record["story"]].append(record)
    rows = {sid: story_rows(members, by_story[sid]) for sid, members in stories.items()}
    order = sorted(stories)
    random.Random(SEED).shuffle(order)
    fold_of = {sid: n % folds for n, sid in enumerate(order)}
    found: dict[float, dict[str, list]] = {t: {} for t in THRESHOLDS}
    for fold in range(folds):
        train = extra + [r for sid, story in rows.items() if fold_of[sid] != fold for r in story]
        model = fit(train)
        for threshold in THRESHOLDS:
            at = model.at(threshold)
            for sid in (s for s in order if fold_of[s] == fold):
                found[threshold][sid] = find_conflicts(stories[sid], at)
        log(f"fold {fold + 1}/{folds}: {sum(r[1] for r in train)} positive rows of {len(train)}")
    table = []
    for threshold in THRESHOLDS:
        row = _row(threshold, score(_digest_of(stories, found[threshold]), labels))
        for name, ids in (parts or {}).items():  # each labelled set on its own too
            subset = {sid: stories[sid] for sid in stories if sid in ids}
            row[name] = _row(threshold, score(_digest_of(subset, found[threshold]),
                                              [r for r in labels if r["story"] in ids]))
        table.append(row)
        log(f"threshold {threshold}: {table[-1]}")
    return table


def ecb_false_rates(data: Path, model: StandardisedLogistic, log=print,
                    labelled: dict[str, list[dict]] | None = None) -> dict[float, float]:
    """Contradictions per untouched ECB+ dev story at each threshold, those matching a
    hand-labelled real disagreement left out (eval/conflicts.py's false measure), and in
    the events labelled whole (`labelled`: story id -> its labels) those matching a label."""
    from storyloom.eval.conflicts import labelled_real, labelled_real_pairs
    from storyloom.eval.conflicts import load_stories as load_ecb
    from storyloom.eval.labelled_conflicts import matches

    real = labelled_real_pairs()
    labelled = labelled or {}
    stories = {f"ecbplus-{k}": analyze(v) for k, v in load_ecb(data / "ecbplus-dev.jsonl").items()}

    def false(story: str, conflict) -> bool:
        if not conflict.contradiction or labelled_real(conflict, real):
            return False
        return not any(matches(asdict(conflict), r) for r in labelled.get(story, []))

    rates = {}
    for threshold in THRESHOLDS:
        at = model.at(threshold)
        count = sum(false(sid, c) for sid, members in stories.items() for c in find_conflicts(members, at))
        rates[threshold] = round(count / max(1, len(stories)), 4)
        log(f"threshold {threshold}: ECB+ false per story {rates[threshold]}")
    return rates


def f_half(row: dict) -> float:
    p, r = row["precision"], row["recall"]
    return 0.0 if p + r == 0 else 1.25 * p * r / (0.25 * p + r)


@click.command()
@click.option("--data", type=click.Path(file_okay=False), default="../shared/data", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), default=str(MODEL_PATH), show_default=True)
@click.option("--folds", type=click.IntRange(2), default=5, show_default=True)
@click.option("--train-on-ecb-events", is_flag=True,
              help="Also cross-validate and train on the ECB+ events labelled whole "
                   "(labels/ecb_conflicts.jsonl, their hand-labelled pairs left out); by "
                   "default they are held out and the final model is scored on them.")
def main(data: str, out: str, folds: int, train_on_ecb_events: bool) -> None:
    data_dir = Path(data)
    labels = load_labels(data_dir / "basil" / "conflicts.jsonl")
    stories = load_stories(data_dir)
    parts = {"basil": set(stories)}
    ecb_stories, ecb_labels = ecb_label_stories(data_dir) if ECB_LABELS.exists() else ({}, [])
    if train_on_ecb_events:
        stories.update(ecb_stories)
        labels += ecb_labels
        parts["ecb"] = set(ecb_stories)
    log = lambda line: click.echo(line, err=True)  # noqa: E731
    extra = injected_rows(data_dir / "ecbplus-dev.jsonl")
    log(f"injected rows: {len(extra)}, positive {sum(r[1] for r in extra)}")
    pairs = labelled_pair_rows(data_dir, leave_out=frozenset(parts.get("ecb", ())))
    log(f"hand-labelled pair rows: {len(pairs)}, positive {sum(r[1] for r in pairs)}")
    extra += pairs
    table = cross_validate(stories, labels, folds, extra, log, parts)
    by_story = defaultdict(list)
    for record in labels + ([] if train_on_ecb_events else ecb_labels):
        if not record.get("none"):
            by_story[record["story"]].append(record)
    rows = extra + [r for sid, members in stories.items() for r in story_rows(members, by_story[sid])]
    model = fit(rows)
    rates = ecb_false_rates(data_dir, model, log, {sid: by_story[sid] for sid in ecb_stories})
    for row in table:
        row["ecb_false_per_story"] = rates[row["threshold"]]
        if ecb_stories and not train_on_ecb_events:  # held out: the final model on them
            found = {sid: find_conflicts(members, model.at(row["threshold"]))
                     for sid, members in ecb_stories.items()}
            row["ecb_events_held_out"] = _row(row["threshold"], score(_digest_of(ecb_stories, found), ecb_labels))
    allowed = [row for row in table if row["ecb_false_per_story"] <= ECB_FALSE_CEILING] or table[-1:]
    best = max(allowed, key=lambda row: (f_half(row), row["threshold"]))
    model = model.at(best["threshold"])
    document = {
        **model.to_dict(),
        "trained_with": "python -m storyloom.eval.train_conflicts " + " ".join(sys.argv[1:]),
        "data": "BASIL (100 stories x 3 outlets): basil/articles.jsonl, basil/conflicts.jsonl; "
                "injected changes in ECB+ dev even topics (seed 1): ecbplus-dev.jsonl; "
                "hand-labelled value pairs of ECB+ dev and NeuS train: labels/conflict_pairs.jsonl"
                + ("; ECB+ dev events labelled whole (odd topics): labels/ecb_conflicts.jsonl"
                   if train_on_ecb_events else ""),
        "rows": len(rows), "positive_rows": int(sum(r[1] for r in rows)),
        "regularisation": REGULARISATION,
        "cross_validation": {"folds": folds, "by": "story", "seed": SEED,
                             "chosen_by": "best F0.5 of precision and recall among the thresholds "
                                          f"with at most {ECB_FALSE_CEILING} false contradictions "
                                          "per untouched ECB+ dev story (final model)",
                             "table": table},
    }
    Path(out).write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    click.echo(f"wrote {out}: threshold {best['threshold']}, cross-validated precision "
               f"{best['precision']:.3f} recall {best['recall']:.3f}", err=True)


if __name__ == "__main__":
    main()
