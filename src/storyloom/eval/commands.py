"""`storyloom eval ...`: each metric lives in its own module exposing a click `command`."""
from __future__ import annotations

import importlib

import click

# module name under storyloom.eval -> it exposes `command` (a click.Command)
EVAL_MODULES = ("grouping", "similarity", "summaries", "conflicts", "brief", "quotes", "dates", "languages")


@click.group("eval")
def eval_group() -> None:
    """Score storyloom on labelled data (grouping, similarity, summaries, conflicts, brief, quotes)."""


def _register() -> None:
    for name in EVAL_MODULES:
        try:
            module = importlib.import_module(f"storyloom.eval.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"storyloom.eval.{name}":
                continue  # not built yet
            raise
        command = getattr(module, "command", None)
        if command is not None:
            eval_group.add_command(command)


_register()
COMMANDS = [eval_group]
