"""`/` in the library: search the whole archive for speakers, entities and quote text."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input, Static

from ...model import UNCERTAIN_BELOW
from ...wording import counted
from ..archive_reading import Unanswered, ask
from ..evidence import UNCERTAIN_MARK
from ..labels import archived_title
from ..messages import OpenArchived
from ..safe import one_line
from ..widgets.deferred import Deferred
from ..widgets.footer import FittedFooter
from ..widgets.row_table import Column, RowTable

COLUMNS = (Column("Found", 12), Column("Hit", ratio=3), Column("Article", ratio=2), Column("¶", 3, "right"))
KINDS = {"speaker": "speaker", "person": "person", "organization": "organisation", "place": "place",
         "figure": "figure", "date": "date", "quote": "quote"}
MIN_CHARS = 2
"""One letter would match most names of a large archive: the search starts at two."""
LIMIT = 100
"""Hits of each kind at most (speakers, entities, quotes): a list to pick from, not a report."""


class ArchiveSearchScreen(Screen[None]):
    """Type, then ``down`` (or ``enter``) into the hits; ``enter`` opens the article at a hit."""

    BINDINGS = [
        Binding("enter", "open", "Open at hit"),
        Binding("a", "all_said", "All said"),
        Binding("escape", "back", "Back"),
        Binding("tab", "switch", "Field/hits"),
        Binding("down", "to_hits", "Hits", show=False),
    ]

    hits: reactive[list[dict] | None] = reactive(None, always_update=True)
    query_text = ""
    _warned = False

    class Answered(Message):
        def __init__(self, words: str, hits: list[dict]) -> None:
            super().__init__()
            self.words = words
            self.hits = hits

    class Failed(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def compose(self) -> ComposeResult:
        yield Static(id="archive-search-title", classes="archive-title")
        yield Input(placeholder="speaker, name or words of a quote", id="archive-search-input")
        yield RowTable(COLUMNS, id="archive-search-hits")
        yield Static(id="archive-search-detail", classes="archive-detail")
        yield Deferred(FittedFooter())  # after the first paint, as in the article: the list first

    def on_mount(self) -> None:
        self.set_focus(self.query_one(Input))

    @on(Input.Changed, "#archive-search-input")
    def _changed(self, event: Input.Changed) -> None:
        self.query_text = event.value.strip()
        if len(self.query_text) >= MIN_CHARS:
            self._search(self.query_text)
        else:
            self.workers.cancel_group(self, "search")
            self.hits = None

    @on(Input.Submitted, "#archive-search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        self.action_to_hits()

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, words: str) -> None:
        try:
            hits = ask(lambda store: store.search_everything(words, limit=LIMIT, as_typed=True))
        except Unanswered as exc:
            self.post_message(self.Failed(str(exc)))
            return
        self.post_message(self.Answered(words, hits))

    @on(Answered)
    def _answered(self, message: Answered) -> None:
        if message.words == self.query_text:  # an answer to what the field says now
            self.hits = message.hits

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        if not self._warned:  # once, not at every letter typed
            self._warned = True
            self.notify(one_line(message.text, 300), severity="warning", markup=False)

    def watch_hits(self, hits: list[dict] | None) -> None:
        if hits is None:
            summary = "type (two letters or more) to search every article archived"
        else:
            summary = f"“{one_line(self.query_text, 30)}”: {counted(len(hits), 'hit')}"
        self.query_one("#archive-search-title", Static).update(Content.assemble(
            ("Search the archive", "bold"), f"  {summary}", ("  enter opens at a hit · escape back", "dim")))
        hits = hits or []
        table = self.query_one(RowTable)
        table.set_rows(len(hits), lambda i: self._cells(hits[i]))
        self._show_detail()

    @staticmethod
    def _cells(hit: dict) -> tuple[str, ...]:
        if hit["kind"] == "quote":
            who = one_line(hit["name"], 40) or "unattributed"
            if hit.get("confidence") is not None and hit["confidence"] < UNCERTAIN_BELOW:
                who += f" {UNCERTAIN_MARK}"
            what = f"{who}: {hit['text']}"
        elif hit["kind"] == "speaker":
            what = f"{hit['name']} ({counted(hit['quotes'], 'quote')})"
        else:
            what = hit["name"]
        return (KINDS.get(hit["kind"], hit["kind"]), what, archived_title(hit["title"], hit["source"]),
                str(hit["paragraph"]))

    @on(RowTable.Highlighted)
    def _highlighted(self, message: RowTable.Highlighted) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        hit = self.selected()
        detail = self.query_one("#archive-search-detail", Static)
        if hit is None:
            detail.update("")
            return
        where = f"{archived_title(hit['title'], hit['source'])}, {hit['published'] or 'undated'}, ¶{hit['paragraph']}"
        if hit["kind"] == "quote":
            body = f"“{one_line(hit['text'], 600)}” — {one_line(hit['name'], 80) or 'unattributed'}"
        elif hit["kind"] == "speaker":
            body = f"{one_line(hit['name'], 80)}: their newest quote"
        else:
            body = f"{one_line(hit['name'], 80)}: first mention"
        detail.update(Content.assemble(body, (f" · {where}", "dim")))

    def selected(self) -> dict | None:
        hits = self.hits or []
        i = self.query_one(RowTable).cursor_row
        return hits[i] if 0 <= i < len(hits) else None

    @on(RowTable.Chosen)
    def _chosen(self, message: RowTable.Chosen) -> None:
        self.action_open()

    def action_open(self) -> None:
        hit = self.selected()
        if hit is not None:
            self.post_message(OpenArchived(hit["source"], (hit["start"], hit["end"])))

    def action_all_said(self) -> None:
        """On a speaker or quote hit: everything that speaker said."""
        hit = self.selected()
        if hit is None or not hit["key"]:
            self.notify("Select a speaker or a quote first", severity="warning")
            return
        from .speaker_quotes import SpeakerQuotesScreen

        SpeakerQuotesScreen.push(self, name=hit["name"] or "", keys=[hit["key"]])

    def action_to_hits(self) -> None:
        if self.query_one(RowTable).row_count:
            self.set_focus(self.query_one(RowTable))

    def action_switch(self) -> None:
        field, table = self.query_one(Input), self.query_one(RowTable)
        self.set_focus(field if self.focused is table else table)

    def action_back(self) -> None:
        self.dismiss()
