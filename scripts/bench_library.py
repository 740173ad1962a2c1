"""Benchmark the reader on a large archive: the library's first paint, and "everything X said".

    .venv/bin/python scripts/bench_library.py [--articles 10000] [--archive PATH] [--rounds 7]

1. Builds an archive of ``--articles`` synthetic articles the way ``bench_archive.py`` does
   (its ``build_query_archive``: the seeds' real analyses with the names varied, written by
   ``Archive.write``), unless ``--archive`` names one already built; the library's
   articles are read back from it (text and all), so every row is archived.
2. Opens the library of the 4 seeds (archived too, in their own archive) and of all the
   archived articles, each ``--rounds`` times, headless in this process
   (``App.run_test`` at 80x24, the articles already loaded; the GIL switch interval the
   CLI sets), and times from the app's start to its first frame of the library (the
   first ``App._display`` of it) and to every row filled from the archive (the indexer
   done, nothing analysed).
3. In the big library, opens the Speakers view and times ``enter`` on the most quoted
   speaker to their quotes on screen (the key pressed to the refresh after the rows
   were applied: the first page, then the whole list), and the same from an article
   with ``a`` on one of their quotes.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tui"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

SIZE = (80, 24)


def archived_articles(path: Path):
    """Every article of the archive, as the reader would have loaded it."""
    from newsreader import archive as arc
    from newsreader.model import Article

    with arc.Archive.open(path, readonly=True) as store:
        rows = store.conn.execute("SELECT a.source, a.title, a.published, f.text FROM articles a"
                                  " JOIN articles_fts f ON f.rowid = a.id ORDER BY a.source").fetchall()
    return [Article(source=s, text=t, title=title, published=p) for s, title, p, t in rows]


def archive_seeds(path: Path, model: str) -> list:
    from conftest import load_ui_analysis

    from newsreader import archive as arc
    from newsreader.cache import text_hash
    from newsreader.sources import load_articles

    articles = load_articles([str(ROOT / "seeds")])
    with arc.Archive.open(path) as store:
        for a in articles:
            store.write(dataclasses.replace(a, source=arc.archive_source(a.source)), load_ui_analysis(a),
                        model=model, text_hash=text_hash(a.text), folder=None)
        store.relink()
    return articles


class NoRun:
    """Every row must come from the archive: an analysis would be a failure of the benchmark."""

    def __call__(self, article, **kwargs):
        raise AssertionError(f"the library analysed {article.source}")


async def open_library(articles) -> tuple[float, float]:
    from newsreader.ui.app import NewsreaderApp

    painted: list[float] = []

    class Timed(NewsreaderApp):
        CSS_PATH = Path(sys.modules[NewsreaderApp.__module__].__file__).parent / NewsreaderApp.CSS_PATH

        def _display(self, screen, renderable) -> None:
            # the first frame of the library handed to the terminal (headless: composed, not written)
            if renderable is not None and not painted and screen.query("#library"):
                painted.append(time.perf_counter())
            super()._display(screen, renderable)

    start = time.perf_counter()
    app = Timed(articles, start=NoRun())
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#library")
        while not (painted and app.screen.cells and len(app.screen.cells) == len(articles)):
            await asyncio.sleep(0.001)
        await pilot.pause()
        filled = time.perf_counter()
        assert table.get_row_at(len(articles) - 1)[4].isdigit()
    return painted[0] - start, filled - start


async def time_everything_said(articles, rounds: int):
    from newsreader.ui.app import NewsreaderApp
    from newsreader.ui.screens.speaker_quotes import SpeakerQuotesScreen
    from newsreader.ui.screens.speakers import SpeakersScreen

    async def until(predicate) -> None:
        while not predicate():
            await asyncio.sleep(0.001)

    from_speakers, from_article, whole = [], [], []
    shown: dict[str, float] = {}
    watch_rows = SpeakerQuotesScreen.watch_rows

    def timed_watch_rows(screen, rows) -> None:
        # "on screen": the rows applied, and the refresh that draws them done
        watch_rows(screen, rows)
        if rows:
            stage = "whole" if len(rows) == screen.counts[0] else "first"
            screen.call_after_refresh(lambda: shown.setdefault(stage, time.perf_counter()))
            if stage == "whole":
                screen.call_after_refresh(lambda: shown.setdefault("first", time.perf_counter()))

    SpeakerQuotesScreen.watch_rows = timed_watch_rows
    app = NewsreaderApp(articles, start=NoRun())
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: len(app.screen.cells) == len(articles))
        await pilot.press("s")
        await until(lambda: isinstance(app.screen, SpeakersScreen) and app.screen.speakers)
        speakers = app.screen
        top = speakers.speakers[0]
        for _ in range(rounds):
            shown.clear()
            start = time.perf_counter()
            await pilot.press("enter")
            await until(lambda: "whole" in shown)
            from_speakers.append(shown["first"] - start)
            whole.append(shown["whole"] - start)
            quotes = app.screen.rows
            await pilot.press("escape")
            await until(lambda: app.screen is speakers)
        # from an article: one of the top speaker's quotes, then `a`
        source = quotes[0]["source"]
        await pilot.press("escape")
        library = app.screen
        library.query_one("#library").move_cursor(row=next(i for i, a in enumerate(articles) if a.source == source))
        # the article's analysis, as the cache or a run would give it: rebuilt from the archive's rows
        article = next(a for a in articles if a.source == source)
        app.analyses[source] = analysis_from_archive(source)
        await pilot.press("enter")
        await until(lambda: getattr(app.screen, "analysis_complete", False))
        await pilot.pause()
        screen = app.screen
        quote = next(q for q in screen.index.quotes if q.id == quotes[0]["quote_id"])
        for _ in range(rounds):
            screen._go_quote(quote)
            await pilot.pause()
            shown.clear()
            start = time.perf_counter()
            await pilot.press("a")
            await until(lambda: "whole" in shown)
            from_article.append(shown["first"] - start)
            assert len(app.screen.rows) == len(quotes)
            await pilot.press("escape")
            await until(lambda: app.screen is screen)
        del article
    SpeakerQuotesScreen.watch_rows = watch_rows
    return from_speakers, from_article, whole, top["name"], top["quotes"]


def analysis_from_archive(source: str):
    """The quotes of one archived article as an ``Analysis`` (enough for `a` on one of them)."""
    from newsreader import archive as arc
    from newsreader.model import Analysis, Quote

    with arc.Archive.open(readonly=True) as store:
        rows = store.conn.execute(
            "SELECT q.qid, q.kind, q.start_char, q.end_char, q.text, q.speaker_eid, q.speaker_name, q.paragraph,"
            " q.confidence FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.source = ?",
            (source,)).fetchall()
    quotes = [Quote(id=r[0], kind=r[1], start=r[2], end=r[3], text=r[4], speaker=None, speaker_name=r[6],
                    paragraph=r[7] - 1, confidence=r[8]) for r in rows]
    return Analysis(quotes=quotes, complete=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--archive", metavar="PATH", help="an archive bench_archive.py (or an earlier run) built")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    from newsreader.analysis.nlp import model_name

    model = model_name(None)
    sys.setswitchinterval(0.001)  # as cli.run_reader does for the reader
    work = Path(tempfile.mkdtemp(prefix="bench-library-"))
    print(f"model {model}; {os.cpu_count()} cores; load {os.getloadavg()[0]:.1f}; work in {work}")
    big = Path(args.archive) if args.archive else work / "big.sqlite3"
    if not args.archive:
        from bench_archive import build_query_archive, seed_people

        written, relink = build_query_archive(big, args.articles, model, seed_people(model))
        print(f"built {args.articles:,} articles in {written:.0f} s (relinked in {relink:.2f} s)")
    small = work / "seeds.sqlite3"
    os.environ["NEWSREADER_ARCHIVE"] = str(small)
    seeds = archive_seeds(small, model)
    many = archived_articles(big)

    def rounds_of(path: Path, articles) -> tuple[list[float], list[float]]:
        os.environ["NEWSREADER_ARCHIVE"] = str(path)
        paints, fills = [], []
        asyncio.run(open_library(articles))  # warm: imports, the theme's styles, the page cache
        for _ in range(args.rounds):
            paint, fill = asyncio.run(open_library(articles))
            paints.append(paint)
            fills.append(fill)
        return paints, fills

    seed_paint, seed_fill = rounds_of(small, seeds)
    many_paint, many_fill = rounds_of(big, many)
    ms = lambda xs: f"median {statistics.median(xs) * 1000:.0f} ms (min {min(xs) * 1000:.0f}, max {max(xs) * 1000:.0f})"  # noqa: E731
    print(f"library of {len(seeds)} archived seeds: first paint {ms(seed_paint)}; every row filled {ms(seed_fill)}")
    print(f"library of {len(many):,} archived articles: first paint {ms(many_paint)}; every row filled {ms(many_fill)}")
    print(f"first paint, {len(many):,} / {len(seeds)}: {statistics.median(many_paint) / statistics.median(seed_paint):.2f}x")

    os.environ["NEWSREADER_ARCHIVE"] = str(big)
    from_speakers, from_article, whole, name, n = asyncio.run(time_everything_said(many, args.rounds))
    print(f"everything {name} said ({n:,} quotes), enter in Speakers to the list on screen: {ms(from_speakers)}; "
          f"to all {n:,} in the list: {ms(whole)}")
    print(f"everything {name} said, `a` on their quote in an article to the list on screen: {ms(from_article)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
