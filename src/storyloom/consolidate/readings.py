"""What several sections of one brief read, made once per story and passed to each:
the alignment of its statements (facts, conflicts) and the grouping of its quotes
(speaker conflicts, quotes). Each is made on first use, so a story whose sections do
not need one never pays for it; a reading that fails is not kept, and the next section
that needs it fails the same way behind its own boundary."""
from __future__ import annotations

from storyloom.consolidate.align import StatementCluster, align_statements
from storyloom.consolidate.quotes import FoundQuote, quote_groups
from storyloom.model import AnalyzedArticle


class StoryReadings:
    def __init__(self, members: list[AnalyzedArticle]):
        self.members = members
        self._clusters: list[StatementCluster] | None = None
        self._quote_groups: list[list[FoundQuote]] | None = None

    def clusters(self) -> list[StatementCluster]:
        """The story's statements aligned at the default threshold (read only)."""
        if self._clusters is None:
            self._clusters = align_statements(self.members)
        return self._clusters

    def quote_groups(self) -> list[list[FoundQuote]]:
        """The story's quotes grouped; each caller gets its own lists (the quotes
        themselves are shared: read only)."""
        if self._quote_groups is None:
            self._quote_groups = quote_groups(self.members)
        return [list(group) for group in self._quote_groups]
