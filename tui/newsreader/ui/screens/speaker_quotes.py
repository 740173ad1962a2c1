"""Everything X said: one archive speaker's quotes from every article, newest first."""

from __future__ import annotations

import json
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.dom import DOMNode
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from ...archive import Archive
from ...model import UNCERTAIN_BELOW
from ...wording import counted
from ..archive_reading import Unanswered, ask
from ..citation import citation
from ..evidence import UNCERTAIN_MARK
from ..labels import archived_title
from ..messages import OpenArchived
from ..safe import one_line
from ..widgets.deferred import Deferred
from ..widgets.footer import FittedFooter
from ..widgets.row_table import Column, RowTable

COLUMNS = (Column("Date", 10), Column("Title", ratio=2), Column("¶", 3, "right"),
           Column("Speaker", ratio=1), Column(UNCERTAIN_MARK, 1), Column("Quote", ratio=3))
"""The uncertain mark has a column of its own: a long name is cut, the ``?`` never."""


FIRST_PAGE = 100
"""Quotes read before the first paint of the list (more than a tall terminal shows)."""


@dataclass(frozen=True, slots=True)
class FirstPage:
    name: str
    keys: list[str]
    counts: tuple[int, int]
    rows: list[dict]


def first_page(store: Archive, name: str, keys: list[str] | None, source: str | None,
               quote_id: str | None) -> FirstPage:
    """Who is meant (``keys``; else the speaker of quote ``quote_id`` of ``source`` as the archive
    links them; else by name, when the archive has not that text: not indexed yet, or changed),
    their counts, and their newest ``FIRST_PAGE`` quotes."""
    if keys is None:
        key = store.speaker_key_of(source, quote_id) if source and quote_id else None
        keys = [key] if key else store.speaker_keys_for(name)
    shown = store.speaker_name_of(keys[0]) if len(keys) == 1 else None
    return FirstPage(shown or name, keys, store.quote_count_of(keys), store.quotes_of(keys, limit=FIRST_PAGE))


def role(row: dict) -> str | None:
    """The speaker's first role in the quote's article ("Russia's foreign minister")."""
    roles = json.loads(row["roles"]) if row["roles"] else []
    return roles[0] if roles else None


def uncertain(row: dict) -> bool:
    return row["confidence"] is not None and row["confidence"] < UNCERTAIN_BELOW


class SpeakerQuotesScreen(Screen[None]):
    """The quotes of one cross-article speaker; ``enter`` opens the article at the quote."""

    BINDINGS = [
        Binding("enter", "open", "Open at quote"),
        Binding("c", "copy_citation", "Cite"),
        Binding("escape,backspace", "back", "Back"),
    ]

    rows: reactive[list[dict]] = reactive(list, always_update=True)
    """The quotes shown: the first page, then all of them."""

    class Answered(Message):
        def __init__(self, rows: list[dict]) -> None:
            super().__init__()
            self.rows = rows

    class Failed(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, page: FirstPage) -> None:
        super().__init__()
        self.speaker = page.name
        self.keys = page.keys
        self.counts = page.counts
        """(quotes, articles) of the speaker: the whole list's, while its first page shows."""
        self._first = page.rows

    @classmethod
    def push(cls, node: DOMNode, *, name: str, keys: list[str] | None = None, source: str | None = None,
             quote_id: str | None = None) -> None:
        """Ask the archive for the speaker's first page (in a thread worker of ``node``), then show
        the screen with it: one paint with the quotes, rather than an empty one and a query
        competing with it for the GIL. A warning instead if the archive cannot answer."""

        def fetch() -> None:
            worker = get_current_worker()
            try:
                page = ask(lambda store: first_page(store, name, keys, source, quote_id))
            except Unanswered as exc:
                node.app.call_from_thread(node.notify, one_line(str(exc), 300), severity="warning", markup=False)
                return
            if not worker.is_cancelled:  # the screen that asked is still there
                node.app.call_from_thread(node.app.push_screen, cls(page))

        node.run_worker(fetch, thread=True, group="speaker-quotes", exclusive=True, exit_on_error=False)

    def compose(self) -> ComposeResult:
        yield Static(id="speaker-quotes-title", classes="archive-title")
        yield RowTable(COLUMNS, id="speaker-quotes")
        yield Static(id="speaker-quotes-detail", classes="archive-detail")
        yield Deferred(FittedFooter())  # after the first paint, as in the article: the list first

    def on_mount(self) -> None:
        self.query_one(RowTable).focus()
        self.rows = self._first
        if len(self._first) < self.counts[0]:
            # not while the first page is being drawn: the rest's rows would hold the GIL it needs
            self.call_after_refresh(self._load_rest)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load_rest(self) -> None:
        try:
            rows = ask(lambda store: store.quotes_of(self.keys))
        except Unanswered as exc:
            self.post_message(self.Failed(str(exc)))
            return
        self.post_message(self.Answered(rows))

    @on(Answered)
    def _answered(self, message: Answered) -> None:
        self.rows = message.rows

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.notify(one_line(message.text, 300), severity="warning", markup=False)

    def watch_rows(self, rows: list[dict]) -> None:
        name = one_line(self.speaker, 60) or "unnamed"
        quotes, articles = self.counts
        summary = f"{counted(quotes, 'quote')} in {counted(articles, 'article')}" if quotes else \
            "no quotes in the archive"
        self.query_one("#speaker-quotes-title", Static).update(Content.assemble(
            ("Everything ", "bold"), (name, "bold"), (" said", "bold"), f"  {summary}",
            ("  newest first · escape back", "dim")))
        table = self.query_one(RowTable)
        table.set_rows(len(rows), lambda i: self._cells(rows[i]))
        self._show_detail(table.cursor_row)

    @staticmethod
    def _cells(row: dict) -> tuple[str, ...]:
        quote = row["quote"] if row["kind"] != "indirect" else f"(reported) {row['quote']}"
        return (row["published"] or "—", archived_title(row["title"], row["source"]), str(row["paragraph"]),
                row["speaker"] or "unnamed", UNCERTAIN_MARK if uncertain(row) else "", quote)

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
        rows = self.rows
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
        text = citation(row["quote"], row["speaker"], role(row), archived_title(row["title"], row["source"]),
                        row["published"], kind=row["kind"], uncertain=uncertain(row))
        self.app.copy_to_clipboard(text)
        title = "Copied citation (OSC 52)" + (" · attribution uncertain" if uncertain(row) else "")
        self.notify(one_line(text, 160), title=title, markup=False)

    def action_back(self) -> None:
        self.dismiss()
