"""The package layers, read from the source (every import, at module level or inside a
function): no package imports a private name of another, and no two packages import each
other, directly or round a longer cycle. Fast: parses files, loads nothing."""
from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "storyloom"


def _imports() -> list[tuple[str, str, list[str]]]:
    """(importing package, imported package, names) for each import of storyloom code;
    a package is a top-level module or subpackage of storyloom ("consolidate", "model")."""
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        package = path.relative_to(SOURCE).parts[0].removesuffix(".py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module \
                    and node.module.split(".")[0] == "storyloom":
                parts = node.module.split(".")
                if len(parts) > 1:
                    found.append((package, parts[1], [a.name for a in node.names]))
                else:  # from storyloom import consolidate
                    found += [(package, a.name, []) for a in node.names]
            elif isinstance(node, ast.Import):
                found += [(package, a.name.split(".")[1], []) for a in node.names
                          if a.name.startswith("storyloom.")]
    return [(a, b, names) for a, b, names in found if a != b]


def test_no_private_name_crosses_a_package():
    crossing = [f"{a} imports {name} from {b}" for a, b, names in _imports()
                for name in names if name.startswith("_")]
    assert not crossing


def test_no_import_cycle_between_packages():
    graph: dict[str, set[str]] = {}
    for a, b, _ in _imports():
        graph.setdefault(a, set()).add(b)

    def reaches(start: str, goal: str) -> list[str] | None:
        stack, seen = [(start, [start])], {start}
        while stack:
            node, path = stack.pop()
            for nxt in graph.get(node, ()):
                if nxt == goal:
                    return path + [nxt]
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, path + [nxt]))
        return None

    cycles = [" -> ".join([a] + path) for a, targets in graph.items() for b in targets
              if (path := reaches(b, a))]
    assert not cycles


def test_the_check_sees_the_layers():
    # the stages import the records, and the top (pipeline, cli) imports the stages
    pairs = {(a, b) for a, b, _ in _imports()}
    assert ("consolidate", "model") in pairs and ("pipeline", "consolidate") in pairs


def test_the_text_layer_imports_nothing_of_storyloom():
    # per-language words sit below every stage (docs/development.md)
    assert [(a, b) for a, b, _ in _imports() if a == "text"] == []
