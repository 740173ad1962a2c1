"""The library: one row an article; Enter opens it. It keeps the archive as it goes.

A thread worker brings the archive up to date with the library, as ``newsreader
index`` does (``Archive.write``, one transaction an article): an article whose text
hash the archive already holds is not analysed again and its row is filled from
the archive (one query for the whole library), so reopening an indexed library
never starts spaCy. The others are analysed one after another (the analysis cache,
else the analysis process) and written. The library adds and updates; only
``newsreader index DIR`` removes what left a folder.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from ... import PIPELINE_VERSION
from ...errors import NewsreaderError
from ...model import Analysis, Article
from ...wording import counted
from ..labels import article_title
from ..messages import AnalysisFinished, OpenArticle
from ..safe import one_line
from ..widgets.footer import FittedFooter
from ..widgets.row_table import Column, RowTable

COLUMNS = (Column("Title", ratio=2), Column("Date", 10), Column("Words", 7, "right"),
           Column("Speakers", ratio=1), Column("Quotes", 6, "right"))


def speakers_cells(names: Iterable[str | None]) -> tuple[str, str]:
    """(speakers, quotes) cells from the quotes' speaker names in text order: the most quoted
    names (first quoted first among equals) and the quote count."""
    counts: dict[str, int] = {}
    total = 0
    for name in names:
        total += 1
        shown = one_line(name, 40) or "unattributed"
        counts[shown] = counts.get(shown, 0) + 1
    top = sorted(counts, key=lambda n: -counts[n])[:3]
    cell = ", ".join(top) + (f" +{len(counts) - 3}" if len(counts) > 3 else "")
    return cell or "none found", str(total)


def speakers_summary(analysis: Analysis | None) -> tuple[str, str]:
    """(speakers, quotes) cells of an analysis; empty before it."""
    if analysis is None:
        return "", ""
    return speakers_cells(q.speaker_name for q in analysis.quotes)


class LibraryScreen(Screen[None]):
    """The articles given on the command line (or the bundled samples)."""

    BINDINGS = [
        Binding("enter", "open", "Open"),
        Binding("slash", "search", "Search archive"),
        Binding("s", "speakers", "Speakers"),
    ]

    indexing: reactive[tuple[int, int] | None] = reactive(None)
    """(done, total) while articles are being analysed into the archive."""

    class ArchiveRows(Message):
        """Rows filled from the archive: source -> its quotes' speaker names."""

        def __init__(self, names: dict[str, list[str | None]]) -> None:
            super().__init__()
            self.names = names

    class Progress(Message):
        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    class ArchiveProblem(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, articles: list[Article], analyses: dict[str, Analysis], *,
                 start: Callable[..., Any] | None = None, model: str | None = None,
                 use_cache: bool = True) -> None:
        super().__init__()
        self.articles = articles
        self.analyses = analyses
        self._start = start
        self.model = model
        self.use_cache = use_cache
        self._run: Any = None
        self.cells: dict[str, tuple[str, str]] = {}
        """source -> (speakers, quotes) cells, from an analysis or the archive."""
        self._warned = False

    def compose(self) -> ComposeResult:
        yield Static(id="library-title")
        yield RowTable(COLUMNS, id="library")
        yield FittedFooter()

    def on_mount(self) -> None:
        for article in self.articles:
            if article.source in self.analyses:
                self.cells[article.source] = speakers_summary(self.analyses[article.source])
        self.query_one(RowTable).set_rows(len(self.articles), self._row)
        self.watch_indexing(None)
        self.query_one(RowTable).focus()

    def _row(self, i: int) -> tuple[str, ...]:
        article = self.articles[i]
        speakers, quotes = self.cells.get(article.source, ("", ""))
        return (article_title(article), article.published or "—", f"{article.word_count:,}",
                speakers or "—", quotes or "—")

    def watch_indexing(self, indexing: tuple[int, int] | None) -> None:
        progress = f"  indexing {indexing[0]}/{indexing[1]}" if indexing else ""
        self.query_one("#library-title", Static).update(Content.assemble(
            ("newsreader", "bold"), "  " + counted(len(self.articles), "article"), (progress, "bold"),
            ("  enter opens · ? help", "dim")))

    def on_screen_resume(self) -> None:
        self.query_one(RowTable).refresh_rows()
        # after the paint: hashing a large library's texts would hold the GIL the paint needs
        self.call_after_refresh(self._index_library)

    def on_screen_suspend(self) -> None:
        self._stop()

    def on_unmount(self) -> None:
        self._stop()

    def _stop(self) -> None:
        self.workers.cancel_group(self, "library")
        if self._run is not None:
            self._run.cancel()

    # --- keeping the archive (off the UI thread) -------------------------

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def _index_library(self) -> None:
        """Fill every row (from the archive when it holds the article's text), analysing and
        archiving the others one after another while the library shows."""
        from ... import archive as arc
        from ...cache import text_hash
        from ...runner import resolve_model

        worker = get_current_worker()
        store = self._open_archive()
        try:
            try:
                model: str | None = resolve_model(self.model)
            except NewsreaderError:
                model = None  # no model: rows from the archive still fill; nothing new is analysed
            keys = {a.source: arc.archive_source(a.source) for a in self.articles}
            rows = {}
            if store is not None:
                try:
                    rows = store.library_rows(k for k in keys.values() if k)
                except sqlite3.Error as exc:  # opened, but cannot be read (a damaged page)
                    self.post_message(self.ArchiveProblem(str(store.unusable(exc))))
                    store.close()
                    store = None
            from_archive: dict[str, list[str | None]] = {}
            todo: list[tuple[Article, str]] = []
            for article in self.articles:
                digest = text_hash(article.text)
                row = rows.get(keys[article.source] or "")
                if row is not None and row[0] == digest and row[2] == PIPELINE_VERSION \
                        and (model is None or row[1] == model):
                    from_archive[article.source] = row[3]
                elif model is not None:
                    todo.append((article, digest))
            if from_archive:
                self.post_message(self.ArchiveRows(from_archive))
            wrote = False
            for done, (article, digest) in enumerate(todo):
                if worker.is_cancelled:
                    return
                self.post_message(self.Progress(done, len(todo)))
                analysis = self.analyses.get(article.source) or self._analyse(article, worker)
                if analysis is None:
                    continue
                if store is not None and not store.readonly and keys[article.source]:
                    try:
                        store.write(replace(article, source=keys[article.source]), analysis, model=model, text_hash=digest, folder=None)
                        wrote = True
                    except sqlite3.Error as exc:
                        self.post_message(self.ArchiveProblem(str(store.unusable(exc))))
                        store.close()
                        store = None
            if wrote and store is not None and not worker.is_cancelled:
                try:
                    store.relink()
                except sqlite3.Error as exc:
                    self.post_message(self.ArchiveProblem(str(store.unusable(exc))))
        finally:
            if store is not None:
                store.close()
            if not worker.is_cancelled:
                self.post_message(self.Progress(0, 0))

    def _open_archive(self):
        """The archive to keep (or, read-only, to read rows from), or None after a warning."""
        from ... import archive as arc

        try:
            return arc.Archive.open()
        except arc.ArchiveError as exc:
            problem = str(exc)
        try:
            store = arc.Archive.open(readonly=True)
        except arc.ArchiveError:
            store = None
        self.post_message(self.ArchiveProblem(problem))
        return store

    def _analyse(self, article: Article, worker) -> Analysis | None:
        if self._start is None:
            return None
        try:
            self._run = run = self._start(article, model=self.model, use_cache=self.use_cache)
            last = None
            for update in run.updates():
                if worker.is_cancelled:
                    run.cancel()
                    return None
                last = update
        except Exception:  # shown when the article is opened; the library just stays blank
            return None
        if last is None or not last.complete or worker.is_cancelled:
            return None
        self.post_message(AnalysisFinished(article, last.analysis))
        return last.analysis

    @on(AnalysisFinished)
    def _finished(self, message: AnalysisFinished) -> None:
        # the message bubbles on to the app, which keeps it for the article screens
        self.analyses[message.article.source] = message.analysis
        self.cells[message.article.source] = speakers_summary(message.analysis)
        self.query_one(RowTable).refresh_rows()

    @on(ArchiveRows)
    def _archive_rows(self, message: ArchiveRows) -> None:
        for source, names in message.names.items():
            self.cells[source] = speakers_cells(names)
        self.query_one(RowTable).refresh_rows()

    @on(Progress)
    def _progress(self, message: Progress) -> None:
        self.indexing = (message.done, message.total) if message.total else None

    @on(ArchiveProblem)
    def _archive_problem(self, message: ArchiveProblem) -> None:
        if not self._warned:  # once: the library goes on without it
            self._warned = True
            self.notify(one_line(f"{message.text}; going on without the archive", 300), severity="warning",
                        markup=False, timeout=8)

    # --- keys ----------------------------------------------------------

    @on(RowTable.Chosen, "#library")
    def _row_chosen(self, event: RowTable.Chosen) -> None:
        self._open(event.row)

    def action_open(self) -> None:
        self._open(self.query_one(RowTable).cursor_row)

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.articles):
            self.post_message(OpenArticle(self.articles[row]))

    def action_search(self) -> None:
        from .archive_search import ArchiveSearchScreen

        self.app.push_screen(ArchiveSearchScreen())

    def action_speakers(self) -> None:
        from .speakers import SpeakersScreen

        self.app.push_screen(SpeakersScreen())
