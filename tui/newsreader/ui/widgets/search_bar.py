"""The search field under the article (`/`); `n`/`N` step through hits after Enter."""

from __future__ import annotations

from textual.widgets import Input


class SearchBar(Input):
    """An ``Input`` that starts hidden; the screen shows it on `/` and hides it on escape."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="Search the article (Enter to go, Esc to clear)", id=id)
        self.display = False
