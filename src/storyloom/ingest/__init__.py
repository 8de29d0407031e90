"""Ingest stage (placeholder until the readers land): plain .txt files only."""
from __future__ import annotations

from pathlib import Path

from storyloom.model import Article, InputWarning


def read_inputs(paths: list[str]) -> tuple[list[Article], list[InputWarning]]:
    articles, warnings = [], []
    files = []
    for p in paths:
        path = Path(p)
        files.extend(sorted(path.rglob("*.txt")) if path.is_dir() else [path])
    for f in files:
        text = f.read_text(encoding="utf-8")
        lines = [l for l in text.splitlines() if l.strip()]
        articles.append(Article(f.stem, text, title=lines[0] if lines else "", input=str(f)))
    return articles, warnings
