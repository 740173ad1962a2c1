"""Shared fixtures: the seed article, its analysis (computed once a session), fake runs.

UI tests run the real engine once per session (``seed_analysis``) and then feed
that analysis to the app through ``FakeRun`` so each test starts instantly and
deterministically; one test (``test_ui_engine.py``) drives the real runner end
to end. Assertions derive from the analysis, never from hard-coded engine output.
"""

from __future__ import annotations

import copy
import re
import threading
from pathlib import Path

import pytest

from newsreader.model import Analysis, Article, Quote, Span, paragraph_spans

ROOT = Path(__file__).resolve().parent.parent
SEED_PATH = ROOT / "seeds" / "aleppo-evacuation.txt"


class FakeRun:
    """Stands in for ``runner.AnalysisRun``: streams ``analysis`` in two cumulative updates."""

    def __init__(self, article: Article, analysis: Analysis, *, gate: threading.Event | None = None,
                 error: Exception | None = None) -> None:
        self.article = article
        self.analysis = analysis
        self.gate = gate
        self.error = error
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True
        if self.gate is not None:
            self.gate.set()

    def updates(self):
        from newsreader.runner import AnalysisUpdate

        if self.gate is not None:
            self.gate.wait(30)
        if self.error is not None:
            raise self.error
        total = len(self.article.text)
        half = total // 2
        partial = Analysis(
            entities=[e for e in self.analysis.entities if e.mentions and e.mentions[0].start < half],
            quotes=[q for q in self.analysis.quotes if q.end <= half],
            analysed_upto=half, complete=False, model=self.analysis.model,
        )
        if not self.cancelled:
            yield AnalysisUpdate(partial, half, total)
        if not self.cancelled:
            yield AnalysisUpdate(self.analysis, total, total)


def fake_start(analyses: dict[str, Analysis], **kwargs):
    """A ``start_analysis`` replacement serving prepared analyses by article source."""

    def start(article: Article, *, model=None, use_cache=True):
        analysis = analyses.get(article.source)
        if analysis is None:
            analysis = Analysis(complete=True)
        return FakeRun(article, copy.deepcopy(analysis), **kwargs)

    return start


def _fallback_quotes(article: Article, analysis: Analysis) -> list[Quote]:
    """Hand-built quotes (“...” spans, nearest person as speaker) if the engine found none."""
    text = article.text
    paras = paragraph_spans(text)
    people = [(m.start, e) for e in analysis.entities if e.type == "person" for m in e.mentions]
    quotes: list[Quote] = []
    for i, match in enumerate(re.finditer(r"“([^”]+)”", text)):
        start, end = match.span(1)
        p = max(j for j, (s, _) in enumerate(paras) if s <= start)
        ps, pe = paras[p]
        near = sorted((abs(pos - end), e) for pos, e in people if ps <= pos < pe) if people else []
        speaker = near[0][1] if near else None
        cue = re.search(r"\bsaid\b", text[ps:pe])
        quotes.append(Quote(
            id=f"q{i + 1}", kind="direct", start=start, end=end, text=text[start:end],
            speaker=speaker.id if speaker else None,
            speaker_name=speaker.name if speaker else "unnamed",
            cue=Span(ps + cue.start(), ps + cue.end(), "said") if cue else None, paragraph=p,
        ))
    return quotes


@pytest.fixture(scope="session")
def seed_article() -> Article:
    from newsreader.sources import load_article

    return load_article(str(SEED_PATH))


@pytest.fixture(scope="session")
def seed_analysis(seed_article: Article) -> Analysis:
    """The real engine's analysis of the seed, computed once a session."""
    from newsreader.runner import start_analysis

    update = None
    for update in start_analysis(seed_article, use_cache=False).updates():
        pass
    assert update is not None and update.complete
    analysis = update.analysis
    if not analysis.quotes:  # the engine without quotes: keep the quote views testable
        analysis.quotes = _fallback_quotes(seed_article, analysis)
    return analysis


@pytest.fixture
def make_app(seed_article, seed_analysis):
    """``make_app()`` -> a ``NewsreaderApp`` on the seed with the session analysis."""
    from newsreader.ui.app import NewsreaderApp

    def make(articles: list[Article] | None = None, analyses: dict[str, Analysis] | None = None, **kwargs):
        articles = articles or [seed_article]
        if analyses is None:
            analyses = {seed_article.source: seed_analysis}
        return NewsreaderApp(articles, start=fake_start(analyses, **kwargs))

    return make


async def wait_for(pilot, predicate, timeout: float = 30.0) -> None:
    """Pause the pilot until ``predicate()`` is true (or fail after ``timeout`` seconds)."""
    import time

    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.02)


async def wait_complete(pilot, timeout: float = 60.0) -> None:
    """Wait until the article screen has applied a complete analysis and mounted what
    it mounts after its first paint (the side lists, the footer)."""
    from newsreader.ui.widgets.deferred import Deferred

    screen = pilot.app.screen
    await wait_for(pilot, lambda: getattr(screen, "analysis_complete", False)
                   and not screen.query(Deferred), timeout)
    await pilot.pause()
