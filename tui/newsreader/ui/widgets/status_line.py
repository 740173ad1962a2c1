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
        self._where = ""
        self._detail = ""
        self._mark = ""
        self._content = Content("")

    def on_mount(self) -> None:
        self._render_line()

    def render(self) -> Content:
        return self._content

    def set_progress(self, progress: str) -> None:
        self.progress = progress
        self._render_line()

    def set_position(self, position: str, detail: str = "", mark: str = "") -> None:
        """``position``, then ``detail`` (cut with … first when the line is full), then ``mark``."""
        self._where, self._detail, self._mark = position, detail, mark
        self._render_line()

    @property
    def position(self) -> str:
        """The whole position as set, before any cutting to the width."""
        return self._where + self._detail + self._mark

    @property
    def text(self) -> str:
        """The line as drawn (plain text)."""
        return self._content.plain

    def on_resize(self) -> None:
        self._render_line()

    def _render_line(self) -> None:
        """Title, date, progress, position; on narrow screens the title gives way first
        (down to 8 columns), then the progress, then the position's detail (the speaker)."""
        date = self.date or "date unknown"
        tail: list[str | tuple[str, str]] = ["  ", (date, ""), "  ", (self.progress, "italic")]
        tail_len = 4 + len(date) + len(self.progress)
        width = self.content_size.width or 100
        if self.position:
            fixed = tail_len + 2 + len(self._where) + len(self._mark)
            detail = self._detail
            room = width - fixed - min(8, len(self.title))
            if len(detail) > room and self.progress:
                # the analysis is done or nearly: who said it matters more than the counts
                tail, tail_len = ["  ", (date, "")], 2 + len(date)
                fixed -= 2 + len(self.progress)
                room += 2 + len(self.progress)
            if len(detail) > room:
                detail = one_line(detail, max(4, room))
            tail += ["  ", (self._where + detail, "reverse")]
            if self._mark:
                tail.append((self._mark, "reverse bold"))
            tail_len = fixed + len(detail)
        room = width - tail_len
        title = self.title if room >= len(self.title) else one_line(self.title, max(8, room))
        self._content = Content.assemble((title, "bold"), *tail)
        self.refresh()
