"""SVG snapshots of the main screens (pytest-textual-snapshot; textual is pinned exactly).

The engine's output still changes, so after engine changes regenerate with:

    .venv/bin/python -m pytest tests/test_ui_snapshots.py --snapshot-update
"""

from __future__ import annotations

from conftest import SEED_PATH, wait_complete

from newsreader.sources import load_articles

SIZE = (100, 30)


def test_snapshot_library(snap_compare, make_app, seed_analysis):
    articles = load_articles([str(SEED_PATH.parent)])
    app = make_app(articles, {})

    async def ready(pilot):
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=ready)


def test_snapshot_article_entities(snap_compare, make_app):
    async def ready(pilot):
        await wait_complete(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=ready)


def test_snapshot_places_filter(snap_compare, make_app):
    async def ready(pilot):
        await wait_complete(pilot)
        await pilot.press("4", "tab", "enter")

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=ready)


def test_snapshot_quotes_view(snap_compare, make_app):
    async def ready(pilot):
        await wait_complete(pilot)
        await pilot.press("w", "right_square_bracket", "right_square_bracket")

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=ready)


def test_snapshot_help(snap_compare, make_app):
    async def ready(pilot):
        await wait_complete(pilot)
        await pilot.press("question_mark")

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=ready)
