"""`storyloom eval conflicts`: recall of injected conflicts and false conflicts per story.

Stories are ECB+ articles grouped by `event_cluster` (clusters of two or more). Each
article counts as its own outlet. For each story ONE controlled change is injected into
one article: a number, a duration, a date or a role's organisation (a changed date keeps
its weekday consistent, or drops it when no year is given). The change is made
only on a value that another article of the story also reports with the same value in
a same-meaning clause (the `find_conflicts` notion of "the same fact"): a value nobody
else reports cannot be contradicted. Recall = injected changes found (a contradiction
whose claims include the changed article with the new value); false conflicts =
contradictions reported on the untouched stories, per story. Deterministic per --seed.

Injections are kept well-formed, so that the changed article reads like a real report:
only values that the article does not also tell in other words ("8 October" and
"October 8"), never one end of a range ("between $140 and $150 million"), and the change
is made where the article gives that value as a value of the same kind ("30 yards"
changes; "October 30" in the same article does not). Recall is also reported per kind.

On "false" conflicts: every contradiction on an untouched story counts, except those that
match a value pair read by hand and labelled a real contradiction or update
(labels/conflict_pairs.jsonl; reported apart as `labelled_real`); it still counts the
unlabelled disagreements ECB+ articles really contain (death tolls reported at different hours,
"served four months" vs "served five months"): the measure is an upper bound on false
alarms. A hand check of the contradictions left at the time of writing (the same six on
seeds 0 and 1, all 66 stories) found four of them to be such real disagreements (a
death toll, 4 vs 5 months served, one article's seizure figures) and two to be different
facts (yards from scrimmage vs rushing yards; seasons in two jobs); all six are still
counted, since telling them apart would need labels the data set does not have.
"""
from __future__ import annotations

import json
import logging
import random
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

import click

from storyloom.model import AnalyzedArticle, Article
from storyloom.text.en import WEEKDAY_NAMES

log = logging.getLogger(__name__)
DEFAULT_FILE = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "ecbplus-dev.jsonl"
_DETOKENISE = [(r"(\d) , (\d{3})\b", r"\1,\2"), (r"(\d) ?\. (\d)", r"\1.\2"), (r"(\d) ?: (\d)", r"\1:\2"),
               (r" ([,.;:!?%)\]])", r"\1"), (r"([(\[$]) ", r"\1"), (r" (['’]s|n't|'re|'ve|'ll|'d)\b", r"\1"),
               (r"\b([ap])\. m\.", r"\1.m."), (r"\b([A-Z])\. ([A-Z])\.", r"\1.\2."),
               (r"``\s*", "\u201c"), (r"\s*''", "\u201d"), (r"(\w) - (\w)", r"\1-\2"),
               (r"(\d) , (\d{3})\b", r"\1,\2"), (r"(\d) ?\. (\d)", r"\1.\2"), (r"(\d) ?: (\d)", r"\1:\2")]
COUNTERPART = 0.7  # sentence cosine that makes another article's sentence a counterpart
_ORG_POOL = ("Department of Agriculture", "World Health Organization", "Ministry of Transport",
             "Federal Reserve", "Red Cross")


@dataclass
class Injection:
    story: str
    article_id: str
    kind: str
    old: str
    new: str


def detokenise(text: str) -> str:
    """ECB+ text is tokenised ("Promises , her rep told People ."): undo the common cases."""
    for pattern, repl in _DETOKENISE:
        text = re.sub(pattern, repl, text)
    return text


def load_stories(path: Path, part: int | None = None) -> dict[str, list[Article]]:
    """Stories of two or more articles; `part` 0/1 keeps the even/odd ECB+ topics (for
    choosing parameters on one half and checking them on the other)."""
    stories: dict[str, list[Article]] = defaultdict(list)
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            if part is not None and int(row["topic"]) % 2 != part:
                continue
            text = detokenise(row["text"])
            title = next((line for line in text.split("\n") if line.strip() and not line.startswith("http")), "")
            doc = str(row["doc_id"])
            stories[str(row["event_cluster"])].append(
                Article(doc, text, title=title, source=doc, language="en", input=str(path)))
    return {k: v for k, v in sorted(stories.items()) if len(v) >= 2}


def _analyze(articles: list[Article]) -> list[AnalyzedArticle]:
    from storyloom.analyze import analyze

    return analyze(articles)


def _changed_number(text: str, rng: random.Random) -> str:
    from storyloom.analyze.quantities import parse_number

    value = parse_number(text.replace("$", "").split()[0]) or 1
    new = int(value * rng.choice((2, 3)) + rng.randint(1, 3)) if value >= 1 else value + 7
    return f"{new:,}" if "," in text or new >= 10000 else str(new)


def _candidates(members: list[AnalyzedArticle]):
    """Values (and roles) that another article of the story reports the same way."""
    from storyloom.analyze.embed import embedder_of
    from storyloom.consolidate.conflicts import independent
    from storyloom.consolidate.entities import article_roles, same_person
    from storyloom.consolidate.same_fact import comparable, same
    from storyloom.consolidate.slots import story_slots

    slots = story_slots(members, embedder_of(members))
    found: list[tuple] = []  # (kind, member, start, end, value: a slot's value or a Role)
    for a in slots:
        if a.kind == "date" and a.time.kind != "date":
            continue
        if not _changeable(a, slots, same):
            continue
        # the counterpart rule is the eval's own (fixed, not the detector's thresholds):
        # the same value of the same kind of thing in a sentence of cosine >= COUNTERPART
        if any(b.member is not a.member and b.kind == a.kind and independent(a.member, b.member)
               and same(a, b) and comparable(a, b)
               and a.sentence_vector is not None and b.sentence_vector is not None
               and float(a.sentence_vector @ b.sentence_vector) >= COUNTERPART for b in slots):
            found.append((a.kind, a.member, a.start, a.end, a.value))
    roles = [(m, r, i) for m in members for r, i in article_roles(m) if r.explicit]
    for m, r, i in roles:
        if any(o is not m and same_person(r.person, q.person) for o, q, _ in roles):
            start = m.sentences[i].start + m.sentences[i].text.find(r.org)
            found.append(("role", m, start, start + len(r.org), r))
    return found


_RANGE_BEFORE = re.compile(r"\b(between|from)\s+$", re.I)
_RANGE_AFTER = re.compile(r"^\s*(?:-|\u2013|to|and)\s*\$?\d")


def _changeable(slot, slots, same) -> bool:
    """A value whose change gives a well-formed article that consistently reports the
    new value: not one end of a range ("between $140 and $150 million": changing one end
    can invert it), and not also told in other words elsewhere in the article ("8
    October" and "October 8": the article would then report both values)."""
    text, start = slot.sentence.text, slot.start - slot.sentence.start
    end = slot.end - slot.sentence.start
    if _RANGE_BEFORE.search(text[:start]) or _RANGE_AFTER.match(text[end:]):
        return False
    return not any(other.member is slot.member and other.kind == slot.kind
                   and other.text != slot.text and same(other, slot) for other in slots)


def _new_text(kind: str, old: str, value, rng: random.Random) -> str:
    if kind == "number":
        token = re.search(r"[\d,.]*\d|[A-Za-z]+(?:-[a-z]+)?", old)
        assert token is not None  # a number slot's text has its figure or number word
        return old[:token.start()] + _changed_number(token.group(), rng) + old[token.end():]
    if kind == "duration":
        # "two weeks" -> "3 weeks", "15 years" -> "30 years": clearly different, same scale
        number = int(value.number) + 1 if value.number < 4 else int(value.number) * 2
        plural = "" if "-" in old or old.endswith("s") or old.endswith("ago") else "s"
        return re.sub(r"^(\S+?)([\s-])", lambda m: f"{number}{m.group(2)}", old, count=1) + plural
    if kind == "date":
        day = value.day
        new_day = day + 9 if day <= 19 else day - 9
        return _weekday_fixed(re.sub(rf"\b{day}(?:st|nd|rd|th)?\b", str(new_day), old, count=1),
                              value, new_day)
    return rng.choice([o for o in _ORG_POOL if o.lower() != old.lower()])


_WEEKDAY_NAMES = tuple(day.capitalize() for day in WEEKDAY_NAMES)


def _weekday_fixed(text: str, value, new_day: int) -> str:
    """A changed date stays well-formed: its weekday ("Monday, July 13, 2009") follows the
    new day when the year is known, and is dropped when it is not."""
    named = re.search(r"\b(" + "|".join(_WEEKDAY_NAMES) + r"),?\s*", text, re.I)
    if named is None:
        return text
    if value.year is None or value.month is None:
        return text[:named.start()] + text[named.end():]
    import datetime as dt

    weekday = _WEEKDAY_NAMES[dt.date(value.year, value.month, new_day).weekday()]
    return text[:named.start(1)] + weekday + text[named.end(1):]


def _same_value_spans(member: AnalyzedArticle, kind: str, old: str) -> list[tuple[int, int]]:
    from storyloom.analyze.embed import embedder_of
    from storyloom.consolidate.slots import story_slots

    slots = story_slots([member], embedder_of([member]))
    return sorted({(s.start, s.end) for s in slots if s.kind == kind and s.text == old})


def inject(story: str, members: list[AnalyzedArticle], rng: random.Random):
    """The story with one changed article, and what was changed; None when no value of
    the story has a counterpart."""
    candidates = _candidates(members)
    if not candidates:
        return None
    kinds = sorted({c[0] for c in candidates})
    kind = rng.choice(kinds)
    _, member, start, end, value = rng.choice([c for c in candidates if c[0] == kind])
    old = member.article.text[start:end]
    new = _new_text(kind, old, value, rng)
    # every place the article reports this value in these words, so that it does not
    # also report the old one (only there: "30" in "October 30" is another value)
    original = member.article.text
    spans = [(start, end)] if kind == "role" else _same_value_spans(member, kind, old)
    text = original
    for s, e in sorted(spans, reverse=True):
        text = text[:s] + new + text[e:]
    changed = replace(member.article, text=text, blocks=[])
    return Injection(story, member.id, kind, old, new), changed


def _found(conflicts, injection: Injection) -> bool:
    new = re.sub(r"^(on|from|since|until|till|by|in|this|last|next)\s+", "", injection.new.lower())
    for conflict in conflicts:
        if not conflict.contradiction:
            continue
        for claim in conflict.claims:
            texts = [claim.value.lower()] + [e.text.lower() for e in claim.evidence
                                             if e.article_id == injection.article_id]
            if injection.article_id in claim.sources and any(new in t for t in texts):
                return True
    return False


LABELLED_PAIRS = Path(__file__).resolve().parents[3] / "labels" / "conflict_pairs.jsonl"


def labelled_real_pairs(path: Path = LABELLED_PAIRS) -> list[tuple[tuple, tuple]]:
    """Value spans ((article, start, end), (article, start, end)) that were read by hand
    and found to be a real contradiction or update between the articles (see
    labels/README.md)."""
    if not path.exists():
        return []
    pairs: list[tuple[tuple, tuple]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if row["label"] in ("contradiction", "update"):
                a, b = ((row[k]["article"], row[k]["start"], row[k]["end"]) for k in "ab")
                pairs.append((a, b))
    return pairs


def labelled_real(conflict, pairs) -> bool:
    """Two claims of the conflict carry the two values of a hand-labelled real
    disagreement (their evidence sentences hold the labelled value spans)."""
    def holds(claim, span) -> bool:
        article, start, end = span
        return any(e.article_id == article and e.start <= start and end <= e.end for e in claim.evidence)

    return any(holds(a, first) and holds(b, second) or holds(a, second) and holds(b, first)
               for first, second in pairs for i, a in enumerate(conflict.claims)
               for b in conflict.claims[i + 1:])


def evaluate(path: Path, seed: int = 0, limit: int | None = None, part: int | None = None) -> dict:
    from storyloom.consolidate.conflicts import find_conflicts

    stories = load_stories(path, part)
    names = list(stories)[:limit] if limit else list(stories)
    rng = random.Random(seed)
    injected, found, false_total, real_total, examples = 0, 0, 0, 0, []
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # kind -> [found, injected]
    real_pairs = labelled_real_pairs()
    for name in names:
        members = _analyze(stories[name])
        contradictions = [c for c in find_conflicts(members) if c.contradiction]
        false = [c for c in contradictions if not labelled_real(c, real_pairs)]
        real_total += len(contradictions) - len(false)
        false_total += len(false)
        examples += [f"{name}: {c.kind} {c.about}: " + " | ".join(cl.value for cl in c.claims)
                     for c in false]
        result = inject(name, members, rng)
        if result is None:
            continue
        injection, changed = result
        modified = [m for m in members if m.id != injection.article_id] + _analyze([changed])
        injected += 1
        hit = _found(find_conflicts(modified), injection)
        found += hit
        by_kind[injection.kind][0] += hit
        by_kind[injection.kind][1] += 1
        log.info("%s %s %r -> %r: %s", name, injection.kind, injection.old, injection.new, hit)
    return {"stories": len(names), "injected": injected,
            "recall": round(found / injected, 3) if injected else 0.0,
            "false_per_story": round(false_total / len(names), 3) if names else 0.0,
            "labelled_real": real_total,
            "recall_by_kind": {kind: {"found": f, "injected": n, "recall": round(f / n, 3)}
                               for kind, (f, n) in sorted(by_kind.items())},
            "false_examples": examples[:20]}


@click.command("conflicts")
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False))
@click.argument("labels", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--seed", type=int, default=0, help="Chooses which value is changed.")
@click.option("--limit", type=int, default=None, help="Only the first N stories.")
@click.option("--part", type=click.IntRange(0, 1), default=None,
              help="Only even (0) or odd (1) ECB+ topics: tune on one half, check on the other.")
@click.option("--embedder", default="use-multilingual", show_default=True,
              help="With LABELS and an input FILE: the embedder of the digest.")
@click.option("--texts", type=click.Path(exists=True, dir_okay=False), default=None,
              help="With LABELS whose evidence is given as spans (labels/ecb_conflicts.jsonl): "
                   "the JSONL of the labelled articles (default: ECB+ dev).")
def command(file: str | None, labels: str | None, fmt: str, seed: int, limit: int | None,
            part: int | None, embedder: str, texts: str | None) -> None:
    """Score conflicts. With FILE and LABELS: the contradictions of a digest (FILE is its
    JSON, or articles to digest first) against labelled real disagreements (BASIL's
    conflicts.jsonl format): precision, recall, facts crediting an outlet with a value its
    own text contradicts, by kind. With FILE alone (default ECB+ dev): one conflict
    injected per ECB+ story; recall and false conflicts per story."""
    if labels:
        _labelled(Path(file), Path(labels), fmt, embedder,  # type: ignore[arg-type]
                  Path(texts) if texts else DEFAULT_FILE)
        return
    path = Path(file) if file else DEFAULT_FILE
    if not path.exists():
        raise click.UsageError(f"no data file at {path}")
    result = evaluate(path, seed, limit, part)
    if fmt == "json":
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(f"stories {result['stories']}  injected {result['injected']}  "
               f"recall {result['recall']:.3f}  false conflicts/story {result['false_per_story']:.3f}")
    for kind, row in result["recall_by_kind"].items():
        click.echo(f"  {kind:9s} recall {row['recall']:.3f} ({row['found']}/{row['injected']})")
    for example in result["false_examples"]:
        click.echo(f"  false: {example}")


def _read_digest(path: Path, embedder: str) -> dict:
    """A digest's JSON as written by `storyloom digest --format json`, or the digest of
    the articles in `path`."""
    if path.suffix == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise click.UsageError(f"{path}: not JSON ({exc.msg})") from exc
        if isinstance(data, dict) and "stories" in data:
            return data
    from storyloom.pipeline import DigestOptions, digest_paths
    from storyloom.render.jsonout import digest_to_dict

    return digest_to_dict(digest_paths([str(path)], DigestOptions(embedder=embedder)))


def briefs_of_stories(stories: dict[str, list[AnalyzedArticle]], embedder: str = "use-multilingual") -> dict:
    """A digest's JSON with one brief per given story (grouping as labelled, not as
    `group` would find it): what the conflicts of labelled events are scored on."""
    from storyloom.model import Story
    from storyloom.pipeline import consolidate_story
    from storyloom.render.jsonout import story_to_dict

    out = []
    for story_id, members in stories.items():
        brief = consolidate_story(Story(story_id, [m.id for m in members]), members, embedder=embedder)
        brief.articles = [m.article for m in members]
        out.append(story_to_dict(brief))
    return {"stories": out, "warnings": []}


def raw_texts(path: Path) -> dict[str, str]:
    """Article id (`id` or ECB+'s `doc_id`) -> text, as the JSONL file gives them."""
    texts = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                texts[str(row.get("id", row.get("doc_id")))] = row["text"]
    return texts


def _labelled(file: Path, labels: Path, fmt: str, embedder: str, texts: Path) -> None:
    from storyloom.eval.labelled_conflicts import has_spans, load_labels, score

    try:
        spans = has_spans(labels)
        if spans and not texts.exists():
            raise ValueError(f"{labels}: evidence given as spans and no texts at {texts} (--texts)")
        records = load_labels(labels, raw_texts(texts) if spans else None)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    result = score(_read_digest(file, embedder), records)
    if fmt == "json":
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    click.echo(f"labelled stories {result['labelled_stories']}: {result['positives']} "
               f"contradictions and updates, {result['imprecise_labels']} imprecise")
    click.echo(f"reported contradictions {result['reported']}: true {result['true']}, false "
               f"{result['false']}, on imprecise labels {result['on_imprecise_labels']}")
    click.echo(f"precision {result['precision']:.3f}  recall {result['recall']:.3f} "
               f"({result['found']}/{result['positives']})  contradicting credits "
               f"{result['contradicting_credits']}")
    for kind, row in result["by_kind"].items():
        click.echo(f"  {kind:9s} " + "  ".join(f"{k} {v}" for k, v in sorted(row.items())))
    for relation, row in result["by_relation"].items():
        click.echo(f"  {relation:13s} " + "  ".join(f"{k} {v}" for k, v in sorted(row.items())))
    for example in result["false_examples"]:
        click.echo(f"  false: {example['story']} {example['kind']}: "
                   + " vs ".join(str(v) for v in example["values"]))
