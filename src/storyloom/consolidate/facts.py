"""Agreed facts: one statement as reported by one or more articles of a story.

A fact is a cluster of aligned statements (see `align`). Its wording is the variant
closest to the cluster centroid (the most typical phrasing, the one the others
paraphrase), preferring English when the story mixes languages — readers of the
brief read English, and the English variant is usually the original or the least
damaged translation — and preferring whole sentences over clauses, since they
read on their own. Its corroboration counts independent outlets, not articles.
"""
from __future__ import annotations

from collections import defaultdict

import numpy as np

from storyloom.consolidate.align import SAME_STATEMENT, StatementCluster, Unit, align_statements
from storyloom.consolidate.credit import clashes
from storyloom.model import AnalyzedArticle, Evidence, Fact

MIN_FACT_WORDS = 4  # a lone acronym or word left by extraction is not a statement
# How much a whole sentence (vs a clause) and English count when picking the wording.
WHOLE_SENTENCE_PREFERENCE = 0.05
ENGLISH_PREFERENCE = 0.1


def outlet_keys(members: list[AnalyzedArticle]) -> dict[str, str]:
    """Article id -> its independent outlet. A syndicated copy counts as its
    original's outlet (when the original is in the story, else as its own)."""
    by_id = {m.id: m.article for m in members}
    keys = {}
    for member in members:
        original = by_id.get(member.article.syndicated_of or "", member.article)
        keys[member.id] = original.publisher
    return keys


def corroboration(sources: list[str], outlets: dict[str, str]) -> int:
    return len({outlets.get(s, s) for s in sources})


def _wording_score(unit: Unit, vector: np.ndarray, centroid: np.ndarray) -> float:
    score = float(vector @ centroid)
    if unit.start == unit.sentence.start and unit.end == unit.sentence.end:
        score += WHOLE_SENTENCE_PREFERENCE
    if unit.language.startswith("en"):
        score += ENGLISH_PREFERENCE
    if unit.text[:1].isupper() or not unit.text[:1].isalpha():
        score += WHOLE_SENTENCE_PREFERENCE
    return score


def _evidence(cluster: StatementCluster, lead: Unit) -> list[Evidence]:
    """The lead variant's sentence first, then each source's sentences once."""
    ordered = [lead] + [u for u in cluster.units if u is not lead]
    seen: set[tuple[str, int]] = set()
    out = []
    for unit in ordered:
        key = (unit.article_id, unit.sentence.start)
        if key not in seen:
            seen.add(key)
            s = unit.sentence
            out.append(Evidence(unit.article_id, s.start, s.end, s.text))
    return out


def _lead_unit(cluster: StatementCluster) -> Unit:
    # the wording comes from the clustered units: an attached unit's sentence is
    # mainly about another fact
    if cluster.core == 1:
        return cluster.units[0]  # the only candidate: no centroid to score against
    centroid = cluster.centroid
    scores = [_wording_score(u, v, centroid)
              for u, v in zip(cluster.units[:cluster.core], cluster.vectors[:cluster.core])]
    return cluster.units[int(np.argmax(scores))]


def fact_from_cluster(cluster: StatementCluster, outlets: dict[str, str],
                      article_order: dict[str, int], lead: Unit | None = None) -> Fact:
    lead = lead or _lead_unit(cluster)
    sources = sorted(cluster.article_ids, key=lambda a: article_order.get(a, 0))
    return Fact(lead.text, sources, corroboration(sources, outlets), _evidence(cluster, lead))


def credited_clusters(cluster: StatementCluster, backers: frozenset[int] = frozenset()
                      ) -> list[tuple[StatementCluster, Unit]]:
    """The cluster with only the articles that have a statement in it that does not clash
    with its lead wording (credit.py), and the other articles' statements as clusters of
    their own, checked the same way; each with its lead. The lead joins those other
    clusters as a backer (a packed sentence, "the spokesman said the minister had asked
    for the meeting because relations were 'very tense'", states both what the others say
    and what only it says): a backer is credited there when it does not clash either,
    never leads, and is dropped where it clashes. `backers`: ids of such units."""
    lead = _lead_unit(cluster)  # among the clustered statements: backers come after them
    if len(cluster.article_ids) < 2:
        return [(cluster, lead)]
    by_article: dict[str, list[int]] = defaultdict(list)
    for k, unit in enumerate(cluster.units):
        by_article[unit.article_id].append(k)
    # an outlet's version of the fact is its statement closest to the lead wording: the
    # others in a loose cluster are about something near it, and one of them saying
    # nothing of the disputed value does not make the outlet agree with it
    lead_vector = cluster.vectors[next(k for k, u in enumerate(cluster.units) if u is lead)]
    closest = {a: max(indexes, key=lambda k: float(cluster.vectors[k] @ lead_vector))
               for a, indexes in by_article.items()}
    credited = [a for a in by_article if a == lead.article_id
                or not clashes(lead.text, cluster.units[closest[a]].text)]
    if len(credited) == len(by_article):
        return [(cluster, lead)]
    keep = sorted(k for a in credited for k in by_article[a])
    rest = sorted(k for a in by_article if a not in credited for k in by_article[a]
                  if id(cluster.units[k]) not in backers)
    parts = [(_sub_cluster(cluster, keep), lead)]
    own = [k for k in rest if k < cluster.core]
    if not own:  # only attached statements: each is at home in another cluster already
        return parts
    # the rest's clustered statements first (its lead is chosen among them), its attached
    # ones next, then the lead as a backer: the statement that carried more than the
    # others may carry theirs too
    backing = [k for k in keep if cluster.units[k] is lead]
    order = own + [k for k in rest if k >= cluster.core] + backing
    tail = StatementCluster([cluster.units[k] for k in order], cluster.vectors[order], core=len(own))
    return parts + credited_clusters(tail, frozenset(id(cluster.units[k]) for k in backing))


def _sub_cluster(cluster: StatementCluster, indexes: list[int]) -> StatementCluster:
    return StatementCluster([cluster.units[k] for k in indexes], cluster.vectors[indexes],
                            core=sum(k < cluster.core for k in indexes) or len(indexes))


def _is_statement(cluster: StatementCluster) -> bool:
    return any(len(u.text.split()) >= MIN_FACT_WORDS for u in cluster.units)


def align_facts(members: list[AnalyzedArticle], threshold: float = SAME_STATEMENT,
                clusters: list[StatementCluster] | None = None) -> list[Fact]:
    """All facts of a story (single-source ones too), most corroborated first, then
    in reading order (earliest position in any article). No fact credits an outlet whose
    own statements in its cluster all contradict its wording (credit.py). `clusters`:
    the story's alignment at `threshold` when already made (align_statements)."""
    if not members:
        return []
    if clusters is None:
        clusters = align_statements(members, threshold)
    parts = [part for c in clusters
             for part in credited_clusters(c) if _is_statement(part[0])]
    outlets = outlet_keys(members)
    order = {m.id: i for i, m in enumerate(members)}
    ranked = sorted(parts, key=lambda p: (-corroboration(p[0].article_ids, outlets),
                                          -len(p[0].article_ids), p[0].position,
                                          min(order[a] for a in p[0].article_ids)))
    return [fact_from_cluster(c, outlets, order, lead) for c, lead in ranked]
