"""What several sections of one brief read, made once per story and passed to each:
each article's readings (its quotes with their speakers and its time expressions: what
`storyloom annotate` shows of it), the alignment of the story's statements (facts,
conflicts) and the grouping of its quotes (speaker conflicts, quotes). Each is made on
first use, so a story whose sections do not need one never pays for it; a reading that
fails is not kept, and the next section that needs it fails the same way behind its own
boundary."""
from __future__ import annotations

from dataclasses import dataclass, replace

from storyloom.analyze.timex import Timex, article_times
from storyloom.consolidate.align import StatementCluster, align_statements
from storyloom.consolidate.quotes import FoundQuote, article_quotes, quote_groups
from storyloom.model import AnalyzedArticle


@dataclass(frozen=True)
class ArticleReadings:
    """One article as read once for `storyloom annotate` and for the brief: its quotes
    (speakers resolved) and its time expressions (TimeML values; each day, month or
    weekday with the expression the timeline places), offsets into its text."""

    quotes: tuple[FoundQuote, ...]
    times: tuple[Timex, ...]


def read_article(member: AnalyzedArticle) -> ArticleReadings:
    return ArticleReadings(tuple(article_quotes(member)), tuple(article_times(member)))


class StoryReadings:
    def __init__(self, members: list[AnalyzedArticle]):
        self.members = members
        self._articles: dict[str, ArticleReadings] = {}
        self._clusters: list[StatementCluster] | None = None
        self._quote_groups: list[list[FoundQuote]] | None = None

    def article(self, member: AnalyzedArticle) -> ArticleReadings:
        """The member's readings (read only)."""
        if member.id not in self._articles:
            self._articles[member.id] = read_article(member)
        return self._articles[member.id]

    def clusters(self) -> list[StatementCluster]:
        """The story's statements aligned at the default threshold (read only)."""
        if self._clusters is None:
            self._clusters = align_statements(self.members)
        return self._clusters

    def quote_groups(self) -> list[list[FoundQuote]]:
        """The story's quotes grouped; each caller gets its own lists (the quotes
        themselves are shared: read only)."""
        if self._quote_groups is None:
            self._quote_groups = quote_groups(
                self.members, lambda m: [replace(q) for q in self.article(m).quotes])
        return [list(group) for group in self._quote_groups]
