"""`storyloom eval languages FILE`: the same report in several languages, the same reading?

FILE holds articles (JSON lines) with a `group` (one report) and a `language`: the same
text told in English and translated. Each is annotated as `storyloom annotate` does, and
what it reads is compared with the pivot language's (English by default) in its group:

- dates: the TimeML values of its DATE expressions (`2021-03-14`, `2021-03-09` for the
  Tuesday, ...), and of its durations (`P3W`);
- numbers: the quantities' (value, unit) pairs (`1200000 EUR`, `240`);
- speakers: the speakers of its direct quotes, the same when they share a name word.

Agreement per language and kind = the pivot's items that the translation also gives, over
the pivot's items (what a reader of the translation would miss); `extra` counts items the
translation reads that the pivot does not (what it would wrongly add).
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import click

KINDS = ("dates", "durations", "numbers", "speakers")


def _readings(annotation: dict) -> dict[str, set]:
    from storyloom.eval.quotes import speaker_words

    return {
        "dates": {t["value"] for t in annotation["times"] if t["type"] == "DATE"},
        "durations": {t["value"] for t in annotation["times"] if t["type"] == "DURATION"},
        "numbers": {(round(q["value"], 6), q["unit"]) for q in annotation["quantities"]},
        "speakers": {" ".join(sorted(speaker_words(q["speaker"]))) for q in annotation["quotes"]
                     if q["direct"] and q["speaker"]},
    }


def _shared(kind: str, pivot: set, read: set) -> tuple[set, set]:
    """The pivot's items the translation also gives, and the translation's others. Speakers
    are the same when they share a name word ("Landwirt Johan Ekdal" = "Johan Ekdal")."""
    if kind != "speakers":
        return pivot & read, read - pivot
    shared = {p for p in pivot if any(set(p.split()) & set(r.split()) for r in read)}
    extra = {r for r in read if not any(set(p.split()) & set(r.split()) for p in pivot)}
    return shared, extra


def compare(annotations: list[dict], groups: dict[str, str], languages: dict[str, str],
            pivot: str = "en") -> dict:
    by_group: dict[str, dict[str, dict[str, set]]] = defaultdict(dict)
    for annotation in annotations:
        by_group[groups[annotation["id"]]][languages[annotation["id"]]] = _readings(annotation)
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: {k: [0, 0, 0] for k in KINDS})
    differences: list[str] = []
    for group, readings in sorted(by_group.items()):
        reference = readings.get(pivot)
        if reference is None:
            continue
        for language, read in sorted(readings.items()):
            if language == pivot:
                continue
            for kind in KINDS:
                shared, extra = _shared(kind, reference[kind], read[kind])
                tally = counts[language][kind]
                tally[0] += len(shared)
                tally[1] += len(reference[kind])
                tally[2] += len(extra)
                missing = reference[kind] - shared
                if (missing or extra) and len(differences) < 30:
                    differences.append(f"{group} {language} {kind}: missing {sorted(map(str, missing))}, "
                                       f"extra {sorted(map(str, extra))}")
    return {"pivot": pivot,
            "agreement": {language: {kind: {"agreement": round(t[0] / t[1], 3) if t[1] else None,
                                             "pivot_items": t[1], "extra": t[2]}
                                     for kind, t in kinds.items()}
                          for language, kinds in sorted(counts.items())},
            "differences": differences}


@click.command("languages")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--pivot", default="en", show_default=True, help="The language the others are compared with.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def command(path: Path, pivot: str, fmt: str) -> None:
    """Dates, numbers and quote speakers read alike across translations of one report."""
    from storyloom.analyze import analyze
    from storyloom.annotate import annotate_article
    from storyloom.ingest import read_inputs

    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    missing = [n for n, r in enumerate(records, 1) if not r.get("group") or not r.get("language")]
    if missing:
        raise click.UsageError(f"{path}: lines {missing[:5]} need 'group' and 'language'")
    groups = {str(r["id"]): str(r["group"]) for r in records}
    languages = {str(r["id"]): str(r["language"]) for r in records}
    articles, _ = read_inputs([str(path)])
    annotations = [annotate_article(member) for member in analyze(articles, "hashing")]
    result = compare(annotations, groups, languages, pivot)
    if fmt == "json":
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    for language, kinds in result["agreement"].items():
        click.echo(f"{language}: " + "  ".join(
            f"{kind} {v['agreement'] if v['agreement'] is not None else '-'} (extra {v['extra']})"
            for kind, v in kinds.items()))
    for line in result["differences"]:
        click.echo(f"  {line}")
