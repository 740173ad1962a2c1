"""`newsreader export` run as a user runs it: a subprocess, its exit code, stdout and stderr."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = "seeds/aleppo-evacuation.txt"
SEED_DATE = "2016-12-08"
MARKUP_SEED = "seeds/greyhaven-library.txt"
ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}


def export(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsreader", "export", *args],
        cwd=cwd, input=stdin, capture_output=True, timeout=300, env=ENV,
    )


def ok(proc: subprocess.CompletedProcess) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    return proc.stdout.decode("utf-8")


_OUT: dict[tuple, str] = {}


def seed_output(fmt: str, path: str = SEED, date: str | None = SEED_DATE) -> str:
    key = (fmt, path, date)
    if key not in _OUT:
        args = [path, "--format", fmt] + (["--date", date] if date else [])
        _OUT[key] = ok(export(*args))
    return _OUT[key]


def article_text(path: str) -> str:
    return (ROOT / path).read_bytes().decode("utf-8")


def paragraph_of(text: str, offset: int) -> int:
    """1-based paragraph (non-blank line) holding ``offset``."""
    para = 0
    pos = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            para += 1
        if pos + len(line) > offset:
            return para
        pos += len(line)
    return para


# ---------------------------------------------------------------- JSON


def test_json_is_well_formed():
    data = json.loads(seed_output("json"))
    assert data["published"] == SEED_DATE
    assert isinstance(data["entities"], list) and isinstance(data["quotes"], list)
    assert data["quotes"], "the seed has quotes"
    types = {e["type"] for e in data["entities"]}
    assert types <= {"person", "organization", "place", "figure", "date"}
    assert {"person", "organization", "place", "figure", "date"} <= types
    ids = [e["id"] for e in data["entities"]]
    assert len(ids) == len(set(ids)), "entity ids are unique"
    for e in data["entities"]:
        assert {"id", "type", "name", "aliases", "roles", "mentions"} <= set(e)
        if e["type"] == "date":
            assert "resolved" in e
            assert e["resolved"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", e["resolved"])
        if e["type"] == "figure":
            assert "counts" in e
    qids = [q["id"] for q in data["quotes"]]
    assert len(qids) == len(set(qids)), "quote ids are unique"
    for q in data["quotes"]:
        assert q["kind"] in ("direct", "indirect", "partial")
        assert q["speaker"] is None or q["speaker"] in ids, q
        assert isinstance(q["paragraph"], int)


@pytest.mark.parametrize("path,date", [(SEED, SEED_DATE), (MARKUP_SEED, None),
                                       ("seeds/port-ellis-bridge.txt", None),
                                       ("seeds/kessary-ferry-strike.txt", None)])
def test_json_offsets_point_at_their_text(path, date):
    text = article_text(path)
    data = json.loads(seed_output("json", path, date))
    assert data["entities"] and data["quotes"], "the checks below are about something"
    for e in data["entities"]:
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"], (e["name"], m)
    for q in data["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"], q
        if q["cue"]:
            assert text[q["cue"]["start"]:q["cue"]["end"]] == q["cue"]["text"], q
        assert paragraph_of(text, q["start"]) == q["paragraph"], q  # 1-based, as in CSV and Markdown


def test_json_keeps_markup_characters_literally():
    data = json.loads(seed_output("json", MARKUP_SEED, None))
    quoted = " ".join(q["text"] for q in data["quotes"])
    assert "[/b]" in quoted and "[@click=app.quit]" in quoted


def test_date_read_off_the_dateline_without_option():
    data = json.loads(seed_output("json", "seeds/port-ellis-bridge.txt", None))
    assert data["published"] == "2024-03-14"
    assert data["published_from"] == "dateline"


# ---------------------------------------------------------------- CSV


def test_csv_is_well_formed():
    out = seed_output("csv")
    text = article_text(SEED)
    rows = list(csv.reader(io.StringIO(out)))
    header = rows[0]
    assert header[:6] == ["speaker", "kind", "cue", "quote", "start", "end"]
    body = rows[1:]
    data = json.loads(seed_output("json"))
    assert len(body) == len(data["quotes"]) > 0
    for row in body:
        assert len(row) == len(header), row
        rec = dict(zip(header, row))
        assert rec["kind"] in ("direct", "indirect", "partial")
        start, end = int(rec["start"]), int(rec["end"])
        quote = rec["quote"]
        if quote[:1] == "'" and text[start:end][:1] in "=+-@":
            quote = quote[1:]  # spreadsheet-formula guard
        assert text[start:end] == quote, rec


def test_csv_guards_against_spreadsheet_formulas(tmp_path):
    article = tmp_path / "formula.txt"
    article.write_text("“=HYPERLINK(\"http://x\")” said Jo Bell, the treasurer.\n", encoding="utf-8")
    out = ok(export(str(article), "--format", "csv"))
    rows = list(csv.reader(io.StringIO(out)))[1:]
    assert rows, "the quote is found"
    for row in rows:
        assert row[3][:1] not in ("=", "+", "-", "@"), row


# ---------------------------------------------------------------- Markdown


def test_markdown_groups_quotes_by_speaker_with_paragraphs():
    out = seed_output("markdown")
    text = article_text(SEED)
    data = json.loads(seed_output("json"))
    headings = [line[3:] for line in out.splitlines() if line.startswith("## ")]
    speakers = [h for h in headings if h != "Figures"]
    assert len(speakers) == len(set(speakers)), "each speaker has one section"
    assert len(speakers) >= 5
    assert any(h.startswith("Sergey Lavrov") for h in speakers), speakers
    quote_lines = [line for line in out.splitlines() if re.match(r"- ¶\d+ \[(direct|indirect|partial)\]", line)]
    assert len(quote_lines) == len(data["quotes"])
    for line in quote_lines:
        para = int(re.match(r"- ¶(\d+)", line).group(1))
        m = re.search(r"\(chars (\d+)–(\d+)\)$", line)
        assert m, line
        assert paragraph_of(text, int(m.group(1))) == para, line


def test_markdown_escapes_markup_from_the_article():
    out = seed_output("markdown", MARKUP_SEED, None)
    assert "[@click=app.quit]" not in out, "an unescaped [ ... ] reads as a Markdown link"
    assert re.search(r"\\\[@click=app\.quit\\\]", out), "markup inside quotes is escaped, not dropped"


# ---------------------------------------------------------------- --output and stdin


def test_output_file_and_stdin(tmp_path):
    target = tmp_path / "out.json"
    proc = export(SEED, "--date", SEED_DATE, "--output", str(target))
    assert ok(proc) == ""
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(seed_output("json"))
    via_stdin = ok(export("-", "--date", SEED_DATE, stdin=(ROOT / SEED).read_bytes()))
    a, b = json.loads(via_stdin), json.loads(seed_output("json"))
    assert a["quotes"] == b["quotes"] and a["entities"] == b["entities"]


# ---------------------------------------------------------------- errors


def _assert_one_line_error(proc: subprocess.CompletedProcess) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, (proc.returncode, err)
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("newsreader:"), err
    assert proc.stdout == b""
    return lines[0]


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown"])
def test_missing_file(tmp_path, fmt):
    line = _assert_one_line_error(export(str(tmp_path / "nope.txt"), "--format", fmt))
    assert "nope.txt" in line


def test_directory(tmp_path):
    line = _assert_one_line_error(export(str(tmp_path)))
    assert "director" in line


@pytest.mark.parametrize("data", [b"", b"   \n\n\t  \n"], ids=["empty", "blank"])
def test_empty_file(tmp_path, data):
    line = _assert_one_line_error(export(_write(tmp_path, "empty.txt", data)))
    assert "empty" in line


def test_empty_stdin():
    _assert_one_line_error(export("-", stdin=b""))


def test_binary_file(tmp_path):
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    line = _assert_one_line_error(export(_write(tmp_path, "image.txt", data)))
    assert "binary" in line


@pytest.mark.parametrize("data", [
    b"\xff\xfeA",  # a UTF-16 BOM and an odd byte
    bytes(range(128, 256)) * 20 + bytes([1, 2, 3, 4, 5, 6, 7, 8, 11, 14, 15, 16]) * 30,
], ids=["bad-utf16", "noise"])
def test_undecodable_text(tmp_path, data):
    _assert_one_line_error(export(_write(tmp_path, "garbled.txt", data)))


def test_bad_output_path(tmp_path):
    _assert_one_line_error(export(SEED, "--date", SEED_DATE, "--output", str(tmp_path / "no" / "such" / "dir.json")))


# ---------------------------------------------------------------- JSON Lines, many articles


def test_jsonl_exports_every_article_and_reports_a_failure_in_line(tmp_path):
    (tmp_path / "a.txt").write_text("“We are ready,” Ms Smith said on Monday.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The council said the bridge would reopen in May.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = export(str(tmp_path), str(tmp_path / "missing.txt"), "--format", "jsonl")
    assert proc.returncode == 1, "a failed article makes the exit status 1"
    assert "Traceback" not in proc.stderr.decode()
    lines = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    by_source = {Path(line["source"]).name: line for line in lines}
    assert set(by_source) == {"a.txt", "b.txt", "empty.txt", "missing.txt"}
    assert by_source["a.txt"]["quotes"][0]["speaker_name"] == "Smith"
    assert by_source["b.txt"]["quotes"][0]["kind"] == "indirect"
    assert by_source["empty.txt"]["error"].endswith("file is empty")
    assert by_source["missing.txt"]["error"].endswith("no such file")
    assert "newsreader: " in proc.stderr.decode() and "missing.txt: no such file" in proc.stderr.decode()


def test_several_paths_need_jsonl():
    proc = export(SEED, SEED)
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == "newsreader: 2 paths given; export several articles with --format jsonl"
