"""`storyloom eval summaries SOURCE TARGET`: ROUGE of story summaries on NeuS (AllSides).

Each source line is one story (2-3 outlets' articles joined by [SEP]); each target
line its human-written neutral summary. storyloom's summary (real analysis, facts,
then `summarise`) is scored against two baselines in the same run: LexRank (sumy)
and a round-robin lead (first sentence of each article, then the second, ...).
Every system gets the reference's word count as budget and is trimmed to it, so
length never decides the comparison.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import click

from storyloom.errors import InputError, MissingExtraError
from storyloom.eval.datasets import load_neus
from storyloom.model import AnalyzedArticle, SummarySentence
from storyloom.text import WORD

_MARKERS = re.compile(r"\b(?:TITLE|ARTICLE)=>\s*")
ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")

Summariser = Callable[[list[AnalyzedArticle], int], list[str]]


@dataclass
class StoryCase:
    members: list[AnalyzedArticle]
    reference: str

    @property
    def budget(self) -> int:
        return len(self.reference.split())


def read_references(path: Path, limit: int | None) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), str(exc)) from exc
    lines = lines[:limit] if limit is not None else lines
    return [" ".join(_MARKERS.sub(" ", line).split()) for line in lines]


def load_cases(source: Path, target: Path, limit: int | None) -> list[StoryCase]:
    """Analyse every article once (batched), then regroup by story line."""
    from storyloom.analyze import analyze

    data = load_neus(source, limit)
    references = read_references(target, limit)
    analyzed = analyze(data.articles, entities=False)
    stories: dict[str, list[AnalyzedArticle]] = {}
    for item, label in zip(analyzed, data.labels):
        stories.setdefault(label, []).append(item)
    if len(stories) > len(references):
        raise InputError(str(target), f"{len(references)} references for {len(stories)} stories")
    return [StoryCase(stories[label], references[int(label)]) for label in stories]


def trim(sentences: list[str], budget: int) -> str:
    words = " ".join(sentences).split()
    return " ".join(words[:budget])


def storyloom_sentences(members: list[AnalyzedArticle], budget: int) -> list[SummarySentence]:
    from storyloom.consolidate.facts import align_facts
    from storyloom.consolidate.summary import summarise

    return summarise(align_facts(members), members, max_words=budget)


def storyloom_summary(members: list[AnalyzedArticle], budget: int) -> list[str]:
    return [s.text for s in storyloom_sentences(members, budget)]


def is_cited(sentence: SummarySentence, members: list[AnalyzedArticle]) -> bool:
    """Cites a source, and its first evidence is exactly the sentence's text there."""
    texts = {m.id: m.article.text for m in members}
    if not sentence.sources or not sentence.evidence:
        return False
    first = sentence.evidence[0]
    return (first.article_id in sentence.sources
            and texts.get(first.article_id, "")[first.start:first.end] == sentence.text)


def lead_summary(members: list[AnalyzedArticle], budget: int) -> list[str]:
    """First sentence of each article, then the second of each, ... until the budget."""
    bodies = [[s.text for s in m.sentences if s.text.strip() != m.article.title.strip()]
              for m in members]
    out, words, depth = [], 0, 0
    while words < budget and any(depth < len(b) for b in bodies):
        for body in bodies:
            if depth < len(body) and words < budget:
                out.append(body[depth])
                words += len(body[depth].split())
        depth += 1
    return out


class _WordTokenizer:
    """sumy needs only `to_words`; its default tokenizer wants NLTK data we don't ship."""

    language = "english"

    @staticmethod
    def to_words(text: str) -> list[str]:
        return WORD.findall(text)


def lexrank_summary(members: list[AnalyzedArticle], budget: int) -> list[str]:
    """sumy LexRank over all the story's sentences: the top k, for the smallest k
    that fills the budget, in document order (sumy's own output order)."""
    try:
        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
        from sumy.nlp.stemmers import Stemmer
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.utils import get_stop_words
    except ImportError as exc:
        raise MissingExtraError("eval summaries", "eval") from exc
    tokenizer = _WordTokenizer()
    texts = [s.text for m in members for s in m.sentences]
    document = ObjectDocumentModel([Paragraph([Sentence(t, tokenizer) for t in texts])])
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    picked: list[str] = []
    for k in range(1, len(texts) + 1):
        picked = [str(s) for s in summarizer(document, k)]
        if sum(len(p.split()) for p in picked) >= budget:
            break
    return picked


SYSTEMS: dict[str, Summariser] = {"storyloom": storyloom_summary, "lexrank": lexrank_summary,
                                  "lead": lead_summary}


def _precisions(tokenize: Callable[[str], list[str]], text: str, reference: str) -> float:
    """ROUGE-1 plus ROUGE-2 precision of one sentence against the reference."""
    tokens, ref = tokenize(text), tokenize(reference)
    unigrams, bigrams = set(ref), set(zip(ref, ref[1:]))
    pairs = list(zip(tokens, tokens[1:]))
    return (sum(t in unigrams for t in tokens) / max(len(tokens), 1)
            + sum(p in bigrams for p in pairs) / max(len(pairs), 1))


def _training_rows(cases: list[StoryCase]) -> tuple[list, list]:
    """Per story: every candidate sentence's feature rows and the share of its words
    (and word pairs) the reference uses."""
    import numpy as np
    from rouge_score import rouge_scorer

    from storyloom.consolidate.facts import align_facts
    from storyloom.consolidate.sentence_scores import wordings

    tokenize = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)._tokenizer.tokenize
    rows, targets = [], []
    for case in cases:
        found = wordings(align_facts(case.members), case.members, case.budget)
        rows.append(np.array([w.features for w in found]))
        targets.append(np.array([_precisions(tokenize, w.sentence.text, case.reference) for w in found]))
    return rows, targets


def _fit(rows: list, targets: list):
    import numpy as np

    from storyloom.consolidate.sentence_scores import fit_scorer

    kept = [i for i, t in enumerate(targets) if len(t)]
    if not kept:
        raise InputError("stories", "no candidate sentences to fit on")
    return fit_scorer(np.vstack([rows[i] for i in kept]), np.concatenate([targets[i] for i in kept]))


def fit_weights(cases: list[StoryCase]) -> dict:
    """Fit the summary's sentence scorer on these stories (train only)."""
    return _fit(*_training_rows(cases)).to_json()


def cross_validate(cases: list[StoryCase], folds: int = 5) -> dict[str, float]:
    """storyloom's ROUGE when each story is summarised by a scorer fitted on the other
    folds: the honest estimate on training data (the packaged weights saw it all)."""
    import numpy as np
    from rouge_score import rouge_scorer

    from storyloom.consolidate.facts import align_facts
    from storyloom.consolidate.summary import summarise

    rows, targets = _training_rows(cases)
    order = np.random.default_rng(0).permutation(len(cases))
    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    totals = dict.fromkeys(ROUGE_TYPES, 0.0)
    for held in np.array_split(order, folds):
        out = set(held.tolist())
        fitted = _fit([r for i, r in enumerate(rows) if i not in out],
                      [t for i, t in enumerate(targets) if i not in out])
        for i in held:
            case = cases[i]
            picked = summarise(align_facts(case.members), case.members, max_words=case.budget,
                               scorer=fitted)
            scores = scorer.score(case.reference, trim([p.text for p in picked], case.budget))
            for kind in ROUGE_TYPES:
                totals[kind] += scores[kind].fmeasure
    return {k: round(100 * v / max(len(cases), 1), 2) for k, v in totals.items()}


def citation_rate(cases: list[StoryCase]) -> float:
    """Share of storyloom's summary sentences whose citation checks out (should be 1)."""
    checked = [is_cited(s, c.members) for c in cases for s in storyloom_sentences(c.members, c.budget)]
    return round(sum(checked) / max(len(checked), 1), 4)


def restating_pairs(sentences: list[str], members: list[AnalyzedArticle]) -> int:
    """Pairs of the summary's sentences that restate each other, by the learned
    restatement decision (the one the summary itself applies); each sentence is found in
    its article (a system's output is text) for where it stands there."""
    from storyloom.analyze.embed import embed_texts, get_embedder, unit_rows
    from storyloom.consolidate.restatement import restating_pairs as pairs_of
    from storyloom.consolidate.restatement import view_in

    if len(sentences) < 2:
        return 0
    vectors = unit_rows(embed_texts(sentences, get_embedder()))
    where = {s.text: (m, s.start) for m in members for s in m.sentences}
    views = []
    for text, vector in zip(sentences, vectors):
        member, start = where.get(text, (None, 0))
        views.append(view_in(text, vector, member.id if member else "", start,
                             member.article.text if member else "",
                             member.article.title if member else ""))
    return len(pairs_of(views))


def _within(sentences: list[str], budget: int) -> list[str]:
    """The sentences a budget-trimmed summary shows (the last one possibly cut)."""
    out, words = [], 0
    for sentence in sentences:
        if words >= budget:
            break
        out.append(sentence)
        words += len(sentence.split())
    return out


def score_systems(cases: list[StoryCase]) -> dict[str, dict[str, float]]:
    """Mean ROUGE-1/2/L F1 x100 per system, and the pairs of sentences within the
    budget that restate each other, per 20 summaries."""
    try:
        from rouge_score import rouge_scorer
    except ImportError as exc:
        raise MissingExtraError("eval summaries", "eval") from exc
    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    totals = {name: dict.fromkeys(ROUGE_TYPES, 0.0) for name in SYSTEMS}
    restating = dict.fromkeys(SYSTEMS, 0)
    for case in cases:
        for name, system in SYSTEMS.items():
            sentences = system(case.members, case.budget)
            scores = scorer.score(case.reference, trim(sentences, case.budget))
            for kind in ROUGE_TYPES:
                totals[name][kind] += scores[kind].fmeasure
            restating[name] += restating_pairs(_within(sentences, case.budget), case.members)
    n = max(len(cases), 1)
    return {name: {**{k: round(100 * v / n, 2) for k, v in row.items()},
                   "restating_pairs_per_20": round(20 * restating[name] / n, 2)}
            for name, row in totals.items()}


def report(cases: list[StoryCase]) -> dict:
    scores = score_systems(cases)
    ours = scores.pop("storyloom")
    return {"n": len(cases), **ours, "cited": citation_rate(cases), "baselines": scores}


def format_table(result: dict) -> str:
    rows = [("storyloom", result)] + list(result["baselines"].items())
    lines = [f"{'system':<10} {'ROUGE-1':>8} {'ROUGE-2':>8} {'ROUGE-L':>8} {'restating':>10}"
             f"   (n={result['n']}; restating: sentence pairs that restate each other, per 20 summaries)"]
    lines += [f"{name:<10} {row['rouge1']:>8.2f} {row['rouge2']:>8.2f} {row['rougeL']:>8.2f}"
              f" {row.get('restating_pairs_per_20', 0):>10.2f}" for name, row in rows]
    lines.append(f"summary sentences with a checked citation: {100 * result['cited']:.1f}%")
    return "\n".join(lines)


@click.command("summaries")
@click.argument("source_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("target_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--limit", type=int, default=None, help="Only the first N stories.")
@click.option("--fit-weights", "weights_out", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Instead of scoring, fit the sentence scorer on these "
              "(training) stories and write its weights to this JSON file.")
@click.option("--cv", "folds", type=int, default=None,
              help="Instead of scoring, cross-validate the sentence scorer over this many "
              "folds of these (training) stories.")
def command(source_file: Path, target_file: Path, fmt: str, limit: int | None,
            weights_out: Path | None, folds: int | None) -> None:
    """ROUGE of storyloom's summaries vs LexRank and lead baselines (NeuS format)."""
    cases = load_cases(source_file, target_file, limit)
    if folds is not None:
        if folds < 2:
            raise click.BadParameter("at least 2 folds", param_hint="--cv")
        result = {"n": len(cases), "folds": folds, **cross_validate(cases, folds)}
        click.echo(json.dumps(result, indent=2) if fmt == "json" else
                   " ".join(f"{k}={v}" for k, v in result.items()))
        return
    if weights_out is not None:
        weights_out.write_text(json.dumps(fit_weights(cases), indent=1) + "\n", encoding="utf-8")
        click.echo(f"fitted on {len(cases)} stories: {weights_out}")
        return
    result = report(cases)
    click.echo(json.dumps(result, indent=2) if fmt == "json" else format_table(result))
