"""HTML report (placeholder)."""
import html

from storyloom.render.markdown import render_markdown


def render_html(digest) -> str:
    return f"<!doctype html><meta charset='utf-8'><pre>{html.escape(render_markdown(digest))}</pre>"
