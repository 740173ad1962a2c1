"""A table that draws only the rows on screen: 10,000 rows cost what 20 do.

Textual's ``DataTable`` measures and stores every row as it is added (10,000
library rows took ~0.9 s before the first paint, and again on every refill);
here a row is asked of ``cells(i)`` only when it is drawn (the line API, as
toolong's log view), so filling, refilling and resizing cost nothing per row.
Cells are plain strings, made into ``rich.text.Text`` without markup: untrusted
titles and names are never interpreted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..safe import one_line

Cells = Callable[[int], Sequence[str]]


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    width: int = 0
    """Cells wide; 0: the column takes what the others leave (at least ``min_width``)."""
    justify: str = "left"
    min_width: int = 8
    ratio: int = 1
    """How much of what the fixed columns leave a flexible column takes, against the others'."""


class RowTable(ScrollView, can_focus=True):
    """Rows of one line each under a fixed header. A click on the cursor row (or the screen's
    own ``enter`` binding, which names what choosing does there) chooses it."""

    COMPONENT_CLASSES = {"row-table--header", "row-table--cursor", "row-table--odd"}
    DEFAULT_CSS = """
    RowTable { scrollbar-size-vertical: 1; overflow-x: hidden; }
    RowTable > .row-table--header { text-style: bold; background: $panel; }
    RowTable > .row-table--cursor { background: $block-cursor-blurred-background; }
    RowTable:focus > .row-table--cursor { color: $block-cursor-foreground; background: $block-cursor-background;
                                          text-style: bold; }
    RowTable > .row-table--odd { background: $surface-lighten-1 30%; }
    """
    BINDINGS = [
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("pageup,b", "page(-1)", "Page up", show=False),
        Binding("home,g", "jump(0)", "First", show=False),
        Binding("end,G", "jump(-1)", "Last", show=False),
    ]

    cursor_row: reactive[int] = reactive(0)

    class _RowMessage(Message):
        def __init__(self, table: RowTable, row: int) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> RowTable:
            return self.table

    class Highlighted(_RowMessage):
        """The cursor moved to ``row``."""

    class Chosen(_RowMessage):
        """``enter`` (or a click) on ``row``."""

    def __init__(self, columns: Sequence[Column], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self._cells: Cells = lambda i: ()
        self._count = 0
        self._widths: tuple[int, list[int]] = (-1, [])

    # --- what it shows (called by the screen) ----------------------------

    def set_rows(self, count: int, cells: Cells) -> None:
        """Show ``count`` rows, row ``i`` being ``cells(i)``; the cursor stays where it is if it can."""
        self._cells = cells
        self._count = count
        self.virtual_size = Size(self.size.width, count + 1)
        self.set_reactive(RowTable.cursor_row, max(0, min(self.cursor_row, count - 1)))
        self.refresh()

    def refresh_rows(self) -> None:
        """Redraw: what ``cells`` returns has changed."""
        self.refresh()

    @property
    def row_count(self) -> int:
        return self._count

    def get_row_at(self, row: int) -> list[str]:
        return list(self._cells(row))

    def move_cursor(self, *, row: int) -> None:
        self.cursor_row = row

    # --- keys and the mouse --------------------------------------------

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, self._count - 1))

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        if self._count:
            self.post_message(self.Highlighted(self, new))

    def _scroll_to_cursor(self) -> None:
        rows_shown = max(1, self.scrollable_content_region.height - 1)
        top = round(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + rows_shown:
            self.scroll_to(y=self.cursor_row - rows_shown + 1, animate=False, immediate=True)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self._count + 1)
        self._scroll_to_cursor()

    def action_cursor(self, step: int) -> None:
        self.cursor_row += step

    def action_page(self, step: int) -> None:
        self.cursor_row += step * max(1, self.scrollable_content_region.height - 2)

    def action_jump(self, row: int) -> None:
        self.cursor_row = row if row >= 0 else self._count - 1

    def action_choose(self) -> None:
        if self._count:
            self.post_message(self.Chosen(self, self.cursor_row))

    def on_click(self, event: events.Click) -> None:
        row = round(self.scroll_y) + event.y - 1
        if event.y < 1 or not 0 <= row < self._count:
            return
        if row == self.cursor_row:
            self.action_choose()
        else:
            self.cursor_row = row

    # --- drawing -------------------------------------------------------

    def column_widths(self, width: int) -> list[int]:
        """Each column's width at ``width`` cells (one space between columns)."""
        if self._widths[0] != width:
            fixed = sum(c.width for c in self.columns) + len(self.columns) - 1
            flexible = [c for c in self.columns if not c.width]
            spare = max(0, width - fixed)
            ratios = sum(c.ratio for c in flexible)
            share = [max(c.min_width, spare * c.ratio // ratios) for c in flexible]
            it = iter(share)
            self._widths = (width, [c.width or next(it) for c in self.columns])
        return self._widths[1]

    def _line(self, cells: Sequence[str], width: int, style: Style) -> Strip:
        text = Text(no_wrap=True, overflow="ellipsis", style=style, end="")
        for i, (column, cell_width) in enumerate(zip(self.columns, self.column_widths(width))):
            if i:
                text.append(" ")
            cell = Text(one_line(cells[i] if i < len(cells) else "", 400), end="")
            cell.truncate(cell_width, overflow="ellipsis")
            pad = " " * (cell_width - cell.cell_len)
            if column.justify == "right":
                text.append(pad)
            text.append_text(cell)
            if column.justify != "right":
                text.append(pad)
        text.truncate(width, overflow="ellipsis", pad=True)
        return Strip(list(text.render(self.app.console)), width).crop(0, width)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            style = self.get_component_rich_style("row-table--header")
            return self._line([c.label for c in self.columns], width, style)
        row = round(self.scroll_y) + y - 1
        base = self.rich_style
        if row >= self._count:
            return Strip.blank(width, base)
        if row == self.cursor_row:
            style = base + self.get_component_rich_style("row-table--cursor")
        elif row % 2:
            style = base + self.get_component_rich_style("row-table--odd")
        else:
            style = base
        return self._line(self._cells(row), width, style)
