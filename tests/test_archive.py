"""The archive (``newsreader index`` / ``newsreader quotes``): incremental indexing, one speaker
across articles, concurrent and killed processes, a corrupt database, the query formats.

Every test keeps the archive and the analysis cache in ``tmp_path`` (``$NEWSREADER_ARCHIVE``,
``$NEWSREADER_CACHE_DIR``), never the user's data directory, and never uses the network. Most
analyses are fixed ones (``fixed_analysis``) where the engine's output is beside the point;
``test_real_engine_end_to_end`` and ``test_killed_indexer_loses_nothing`` run the real engine.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import sigint_as_in_a_terminal
from newsreader import archive as arc
from newsreader import cache
from newsreader.cli import main
from newsreader.model import Analysis, Article, Entity, Quote, Span
from newsreader.safety import has_unsafe

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MODEL = "fixed-model"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv(arc.ARCHIVE_ENV, str(tmp_path / "data" / "archive.sqlite3"))
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setenv("COLUMNS", "100")
    return tmp_path


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env[arc.ARCHIVE_ENV] = str(tmp_path / "data" / "archive.sqlite3")
    env[cache.CACHE_ENV] = str(tmp_path / "cache")
    env["PYTHONPATH"] = str(ROOT / "tui") + os.pathsep + env.get("PYTHONPATH", "")
    return env


# -- fixed analyses: every line `Name: words` is a direct quote of Name ------------------------------

def fixed_analysis(article: Article, aliases: dict[str, list[str]] | None = None) -> Analysis:
    """One entity a speaker named at the start of a line ``Name: “words”`` (``officials:`` in lower
    case is an unnamed speaker); the quote is what follows the colon."""
    aliases = aliases or {}
    entities: dict[str, Entity] = {}
    quotes = []
    offset = 0
    for n, line in enumerate(article.text.splitlines(keepends=True)):
        name, sep, rest = line.partition(": ")
        if sep and name.strip():
            start = offset + len(name) + 2
            words = rest.rstrip("\r\n")
            unnamed = name[:1].islower()
            eid = None
            if not unnamed:
                eid = "per:" + name.lower().replace(" ", "-")
                ent = entities.setdefault(eid, Entity(eid, "person", name, aliases=list(aliases.get(name, []))))
                ent.mentions.append(Span(offset, offset + len(name), name))
            quotes.append(Quote(f"q{len(quotes) + 1}", "direct", start, start + len(words), words, eid, name,
                                cue=None, paragraph=n, resolution="unnamed" if unnamed else "name",
                                confidence=None if unnamed else (0.5 if "maybe" in words else 0.9)))
        offset += len(line)
    return Analysis(entities=list(entities.values()), quotes=quotes, analysed_upto=len(article.text),
                    complete=True, model=MODEL)


class Fixed:
    """An ``analyse`` for ``archive.index`` that records what it was asked."""

    def __init__(self, aliases: dict[str, list[str]] | None = None) -> None:
        self.calls: list[str] = []
        self.aliases = aliases or {}

    def __call__(self, articles):
        for article in articles:
            self.calls.append(Path(article.source.split("#")[0]).name)
            yield article, fixed_analysis(article, self.aliases), None


def run_index(paths, analyse=None, **kw) -> arc.IndexResult:
    with arc.Archive.open() as store:
        return arc.index([str(p) for p in paths], store, model=MODEL, analyse=analyse or Fixed(), **kw)


def query(**kw) -> list[dict]:
    with arc.Archive.open() as store:
        return store.quotes(**kw)


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


# -- incremental --------------------------------------------------------------------------------

def test_incremental_reindex_changed_unchanged_removed(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    write(folder / "a.txt", "Budget row\n\nAna Costa: We will not cut.\n")
    write(folder / "b.txt", "Ferry deal\n\nKenji Tanaka: Fares will not rise.\n")
    write(folder / "c.txt", "Bridge shut\n\nGrace Okafor: It is going to be slow.\n")
    first = Fixed()
    r = run_index([folder], first)
    assert (r.analysed, r.unchanged, r.removed) == (3, 0, 0)
    assert sorted(first.calls) == ["a.txt", "b.txt", "c.txt"]

    write(folder / "a.txt", "Budget row\n\nAna Costa: We will cut nothing at all.\n")
    (folder / "c.txt").unlink()
    again = Fixed()
    r = run_index([folder], again)
    assert (r.analysed, r.unchanged, r.removed) == (1, 1, 1)
    assert again.calls == ["a.txt"]  # the unchanged file is not analysed again
    quotes = [q["quote"] for q in query()]
    assert sorted(quotes) == ["Fares will not rise.", "We will cut nothing at all."]
    with arc.Archive.open() as store:
        assert store.counts()["articles"] == 2
        assert store.conn.execute("SELECT count(*) FROM quotes_fts").fetchone()[0] == 2
        assert store.conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == 2

    # the same file named another way is the same article, unchanged
    r = run_index([folder / ".." / "news" / "a.txt"], Fixed())
    assert (r.analysed, r.unchanged) == (0, 1)


def test_a_bad_file_is_skipped_and_the_rest_go_on(tmp_path, capsys):
    folder = tmp_path / "news"
    folder.mkdir()
    write(folder / "a.txt", "Budget row\n\nAna Costa: We will not cut.\n")
    (folder / "empty.txt").write_bytes(b"")
    r = run_index([folder])
    assert (r.analysed, r.skipped) == (1, 1)
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("newsreader: skipped ") and "empty.txt" in err[0]


def test_the_cache_feeds_the_archive_and_indexing_writes_no_cache_entries(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    a = write(folder / "a.txt", "Budget row\n\nAna Costa: We will not cut.\n")
    write(folder / "b.txt", "Ferry deal\n\nKenji Tanaka: Fares will not rise.\n")
    from newsreader.sources import load_article

    article = load_article(str(a))
    cache.store(article.text, MODEL, fixed_analysis(article))
    analyse = Fixed()
    r = run_index([folder], analyse)
    assert (r.analysed, r.from_cache) == (2, 1)
    assert analyse.calls == ["b.txt"]  # a.txt came from the cache, not the engine
    assert len(list(cache.cache_dir().iterdir())) == 1  # and b.txt's analysis was not cached


# -- one speaker across articles ------------------------------------------------------------------

MERGE_ARTICLES = {
    "a.txt": "Aleppo talks\n\nSergey Lavrov: Combat operations have been halted.\n",
    "b.txt": "Moscow talks\n\nLavrov: We are ready to talk.\n",
    "c.txt": "Ferry strike\n\nMaria Tanaka: Our members did not want to strike.\n",
    "d.txt": "Ferry deal\n\nKenji Tanaka: Fares will not rise before January.\n",
    "e.txt": "Union vote\n\nTanaka: The vote was close.\n",
    "f.txt": "Port closed\n\nofficials: The port will reopen.\n",
    "g.txt": "Port open\n\nofficials: The port has reopened.\n",
}
MERGE_ALIASES = {"Sergey Lavrov": ["Lavrov", "Mr Lavrov"], "Lavrov": ["Mr Lavrov"],
                 "Maria Tanaka": ["Ms Tanaka", "Tanaka"], "Kenji Tanaka": ["Tanaka", "Mr Tanaka"]}


def _speaker_ids(folder: Path) -> dict[str, str]:
    return {Path(q["source"]).name: q["speaker_id"] for q in query()}


def test_one_speaker_across_articles_and_shared_surnames_stay_apart(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in MERGE_ARTICLES.items():
        write(folder / name, text)
    run_index([folder], Fixed(MERGE_ALIASES))
    ids = _speaker_ids(folder)
    assert ids["a.txt"] == ids["b.txt"] == "person:sergey lavrov"  # "Lavrov" (Mr Lavrov) is Sergey Lavrov
    assert len({ids["c.txt"], ids["d.txt"], ids["e.txt"]}) == 3  # Maria, Kenji and a bare Tanaka
    assert ids["f.txt"] != ids["g.txt"]  # unnamed "officials" are kept per article
    assert sorted(Path(q["source"]).name for q in query(speaker="officials")) == ["f.txt", "g.txt"]
    lavrov = query(speaker="Lavrov")
    assert sorted(Path(q["source"]).name for q in lavrov) == ["a.txt", "b.txt"]
    assert {q["archive_speaker"] for q in lavrov} == {"Sergey Lavrov"}
    assert [Path(q["source"]).name for q in query(speaker="Maria Tanaka")] == ["c.txt"]
    assert sorted(Path(q["source"]).name for q in query(speaker="Tanaka")) == ["c.txt", "d.txt", "e.txt"]

    # order-independent: the merge is decided over the whole archive, whatever came first
    names = []
    with arc.Archive.open() as store:
        rows = store.conn.execute("SELECT id, article_id, type, name, aliases FROM entities").fetchall()
    names = [arc.SpeakerName(r[0], r[1], r[2], r[3], tuple(json.loads(r[4]))) for r in rows]
    expected = arc.speaker_keys(names)
    for seed in range(5):
        random.Random(seed).shuffle(names)
        assert arc.speaker_keys(names) == expected


def test_a_bare_surname_follows_when_it_becomes_unambiguous_or_ambiguous(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    write(folder / "c.txt", MERGE_ARTICLES["c.txt"])
    write(folder / "e.txt", MERGE_ARTICLES["e.txt"])
    run_index([folder], Fixed(MERGE_ALIASES))
    ids = _speaker_ids(folder)
    assert ids["e.txt"] == ids["c.txt"] == "person:maria tanaka"  # only one Tanaka known: the names agree
    write(folder / "d.txt", MERGE_ARTICLES["d.txt"])
    run_index([folder], Fixed(MERGE_ALIASES))
    ids = _speaker_ids(folder)
    assert len({ids["c.txt"], ids["d.txt"], ids["e.txt"]}) == 3  # now two: the bare one is its own


def test_titles_keep_a_surname_from_the_wrong_person():
    names = [arc.SpeakerName(1, 1, "person", "Maria Tanaka", ("Ms Tanaka",)),
             arc.SpeakerName(2, 2, "person", "Tanaka", ("Mr Tanaka",))]
    keys = arc.speaker_keys(names)
    assert keys[1] != keys[2]
    names = [arc.SpeakerName(1, 1, "organization", "United Nations", ("UN", "The organisation")),
             arc.SpeakerName(2, 2, "organization", "UN", ()),
             arc.SpeakerName(3, 3, "organization", "Organisation", ())]
    keys = arc.speaker_keys(names)
    assert keys[1] == keys[2] == "organization:united nations" and keys[3] != keys[1]


# -- the real engine, end to end ------------------------------------------------------------------

def test_real_engine_end_to_end(tmp_path, capsys):
    folder = tmp_path / "news"
    folder.mkdir()
    for seed in ("aleppo-evacuation.txt", "kessary-ferry-strike.txt"):
        (folder / seed).write_bytes((SEEDS / seed).read_bytes())
    write(folder / "moscow.txt", """
        Moscow talks end without a deal

        Published 12 January 2017

        "We are ready to talk," Mr Lavrov said on Thursday.

        Lavrov said the ceasefire would hold.
        """)
    write(folder / "vote.txt", 'Union vote\n\nPublished 2 June 2023\n\n"The vote was close," Tanaka said.\n')
    write(folder / "vote-ms.txt", 'Union vote again\n\nPublished 3 June 2023\n\n"It was fair," Ms Tanaka said.\n')
    assert main(["index", str(folder), "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("5 analysed, 0 unchanged, 0 removed")
    assert main(["quotes", "--speaker", "Lavrov", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {Path(r["source"]).name for r in rows} == {"aleppo-evacuation.txt", "moscow.txt"}
    assert {r["speaker_id"] for r in rows} == {"person:sergey lavrov"}
    assert rows[0]["published"] == "2017-01-12"  # newest first
    assert main(["quotes", "--speaker", "Kenji Tanaka", "--format", "json"]) == 0
    kenji = json.loads(capsys.readouterr().out)
    assert kenji and {r["speaker"] for r in kenji} == {"Kenji Tanaka"}
    assert main(["quotes", "--speaker", "Maria Tanaka", "--format", "json"]) == 0
    maria = json.loads(capsys.readouterr().out)
    # "Ms Tanaka" alone is Maria (Kenji is "Mr Tanaka" in his article); a bare "Tanaka" is nobody's guess
    assert {Path(r["source"]).name for r in maria} == {"kessary-ferry-strike.txt", "vote-ms.txt"}
    assert main(["quotes", "--speaker", "Tanaka", "--format", "json"]) == 0
    bare = [r for r in json.loads(capsys.readouterr().out) if Path(r["source"]).name == "vote.txt"]
    assert bare and bare[0]["speaker_id"] not in ("person:maria tanaka", "person:kenji tanaka")
    assert main(["index", str(folder)]) == 0
    assert capsys.readouterr().out.startswith("0 analysed, 5 unchanged, 0 removed")


# -- processes at once, and a killed one -----------------------------------------------------------

CONCURRENT = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {tests!r})
    from test_archive import Fixed, MODEL
    from newsreader import archive as arc

    class Slow(Fixed):
        def __call__(self, articles):
            for item in super().__call__(articles):
                time.sleep(0.01)
                yield item

    with arc.Archive.open() as store:
        r = arc.index(sys.argv[1:], store, model=MODEL, analyse=Slow())
    print(r.analysed, r.unchanged)
""")

READER = textwrap.dedent("""
    import sys, time
    from newsreader import archive as arc
    deadline = time.monotonic() + float(sys.argv[1])
    n = 0
    while time.monotonic() < deadline:
        try:
            store = arc.Archive.open(readonly=True)
        except arc.ArchiveError:
            time.sleep(0.01)
            continue
        with store:
            for q in store.quotes(search="words"):
                assert q["quote"].startswith("words of"), q
            n += 1
    print(n)
""")


def _articles(folder: Path, n: int, start: int = 0) -> None:
    folder.mkdir(exist_ok=True)
    for i in range(start, start + n):
        write(folder / f"s{i:03}.txt", f"Story {i}\n\nSpeaker Number{i % 7}: words of story {i}\n")


def test_two_indexers_and_a_reader_at_once(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    _articles(one, 40)
    _articles(two, 40, start=20)  # 20 files in common: both may write them, neither duplicates them
    env = _env(tmp_path)
    script = CONCURRENT.format(tests=str(ROOT / "tests"))
    with arc.Archive.open():
        pass  # created, so the reader can open it from the start
    procs = [subprocess.Popen([sys.executable, "-c", script, str(d)], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for d in (one, two)]
    reader = subprocess.Popen([sys.executable, "-c", READER, "3"], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    outs = [p.communicate(timeout=120) for p in (*procs, reader)]
    for p, (out, err) in zip((*procs, reader), outs):
        assert p.returncode == 0, err
        assert "Traceback" not in err
    assert int(outs[2][0]) > 0  # the reader read while they wrote
    with arc.Archive.open() as store:
        c = store.conn
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.counts()["articles"] == 80
        assert c.execute("SELECT count(*) FROM quotes").fetchone()[0] == 80
        assert c.execute("SELECT count(*) FROM quotes_fts").fetchone()[0] == 80
    assert len(query(search="words")) == 80


def _consistent(store: arc.Archive) -> int:
    c = store.conn
    assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert c.execute("SELECT count(*) FROM articles a WHERE quote_count !="
                     " (SELECT count(*) FROM quotes q WHERE q.article_id = a.id)").fetchone()[0] == 0
    assert c.execute("SELECT count(*) FROM articles a WHERE entity_count !="
                     " (SELECT count(*) FROM entities e WHERE e.article_id = a.id)").fetchone()[0] == 0
    assert (c.execute("SELECT count(*) FROM quotes_fts").fetchone()[0]
            == c.execute("SELECT count(*) FROM quotes").fetchone()[0])
    assert (c.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
            == c.execute("SELECT count(*) FROM articles").fetchone()[0])
    return store.counts()["articles"]


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the pool's processes in /proc")
def test_killed_indexer_loses_nothing(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    total = 60
    for i in range(total):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        (folder / f"a{i:03}.txt").write_text(f"{text}\nCopy {i}.\n", encoding="utf-8")
    env = _env(tmp_path)
    db = Path(env[arc.ARCHIVE_ENV])
    cmd = [sys.executable, "-m", "newsreader.cli", "index", str(folder), "--jobs", "2"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    seen = 0
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if db.exists():
                try:
                    with sqlite3.connect(db, timeout=5) as conn:
                        seen = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
                except sqlite3.Error:
                    seen = 0
                if seen >= 3:
                    break
            time.sleep(0.02)
    finally:
        workers = _children(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL, "the indexer finished before it could be killed"
    assert workers, "no analysis processes seen"
    deadline = time.monotonic() + 10  # the pool's processes follow their parent
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, "analysis processes outlived the killed indexer"
    with arc.Archive.open() as store:
        kept = _consistent(store)
    assert 3 <= kept < total
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no progress bar when stderr is not a terminal
    assert done.stdout.startswith(f"{total - kept} analysed, {kept} unchanged, 0 removed"), done.stdout
    with arc.Archive.open() as store:
        assert _consistent(store) == total
        assert not store.links_stale()


def test_analyses_are_committed_together_and_an_interrupted_run_keeps_them(tmp_path, monkeypatch):
    folder = tmp_path / "news"
    _articles(folder, 6)
    commits = []
    real = arc.Archive.write_many

    def counted(self, items, *, model):
        items = list(items)
        commits.append(len(items))
        real(self, items, model=model)

    monkeypatch.setattr(arc.Archive, "write_many", counted)
    monkeypatch.setattr(arc, "COMMIT_EVERY_S", 3600.0)
    monkeypatch.setattr(arc, "COMMIT_MAX_ARTICLES", 4)
    assert run_index([folder]).analysed == 6
    assert commits == [4, 2]  # four at most a transaction, the rest at the end

    class Interrupted(Fixed):
        def __call__(self, articles):
            for n, item in enumerate(super().__call__(articles)):
                if n == 2:
                    raise KeyboardInterrupt
                yield item

    _articles(folder, 3, start=6)
    commits.clear()
    with pytest.raises(KeyboardInterrupt):
        run_index([folder], Interrupted())
    assert commits == [2]  # the two analysed before Ctrl-C are written, not lost
    with arc.Archive.open() as store:
        assert _consistent(store) == 8
    r = run_index([folder])
    assert (r.analysed, r.unchanged) == (1, 8)


def test_commits_come_every_commit_every_s(tmp_path, monkeypatch):
    folder = tmp_path / "news"
    _articles(folder, 5)
    commits = []
    real = arc.Archive.write_many
    monkeypatch.setattr(arc.Archive, "write_many",
                        lambda self, items, *, model: (commits.append(len(items)), real(self, items, model=model)))
    monkeypatch.setattr(arc, "COMMIT_EVERY_S", 0.0)
    assert run_index([folder]).analysed == 5
    assert commits == [1, 1, 1, 1, 1]


# -- a corrupt or read-only database --------------------------------------------------------------

def _cli(tmp_path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsreader.cli", *args], env=_env(tmp_path),
                          capture_output=True, text=True, timeout=120)


def test_corrupt_database_is_one_line_and_exit_2(tmp_path):
    db = Path(_env(tmp_path)[arc.ARCHIVE_ENV])
    db.parent.mkdir(parents=True)
    db.write_bytes(b"this is not an sqlite database, just some bytes " * 100)
    folder = tmp_path / "news"
    folder.mkdir()
    write(folder / "a.txt", "Budget row\n\nAna Costa said: “We will not cut.”\n")
    for args in (["quotes"], ["quotes", "--speaker", "Costa"], ["index", str(folder)]):
        done = _cli(tmp_path, *args)
        assert done.returncode == 2, (args, done.stderr)
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("newsreader: the archive "), (args, done.stderr)
        assert "Traceback" not in done.stderr and done.stdout == ""
    assert db.read_bytes().startswith(b"this is not")  # never overwritten


def test_open_or_warn_goes_on_without_a_corrupt_archive(tmp_path, capsys):
    db = Path(_env(tmp_path)[arc.ARCHIVE_ENV])
    db.parent.mkdir(parents=True)
    db.write_bytes(b"\x1b]2;not sqlite\x07" * 200)
    assert arc.open_or_warn() is None
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and err.endswith("going on without the archive\n")
    assert not has_unsafe(err)


def test_truncated_database_is_one_line(tmp_path):
    folder = tmp_path / "news"
    _articles(folder, 30)
    run_index([folder])
    db = Path(_env(tmp_path)[arc.ARCHIVE_ENV])
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])
    for name in ("-wal", "-shm"):
        Path(str(db) + name).unlink(missing_ok=True)
    done = _cli(tmp_path, "quotes", "--search", "words")
    assert done.returncode in (0, 2)
    assert "Traceback" not in done.stderr
    if done.returncode == 2:
        assert len(done.stderr.strip().splitlines()) == 1


def test_no_archive_yet_and_read_only_archive(tmp_path):
    done = _cli(tmp_path, "quotes")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    folder = tmp_path / "news"
    _articles(folder, 2)
    run_index([folder])
    with arc.Archive.open(readonly=True) as store:  # what `quotes` falls back to on a read-only file
        assert len(store.quotes()) == 2
        with pytest.raises(sqlite3.OperationalError):
            store.conn.execute("DELETE FROM articles")


def test_an_older_archive_is_upgraded_in_place(tmp_path):
    folder = tmp_path / "news"
    _articles(folder, 2)
    run_index([folder])
    with arc.Archive.open() as store:  # back to schema 1, as the first version wrote it
        store.conn.execute("ALTER TABLE entities DROP COLUMN titled")
        store.conn.execute("PRAGMA user_version=1")
    with pytest.raises(arc.ArchiveError, match="older newsreader"):
        arc.Archive.open(readonly=True)
    with arc.Archive.open() as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == arc.SCHEMA
        assert len(store.quotes()) == 2
    assert run_index([folder]).unchanged == 2


def test_newer_schema_is_refused(tmp_path):
    with arc.Archive.open() as store:
        store.conn.execute(f"PRAGMA user_version={arc.SCHEMA + 1}")
    with pytest.raises(arc.ArchiveError, match="newer newsreader"):
        arc.Archive.open()


# -- the query command -----------------------------------------------------------------------------

HOSTILE = "\x1b]2;pwned\x07Red \x1b[31malert\u202e reversed \x9b31m"


FILLER = "The harbour authority met on Monday to discuss the reopening plans in detail. " * 8
"""Enough ordinary text that the hostile line's control characters stay a stray few (not "binary")."""


@pytest.fixture
def dated(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    write(folder / "old.txt", "Old story\n\nPublished 3 January 2024\n\nAna Costa: The budget stands.\n"
                              "Ana Costa: maybe later, the harbour\n")
    write(folder / "new.txt", "New story\n\nPublished 1 June 2024\n\n" + FILLER + "\n"
                              "Ana Costa: The harbour reopens today.\n"
                              f"Grace Okafor: =HYPERLINK(\"http://x\") {HOSTILE}\n")
    write(folder / "undated.txt", "Undated story\n\nTom Reyes: I am glad it is over.\n")
    run_index([folder])
    return folder


def test_quotes_newest_first_and_since(dated):
    rows = query()
    assert [Path(r["source"]).name for r in rows] == ["new.txt", "new.txt", "old.txt", "old.txt", "undated.txt"]
    assert [r["published"] for r in query(since="2024-02-01")] == ["2024-06-01", "2024-06-01"]
    assert query(since="2025-01-01") == []


def test_quotes_search_is_full_text(dated):
    assert [r["quote"] for r in query(search="harbour")] == ["The harbour reopens today.", "maybe later, the harbour"]
    assert [r["quote"] for r in query(search="harbour reopens")] == ["The harbour reopens today."]
    assert [r["quote"] for r in query(search="reop*")] == ["The harbour reopens today."]
    assert [r["quote"] for r in query(search="budget", speaker="Costa")] == ["The budget stands."]
    for odd in ('"unbalanced', "AND", "a:b -c", "(", "NEAR("):
        query(search=odd)  # FTS syntax in the words is never an error


def test_quotes_table_fits_the_terminal_and_is_safe(dated, capsys, monkeypatch):
    for width in ("40", "72", "200"):
        monkeypatch.setenv("COLUMNS", width)
        assert main(["quotes"]) == 0
        out = capsys.readouterr().out
        lines = out.splitlines()
        assert lines[0].startswith("date") and len(lines) == 6
        assert all(len(line) <= int(width) for line in lines), (width, out)
        assert not has_unsafe(out)
    monkeypatch.setenv("COLUMNS", "72")
    main(["quotes", "--limit", "2"])
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and "…" in lines[1] + lines[2]
    main(["quotes", "--speaker", "nobody at all"])
    assert capsys.readouterr().out == "no quotes\n"
    main(["quotes", "--search", "maybe"])
    assert "0.50?" in capsys.readouterr().out  # uncertain is marked


def test_quotes_json_and_csv(dated, capsys):
    assert main(["quotes", "--format", "json", "--speaker", "Grace Okafor"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out and "\\u009b" in out
    (row,) = json.loads(out)
    assert row["quote"].endswith(HOSTILE)  # JSON gives the exact text back, escaped
    assert row["paragraph"] == 7 and row["kind"] == "direct" and row["speaker_id"] == "person:grace okafor"
    assert row["published"] == "2024-06-01" and row["title"] == "New story"
    assert main(["quotes", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert not has_unsafe(out)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 5
    hostile = next(r for r in rows if r["speaker"] == "Grace Okafor")
    assert hostile["quote"].startswith("'=HYPERLINK")  # a spreadsheet would run it
    maybe = next(r for r in rows if r["quote"].startswith("maybe"))
    assert maybe["uncertain"] == "yes" and maybe["confidence"] == "0.50"


def test_bad_arguments_are_one_line(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["quotes", "--since", "yesterday"])
    assert exit_.value.code == 2
    assert main(["index", "-"]) == 2
    assert capsys.readouterr().err.strip().splitlines()[-1].startswith("newsreader: -:")


FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wire</title>
{items}
</channel></rss>
"""
ITEM = "<item><title>Story {n}</title><description>Ana Costa: words of story {n}</description></item>"


def test_a_feed_is_its_entries_and_a_dropped_entry_leaves(tmp_path):
    feed = tmp_path / "wire.xml"
    feed.write_text(FEED.format(items="\n".join(ITEM.format(n=n) for n in (1, 2, 3))), encoding="utf-8")
    r = run_index([feed])
    assert (r.analysed, r.removed) == (3, 0)
    assert sorted(Path(q["source"]).name for q in query()) == ["wire.xml#entry-1", "wire.xml#entry-2",
                                                                "wire.xml#entry-3"]
    feed.write_text(FEED.format(items="\n".join(ITEM.format(n=n) for n in (1, 2))), encoding="utf-8")
    r = run_index([feed])
    assert (r.analysed, r.unchanged, r.removed) == (0, 2, 1)


def test_progress_bar_only_on_a_terminal(tmp_path):
    import pty

    folder = tmp_path / "news"
    _articles(folder, 3)
    for seed in ("kessary-ferry-strike.txt",):
        (folder / seed).write_bytes((SEEDS / seed).read_bytes())
    leader, follower = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "newsreader.cli", "index", str(folder), "--jobs", "1"],
                              env=_env(tmp_path), stdout=subprocess.PIPE, stderr=follower, timeout=120)
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(leader)
    assert done.returncode == 0
    assert b"indexing" in seen and b"4/4" in seen
    assert done.stdout.decode().startswith("4 analysed")  # the summary is on stdout, without the bar
    assert b"indexing" not in done.stdout


def test_quotes_falls_back_to_reading_a_read_only_archive(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "news"
    _articles(folder, 2)
    run_index([folder])
    real_open = arc.Archive.open.__func__

    def open_(cls, path=None, *, readonly=False):
        if not readonly:  # as sqlite answers for a file or folder without write permission
            raise arc.ArchiveError(f"the archive {path} is read-only (attempt to write a readonly database)")
        return real_open(cls, path, readonly=readonly)

    monkeypatch.setattr(arc.Archive, "open", classmethod(open_))
    assert main(["quotes", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2
    with pytest.raises(arc.ArchiveError, match="read-only"):
        arc.Archive.open()
    assert main(["index", str(folder)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "read-only" in err[0]


def test_a_file_named_alone_keeps_its_folder(tmp_path):
    folder = tmp_path / "news"
    _articles(folder, 2)
    run_index([folder])
    write(folder / "s000.txt", "Story 0\n\nSpeaker Number0: new words\n")
    run_index([folder / "s000.txt"])
    (folder / "s000.txt").unlink()
    assert run_index([folder]).removed == 1


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the pool's processes in /proc")
def test_ctrl_c_stops_the_pool_without_a_traceback(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    total = 240  # still running a second after the first commits: index commits about once a second
    for i in range(total):
        (folder / f"a{i:03}.txt").write_text(seeds[i % 4].read_text(encoding="utf-8") + f"\nCopy {i}.\n",
                                             encoding="utf-8")
    env = _env(tmp_path)
    db = Path(env[arc.ARCHIVE_ENV])
    proc = subprocess.Popen([sys.executable, "-m", "newsreader.cli", "index", str(folder), "--jobs", "2"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True, preexec_fn=sigint_as_in_a_terminal)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with sqlite3.connect(db, timeout=5) as conn:
                if conn.execute("SELECT count(*) FROM articles").fetchone()[0] >= 2:
                    break
        except sqlite3.Error:
            pass
        time.sleep(0.05)
    workers = _children(proc.pid)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "Traceback" not in err, err
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)]
    with arc.Archive.open() as store:
        assert 2 <= _consistent(store) < total
