"""The Speakers view: everyone quoted across the archive, most quoted first."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from ...wording import counted
from ..archive_reading import Unanswered, ask
from ..safe import one_line
from ..widgets.deferred import Deferred
from ..widgets.footer import FittedFooter
from ..widgets.row_table import Column, RowTable

COLUMNS = (Column("Speaker", ratio=1), Column("Type", 12), Column("Quotes", 6, "right"),
           Column("Articles", 8, "right"))
TYPES = {"person": "person", "organization": "organisation", None: "unnamed"}


class SpeakersScreen(Screen[None]):
    """``enter`` (or ``a``) lists everything the speaker said."""

    BINDINGS = [
        Binding("enter,a", "all_said", "All said"),
        Binding("escape,backspace", "back", "Back"),
    ]

    speakers: reactive[list[dict] | None] = reactive(None, always_update=True)
    problem = False
    """The archive could not answer (the notification said why)."""

    class Answered(Message):
        def __init__(self, speakers: list[dict]) -> None:
            super().__init__()
            self.speakers = speakers

    class Failed(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def compose(self) -> ComposeResult:
        yield Static(id="speakers-title", classes="archive-title")
        yield RowTable(COLUMNS, id="speakers")
        yield Deferred(FittedFooter())  # after the first paint, as in the article: the list first

    def on_mount(self) -> None:
        self.query_one(RowTable).focus()
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        try:
            self.post_message(self.Answered(ask(lambda store: store.speaker_table())))
        except Unanswered as exc:
            self.post_message(self.Failed(str(exc)))

    @on(Answered)
    def _answered(self, message: Answered) -> None:
        self.speakers = message.speakers

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.problem = True
        self.speakers = []
        self.notify(one_line(message.text, 300), severity="warning", markup=False)

    def watch_speakers(self, speakers: list[dict] | None) -> None:
        if speakers is None:
            summary = "asking the archive…"
        else:
            summary = counted(len(speakers), "speaker") + " in the archive" if speakers else \
                "the archive cannot be read" if self.problem else "nobody quoted yet"
        self.query_one("#speakers-title", Static).update(Content.assemble(
            ("Speakers", "bold"), f"  {summary}", ("  most quoted first · enter: all they said", "dim")))
        speakers = speakers or []
        self.query_one(RowTable).set_rows(len(speakers), lambda i: self._cells(speakers[i]))

    @staticmethod
    def _cells(row: dict) -> tuple[str, ...]:
        kind = "unnamed" if row["key"].startswith("article:") else TYPES.get(row["type"], row["type"] or "")
        return (row["name"] or "unnamed", kind, f"{row['quotes']:,}", f"{row['articles']:,}")

    @on(RowTable.Chosen)
    def _chosen(self, message: RowTable.Chosen) -> None:
        self.action_all_said()

    def action_all_said(self) -> None:
        speakers = self.speakers or []
        i = self.query_one(RowTable).cursor_row
        if 0 <= i < len(speakers):
            from .speaker_quotes import SpeakerQuotesScreen

            SpeakerQuotesScreen.push(self, name=speakers[i]["name"], keys=[speakers[i]["key"]])

    def action_back(self) -> None:
        self.dismiss()
