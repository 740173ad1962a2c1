"""Running an analysis for a reader: the one door the UI goes through.

The UI never imports spaCy: it asks this module for an ``AnalysisRun`` and
iterates its updates from a Textual thread worker. Each update carries the
whole analysis so far (entities and quotes found in the text up to
``done``), so a consumer can simply replace what it shows.

How (measured; see the README's performance section and
``scripts/benchmark.py``): spaCy runs in a separate process
(``newsreader.worker``) so it neither delays the first paint (importing it
costs ~1 s) nor holds the reader's GIL while it parses. One worker per model
serves every article of a session; ``prestart`` launches it while the first
article is being painted. It streams what changed after each block of
paragraphs and this module rebuilds full ``Analysis`` snapshots from those
deltas. A finished analysis is kept in the disk cache (``newsreader.cache``),
written by the worker, so a reopen reads one JSON file and never starts
spaCy at all.

The worker ends with the reader: when the reader exits (``atexit``), cancels,
or dies in any way (its pipes close: the worker exits on end of file; it also
exits when its parent process id changes), including a terminal hang-up.

``NEWSREADER_ANALYSIS=thread`` runs the analysis in the calling thread
instead (the old design, kept for measurement and as a fallback when no
process can be started).
"""

from __future__ import annotations

import atexit
import itertools
import logging
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .errors import ModelError, NewsreaderError
from .model import Analysis, Article, Entity, Quote, Span

log = logging.getLogger("newsreader.runner")

MODE_ENV = "NEWSREADER_ANALYSIS"
_POLL = 0.1  # seconds between checks of ``cancel()`` while waiting on the worker


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


def resolve_model(model: str | None) -> str:
    """The model name a run will use, found without importing spaCy."""
    from .analysis.nlp import model_name

    return model_name(model)


class AnalysisRun:
    """One article's analysis, streamed. Iterate ``updates()`` off the UI thread."""

    def __init__(self, article: Article, *, model: str | None = None, use_cache: bool = True) -> None:
        self.article = article
        self.model = model
        self.use_cache = use_cache
        self.from_cache = False
        """Set once ``updates()`` has answered from the disk cache."""
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
        text = self.article.text
        total = len(text)
        name = resolve_model(self.model)
        if self.use_cache:
            from . import cache

            cached = cache.load(text, name)
            if cached is not None:
                self.from_cache = True
                if not self.cancelled:
                    yield AnalysisUpdate(cached, total, total)
                return
        if self.cancelled:
            return
        if _mode() == "thread":
            yield from self._updates_in_thread(name, total)
            return
        try:
            worker = _worker_for(name)
        except OSError as exc:
            log.warning("cannot start the analysis process (%s); analysing in the reader's process", exc)
            yield from self._updates_in_thread(name, total)
            return
        yield from self._updates_from_worker(worker, total)

    def _updates_from_worker(self, worker: _WorkerProcess, total: int) -> Iterator[AnalysisUpdate]:
        if worker.fatal:
            raise ModelError(worker.fatal)
        # Sent at once, not once the worker says ready: it queues the article while the
        # model loads, and starts on it the moment it can (no idle warm-up in between).
        job, inbox = worker.submit(self.article, cache=self.use_cache)
        finished = False
        rebuild = _Rebuild()
        try:
            while True:
                try:
                    msgs = [inbox.get(timeout=_POLL)]
                except queue.Empty:
                    if self.cancelled:
                        return
                    continue
                # Coalesce: a slow consumer gets the newest state, not a backlog.
                while True:
                    try:
                        msgs.append(inbox.get_nowait())
                    except queue.Empty:
                        break
                updated = False
                for msg in msgs:
                    ev = msg["ev"]
                    if ev == "update":
                        rebuild.apply(msg)
                        updated = True
                    elif ev == "done":
                        finished = True
                    elif ev == "error":
                        finished = True
                        raise NewsreaderError(msg["message"])
                    elif ev == "dead":
                        finished = True
                        raise ModelError(worker.fatal) if worker.fatal else NewsreaderError(msg["message"])
                if self.cancelled:
                    return
                if updated:
                    yield AnalysisUpdate(rebuild.build(), rebuild.upto, total)
                if finished:
                    return
        finally:
            if not finished:
                worker.cancel(job)
            worker.forget(job)

    def _updates_in_thread(self, name: str, total: int) -> Iterator[AnalysisUpdate]:
        from .analysis.nlp import load_nlp
        from .analysis.pipeline import Analyzer

        analyzer = Analyzer(load_nlp(name))
        last = None
        for analysis in analyzer.stream(self.article):
            if self.cancelled:
                return
            last = analysis
            yield AnalysisUpdate(analysis, analysis.analysed_upto, total)
        if last is not None and self.use_cache:
            from . import cache

            cache.store(self.article.text, name, last)


def cached_analyses(articles: Iterable[Article], model: str | None = None) -> dict[str, Analysis]:
    """The finished analyses the disk cache holds for ``articles``, by source; never imports spaCy.

    The CLI asks this before the UI is imported, so a cached reopen paints the
    article with its highlights at once instead of a frame or two later.
    """
    from . import cache

    try:
        name = resolve_model(model)
    except NewsreaderError:
        return {}  # no model: the article still opens, and its run reports why
    found = {}
    for article in articles:
        analysis = cache.load(article.text, name)
        if analysis is not None:
            found[article.source] = analysis
    return found


def start_analysis(article: Article, *, model: str | None = None, use_cache: bool = True) -> AnalysisRun:
    return AnalysisRun(article, model=model, use_cache=use_cache)


def prestart(model: str | None = None, articles: Iterable[Article] | None = None, *,
             use_cache: bool = True, archived_ok: bool = False) -> None:
    """Start the analysis process now, in the background, so it is ready by the time it is asked.

    Call it as early as possible (it returns at once). With ``articles``, the
    process is started only if one of them lacks a cache entry, so a cached
    reopen never starts spaCy; with ``archived_ok`` (the library, which fills a
    row from the archive), only if one of them is not in the archive either.
    Never raises: problems surface on the run.
    """
    if _mode() == "thread":
        return
    articles = list(articles) if articles is not None else None

    def go() -> None:
        nonlocal articles
        try:
            name = resolve_model(model)
            if articles is not None and archived_ok:
                from .archive import unchanged_sources

                archived = unchanged_sources(articles, name)
                articles = [a for a in articles if a.source not in archived]
                if not articles:
                    return
            if articles is not None and use_cache:
                from . import cache

                if all(cache.has(a.text, name) for a in articles):
                    return
            _worker_for(name)
        except Exception as exc:  # reported when a run asks for the worker
            log.debug("prestart failed: %s", exc)

    threading.Thread(target=go, daemon=True, name="newsreader-prestart").start()


def shutdown() -> None:
    """Stop every analysis process (called at exit; safe to call twice)."""
    with _workers_lock:
        workers = list(_workers.values())
        _workers.clear()
    for w in workers:
        w.close()


def worker_pids() -> list[int]:
    """Process ids of the running analysis processes (for tests and the benchmark)."""
    with _workers_lock:
        return [w.proc.pid for w in _workers.values() if w.proc.poll() is None]


def _mode() -> str:
    return "thread" if os.environ.get(MODE_ENV, "process").strip().lower() == "thread" else "process"


class _Rebuild:
    """Full snapshots from the worker's deltas; never mutates what it handed out."""

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        self.order: list[str] = []
        self.quotes: dict[str, Quote] = {}
        self.quote_order: list[str] = []
        self.upto = 0
        self.complete = False
        self.model: str | None = None

    def apply(self, msg: dict) -> None:
        for eid, fields, keep, new in msg["entities"]:
            old = self.entities.get(eid)
            if fields is None:
                assert old is not None
                fields = (old.type, old.name, old.aliases, old.roles, old.resolved, old.granularity,
                          old.counts, old.value)
            mentions = old.mentions[:keep] if old is not None else []
            mentions.extend(Span(s, e, t) for s, e, t in new)
            typ, name, aliases, roles, resolved, granularity, counts, value = fields
            self.entities[eid] = Entity(id=eid, type=typ, name=name, aliases=list(aliases), roles=list(roles),
                                        mentions=mentions, resolved=resolved, granularity=granularity,
                                        counts=counts, value=value)
        if msg["order"] is not None:
            self.order = msg["order"]
            if len(self.entities) != len(self.order):
                self.entities = {i: self.entities[i] for i in self.order}
        for q in msg["quotes"]:
            self.quotes[q.id] = q
        if msg["quote_order"] is not None:
            self.quote_order = msg["quote_order"]
            if len(self.quotes) != len(self.quote_order):
                self.quotes = {i: self.quotes[i] for i in self.quote_order}
        self.upto = msg["upto"]
        self.complete = msg["complete"]
        self.model = msg["model"]

    def build(self) -> Analysis:
        return Analysis(entities=[self.entities[i] for i in self.order],
                        quotes=[self.quotes[i] for i in self.quote_order],
                        analysed_upto=self.upto, complete=self.complete, model=self.model)


class _WorkerProcess:
    """The parent's end of one ``newsreader.worker`` process."""

    def __init__(self, model: str) -> None:
        self.model = model
        self.ready = threading.Event()
        self.fatal: str | None = None
        self.dead = False
        self._jobs: dict[int, queue.Queue] = {}
        self._jobs_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._ids = itertools.count(1)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "newsreader.worker", model, str(os.getpid())],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=_child_env(),
            close_fds=True,
        )
        threading.Thread(target=self._read_events, daemon=True, name="newsreader-worker-events").start()
        threading.Thread(target=self._read_stderr, daemon=True, name="newsreader-worker-stderr").start()

    def submit(self, article: Article, *, cache: bool) -> tuple[int, queue.Queue]:
        job = next(self._ids)
        inbox: queue.Queue = queue.Queue()
        with self._jobs_lock:
            self._jobs[job] = inbox
            if self.dead:
                inbox.put({"ev": "dead", "message": self._death_message()})
                return job, inbox
        self._send({"op": "analyze", "job": job, "article": article, "cache": cache})
        return job, inbox

    def cancel(self, job: int) -> None:
        self._send({"op": "cancel", "job": job})

    def forget(self, job: int) -> None:
        with self._jobs_lock:
            self._jobs.pop(job, None)

    def close(self) -> None:
        try:
            self.proc.stdin.close()  # end of file: the worker exits by itself
        except OSError:
            pass
        try:
            self.proc.wait(timeout=0.3)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            try:
                self.proc.wait(timeout=2)
            except subprocess.TimeoutExpired:  # pragma: no cover
                pass

    def _send(self, msg: dict) -> None:
        data = pickle.dumps(msg, protocol=pickle.HIGHEST_PROTOCOL)
        with self._write_lock:
            try:
                self.proc.stdin.write(data)
                self.proc.stdin.flush()
            except (OSError, ValueError):
                pass  # the worker is gone: the event reader reports it

    def _death_message(self) -> str:
        code = self.proc.poll()
        return self.fatal or f"the analysis process stopped unexpectedly (exit status {code})"

    def _read_events(self) -> None:
        stream = self.proc.stdout
        while True:
            try:
                msg = pickle.load(stream)
            except Exception:
                break
            ev = msg.get("ev")
            job = msg.get("job")
            if ev == "ready":
                self.ready.set()
                continue
            if ev == "error" and job is None:
                self.fatal = msg["message"]
                self.ready.set()
                continue
            with self._jobs_lock:
                inbox = self._jobs.get(job)
            if inbox is not None:
                inbox.put(msg)
        try:
            self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:  # pragma: no cover
            pass
        with self._jobs_lock:
            self.dead = True
            for inbox in self._jobs.values():
                inbox.put({"ev": "dead", "message": self._death_message()})
        if self.fatal is None:
            self.fatal = self._death_message()
        self.ready.set()
        with _workers_lock:
            if _workers.get(self.model) is self:
                del _workers[self.model]

    def _read_stderr(self) -> None:
        wlog = logging.getLogger("newsreader.worker")
        for line in self.proc.stderr:
            wlog.debug("%s", line.decode("utf-8", "replace").rstrip())


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    # The worker imports ``newsreader`` from wherever this process did (an
    # editable install, a source checkout on PYTHONPATH, a test run).
    import newsreader

    root = os.path.dirname(os.path.dirname(os.path.abspath(newsreader.__file__)))
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


_workers: dict[str, _WorkerProcess] = {}
_workers_lock = threading.Lock()


def _worker_for(model: str) -> _WorkerProcess:
    with _workers_lock:
        w = _workers.get(model)
        if w is None or w.dead:
            w = _workers[model] = _WorkerProcess(model)
        return w


atexit.register(shutdown)
