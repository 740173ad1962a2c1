"""The side pane's list widget on its own: cursor keys, disabled rows, clicks, drawing only what shows."""

from __future__ import annotations

from textual.app import App, ComposeResult

from newsreader.ui.widgets.side_list import Row, SideList


class Recording(SideList):
    def __init__(self) -> None:
        super().__init__(id="list")
        self.seen: list[str] = []
        self.chosen: list[str] = []

    def row_highlighted(self, option: Row) -> None:
        self.seen.append(option.id)

    def row_chosen(self, option: Row) -> None:
        self.chosen.append(option.id)


class ListApp(App):
    def compose(self) -> ComposeResult:
        yield Recording()


def rows(n: int) -> list[Row]:
    out = []
    for i in range(n):
        if i % 10 == 0:
            out.append(Row.of((f"Group {i // 10}", "bold reverse"), disabled=True))
        out.append(Row.of(((f"Name {i}", "bold"), ("  ×3", "dim")), (("  ", ""), (f"role {i} " * 8, "italic")),
                          id=f"r{i}"))
    return out


async def test_keys_skip_disabled_rows_and_page_and_end():
    app = ListApp()
    async with app.run_test(size=(40, 12)) as pilot:
        lst = app.query_one(Recording)
        lst._replace(rows(100), ("all",))
        lst.focus()
        await pilot.pause()
        assert lst.highlighted_option.id == "r0"  # the first enabled row, past the header
        await pilot.press("j")
        assert lst.highlighted_option.id == "r1"
        for _ in range(9):
            await pilot.press("j")
        assert lst.highlighted_option.id == "r10"  # the "Group 1" header was skipped
        await pilot.press("k")
        assert lst.highlighted_option.id == "r9"
        await pilot.press("pagedown")
        assert lst.highlighted_option.id in {"r13", "r14"}  # ~5 two-line rows further on
        await pilot.press("end")
        assert lst.highlighted_option.id == "r99"
        top = round(lst.scroll_y)
        assert top > 0 and lst._tops[lst.highlighted] < top + lst.scrollable_content_region.height
        await pilot.press("home")
        assert lst.highlighted_option.id == "r0" and round(lst.scroll_y) == 0
        await pilot.press("enter")
        assert lst.chosen == ["r0"]
        assert lst.seen[-1] == "r0"


async def test_only_the_rows_on_screen_are_drawn_and_long_lines_are_cut():
    app = ListApp()
    async with app.run_test(size=(40, 12)) as pilot:
        lst = app.query_one(Recording)
        drawn: list[int] = []
        original = Row.line

        def counting(self, y):
            drawn.append(y)
            return original(self, y)

        Row.line = counting
        try:
            lst._replace(rows(5000), ("all",))
            await pilot.pause()
            assert lst.virtual_size.height == sum(len(r.lines) for r in lst.options)
            assert 0 < len(drawn) <= 3 * 12  # the lines of one screen, not of 5,500 rows
        finally:
            Row.line = original
        line = lst.render_line(2).text
        assert len(line) == lst.scrollable_content_region.width and line.rstrip().endswith("…")


async def test_a_click_highlights_and_chooses_the_row_under_it():
    app = ListApp()
    async with app.run_test(size=(40, 12)) as pilot:
        lst = app.query_one(Recording)
        lst._replace(rows(20), ("all",))
        await pilot.pause()
        # line 0 is the header, lines 1-2 row r0, lines 3-4 row r1
        await pilot.click(Recording, offset=(2, 3))
        assert lst.highlighted_option.id == "r1" and lst.chosen == ["r1"]
        await pilot.click(Recording, offset=(2, 0))  # a header: nothing happens
        assert lst.highlighted_option.id == "r1" and lst.chosen == ["r1"]


async def test_a_rebuild_keeps_the_highlighted_row_by_id():
    app = ListApp()
    async with app.run_test(size=(40, 12)) as pilot:
        lst = app.query_one(Recording)
        lst._replace(rows(30), ("all",))
        lst.highlighted = lst.get_option_index("r25")
        await pilot.pause()
        lst._replace(rows(40), ("all", 2))
        assert lst.highlighted_option.id == "r25"
        lst._replace([r for r in rows(40) if r.id != "r25"], ("all", 3))
        assert lst.highlighted_option.id == "r0"
