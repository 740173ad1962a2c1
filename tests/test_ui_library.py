"""The library screen: rows, opening, going back, counts after analysis."""

from __future__ import annotations

from pathlib import Path

from conftest import SEED_PATH, wait_complete, wait_for

from newsreader.sources import load_articles
from newsreader.ui.screens.article import ArticleScreen
from newsreader.ui.screens.library import LibraryScreen, article_title

SIZE = (100, 30)


def seeds():
    return load_articles([str(SEED_PATH.parent)])


async def test_library_lists_articles_and_opens(make_app, seed_analysis):
    articles = seeds()
    aleppo = next(a for a in articles if a.source.endswith("aleppo-evacuation.txt"))
    app = make_app(articles, {aleppo.source: seed_analysis})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        table = app.screen.query_one("#library")
        assert table.row_count == len(articles)
        for i, article in enumerate(articles):
            row = table.get_row_at(i)
            title = str(row[0])
            assert title == article_title(article) or (
                title.endswith("…") and article_title(article).startswith(title[:-1]))
            assert str(row[2]) == f"{article.word_count:,}"
        row = articles.index(aleppo)
        table.move_cursor(row=row)
        await pilot.press("enter")
        await wait_complete(pilot)
        assert isinstance(app.screen, ArticleScreen) and app.screen.article is aleppo
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen))
        # once analysed, the row shows the speakers and the quote count
        row_cells = table.get_row_at(row)
        assert str(row_cells[4]) == str(len(seed_analysis.quotes))
        # the most quoted speaker comes first
        names = [q.speaker_name or "unattributed" for q in seed_analysis.quotes]
        top = max(dict.fromkeys(names), key=names.count)
        assert str(row_cells[3]).startswith(top[:8])
        # backspace goes back too
        await pilot.press("j", "k", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        await pilot.press("backspace")
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen))


async def test_single_article_opens_directly_and_escape_stays(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("escape", "backspace")
        assert isinstance(app.screen, ArticleScreen)


def test_title_falls_back_to_file_name(seed_article):
    assert article_title(seed_article) == (seed_article.title or Path(seed_article.source).name)


async def test_library_analyses_in_background_and_reuses_it(seed_analysis):
    from conftest import fake_start

    from newsreader.ui.app import NewsreaderApp

    articles = seeds()
    aleppo = next(a for a in articles if a.source.endswith("aleppo-evacuation.txt"))
    started: list[str] = []
    start = fake_start({aleppo.source: seed_analysis})

    def counting_start(article, **kwargs):
        started.append(article.source)
        return start(article, **kwargs)

    app = NewsreaderApp(articles, start=counting_start)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: len(app.analyses) == len(articles))
        table = app.screen.query_one("#library")
        row = articles.index(aleppo)
        await pilot.pause()
        assert str(table.get_row_at(row)[4]) == str(len(seed_analysis.quotes))
        assert sorted(started) == sorted(a.source for a in articles)
        table.move_cursor(row=row)
        await pilot.press("enter")
        await wait_complete(pilot)
        assert len(started) == len(articles)  # opened from what the library already has
        assert len(app.screen.index.quotes) == len(seed_analysis.quotes)
