"""The reader's half of the archive: the library keeps it; `/` searches it; `s` lists the
speakers; "everything X said" from the Speakers view and from an article.

Every test's archive is its own (``$NEWSREADER_ARCHIVE`` in ``tmp_path``, set for every
test by ``conftest``); analyses are the committed fixtures of ``tests/fixtures/ui``.
"""

from __future__ import annotations

import copy
import dataclasses
import os
import subprocess
import sys
import textwrap

from conftest import ROOT, SEED_PATH, fake_start, load_ui_analysis, wait_complete, wait_for

from newsreader import archive as arc
from newsreader.sources import load_articles
from newsreader.ui.app import NewsreaderApp
from newsreader.ui.screens.archive_search import ArchiveSearchScreen
from newsreader.ui.screens.article import ArticleScreen
from newsreader.ui.screens.library import LibraryScreen
from newsreader.ui.screens.speaker_quotes import SpeakerQuotesScreen
from newsreader.ui.screens.speakers import SpeakersScreen

SIZE = (80, 24)


def seeds():
    articles = load_articles([str(SEED_PATH.parent)])
    return articles, {a.source: load_ui_analysis(a) for a in articles}


def counting(analyses):
    started: list[str] = []
    start = fake_start(analyses)

    def run(article, **kwargs):
        started.append(article.source)
        return start(article, **kwargs)

    return run, started


async def settled(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def indexed_library(pilot):
    await settled(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, LibraryScreen) and screen.indexing is None
    return screen


def later_copy(tmp_path, article, published: str, title: str):
    """The same text as another file, published later: the same speakers in a second article."""
    path = tmp_path / "later.txt"
    path.write_text(article.text, encoding="utf-8")
    return dataclasses.replace(article, source=str(path), published=published, title=title)


async def test_library_indexes_into_the_archive_and_a_reopen_analyses_nothing(tmp_path):
    articles, analyses = seeds()
    start, started = counting(analyses)
    app = NewsreaderApp(articles, start=start)
    async with app.run_test(size=SIZE) as pilot:
        screen = await indexed_library(pilot)
        assert sorted(started) == sorted(a.source for a in articles)
    with arc.Archive.open(readonly=True) as store:
        assert store.counts()["articles"] == len(articles)
        assert store.counts()["quotes"] == sum(len(a.quotes) for a in analyses.values())
        assert not store.links_stale()
    # reopened: every text is archived, so nothing is analysed; the rows come from the archive
    start, started = counting(analyses)
    app = NewsreaderApp(articles, start=start)
    async with app.run_test(size=SIZE) as pilot:
        screen = await indexed_library(pilot)
        assert started == []
        table = screen.query_one("#library")
        for i, article in enumerate(articles):
            assert table.get_row_at(i)[4] == str(len(analyses[article.source].quotes))
    # a changed text is analysed again (and only it)
    changed = dataclasses.replace(articles[0], text=articles[0].text + "\nA late line.\n")
    start, started = counting({changed.source: analyses[articles[0].source]})
    app = NewsreaderApp([changed, *articles[1:]], start=start)
    async with app.run_test(size=SIZE) as pilot:
        await indexed_library(pilot)
        assert started == [changed.source]


async def test_the_library_shows_its_progress_while_indexing(tmp_path):
    import threading

    articles, analyses = seeds()
    gate = threading.Event()
    app = NewsreaderApp(articles, start=fake_start(analyses, gate=gate))
    async with app.run_test(size=SIZE) as pilot:
        title = app.screen.query_one("#library-title")
        await wait_for(pilot, lambda: app.screen.indexing == (0, len(articles)))
        assert f"indexing 0/{len(articles)}" in str(title.render())
        await pilot.press("j")  # the keyboard answers meanwhile
        assert app.screen.query_one("#library").cursor_row == 1
        gate.set()
        await indexed_library(pilot)
        assert "indexing" not in str(title.render())


async def test_a_corrupt_archive_is_one_warning_and_the_library_still_works(tmp_path):
    path = arc.archive_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    articles, analyses = seeds()
    app = NewsreaderApp(articles, start=fake_start(analyses))
    async with app.run_test(size=SIZE) as pilot:
        screen = await indexed_library(pilot)
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert len(warnings) == 1 and "unusable" in warnings[0].message
        assert "going on without the archive" in warnings[0].message
        # the rows still fill from the analyses, and an article opens
        assert screen.query_one("#library").get_row_at(0)[4] == str(len(analyses[articles[0].source].quotes))
        await pilot.press("enter")
        await wait_complete(pilot)
        assert isinstance(app.screen, ArticleScreen)
    assert path.read_bytes().startswith(b"this is not a database")  # never overwritten


async def test_an_archive_that_cannot_be_created_is_one_warning(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(arc.ARCHIVE_ENV, str(blocker / "archive.sqlite3"))
    articles, analyses = seeds()
    app = NewsreaderApp(articles, start=fake_start(analyses))
    async with app.run_test(size=SIZE) as pilot:
        screen = await indexed_library(pilot)
        warnings = [n.message for n in app._notifications if n.severity == "warning"]
        assert len(warnings) == 1 and "cannot create the archive's folder" in warnings[0]
        assert screen.query_one("#library").get_row_at(0)[4] == str(len(analyses[articles[0].source].quotes))
        await pilot.press("s")  # the Speakers view says why
        await wait_for(pilot, lambda: isinstance(app.screen, SpeakersScreen) and app.screen.speakers == [])
        assert "the archive cannot be read" in str(app.screen.query_one("#speakers-title").render())
        await pilot.press("escape", "slash", *"tanaka")  # the search says it once, not at every letter
        await wait_for(pilot, lambda: isinstance(app.screen, ArchiveSearchScreen))
        await settled(pilot)
        said = [n.message for n in app._notifications]
        assert len(said) == 3 and all(m.startswith("no archive at") for m in said[1:]), said
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)


async def test_library_search_finds_a_quote_and_enter_opens_the_article_at_it(tmp_path):
    articles, analyses = seeds()
    aleppo = next(a for a in articles if a.source.endswith("aleppo-evacuation.txt"))
    quote = next(q for q in analyses[aleppo.source].quotes if "torture" in q.text)
    app = NewsreaderApp(articles, start=fake_start(analyses))
    async with app.run_test(size=SIZE) as pilot:
        await indexed_library(pilot)
        await pilot.press("slash", *"torture")
        await wait_for(pilot, lambda: isinstance(app.screen, ArchiveSearchScreen) and app.screen.hits)
        screen = app.screen
        hits = screen.query_one("#archive-search-hits")
        row = hits.get_row_at(0)
        assert row[0] == "quote" and "torture" in row[1] and row[2] == "aleppo-evacuation.txt"
        assert row[3] == str(quote.paragraph_number)
        assert "torture" in str(screen.query_one("#archive-search-detail").render())
        await pilot.press("enter", "enter")  # into the hits, then open
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        await wait_complete(pilot)
        article_screen = app.screen
        await wait_for(pilot, lambda: article_screen.current_quote == quote.id)
        assert article_screen.article is aleppo
        assert article_screen.view.current == (quote.start, quote.end)
        assert article_screen.position_text.startswith("quote ")
        await pilot.press("escape")  # back to the hits
        await wait_for(pilot, lambda: isinstance(app.screen, ArchiveSearchScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen))


async def test_library_search_finds_speakers_and_entities(tmp_path):
    articles, analyses = seeds()
    app = NewsreaderApp(articles, start=fake_start(analyses))
    async with app.run_test(size=SIZE) as pilot:
        await indexed_library(pilot)
        await pilot.press("slash", *"tanaka")
        await wait_for(pilot, lambda: isinstance(app.screen, ArchiveSearchScreen) and app.screen.hits)
        kinds = {h["kind"] for h in app.screen.hits}
        assert {"speaker", "person"} <= kinds
        names = {h["name"] for h in app.screen.hits if h["kind"] == "speaker"}
        assert {"Maria Tanaka", "Kenji Tanaka"} <= names
        # a on a speaker hit: everything they said
        screen = app.screen
        await pilot.press("down", "a")
        await wait_for(pilot, lambda: isinstance(app.screen, SpeakerQuotesScreen) and app.screen.rows)
        assert app.screen.speaker == screen.hits[0]["name"]
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        # as you type, the last word is a prefix: "evacuat" finds "evacuation"
        screen.query_one("#archive-search-input").value = "evacuat"
        await wait_for(pilot, lambda: any(h["kind"] == "quote" and "evacuat" in h["text"]
                                          for h in screen.hits or ()))
        assert all(h["kind"] == "quote" for h in screen.hits)  # no name holds "evacuat"


async def test_speakers_view_counts_quotes_and_articles(tmp_path):
    articles, analyses = seeds()
    kessary = next(a for a in articles if "kessary" in a.source)
    later = later_copy(tmp_path, kessary, "2025-01-02", "Kessary ferry strike: a year on")
    analyses[later.source] = copy.deepcopy(analyses[kessary.source])
    app = NewsreaderApp([*articles, later], start=fake_start(analyses))
    maria = sum(1 for q in analyses[kessary.source].quotes if q.speaker_name == "Maria Tanaka")
    async with app.run_test(size=SIZE) as pilot:
        await indexed_library(pilot)
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SpeakersScreen) and app.screen.speakers)
        table = app.screen.query_one("#speakers")
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        counts = [int(r[2]) for r in rows]
        assert counts == sorted(counts, reverse=True)  # most quoted first
        assert ["Maria Tanaka", "person", str(2 * maria), "2"] in rows
        assert rows[0][0] == "Maria Tanaka"


async def test_everything_x_said_lists_two_articles_newest_first_and_enter_opens_the_right_one(tmp_path):
    articles, analyses = seeds()
    kessary = next(a for a in articles if "kessary" in a.source)
    later = later_copy(tmp_path, kessary, "2025-01-02", "Kessary ferry strike: a year on")
    analyses[later.source] = copy.deepcopy(analyses[kessary.source])
    maria = [q for q in analyses[kessary.source].quotes if q.speaker_name == "Maria Tanaka"]
    app = NewsreaderApp([*articles, later], start=fake_start(analyses))
    async with app.run_test(size=SIZE) as pilot:
        await indexed_library(pilot)
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SpeakersScreen) and app.screen.speakers)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SpeakerQuotesScreen) and app.screen.rows)
        screen = app.screen
        table = screen.query_one("#speaker-quotes")
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert len(rows) == 2 * len(maria)
        assert [r[0] for r in rows] == ["2025-01-02"] * len(maria) + ["2023-05-09"] * len(maria)
        assert rows[0][1] == "Kessary ferry strike: a year on"
        assert rows[len(maria)][1] == kessary.title
        assert "Everything Maria Tanaka said" in str(screen.query_one("#speaker-quotes-title").render())
        # c copies the citation
        await pilot.press("c")
        assert app.clipboard.endswith("Kessary ferry strike: a year on, 2025-01-02")
        # the older article's first quote opens that article at that quote
        table.move_cursor(row=len(maria))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        await wait_complete(pilot)
        article_screen = app.screen
        await wait_for(pilot, lambda: article_screen.current_quote == maria[0].id)
        assert article_screen.article is kessary
        assert "Maria Tanaka" in article_screen.position_text
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)


async def test_a_in_an_article_lists_everything_the_quotes_speaker_said(tmp_path):
    articles, analyses = seeds()
    kessary = next(a for a in articles if "kessary" in a.source)
    later = later_copy(tmp_path, kessary, "2025-01-02", "Kessary ferry strike: a year on")
    analyses[later.source] = copy.deepcopy(analyses[kessary.source])
    app = NewsreaderApp([*articles, later], start=fake_start(analyses))
    async with app.run_test(size=SIZE) as pilot:
        library = await indexed_library(pilot)
        library.query_one("#library").move_cursor(row=articles.index(kessary))
        await pilot.press("enter")
        await wait_complete(pilot)
        article_screen = app.screen
        await pilot.press("right_square_bracket")  # the first quote
        quote = article_screen.index.quote_by_id[article_screen.current_quote]
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, SpeakerQuotesScreen) and app.screen.rows)
        rows = app.screen.rows
        assert {r["source"] for r in rows} == {arc.archive_source(kessary.source), arc.archive_source(later.source)}
        assert all(r["speaker"] == quote.speaker_name for r in rows) or len({r["speaker_id"] for r in rows}) == 1
        assert rows[0]["published"] == "2025-01-02"
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is article_screen)


def test_reopening_an_indexed_library_never_imports_spacy(tmp_path):
    """The archive holds three seeds' texts and the analysis cache the fourth's: the library
    paints and fills its rows without spaCy, in the reader's process or an analysis process
    (none is started), and archives the fourth from the cache."""
    env = dict(os.environ, NEWSREADER_ARCHIVE=str(tmp_path / "a.sqlite3"),
               NEWSREADER_CACHE_DIR=str(tmp_path / "cache"))
    build = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT / "tests")!r})
        from conftest import load_ui_analysis
        from newsreader import archive as arc
        from newsreader.cache import text_hash
        from newsreader.runner import resolve_model
        from newsreader.sources import load_articles
        import dataclasses
        from newsreader import cache
        cached, *archived = load_articles([{str(SEED_PATH.parent)!r}])
        cache.store(cached.text, resolve_model(None), load_ui_analysis(cached))
        with arc.Archive.open() as store:
            for a in archived:
                store.write(dataclasses.replace(a, source=arc.archive_source(a.source)), load_ui_analysis(a),
                            model=resolve_model(None), text_hash=text_hash(a.text), folder=None)
            store.relink()
    """)
    done = subprocess.run([sys.executable, "-c", build], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    check = textwrap.dedent(f"""
        import asyncio, json, sys, threading
        from newsreader import runner
        from newsreader.sources import load_articles
        from newsreader.ui.app import NewsreaderApp

        async def main():
            articles = load_articles([{str(SEED_PATH.parent)!r}])
            runner.prestart(None, articles, use_cache=True, archived_ok=True)  # as the CLI does
            for thread in threading.enumerate():
                if thread.name == "newsreader-prestart":
                    thread.join(30)
            app = NewsreaderApp(articles, model=None, use_cache=True)
            async with app.run_test(size=(80, 24)) as pilot:
                await app.workers.wait_for_complete()
                await pilot.pause()
                table = app.screen.query_one("#library")
                filled = [table.get_row_at(i)[4] for i in range(table.row_count)]
                assert all(cell.isdigit() for cell in filled), filled
            from newsreader import archive as arc
            with arc.Archive.open(readonly=True) as store:
                assert store.counts()["articles"] == len(articles)  # the cached one archived too
            heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "thinc"))
            print("RESULT=" + json.dumps([heavy, runner.worker_pids()]))
        asyncio.run(main())
    """)
    done = subprocess.run([sys.executable, "-c", check], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    line = [ln for ln in done.stdout.splitlines() if ln.startswith("RESULT=")][-1]
    import json

    heavy, workers = json.loads(line[len("RESULT="):])
    assert heavy == [] and workers == []


async def test_untrusted_names_and_titles_in_the_archive_lists_are_shown_literally(tmp_path):
    from newsreader.model import Analysis, Article, Entity, Quote, Span

    name = "[red]Mallory[/red]\x1b]2;pwned\x07"
    text = f"{name} said: “[b]not bold[/b] \x1b[31mred?”\n"
    start = text.index("“") + 1
    end = text.index("”")
    article = Article(source=str(tmp_path / "evil.txt"), text=text, title="[@click=app.quit]Evil[/] \x9b title",
                      published="2024-01-01")
    analysis = Analysis(entities=[Entity(id="e1", type="person", name=name, mentions=[Span(0, len(name), name)])],
                        quotes=[Quote(id="q1", kind="direct", start=start, end=end, text=text[start:end],
                                      speaker="e1", speaker_name=name, confidence=0.9)], complete=True)
    articles, analyses = seeds()
    analyses[article.source] = analysis
    app = NewsreaderApp([*articles, article], start=fake_start(analyses))
    async with app.run_test(size=(200, 30)) as pilot:  # wide: no cell is cut
        await indexed_library(pilot)
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SpeakersScreen) and app.screen.speakers)
        table = app.screen.query_one("#speakers")
        row = next(i for i in range(table.row_count) if table.get_row_at(i)[0].startswith("[red]"))
        table.move_cursor(row=row)
        await pilot.pause()
        drawn = table.render_line(row - round(table.scroll_y) + 1).text
        assert "[red]Mallory[/red]�]2;pwned�" in drawn and "\x1b" not in drawn
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SpeakerQuotesScreen) and app.screen.rows)
        quotes = app.screen.query_one("#speaker-quotes")
        drawn = quotes.render_line(1).text
        assert "[@click=app.quit]Evil[/] � title" in drawn and "\x9b" not in drawn
        detail = str(app.screen.query_one("#speaker-quotes-detail").render())
        assert "[b]not bold[/b] �[31mred?" in detail and "\x1b" not in detail
