"""Messages that cross screens: analysis results the library shows as counts."""

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
    """The library asks the app to open ``article``."""

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article
