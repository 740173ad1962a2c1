"""The side pane's list: virtualised rows of one or two lines, a cursor, lazy mounting.

Textual's ``OptionList`` measures every option (wrapping its text) whenever the
options change; with the ~4,000 quotes of a 100,000-word text the first switch
to the Quotes view took over a second, and every analysis update re-measured
the visible list. Here a row is as many lines as its label has (a line longer
than the pane is cut with an ellipsis), so heights are known without rendering,
and only the rows on screen are drawn (``render_line``, as in ``ArticleView``).

A ``Row`` is plain data, lines of ``(text, style)`` parts: building Textual
``Content`` for 4,000 rows took ~0.7 s, so it is built only for rows drawn.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

Part = tuple[str, str]
"""Text and a style (``"bold"``, ``"italic dim"``, ``""``)."""


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a side list: one or more lines, each a tuple of parts."""

    lines: tuple[tuple[Part, ...], ...]
    id: str | None = None
    disabled: bool = False

    @classmethod
    def of(cls, *lines: tuple[Part, ...] | Part, id: str | None = None, disabled: bool = False) -> Row:
        """``Row.of((text, style), ...)`` for one line, or ``Row.of(line1_parts, line2_parts)``."""
        if lines and isinstance(lines[0][0], str):  # a single line given as parts
            lines = (lines,)  # type: ignore[assignment]
        return cls(tuple(tuple(line) for line in lines), id, disabled)  # type: ignore[arg-type]

    def line(self, y: int) -> Content:
        return Content.assemble(*self.lines[y])

    def fitted_line(self, y: int, width: int) -> Content:
        """Line ``y`` cut to ``width`` cells with an ellipsis. On a row's first line the
        last part (the count: `×3`, `5 quotes`, `direct ¶3`) is kept whole when the row
        has more than one part: the name before it is cut instead."""
        parts = self.lines[y]
        line = self.line(y)
        if line.cell_length <= width:
            return line.pad_right(width - line.cell_length)
        if y == 0 and len(parts) > 1:
            last = Content.assemble(parts[-1])
            room = width - last.cell_length
            if room >= 4:  # at least a letter and the ellipsis of the name, and its gap
                head = Content.assemble(*parts[:-1]).truncate(room, ellipsis=True)
                return Content.assemble(head, last)
        return line.truncate(width, ellipsis=True, pad=True)

    @property
    def prompt(self) -> Content:
        """The whole label (for tests and the command palette; drawing uses ``line``)."""
        return Content("\n").join(self.line(y) for y in range(len(self.lines)))


class SideList(ScrollView, can_focus=True):
    """Rows with a highlighted one; subclasses say what highlighting and choosing a row mean.

    The side pane mounts its lists just after the article's first paint, so an
    analysis that is already known (the cache) may arrive first: the newest
    ``show`` request is kept and carried out on mount.
    """

    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Go to", show=False),
    ]

    COMPONENT_CLASSES = {"side-list--highlighted", "side-list--disabled"}

    DEFAULT_CSS = """
    SideList {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        & > .side-list--highlighted {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .side-list--highlighted {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .side-list--disabled {
            color: $text-disabled;
        }
    }
    """

    highlighted: reactive[int | None] = reactive(None)
    """Index of the highlighted row (never a disabled one), or None."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.options: list[Row] = []
        self._tops: list[int] = []  # first line of each row
        self._height = 0
        self._cache: dict[tuple[int, int, str], Strip] = {}
        self._ready = False
        self._pending: Callable[[], None] | None = None
        self._signature: tuple | None = None

    # --- what subclasses answer ------------------------------------------

    def row_highlighted(self, option: Row) -> None:
        """The cursor is on ``option`` (an enabled row)."""

    def row_chosen(self, option: Row) -> None:
        """Enter or a click on ``option`` (an enabled row)."""

    # --- options -----------------------------------------------------------

    @property
    def option_count(self) -> int:
        return len(self.options)

    @property
    def highlighted_option(self) -> Row | None:
        return self.options[self.highlighted] if self.highlighted is not None else None

    def get_option_index(self, option_id: str) -> int:
        for i, option in enumerate(self.options):
            if option.id == option_id:
                return i
        raise KeyError(option_id)

    def set_options(self, options: list[Row]) -> None:
        self.options = list(options)
        self._tops = []
        y = 0
        for row in self.options:
            self._tops.append(y)
            y += len(row.lines)
        self._height = y
        self._cache.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, y)
        self.set_reactive(SideList.highlighted, None)
        self.refresh()

    def on_mount(self) -> None:
        self._ready = True
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending()

    def _defer(self, request: Callable[[], None]) -> bool:
        """True when the list is not mounted yet: ``request`` is kept (replacing an older one)."""
        if self._ready:
            return False
        self._pending = request
        return True

    def _replace(self, options: list[Row], signature: tuple) -> None:
        """Show ``options``, keeping the highlighted row (by id) when it is still there."""
        if signature == self._signature:
            return
        self._signature = signature
        previous = self.highlighted_option.id if self.highlighted_option else None
        self.set_options(options)
        target = None
        if previous is not None:
            try:
                target = self.get_option_index(previous)
            except KeyError:
                target = None
        if target is None:
            target = self._enabled_from(0, 1)
        self.highlighted = target

    # --- the cursor ----------------------------------------------------------

    def _enabled_from(self, index: int, step: int) -> int | None:
        """The first enabled row from ``index`` on in direction ``step`` (``index`` included)."""
        while 0 <= index < len(self.options):
            if not self.options[index].disabled:
                return index
            index += step
        return None

    def validate_highlighted(self, index: int | None) -> int | None:
        if index is None or not self.options:
            return None
        index = min(max(index, 0), len(self.options) - 1)
        return None if self.options[index].disabled else index

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        for index in (old, new):
            if index is not None and index < len(self._tops):
                self._refresh_row(index)
        if new is not None:
            self._scroll_to_row(new)
            self.row_highlighted(self.options[new])

    def _move(self, step: int, *, lines: int = 0) -> None:
        if not self.options:
            return
        start = self.highlighted
        if start is None:
            found = self._enabled_from(0 if step > 0 else len(self.options) - 1, step)
        elif lines:
            # a page: the row `lines` lines away, then the nearest enabled one
            y = max(0, min(self._height - 1, self._tops[start] + step * lines))
            target = max(0, bisect_right(self._tops, y) - 1)
            found = self._enabled_from(target, step) or self._enabled_from(target, -step)
        else:
            found = self._enabled_from(start + step, step)
        if found is not None:
            self.highlighted = found

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_page_down(self) -> None:
        self._move(1, lines=max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self._move(-1, lines=max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        found = self._enabled_from(0, 1)
        if found is not None:
            self.highlighted = found

    def action_last(self) -> None:
        found = self._enabled_from(len(self.options) - 1, -1)
        if found is not None:
            self.highlighted = found

    def action_select(self) -> None:
        option = self.highlighted_option
        if option is not None:
            self.row_chosen(option)

    def on_click(self, event: events.Click) -> None:
        where = event.get_content_offset(self)
        if where is None or not self._tops:
            return
        y = round(self.scroll_y) + where.y
        if not 0 <= y < self._height:
            return
        index = bisect_right(self._tops, y) - 1
        if not self.options[index].disabled:
            self.highlighted = index
            self.row_chosen(self.options[index])

    def _scroll_to_row(self, index: int) -> None:
        # bring the headers right above the row along (a group's title with its first row)
        first = index
        while first > 0 and self.options[first - 1].disabled:
            first -= 1
        top = self._tops[first]
        region = Region(0, top, 1, self._tops[index] + len(self.options[index].lines) - top)
        self.scroll_to_region(region, animate=False, force=True)

    def _refresh_row(self, index: int) -> None:
        for key in [k for k in self._cache if k[0] == index]:
            del self._cache[key]
        top = self._tops[index] - round(self.scroll_y)
        self.refresh(Region(0, top, self.size.width, len(self.options[index].lines)))

    # --- drawing -----------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, self._height)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line_y = round(self.scroll_y) + y
        if not 0 <= line_y < self._height:
            return Strip.blank(width, self.rich_style)
        index = bisect_right(self._tops, line_y) - 1
        option = self.options[index]
        if option.disabled:
            component = "side-list--disabled"
        elif index == self.highlighted:
            component = "side-list--highlighted"
        else:
            component = ""
        key = (index, line_y - self._tops[index], component)
        strip = self._cache.get(key)
        if strip is None or strip.cell_length != width:
            style = self.get_visual_style(component) if component else self.get_visual_style()
            line = option.fitted_line(line_y - self._tops[index], width)
            strip = Strip(line.render_segments(style), width)
            if len(self._cache) > 2000:
                self._cache.clear()
            self._cache[key] = strip
        return strip
