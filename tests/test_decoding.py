"""Text with stray NULs and UTF-16/32 without a BOM are read; real binaries are still refused."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import fake_start, wait_complete

from newsreader.errors import InputError
from newsreader.sources import load_article
from newsreader.sources.text import decode_bytes

FIX = Path(__file__).parent / "fixtures" / "inputs"
TEXT = (FIX / "crlf.txt").read_bytes().decode("utf-8")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_text_without_a_bom_is_decoded(encoding):
    text = TEXT + "Café, naïve — “quoted”.\n"
    assert decode_bytes(text.encode(encoding), "story.txt") == (text, encoding)


def test_a_few_stray_nuls_are_kept_in_the_text(tmp_path):
    text = TEXT.replace("Port Ellis", "Port\x00Ellis", 1) + "\x00\n"
    path = tmp_path / "story.txt"
    path.write_bytes(text.encode("utf-8"))
    article = load_article(str(path))
    assert article.text == text and article.encoding == "utf-8"
    assert article.text.count("\x00") == 2


def test_stray_nul_in_a_legacy_encoding(tmp_path):
    text = "The café in Zürich reopened on Monday, the owner said.\n" * 5 + "\x00\n"
    assert decode_bytes(text.encode("cp1252"), "story.txt")[0] == text


@pytest.mark.parametrize(("data", "message"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "looks like a PNG image file, not text"),
    (gzip.compress(b"hello " * 100), "looks like a gzip-compressed file, not text"),
    (bytes(range(256)) * 40, "looks like a binary file, not text"),
    (b"BM" + b"\x00\x10\x00\x00" * 500, "looks like a binary file, not text"),
    (b"Some words first.\n" + b"\x00" * 200 + b"more\n", "looks like a binary file, not text"),
    (b"A\x00" * 50 + b"\x00\xd8", "looks like a binary file, not text"),  # UTF-16 cut off mid-surrogate
], ids=["png", "gzip", "all-bytes", "bmp-like", "run-of-nuls", "broken-utf16"])
def test_real_binaries_are_still_refused(data, message):
    with pytest.raises(InputError) as info:
        decode_bytes(data, "x.txt")
    assert str(info.value) == f"x.txt: {message}"


def test_export_of_text_with_a_nul_keeps_offsets_and_escapes_it(tmp_path):
    text = "\u201cWe will reopen the bridge,\u201d said Maria Tanaka, the mayor.\x00 She spoke on Monday.\n"
    path = tmp_path / "story.txt"
    path.write_bytes(text.encode("utf-8"))
    proc = subprocess.run([sys.executable, "-m", "newsreader", "export", str(path)], capture_output=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()
    doc = json.loads(proc.stdout)
    assert doc["quotes"], "the quote is found"
    for q in doc["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"]
    for e in doc["entities"]:
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    assert b"\x00" not in proc.stdout and b"\\u0000" in proc.stdout  # escaped, not raw


async def test_the_reader_shows_a_stray_nul_as_the_replacement_character(tmp_path):
    from newsreader.ui.app import NewsreaderApp

    path = tmp_path / "story.txt"
    path.write_bytes(b"The council met.\x00 It said yes.\n")
    article = load_article(str(path))
    app = NewsreaderApp([article], start=fake_start({}))
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_complete(pilot)
        view = app.screen.view
        rendered = "".join(view.render_line(y).text for y in range(view.size.height))
        assert "The council met.\ufffd It said yes." in rendered
        assert "\x00" not in rendered
