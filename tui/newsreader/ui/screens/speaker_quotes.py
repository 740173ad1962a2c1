"""Everything X said: one archive speaker's quotes from every article, newest first."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from ...archive import Archive, archive_source
from ...model import UNCERTAIN_BELOW, Article, Quote
from ...wording import counted
from ..archive_reading import Unanswered, ask
from ..citation import citation
from ..evidence import UNCERTAIN_MARK
from ..labels import archived_title
from ..messages import OpenArchived
from ..safe import one_line
from ..widgets.footer import FittedFooter
from ..widgets.row_table import Column, RowTable

COLUMNS = (Column("Date", 10), Column("Title", ratio=2), Column("¶", 3, "right"),
           Column("Speaker", ratio=1), Column("Quote", ratio=3))


def uncertain(row: dict) -> bool:
    return row["confidence"] is not None and row["confidence"] < UNCERTAIN_BELOW


class SpeakerQuotesScreen(Screen[None]):
    """The quotes of one cross-article speaker; ``enter`` opens the article at the quote."""

    BINDINGS = [
        Binding("enter", "open", "Open at quote"),
        Binding("c", "copy_citation", "Cite"),
        Binding("escape,backspace", "back", "Back"),
    ]

    rows: reactive[list[dict] | None] = reactive(None, always_update=True)
    """The quotes, once the archive has answered."""

    class Answered(Message):
        def __init__(self, name: str, rows: list[dict]) -> None:
            super().__init__()
            self.name = name
            self.rows = rows

    class Failed(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, *, name: str, keys: list[str] | None = None, source: str | None = None,
                 quote_id: str | None = None) -> None:
        super().__init__()
        self.speaker = name
        self._keys = keys
        self._source = source
        self._quote_id = quote_id

    @classmethod
    def of_speaker(cls, key: str, name: str) -> SpeakerQuotesScreen:
        return cls(name=name, keys=[key])

    @classmethod
    def of_quote(cls, article: Article, quote: Quote) -> SpeakerQuotesScreen:
        """The speaker of ``quote`` as the archive links it; by name if the archive has not
        this article's text (not indexed yet, or changed since)."""
        return cls(name=quote.speaker_name or "", source=archive_source(article.source), quote_id=quote.id)

    def compose(self) -> ComposeResult:
        yield Static(id="speaker-quotes-title", classes="archive-title")
        yield RowTable(COLUMNS, id="speaker-quotes")
        yield Static(id="speaker-quotes-detail", classes="archive-detail")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.watch_rows(None)
        self.query_one(RowTable).focus()
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        def question(store: Archive) -> tuple[str, list[dict]]:
            keys = self._keys
            if keys is None:
                key = store.speaker_key_of(self._source, self._quote_id) if self._source and self._quote_id else None
                keys = [key] if key else store.speaker_keys_for(self.speaker)
            name = store.speaker_name_of(keys[0]) if len(keys) == 1 else None
            return name or self.speaker, store.quotes_of(keys)

        try:
            name, rows = ask(question)
        except Unanswered as exc:
            self.post_message(self.Failed(str(exc)))
            return
        self.post_message(self.Answered(name, rows))

    @on(Answered)
    def _answered(self, message: Answered) -> None:
        self.speaker = message.name
        self.rows = message.rows

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.rows = []
        self.notify(one_line(message.text, 300), severity="warning", markup=False)

    def watch_rows(self, rows: list[dict] | None) -> None:
        name = one_line(self.speaker, 60) or "unnamed"
        if rows is None:
            summary = "asking the archive…"
        else:
            summary = (f"{counted(len(rows), 'quote')} in {counted(len({r['source'] for r in rows}), 'article')}"
                       if rows else "no quotes in the archive")
        self.query_one("#speaker-quotes-title", Static).update(Content.assemble(
            ("Everything ", "bold"), (name, "bold"), (" said", "bold"), f"  {summary}",
            ("  newest first · escape back", "dim")))
        rows = rows or []
        table = self.query_one(RowTable)
        table.set_rows(len(rows), lambda i: self._cells(rows[i]))
        self._show_detail(table.cursor_row)

    @staticmethod
    def _cells(row: dict) -> tuple[str, ...]:
        speaker = (row["speaker"] or "unnamed") + (f" {UNCERTAIN_MARK}" if uncertain(row) else "")
        quote = row["quote"] if row["kind"] != "indirect" else f"(reported) {row['quote']}"
        return (row["published"] or "—", archived_title(row["title"], row["source"]), str(row["paragraph"]),
                speaker, quote)

    @on(RowTable.Highlighted)
    def _highlighted(self, message: RowTable.Highlighted) -> None:
        self._show_detail(message.row)

    def _show_detail(self, i: int) -> None:
        """The whole of the selected quote, under the list (the row cuts it)."""
        detail = self.query_one("#speaker-quotes-detail", Static)
        row = self.selected()
        if row is None:
            detail.update("")
            return
        who = one_line(row["speaker"], 80) or "unnamed"
        if uncertain(row):
            who += " (attribution uncertain)"
        mark = ("", "") if row["kind"] == "indirect" else ("“", "”")
        detail.update(Content.assemble(mark[0] + one_line(row["quote"], 600) + mark[1], (f" — {who}", "italic"),
                                       (f", ¶{row['paragraph']}", "dim")))

    def selected(self) -> dict | None:
        rows = self.rows or []
        i = self.query_one(RowTable).cursor_row
        return rows[i] if 0 <= i < len(rows) else None

    @on(RowTable.Chosen)
    def _chosen(self, message: RowTable.Chosen) -> None:
        self.action_open()

    def action_open(self) -> None:
        row = self.selected()
        if row is not None:
            self.post_message(OpenArchived(row["source"], (row["start"], row["end"]), row["text_hash"]))

    def action_copy_citation(self) -> None:
        row = self.selected()
        if row is None:
            return
        text = citation(row["quote"], row["speaker"], row["role"], archived_title(row["title"], row["source"]),
                        row["published"], kind=row["kind"], uncertain=uncertain(row))
        self.app.copy_to_clipboard(text)
        title = "Copied citation (OSC 52)" + (" · attribution uncertain" if uncertain(row) else "")
        self.notify(one_line(text, 160), title=title, markup=False)

    def action_back(self) -> None:
        self.dismiss()
