"""The library: one row an article; Enter opens it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from ...model import Analysis, Article
from ...wording import counted
from ..labels import article_title
from ..messages import AnalysisFinished, OpenArticle
from ..safe import one_line
from ..widgets.footer import FittedFooter


def speakers_summary(analysis: Analysis | None) -> tuple[str, str]:
    """(speakers, quotes) cells: the most quoted names and the quote count."""
    if analysis is None:
        return "", ""
    counts: dict[str, int] = {}
    for q in analysis.quotes:
        name = one_line(q.speaker_name, 40) or "unattributed"
        counts[name] = counts.get(name, 0) + 1
    top = sorted(counts, key=lambda n: -counts[n])[:3]
    names = ", ".join(top) + (f" +{len(counts) - 3}" if len(counts) > 3 else "")
    return names or "none found", str(len(analysis.quotes))


class LibraryScreen(Screen[None]):
    """The articles given on the command line (or the bundled samples)."""

    BINDINGS = [
        Binding("enter", "open", "Open", show=True),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

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

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble(("newsreader", "bold"), "  " + counted(len(self.articles), "article"),
                                      ("  enter opens · ? help", "dim")), id="library-title")
        yield DataTable(id="library", cursor_type="row", zebra_stripes=True)
        yield FittedFooter()

    def on_mount(self) -> None:
        self._populate()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        self._populate()

    def on_screen_resume(self) -> None:
        self._populate()
        self._analyse_all()

    def on_screen_suspend(self) -> None:
        self._stop()

    def on_unmount(self) -> None:
        self._stop()

    def _stop(self) -> None:
        self.workers.cancel_group(self, "library")
        if self._run is not None:
            self._run.cancel()

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def _analyse_all(self) -> None:
        """Fill in speakers and quote counts, one article after another, while the library shows."""
        if self._start is None:
            return
        worker = get_current_worker()
        for article in self.articles:
            if worker.is_cancelled:
                return
            if article.source in self.analyses:
                continue
            try:
                self._run = run = self._start(article, model=self.model, use_cache=self.use_cache)
                last = None
                for update in run.updates():
                    if worker.is_cancelled:
                        run.cancel()
                        return
                    last = update
            except Exception:  # shown when the article is opened; the library just stays blank
                continue
            if last is not None and last.complete and not worker.is_cancelled:
                self.post_message(AnalysisFinished(article, last.analysis))

    @on(AnalysisFinished)
    def _finished(self, message: AnalysisFinished) -> None:
        # the message bubbles on to the app, which keeps it for the article screens
        self.analyses[message.article.source] = message.analysis
        self._populate()

    def _populate(self) -> None:
        """(Re)fill the table, fitting the title and speaker columns to the width."""
        table = self.query_one(DataTable)
        row = table.cursor_row
        width = max(40, self.size.width or 80)
        speakers_width = max(10, min(30, (width - 40) // 3))
        title_width = max(12, width - speakers_width - 10 - 7 - 6 - 10 - 2)
        table.clear(columns=True)
        table.add_column("Title", key="title", width=title_width)
        table.add_column("Date", key="date", width=10)
        table.add_column("Words", key="words", width=7)
        table.add_column("Speakers", key="speakers", width=speakers_width)
        table.add_column("Quotes", key="quotes", width=6)
        for i, article in enumerate(self.articles):
            speakers, quotes = speakers_summary(self.analyses.get(article.source))
            # rich Text objects: plain text, never parsed as markup
            table.add_row(
                Text(one_line(article_title(article), title_width)),
                Text(article.published or "—"),
                Text(f"{article.word_count:,}", justify="right"),
                Text(one_line(speakers, speakers_width) or "—"),
                Text(quotes or "—", justify="right"),
                key=str(i),
            )
        if self.articles:
            table.move_cursor(row=min(max(row, 0), len(self.articles) - 1))

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self._open(int(event.row_key.value or 0))

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        self._open(table.cursor_row)

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.articles):
            self.post_message(OpenArticle(self.articles[row]))
