"""Which inputs to read: paths, directories (recursive, sorted) and stdin ("-")."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from storyloom.ingest.readers import EXTENSIONS
from storyloom.model import InputWarning

STDIN = "-"


@dataclass(frozen=True)
class Target:
    name: str  # as shown in messages
    path: Path | None  # None: standard input
    format: str | None  # reader name; None: sniff the content
    suffix: str = ""


def expand_paths(paths: list[str]) -> tuple[list[Target], list[InputWarning]]:
    targets: list[Target] = []
    warnings: list[InputWarning] = []
    for given in paths:
        if given == STDIN:
            targets.append(Target("stdin", None, "json", ".jsonl"))
            continue
        path = Path(given)
        if path.is_dir():
            found = _directory_files(path, warnings)
            if not found:
                warnings.append(InputWarning(given, "no article files in this directory (looked for "
                                             + ", ".join(sorted(EXTENSIONS)) + ")"))
            targets.extend(found)
        elif path.is_file():
            suffix = path.suffix.lower()
            targets.append(Target(given, path, EXTENSIONS.get(suffix), suffix))
        elif path.is_symlink():
            warnings.append(InputWarning(given, "broken link: its target does not exist"))
        elif path.exists():
            warnings.append(InputWarning(given, "not a regular file or directory"))
        else:
            warnings.append(InputWarning(given, "no such file or directory"))
    return _without_repeats(targets), warnings


def _without_repeats(targets: list[Target]) -> list[Target]:
    """A file named twice (directly and through its folder) is read once."""
    seen: set[Path] = set()
    unique = []
    for target in targets:
        key = target.path.resolve() if target.path is not None else None
        if key is not None and key in seen:
            continue
        if key is not None:
            seen.add(key)
        unique.append(target)
    return unique


def _directory_files(root: Path, warnings: list[InputWarning]) -> list[Target]:
    """Supported files under `root`, depth first in sorted order; hidden entries skipped."""
    def on_error(error: OSError) -> None:
        warnings.append(InputWarning(error.filename or str(root),
                                     f"cannot list directory ({error.strerror or error})"))

    found = []
    for folder, subfolders, files in os.walk(root, onerror=on_error):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(files):
            suffix = os.path.splitext(name)[1].lower()
            if suffix in EXTENSIONS and not name.startswith("."):
                path = Path(folder) / name
                found.append(Target(str(path), path, EXTENSIONS[suffix], suffix))
    return found
