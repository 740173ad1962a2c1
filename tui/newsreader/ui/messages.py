"""Messages that cross screens: analysis results the library shows as counts, articles to open."""

from __future__ import annotations

from textual.message import Message

from ..model import Analysis, Article


class AnalysisFinished(Message):
    """An article's analysis completed (bubbles from its screen to the app)."""

    def __init__(self, article: Article, analysis: Analysis) -> None:
        super().__init__()
        self.article = article
        self.analysis = analysis


class OpenArticle(Message):
    """The library asks the app to open ``article`` (at ``at``, a span of its text, if given)."""

    def __init__(self, article: Article, at: tuple[int, int] | None = None) -> None:
        super().__init__()
        self.article = article
        self.at = at


class OpenArchived(Message):
    """An archive list asks the app to open an archived article at a span of its text.

    ``source`` is the archive's key (an absolute path, URL or feed entry); ``text_hash``
    the hash of the text the span was found in, to tell when the file changed since."""

    def __init__(self, source: str, at: tuple[int, int], text_hash: str | None = None) -> None:
        super().__init__()
        self.source = source
        self.at = at
        self.text_hash = text_hash
