"""Reading every kind of input into Articles (in-process; no spaCy needed)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from newsreader.errors import InputError
from newsreader.sources import (
    expand_sources,
    kind_for,
    load_article,
    load_articles,
    load_source,
    read_path,
    sniff,
)
from newsreader.sources.html import article_from_html, clean_extracted, without_controls
from newsreader.sources.text import clean_label, decode_bytes, looks_compressed

FIX = Path(__file__).parent / "fixtures" / "inputs"


# --- dispatch ---------------------------------------------------------------

@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        (b"\xef\xbb\xbf  <html lang='en'>", "html"),
        (b'<?xml version="1.0"?>\n<!-- c -->\n<rss version="2.0">', "feed"),
        (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">', "feed"),
        (b'<?xml version="1.0"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml">', "html"),
        ("<html>".encode("utf-16"), "html"),
        (b"Plain article text about <html> tags.", None),
        (b"# A markdown title\n\nText.", None),
    ],
)
def test_sniff(data: bytes, kind: str | None) -> None:
    assert sniff(data) == kind


def test_kind_content_beats_suffix_and_content_type() -> None:
    assert kind_for("story.txt", b"<!doctype html><p>x") == "html"
    assert kind_for("page.html", b"<p>a fragment</p>") == "html"
    assert kind_for("feed.xml", b"junk") == "feed"
    assert kind_for("notes.md", b"just words") == "text"
    assert kind_for("http://h/x", b"<rss version='2.0'>", "text/html") == "feed"
    assert kind_for("http://h/x", b"words", "text/plain") == "text"
    assert kind_for("http://h/x.txt", b"words", "application/rss+xml") == "feed"
    with pytest.raises(InputError, match=r"unsupported content type image/png"):
        kind_for("http://h/x", b"\x89PNG", "image/png")


# --- HTML -------------------------------------------------------------------

def test_html_page_extracts_main_text_and_metadata() -> None:
    article = load_article(str(FIX / "article.html"))
    assert article.text_from == "extracted"
    assert article.title == "Ferry strike halts crossings to Kessary"
    assert article.byline == "Mara Lindqvist"
    assert (article.published, article.published_from) == ("2023-03-14", "metadata")
    assert "said Tomas Brandt" in article.text
    assert "€2 million" in article.text
    # No scripts, styles, navigation, asides or footers.
    for junk in ("MUST NOT APPEAR", "INJECTED", "alert(", "Most read", "Copyright", "Sport"):
        assert junk not in article.text
    assert "<" not in article.text


def test_date_option_beats_html_metadata() -> None:
    article = load_article(str(FIX / "article.html"), "2020-01-02")
    assert (article.published, article.published_from) == ("2020-01-02", "option")


def test_legacy_encoded_page_uses_meta_charset() -> None:
    article = load_article(str(FIX / "cp1252-page.html"))
    assert article.encoding == "cp1252"
    assert "crème brûlée" in article.text and "René Dupré" in article.text
    assert article.title == "Café owners protest rent rise"
    assert article.published == "2021-06-02"


def test_html_saved_as_txt_is_read_as_html() -> None:
    article = load_article(str(FIX / "html-named-txt.txt"))
    assert article.text_from == "extracted"
    assert article.title == "Bridge reopens after repairs"
    assert "<" not in article.text


def test_page_without_article_text_is_refused() -> None:
    with pytest.raises(InputError, match=r"no-text\.html: no article text found in this page$"):
        load_article(str(FIX / "no-text.html"))


def test_control_characters_and_escapes_never_reach_the_text() -> None:
    article = load_article(str(FIX / "escapes.html"))
    assert "\x1b" not in article.text and "\x07" not in article.text
    assert "\x1b" not in (article.title or "")
    assert "Captain Ola Berg" in article.text


def test_html_date_is_not_guessed_from_a_copyright_line() -> None:
    page = (b"<html><head><title>Note</title></head><body><article><p>The mayor said on Tuesday that the "
            b"bridge will reopen next month after repairs.</p><p>Copyright 2019.</p></article></body></html>")
    article = article_from_html(page, "note.html")
    assert article.published is None and article.published_from == "unknown"


def test_page_with_too_many_elements_is_refused() -> None:
    page = b"<html><body><article>" + b"<p>The council said so.</p>" * 50_001 + b"</article></body></html>"
    with pytest.raises(InputError, match=r"huge\.html: page is too large to extract \(\d+ elements; the limit is 50000\)"):
        article_from_html(page, "huge.html")


def test_html_helpers() -> None:
    assert without_controls("a&#27;[2Jb&#x1B;c&#10;d\x07e&#233;") == "a[2Jbc&#10;de&#233;"
    assert clean_extracted(" a \r\n\r\n b\x1b[0m \n") == "a\nb[0m"
    assert clean_label("  A\x1b[31m title\u202e\n ") == "A\ufffd[31m title\ufffd"
    assert looks_compressed(b"\x1f\x8b\x08rest") == "gzip-compressed"
    assert looks_compressed(b"%PDF-1.7") == "PDF"
    assert looks_compressed(b"BZ is a word") is None


# --- feeds ------------------------------------------------------------------

def test_rss_entries_become_articles() -> None:
    articles = load_source(str(FIX / "feed.rss"))
    # The entry without any text is left out; the rest keep feed order.
    assert [a.title for a in articles] == [
        "Ferry strike halts crossings", "Library to open late on Fridays", "Bridge inspection finds cracks"]
    first, second, third = articles
    assert first.source.endswith("feed.rss#entry-1") and third.source.endswith("feed.rss#entry-3")
    assert all(a.text_from == "extracted" for a in articles)
    assert (first.published, first.published_from, first.byline) == ("2023-03-14", "metadata", "Mara Lindqvist")
    assert "MUST NOT APPEAR" not in first.text and "alert" not in first.text
    assert "said Tomas Brandt" in first.text
    assert second.published == "2023-02-01" and "<p>" not in second.text
    assert third.published is None and "Ines Okafor" in third.text


def test_atom_entries_and_dates() -> None:
    articles = load_source(str(FIX / "feed.atom"), None)
    assert [a.title for a in articles] == ["Port Ellis council approves budget", "Storm warning for the strait"]
    assert articles[0].published == "2024-05-01"  # published, not updated
    assert articles[0].byline == "Jonas Hale"
    assert articles[1].published == "2024-04-29"  # only updated
    assert "Priya Raman" in articles[0].text


def test_export_needs_an_entry_for_a_feed_with_several() -> None:
    with pytest.raises(InputError, match=r"feed\.rss: a feed with 3 entries; choose one with --entry N \(1-3\)"):
        load_article(str(FIX / "feed.rss"))
    assert load_article(str(FIX / "feed.rss"), entry=2).title == "Library to open late on Fridays"
    with pytest.raises(InputError, match=r"no entry 9 \(it has 3 entries, 1-3\)"):
        load_article(str(FIX / "feed.rss"), entry=9)
    assert load_article(str(FIX / "one-entry.rss")).title == "Quay repairs finished"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("entity-bomb.rss", "feed declares XML entities, which newsreader refuses"),
        ("external-entity.rss", "feed declares XML entities, which newsreader refuses"),
        ("not-a-feed.xml", "not an RSS or Atom feed"),
        ("empty-feed.rss", "the feed has no entries"),
    ],
)
def test_bad_feeds(name: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        load_source(str(FIX / name))


# --- text files, paths, directories, stdin ---------------------------------

def test_text_file_is_not_rewritten() -> None:
    raw = (FIX / "crlf.txt").read_bytes()
    article = load_article(str(FIX / "crlf.txt"))
    assert article.text == raw.decode("utf-8")
    assert article.text_from == "file"


def test_decode_prefers_cp1252_among_tied_western_code_pages() -> None:
    text, encoding = decode_bytes((FIX / "cp1252.txt").read_bytes(), "x")
    assert encoding == "cp1252" and "Løvström" in text


def test_read_path_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_path(tmp_path)
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(2000)
    with pytest.raises(InputError, match=r"big\.txt: file is too large"):
        read_path(big, max_bytes=1000)


def test_endless_device_is_capped() -> None:
    with pytest.raises(InputError, match=r"/dev/zero: file is too large"):
        read_path(Path("/dev/zero"), max_bytes=1 << 16)


def test_directory_library_includes_pages_and_feeds(tmp_path: Path) -> None:
    for name in ("a.txt", "article.html", "feed.atom"):
        (tmp_path / name).write_bytes((FIX / ("crlf.txt" if name == "a.txt" else name)).read_bytes())
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    assert [Path(p).name for p in expand_sources([str(tmp_path)])] == ["a.txt", "article.html", "feed.atom"]
    articles = load_articles([str(tmp_path)])
    assert len(articles) == 1 + 1 + 2
    assert articles[2].source.endswith("feed.atom#entry-1")


def test_directory_skips_unreadable_files_with_a_warning(tmp_path: Path, capsys) -> None:
    (tmp_path / "good.txt").write_text("Headline\n\nThe council said on Monday that the bridge would reopen.\n")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    articles = load_articles([str(tmp_path)])
    assert [Path(a.source).name for a in articles] == ["good.txt"]
    err = capsys.readouterr().err
    assert "newsreader: skipped" in err and "binary.txt: looks like a binary file" in err
    # ...but a file named on the command line must load.
    with pytest.raises(InputError, match="file is empty"):
        load_articles([str(tmp_path / "good.txt"), str(tmp_path / "empty.txt")])


def test_stdin_is_sniffed(monkeypatch) -> None:
    data = (FIX / "article.html").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    article = load_article("-")
    assert article.source == "<stdin>" and article.text_from == "extracted"


def test_stdin_only_once() -> None:
    with pytest.raises(InputError, match="standard input can be read only once"):
        load_articles(["-", "-"])
