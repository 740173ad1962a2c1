"""``newsreader index --dask``: the analysis on a Dask cluster, the archive as ``--jobs`` makes it.

The cluster is a ``LocalCluster`` of two worker processes on loopback, shared by the module
(each worker loads the model once, at its first article); its workers are checked to be gone
after it closes. The archive and the cache live in ``tmp_path``, as in ``test_archive.py``.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from conftest import sigint_as_in_a_terminal  # noqa: E402
from newsreader import archive as arc  # noqa: E402
from newsreader import archive_dask, cache  # noqa: E402
from newsreader.cli import main  # noqa: E402
from newsreader.model import Article  # noqa: E402
from newsreader.runner import resolve_model  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def client():
    import psutil

    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                                       dashboard_address="127.0.0.1:0")
    client = distributed.Client(cluster, set_as_default=False)
    workers = [psutil.Process(pid) for pid in client.run(os.getpid).values()]
    assert len(workers) == 2
    yield client
    client.close()
    cluster.close()
    gone, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive, f"Dask workers still running: {alive}"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv(arc.ARCHIVE_ENV, str(tmp_path / "data" / "archive.sqlite3"))
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def news(tmp_path: Path) -> Path:
    """Two seeds and three short articles in which Lavrov and two Tanakas speak."""
    folder = tmp_path / "news"
    folder.mkdir()
    for seed in ("aleppo-evacuation.txt", "kessary-ferry-strike.txt"):
        (folder / seed).write_bytes((SEEDS / seed).read_bytes())
    write(folder / "moscow.txt", """
        Moscow talks end without a deal

        Published 12 January 2017

        "We are ready to talk," Mr Lavrov said on Thursday.
        """)
    write(folder / "vote.txt", 'Union vote\n\nPublished 2 June 2023\n\n"The vote was close," Tanaka said.\n')
    write(folder / "vote-ms.txt", 'Union vote again\n\nPublished 3 June 2023\n\n"It was fair," Ms Tanaka said.\n')
    return folder


def dump(db: Path) -> dict[str, list[tuple]]:
    """Every row an archive holds, with article ids (which follow the order analyses came back
    in) replaced by the article's source."""
    conn = sqlite3.connect(db)
    sources = dict(conn.execute("SELECT id, source FROM articles"))

    def key(k):
        return k and re.sub(r"(?<=^article:)\d+|(?<=@)\d+$", lambda m: sources[int(m.group())], k)

    out = {
        "articles": conn.execute("SELECT source, folder, title, published, text_hash, model, pipeline, chars,"
                                 " entity_count, quote_count FROM articles ORDER BY source").fetchall(),
        "entities": sorted((sources[r[0]], *r[1:-1], key(r[-1])) for r in conn.execute(
            "SELECT article_id, eid, type, name, aliases, titled, roles, is_speaker, speaker_key FROM entities")),
        "mentions": sorted(conn.execute("SELECT a.source, e.eid, m.start_char, m.end_char, m.text FROM mentions m"
                                        " JOIN entities e ON e.id = m.entity_id JOIN articles a ON a.id = e.article_id")),
        "quotes": sorted((sources[r[0]], *r[1:8], key(r[8]), *r[9:]) for r in conn.execute(
            "SELECT article_id, qid, kind, start_char, end_char, text, speaker_eid, speaker_name, speaker_key, cue,"
            " cue_start, cue_end, speaker_mention, resolution, confidence, paragraph FROM quotes")),
        "speakers": sorted((key(r[0]), *r[1:]) for r in conn.execute("SELECT key, type, name FROM speakers")),
        "speaker_names": sorted((r[0], key(r[1])) for r in conn.execute("SELECT name, key FROM speaker_names")),
        "fts": [conn.execute("SELECT count(*) FROM quotes_fts").fetchone(),
                conn.execute("SELECT count(*) FROM articles_fts").fetchone()],
    }
    conn.close()
    return out


def test_dask_makes_the_archive_jobs_1_makes(tmp_path, client, monkeypatch, capsys):
    folder = news(tmp_path)
    model = resolve_model(None)
    by_jobs, by_dask = tmp_path / "jobs.sqlite3", tmp_path / "dask.sqlite3"
    monkeypatch.setenv(arc.ARCHIVE_ENV, str(by_jobs))
    assert main(["index", str(folder), "--jobs", "1", "--no-cache"]) == 0
    with arc.Archive.open(by_dask) as store:
        result = archive_dask.index_on_dask([str(folder)], store, client, model=model, use_cache=False)
    assert (result.analysed, result.skipped) == (5, 0)
    assert capsys.readouterr().err == ""
    jobs, dask = dump(by_jobs), dump(by_dask)
    assert len(jobs["quotes"]) > 20 and len(jobs["speakers"]) > 5
    for table in jobs:
        assert dask[table] == jobs[table], table
    # the cross-article speakers, as the --jobs tests expect them
    with arc.Archive.open(by_dask) as store:
        assert {q["speaker_id"] for q in store.quotes(speaker="Lavrov")} == {"person:sergey lavrov"}
        assert {Path(q["source"]).name for q in store.quotes(speaker="Maria Tanaka")} == {
            "kessary-ferry-strike.txt", "vote-ms.txt"}


def test_reindex_on_dask_is_incremental(tmp_path, client, monkeypatch, capsys):
    folder = tmp_path / "news"
    folder.mkdir()
    for name, words in (("a", "We will not cut."), ("b", "Fares will not rise."), ("c", "It will be slow.")):
        write(folder / f"{name}.txt", f'Story {name}\n\n"{words}" Ana Costa said on Monday.\n')
    address = client.scheduler.address  # a tcp:// address on loopback, as a remote cluster's
    assert main(["index", "--dask", address, str(folder)]) == 0
    assert capsys.readouterr().out.startswith("3 analysed, 0 unchanged, 0 removed")
    assert main(["index", "--dask", address, str(folder)]) == 0
    assert capsys.readouterr().out.startswith("0 analysed, 3 unchanged, 0 removed")
    with monkeypatch.context() as m:  # nothing new: no local cluster is started
        m.setattr(archive_dask, "dask_client", lambda scheduler: pytest.fail("a cluster was started"))
        assert main(["index", "--dask", "local:2", str(folder)]) == 0
    assert capsys.readouterr().out.startswith("0 analysed, 3 unchanged, 0 removed")
    write(folder / "a.txt", 'Story a\n\n"We will cut nothing at all," Ana Costa said on Monday.\n')
    (folder / "c.txt").unlink()
    assert main(["index", "--dask", address, str(folder)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("1 analysed, 1 unchanged, 1 removed") and captured.err == ""
    with arc.Archive.open() as store:
        quotes = store.quotes()
    assert {Path(q["source"]).name for q in quotes} == {"a.txt", "b.txt"}
    assert "We will cut nothing at all," in {q["quote"] for q in quotes}


# Run on every worker by `client.run(exec, …, {})`: the engine fails on one article, and the
# task itself (outside the engine's error handling) on another. The client submits
# `_analyse_on_worker` by name, so the workers run the patched one.
BREAK_WORKERS = """
from newsreader import archive_dask
from newsreader.analysis.pipeline import Analyzer

real_analyze, real_analyse_on_worker = Analyzer.analyze, archive_dask._analyse_on_worker

def analyze(self, article):
    if "BREAKS-THE-ENGINE" in article.text:
        raise RuntimeError("the engine broke")
    return real_analyze(self, article)

def analyse_on_worker(article, model, pipeline):
    if "BREAKS-THE-TASK" in article.text:
        raise MemoryError("no room")
    return real_analyse_on_worker(article, model, pipeline)

Analyzer.analyze, archive_dask._analyse_on_worker = analyze, analyse_on_worker
archive_dask.restore = lambda: setattr(Analyzer, "analyze", real_analyze) or setattr(
    archive_dask, "_analyse_on_worker", real_analyse_on_worker)
"""


@pytest.fixture
def broken_workers(client):
    client.run(exec, BREAK_WORKERS, {})
    yield
    client.run(exec, "from newsreader import archive_dask; archive_dask.restore(); del archive_dask.restore", {})


def test_a_failing_article_is_one_line_and_the_rest_go_on(tmp_path, client, broken_workers, capsys):
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(4):
        write(folder / f"ok{i}.txt", f'Story {i}\n\n"Words of story {i}," Ana Costa said.\n')
    write(folder / "engine.txt", 'Bad story\n\n"BREAKS-THE-ENGINE," Ana Costa said.\n')
    write(folder / "task.txt", 'Worse story\n\n"BREAKS-THE-TASK," Ana Costa said.\n')
    assert main(["index", "--dask", client.scheduler.address, str(folder)]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("4 analysed, 0 unchanged, 0 removed, 2 skipped")
    err = sorted(captured.err.strip().splitlines())
    assert len(err) == 2, err
    assert err[0].startswith("newsreader: skipped ") and err[0].endswith(
        "engine.txt: the analysis failed (RuntimeError: the engine broke)")
    assert err[1].endswith("task.txt: the analysis failed on a Dask worker (MemoryError: no room)")
    # the skipped are retried by the next run
    assert main(["index", "--dask", client.scheduler.address, str(folder)]) == 1
    assert capsys.readouterr().out.startswith("0 analysed, 4 unchanged, 0 removed, 2 skipped")


def test_at_most_a_window_of_articles_is_on_the_cluster(client, monkeypatch):
    monkeypatch.setattr(archive_dask, "TASKS_PER_THREAD", 2)
    window = 2 * 2  # two workers of one thread
    taken = 0

    def articles():
        nonlocal taken
        for i in range(12):
            taken += 1
            yield Article(f"/tiny/{i}.txt", f'"Words {i}," Ana Costa said.\n')

    done = []
    for article, analysis, error in archive_dask.analyse_on_dask(client, articles(), model=resolve_model(None)):
        assert error is None and analysis.quotes
        done.append(article.source)
        assert taken - len(done) <= window - 1  # the one just done is replaced after it is yielded
    assert sorted(done) == sorted(f"/tiny/{i}.txt" for i in range(12))


def test_a_result_the_cluster_cancels_while_it_runs_is_analysed_again(client, monkeypatch):
    # What a worker's death does to the results it still held: the scheduler, alive, may
    # report their keys cancelled. Here the first try of one article is cancelled by hand.
    submit, cancelled = client.submit, []

    def submit_and_cancel_once(fn, article, *args, **kwargs):
        future = submit(fn, article, *args, **kwargs)
        if article.source == "/tiny/1.txt" and not cancelled:
            cancelled.append(future)
            client.cancel([future])
        return future

    monkeypatch.setattr(client, "submit", submit_and_cancel_once)
    articles = [Article(f"/tiny/{i}.txt", f'"Words {i}," Ana Costa said.\n') for i in range(3)]
    done = {article.source: analysis for article, analysis, error in
            archive_dask.analyse_on_dask(client, articles, model=resolve_model(None)) if error is None}
    assert cancelled and cancelled[0].status == "cancelled"
    assert sorted(done) == ["/tiny/0.txt", "/tiny/1.txt", "/tiny/2.txt"]
    assert [q.speaker_name for q in done["/tiny/1.txt"].quotes] == ["Ana Costa"]


def test_a_model_the_workers_lack_is_one_line(tmp_path, client):
    folder = tmp_path / "news"
    folder.mkdir()
    write(folder / "a.txt", '"Words," Ana Costa said.\n')
    with arc.Archive.open() as store, pytest.raises(arc.NewsreaderError) as error:
        archive_dask.index_on_dask([str(folder)], store, client, model="no_such_model_package")
    assert "no_such_model_package" in str(error.value) and "\n" not in str(error.value)


def test_without_the_extra_dask_is_one_line(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "news"
    folder.mkdir()
    write(folder / "a.txt", '"Words," Ana Costa said.\n')
    monkeypatch.setitem(sys.modules, "distributed", None)  # what `import distributed` meets without it
    assert main(["index", "--dask", "local:1", str(folder)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "pip install 'newsreader[dask]'" in err[0], err
    assert not Path(os.environ[arc.ARCHIVE_ENV]).exists()  # nothing read or written before it


def test_an_unreachable_scheduler_is_one_line_within_seconds(tmp_path, capsys):
    folder = tmp_path / "news"
    folder.mkdir()
    write(folder / "a.txt", '"Words," Ana Costa said.\n')
    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    start = time.monotonic()
    assert main(["index", "--dask", f"tcp://127.0.0.1:{port}", str(folder)]) == 2
    assert time.monotonic() - start < archive_dask.CONNECT_TIMEOUT_S + 5
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"newsreader: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}")
    assert main(["index", "--dask", "local:x", str(folder)]) == 2
    assert capsys.readouterr().err.startswith("newsreader: cannot reach the Dask scheduler at local:x (")


def test_a_local_cluster_from_the_command_line_ends_with_it(tmp_path):
    import psutil

    folder = tmp_path / "news"
    folder.mkdir()
    write(folder / "a.txt", '"Words," Ana Costa said.\n')
    write(folder / "b.txt", '"More words," Kenji Tanaka said.\n')
    mark = uuid.uuid4().hex  # inherited by every process the command starts
    env = dict(os.environ, NEWSREADER_TEST_MARK=mark)
    env["PYTHONPATH"] = str(ROOT / "tui") + os.pathsep + env.get("PYTHONPATH", "")
    done = subprocess.run([sys.executable, "-m", "newsreader.cli", "index", "--dask", "local:2", str(folder)],
                          env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("2 analysed, 0 unchanged, 0 removed") and done.stderr == ""

    def marked():
        out = []
        for proc in psutil.process_iter():
            try:
                if proc.environ().get("NEWSREADER_TEST_MARK") == mark:
                    out.append(proc)
            except (psutil.Error, OSError):
                pass
        return out

    deadline = time.monotonic() + 10
    while marked() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not marked()


def test_ctrl_c_stops_a_local_cluster_without_a_traceback(tmp_path):
    import psutil

    folder = tmp_path / "many"
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    total = 240  # still running a second after the first commits: index commits about once a second
    for i in range(total):
        (folder / f"a{i:03}.txt").write_text(seeds[i % 4].read_text(encoding="utf-8") + f"\nCopy {i}.\n",
                                             encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "tui") + os.pathsep + env.get("PYTHONPATH", "")
    db = Path(env[arc.ARCHIVE_ENV])
    proc = subprocess.Popen([sys.executable, "-m", "newsreader.cli", "index", "--dask", "local:2", str(folder)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, preexec_fn=sigint_as_in_a_terminal)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with sqlite3.connect(db, timeout=5) as conn:
                if conn.execute("SELECT count(*) FROM articles").fetchone()[0] >= 2:
                    break
        except sqlite3.Error:
            pass
        time.sleep(0.05)
    workers = psutil.Process(proc.pid).children(recursive=True)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: every process of the group
    out, err = proc.communicate(timeout=180)
    assert proc.returncode == 130
    # Dask logs lines of its own ("distributed.core - INFO - Event loop was unresponsive in
    # Worker for 3.4s" on a loaded machine, a shutdown notice): ours are at most one line, and
    # nothing anywhere is a traceback.
    assert "Traceback" not in err, err
    ours = [line for line in err.splitlines() if not line.startswith(("distributed.", "dask.", "tornado."))
            and " - INFO - " not in line and " - WARNING - " not in line]
    assert len(ours) <= 1, err
    gone, alive = psutil.wait_procs(workers, timeout=60)
    assert not alive
    with arc.Archive.open() as store:
        written = store.counts()["articles"]
        assert 2 <= written < total
        assert store.conn.execute("SELECT count(DISTINCT article_id) FROM quotes").fetchone()[0] == written


KILL_WORKER = """
import os
from newsreader.analysis.pipeline import Analyzer

real_analyze = Analyzer.analyze

def analyze(self, article):
    if "KILLS-THE-WORKER" in article.text:
        os._exit(1)  # as the kernel's OOM killer would
    return real_analyze(self, article)

Analyzer.analyze = analyze
"""


class KillWorkerOnMarker(distributed.WorkerPlugin):
    """Patches every worker, the ones the nanny restarts too."""

    def setup(self, worker):
        exec(KILL_WORKER, {})


def test_an_article_that_kills_its_workers_is_skipped(tmp_path, monkeypatch, capsys):
    import cloudpickle
    import dask

    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(3):
        write(folder / f"ok{i}.txt", f'Story {i}\n\n"Words of story {i}," Ana Costa said.\n')
    write(folder / "kill.txt", 'Bad story\n\n"KILLS-THE-WORKER," Ana Costa said.\n')
    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the plugin, for workers that lack this file
    try:
        # one task on the worker at a time: only the killing article is on it when it dies
        with dask.config.set({"distributed.scheduler.worker-saturation": 1.0}), distributed.LocalCluster(
                n_workers=1, processes=True, threads_per_worker=1, host="127.0.0.1",
                dashboard_address="127.0.0.1:0", silence_logs=50) as cluster, \
                distributed.Client(cluster, set_as_default=False) as client:
            client.register_plugin(KillWorkerOnMarker())
            with arc.Archive.open() as store:
                result = archive_dask.index_on_dask([str(folder)], store, client, model=resolve_model(None))
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert (result.analysed, result.skipped) == (3, 1)
    err = [line for line in capsys.readouterr().err.splitlines() if line.startswith("newsreader:")]
    assert err == [f"newsreader: skipped {folder / 'kill.txt'}: its analysis ended the Dask worker processes "
                   "that tried it (out of memory?)"]
