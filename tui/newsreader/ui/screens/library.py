"""The library: one row an article; Enter opens it."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from ...model import Analysis, Article
from ..messages import OpenArticle
from ..safe import one_line


def article_title(article: Article) -> str:
    if article.title and article.title.strip():
        return one_line(article.title, 120)
    if article.source.startswith("<"):
        return article.source
    return one_line(Path(article.source).name, 120) or article.source


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

    def __init__(self, articles: list[Article], analyses: dict[str, Analysis]) -> None:
        super().__init__()
        self.articles = articles
        self.analyses = analyses

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble(("newsreader", "bold"), f"  {len(self.articles)} articles",
                                      ("  enter opens · ? help", "dim")), id="library-title")
        yield DataTable(id="library", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Title", key="title")
        table.add_column("Date", key="date")
        table.add_column("Words", key="words")
        table.add_column("Speakers", key="speakers")
        table.add_column("Quotes", key="quotes")
        for i, article in enumerate(self.articles):
            speakers, quotes = speakers_summary(self.analyses.get(article.source))
            table.add_row(
                Content(article_title(article)),
                Content(article.published or "—"),
                Content(f"{article.word_count:,}"),
                Content(speakers or "—"),
                Content(quotes or "—"),
                key=str(i),
            )
        table.focus()

    def on_screen_resume(self) -> None:
        self.refresh_counts()

    def refresh_counts(self) -> None:
        table = self.query_one(DataTable)
        for i, article in enumerate(self.articles):
            analysis = self.analyses.get(article.source)
            if analysis is None:
                continue
            speakers, quotes = speakers_summary(analysis)
            table.update_cell(str(i), "speakers", Content(speakers), update_width=True)
            table.update_cell(str(i), "quotes", Content(quotes), update_width=True)

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
