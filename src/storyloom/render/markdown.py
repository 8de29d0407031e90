"""Markdown report (placeholder)."""
from storyloom.model import Digest


def render_markdown(digest: Digest) -> str:
    lines = []
    for item in digest.stories:
        lines.append(f"# {item.title}")
        lines.extend(f"- {a.id}: {a.title}" for a in item.articles)
        lines.extend(f"> {s.text} [{', '.join(s.sources)}]" for s in item.brief.summary)
        lines.append("")
    return "\n".join(lines)
