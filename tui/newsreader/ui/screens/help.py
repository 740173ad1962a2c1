"""The help screen (`?`, F1): every key, grouped."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

HELP: list[tuple[str, list[tuple[str, str]]]] = [
    ("Moving", [
        ("tab / shift+tab", "switch between the article and the side pane"),
        ("j k ↑ ↓", "move in the list, or scroll the article"),
        ("space b pgup pgdn g G", "page / top / bottom of the article"),
        ("enter", "jump to the selected entity's first mention, or to the selected quote"),
        ("n / N", "next / previous mention of the selected entity (or search hit)"),
        ("] / [", "next / previous quote in the article; the status line says who and how "
                  "(he → Jan Egeland), with ? when the attribution is uncertain"),
    ]),
    ("Side pane", [
        ("w", "switch between Entities and Quotes"),
        ("1", "speakers (who is quoted)"),
        ("2 3 4", "people, organisations, places"),
        ("5 6", "figures, dates"),
        ("0", "all entity types"),
        ("s", "only the selected speaker's quotes (again: all quotes)"),
        ("p", "hide / show the side pane"),
    ]),
    ("Search", [
        ("/", "search the article text (hits marked as you type)"),
        ("enter", "go to the first hit, from the top of the article"),
        ("n / N", "next / previous hit from there, wrapping"),
        ("escape", "clear the search (or the speaker filter; then back to the library)"),
    ]),
    ("Checking and sharing", [
        ("c", "copy the selected quote as a citation (OSC 52 clipboard)"),
        ("a", "everything the selected quote's (or speaker's) speaker said, in every article archived"),
        ("e", "export the analysis as JSON, CSV or Markdown"),
        ("ctrl+p", "command palette: find an entity or quote by name"),
    ]),
    ("Library and archive", [
        ("enter", "open the article (in an archive list: at the quote or hit)"),
        ("/", "search the archive: speakers, names and words of quotes (tab: field / hits)"),
        ("s", "Speakers: everyone quoted in the archive, most quoted first; enter: all they said"),
        ("c", "in a speaker's quotes: copy the selected one as a citation"),
        ("escape", "back to where you came from"),
    ]),
    ("App", [
        ("escape / backspace", "back to the library"),
        ("? / f1", "this help"),
        ("q", "quit"),
    ]),
]


NARROW_BELOW = 60
"""Terminal columns under which the keys column wraps too (`space b pgup` over `pgdn g G`)."""


def help_table(narrow: bool = False) -> Table:
    """Keys in one column, what they do in the other (wrapping under itself). ``narrow``:
    the keys column is at most 12 wide and wraps, leaving the descriptions room."""
    table = Table.grid(padding=(0, 2 if not narrow else 1))
    if narrow:
        table.add_column(style="bold", max_width=12, overflow="fold")
    else:
        table.add_column(no_wrap=True, style="bold")
    table.add_column(ratio=1)
    for i, (group, keys) in enumerate(HELP):
        if i:
            table.add_row("", "")
        table.add_row(Text(group, style="bold underline"), "")
        for key, what in keys:
            table.add_row(Text(key), Text(what))
    table.add_row("", "")
    table.add_row("", Text(STYLE_NOTE, style="italic"))
    return table


STYLE_NOTE = ("Mentions: people and figures bold, organisations and places underlined, "
              "dates italic and underlined; quotes italic; the current item reversed; "
              "the current quote's speaker mention bold, italic and underlined "
              "(colours follow the theme: ctrl+p, then “theme”).")


class HelpScreen(ModalScreen[None]):
    """Every key, grouped. Any of escape, q, ? or f1 closes it."""

    _narrow = False

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help"),
        Binding("j", "scroll('down')", show=False),
        Binding("k", "scroll('up')", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = "escape closes"
            self._narrow = self.app.size.width < NARROW_BELOW
            yield Static(help_table(self._narrow), id="help-table")

    def on_resize(self, event: events.Resize) -> None:
        narrow = event.size.width < NARROW_BELOW
        if narrow != self._narrow:
            self._narrow = narrow
            self.query_one("#help-table", Static).update(help_table(narrow))

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        if direction == "down":
            body.scroll_down()
        else:
            body.scroll_up()
