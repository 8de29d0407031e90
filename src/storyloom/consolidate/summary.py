"""Extractive story summary built from the story's facts.

Each summary sentence is an exact source sentence (one wording of one fact) and
cites every article that reports the fact. Selection is greedy, MMR-like. A
sentence's fixed importance is learned (`sentence_scores`: position, corroboration,
closeness to the story centroid, the headlines and the other outlets' leads, word
overlap with the other articles, form; boosted trees fitted on NeuS train to predict
the share of its words a human summary uses). On top
comes a redundancy penalty: the share of its content words already said, each word
weighted by how many of the story's articles use it — a second wording of a chosen
fact brings no new words and loses to a different fact. Three rules are hard: only
sentences that stand alone out of their article are candidates (`sentence_form`: whole,
not a continuation, a credit line, a question, or an opening that leans on an earlier
sentence; a site label or dateline in front is cut), the first sentence is the one
closest to what the outlets lead with (their headlines and openings, on average over
outlets), and a sentence that restates a
chosen one, by the learned `restatement` decision, is no longer a candidate (a chosen
headline gives way to a whole sentence that restates it). The ROUGE cost of saying each
thing once, and the hand checks, are in docs/decisions/readable-briefs.md.

What was tried and left out, with its cross-validated ROUGE, is in
docs/decisions/summary-selection.md.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from storyloom.consolidate.facts import outlet_keys
from storyloom.consolidate.logistic import StandardisedLogistic
from storyloom.consolidate.restatement import SentenceView, pair_features
from storyloom.consolidate.restatement import load_model as load_restatement
from storyloom.consolidate.sentence_form import label_length, stands_alone
from storyloom.consolidate.sentence_scores import SentenceScorer, Wording, default_scorer, shared_vocabulary, wordings
from storyloom.model import AnalyzedArticle, Evidence, Fact, SummarySentence

log = logging.getLogger(__name__)

DEFAULT_SENTENCES = 5
REDUNDANCY_WEIGHT = 0.45  # 5-fold CV on NeuS train (R1): 46.67 at 0, 46.95 at 0.3, 47.06 here


@dataclass
class Candidate:
    wording: Wording
    importance: float  # what does not change as sentences are chosen
    needs: str = ""  # a full name a chosen sentence must give first ("Rand Paul" for "Paul added")
    view: SentenceView | None = None  # what the restatement decision reads

    @property
    def words(self) -> int:
        return len(self.wording.sentence.text.split())


def _said_share(candidate: Candidate, vocabulary: dict[str, float], covered: set[str]) -> float:
    """Vocabulary-weighted share of the sentence's content words already said."""
    words = candidate.wording.content
    total = sum(vocabulary.get(w, 0.0) for w in words)
    if total <= 0:
        return 0.0
    return sum(vocabulary.get(w, 0.0) for w in words if w in covered) / total


def _restates(candidate: Candidate, chosen: Candidate, decision: StandardisedLogistic) -> bool:
    """Says what a chosen sentence says, by the learned restatement decision
    (`restatement`: meaning, shared words and names, where the two stand)."""
    return decision.decide(pair_features(_view(candidate), _view(chosen)))


def _view(candidate: Candidate) -> SentenceView:
    """The candidate's view (set with its article's length by `_standing`; a bare
    candidate is read as standing at its article's start)."""
    if candidate.view is None:
        w = candidate.wording
        candidate.view = SentenceView(w.sentence.text, w.content, w.vector, w.sentence.article_id,
                                      0.0, w.headline)
    return candidate.view


def select(pool: list[Candidate], vocabulary: dict[str, float], max_sentences: int,
           max_words: int | None, redundancy: float = REDUNDANCY_WEIGHT,
           decision: StandardisedLogistic | None = None) -> list[Candidate]:
    """Greedy: best importance minus redundancy, until the sentence count or word budget.
    A sentence that restates a chosen one is not a candidate any more, except that a
    chosen headline gives way, in its place, to the first whole sentence chosen after it
    that restates it."""
    decision = decision or load_restatement()
    covered: set[str] = set()
    chosen: list[Candidate] = []
    words = 0
    # a candidate's said share only changes when a chosen sentence covers one of its
    # words: it is recomputed then (the same sum, so the same float), else remembered
    said = {id(c): 0.0 for c in pool}
    while pool and (max_words is not None or len(chosen) < max_sentences):
        if max_words is not None and words >= max_words:
            break
        ready = [c for c in pool if not c.needs
                 or any(c.needs in x.wording.sentence.text for x in chosen)]
        if not ready:
            break
        best = max(ready, key=lambda c: c.importance - redundancy * said[id(c)])
        newly = best.wording.content - covered
        covered |= newly
        # identical sentences (a repeated line, a syndicated copy) are said once, and
        # one headline is enough: a row of headlines reads like an index, not a summary
        pool = [c for c in pool if c.wording.sentence.text != best.wording.sentence.text
                and not (c.wording.headline and best.wording.headline)
                and (_replaces(c, best) or not _restates(c, best, decision))]
        for c in pool:
            if not newly.isdisjoint(c.wording.content):
                said[id(c)] = _said_share(c, vocabulary, covered)
        place = next((n for n, c in enumerate(chosen)
                      if _replaces(best, c) and _restates(best, c, decision)), None)
        if place is None:
            chosen.append(best)
        else:
            words -= chosen[place].words
            chosen[place] = best
        words += best.words
    return chosen


def _lead_first(pool: list[Candidate], members: list[AnalyzedArticle]) -> None:
    """What most outlets lead with comes first: of a story of two or more outlets, the
    whole sentence (not a headline, not waiting for a name) closest on average to each
    outlet's headline and opening is chosen first; the rest follow by importance. (The
    learned importance predicts the words a reference summary uses; a third of its
    openings were background, a reaction or a side detail when read by hand.)"""
    by_outlet: dict[str, np.ndarray] = {}
    outlets = outlet_keys(members)  # a syndicated copy leads as its original does
    for m in members:
        by_outlet.setdefault(outlets[m.id], m.head_embedding)
    heads = np.array(list(by_outlet.values()))
    if len(by_outlet) < 2:
        return
    eligible = [c for c in pool if not c.needs and not c.wording.headline and c.wording.vector is not None
                and heads.shape[1] == len(c.wording.vector)]  # one embedder for both
    if not eligible:
        return
    best = max(eligible, key=lambda c: float((heads @ c.wording.vector).mean()))
    best.importance = float("inf")


def _replaces(candidate: Candidate, chosen: Candidate) -> bool:
    """A whole sentence may take a chosen headline's place (when it restates it): the
    summary prefers sentences to headlines, and one of them is enough."""
    return chosen.wording.headline and not candidate.wording.headline


def candidates(facts: list[Fact], members: list[AnalyzedArticle],
               scorer: SentenceScorer | None = None, budget: int | None = None,
               vocabulary: dict[str, float] | None = None) -> list[Candidate]:
    rows = wordings(facts, members, budget, vocabulary)
    if not rows:
        return []
    scores = (scorer or default_scorer()).score(np.array([w.features for w in rows]))
    return [Candidate(w, float(s)) for w, s in zip(rows, scores)]


def _overlaps(sentence: Evidence, spans: Sequence[Evidence]) -> bool:
    return any(s.article_id == sentence.article_id and s.start < sentence.end
               and sentence.start < s.end for s in spans)


_FIGURE = re.compile(r"\d[\d,.]*\d|\d")


def _carries(candidate: Candidate, spans: Sequence[Evidence]) -> bool:
    """The candidate states an avoided span: it overlaps one, or it is a headline that
    repeats a figure of an avoided sentence of its own article ("9,000 evacuated as ...")."""
    sentence = candidate.wording.sentence
    if _overlaps(sentence, spans):
        return True
    if not candidate.wording.headline:
        return False
    figures = set(_FIGURE.findall(sentence.text))
    return bool(figures) and any(s.article_id == sentence.article_id
                                 and figures & set(_FIGURE.findall(s.text)) for s in spans)


def summarise(facts: list[Fact], members: list[AnalyzedArticle],
              max_sentences: int = DEFAULT_SENTENCES,
              max_words: int | None = None,
              scorer: SentenceScorer | None = None,
              avoid: Sequence[Evidence] = ()) -> list[SummarySentence]:
    """Pick facts until `max_sentences`, or until `max_words` is reached (the last
    sentence may cross the budget; callers that need an exact budget trim the text).
    `scorer` replaces the packaged one (cross-validation fits its own). Sentences that
    overlap an `avoid` span (e.g. the outvoted side of a conflict) are not used while
    other candidates remain: the summary should not state a disputed value as fact."""
    vocabulary = shared_vocabulary(members)  # whole texts: computed once, used twice
    pool = _standing(candidates(facts, members, scorer, max_words, vocabulary), members)
    pool = [c for c in pool if not _carries(c, avoid)] or pool
    _lead_first(pool, members)
    chosen = select(pool, vocabulary, max_sentences, max_words)
    log.debug("summary: %d of %d facts", len(chosen), len(facts))
    out = []
    for c in chosen:
        fact, sentence = c.wording.fact, _without_label(c.wording.sentence)
        out.append(SummarySentence(sentence.text, list(fact.sources),
                                   [sentence] + [e for e in fact.evidence
                                                 if e is not c.wording.sentence]))
    return out


_BARE_SURNAME = re.compile(r"^[\"\u201c]?(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?([A-Z][a-z\u00e0-\u00ff]+)\s+[a-z]")


_FULL_NAME = re.compile(r"\b(?:[A-Z][\w.'\u2019-]*\s+){1,3}([A-Z][a-z\u00e0-\u00ff]+)\b")


def full_names(text: str) -> dict[str, list[tuple[int, str]]]:
    """Surname -> every (end offset, "First Last") the text names in full: one pass over
    the article, so that looking a sentence's surname up costs nothing more."""
    names: dict[str, list[tuple[int, str]]] = {}
    for match in _FULL_NAME.finditer(text):
        words = match.group(0).split()
        names.setdefault(match.group(1), []).append((match.end(), " ".join(words[-2:])))
    return names


def _introduced_as(sentence: Evidence, names: dict[str, list[tuple[int, str]]]) -> str:
    """"Rand Paul" when the sentence opens with a bare "Paul" (or "Mr. Paul") that its
    article introduced by full name before it ("Sen. Rand Paul" -> "Rand Paul"); else ""."""
    match = _BARE_SURNAME.match(sentence.text)
    if not match:
        return ""
    before = [name for end, name in names.get(match.group(1), ()) if end <= sentence.start]
    return before[-1] if before else ""


def _standing(pool: list[Candidate], members: list[AnalyzedArticle]) -> list[Candidate]:
    """The candidates that read whole out of their article (`sentence_form`); when none
    does (a story of fragments), the ones that are at least whole sentences. A sentence
    naming someone by surname alone needs a sentence that gives the full name first."""
    texts = {m.id: m.article.text for m in members}
    names: dict[str, dict[str, list[tuple[int, str]]]] = {}
    for c in pool:
        sentence = c.wording.sentence
        text = texts.get(sentence.article_id, "")
        if sentence.article_id not in names:
            names[sentence.article_id] = full_names(text)
        c.needs = _introduced_as(sentence, names[sentence.article_id])
        c.view = SentenceView(sentence.text, c.wording.content, c.wording.vector, sentence.article_id,
                              sentence.start / max(len(text), 1), c.wording.headline)
    language = {m.id: m.article.language for m in members}
    standing = [c for c in pool if stands_alone(_without_label(c.wording.sentence).text,
                                                c.wording.headline,
                                                language.get(c.wording.sentence.article_id, "en"),
                                                _before(c.wording.sentence, texts))]
    if standing:
        return standing
    log.debug("summary: no candidate stands alone; using whole sentences")
    return [c for c in pool if stands_alone(c.wording.sentence.text, True, "")] or pool


def _before(sentence: Evidence, texts: dict[str, str]) -> str:
    """The end of the article text before the sentence (its first sentence has none)."""
    return texts.get(sentence.article_id, "")[max(0, sentence.start - 60):sentence.start]


def _without_label(sentence: Evidence) -> Evidence:
    """The sentence after a site label ("Why it matters: "), still an exact source span."""
    cut = label_length(sentence.text)
    if not cut:
        return sentence
    return Evidence(sentence.article_id, sentence.start + cut, sentence.end, sentence.text[cut:])
