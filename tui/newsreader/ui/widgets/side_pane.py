"""The side pane: the Entities list or the Quotes list, plus analysis errors."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from ..index import AnalysisIndex
from ..safe import one_line
from .deferred import Deferred
from .entity_list import GROUP_TITLES, EntityList
from .quote_list import QuoteList

VIEWS = ("entities", "quotes")


class SidePane(Vertical):
    """Holds both lists; shows one. Messages from the lists bubble up to the screen."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = "entities"
        self.index: AnalysisIndex | None = None
        self.status = "Analysing…"
        self._stale: set[str] = set()
        self.entities = EntityList(id="entities")
        self.quotes = QuoteList(id="quotes")
        self.quotes.display = False

    def compose(self) -> ComposeResult:
        yield Static(id="side-error", markup=False)
        # The lists are mounted just after the first paint: the article is what is
        # read first, and the lists' styles and layout would hold it back. Until
        # then they keep what they are asked to show (see ``SideList``).
        yield Deferred(self.entities)
        yield Deferred(self.quotes)

    def on_mount(self) -> None:
        self.query_one("#side-error").display = False
        self.entities.show(None, status=self.status)
        self.quotes.show(None, status=self.status)
        self._title()

    @property
    def active_list(self) -> EntityList | QuoteList:
        return self.entities if self.view == "entities" else self.quotes

    def set_view(self, view: str) -> None:
        refocus = self.screen.focused in (self.entities, self.quotes)
        self.view = view
        self.entities.display = view == "entities"
        self.quotes.display = view == "quotes"
        self._refresh_active()
        if refocus:
            self.screen.set_focus(self.active_list)  # now: a key in the same burst (`w j`) is for it
        self._title()

    def show_index(self, index: AnalysisIndex | None) -> None:
        """New results: rebuild the list on show now; the hidden one when it is shown."""
        self.index = index
        self._stale = {"entities", "quotes"}
        self._refresh_active()
        self._title()

    def _refresh_active(self) -> None:
        self._refresh(self.view)

    def _refresh(self, which: str) -> None:
        if which not in self._stale:
            return
        self._stale.discard(which)
        if which == "entities":
            self.entities.show(self.index, status=self.status)
        else:
            self.quotes.show(self.index, self.quotes.speaker, status=self.status)

    def select_entity(self, key: str) -> bool:
        """Highlight entity ``key`` in the Entities list (bringing it up to date first)."""
        self._refresh("entities")
        return self.entities.select_key(key)

    def select_quote(self, quote_id: str) -> bool:
        """Highlight quote ``quote_id`` in the Quotes list (bringing it up to date first)."""
        self._refresh("quotes")
        return self.quotes.select_quote(quote_id)

    def set_filter(self, filter: str) -> None:
        self._stale.discard("entities")
        self.entities.show(self.index, filter, status=self.status)
        self._title()

    def set_speaker(self, speaker: str | None) -> None:
        self._stale.discard("quotes")
        self.quotes.show(self.index, speaker, status=self.status)
        self._title()

    def show_error(self, message: str) -> None:
        error = self.query_one("#side-error", Static)
        error.update(Content.assemble(("Analysis failed\n", "bold"), one_line(message, 400),
                                      ("\n\nThe article is still readable.", "italic")))
        error.display = True
        self.status = "No analysis (see above)"
        self.show_index(self.index)

    def _title(self) -> None:
        if self.view == "entities":
            f = self.entities.filter
            title = "Entities" if f == "all" else f"Entities: {GROUP_TITLES[f]}"
        else:
            title = "Quotes" if self.quotes.speaker is None else "Quotes: one speaker"
        self.border_title = title
        self.border_subtitle = "w: " + ("quotes" if self.view == "entities" else "entities")
