"""Running an analysis for a reader: the one door the UI goes through.

The UI never imports spaCy: it asks this module for an ``AnalysisRun`` and
iterates its updates from a Textual thread worker. Each update carries the
whole analysis so far (entities and quotes found in the text up to
``done``), so a consumer can simply replace what it shows.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass

from .model import Analysis, Article


@dataclass(slots=True)
class AnalysisUpdate:
    analysis: Analysis
    done: int
    """Characters of the text analysed so far."""
    total: int
    """Characters in the text."""

    @property
    def complete(self) -> bool:
        return self.analysis.complete


class AnalysisRun:
    """One article's analysis, streamed. Iterate ``updates()`` off the UI thread."""

    def __init__(self, article: Article, *, model: str | None = None, use_cache: bool = True) -> None:
        self.article = article
        self.model = model
        self.use_cache = use_cache
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        """Stop the analysis soon; ``updates()`` then ends without a final update."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def updates(self) -> Iterator[AnalysisUpdate]:
        """Blocking iterator of updates; the last one has ``complete`` set.

        Raises ``NewsreaderError`` (e.g. a missing model) with a one-line message.
        """
        from .analysis.pipeline import Analyzer
        from .analysis.nlp import load_nlp

        analyzer = Analyzer(load_nlp(self.model))
        total = len(self.article.text)
        for analysis in analyzer.stream(self.article):
            if self._cancelled.is_set():
                return
            yield AnalysisUpdate(analysis, analysis.analysed_upto, total)


def start_analysis(article: Article, *, model: str | None = None, use_cache: bool = True) -> AnalysisRun:
    return AnalysisRun(article, model=model, use_cache=use_cache)
