"""The Textual app: a thin shell that opens the library or the single article."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import App
from textual.binding import Binding
from textual.widgets import Input

from ..model import Analysis, Article
from ..runner import AnalysisRun, start_analysis
from .commands import ArticleProvider
from .messages import AnalysisFinished, OpenArchived, OpenArticle
from .safe import one_line
from .screens.article import ArticleScreen

if TYPE_CHECKING:
    from .screens.library import LibraryScreen


class NewsreaderApp(App[int]):
    """``NewsreaderApp(articles).run()``; ``start`` is the analysis entry point (tests swap it)."""

    CSS_PATH = "newsreader.tcss"
    TITLE = "newsreader"
    COMMANDS = App.COMMANDS | {ArticleProvider}
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, articles: list[Article], *, model: str | None = None, use_cache: bool = True,
                 start: Callable[..., AnalysisRun] = start_analysis,
                 analyses: dict[str, Analysis] | None = None) -> None:
        super().__init__()
        self.articles = articles
        self.model = model
        self.use_cache = use_cache
        self.start = start
        self.analyses: dict[str, Analysis] = dict(analyses or {})
        """Finished analyses by article source (from the cache or from a run this session)."""

    def on_mount(self) -> None:
        self.screen.call_after_refresh(self._first_paint_done)

    def _first_paint_done(self) -> None:
        # The CLI pauses the garbage collector for start-up (see cli.run_reader).
        # What start-up made lives as long as the app: freeze it rather than have
        # the first collection walk all of it (~20 ms, during the first keys). The
        # price: start-up's few thousand garbage objects (well under 1 MB) stay.
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    def get_default_screen(self) -> LibraryScreen | ArticleScreen:
        # The first screen is the app's base screen rather than one pushed from
        # on_mount: Textual then composes and paints one screen, not a blank one first.
        # (The CLI has already prestarted the analysis process.) The library, help and
        # export screens are imported when first needed: not on one article's start-up path.
        if len(self.articles) != 1:
            from .screens.library import LibraryScreen

            return LibraryScreen(self.articles, self.analyses, start=self.start, model=self.model,
                                 use_cache=self.use_cache)
        return self._article_screen(self.articles[0])

    def _article_screen(self, article: Article, *, at: tuple[int, int] | None = None,
                        pushed: bool = False) -> ArticleScreen:
        # an article opened from the library or an archive list goes back to it
        return ArticleScreen(article, start=self.start, model=self.model, use_cache=self.use_cache,
                             has_library=pushed or len(self.articles) != 1, analysis=self.analyses.get(article.source),
                             at=at)

    def open_article(self, article: Article, at: tuple[int, int] | None = None) -> None:
        self.push_screen(self._article_screen(article, at=at, pushed=True))

    @on(OpenArticle)
    def _open(self, message: OpenArticle) -> None:
        self.open_article(message.article, message.at)

    @on(OpenArchived)
    def _open_archived(self, message: OpenArchived) -> None:
        from ..archive import archive_source

        article = next((a for a in self.articles if archive_source(a.source) == message.source), None)
        if article is None:
            self._load_archived(message)  # an article archived from elsewhere: read it off the UI thread
        else:
            self._open_checked(article, message)

    @work(thread=True, group="open-archived", exit_on_error=False)
    def _load_archived(self, message: OpenArchived) -> None:
        from ..errors import NewsreaderError
        from ..sources import load_source

        source = message.source
        try:
            articles = load_source(source.partition("#entry-")[0] if "#entry-" in source else source)
        except NewsreaderError as exc:
            self.call_from_thread(self.notify, one_line(f"Cannot open it: {exc}", 300), severity="error",
                                  markup=False)
            return
        article = next((a for a in articles if a.source == source), articles[0] if len(articles) == 1 else None)
        if article is None:
            self.call_from_thread(self.notify, one_line(f"{source} is no longer in its feed", 300), severity="error",
                                  markup=False)
            return
        self.call_from_thread(self._open_checked, article, message)

    def _open_checked(self, article: Article, message: OpenArchived) -> None:
        from ..cache import text_hash

        if message.text_hash is not None and text_hash(article.text) != message.text_hash:
            self.notify("The article changed since it was indexed: the place may be off "
                        "(newsreader index brings the archive up to date)", severity="warning")
        self.open_article(article, message.at)

    @on(AnalysisFinished)
    def _finished(self, message: AnalysisFinished) -> None:
        self.analyses[message.article.source] = message.analysis

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # `q` or `?` in a search typed in one burst with the `/` (see ArticleScreen)
        return not (action in ("quit", "help") and isinstance(self.focused, Input))

    def on_key(self, event: events.Key) -> None:
        """A key that reached the app unhandled while a text field has the focus was
        meant for that field (typed in the same burst as the key that focused it)."""
        # (Enter needs nothing: the field's own binding for it is in the chain by now.)
        field = self.focused
        if isinstance(field, Input) and event.is_printable and event.character:
            field.insert_text_at_cursor(event.character)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())
