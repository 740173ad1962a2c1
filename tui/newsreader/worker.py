"""The analysis process: spaCy lives here, never in the reader's process.

Started by ``newsreader.runner`` as ``python -m newsreader.worker MODEL``. It
imports spaCy, loads the model, says ``ready``, then analyses the articles it
is sent one at a time, streaming each as deltas (and warms the pipeline up
when it has nothing to do).

Protocol: pickle frames (both ends are this package, same user, same
interpreter). Requests arrive on stdin, events leave on a private copy of the
original stdout (fd 1 itself is pointed at stderr, so a stray ``print`` in a
library cannot corrupt the stream).

Requests::

    {"op": "analyze", "job": int, "article": Article, "cache": bool, "block_chars": int | None}
    {"op": "cancel", "job": int}

Events::

    {"ev": "ready", "model": str, "seconds": float}
    {"ev": "update", "job": int, "upto": int, "complete": bool, "model": str,
     "order": list[str] | None,            # entity ids in order, when it changed
     "entities": [(id, fields | None, keep, new_mentions)],  # changed entities only
     "quote_order": list[str] | None, "quotes": [Quote]}      # changed quotes only
    {"ev": "done", "job": int, "cancelled": bool}
    {"ev": "error", "job": int | None, "message": str, "fatal": bool}

``fields`` is an entity's non-mention fields (``None``: unchanged since the last
update); ``keep`` is how many of the mentions sent before still stand and
``new_mentions`` the ``(start, end, text)`` tuples that follow them.

The process ends when stdin reaches end of file (the reader quit, or died:
the kernel closes its pipes however it ends), or when the reader's process
id is no longer its parent.
"""

from __future__ import annotations

import os
import pickle
import queue
import signal
import sys
import threading
import time
from typing import Any

from .model import Analysis, Article, Entity

# Snapshots a long text is streamed in, at most. Each snapshot costs the engine
# time in proportion to what it has found so far (measured: ~1.4 ms per 1,000
# words analysed), and the reader a rebuild of its indexes, so a 100k-word text
# is cut in ~40 blocks of ~15,000 characters (an update every second or so)
# rather than ~300 of the engine's default 2,000; short texts keep 2,000.
MAX_BLOCKS = 40
# Seconds between two updates at least (the complete one always goes): a short
# article arrives whole in one update instead of two a few ms apart, each of
# which would cost the reader a rebuild of its lists.
MIN_UPDATE_INTERVAL = 0.25
# Seconds the worker waits, at most, for its first request before importing spaCy.
# The reader starts it before its own first paint and asks for an article once the
# text is on screen; importing spaCy meanwhile would compete with that paint for
# the CPU (measured: ~30 ms on 2 cores). A reader that asks later is not waited for.
START_WAIT = 0.3
NICE = 5
WARMUP_TEXT = (
    "LONDON, Monday 3 June 2024 - \u201cWe are ready,\u201d said Jane Smith, a spokeswoman for the "
    "United Nations. Officials said 250 people left the city on Tuesday.\n"
)


def entity_fields(ent: Entity) -> tuple:
    return (ent.type, ent.name, tuple(ent.aliases), tuple(ent.roles), ent.resolved,
            ent.granularity, ent.counts, ent.value)


class DeltaEncoder:
    """Turns the engine's cumulative snapshots into what changed since the last one."""

    def __init__(self) -> None:
        self.order: list[str] = []
        self.fields: dict[str, tuple] = {}
        self.mentions: dict[str, list] = {}
        self.quote_order: list[str] = []
        self.quotes: dict[str, dict] = {}

    def encode(self, job: int, analysis: Analysis) -> dict[str, Any]:
        order = [e.id for e in analysis.entities]
        changed = []
        for ent in analysis.entities:
            fields = entity_fields(ent)
            send_fields = fields if self.fields.get(ent.id) != fields else None
            old = self.mentions.get(ent.id, ())
            new = ent.mentions
            keep = min(len(old), len(new))
            if new[:keep] != old[:keep]:  # C-fast when the engine kept its Span objects
                for i in range(keep):
                    a, b = old[i], new[i]
                    if a is not b and a != b:
                        keep = i
                        break
            if send_fields is None and keep == len(old) == len(new):
                continue
            self.fields[ent.id] = fields
            self.mentions[ent.id] = list(new)
            changed.append((ent.id, send_fields, keep, [(m.start, m.end, m.text) for m in new[keep:]]))
        live = set(order)
        for gone in [i for i in self.fields if i not in live]:
            del self.fields[gone]
            del self.mentions[gone]
        quote_order = [q.id for q in analysis.quotes]
        changed_quotes = []
        for q in analysis.quotes:
            d = q.to_dict()
            if self.quotes.get(q.id) != d:
                self.quotes[q.id] = d
                changed_quotes.append(q)
        qlive = set(quote_order)
        for gone in [i for i in self.quotes if i not in qlive]:
            del self.quotes[gone]
        msg = {
            "ev": "update", "job": job, "upto": analysis.analysed_upto, "complete": analysis.complete,
            "model": analysis.model,
            "order": order if order != self.order else None, "entities": changed,
            "quote_order": quote_order if quote_order != self.quote_order else None,
            "quotes": changed_quotes,
        }
        self.order = order
        self.quote_order = quote_order
        return msg


class Worker:
    def __init__(self, model: str, out) -> None:
        self.model = model
        self.out = out
        self.out_lock = threading.Lock()
        self.jobs: queue.Queue[dict | None] = queue.Queue()
        self.cancelled: set[int] = set()
        self.analyzer = None
        self.first_request = threading.Event()

    def send(self, msg: dict) -> None:
        data = pickle.dumps(msg, protocol=pickle.HIGHEST_PROTOCOL)
        with self.out_lock:
            try:
                self.out.write(data)
                self.out.flush()
            except (BrokenPipeError, OSError):
                os._exit(0)  # the reader is gone

    def read_requests(self, stdin) -> None:
        """Runs in a thread: requests in; end of file means the reader is gone."""
        while True:
            try:
                req = pickle.load(stdin)
            except Exception:
                os._exit(0)
            op = req.get("op")
            self.first_request.set()
            if op == "analyze":
                self.jobs.put(req)
            elif op == "cancel":
                self.cancelled.add(req["job"])
            elif op == "exit":
                os._exit(0)

    def load(self) -> None:
        t0 = time.perf_counter()
        from .analysis.nlp import import_spacy_without_cli, load_nlp

        import_spacy_without_cli()
        from .analysis.pipeline import Analyzer

        self.analyzer = Analyzer(load_nlp(self.model))
        self.send({"ev": "ready", "model": self.model, "seconds": time.perf_counter() - t0})

    def warm_up(self) -> None:
        """Pay the first doc's lazy set-up (and the dates' lazy imports) while idle.

        Only when no article is waiting: the reader usually sends one before the
        model is loaded, and warming up first would just delay it (~0.2 s).
        """
        try:
            self.analyzer.analyze(Article(source="<warm-up>", text=WARMUP_TEXT, published="2024-06-03",
                                          published_from="option"))
        except Exception as exc:  # a bug in the engine shows on the real article too, with its message
            print(f"newsreader worker: warm-up failed: {exc!r}", file=sys.stderr)

    def run_job(self, req: dict) -> None:
        job = req["job"]
        article: Article = req["article"]
        if job in self.cancelled:
            self.send({"ev": "done", "job": job, "cancelled": True})
            return
        total = len(article.text)
        block = req.get("block_chars") or max(2000, total // MAX_BLOCKS)
        enc = DeltaEncoder()
        final = None
        last_sent = time.monotonic()
        for analysis in self.analyzer.stream(article, block_chars=block):
            if job in self.cancelled:
                self.send({"ev": "done", "job": job, "cancelled": True})
                return
            final = analysis
            now = time.monotonic()
            if analysis.complete or now - last_sent >= MIN_UPDATE_INTERVAL:
                self.send(enc.encode(job, analysis))
                last_sent = now
        if final is not None and req.get("cache"):
            from . import cache

            cache.store(article.text, self.model, final)
        self.send({"ev": "done", "job": job, "cancelled": False})

    def serve(self) -> None:
        warm = False
        while True:
            if not warm:
                try:
                    req = self.jobs.get_nowait()
                except queue.Empty:
                    self.warm_up()
                    warm = True
                    continue
            else:
                req = self.jobs.get()
            if req is None:
                return
            try:
                self.run_job(req)
            except Exception as exc:
                from .errors import NewsreaderError

                msg = str(exc) if isinstance(exc, NewsreaderError) else f"analysis failed: {exc!r}"
                import traceback

                traceback.print_exc()
                self.send({"ev": "error", "job": req["job"], "message": msg, "fatal": False})
            finally:
                self.cancelled.discard(req["job"])


def _watch_parent(ppid: int) -> None:
    """Belt and braces beside stdin EOF: exit when the reader's process is gone."""
    while True:
        time.sleep(0.5)
        if os.getppid() != ppid:
            os._exit(0)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    model = argv[0]
    ppid = int(argv[1]) if len(argv) > 1 else os.getppid()
    if os.getppid() != ppid:  # the reader died before we got here
        return 0
    # The reader owns the terminal: Ctrl-C and friends are its business, not ours.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # When the machine is busy, the reader's keys come first: the analysis yields the CPU.
    try:
        os.nice(NICE)
    except (AttributeError, OSError):
        pass
    # Our events go out on a private copy of stdout; fd 1 becomes stderr.
    out = os.fdopen(os.dup(1), "wb", buffering=1 << 16)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    worker = Worker(model, out)
    threading.Thread(target=worker.read_requests, args=(sys.stdin.buffer,), daemon=True,
                     name="requests").start()
    threading.Thread(target=_watch_parent, args=(ppid,), daemon=True, name="parent-watch").start()
    worker.first_request.wait(START_WAIT)
    try:
        worker.load()
    except Exception as exc:
        from .errors import NewsreaderError

        msg = str(exc) if isinstance(exc, NewsreaderError) else f"cannot load the model {model!r}: {exc!r}"
        worker.send({"ev": "error", "job": None, "message": msg, "fatal": True})
        return 1
    worker.serve()
    return 0


if __name__ == "__main__":
    sys.exit(main())
