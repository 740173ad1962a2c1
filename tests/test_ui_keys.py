"""Pilot tests for every reader key on the seed article.

Expectations derive from the analysis (``seed_analysis``), not from engine output
written into the test, so they hold while the engine improves.
"""

from __future__ import annotations

import re

from conftest import wait_complete, wait_for

from newsreader.ui.citation import citation, osc52_payload
from newsreader.ui.widgets.entity_list import EntityList, split_option_id
from newsreader.ui.index import speaker_key
from newsreader.ui.widgets.quote_list import QuoteList
from newsreader.ui.screens.article import ArticleScreen
from newsreader.ui.screens.help import HelpScreen
from newsreader.ui.widgets.article_view import ArticleView

SIZE = (100, 30)


def groups_shown(lst: EntityList) -> set[str]:
    return {split_option_id(o.id)[0] for o in lst.options if o.id and not o.disabled}


def most_mentioned(analysis, type_=None):
    ents = [e for e in analysis.entities if type_ is None or e.type == type_]
    return max(ents, key=lambda e: len(e.mentions))


async def focus_entity(pilot, key: str) -> None:
    screen = pilot.app.screen
    screen.side.set_view("entities")
    screen.side.set_filter("all")
    assert screen.side.entities.select_key(key)
    screen.side.entities.focus()
    await pilot.pause()


async def test_a_known_analysis_is_shown_without_a_run(seed_article, seed_analysis):
    # what the CLI does for a cached reopen: the analysis is handed to the app
    from newsreader.ui.app import NewsreaderApp

    def no_run(*args, **kwargs):
        raise AssertionError("a known analysis must not start an analysis run")

    app = NewsreaderApp([seed_article], start=no_run, analyses={seed_article.source: seed_analysis})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.analysis_complete
        assert re.fullmatch(r"\d+ entities · \d+ quotes", screen.status.progress)
        await wait_for(pilot, lambda: screen.side.entities.option_count > 1)


async def test_article_readable_before_analysis(seed_article, seed_analysis):
    import threading

    from conftest import fake_start

    from newsreader.ui.app import NewsreaderApp

    gate = threading.Event()
    app = NewsreaderApp([seed_article], start=fake_start({seed_article.source: seed_analysis}, gate=gate))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert screen.index is None
        lines = [screen.view.render_line(y).text for y in range(3)]
        assert seed_article.text.split()[0] in "".join(lines)
        assert "Analysing" in str(screen.side.entities.options[0].prompt)
        gate.set()
        await wait_complete(pilot)
        assert screen.side.entities.option_count > 1


async def test_tab_and_shift_tab_switch_pane(make_app):
    async with make_app().run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        screen = pilot.app.screen
        assert isinstance(screen.focused, ArticleView)
        await pilot.press("tab")
        assert isinstance(screen.focused, EntityList)
        await pilot.press("tab")
        assert isinstance(screen.focused, ArticleView)
        await pilot.press("shift+tab")
        assert isinstance(screen.focused, EntityList)
        await pilot.press("w")
        assert isinstance(screen.focused, QuoteList)


async def test_j_k_and_arrows_move(make_app):
    async with make_app().run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        screen = pilot.app.screen
        await pilot.press("tab")
        lst = screen.side.entities
        first = lst.highlighted
        await pilot.press("j")
        second = lst.highlighted
        assert second > first and not lst.options[second].disabled
        await pilot.press("down")
        assert lst.highlighted > second
        await pilot.press("k", "up")
        assert lst.highlighted == first
        # the status line names the highlighted entity
        key = lst.selected_key
        assert screen.index.entities[key].name in screen.position_text
        # in the article, j / down scroll
        await pilot.press("tab")
        await pilot.press("j", "j", "down")
        assert screen.view.scroll_y == 3
        await pilot.press("k")
        assert screen.view.scroll_y == 2


async def test_enter_jumps_to_first_mention(make_app, seed_analysis, seed_article):
    entity = most_mentioned(seed_analysis, "place")
    async with make_app().run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        screen = pilot.app.screen
        await focus_entity(pilot, entity.id)
        await pilot.press("enter")
        first = min(entity.mentions, key=lambda m: m.start)
        assert screen.view.current == (first.start, first.end)
        assert screen.view.text[first.start:first.end] == first.text
        assert f"1/{len(entity.mentions)}" in screen.position_text


async def test_enter_jumps_to_selected_quote(make_app, seed_analysis):
    quotes = sorted(seed_analysis.quotes, key=lambda q: q.start)
    target = quotes[len(quotes) // 2]
    async with make_app().run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        screen = pilot.app.screen
        await pilot.press("w", "tab")
        assert isinstance(screen.focused, QuoteList)
        screen.side.quotes.select_quote(target.id)
        await pilot.press("enter")
        assert screen.view.current == (target.start, target.end)
        # the quote is on screen
        y = screen.view.line_of_offset(target.start)
        assert screen.view.scroll_y <= y < screen.view.scroll_y + screen.view.scrollable_content_region.height


async def test_n_and_N_step_mentions_with_wrap(make_app, seed_analysis):
    entity = most_mentioned(seed_analysis)
    spans = sorted(entity.mentions, key=lambda m: m.start)
    total = len(spans)
    assert total >= 2
    async with make_app().run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        screen = pilot.app.screen
        await focus_entity(pilot, entity.id)
        await pilot.press("enter")
        for i in range(1, total):
            await pilot.press("n")
            assert screen.view.current == (spans[i].start, spans[i].end)
            assert f"{i + 1}/{total}" in screen.position_text
        await pilot.press("n")  # wraps to the first
        assert screen.view.current == (spans[0].start, spans[0].end)
        assert f"1/{total}" in screen.position_text
        await pilot.press("N")  # and back to the last
        assert screen.view.current == (spans[-1].start, spans[-1].end)
        assert f"{total}/{total}" in screen.position_text


async def test_brackets_step_quotes_in_article_order(make_app, seed_analysis):
    quotes = sorted(seed_analysis.quotes, key=lambda q: (q.start, q.end))
    async with make_app().run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        screen = pilot.app.screen
        await pilot.press("right_square_bracket")
        assert screen.view.current == (quotes[0].start, quotes[0].end)
        assert screen.current_quote == quotes[0].id
        assert f"quote 1/{len(quotes)}" in screen.position_text
        await pilot.press("right_square_bracket")
        assert screen.view.current == (quotes[1].start, quotes[1].end)
        await pilot.press("left_square_bracket")
        assert screen.view.current == (quotes[0].start, quotes[0].end)
        await pilot.press("left_square_bracket")  # wraps to the last quote
        assert screen.view.current == (quotes[-1].start, quotes[-1].end)
        assert screen.side.quotes.selected_quote_id == quotes[-1].id


async def test_type_filters(make_app, seed_analysis):
    expected = {"1": "speaker", "2": "person", "3": "organization", "4": "place", "5": "figure", "6": "date"}
    async with make_app().run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        lst = pilot.app.screen.side.entities
        for key, group in expected.items():
            await pilot.press(key)
            assert lst.filter == group
            shown = {split_option_id(o.id)[1] for o in lst.options if o.id and not o.disabled}
            if group == "speaker":
                want = {speaker_key(q) for q in seed_analysis.quotes} - {None}
            else:
                want = {e.id for e in seed_analysis.entities if e.type == group}
            assert want and shown == want, group
            assert groups_shown(lst) <= {group}
        await pilot.press("0")
        assert lst.filter == "all"
        assert len(groups_shown(lst)) >= 3
        assert pilot.app.screen.side.border_title == "Entities"


async def test_w_switches_view_and_s_limits_to_speaker(make_app, seed_analysis):
    quotes = sorted(seed_analysis.quotes, key=lambda q: q.start)
    by_speaker: dict[str, list] = {}
    for q in quotes:
        by_speaker.setdefault(speaker_key(q), []).append(q)
    key = max((k for k in by_speaker if k), key=lambda k: len(by_speaker[k]))
    async with make_app().run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        screen = pilot.app.screen
        await pilot.press("w")
        assert screen.side.view == "quotes"
        ql = screen.side.quotes
        assert [o.id for o in ql.options if not o.disabled] == [q.id for q in quotes]
        ql.select_quote(by_speaker[key][0].id)
        await pilot.press("s")
        assert ql.speaker == key
        assert [o.id for o in ql.options if not o.disabled] == [q.id for q in by_speaker[key]]
        await pilot.press("s")  # again: all quotes
        assert ql.speaker is None
        await pilot.press("s", "escape")  # escape clears the speaker filter too
        assert ql.speaker is None
        await pilot.press("w")
        assert screen.side.view == "entities"


async def test_s_from_speaker_entity(make_app, seed_analysis):
    key = max({speaker_key(q) for q in seed_analysis.quotes} - {None},
              key=lambda k: sum(speaker_key(q) == k for q in seed_analysis.quotes))
    async with make_app().run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        screen = pilot.app.screen
        await pilot.press("1")
        screen.side.entities.select_key(key)
        await pilot.press("s")
        assert screen.side.view == "quotes" and screen.side.quotes.speaker == key


async def test_search_steps_hits_and_escape_clears(make_app, seed_article):
    word = "Aleppo"
    expected = [m.span() for m in re.finditer(word, seed_article.text, re.IGNORECASE)]
    async with make_app().run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        screen = pilot.app.screen
        await pilot.press("slash")
        await pilot.press(*word.lower())  # typed keys go to the search field, not the bindings
        assert screen.hits == expected
        await pilot.press("enter")
        assert isinstance(screen.focused, ArticleView)
        assert screen.view.current == expected[0]
        assert f"1/{len(expected)}" in screen.position_text
        await pilot.press("n", "n")
        assert screen.view.current == expected[2]
        await pilot.press("N")
        assert screen.view.current == expected[1]
        await pilot.press("escape")
        assert screen.hits == [] and not screen.query_one("#search").display
        assert screen.view.current is None


async def send_burst(pilot, keys: list[tuple[str, str | None]]) -> None:
    """Keys queued all at once, as one read from a terminal delivers them (a paste,
    keys bunched by a slow SSH link): no frame and no action runs in between."""
    from textual import events

    for key, char in keys:
        pilot.app.post_message(events.Key(key, char))
    await pilot.pause()


async def test_keys_in_one_burst_with_slash_go_to_the_search(make_app, seed_article):
    word = "Aleppo"
    expected = [m.span() for m in re.finditer(word, seed_article.text, re.IGNORECASE)]
    async with make_app().run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        screen = pilot.app.screen
        await send_burst(pilot, [("slash", "/"), *((c, c) for c in word), ("enter", "\r")])
        assert screen.search_query == word and screen.hits == expected
        assert screen.view.current == expected[0]  # the Enter in the burst searched


async def test_command_keys_in_one_burst_with_slash_are_typed_not_run(make_app):
    async with make_app().run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        screen = pilot.app.screen
        # e = export, ? = help, w = quotes view, q = quit
        await send_burst(pilot, [("slash", "/"), ("e", "e"), ("question_mark", "?"), ("w", "w"), ("q", "q")])
        assert pilot.app.is_running and pilot.app.screen is screen
        assert screen.side.view == "entities"
        assert screen.search_bar.value == "e?wq"
        await pilot.press("escape")
        await pilot.press("w")  # the bindings are back once the search is closed
        assert screen.side.view == "quotes"


async def test_copy_citation_sends_osc52(make_app, seed_analysis, seed_article):
    quotes = sorted(seed_analysis.quotes, key=lambda q: q.start)
    async with make_app().run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        written: list[str] = []
        driver = pilot.app._driver
        original = driver.write
        driver.write = lambda data: (written.append(data), original(data))[1]
        await pilot.press("c")  # nothing selected yet: a warning, no clipboard
        assert not any("\x1b]52" in w for w in written)
        await pilot.press("right_square_bracket", "c")
        q = quotes[0]
        entity = next((e for e in seed_analysis.entities if e.id == q.speaker), None)
        role = entity.roles[0] if entity and entity.roles else None
        expected = citation(q.text, q.speaker_name, role, "aleppo-evacuation.txt", seed_article.published,
                            kind=q.kind)
        assert pilot.app.clipboard == expected
        assert expected.startswith("“" if q.kind != "indirect" else q.text.split()[0])
        assert (q.speaker_name or "unattributed") in expected
        assert f"\x1b]52;c;{osc52_payload(expected)}\a" in written
        assert any("Copied citation" in (n.title or "") for n in pilot.app._notifications)


async def test_export_writes_file(make_app, seed_analysis, seed_article, tmp_path):
    from newsreader.export import render
    from newsreader.ui.screens.export import ExportScreen

    target = tmp_path / "out.csv"
    async with make_app().run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        await pilot.press("e")
        assert isinstance(pilot.app.screen, ExportScreen)
        await pilot.press("right", "space")  # JSON -> CSV in the radio set
        dialog = pilot.app.screen
        assert dialog.fmt == "csv"
        dialog.query_one("#export-path").value = str(target)
        await pilot.click("#export-ok")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ArticleScreen)
        assert target.read_text(encoding="utf-8") == render(seed_article, pilot.app.screen.index.analysis, "csv")
        # an unwritable path is said in the dialog, which stays open with the path as typed
        await pilot.press("e")
        typed = str(tmp_path / "missing" / "x.json")
        pilot.app.screen.query_one("#export-path").value = typed
        await pilot.click("#export-ok")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportScreen)
        assert dialog.query_one("#export-path").value == typed
        assert dialog.message == f"Cannot write {typed}: No such file or directory"


async def test_command_palette_finds_entity(make_app, seed_analysis):
    entity = most_mentioned(seed_analysis, "person")
    async with make_app().run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*entity.name)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ArticleScreen)
                       and pilot.app.screen.view.current is not None)
        screen = pilot.app.screen
        first = min(entity.mentions, key=lambda m: m.start)
        assert screen.view.current == (first.start, first.end)
        assert screen.selected_key == entity.id


async def test_help_lists_every_key(make_app):
    from newsreader.ui.screens.help import HELP

    async with make_app().run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            assert isinstance(pilot.app.screen, HelpScreen)
            await pilot.press("escape")
            assert isinstance(pilot.app.screen, ArticleScreen)
    listed = " ".join(k for _, keys in HELP for k, _ in keys)
    for word in ("tab", "j", "k", "enter", "n / N", "] / [", "1", "2", "3", "4", "5", "6", "0", "w", "s", "/",
                 "escape", "c", "e", "ctrl+p", "q", "?", "f1", "p"):
        assert word in listed


async def test_q_quits(make_app):
    import asyncio

    async with make_app().run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        assert pilot.app.is_running
        await pilot.press("q")
        for _ in range(200):  # (not pilot.pause: the app is closing)
            if not pilot.app.is_running:
                break
            await asyncio.sleep(0.05)
        assert not pilot.app.is_running


async def test_p_hides_side_pane_and_narrow_terminal(make_app):
    async with make_app().run_test(size=(80, 24)) as pilot:
        await wait_complete(pilot)
        screen = pilot.app.screen
        await pilot.press("p")
        assert not screen.side.display
        await pilot.press("tab")
        assert isinstance(screen.focused, ArticleView)
        await pilot.press("p")
        assert screen.side.display
        for size in ((60, 20), (40, 12), (120, 40), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.press("right_square_bracket", "n", "w", "w")
        assert screen.view.current is not None


async def test_click_on_mention_selects_entity(make_app, seed_analysis):
    async with make_app().run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        screen = pilot.app.screen
        view = screen.view
        # the first mention visible on the first line of text
        entity, span = min(((e, m) for e in seed_analysis.entities for m in e.mentions),
                           key=lambda em: em[1].start)
        region = view.content_region
        x = region.x + 1 + (span.start - view._lines[0][1])
        await pilot.click(offset=(x, region.y))
        assert screen.selected_key == entity.id
        assert view.current == (span.start, span.end)
