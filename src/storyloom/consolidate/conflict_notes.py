"""Words for conflicts: what a conflict is about, each claim's value, and a note that
checks the claims where the text allows (date arithmetic, outlet counts); plus the
flag for a date line at the top of an article that its own text contradicts."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from storyloom.analyze.times import TimeExpr, date_header, find_dates, month_day, parse_iso, resolve
from storyloom.consolidate.facts import outlet_keys
from storyloom.consolidate.slots import MASK, Slot
from storyloom.model import AnalyzedArticle, Claim, Conflict, Evidence, Sentence

ABOUT_WORDS = 9
_CLAUSE_END = re.compile(r"\s*(?:$|[,;:.)]|(?:and|but|while|or)\b)", re.IGNORECASE)
_PLAN_CUES = re.compile(r"\b(plan\w*|expect\w*|total|up to|could|may|would|estimat\w*|about|"
                        r"nearly|around|more than|at least|so far|currently|now)\b", re.I)


def claim_value(slot: Slot) -> str:
    if slot.kind == "number":
        thing = slot.quantity.thing
        return f"{slot.text} {thing}".strip() if thing and thing != "years old" else slot.text
    text = slot.text
    if slot.kind == "date" and slot.time.lead:
        text = text[len(slot.time.lead):].strip()
    return text.rstrip(".")


def _around_mask(clause: str) -> tuple[str, str]:
    before, _, after = clause.partition(MASK)
    return before.strip(" ,.;:"), after.strip(" ,.;:")


def about_of(group: list[Slot]) -> str:
    first = group[0]
    if first.kind == "number":
        # a group is one kind of value (slots of one bucket, conflicts.py)
        things = Counter(s.quantity.thing for s in group if s.quantity.thing)
        if things:
            return "number of " + max(things, key=lambda t: (things[t], len(t)))
        unit = first.quantity.unit
        return {"%": "percentage", "": "figure"}.get(unit, f"amount ({unit})")
    before, after = _around_mask(first.clause)
    if first.kind == "duration":
        # "expected to take [two weeks], and the port ...": what lasts comes before the
        # value when the clause ends with it; "[two weeks] after the call": after it
        ends_clause = _CLAUSE_END.match(first.clause.partition(MASK)[2])
        near, far = before.split()[-ABOUT_WORDS:], after.split()[:ABOUT_WORDS]
        if ends_clause and near:
            return _lower_first(" ".join(near))  # "the salvage is expected to take"
        words = far or near
        return "time " + " ".join(words) if words else "duration"
    # the heading already says "Dates differ": the words around the date say of what
    context = " ".join(before.split()[-4:] + ["…"] + after.split()[:4]).strip(" …")
    return context or "date"


def _lower_first(text: str) -> str:
    """A sentence-initial capital is not part of a label ("The salvage ..." -> "the ...");
    a name keeps its capital."""
    first, _, rest = text.partition(" ")
    return (first.lower() if first in _SENTENCE_OPENERS else first) + (" " + rest if rest else "")


_SENTENCE_OPENERS = frozenset({"The", "A", "An", "It", "This", "That", "These", "Those", "Its"})


def _named(sources: list[str], members: dict[str, AnalyzedArticle]) -> str:
    """Outlet names as readers know them, each once; a syndicated copy marked as such
    (it does not count as an outlet)."""
    def name(article_id: str) -> str:
        member = members.get(article_id)
        return member.article.outlet if member else article_id

    names = []
    for source in sources:
        original = members[source].article.syndicated_of if source in members else None
        names.append(f"{name(source)} (copy of {name(original)})" if original else name(source))
    return ", ".join(dict.fromkeys(names))


def _majority_note(conflict: Conflict, members: dict[str, AnalyzedArticle],
                   unchecked: str = "; nothing else in the story checks it") -> str:
    # a syndicated copy counts as its original's outlet, as corroboration does
    outlets = outlet_keys(list(members.values()))
    counts = [(len({outlets[s] for s in c.sources if s in outlets}), c) for c in conflict.claims]
    counts.sort(key=lambda pair: -pair[0])
    parts = [f"'{c.value}' ({n} outlet{'s' if n != 1 else ''}: {_named(c.sources, members)})"
             for n, c in counts]
    text = "Reported as " + " vs ".join(parts) + "."
    if len(counts) >= 2 and counts[0][0] > counts[1][0]:
        text += f" The majority reports '{counts[0][1].value}'{unchecked}."
    return text


def _span_days(slot: Slot) -> tuple[int, dt.date, dt.date] | None:
    """'N weeks after <explicit date>' and an event day in the same sentence, both resolved
    against the article's publication date: the real span in days. (Without a publication
    date there is no independent "now": placing "this Thursday" from the claimed span
    itself would confirm whichever claim is checked.)"""
    reference = parse_iso(slot.member.article.published)
    dates = find_dates(slot.sentence.text)
    explicit = [d for d in dates if d.kind == "date"]
    events = [d for d in dates if d.kind in ("weekday", "relative")]
    if not explicit or not events or reference is None:
        return None
    start, end = resolve(explicit[0], reference), resolve(events[0], reference)
    if start is None or end is None or end <= start:
        return None
    return (end - start).days, start, end


def _implied_dates(group: list[Slot]) -> str:
    """Without a publication date the weekday cannot be placed; say what each claim
    implies."""
    parts = []
    for slot in group:
        dates = find_dates(slot.sentence.text)
        explicit = [d for d in dates if d.kind == "date"
                    and d.start >= slot.end - slot.sentence.start]  # "N weeks after <date>"
        if slot.relation != "since" or not explicit or not any(d.kind == "weekday" for d in dates):
            continue
        month, day = month_day(explicit[0])  # a "date" names both
        try:
            anchor = dt.date(2001, month, day)  # any non-leap year
        except ValueError:
            continue
        implied = anchor + dt.timedelta(days=round(slot.duration.days))  # a "since" slot is a duration
        parts.append(f"'{claim_value(slot)}' after {anchor.day} {anchor:%B} is {implied.day} {implied:%B}")
    if not parts:
        return ""
    return (" " + "; ".join(dict.fromkeys(parts)) + ". Without a publication date or a "
            "year, the weekday given for the event cannot be checked against these dates.")


def _duration_note(conflict: Conflict, group: list[Slot], members) -> str:
    spans = [span for span in (_span_days(s) for s in group) if span]
    if not spans:
        implied = _implied_dates(group)
        return _majority_note(conflict, members, "" if implied else
                              "; nothing else in the story checks it") + implied
    days, start, end = spans[0]
    by_value = {c.value: c for c in conflict.claims}
    closest = min(group, key=lambda s: abs(s.duration.days - days))
    consistent = by_value.get(claim_value(closest))
    if consistent is None:
        return _majority_note(conflict, members)
    others = [c for c in conflict.claims if c is not consistent]
    outliers = "; ".join(f"'{c.value}' ({', '.join(c.sources)}) is the outlier" for c in others)
    return (f"{start:%d %B %Y} to {end:%A %d %B %Y} is {days} days (about {days / 7:.1f} weeks): "
            f"consistent with '{consistent.value}' ({', '.join(consistent.sources)}); {outliers}.")


def _figures_note(conflict: Conflict, group: list[Slot]) -> str:
    parts = []
    for slot in group:
        cues = sorted({m.group().lower() for m in _PLAN_CUES.finditer(slot.sentence.text)})
        cue_text = f" (context: {', '.join(cues)})" if cues else ""
        parts.append(f"'{claim_value(slot)}' in {slot.article_id}{cue_text}")
    return ("Different figures for related quantities, shown side by side rather than called "
            "a contradiction: " + "; ".join(parts) + ".")


def note_for(conflict: Conflict, group: list[Slot]) -> str:
    members = {s.member.id: s.member for s in group}
    if not conflict.contradiction:
        return _figures_note(conflict, group)
    if conflict.kind == "duration":
        return _duration_note(conflict, group, members)
    return _majority_note(conflict, members)


def link_same_camps(conflicts: list[Conflict]) -> None:
    """Where two contradictions split the articles into exactly the same camps ('two
    weeks' and '14 March' from one set of articles, 'three weeks' and '21 March' from
    another), say so in both notes: the disagreement is one line of reporting against
    another, not two independent errors. Notes are extended in place."""
    by_camps: dict[frozenset, list[Conflict]] = {}
    for conflict in conflicts:
        # (a date line's flag is one article against itself: under three articles)
        if conflict.contradiction and len(conflict.claims) >= 2 and len(
                {s for claim in conflict.claims for s in claim.sources}) >= 3:
            camps = frozenset(frozenset(c.sources) for c in conflict.claims)
            by_camps.setdefault(camps, []).append(conflict)
    for same in by_camps.values():
        for conflict in same if len(same) > 1 else ():
            pairings = [_pairing(conflict, other) for other in same if other is not conflict]
            conflict.note += (" The same articles take the same sides in " + "; ".join(pairings)
                              + ": one account against another.")


def _pairing(conflict: Conflict, other: Conflict) -> str:
    """'the date conflict “...” ('two weeks' with '14 March', ...)': which value goes with which."""
    by_sources = {frozenset(c.sources): c.value for c in other.claims}
    pairs = ", ".join(f"'{c.value}' with '{by_sources[frozenset(c.sources)]}'"
                      for c in conflict.claims)
    return f"the {other.kind} conflict \u201c{other.about}\u201d ({pairs})"


# ---- date lines at the top of an article -----------------------------------------


def _months_apart(first: int, second: int) -> int:
    gap = abs(first - second) % 12
    return min(gap, 12 - gap)


def _body_dates(member: AnalyzedArticle, header: TimeExpr) -> list[tuple[TimeExpr, Sentence]]:
    found: list[tuple[TimeExpr, Sentence]] = []
    for sentence in member.sentences:
        if sentence.start <= header.start < sentence.end:
            continue
        found += [(d, sentence) for d in find_dates(sentence.text)
                  if d.kind in ("date", "month") and d.month and (d.year is None or d.year > 1990)]
    return found


def header_is_unreliable(member: AnalyzedArticle) -> TimeExpr | None:
    """The article's top date line, when its own text reports dates months away from it."""
    text = member.article.text
    header = date_header(text, member.article.extra.get("date_header"))
    if header is None or header.month is None:
        return None
    body = _body_dates(member, header)
    if not body:
        return None
    # (every body date names a month: _body_dates keeps no other)
    if any(_months_apart(d.month, header.month) <= 1 for d, _ in body if d.month is not None):
        return None
    return header


_LEADING_PREPOSITION = re.compile(r"^(?:on|in|at|by|since|until|from)\s+", re.IGNORECASE)


def _bare_date(text: str) -> str:
    """'on December 7.' -> 'December 7': the claim shows the date, not its sentence's grammar."""
    return _LEADING_PREPOSITION.sub("", text.strip(" .,"))


def _listed(values) -> str:
    """Distinct values in order of appearance: 'a', 'a and b', 'a, b and c'."""
    unique = list(dict.fromkeys(values))
    return unique[0] if len(unique) == 1 else ", ".join(unique[:-1]) + " and " + unique[-1]


def date_header_flags(members: list[AnalyzedArticle]) -> list[Conflict]:
    flags = []
    for member in members:
        header = header_is_unreliable(member)
        if header is None:
            continue
        body = _body_dates(member, header)
        given = member.article.extra.get("date_header")
        given = given.get("text") if isinstance(given, dict) else given
        line = given or header.text
        sentence = body[0][1]
        mentioned = _listed(_bare_date(d.text) for d, _ in body)
        claims = [Claim(header.text.strip(" ."), line, [member.id],
                        [Evidence(member.id, header.start, header.end, header.text)]
                        if member.article.text[header.start:header.end] == header.text else []),
                  Claim(_listed(_bare_date(d.text) for d, s in body if s is sentence),
                        sentence.text, [member.id],
                        [Evidence(member.id, sentence.start, sentence.end, sentence.text)])]
        flags.append(Conflict("date", f"date of article {member.id}", claims,
                              note=f"The date line '{header.text.strip()}' at the top of {member.id} "
                                   f"does not fit the dates its text reports ({mentioned}); it is "
                                   "treated as unreliable and not used to date events."))
    return flags


def _moment(published: str | None) -> tuple[str, str] | None:
    """(day, time or "") of an ISO publication date, None when unknown."""
    if not published or len(published) < 10:
        return None
    return published[:10], published[11:16] if len(published) > 11 else ""


def _later(first: tuple[str, str], second: tuple[str, str]) -> bool:
    """`first` is surely later: a later day, or the same day at a later known time."""
    if first[0] != second[0]:
        return first[0] > second[0]
    return bool(first[1] and second[1]) and first[1] > second[1]


def mark_relation(conflict: Conflict, published: dict[str, str | None]) -> None:
    """A contradiction whose one side was reported only after every report of the other
    sides is an update: a later report may revise a figure (a toll that rose). The note
    then says which report is later; the reader decides whether it revises or contradicts."""
    if not conflict.contradiction:
        conflict.relation = "related"
        return
    moments: list[list[tuple[str, str]]] = []  # per claim, its sources' moments
    for claim in conflict.claims:
        reported_at = [_moment(published.get(s)) for s in claim.sources]
        known = [m for m in reported_at if m is not None]
        if len(known) < len(reported_at):
            return  # a source of unknown date: no order to tell
        moments.append(known)
    for index, side in enumerate(moments):
        others = [m for k, other in enumerate(moments) if k != index for m in other]
        if others and all(_later(mine, theirs) for mine in side for theirs in others):
            conflict.relation = "update"
            claim = conflict.claims[index]
            latest = max(m[0] for m in side)
            conflict.note = (f"The later report{'s' if len(side) > 1 else ''} (from {latest}) "
                             f"give{'' if len(side) > 1 else 's'} '{claim.value}': it may revise "
                             f"the earlier figure. " + conflict.note).strip()
            return
