"""Shared fixtures: the seed article, its fixed analysis, fake runs, waiting for the app.

UI tests feed a fixed analysis of the seed (``seed_analysis``, committed in
``tests/fixtures/ui/``) to the app through ``FakeRun``, so each test starts
instantly and sees the same data whatever the engine finds today; one test
(``test_ui_engine.py``) drives the real runner end to end. Assertions derive
from the analysis, never from hard-coded engine output.
"""

from __future__ import annotations

import copy
import hashlib
import json
import signal
import threading
from pathlib import Path

import pytest

from newsreader.model import Analysis, Article

ROOT = Path(__file__).resolve().parent.parent
SEED_PATH = ROOT / "seeds" / "aleppo-evacuation.txt"
UI_FIXTURES = ROOT / "tests" / "fixtures" / "ui"


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
        if analysis is None:  # an article the test gave no analysis: the engine found nothing in it
            analysis = Analysis(complete=True)
        return FakeRun(article, copy.deepcopy(analysis), **kwargs)

    return start


@pytest.fixture(scope="session")
def nlp():
    """The model with our components, loaded once for the engine tests."""
    from newsreader.analysis.nlp import load_nlp

    return load_nlp(None)


@pytest.fixture(scope="session")
def seed_article() -> Article:
    from newsreader.sources import load_article

    return load_article(str(SEED_PATH))


def load_ui_analysis(article: Article) -> Analysis:
    """The committed analysis of a seed (``tests/fixtures/ui/<seed>.analysis.json``).

    Fails loudly when the fixture does not fit the article's text (the seed was
    edited): regenerate it with ``tests/make_ui_fixtures.py``.
    """
    name = Path(article.source).stem
    path = UI_FIXTURES / f"{name}.analysis.json"
    assert path.exists(), f"no UI analysis fixture for {name}: run tests/make_ui_fixtures.py"
    data = json.loads(path.read_text(encoding="utf-8"))
    digest = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    assert data["text_sha256"] == digest, f"{path.name} was made from another text: run tests/make_ui_fixtures.py"
    analysis = Analysis.from_dict(data)
    text = article.text
    for entity in analysis.entities:
        for m in entity.mentions:
            assert text[m.start:m.end] == m.text, (path.name, entity.id, m)
    for q in analysis.quotes:
        assert text[q.start:q.end] == q.text, (path.name, q.id)
        assert q.speaker is None or analysis.entity(q.speaker) is not None, (path.name, q.id, q.speaker)
    assert analysis.complete and analysis.entities and analysis.quotes, path.name
    return analysis


@pytest.fixture(scope="session")
def seed_analysis(seed_article: Article) -> Analysis:
    """The seed's fixed analysis (a committed record of one engine run, not the live engine):
    UI tests test the UI, whatever the engine finds today. ``test_ui_engine.py`` runs the
    real engine through the reader."""
    return load_ui_analysis(seed_article)


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


async def settle(pilot) -> None:
    """Wait until nothing is left to happen on its own: every worker finished, every
    message and ``call_later`` processed, every animation (scheduled ones too) done."""
    app = pilot.app
    await app.workers.wait_for_complete()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    assert not any(w.is_running for w in app.workers), list(app.workers)


@pytest.fixture(autouse=True)
def _archive_in_tmp(tmp_path, monkeypatch):
    """The library keeps the archive: every test's is its own, never the user's."""
    monkeypatch.setenv("NEWSREADER_ARCHIVE", str(tmp_path / "archive" / "archive.sqlite3"))


def sigint_as_in_a_terminal() -> None:
    """``preexec_fn`` for a child a test sends Ctrl-C: SIGINT's default action, as a terminal
    gives it. A test run started in the background by a shell without job control inherits
    SIGINT ignored, and Python then never raises KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
