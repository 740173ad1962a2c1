"""No output of newsreader carries a raw control character from untrusted text.

Stdout and stderr of the CLI, every export format, and the reader's labels all
go through ``newsreader.safety``: JSON escapes the characters (losslessly),
CSV, Markdown, error lines and the UI show ``�``.
"""

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

from newsreader.export import render, to_json_error_line
from newsreader.model import Analysis, Article, Entity, Quote, Span
from newsreader.safety import REPLACEMENT, escape_json, has_unsafe, replace_unsafe, safe_line

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}

# ESC ] 2 ; … BEL sets the terminal's title; U+009B is a one-character CSI; DEL; a bidi override.
HOSTILE = "\x1b]2;pwned\x07 \x9b2J \x7f \u202egnp.exe"
RAW_BYTES = (b"\x1b", b"\x07", b"\x7f", "\x9b".encode(), "\u202e".encode())


def no_raw_controls(data: bytes) -> bool:
    return not any(b in data for b in RAW_BYTES)


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsreader", *args], cwd=cwd, input=b"",
                          capture_output=True, timeout=300, env=ENV)


# ---------------------------------------------------------------- the sanitiser


def test_replace_unsafe_is_one_for_one_and_keeps_tab_and_line_endings():
    raw = "a\x1b[31mb\x07c\r\nd\te\x9bf\u202eg\x00h\x7f\u2066"
    clean = replace_unsafe(raw)
    assert len(clean) == len(raw)
    assert clean == "a\ufffd[31mb\ufffdc\r\nd\te\ufffdf\ufffdg\ufffdh\ufffd\ufffd"
    assert not has_unsafe(clean)


def test_safe_line_keeps_a_message_on_one_line():
    assert safe_line("newsreader: a\nb\rc\x1b.txt: no such file") == "newsreader: a\ufffdb\ufffdc\ufffd.txt: no such file"


def test_escape_json_is_lossless():
    value = {"t": HOSTILE + "\t\r\n\"\\"}
    encoded = escape_json(json.dumps(value, ensure_ascii=False))
    assert json.loads(encoded) == value
    assert "\\u009b" in encoded and "\\u007f" in encoded and "\\u202e" in encoded
    assert not has_unsafe(encoded)


# ---------------------------------------------------------------- every export format


def hostile_article() -> tuple[Article, Analysis]:
    text = f"Headline {HOSTILE}\n\n“We stay {HOSTILE} here,” said Jo\x1b[31m Bell.\n"
    q_start = text.index("We stay")
    q_end = text.index(",” said")
    name_start = text.index("Jo\x1b")
    name = text[name_start:text.index(".\n", name_start)]
    cue = text.index("said")
    bell = Entity(id="per:bell", type="person", name=name, roles=[f"a {HOSTILE} role"],
                  mentions=[Span(name_start, name_start + len(name), name)])
    quote = Quote(id="q1", kind="direct", start=q_start, end=q_end, text=text[q_start:q_end],
                  speaker="per:bell", speaker_name=name, cue=Span(cue, cue + 4, "said"), paragraph=1)
    article = Article(source=f"dir/{HOSTILE}.txt", text=text, title=f"Title {HOSTILE}")
    return article, Analysis(entities=[bell], quotes=[quote], analysed_upto=len(text), complete=True, model="m")


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "markdown"])
def test_no_export_format_writes_a_raw_control(fmt):
    article, analysis = hostile_article()
    out = render(article, analysis, fmt)
    assert not has_unsafe(out), fmt
    assert no_raw_controls(out.encode("utf-8"))


def test_json_export_gives_the_exact_text_back():
    article, analysis = hostile_article()
    for fmt in ("json", "jsonl"):
        doc = json.loads(render(article, analysis, fmt))
        quote = doc["quotes"][0]
        assert quote["text"] == article.text[quote["start"]:quote["end"]]
        assert doc["source"] == article.source and doc["entities"][0]["name"] == analysis.entities[0].name


def test_csv_and_markdown_show_the_replacement_character_one_for_one():
    article, analysis = hostile_article()
    quote = analysis.quotes[0]
    row = list(csv.reader(io.StringIO(render(article, analysis, "csv"))))[1]
    assert row[3] == replace_unsafe(quote.text)
    assert len(row[3]) == quote.end - quote.start  # the offsets still fit the cell
    assert row[0] == replace_unsafe(quote.speaker_name)
    markdown = render(article, analysis, "markdown")
    assert "Jo\ufffd\\[31m Bell" in markdown
    assert f"pwned{REPLACEMENT}" in markdown


def test_csv_keeps_a_crlf_but_not_a_lone_cr():
    article, analysis = hostile_article()
    quote = analysis.quotes[0]
    quote.text = "line one\r\nline two\rthree"
    row = list(csv.reader(io.StringIO(render(article, analysis, "csv"), newline="")))[1]
    assert row[3] == "line one\r\nline two\ufffdthree"


def test_error_line_record_escapes_the_source():
    line = to_json_error_line(f"{HOSTILE}.txt", f"{HOSTILE}.txt: file is empty")
    assert line.endswith("\n") and line.count("\n") == 1
    assert not has_unsafe(line)
    assert json.loads(line) == {"source": f"{HOSTILE}.txt", "error": f"{HOSTILE}.txt: file is empty"}


def test_export_csv_of_a_file_with_escapes_writes_none(tmp_path):
    article = tmp_path / "story.txt"
    data = "“We will not leave \x1b]2;pwned\x07 the city \x9b2J now,” said Jo Bell, the mayor.\n".encode()
    article.write_bytes(data)
    outputs = {}
    for fmt in ("csv", "json", "markdown"):
        proc = run("export", str(article), "--format", fmt)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout and no_raw_controls(proc.stdout), fmt
        assert no_raw_controls(proc.stderr)
        outputs[fmt] = proc.stdout.decode("utf-8")
    assert article.read_bytes() == data
    # the quote is there, its controls shown as � (CSV, Markdown) or escaped (JSON)
    row = list(csv.reader(io.StringIO(outputs["csv"])))[1]
    assert row[3] == "We will not leave \ufffd]2;pwned\ufffd the city \ufffd2J now,"
    assert "leave \\u001b]2;pwned\\u0007 the city \\u009b2J" in outputs["json"]
    assert json.loads(outputs["json"])["quotes"][0]["text"] == "We will not leave \x1b]2;pwned\x07 the city \x9b2J now,"
    assert "leave \ufffd\\]2;pwned\ufffd the city \ufffd2J now" in outputs["markdown"]


# ---------------------------------------------------------------- stderr


def test_error_line_shows_a_hostile_file_name_safely(tmp_path):
    name = tmp_path / "\x1b]2;pwned\x07.txt"
    proc = run("export", str(name))
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert proc.stderr.decode("utf-8") == f"newsreader: {tmp_path}/\ufffd]2;pwned\ufffd.txt: no such file\n"


def test_skipped_line_shows_a_hostile_file_name_safely(tmp_path, capsys):
    from newsreader.sources import load_articles

    (tmp_path / "good.txt").write_text("The council met on Monday.\n", encoding="utf-8")
    (tmp_path / "\x1b]2;pwned\x07.txt").write_bytes(b"")
    articles = load_articles([str(tmp_path)])
    assert [Path(a.source).name for a in articles] == ["good.txt"]
    err = capsys.readouterr().err
    assert err == f"newsreader: skipped {tmp_path}/\ufffd]2;pwned\ufffd.txt: file is empty\n"


def test_jsonl_error_lines_are_safe_on_both_streams(tmp_path):
    (tmp_path / "\x1b]2;pwned\x07.txt").write_bytes(b"")
    (tmp_path / "\x9bnews.txt").write_text("The council said the bridge would reopen.\n", encoding="utf-8")
    proc = run("export", str(tmp_path), "--format", "jsonl")
    assert proc.returncode == 1
    assert no_raw_controls(proc.stdout) and no_raw_controls(proc.stderr)
    assert proc.stderr.decode() == f"newsreader: {tmp_path}/\ufffd]2;pwned\ufffd.txt: file is empty\n"
    records = {Path(r["source"]).name: r for r in map(json.loads, proc.stdout.decode().splitlines())}
    assert set(records) == {"\x1b]2;pwned\x07.txt", "\x9bnews.txt"}
    assert records["\x1b]2;pwned\x07.txt"]["error"].endswith("file is empty")


def test_argparse_messages_are_safe():
    proc = run("export", "story.txt", "--bogus\x1b]2;x\x07")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "Traceback" not in err and no_raw_controls(proc.stderr)
    assert err.splitlines()[-1] == "newsreader export: error: unrecognized arguments: --bogus\ufffd]2;x\ufffd"


# ---------------------------------------------------------------- paragraphs, 1-based everywhere


def test_paragraph_is_one_based_in_every_format():
    article, analysis = hostile_article()
    quote = analysis.quotes[0]
    number = quote.paragraph + 1  # the model keeps the engine's 0-based index
    assert json.loads(render(article, analysis, "json"))["quotes"][0]["paragraph"] == number
    assert json.loads(render(article, analysis, "jsonl"))["quotes"][0]["paragraph"] == number
    assert list(csv.reader(io.StringIO(render(article, analysis, "csv"))))[1][6] == str(number)
    assert re.search(rf"^- ¶{number} \[direct\]", render(article, analysis, "markdown"), re.M)
    # the cache's form stays 0-based, so cached analyses read back unchanged
    assert Quote.from_dict(quote.to_dict()).paragraph == quote.paragraph


def test_paragraph_in_the_reader_matches_the_export():
    from newsreader.ui.widgets.quote_list import QuoteList

    article, analysis = hostile_article()
    number = json.loads(render(article, analysis, "json"))["quotes"][0]["paragraph"]
    row = QuoteList._row(analysis.quotes[0])
    assert f"¶{number}" in row.prompt.plain
