"""Renderers: one function per output format, chosen by name."""
from __future__ import annotations

from collections.abc import Callable

from storyloom.errors import UnknownChoiceError
from storyloom.model import Digest


def _renderers() -> dict[str, Callable[..., str]]:
    from storyloom.render.html import render_html
    from storyloom.render.jsonout import render_json
    from storyloom.render.markdown import render_markdown

    return {"md": render_markdown, "json": render_json, "html": render_html}


FORMATS = ("md", "json", "html")


def render(digest: Digest, fmt: str, full: bool = False) -> str:
    """`full`: the readable formats (md, html) show every section uncut; JSON is always whole."""
    renderers = _renderers()
    if fmt not in renderers:
        raise UnknownChoiceError("format", fmt, list(renderers))
    return renderers[fmt](digest, full=full) if fmt != "json" else renderers[fmt](digest)
