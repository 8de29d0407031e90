"""Consolidation stage: turn one story's analysed articles into a Brief."""
from __future__ import annotations

from storyloom.consolidate.brief import build_brief, build_brief_isolated, story_title

__all__ = ["build_brief", "build_brief_isolated", "story_title"]
