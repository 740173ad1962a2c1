"""The status line over the article: title, date, analysis progress, position."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from ..safe import one_line


class StatusLine(Widget):
    """One line; every part is plain text assembled into ``Content`` (never markup).

    A plain ``Widget`` with ``render``: an update repaints one line and never
    asks the screen for a new layout (a ``Static.update`` would).
    """

    def __init__(self, title: str, date: str | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title = one_line(title, 80)
        self.date = date
        self.progress = "not analysed yet"
        self.position = ""
        self._content = Content("")

    def on_mount(self) -> None:
        self._render_line()

    def render(self) -> Content:
        return self._content

    def set_progress(self, progress: str) -> None:
        self.progress = progress
        self._render_line()

    def set_position(self, position: str) -> None:
        self.position = position
        self._render_line()

    def on_resize(self) -> None:
        self._render_line()

    def _render_line(self) -> None:
        """Title, date, progress, position; the title gives way first on narrow screens."""
        date = self.date or "date unknown"
        tail: list[str | tuple[str, str]] = ["  ", (date, ""), "  ", (self.progress, "italic")]
        tail_len = 4 + len(date) + len(self.progress)
        if self.position:
            tail += ["  ", (self.position, "reverse")]
            tail_len += 2 + len(self.position)
        width = self.content_size.width or 100
        room = width - tail_len
        title = self.title if room >= len(self.title) else one_line(self.title, max(8, room))
        self._content = Content.assemble((title, "bold"), *tail)
        self.refresh()
