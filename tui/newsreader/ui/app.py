"""The Textual app: a thin shell that opens the library or the single article."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import App
from textual.binding import Binding
from textual.widgets import Input

from ..model import Analysis, Article
from ..runner import AnalysisRun, start_analysis
from .commands import ArticleProvider
from .messages import AnalysisFinished, OpenArticle
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

    def _article_screen(self, article: Article) -> ArticleScreen:
        return ArticleScreen(article, start=self.start, model=self.model, use_cache=self.use_cache,
                             has_library=len(self.articles) != 1, analysis=self.analyses.get(article.source))

    def open_article(self, article: Article) -> None:
        self.push_screen(self._article_screen(article))

    @on(OpenArticle)
    def _open(self, message: OpenArticle) -> None:
        self.open_article(message.article)

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
