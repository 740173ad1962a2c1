"""The runner: analysis in a worker process, streamed as deltas, gone when the reader goes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsreader import cache, runner
from newsreader.errors import NewsreaderError
from newsreader.model import Analysis, Article, Entity, Quote, Span
from newsreader.worker import DeltaEncoder

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "aleppo-evacuation.txt"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv(runner.MODE_ENV, raising=False)
    yield
    runner.shutdown()


def _seed() -> Article:
    from newsreader.sources import load_article

    return load_article(str(SEED))


def _long_article(paragraphs: int = 400) -> Article:
    paras = [p for p in _seed().text.split("\n") if p.strip()]
    text = "\n\n".join(paras[i % len(paras)] for i in range(paragraphs)) + "\n"
    return Article(source="<long>", text=text)


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] == "Z"  # a zombie has exited
    except FileNotFoundError:
        return True


def _wait_gone(pid: int, seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if _gone(pid):
            return True
        time.sleep(0.05)
    return False


# -- deltas ---------------------------------------------------------------------------------------

def _ent(eid: str, name: str, spans: list[Span], **kw) -> Entity:
    return Entity(id=eid, type=kw.pop("type", "person"), name=name, mentions=spans, **kw)


def test_deltas_rebuild_every_snapshot_exactly():
    """Growth, in-place mutation, renames, merges (an entity vanishes) and rewritten mentions."""
    s = [Span(i * 10, i * 10 + 4, "abcd") for i in range(10)]
    q1 = Quote(id="q1", kind="direct", start=0, end=5, text="hello", speaker=None, speaker_name="officials")
    e1 = _ent("e1", "Smith", [s[0]])
    e2 = _ent("e2", "Jones", [s[1]])
    snaps = [Analysis(entities=[e1, e2], quotes=[q1], analysed_upto=20, model="m")]
    e1.mentions.append(s[2])  # mutated in place, as an engine keeping state does
    e1.aliases.append("Jane Smith")
    snaps.append(Analysis(entities=[e1, e2], quotes=[q1], analysed_upto=30, model="m"))
    merged = _ent("e1", "Jane Smith", [s[0], s[1], s[2], s[3]], aliases=["Smith", "Jones"])  # e2 merged in
    q1b = Quote(id="q1", kind="direct", start=0, end=5, text="hello", speaker="e1", speaker_name="Jane Smith")
    e3 = _ent("e3", "250", [s[4]], type="figure", counts="trucks", value=250.0)
    snaps.append(Analysis(entities=[e3, merged], quotes=[q1b], analysed_upto=50, model="m"))
    rewritten = _ent("e1", "Jane Smith", [Span(0, 4, "abcd"), s[5]], aliases=["Smith", "Jones"])
    snaps.append(Analysis(entities=[rewritten, e3], quotes=[], analysed_upto=60, complete=True, model="m"))

    import pickle

    enc = DeltaEncoder()
    rebuild = runner._Rebuild()
    handed_out = []
    for snap in snaps:
        frozen = Analysis.from_dict({**snap.to_dict(Article("x", "")), "analysed_upto": snap.analysed_upto,
                                     "complete": snap.complete})
        msg = pickle.loads(pickle.dumps(enc.encode(1, snap)))
        rebuild.apply(msg)
        got = rebuild.build()
        handed_out.append((got, frozen))
        assert got.to_dict(Article("x", "")) == frozen.to_dict(Article("x", ""))
        assert (got.analysed_upto, got.complete) == (snap.analysed_upto, snap.complete)
    # earlier snapshots handed to the UI were not changed by later deltas
    for got, frozen in handed_out:
        assert got.to_dict(Article("x", "")) == frozen.to_dict(Article("x", ""))


def test_unchanged_entities_are_not_resent():
    e1 = _ent("e1", "Smith", [Span(0, 5, "Smith")])
    enc = DeltaEncoder()
    first = enc.encode(1, Analysis(entities=[e1], model="m"))
    second = enc.encode(1, Analysis(entities=[e1], model="m"))
    assert len(first["entities"]) == 1 and first["order"] == ["e1"]
    assert second["entities"] == [] and second["order"] is None
    e1.mentions.append(Span(10, 15, "Smith"))
    third = enc.encode(1, Analysis(entities=[e1], model="m"))
    assert third["entities"] == [("e1", None, 1, [(10, 15, "Smith")])]


# -- the worker process -----------------------------------------------------------------------------

def test_worker_matches_the_in_process_analysis():
    from newsreader.analysis.nlp import load_nlp
    from newsreader.analysis.pipeline import Analyzer

    article = _long_article(60)
    updates = list(runner.start_analysis(article, use_cache=False).updates())
    assert updates and updates[-1].complete and updates[-1].done == updates[-1].total == len(article.text)
    assert len(updates) > 1, "a long text streams in blocks"
    assert [u.done for u in updates] == sorted(u.done for u in updates)
    want = Analyzer(load_nlp(None)).analyze(article)
    assert updates[-1].analysis.to_dict(article) == want.to_dict(article)
    assert len(runner.worker_pids()) == 1


def test_finished_analysis_is_cached_and_a_reopen_does_not_use_the_worker():
    article = _seed()
    first = list(runner.start_analysis(article).updates())[-1]
    runner.shutdown()
    deadline = time.monotonic() + 10
    name = runner.resolve_model(None)
    while not cache.has(article.text, name) and time.monotonic() < deadline:
        time.sleep(0.05)  # the worker writes the entry just after its last update
    run = runner.start_analysis(article)
    updates = list(run.updates())
    assert run.from_cache and len(updates) == 1 and updates[0].complete
    assert updates[0].analysis.to_dict(article) == first.analysis.to_dict(article)
    assert runner.worker_pids() == []


def test_cached_analyses_are_found_before_the_ui_starts():
    article = _seed()
    other = Article(source="<other>", text="Nobody said anything here.\n")
    assert runner.cached_analyses([article, other]) == {}
    final = list(runner.start_analysis(article).updates())[-1].analysis
    runner.shutdown()
    name = runner.resolve_model(None)
    deadline = time.monotonic() + 10
    while not cache.has(article.text, name) and time.monotonic() < deadline:
        time.sleep(0.05)
    found = runner.cached_analyses([article, other])
    assert list(found) == [article.source]
    assert found[article.source].to_dict(article) == final.to_dict(article)


def test_a_short_article_arrives_in_one_update():
    # The worker reads in blocks of at least 2,000 characters and sends an update
    # between blocks only once MIN_UPDATE_INTERVAL has passed. A text within one
    # block arrives whole however slow the machine is (whether the two-block seed
    # does depends on the machine's speed, so it is not what is tested here).
    paras = [p for p in _seed().text.split("\n") if p.strip()]
    text = ""
    while len(text) + len(paras[0]) + 2 < 2000:
        text += paras.pop(0) + "\n\n"
    short = Article(source="<short>", text=text)
    updates = list(runner.start_analysis(short, use_cache=False).updates())
    assert len(updates) == 1 and updates[0].complete
    assert updates[0].analysis.quotes and updates[0].analysis.entities
    # a longer text: cumulative updates, only the last one complete
    seed_updates = list(runner.start_analysis(_seed(), use_cache=False).updates())
    assert [u.complete for u in seed_updates] == [False] * (len(seed_updates) - 1) + [True]


def test_a_prestarted_worker_loads_its_model_without_a_request():
    # It waits (START_WAIT) for the reader's first request before importing spaCy,
    # so as not to slow the first paint; a reader that asks later is not waited for.
    runner.prestart(None)
    deadline = time.monotonic() + 60
    while not runner.worker_pids() and time.monotonic() < deadline:
        time.sleep(0.02)
    worker = runner._worker_for(runner.resolve_model(None))
    assert worker.ready.wait(60), "the model was never loaded"
    asked = time.monotonic()
    updates = list(runner.start_analysis(_seed(), use_cache=False).updates())
    assert updates[-1].complete
    assert time.monotonic() - asked < 30


def test_no_cache_neither_reads_nor_writes(tmp_path):
    article = _seed()
    list(runner.start_analysis(article, use_cache=False).updates())
    runner.shutdown()
    assert not (tmp_path / "cache").exists() or list((tmp_path / "cache").iterdir()) == []


def test_cancel_stops_the_run_and_the_worker_serves_the_next():
    article = _long_article(400)
    run = runner.start_analysis(article, use_cache=False)
    it = run.updates()
    first = next(it)
    assert not first.complete
    run.cancel()
    rest = list(it)
    assert all(not u.complete for u in rest)
    pid = runner.worker_pids()[0]
    seed = _seed()
    last = list(runner.start_analysis(seed, use_cache=False).updates())[-1]
    assert last.complete and last.analysis.entities
    assert runner.worker_pids() == [pid]  # the same process, model still loaded


def test_shutdown_leaves_no_process():
    list(runner.start_analysis(_seed(), use_cache=False).updates())
    (pid,) = runner.worker_pids()
    runner.shutdown()
    assert _wait_gone(pid)


def test_missing_model_is_a_one_line_error():
    run = runner.start_analysis(_seed(), model="no_such_model_for_newsreader", use_cache=False)
    with pytest.raises(NewsreaderError) as info:
        list(run.updates())
    assert "no_such_model_for_newsreader" in str(info.value) and "\n" not in str(info.value)


def test_thread_mode(monkeypatch):
    monkeypatch.setenv(runner.MODE_ENV, "thread")
    last = list(runner.start_analysis(_seed(), use_cache=False).updates())[-1]
    assert last.complete and last.analysis.entities
    assert runner.worker_pids() == []


_PARENT = """
import sys, time
sys.path[:0] = {path!r}
from newsreader import runner
from newsreader.model import Article
text = "\\n\\n".join(["Jane Smith of the United Nations said 250 trucks left Aleppo on Monday."] * 20000)
run = runner.start_analysis(Article(source="<long>", text=text), use_cache=False)
for update in run.updates():
    print("PID", runner.worker_pids()[0], flush=True)
    break
time.sleep(60)
"""


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGHUP, signal.SIGTERM])
def test_worker_dies_with_the_reader(sig):
    """Mid-analysis, the reader is killed (or its terminal hangs up): no process is left behind."""
    parent = subprocess.Popen([sys.executable, "-c", _PARENT.format(path=sys.path)], stdout=subprocess.PIPE,
                              text=True, env=dict(os.environ))
    try:
        line = parent.stdout.readline()
        assert line.startswith("PID "), line
        pid = int(line.split()[1])
        assert not _gone(pid)
        parent.send_signal(sig)
        parent.wait(timeout=10)
        assert _wait_gone(pid), f"worker {pid} outlived its reader after {sig!r}"
    finally:
        if parent.poll() is None:
            parent.kill()
