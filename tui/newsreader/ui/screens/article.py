"""The article screen: the text, the side pane, the status line, and every reading key.

Analysis runs in a thread worker that iterates ``runner.start_analysis(...).updates()``
and posts each update as a message; the UI applies only the newest one
(updates are cumulative), so a slow terminal never falls behind the engine.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import get_current_worker

from ...errors import NewsreaderError
from ...model import Analysis, Article, Quote
from ...runner import AnalysisRun, AnalysisUpdate
from ...wording import counted
from ..citation import citation
from ..evidence import evidence, is_uncertain, uncertain_mark
from ..index import AnalysisIndex, find_hits, speaker_key
from ..labels import article_title
from ..messages import AnalysisFinished
from ..safe import one_line
from ..widgets.article_view import ArticleView
from ..widgets.deferred import Deferred
from ..widgets.entity_list import EntityList
from ..widgets.footer import FittedFooter
from ..widgets.quote_list import QuoteList
from ..widgets.search_bar import SearchBar
from ..widgets.side_pane import SidePane
from ..widgets.status_line import StatusLine

if TYPE_CHECKING:
    from .export import ExportRequest

StartAnalysis = Callable[..., AnalysisRun]

SIDE_HIDES_BELOW = 50
"""Columns under which the side pane starts hidden (`p` shows it, sharing the width)."""

FILTER_KEYS = {"1": "speaker", "2": "person", "3": "organization", "4": "place",
               "5": "figure", "6": "date", "0": "all"}


class AnalysisUpdated(Message):
    """An update and its index (built off the UI thread when it comes from the worker)."""

    def __init__(self, update: AnalysisUpdate, index: AnalysisIndex | None = None) -> None:
        super().__init__()
        self.update = update
        self.index = index


class AnalysisFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class ArticleScreen(Screen[None]):
    """One article with its entities and quotes."""

    BINDINGS = [
        Binding("tab", "switch_pane(1)", "Pane"),
        Binding("shift+tab", "switch_pane(-1)", "Pane", show=False),
        Binding("slash", "search", "Search"),
        Binding("n", "step(1)", "Next"),
        Binding("N", "step(-1)", "Prev", show=False),
        Binding("right_square_bracket", "quote(1)", "Quote"),
        Binding("left_square_bracket", "quote(-1)", "Prev quote", show=False),
        Binding("w", "toggle_view", "View"),
        Binding("s", "speaker_filter", "Speaker", show=False),
        Binding("c", "copy_citation", "Cite"),
        Binding("a", "all_said", "Said"),
        Binding("e", "export", "Export", show=False),
        Binding("p", "toggle_side", "Side pane", show=False),
        *(Binding(key, f"filter('{name}')", f"Show {name}", show=False) for key, name in FILTER_KEYS.items()),
        Binding("escape", "clear", "Clear/back", show=False),
        Binding("backspace", "back", "Library", show=False),
    ]

    # Actions bound to printable keys. While a text field has the focus they are off:
    # a key typed in the same burst as the `/` (a paste, keys bunched by a slow SSH
    # link) was handed out before the field took the focus, and reaches the bindings;
    # it must not run a command. NewsreaderApp types it into the field instead.
    TYPED_KEY_ACTIONS = frozenset({"search", "step", "quote", "toggle_view", "speaker_filter", "copy_citation",
                                   "all_said", "export", "toggle_side", "filter"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in self.TYPED_KEY_ACTIONS and isinstance(self.focused, Input))

    def __init__(self, article: Article, *, start: StartAnalysis, model: str | None = None,
                 use_cache: bool = True, has_library: bool = False, analysis: Analysis | None = None,
                 at: tuple[int, int] | None = None) -> None:
        super().__init__()
        self._target = at
        """A span to open at (an archive hit): its quote once the analysis has it."""
        self._target_ready = False
        self._known = analysis if analysis is not None and analysis.complete else None
        self.article = article
        self.title_text = article_title(article)
        self._start = start
        self.model = model
        self.use_cache = use_cache
        self.has_library = has_library
        self.index: AnalysisIndex | None = None
        self.analysis_complete = False
        self.analysis_error: str | None = None
        self.selected_key: str | None = None
        self.mention_pos: int | None = None
        self.current_quote: str | None = None
        self.search_query = ""
        self.hits: list[tuple[int, int]] = []
        self.hit_pos: int | None = None
        self._run: AnalysisRun | None = None
        self._latest: AnalysisUpdate | None = None
        self._paragraphs: list[tuple[int, int]] = []
        self._side_wanted: bool | None = None
        """The side pane as asked for (`p`, `w`, a filter key); None: by the terminal's width."""

    # --- composition ---------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusLine(self.title_text, self.article.published, id="status")
        with Horizontal(id="body"):
            with Vertical(id="main"):
                yield ArticleView(self.article.text, id="article")
                # Hidden until `/`; mounted after the first paint like the lists, so
                # that `/` finds it in place and the focus moves to it at once.
                yield Deferred(SearchBar(id="search", on_submit=self._search_submitted))
            yield SidePane(id="side")
        # After the first paint, as the side pane's lists: the text comes first.
        yield Deferred(FittedFooter())

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def side(self) -> SidePane:
        return self.query_one(SidePane)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    def on_resize(self, event: events.Resize) -> None:
        self._fit_side(event.size.width)

    def _fit_side(self, width: int) -> None:
        """Below ``SIDE_HIDES_BELOW`` columns the article keeps the width: the side pane
        is hidden unless asked for, and when shown takes half (see ``-narrow`` in the CSS)."""
        self.set_class(width < SIDE_HIDES_BELOW, "-narrow")
        show = self._side_wanted if self._side_wanted is not None else width >= SIDE_HIDES_BELOW
        if self.side.display != show:
            self._set_side(show)

    def _set_side(self, show: bool) -> None:
        self.side.display = show
        if not show and self.focused is not None and self.focused is not self.view \
                and self.side in self.focused.ancestors:
            self.set_focus(self.view)

    def _show_side(self) -> None:
        self._side_wanted = True
        self._set_side(True)

    def on_mount(self) -> None:
        self._fit_side(self.app.size.width)
        self._paragraphs = self.view.paragraphs
        self.view.border_title = "Article"
        self.view.focus()
        if self._target is not None:
            self.call_after_refresh(self._open_at_target)
        if self._known is not None:  # analysed already (the cache, the library): no second run
            total = len(self.article.text)
            self._latest = AnalysisUpdate(self._known, total, total)
            # applied now rather than by message, so the first paint has the highlights
            self._apply_update(AnalysisUpdated(self._latest))
            return
        self.status.set_progress("analysing…")
        # The analysis process was started by the CLI; asking it (or reading the
        # cache) from a thread now would only compete with the first paint.
        self.call_after_refresh(self._analyse)

    def on_unmount(self) -> None:
        if self._run is not None:
            self._run.cancel()

    # --- analysis ------------------------------------------------------

    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False)
    def _analyse(self) -> None:
        worker = get_current_worker()
        try:
            run = self._start(self.article, model=self.model, use_cache=self.use_cache)
            self._run = run
            if worker.is_cancelled:
                run.cancel()
                return
            for update in run.updates():
                if worker.is_cancelled:
                    run.cancel()
                    return
                # the indexes are built here, off the UI thread; the UI only swaps them in
                index = AnalysisIndex.build(update.analysis, self._paragraphs)
                self._latest = update
                self.post_message(AnalysisUpdated(update, index))
        except NewsreaderError as exc:
            self.post_message(AnalysisFailed(str(exc)))
        except Exception as exc:  # the engine must never take the reader down
            self.post_message(AnalysisFailed(f"{type(exc).__name__}: {exc}"))

    @on(AnalysisUpdated)
    def _apply_update(self, message: AnalysisUpdated) -> None:
        update = message.update
        if update is not self._latest and not update.complete:
            return  # a newer cumulative update is already queued
        index = message.index or AnalysisIndex.build(update.analysis, self._paragraphs)
        self.index = index
        self.view.set_marks(index.marks)
        self.side.show_index(index)
        if update.complete:
            self.analysis_complete = True
            self.status.set_progress(f"{counted(len(index.entities), 'entity', 'entities')} · "
                                     f"{counted(len(index.quotes), 'quote')}")
            self.post_message(AnalysisFinished(self.article, update.analysis))
        else:
            pct = int(100 * update.done / update.total) if update.total else 0
            self.status.set_progress(f"analysing {pct}% · {counted(len(index.entities), 'entity', 'entities')}")
        if self.selected_key and not self._key_exists(self.selected_key):
            self._select(None)
        else:
            self._select(self.selected_key)  # its mentions may have grown
        if self._target_ready:
            self._go_target(update.complete)
        self._show_position()

    def _open_at_target(self) -> None:
        """After the first paint (the pane has its size): the target, or its place while analysing."""
        self._target_ready = True
        if self.index is not None:
            self._go_target(self.analysis_complete)
        if self._target is not None:
            self.view.set_current(self._target)
        self._show_position()

    def _go_target(self, complete: bool) -> None:
        """Go to the span the article was opened at: its quote when there is one (so the
        status line says who), else the span itself once the analysis is complete."""
        if self._target is None or self.index is None:
            return
        start, end = self._target
        i = bisect_left(self.index.quote_starts, start)
        quote = self.index.quotes[i] if i < len(self.index.quotes) else None
        if quote is not None and quote.start == start:
            self._target = None
            self._go_quote(quote)
        elif complete:
            self._target = None
            self.view.set_current((start, end))

    @on(AnalysisFailed)
    def _failed(self, message: AnalysisFailed) -> None:
        self.analysis_error = message.error
        self.status.set_progress("analysis failed")
        self.side.show_error(message.error)

    def _key_exists(self, key: str) -> bool:
        if self.index is None:
            return False
        return key in self.index.entities or key in self.index.quotes_by_speaker

    # --- selection from the lists and the mouse ------------------------

    def _select(self, key: str | None) -> None:
        """Make ``key`` the selected entity: its mentions are marked in the text."""
        if key != self.selected_key:
            self.mention_pos = None
        self.selected_key = key
        spans = self.index.mentions.get(key or "", []) if self.index else []
        self.view.set_selected([(m.start, m.end) for m in spans])

    @on(EntityList.Highlighted)
    def _entity_highlighted(self, message: EntityList.Highlighted) -> None:
        self._select(message.key)
        self._show_position()

    @on(EntityList.Chosen)
    def _entity_chosen(self, message: EntityList.Chosen) -> None:
        self._select(message.key)
        self.hits_clear()
        if self.index and message.key in self.index.mentions and self.index.mentions[message.key]:
            self._go_mention(0)
        elif self.index and message.key in self.index.quotes_by_speaker:
            self._go_quote(self.index.quotes_by_speaker[message.key][0])

    @on(QuoteList.Chosen)
    def _quote_chosen(self, message: QuoteList.Chosen) -> None:
        if self.index and (quote := self.index.quote_by_id.get(message.quote_id)):
            self._go_quote(quote)

    @on(ArticleView.Clicked)
    def _clicked(self, message: ArticleView.Clicked) -> None:
        if self.index is None:
            return
        key = self.index.entity_at(message.offset)
        if key is not None:
            self._select(key)
            self.side.select_entity(key)
            spans = self.index.mentions[key]
            pos = next((i for i, m in enumerate(spans) if m.start <= message.offset < m.end), 0)
            self._go_mention(pos, scroll=False)
            return
        i = self.index.quote_index_after(message.offset + 1, -1)
        if i is not None:
            quote = self.index.quotes[i]
            if quote.start <= message.offset < quote.end:
                self._go_quote(quote, scroll=False)

    # --- moving --------------------------------------------------------

    def _base_offset(self) -> int:
        current = self.view.current
        if current is not None:
            return current[0]
        return self.view.visible_offset() - 1

    def _go_mention(self, pos: int, *, scroll: bool = True) -> None:
        assert self.index is not None and self.selected_key is not None
        spans = self.index.mentions[self.selected_key]
        self.mention_pos = pos % len(spans)
        span = spans[self.mention_pos]
        self.current_quote = None
        self.view.set_current((span.start, span.end), scroll=scroll)
        self._show_position()

    def _go_quote(self, quote: Quote, *, scroll: bool = True) -> None:
        self.current_quote = quote.id
        self.mention_pos = None
        self.view.set_current((quote.start, quote.end), scroll=scroll)
        self.side.select_quote(quote.id)
        self._show_position()

    def _go_hit(self, pos: int) -> None:
        self.hit_pos = pos % len(self.hits)
        self.view.set_current(self.hits[self.hit_pos])
        self._show_position()

    def action_step(self, step: int) -> None:
        """n / N: the next search hit if searching, else the selected entity's next mention."""
        if self.hits:
            if self.hit_pos is None:
                # the first hit after (or before) where you are, wrapping
                base = self._base_offset()
                starts = [s for s, _ in self.hits]
                i = bisect_right(starts, base) if step > 0 else bisect_left(starts, base) - 1
                self._go_hit(i if 0 <= i < len(self.hits) else (0 if step > 0 else -1))
            else:
                self._go_hit(self.hit_pos + step)
            return
        if self.search_query:
            self.notify("No matches for that search", severity="warning")
            return
        if self.index is None or self.selected_key is None:
            self.notify("Pick an entity in the side pane first (tab, then j/k)", severity="warning")
            return
        key = self.selected_key
        if key in self.index.mentions and self.index.mentions[key]:
            if self.mention_pos is None:
                pos = self.index.mention_index_after(key, self._base_offset(), step)
                self._go_mention(pos or 0)
            else:
                self._go_mention(self.mention_pos + step)
        elif key in self.index.quotes_by_speaker:
            quotes = self.index.quotes_by_speaker[key]
            ids = [q.id for q in quotes]
            i = ids.index(self.current_quote) + step if self.current_quote in ids else (0 if step > 0 else -1)
            self._go_quote(quotes[i % len(quotes)])

    def action_quote(self, step: int) -> None:
        """] / [: the next / previous quote in the article from where you are."""
        if self.index is None or not self.index.quotes:
            self.notify("No quotes found yet" if not self.analysis_complete else "No quotes in this article",
                        severity="warning")
            return
        base = self._base_offset()
        if self.current_quote and (pos := self.index.quote_position(self.current_quote)) is not None \
                and self.view.current == (self.index.quotes[pos].start, self.index.quotes[pos].end):
            i = (pos + step) % len(self.index.quotes)
        else:
            found = self.index.quote_index_after(base, step)
            i = 0 if found is None else found
        self._go_quote(self.index.quotes[i])

    def action_switch_pane(self, step: int) -> None:
        widgets = [self.view]
        if self.side.display:
            widgets.append(self.side.active_list)
        focused = self.focused
        i = widgets.index(focused) if focused in widgets else -1
        # Focused now, not after the queued keys (``Widget.focus`` waits for the queue):
        # a key typed in the same burst as the tab (`tab j` over SSH, a paste) reaches
        # the bindings after this and must find the new pane's.
        self.set_focus(widgets[(i + step) % len(widgets)])

    def action_toggle_view(self) -> None:
        self._show_side()
        self.side.set_view("quotes" if self.side.view == "entities" else "entities")
        if self.side.view == "quotes" and self.current_quote:
            self.side.select_quote(self.current_quote)

    def action_filter(self, name: str) -> None:
        self._show_side()
        self.side.set_view("entities")
        self.side.set_filter(name)

    def action_speaker_filter(self) -> None:
        if self.index is None:
            return
        if self.side.view == "quotes":
            if self.side.quotes.speaker is not None:
                self.side.set_speaker(None)
                return
            quote = self.index.quote_by_id.get(self.side.quotes.selected_quote_id or "")
            key = speaker_key(quote) if quote else None
        else:
            key = self.selected_key
        if key is None or key not in self.index.quotes_by_speaker:
            self.notify("Select a speaker (or one of their quotes) first", severity="warning")
            return
        self._show_side()
        self.side.set_view("quotes")
        self.side.set_speaker(key)

    def action_toggle_side(self) -> None:
        self._side_wanted = not self.side.display
        self._set_side(self._side_wanted)
        if not self.side.display:
            self.set_focus(self.view)

    # --- search --------------------------------------------------------

    @property
    def search_bar(self) -> SearchBar | None:
        """The search field (None in the instant before it is mounted)."""
        return next(iter(self.query(SearchBar)), None)

    async def action_search(self) -> None:
        if self.search_bar is None:  # `/` within the first frame: mount it now
            for deferred in self.query(Deferred):
                if isinstance(deferred.widget, SearchBar):
                    await deferred.mount_now()
        bar = self.search_bar
        if bar is None:
            return
        bar.display = True
        self.set_focus(bar)

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self._set_query(event.input.value)  # the value now: an older Changed may arrive after enter

    def _set_query(self, value: str) -> None:
        if value == self.search_query and (self.hits or not value):
            return
        self.search_query = value
        self.hits = find_hits(self.view.text, value) if value else []
        self.hit_pos = None
        self.view.set_hits(self.hits)
        self._show_position()

    def _search_submitted(self, value: str) -> None:
        """Enter in the search field (called at once: see ``SearchBar``)."""
        self._set_query(value)  # the field's last Changed may still be on its way
        self.set_focus(self.view)
        if self.hits:
            self._go_hit(0)  # the first hit from the top of the article; n / N go on from it
        elif self.search_query:
            self.notify("No matches", severity="warning")

    def hits_clear(self) -> None:
        bar = self.search_bar
        if bar is not None and (bar.display or self.hits):
            bar.display = False
            bar.value = ""
            self.search_query = ""
            self.hits = []
            self.hit_pos = None
            self.view.set_hits([])
            if self.focused is bar or self.focused is None:
                self.view.focus()

    def action_clear(self) -> None:
        """escape: clear the search, then the speaker filter, then the type filter, then go back."""
        bar = self.search_bar
        if (bar is not None and bar.display) or self.hits:
            self.hits_clear()
            self.view.set_current(None)
        elif self.side.quotes.speaker is not None:
            self.side.set_speaker(None)
        elif self.side.entities.filter != "all":
            self.side.set_filter("all")
        else:
            self.action_back()
        self._show_position()

    def action_back(self) -> None:
        if self.has_library:
            self.dismiss()

    # --- citation and export -------------------------------------------

    def selected_quote(self) -> Quote | None:
        """The quote highlighted in the Quotes view, else the one last jumped to (if still shown)."""
        if self.index is None:
            return None
        if self.side.display and self.side.view == "quotes":
            return self.index.quote_by_id.get(self.side.quotes.selected_quote_id or "")
        quote = self.index.quote_by_id.get(self.current_quote or "")
        if quote is not None and self.view.current == (quote.start, quote.end):
            return quote
        return None

    def action_copy_citation(self) -> None:
        quote = self.selected_quote()
        if quote is None:
            self.notify("Select a quote first: ] jumps to the next one, w lists them", severity="warning")
            return
        text = citation(quote.text, quote.speaker_name, self.index.role_of(quote.speaker) if self.index else None,
                        self.title_text, self.article.published, kind=quote.kind, uncertain=is_uncertain(quote))
        self.app.copy_to_clipboard(text)
        # the notice is cut to 160 characters: its title keeps the uncertainty in sight
        title = "Copied citation (OSC 52)" + (" · attribution uncertain" if is_uncertain(quote) else "")
        self.notify(one_line(text, 160), title=title, markup=False)

    def action_all_said(self) -> None:
        """Everything the selected quote's speaker (or the selected speaker) said, across the archive."""
        quote = self.selected_quote()
        if quote is None and self.index is not None and self.selected_key in self.index.quotes_by_speaker:
            quote = self.index.quotes_by_speaker[self.selected_key][0]
        if quote is None or not (quote.speaker or quote.speaker_name):
            self.notify("Select a quote or a speaker first: ] jumps to the next quote", severity="warning")
            return
        from ...archive import archive_source
        from .speaker_quotes import SpeakerQuotesScreen

        # the speaker as the archive links them across articles (by name if this text is not archived)
        SpeakerQuotesScreen.push(self, name=quote.speaker_name or "", source=archive_source(self.article.source),
                                 quote_id=quote.id)

    def action_export(self) -> None:
        if self.index is None:
            self.notify("Nothing to export yet: the analysis is still running", severity="warning")
            return
        from .export import (
            ExportScreen,  # imported on first use: not on the start-up path
        )

        self.app.push_screen(ExportScreen(self.article.source, self._write_export), self._exported)

    def _write_export(self, request: ExportRequest) -> None:
        """Called by the dialog, which shows an ``OSError`` and stays open."""
        from ...export import render

        assert self.index is not None
        output = render(self.article, self.index.analysis, request.fmt)
        Path(request.path).write_text(output, encoding="utf-8", newline="")

    def _exported(self, request: ExportRequest | None) -> None:
        if request is None:
            return
        note = "" if self.analysis_complete else " (partial: analysis still running)"
        self.notify(one_line(f"Wrote {request.fmt} to {request.path}{note}", 200), title="Exported", markup=False)

    # --- palette -------------------------------------------------------

    def jump_to_entity(self, key: str) -> None:
        """Used by the command palette: select ``key`` and go to its first mention."""
        self.side.set_view("entities")
        if not self.side.select_entity(key):
            self.side.set_filter("all")
            self.side.select_entity(key)
        self.post_message(EntityList.Chosen(key))

    def jump_to_quote(self, quote_id: str) -> None:
        self.side.set_view("quotes")
        self.post_message(QuoteList.Chosen(quote_id))

    # --- status --------------------------------------------------------

    def _current_quote(self) -> Quote | None:
        """The quote the article view's current item is (``]``, the Quotes list), if it is one."""
        if self.index is None or not self.current_quote or self.view.current is None:
            return None
        pos = self.index.quote_position(self.current_quote)
        if pos is not None and self.view.current[0] == self.index.quotes[pos].start:
            return self.index.quotes[pos]
        return None

    def _show_position(self) -> None:
        position, detail, mark = "", "", ""
        quote = self._current_quote()
        # the words that name or point at its speaker are marked in the text
        mention = quote.speaker_mention if quote is not None else None
        self.view.set_speaker_mention((mention.start, mention.end) if mention is not None else None)
        if self.search_query:
            n = len(self.hits)
            where = f"{self.hit_pos + 1}/{n}" if self.hit_pos is not None and n else counted(n, "hit")
            position = f"search “{one_line(self.search_query, 30)}” {where}"
        elif self.index is not None and self.mention_pos is not None and self.selected_key in self.index.mentions:
            entity = self.index.entities[self.selected_key]
            position = f"{one_line(entity.name, 30)} {self.mention_pos + 1}/{len(self.index.mentions[entity.id])}"
        elif self.index is not None and quote is not None:
            pos = self.index.quote_position(quote.id)
            # how its speaker was found: "he → Jan Egeland", "↳ Jan Egeland (continues)"
            position = f"quote {(pos or 0) + 1}/{len(self.index.quotes)} · "
            detail, mark = evidence(quote), uncertain_mark(quote)
        elif self.index is not None and self.selected_key in self.index.entities:
            entity = self.index.entities[self.selected_key]
            position = f"{one_line(entity.name, 30)} ×{len(entity.mentions)} · n/N"
        self.status.set_position(position, detail, mark)

    @property
    def position_text(self) -> str:
        return self.status.position
