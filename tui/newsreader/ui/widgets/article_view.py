"""The article text: a virtualised, line-cached view with highlighted spans.

Like toolong's log view it is a ``ScrollView`` that renders only the lines on
screen (``render_line``) and caches each rendered line. Paragraphs are wrapped
once per width into (start, end) offsets; an analysis update only invalidates
the cached lines of paragraphs whose highlights changed, so a 100,000-word
article streams updates without being rebuilt.
"""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...model import ENTITY_TYPES, paragraph_spans
from ..index import Mark
from ..safe import sanitize
from ..wrap import wrap_offsets

MARGIN = 1
"""Columns left blank on the left of every line."""

_BLANK = -1
WRAP_SLICE_SECONDS = 0.008
"""Main-thread time per slice of background wrapping (keys are handled between slices)."""


class ArticleView(ScrollView, can_focus=True):
    """Shows ``text`` wrapped to the pane, with mentions, quotes and hits styled."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("space", "page_down", "Page down", show=False),
        Binding("b", "page_up", "Page up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]

    COMPONENT_CLASSES = {
        *(f"article-view--{kind}" for kind in ENTITY_TYPES),
        "article-view--quote",
        "article-view--hit",
        "article-view--selected",
        "article-view--speaker",
        "article-view--current",
    }

    class Clicked(Message):
        """The user clicked the text at ``offset`` (a character offset)."""

        def __init__(self, offset: int) -> None:
            super().__init__()
            self.offset = offset

    def __init__(self, text: str, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.text = sanitize(text)
        self.paragraphs = paragraph_spans(text) or [(0, len(text))]
        self._paragraph_starts = [s for s, _ in self.paragraphs]
        self._marks: dict[int, tuple[Mark, ...]] = {}
        self._current: tuple[int, int] | None = None
        self._hits: list[tuple[int, int]] = []
        self._hit_starts: list[int] = []
        self._selected: list[tuple[int, int]] = []
        self._selected_starts: list[int] = []
        self._speaker: tuple[int, int] | None = None
        self._lines: list[tuple[int, int, int]] = []  # (paragraph or -1, start, end)
        self._paragraph_line: list[int] = []
        self._wrap_width = 0
        self._layout_generation = 0
        self._estimate_from: list[int] = [0]
        self._cache: dict[int, Strip] = {}
        self._styles: dict[str, Style] = {}
        self._base_style: Style | None = None

    # --- layout --------------------------------------------------------

    def _relayout(self, width: int) -> None:
        width = max(1, width - MARGIN - 1)
        if width == self._wrap_width and self._lines:
            return
        self._wrap_width = width
        self._lines = []
        self._paragraph_line = []
        self._cache.clear()
        # Lines the paragraphs from p on will take, estimated (a blank line, then
        # length / width): the scrollbar's extent until they are wrapped.
        estimate = [0] * (len(self.paragraphs) + 1)
        for p in range(len(self.paragraphs) - 1, -1, -1):
            start, end = self.paragraphs[p]
            estimate[p] = estimate[p + 1] + 1 + -(-(end - start) // width)
        self._estimate_from = estimate
        # Wrap what the screen shows now and the rest in slices between events: a
        # 100,000-word text takes ~120 ms to wrap, which would delay its first paint
        # (and stall a resize). Anything that needs a line further down wraps up to it.
        height = max(self.scrollable_content_region.height, 24)
        self._wrap_until(lambda: len(self._lines) > round(self.scroll_y) + 2 * height)
        self._layout_generation += 1
        if not self.fully_wrapped:
            self.call_later(self._wrap_slice, self._layout_generation)

    @property
    def _wrapped(self) -> int:
        """How many paragraphs are wrapped (they are wrapped in order)."""
        return len(self._paragraph_line)

    def _wrap_until(self, done: Callable[[], bool]) -> None:
        """Wrap at least one more paragraph, then more until ``done()`` or the end of the text."""
        text, width, lines, first = self.text, self._wrap_width, self._lines, self._paragraph_line
        paragraphs = self.paragraphs
        before = len(first)
        # a paragraph at least each time, so a slice always makes progress
        while len(first) < len(paragraphs) and (len(first) == before or not done()):
            p = len(first)
            start, end = paragraphs[p]
            if p:
                lines.append((_BLANK, start, start))
            first.append(len(lines))
            for s, e in wrap_offsets(text[start:end], width):
                lines.append((p, start + s, start + e))
        if len(first) != before:
            self._update_virtual_size()

    def _wrap_slice(self, generation: int) -> None:
        if generation != self._layout_generation:
            return  # a newer layout (a resize) has its own slices
        deadline = time.perf_counter() + WRAP_SLICE_SECONDS
        self._wrap_until(lambda: time.perf_counter() > deadline)
        if not self.fully_wrapped:
            self.call_later(self._wrap_slice, generation)

    def _wrap_to_paragraph(self, p: int) -> None:
        if p >= self._wrapped:
            self._wrap_until(lambda: self._wrapped > p)

    @property
    def fully_wrapped(self) -> bool:
        return self._wrapped == len(self.paragraphs)

    def _wrap_all(self) -> None:
        self._wrap_until(lambda: False)

    def _update_virtual_size(self) -> None:
        """Wrapped lines, plus the estimate for the paragraphs still to wrap."""
        rest = self._estimate_from[self._wrapped]
        self.virtual_size = Size(self._wrap_width + MARGIN, len(self._lines) + rest)

    def on_resize(self, event: events.Resize) -> None:
        # Keep the text that was at the top of the view there: the same line
        # number is other text once the lines are wrapped to a new width.
        anchor = self.visible_offset() if self._lines else None
        self._relayout(self.scrollable_content_region.width)
        if anchor:
            self.scroll_to(y=self.line_of_offset(anchor), animate=False)
        self.refresh()

    def on_mount(self) -> None:
        self._relayout(self.scrollable_content_region.width or 80)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._base_style = None
        self._cache.clear()

    def _style(self, kind: str) -> Style:
        style = self._styles.get(kind)
        if style is None:
            # Mentions only add to what is under them (partial); quotes, hits and the
            # current item paint a full style so translucent theme colours blend properly.
            partial = kind in ENTITY_TYPES or kind in ("selected", "speaker")
            style = self.get_component_rich_style(f"article-view--{kind}", partial=partial)
            self._styles[kind] = style
        return style

    # --- state from the screen -----------------------------------------

    def set_marks(self, marks: dict[int, tuple[Mark, ...]]) -> None:
        """Replace the highlighted spans; only paragraphs that changed are redrawn."""
        old = self._marks
        changed = [p for p in set(old) | set(marks) if old.get(p) != marks.get(p)]
        self._marks = marks
        for p in changed:
            self._invalidate_paragraph(p)

    def set_current(self, span: tuple[int, int] | None, *, scroll: bool = True) -> None:
        """Emphasise ``span`` (the selected mention, quote or hit) and scroll to it."""
        previous = self._current
        self._current = span
        for s in (previous, span):
            if s is not None:
                for p in range(self._paragraph_of(s[0]), self._paragraph_of(max(s[0], s[1] - 1)) + 1):
                    self._invalidate_paragraph(p)
        if span is not None and scroll:
            self.scroll_to_offset(span[0], span[1])

    @property
    def current(self) -> tuple[int, int] | None:
        return self._current

    def set_speaker_mention(self, span: tuple[int, int] | None) -> None:
        """Mark the words that name or point at the current quote's speaker ("he", "the rescuers")."""
        previous = self._speaker
        if span == previous:
            return
        self._speaker = span
        for s in (previous, span):
            if s is not None:
                for p in range(self._paragraph_of(s[0]), self._paragraph_of(max(s[0], s[1] - 1)) + 1):
                    self._invalidate_paragraph(p)

    @property
    def speaker_mention(self) -> tuple[int, int] | None:
        return self._speaker

    def set_selected(self, spans: list[tuple[int, int]]) -> None:
        """Mark every mention of the selected entity (sorted spans); redraws only their paragraphs."""
        if spans == self._selected:
            return
        touched = {self._paragraph_of(s) for s, _ in self._selected} | {self._paragraph_of(s) for s, _ in spans}
        self._selected = spans
        self._selected_starts = [s for s, _ in spans]
        for p in touched:
            self._invalidate_paragraph(p)

    def set_hits(self, hits: list[tuple[int, int]]) -> None:
        self._hits = hits
        self._hit_starts = [s for s, _ in hits]
        self._cache.clear()
        self.refresh()

    # --- geometry ------------------------------------------------------

    def _paragraph_of(self, offset: int) -> int:
        return max(0, bisect_right(self._paragraph_starts, offset) - 1)

    def line_of_offset(self, offset: int) -> int:
        p = self._paragraph_of(offset)
        self._wrap_to_paragraph(p)
        if not self._lines:
            return 0
        y = self._paragraph_line[p]
        while y + 1 < len(self._lines) and self._lines[y + 1][0] == p and self._lines[y + 1][1] <= offset:
            y += 1
        return y

    def scroll_to_offset(self, start: int, end: int | None = None) -> None:
        """Bring the text at ``start`` (ideally up to ``end``) into view if it is not."""
        y = self.line_of_offset(start)
        y_end = self.line_of_offset(end - 1) if end and end > start else y
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_y)
        if y >= top and y_end < top + height:
            return
        target = max(0, y - max(1, height // 3))
        if y_end - y + 1 > height:
            target = y
        self.scroll_to(y=target, animate=False)

    def _invalidate_paragraph(self, p: int) -> None:
        if not self._paragraph_line or p >= len(self._paragraph_line):
            return  # not wrapped yet, so nothing of it is cached or on screen
        first = self._paragraph_line[p]
        last = self._paragraph_line[p + 1] if p + 1 < len(self._paragraph_line) else len(self._lines)
        for y in range(first, last):
            self._cache.pop(y, None)
        top = round(self.scroll_y)
        height = self.scrollable_content_region.height
        if first < top + height and last > top:
            self.refresh()

    def visible_offset(self) -> int:
        """The character offset of the first line on screen."""
        if not self._lines:
            return 0
        y = min(len(self._lines) - 1, round(self.scroll_y))
        return self._lines[y][1]

    # --- keyboard scrolling ----------------------------------------------
    # Textual animates key scrolls. Over SSH every animation frame is a repaint sent
    # down the wire, and a one-line animated scroll only shows its move halfway
    # through the animation; a reader wants the line to move when the key is hit.

    def action_scroll_down(self) -> None:
        self.scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.scroll_up(animate=False)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self._wrap_all()  # the end is known once every paragraph is wrapped
        self.scroll_end(animate=False)

    # --- rendering -----------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        line_y = round(self.scroll_y) + y
        base = self._base_style
        if base is None:
            base = self._base_style = self.rich_style
        if line_y >= len(self._lines) and not self.fully_wrapped:
            self._wrap_until(lambda: len(self._lines) > line_y)
        if line_y >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._cache.get(line_y)
        if strip is None:
            strip = self._render_text_line(line_y, base)
            if len(self._cache) > 4000:
                self._cache.clear()
            self._cache[line_y] = strip
        return strip.crop_extend(0, width, base)

    def _render_text_line(self, line_y: int, base: Style) -> Strip:
        p, start, end = self._lines[line_y]
        if p == _BLANK or end <= start:
            return Strip([Segment(" " * MARGIN, base)], MARGIN)
        segment = self.text[start:end]
        text = Text(" " * MARGIN + segment, style=base, no_wrap=True, end="")

        def stylize(kind: str, s: int, e: int) -> None:
            s, e = max(s, start), min(e, end)
            if e > s:
                text.stylize(self._style(kind), s - start + MARGIN, e - start + MARGIN)

        for s, e, kind in self._marks.get(p, ()):
            stylize(kind, s, e)
        if self._hits:
            i = max(0, bisect_left(self._hit_starts, start) - 1)
            while i < len(self._hits) and self._hits[i][0] < end:
                stylize("hit", *self._hits[i])
                i += 1
        if self._selected:
            i = max(0, bisect_left(self._selected_starts, start) - 1)
            while i < len(self._selected) and self._selected[i][0] < end:
                stylize("selected", *self._selected[i])
                i += 1
        if self._speaker is not None:
            stylize("speaker", *self._speaker)
        if self._current is not None:
            stylize("current", *self._current)
        # Every segment gets a style: Textual's NO_COLOR filter fails on style-less segments.
        segments = [Segment(t, s or base) for t, s, _ in text.render(self.app.console)]
        return Strip(segments, MARGIN + cell_len(segment))

    # --- mouse ---------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        where = event.get_content_offset(self)
        if where is None:
            return
        line_y = round(self.scroll_y) + where.y
        if not (0 <= line_y < len(self._lines)):
            return
        p, start, end = self._lines[line_y]
        if p == _BLANK:
            return
        x = where.x - MARGIN
        cells = 0
        for offset in range(start, end):
            cells += cell_len(self.text[offset])
            if cells > x:
                self.post_message(self.Clicked(offset))
                return
