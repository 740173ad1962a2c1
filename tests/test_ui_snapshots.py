"""SVG snapshots of the main screens (pytest-textual-snapshot; textual is pinned exactly).

The snapshots must not depend on timing or on the engine:

* every analysis is known up front (the committed ``tests/fixtures/ui`` analyses,
  handed to the app as a cached reopen does), so nothing streams in while the
  screen is drawn and no partial update can leave the cursor on another row;
* each picture is taken once the screen has settled (no worker running, no
  message or animation pending) and the test has checked that the state it is
  named for is the one on screen.

After changing the UI, or regenerating the fixtures (``tests/make_ui_fixtures.py``),
refresh them on purpose and look at the SVGs:

    .venv/bin/python -m pytest tests/test_ui_snapshots.py --snapshot-update
"""

from __future__ import annotations

from conftest import SEED_PATH, load_ui_analysis, settle, wait_complete, wait_for

from newsreader.sources import load_articles
from newsreader.ui.app import NewsreaderApp
from newsreader.ui.screens.help import HelpScreen
from newsreader.ui.screens.library import LibraryScreen

SIZE = (100, 30)


class NoRun:
    """A ``start`` that records calls: with every analysis known, none may be made."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, article, **kwargs):
        self.calls.append(article.source)
        raise AssertionError(f"a snapshot started an analysis of {article.source}")


def known_app(articles) -> tuple[NewsreaderApp, NoRun]:
    start = NoRun()
    analyses = {a.source: load_ui_analysis(a) for a in articles}
    return NewsreaderApp(articles, start=start, analyses=analyses), start


def first_enabled(side_list) -> int:
    return next(i for i, row in enumerate(side_list.options) if not row.disabled)


async def article_settled(pilot) -> None:
    """The article screen with the whole analysis applied and the side lists in place."""
    await wait_complete(pilot)
    screen = pilot.app.screen
    # the first row's highlight reaches the screen as a message: wait for it to be applied
    await wait_for(pilot, lambda: screen.selected_key is not None
                   and screen.selected_key == screen.side.entities.selected_key)
    await settle(pilot)
    assert screen.view.fully_wrapped
    assert screen.view.scroll_y == 0


def test_snapshot_library(snap_compare):
    articles = load_articles([str(SEED_PATH.parent)])
    app, start = known_app(articles)

    async def ready(pilot):
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        table = screen.query_one("#library")
        assert table.row_count == len(articles) == 4
        # every row shows its analysis: the quote count of its fixture
        for i, article in enumerate(articles):
            assert str(table.get_row_at(i)[4]) == str(len(app.analyses[article.source].quotes))
        assert table.cursor_row == 0

    assert snap_compare(app, terminal_size=SIZE, run_before=ready)
    assert start.calls == []


def test_snapshot_article_entities(snap_compare, seed_article):
    app, start = known_app([seed_article])

    async def ready(pilot):
        await article_settled(pilot)
        screen = app.screen
        entities = screen.side.entities
        assert screen.side.view == "entities" and entities.filter == "all"
        # the cursor on the first speaker, at the top of the list, its name in the status line
        assert entities.highlighted == first_enabled(entities)
        assert entities.scroll_y == 0
        assert entities.options[0].id == "hdr\x1fspeaker"
        assert screen.position_text.endswith("· n/N")
        assert screen.focused is screen.view

    assert snap_compare(app, terminal_size=SIZE, run_before=ready)
    assert start.calls == []


def test_snapshot_places_filter(snap_compare, seed_article):
    app, start = known_app([seed_article])

    async def ready(pilot):
        await article_settled(pilot)
        await pilot.press("4", "tab", "enter")
        screen = app.screen
        entities = screen.side.entities
        await wait_for(pilot, lambda: screen.mention_pos == 0)
        await settle(pilot)
        # only places; the first (most mentioned) one chosen: its first mention is current
        assert entities.filter == "place"
        assert {o.id.split("\x1f")[0] for o in entities.options if not o.disabled} == {"place"}
        assert entities.highlighted == first_enabled(entities)
        assert screen.focused is entities
        place = screen.index.entities[screen.selected_key]
        assert place.type == "place"
        first = min(place.mentions, key=lambda m: m.start)
        assert screen.view.current == (first.start, first.end)
        assert screen.position_text == f"{place.name} 1/{len(place.mentions)}"

    assert snap_compare(app, terminal_size=SIZE, run_before=ready)
    assert start.calls == []


def test_snapshot_quotes_view(snap_compare, seed_article):
    app, start = known_app([seed_article])

    async def ready(pilot):
        await article_settled(pilot)
        await pilot.press("w", "right_square_bracket", "right_square_bracket")
        screen = app.screen
        second = sorted(screen.index.quotes, key=lambda q: (q.start, q.end))[1]
        await wait_for(pilot, lambda: screen.current_quote == second.id)
        await settle(pilot)
        # the Quotes view, the second quote of the article current in the text and the list
        assert screen.side.view == "quotes"
        assert screen.side.quotes.selected_quote_id == second.id
        assert screen.view.current == (second.start, second.end)
        assert screen.position_text.startswith(f"quote 2/{len(screen.index.quotes)} · ")

    assert snap_compare(app, terminal_size=SIZE, run_before=ready)
    assert start.calls == []


def test_snapshot_help(snap_compare, seed_article):
    app, start = known_app([seed_article])

    async def ready(pilot):
        await article_settled(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=ready)
    assert start.calls == []
