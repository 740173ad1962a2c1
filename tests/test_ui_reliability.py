"""Keys in a burst with tab, search from the top, the "all" entities view, narrow terminals.

Each test drives the app (``run_test``) and checks what the screen shows after the keys.
"""

from __future__ import annotations

import re

from conftest import settle, wait_complete, wait_for
from test_ui_keys import SIZE, send_burst

from newsreader.ui.index import speaker_key
from newsreader.ui.widgets.article_view import ArticleView
from newsreader.ui.widgets.entity_list import EntityList, split_option_id
from newsreader.ui.widgets.side_pane import SidePane


# --- 2. keys typed in one burst with tab ---------------------------------------


async def test_key_in_one_burst_with_tab_acts_on_the_new_pane(make_app):
    async with make_app().run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        screen = pilot.app.screen
        lst = screen.side.entities
        await wait_for(pilot, lambda: lst.highlighted is not None)
        first = lst.highlighted
        assert isinstance(screen.focused, ArticleView) and screen.view.scroll_y == 0
        await send_burst(pilot, [("tab", "\t"), ("j", "j"), ("j", "j")])
        assert isinstance(screen.focused, EntityList)
        assert screen.view.scroll_y == 0  # the article did not take the j's
        assert lst.highlighted == lst._enabled_from(lst._enabled_from(first + 1, 1) + 1, 1)
        # and back: tab j scrolls the article, the list stays
        here = lst.highlighted
        await send_burst(pilot, [("tab", "\t"), ("j", "j")])
        assert isinstance(screen.focused, ArticleView)
        assert screen.view.scroll_y == 1 and lst.highlighted == here
        await send_burst(pilot, [("shift+tab", None), ("k", "k")])
        assert isinstance(screen.focused, EntityList) and lst.highlighted < here


async def test_key_in_one_burst_with_w_acts_on_the_list_shown(make_app):
    async with make_app().run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        screen = pilot.app.screen
        await pilot.press("tab")
        entities, quotes = screen.side.entities, screen.side.quotes
        here = entities.highlighted
        await send_burst(pilot, [("w", "w"), ("j", "j")])
        assert screen.focused is quotes
        await wait_for(pilot, lambda: quotes.highlighted is not None)
        assert quotes.highlighted == quotes._enabled_from(quotes._enabled_from(0, 1) + 1, 1)
        assert entities.highlighted == here


# --- 3. enter goes to the first hit, n / N go on from it -----------------------


async def test_search_enter_goes_to_the_first_hit_from_anywhere(make_app, seed_article):
    word = "Aleppo"
    expected = [m.span() for m in re.finditer(word, seed_article.text, re.IGNORECASE)]
    assert len(expected) >= 3
    async with make_app().run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        screen = pilot.app.screen
        await pilot.press("G")  # read to the end: the first hit is now above the view
        assert screen.view.scroll_y > 0
        await pilot.press("slash", *word.lower(), "enter")
        assert screen.view.current == expected[0]
        assert f"1/{len(expected)}" in screen.position_text
        assert screen.view.scroll_y == 0  # brought into view
        await pilot.press("n")
        assert screen.view.current == expected[1]
        await pilot.press("N", "N")
        assert screen.view.current == expected[-1]  # wraps
        assert f"{len(expected)}/{len(expected)}" in screen.position_text
        # enter again (a new search, typed after `/` again) starts over at the first hit
        await pilot.press("slash", "enter")
        assert screen.view.current == expected[0]


async def test_search_enter_and_n_in_one_burst(make_app, seed_article):
    word = "Aleppo"
    expected = [m.span() for m in re.finditer(word, seed_article.text, re.IGNORECASE)]
    async with make_app().run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        screen = pilot.app.screen
        await pilot.press("G")
        await send_burst(pilot, [("slash", "/"), *((c, c) for c in word), ("enter", "\r"), ("n", "n"), ("n", "n")])
        assert screen.search_bar.value == word  # the n's after enter are commands, not typed
        assert screen.search_query == word and screen.hits == expected
        assert screen.view.current == expected[2]  # the first hit, then two more
        assert f"3/{len(expected)}" in screen.position_text
        # a changed search: enter and N in one burst go to its first hit, then wrap to the last
        await pilot.press("slash", "end", "backspace", "backspace")  # (the field selects all on focus)
        await send_burst(pilot, [("enter", "\r"), ("N", "N")])
        short = [m.span() for m in re.finditer(word[:-2], seed_article.text, re.IGNORECASE)]
        assert screen.search_query == word[:-2] and screen.hits == short
        assert screen.view.current == short[-1]  # first hit, then N wraps to the last


# --- 4. the "all" entities view ------------------------------------------------


def rows_by_group(lst: EntityList) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for option in lst.options:
        if option.id and not option.disabled:
            group, key = split_option_id(option.id)
            groups.setdefault(group, []).append(key)
    return groups


async def test_all_view_lists_speakers_then_every_entity_of_each_type_once(make_app, seed_analysis):
    types = ("person", "organization", "place", "figure", "date")
    async with make_app().run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        screen = pilot.app.screen
        await pilot.press("0")
        lst = screen.side.entities
        groups = rows_by_group(lst)
        speakers = {speaker_key(q) for q in seed_analysis.quotes} - {None}
        assert list(groups)[0] == "speaker" and set(groups["speaker"]) == speakers
        for t in types:
            of_type = [e.id for e in seed_analysis.entities if e.type == t]
            if not of_type:
                continue
            assert sorted(groups[t]) == sorted(of_type), t  # all of them, once each
        # the rule holds for persons and organisations alike: a speaker is in both groups
        by_id = {e.id: e for e in seed_analysis.entities}
        speaking = {by_id[k].type for k in speakers if k in by_id}
        assert {"person", "organization"} <= speaking  # the seed has both kinds of speaker
        for key in speakers & set(by_id):
            assert key in groups[by_id[key].type]
        # the headers count what they list
        headers = [str(o.prompt) for o in lst.options if o.id and o.id.startswith("hdr\x1f")]
        for header, (group, keys) in zip(headers, groups.items()):
            assert header.endswith(f"({len(keys)})"), (header, group)
        # and filtering to one type shows the same rows as its group in "all"
        await pilot.press("2")
        assert rows_by_group(lst) == {"person": groups["person"]}


# --- 5. narrow terminals ---------------------------------------------------------


def screen_lines(app) -> list[str]:
    """The text of every line of the screen as the terminal would show it."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


COUNT = re.compile(r"(×\d+|\d+ quotes?|(direct|reported|partial) ¶\d+)$")


def first_lines_shown(lst) -> list[str]:
    """The first line of each enabled row on screen, as drawn."""
    top = round(lst.scroll_y)
    out = []
    for i, row in enumerate(lst.options):
        y = lst._tops[i] - top
        if not row.disabled and 0 <= y < lst.scrollable_content_region.height:
            out.append(lst.render_line(y).text.rstrip())
    return out


async def test_at_80x24_side_rows_keep_their_counts(make_app, seed_analysis):
    longest = max((e for e in seed_analysis.entities if e.type == "person"), key=lambda e: len(e.name))
    async with make_app().run_test(size=(80, 24)) as pilot:
        await wait_complete(pilot)
        screen = pilot.app.screen
        lst = screen.side.entities
        rows = first_lines_shown(lst)
        assert len(rows) > 5
        assert all(COUNT.search(r) for r in rows), rows
        # a name too long for the pane is cut, its count is not
        await pilot.press("2")
        assert lst.select_key(longest.id)
        await pilot.pause()
        row = next(r for r in first_lines_shown(lst) if r.startswith(longest.name[:5]))
        assert row.endswith(f"×{len(longest.mentions)}"), row
        assert len(longest.name) + 4 > lst.scrollable_content_region.width or longest.name in row
        await pilot.press("w")
        rows = first_lines_shown(screen.side.quotes)
        assert rows and all(COUNT.search(r) for r in rows), rows


async def test_at_60x20_the_footer_is_clean_and_shows_help_and_quit(make_app):
    async with make_app().run_test(size=(60, 20)) as pilot:
        await wait_complete(pilot)
        await settle(pilot)
        footer = screen_lines(pilot.app)[-1].rstrip()
        assert "? Help" in footer and "q Quit" in footer, footer
        # nothing runs under the docked palette key: the line ends with it
        assert footer.endswith("^p palette"), footer
        words = re.sub(r"▏\^p palette$", "", footer).split()
        pairs = list(zip(words[::2], words[1::2]))  # key, description: no stray letters
        assert len(words) % 2 == 0 and ("?", "Help") in pairs and ("q", "Quit") in pairs, footer


async def test_at_100_columns_the_footer_shows_every_key(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        await wait_complete(pilot)
        await settle(pilot)
        footer = screen_lines(pilot.app)[-1]
        for part in ("tab Pane", "/ Search", "n Next", "] Quote", "w View", "c Cite", "? Help", "q Quit", "^p palette"):
            assert part in footer, footer


async def test_at_40x12_the_article_gets_the_width_and_p_shows_the_side_pane(make_app):
    async with make_app().run_test(size=(40, 12)) as pilot:
        await wait_complete(pilot)
        await settle(pilot)
        screen = pilot.app.screen
        assert not screen.side.display  # hidden by itself below 50 columns
        assert screen.view.outer_size.width == 40
        footer = screen_lines(pilot.app)[-1]
        assert "? Help" in footer and "q Quit" in footer, footer
        await pilot.press("tab", "j")  # no side pane to go to: j scrolls the article
        assert isinstance(screen.focused, ArticleView) and screen.view.scroll_y == 1
        await pilot.press("p")
        await settle(pilot)
        side = screen.query_one(SidePane)
        assert side.display and side.outer_size.width > 0
        assert screen.view.outer_size.width >= side.outer_size.width
        await pilot.press("tab")
        assert isinstance(screen.focused, EntityList)
        await pilot.press("p")  # hidden again, the focus back on the article
        assert not side.display and isinstance(screen.focused, ArticleView)


async def test_widening_past_50_columns_shows_the_side_pane_unless_hidden_with_p(make_app):
    async with make_app().run_test(size=(40, 12)) as pilot:
        await wait_complete(pilot)
        screen = pilot.app.screen
        assert not screen.side.display
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert screen.side.display
        assert screen.view.outer_size.width >= screen.side.outer_size.width
        await pilot.press("p")
        await pilot.resize_terminal(45, 20)
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert not screen.side.display  # p said so: the width does not overrule it


async def test_help_at_40x12_gives_the_descriptions_room(make_app):
    async with make_app().run_test(size=(40, 12)) as pilot:
        await wait_complete(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        lines = screen_lines(pilot.app)
        row = next(line for line in lines if "j k ↑ ↓" in line)
        assert "move in the list" in row, lines  # side by side, the description not squeezed
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        row = next(line for line in screen_lines(pilot.app) if "space b pgup" in line)
        assert "space b pgup pgdn g G" in row  # wide: the keys on one line, as before
