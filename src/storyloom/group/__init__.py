"""Grouping stage: which articles report the same real-world event.

`group_articles` (batch, what the pipeline calls) and `group_incremental` (a stream of
arrivals with a state between calls) share one learned same-story model
(`decision.py`, coefficients in `same_story.json`, fit by `python -m storyloom.eval.train_grouping`).
"""
from __future__ import annotations

from storyloom.group.batch import group_articles
from storyloom.group.incremental import GroupingState, group_incremental

__all__ = ["group_articles", "group_incremental", "GroupingState"]
