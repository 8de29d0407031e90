"""Conflicts: one fact reported with incompatible values by independent outlets.

Candidates are pairs of typed values (numbers, durations, dates; see slots.py) of the
same kind whose clauses, with the value masked, say the same thing (cross-lingual
embedding similarity). Precision comes first, so a pair is only a contradiction when
  - the values differ beyond rounding ("about 100,000" = "100,000", "21 days" = "three
    weeks"), and measure the same thing (same unit, same kind of thing counted),
  - the clauses are near paraphrases, and
  - neither article also reports the other's value for that kind (then the two values
    are two facts, not one fact told two ways).
Related figures (a planned total vs a current estimate, soldiers vs men) are reported
with contradiction=False. Roles ("X, spokeswoman for Y" vs "... for Z") and speakers of
one quote are compared separately. Syndicated copies never conflict with their original.
"""
from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from storyloom.analyze.embed import embed_texts, embedder_of
from storyloom.analyze.quantities import MEASURES, RELATED_CLASSES, related_heads, same_value
from storyloom.consolidate.conflict_model import FEATURES, load_model, pair_features
from storyloom.consolidate.conflict_notes import (
    about_of,
    claim_value,
    date_header_flags,
    link_same_camps,
    mark_relation,
    note_for,
)
from storyloom.consolidate.entities import article_roles, same_org, same_person
from storyloom.consolidate.logistic import StandardisedLogistic
from storyloom.consolidate.names import name_conflicts
from storyloom.consolidate.quotes import same_words
from storyloom.consolidate.readings import StoryReadings
from storyloom.consolidate.same_fact import (
    StoryValues,
    clause_similarity,
    different_things,
    same,
    same_language_fact,
)
from storyloom.consolidate.slots import Slot, story_slots
from storyloom.model import AnalyzedArticle, Claim, Conflict, Evidence

log = logging.getLogger(__name__)

# masked-clause cosine above which two values are taken to report the same fact
# (chosen on even ECB+ topics, checked on odd ones: `storyloom eval conflicts --part`)
AGREE_CLAUSE = {"number": 0.85, "duration": 0.8, "date": 0.85}
# and the sentences around them must be related too: a short clause ("# yards") alone
# matches too easily
SAME_SENTENCE = 0.5
CROSS_LANGUAGE_MARGIN = 0.05  # translations score a little lower; be stricter instead
RELATED_FIGURES = 0.5  # sentence cosine for "differing figures" (not a contradiction)
# "N weeks after/since <event>": time since an event, told in very different words by
# translations, so the relation phrase needs less similarity (durations of days or more)
ELAPSED_AGREE_CLAUSE = 0.40
_GENERIC = {"after", "since", "before", "later", "earlier", "past", "last", "with", "that", "this",
            "than", "from", "were", "have", "been", "about", "just", "only", "more", "over",
            "years", "months", "weeks", "days", "hours", "time", "when", "which", "their"}
ALSO_REPORTED = 0.5  # clause cosine: the same value told about a related thing
AGREE_SENTENCE = 0.6  # sentence cosine for equal values of one language to agree loosely
SPEAKER_MIN_WORDS = 6  # who-said conflicts only for full quotes attributed in so many words


def independent(first: AnalyzedArticle, second: AnalyzedArticle) -> bool:
    """Different outlets, neither a syndicated copy of the other."""
    a, b = first.article, second.article
    if a.publisher == b.publisher:
        return False
    if a.syndicated_of in (b.id, b.syndicated_of) and a.syndicated_of is not None:
        return False
    return b.syndicated_of != a.id


def _other_people(first: Slot, second: Slot) -> bool:
    """Both clauses name people, and not the same ones: "Parker ran for 102 yards" and
    "James ran for 63 yards" are two facts."""
    if not first.people or not second.people:
        return False
    return not any(same_person(a, b) for a in first.people for b in second.people)


def other_owners(first: Slot, second: Slot) -> bool:
    """Each value is in brackets after a name, and the names are not one: "Klitschko
    (52-3, 46 KOs)" and "Rahman (45-7-2, 36 KOs)" are two records, not one told twice."""
    a, b = first.owner, second.owner
    if not a or not b:
        return False
    return not (same_person(a, b) or _same_org_name(a, b))


def _same_org_name(a: str, b: str) -> bool:
    """One organisation's name written alike, or one name inside the other."""
    return same_org(a, b) or a.lower() in b.lower() or b.lower() in a.lower()


def _reports_value(member: AnalyzedArticle, slot: Slot, values: StoryValues) -> bool:
    """The article also gives this value, in a related clause: then its other value is
    another fact ("20 killed ... 35 injured"), not a different account of this one."""
    return values.memo(("reports_value", member.id, id(slot)), lambda: any(
        same(other, slot) and clause_similarity(other, slot) >= ALSO_REPORTED
        for other in values.of_kind(member.id, slot.kind)))


def _same_fact(first: Slot, second: Slot, similarity: float) -> bool:
    """Do two values of one kind report the same fact? Near-paraphrase clauses in related
    sentences. (A looser path, sentences sharing half their words, doubled the false
    conflicts on ECB+ for +0.1 recall: precision first.)"""
    if _elapsed(first, second):
        return similarity >= _threshold(first, second)
    return similarity >= _threshold(first, second) \
        and _sentence_similarity(first, second) >= SAME_SENTENCE


def _elapsed(first: Slot, second: Slot) -> bool:
    """Two "N <units> after/since <event>" durations that name the event alike (a shared
    word; translations are left to the stricter general threshold)."""
    if not (first.kind == "duration" and first.relation and first.relation == second.relation
            and min(first.duration.days, second.duration.days) >= 1):
        return False
    if first.member.article.language != second.member.article.language:
        return False
    return bool(_event_words(first.clause) & _event_words(second.clause))


def _event_words(clause: str) -> set[str]:
    # lower-case words only: a shared name ("after Felt left", "Felt was pardoned") says
    # nothing about the two events being one
    return {w[:5] for w in re.findall(r"(?<![\w])[a-zà-ÿ]{4,}", clause) if w not in _GENERIC}


def _threshold(first: Slot, second: Slot) -> float:
    same_language = first.member.article.language == second.member.article.language
    base = ELAPSED_AGREE_CLAUSE if _elapsed(first, second) else AGREE_CLAUSE[first.kind]
    return base + (0.0 if same_language else CROSS_LANGUAGE_MARGIN)


def _sentence_similarity(first: Slot, second: Slot) -> float:
    if first.sentence_vector is None or second.sentence_vector is None:
        return clause_similarity(first, second)
    return float(first.sentence_vector @ second.sentence_vector)


def _component_labels(size: int, edges: list[tuple[int, int]]) -> np.ndarray:
    """The connected component of each of `size` values joined by `edges` (labels are
    numbered in order of each component's first value)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    rows = np.array([i for i, _ in edges], dtype=np.int64)
    columns = np.array([j for _, j in edges], dtype=np.int64)
    graph = coo_matrix((np.ones(len(edges)), (rows, columns)), shape=(size, size))
    return connected_components(graph, directed=False)[1]


@dataclass
class ValuePairs:
    """A story's typed values and the pairs of them worth comparing (same bucket,
    independent articles), with the lookups the decisions read."""

    slots: list[Slot]
    values: StoryValues
    pairs: list[tuple[int, int]]


def value_pairs(members: list[AnalyzedArticle], readings: StoryReadings | None = None) -> ValuePairs:
    readings = readings or StoryReadings(members)
    slots = story_slots(members, embedder_of(members))
    values = StoryValues(slots, readings.clusters(), embedder_of(members))
    return ValuePairs(slots, values, _candidate_pairs(slots, members, values))


def contradiction_features(a: Slot, b: Slot, values: StoryValues) -> list[float] | None:
    """The learned decision's features for two different values of one language, or
    None where logic already says no: they cannot measure the same thing, or one
    article gives both values (then they are two facts, not one fact told two ways)."""
    if a.member.article.language != b.member.article.language or not values.comparable(a, b):
        return None
    if values.reports(a.article_id, b) or values.reports(b.article_id, a) or other_owners(a, b):
        return None
    related = a.kind == "number" and (_reports_value(b.member, a, values)
                                      or _reports_value(a.member, b, values))
    return pair_features(a, b, values, _other_people(a, b), related, _sentence_similarity(a, b))


def _value_conflicts(members: list[AnalyzedArticle], model: StandardisedLogistic,
                     readings: StoryReadings) -> list[Conflict]:
    if not _independence(members).any():
        # one outlet (or its copies): no pair of values can be compared, so neither the
        # clauses nor the alignment are worth their model calls (a quarter of real stories)
        return []
    found = value_pairs(members, readings)
    slots, values = found.slots, found.values
    joined: list[tuple[int, int]] = []
    contradicting: set[int] = set()
    related: list[tuple[int, int]] = []
    for i, j in found.pairs:
        a, b = slots[i], slots[j]
        similarity = clause_similarity(a, b)
        if values.same(a, b):
            if similarity >= _threshold(a, b) or _agree_across_languages(a, b, values):
                joined.append((i, j))  # agreement: gathers the sources of each side
            continue
        if _contradiction(a, b, similarity, values, model):
            joined.append((i, j))
            contradicting.add(i)
        elif a.kind == "number" and _related_figures(a, b) \
                and max(similarity, _sentence_similarity(a, b)) >= RELATED_FIGURES:
            related.append((i, j))
    assembled = _assemble(slots, _component_labels(len(slots), joined), contradicting, values)
    involved = {i for _, indexes in assembled for i in indexes}
    return [c for c, _ in assembled] + _differing(slots, related, involved, values)


def _head_families() -> dict[str, str]:
    """Heads of a related class (quantities.RELATED_CLASSES) -> one name, so that related
    heads share a bucket (classes sharing a head are merged)."""
    family: dict[str, str] = {}
    for related_class in RELATED_CLASSES:
        merged = {family.get(head, head) for head in related_class}
        name = min(merged)
        family = {head: name if old in merged else old for head, old in family.items()}
        family.update(dict.fromkeys(related_class, name))
    return family


_HEAD_FAMILY = _head_families()


def _bucket(slot: Slot, by_meaning: bool) -> tuple | None:
    """Slots of different buckets can neither agree, contradict nor be related figures:
    values of another kind, numbers in another unit, a date vs a weekday, and (unless
    things counted are compared by meaning across languages) counts of unrelated heads.
    Only pairs within a bucket are looked at (on the 1k corpus 81k of 1.06M pairs).
    None for a bare count ("3 of them"): it can only agree with another bare count
    (same_fact.comparable wants a thing counted), so no conflict is ever made of it."""
    if slot.kind == "number":
        head = slot.quantity.head
        if not head:
            return None
        if by_meaning:
            return "number", slot.quantity.unit
        return "number", slot.quantity.unit, _HEAD_FAMILY.get(head, head)
    if slot.kind == "date":
        return "date", slot.time.kind
    return (slot.kind,)


def _independence(members: list[AnalyzedArticle]) -> np.ndarray:
    """independent(members[x], members[y]) at [x, y]: other publishers, and for the few
    syndicated copies the whole rule."""
    code: dict[str, int] = {}
    codes = np.array([code.setdefault(m.article.publisher, len(code)) for m in members])
    table = codes[:, None] != codes[None, :]
    copies = [x for x, m in enumerate(members) if m.article.syndicated_of is not None]
    for x in copies:
        for y in range(len(members)):
            table[x, y] = independent(members[x], members[y])
            table[y, x] = independent(members[y], members[x])
    return table


def _candidate_pairs(slots: list[Slot], members: list[AnalyzedArticle], values: StoryValues
                     ) -> list[tuple[int, int]]:
    """Index pairs (i < j) of slots of one bucket from independent articles."""
    position: dict[int, int] = {}  # id(member) -> its index in `members`
    for number, member in enumerate(members):
        position.setdefault(id(member), number)
    table = _independence(members)
    article = np.array([position[id(s.member)] for s in slots], dtype=np.int64)
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for i, slot in enumerate(slots):
        bucket = _bucket(slot, values.compares_things)
        if bucket is not None:
            buckets[bucket].append(i)
    pairs: list[tuple[int, int]] = []
    for indexes in buckets.values():
        if len(indexes) < 2:
            continue
        index = np.array(indexes)
        looked_at = table[np.ix_(article[index], article[index])]
        rows, columns = np.nonzero(np.triu(looked_at, 1))
        pairs.extend(zip(index[rows].tolist(), index[columns].tolist()))
    return pairs


def _agree_across_languages(a: Slot, b: Slot, values: StoryValues) -> bool:
    """Equal values whose clauses compare poorly still agree when both back one aligned
    statement, or when each article gives this measure only this one value: across
    languages always, within one language only in each other's best-matching sentences
    (looser joins chained unrelated values into one conflict on ECB+)."""
    if a.member.article.language == b.member.article.language \
            and not (_sentence_similarity(a, b) >= AGREE_SENTENCE and values.mutual(a, b)):
        return False
    return values.one_fact(a, b) or values.only_value(a) and values.only_value(b)


def _contradiction(a: Slot, b: Slot, similarity: float, values: StoryValues,
                   model: StandardisedLogistic) -> bool:
    """Two different values of one measure that report the same fact. Within one
    language the learned decision says (conflict_model.py), or failing that the vetoed
    hand rule; across languages, where no labelled disagreement exists yet, the rules
    below."""
    if a.member.article.language == b.member.article.language:
        features = contradiction_features(a, b, values)
        if features is None:
            return False
        if model.decide(features):
            return True
        return _hand_rule(a, b, similarity, values, features)
    if not values.comparable(a, b) or _other_people(a, b) or different_things(a, b) \
            or other_owners(a, b):
        return False
    if values.reports(a.article_id, b) or values.reports(b.article_id, a):
        return False  # one article gives both values: two facts
    if a.kind == "number" and (_reports_value(b.member, a, values)
                               or _reports_value(a.member, b, values)):
        return False  # ... or nearly both ("20 killed" and "about 20 injured")
    if values.one_fact(a, b):
        # translations share few words, so their clauses compare poorly; the aligned
        # statement says they report one fact (within one language, alignment clusters
        # gather related statements too loosely to tell a different value of one fact
        # from another fact: tried on ECB+, it multiplied the false conflicts)
        return True
    return _same_fact(a, b, similarity)


# the features that bar the hand rule (read from the row already computed for the model)
_HAND_RULE_VETOES = tuple(FEATURES.index(name) for name in (
    "statement_time", "other_people", "different_things", "reports_related", "weekday"))


def _hand_rule(a: Slot, b: Slot, similarity: float, values: StoryValues, features: list[float]
               ) -> bool:
    """The hand-set decision of same_fact.py (near-paraphrase clauses, shared neighbour
    words, best-matching sentences), kept beside the learned one for what real labels
    hold too few cases of to learn (one statement retold with another value), but never
    where the labels showed it raising false alarms: weekdays (on BASIL 8 of its 9
    weekday contradictions were false: the days different people acted or spoke), a date
    that is when someone spoke, values of different people or of a named part, an
    article giving nearly both."""
    if any(features[k] for k in _HAND_RULE_VETOES):
        return False
    if _elapsed(a, b) and values.aligned(a, b):
        return _same_fact(a, b, similarity)
    return same_language_fact(a, b, similarity, _sentence_similarity(a, b), values)


def _related_figures(a: Slot, b: Slot) -> bool:
    """Different but related counts of one story (planned total vs current estimate)."""
    qa, qb = a.quantity, b.quantity
    if qa.head in MEASURES:
        return False  # "400 metres from the shore" / "a 210-metre ship": lengths of two things
    return (qa.unit == qb.unit and bool(qa.head) and bool(qb.head)
            and related_heads(qa.head, qb.head) and not same_value(qa, qb)
            and min(qa.value, qb.value) >= 100)


def _claims(group: list[Slot], values: StoryValues) -> list[Claim]:
    """Slots grouped by equal value: one claim per value, sources in story order, worded
    as an English source words it where there is one (the brief is read in English)."""
    buckets: list[list[Slot]] = []
    for slot in group:
        bucket = next((b for b in buckets if values.same(b[0], slot)
                       or slot.kind == "number" and same_value(b[0].quantity, slot.quantity)), None)
        if bucket is None:
            buckets.append([slot])
        else:
            bucket.append(slot)
    claims = []
    for bucket in buckets:
        sources = list(dict.fromkeys(s.article_id for s in bucket))
        lead = next((s for s in bucket if s.member.article.language.startswith("en")), bucket[0])
        claims.append(Claim(claim_value(lead), lead.sentence.text, sources,
                            [s.evidence for s in bucket]))
    claims.sort(key=lambda c: -len(c.sources))
    return claims


def _self_contradicting(claims: list[Claim]) -> bool:
    """An article on two sides: the values were chained together through looser matches
    and are more likely several facts than one fact told differently."""
    seen: set[str] = set()
    for claim in claims:
        if seen & set(claim.sources):
            return True
        seen |= set(claim.sources)
    return False


def _assemble(slots: list[Slot], labels: np.ndarray, contradicting: set[int], values: StoryValues
              ) -> list[tuple[Conflict, list[int]]]:
    """One conflict per connected set of agreeing/contradicting values (`labels`: each
    slot's set), with its slots."""
    components: dict[int, list[int]] = defaultdict(list)
    for i in range(len(slots)):
        components[int(labels[i])].append(i)
    conflicts = []
    for indexes in components.values():
        if not any(i in contradicting for i in indexes):
            continue
        group = [slots[i] for i in indexes]
        claims = _claims(group, values)
        if len(claims) < 2 or _self_contradicting(claims):
            continue
        conflict = Conflict(group[0].kind, about_of(group), claims)
        conflict.note = note_for(conflict, group)
        conflicts.append((conflict, indexes))
    return conflicts


def _differing(slots: list[Slot], related: list[tuple[int, int]], involved: set[int],
               values: StoryValues) -> list[Conflict]:
    """Related figures, one entry per connected set of them."""
    labels = _component_labels(len(slots), [(i, j) for i, j in related
                                            if i not in involved and j not in involved])
    components: dict[int, list[int]] = defaultdict(list)
    for i in sorted({k for pair in related for k in pair} - involved):
        components[int(labels[i])].append(i)
    out = []
    for indexes in components.values():
        group = [slots[i] for i in indexes]
        claims = _claims(group, values)
        if len(claims) < 2:
            continue
        conflict = Conflict("number", about_of(group), claims, contradiction=False)
        conflict.note = note_for(conflict, group)
        out.append(conflict)
    return out


# organisation names in two languages that name one body ("Hafenbehörde von X" / "X Port
# Authority" score about 0.85 with USE-multilingual; different bodies about 0.2-0.4)
SAME_ORG_ACROSS_LANGUAGES = 0.6


def _stated_roles(members: list[AnalyzedArticle]) -> list[tuple[AnalyzedArticle, object, int]]:
    # only "X, <role> for/of <org>": a title ("Fire Chief X") names no affiliation to compare
    return [(m, role, index) for m in members for role, index in article_roles(m) if role.explicit]


def _org_matcher(stated, embedder):
    """Whether two stated roles name one organisation: by name, or across languages by
    meaning (the org names embedded together)."""
    names = list(dict.fromkeys(r.org for _, r, _ in stated))
    vectors = dict(zip(names, embed_texts(names, embedder))) if names else {}

    def same(first, second) -> bool:
        (ma, ra), (mb, rb) = first, second
        a, b = ra.org, rb.org
        if _same_org_name(a, b):
            return True
        return ma.article.language != mb.article.language \
            and float(vectors[a] @ vectors[b]) >= SAME_ORG_ACROSS_LANGUAGES
    return same


def _role_conflicts(members: list[AnalyzedArticle]) -> list[Conflict]:
    """'X, spokeswoman for Y' in one outlet, 'X, spokeswoman for Z' (or 'Sprecherin der
    Z') in another: one claim per organisation, with every outlet that names it."""
    stated = _stated_roles(members)
    if len(stated) < 2:
        return []
    same = _org_matcher(stated, embedder_of(members))
    conflicts: list[Conflict] = []
    for people in _by_person(stated):
        orgs: list[list] = []
        for item in people:
            bucket = next((b for b in orgs if same((b[0][0], b[0][1]), (item[0], item[1]))), None)
            if bucket is None:
                orgs.append([item])
            else:
                bucket.append(item)
        if len(orgs) < 2 or not any(independent(a[0], b[0]) for x, y in combinations(orgs, 2)
                                    for a in x for b in y):
            continue
        person = max((r.person for _, r, _ in people), key=len)
        claims = [_role_claim(bucket) for bucket in orgs]
        claims.sort(key=lambda c: -len(c.sources))
        conflicts.append(Conflict("role", f"{person}'s role", claims,
                                  note=f"The outlets name different organisations for {person}."))
    return conflicts


def _by_person(stated) -> list[list]:
    """Stated roles grouped by person and kind of job (a spokeswoman vs a minister is
    two roles, not a disagreement)."""
    groups: list[list] = []
    for item in stated:
        _, role, _ = item
        group = next((g for g in groups if g[0][1].family == role.family
                      and same_person(g[0][1].person, role.person)), None)
        if group is None:
            groups.append([item])
        else:
            group.append(item)
    return groups


def _role_claim(bucket) -> Claim:
    """One organisation's claim: worded as an English source words it where there is one."""
    lead = next((item for item in bucket if item[0].article.language.startswith("en")), bucket[0])
    sources = list(dict.fromkeys(m.id for m, _, _ in bucket))
    evidence = [Evidence(m.id, m.sentences[i].start, m.sentences[i].end, m.sentences[i].text)
                for m, _, i in bucket]
    return Claim(lead[1].role, lead[0].sentences[lead[2]].text, sources, evidence)


def _speaker_conflicts(readings: StoryReadings, languages: dict[str, str]) -> list[Conflict]:
    """One quote attributed to different named people by different outlets: the same
    words in one language (a quote group also joins different people's sentences on one
    topic, which are two quotes, not a dispute), or a translation of them."""
    def one_quote(first, second) -> bool:
        if languages.get(first.article_id) != languages.get(second.article_id):
            return True  # translated: the group's similarity is all there is
        return same_words(first.raw.body, second.raw.body)

    conflicts = []
    for group in readings.quote_groups():
        named = [q for q in group if q.named and q.raw.direct and q.raw.speaker
                 and len(q.raw.body.split()) >= SPEAKER_MIN_WORDS]
        speakers: list[list] = []
        for quote in named:
            bucket = next((b for b in speakers if same_person(b[0].speaker, quote.speaker)), None)
            if bucket is None:
                speakers.append([quote])
            else:
                bucket.append(quote)
        speakers = [b for b in speakers if any(one_quote(q, other) for c in speakers if c is not b
                                               for q in b for other in c)]
        if len(speakers) < 2:
            continue
        publishers = [{q.publisher for q in b} for b in speakers]
        if any(a == b for a, b in combinations(publishers, 2)):
            continue  # one outlet naming two speakers: not an outlet disagreement
        claims = [Claim(b[0].speaker, b[0].raw.body, list(dict.fromkeys(q.article_id for q in b)),
                        [q.evidence for q in b]) for b in speakers]
        # quote merging and attribution are approximate: shown side by side, not a contradiction
        conflicts.append(Conflict("speaker", f"who said “{group[0].raw.body[:80]}”", claims,
                                  note="Outlets attribute this quote to different people.",
                                  contradiction=False))
    return conflicts


def find_conflicts(members: list[AnalyzedArticle], model: StandardisedLogistic | None = None,
                   readings: StoryReadings | None = None) -> list[Conflict]:
    """Contradictions first (most sources first), then differing figures and flags.
    `model`: the contradiction decision (default: the shipped one); `readings`: the
    story's alignment and quote groups, shared with the brief's other sections."""
    if len(members) < 1:
        return []
    model = model or load_model()
    readings = readings or StoryReadings(members)
    conflicts = (_value_conflicts(members, model, readings) + _role_conflicts(members)
                 + name_conflicts(members, independent)
                 + _speaker_conflicts(readings, {m.id: m.article.language for m in members})
                 + date_header_flags(members))
    conflicts.sort(key=lambda c: (not c.contradiction, -sum(len(cl.sources) for cl in c.claims)))
    link_same_camps(conflicts)
    published = {m.id: m.article.published for m in members}
    for conflict in conflicts:
        mark_relation(conflict, published)
    return conflicts
