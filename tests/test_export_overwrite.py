"""An export never writes over the article, and asks before replacing any other file."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED_PATH, fake_start, wait_complete

from newsreader.export import render
from newsreader.export_paths import default_export_path, is_export_name
from newsreader.sources import expand_sources, load_article, writes_over_input
from newsreader.ui.app import NewsreaderApp
from newsreader.ui.screens.article import ArticleScreen
from newsreader.ui.screens.export import ExportScreen

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
SIZE = (100, 30)


# ---------------------------------------------------------------- default names


@pytest.mark.parametrize(("source", "fmt", "expected"), [
    ("{d}/story.md", "markdown", "{d}/story.newsreader.md"),
    ("{d}/story.md", "json", "{d}/story.newsreader.json"),
    ("{d}/story.txt", "csv", "{d}/story.newsreader.csv"),
    ("{d}/story.newsreader.md", "markdown", "{d}/story.newsreader.newsreader.md"),
    ("{d}/feed.xml#entry-2", "json", "{d}/feed.entry-2.newsreader.json"),
    ("<stdin>", "markdown", "export.newsreader.md"),
    ("https://news.example/a.html", "csv", "export.newsreader.csv"),
])
def test_default_export_path_is_never_the_input(tmp_path, source, fmt, expected):
    source, expected = source.format(d=tmp_path), expected.format(d=tmp_path)
    assert default_export_path(source, fmt) == expected
    assert default_export_path(source, fmt) != source


def test_the_library_skips_exports_written_next_to_the_articles(tmp_path):
    for name in ("story.md", "story.newsreader.md", "story.newsreader.json", "other.newsreader.csv", "b.txt"):
        (tmp_path / name).write_text("The council met.\n", encoding="utf-8")
    assert [Path(p).name for p in expand_sources([str(tmp_path)])] == ["b.txt", "story.md"]
    assert is_export_name("x/story.newsreader.md") and not is_export_name("newsreader.md")
    # named on its own, an export still opens
    assert expand_sources([str(tmp_path / "story.newsreader.md")]) == [str(tmp_path / "story.newsreader.md")]


def test_writes_over_input_sees_the_file_under_any_name(tmp_path):
    story = tmp_path / "story.md"
    story.write_text("text\n", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(story)
    os.link(story, tmp_path / "hard.md")
    for name in ("story.md", "./story.md", "link.md", "hard.md", "sub/../story.md"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        assert writes_over_input(tmp_path / name, str(story)), name
    assert not writes_over_input(tmp_path / "story.newsreader.md", str(story))
    assert writes_over_input(story, f"{story}#entry-2")
    assert not writes_over_input(story, "https://news.example/story.md")


# ---------------------------------------------------------------- the reader's dialog


def _story(tmp_path: Path):
    story = tmp_path / "story.md"
    story.write_bytes(SEED_PATH.read_bytes())
    return story, load_article(str(story))


async def press_export(pilot) -> None:
    # a Button ignores clicks during its 0.2 s pressed effect: wait it out, as a person would
    await pilot.pause(0.25)
    await pilot.click("#export-ok")
    await pilot.pause()


async def _open_markdown_dialog(pilot) -> ExportScreen:
    await wait_complete(pilot)
    await pilot.press("e")
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportScreen)
    await pilot.press("right", "right", "space")  # JSON -> CSV -> Markdown
    assert dialog.fmt == "markdown"
    return dialog


async def test_dialog_refuses_to_write_over_the_article(tmp_path, seed_analysis):
    story, article = _story(tmp_path)
    before = story.read_bytes()
    app = NewsreaderApp([article], start=fake_start({article.source: seed_analysis}))
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open_markdown_dialog(pilot)
        field = dialog.query_one("#export-path")
        assert field.value == str(tmp_path / "story.newsreader.md")
        for typed in (str(story), f"{tmp_path}/./story.md"):
            field.value = typed
            await press_export(pilot)
            assert app.screen is dialog, "the dialog stays open"
            assert dialog.message == f"{typed} is the article itself: choose another file"
            assert field.value == typed
            await press_export(pilot)  # a second press does not make it so
            assert app.screen is dialog
        assert story.read_bytes() == before
        # the default is fine: written at once, the dialog closes
        field.value = str(tmp_path / "story.newsreader.md")
        await press_export(pilot)
        assert isinstance(app.screen, ArticleScreen)
        written = (tmp_path / "story.newsreader.md").read_text(encoding="utf-8")
        assert written == render(article, app.screen.index.analysis, "markdown")
        assert story.read_bytes() == before


async def test_dialog_asks_before_replacing_an_existing_file(tmp_path, seed_analysis):
    story, article = _story(tmp_path)
    other = tmp_path / "notes.md"
    other.write_text("my notes\n", encoding="utf-8")
    app = NewsreaderApp([article], start=fake_start({article.source: seed_analysis}))
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open_markdown_dialog(pilot)
        field = dialog.query_one("#export-path")
        field.value = str(other)
        await press_export(pilot)
        assert app.screen is dialog
        assert dialog.message == f"{other} exists: press Replace (or enter) to overwrite it"
        assert str(dialog.query_one("#export-ok").label) == "Replace"
        assert other.read_text(encoding="utf-8") == "my notes\n"
        # editing the path takes the agreement back
        field.value = str(other) + ".bak"
        await pilot.pause()
        field.value = str(other)
        await pilot.pause()
        assert dialog.message == "" and str(dialog.query_one("#export-ok").label) == "Export"
        await press_export(pilot)
        assert app.screen is dialog and other.read_text(encoding="utf-8") == "my notes\n"
        # the second press replaces it
        await press_export(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert other.read_text(encoding="utf-8") == render(article, app.screen.index.analysis, "markdown")


async def test_enter_in_the_path_field_confirms_too(tmp_path, seed_analysis):
    story, article = _story(tmp_path)
    other = tmp_path / "notes.json"
    other.write_text("{}\n", encoding="utf-8")
    app = NewsreaderApp([article], start=fake_start({article.source: seed_analysis}))
    async with app.run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        await pilot.press("e")
        dialog = app.screen
        field = dialog.query_one("#export-path")
        field.value = str(other)
        field.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and dialog.message.startswith(f"{other} exists")
        assert other.read_text(encoding="utf-8") == "{}\n"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        assert other.read_text(encoding="utf-8") == render(article, app.screen.index.analysis, "json")


async def test_dialog_refuses_a_directory(tmp_path, seed_analysis):
    story, article = _story(tmp_path)
    app = NewsreaderApp([article], start=fake_start({article.source: seed_analysis}))
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open_markdown_dialog(pilot)
        dialog.query_one("#export-path").value = str(tmp_path)
        await pilot.click("#export-ok")
        await press_export(pilot)
        assert app.screen is dialog
        assert dialog.message == f"{tmp_path} is a directory: give a file name"


# ---------------------------------------------------------------- newsreader export -o


def export(*args: str, stdin=None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsreader", "export", *args], cwd=cwd,
                          stdin=stdin, capture_output=True, timeout=300, env=ENV)


@pytest.mark.parametrize("fmt", ["json", "markdown", "jsonl"])
def test_export_refuses_to_write_over_its_input(tmp_path, fmt):
    story = tmp_path / "story.md"
    story.write_bytes(SEED_PATH.read_bytes())
    before = story.read_bytes()
    for output in ("story.md", "./story.md"):
        proc = export("story.md", "--format", fmt, "-o", output, cwd=tmp_path)
        assert proc.returncode == 2
        assert proc.stdout == b""
        assert proc.stderr.decode() == (f"newsreader: {output}: is the article being exported; "
                                        "write the export to another file\n")
        assert story.read_bytes() == before


def test_export_of_a_directory_refuses_an_output_among_its_articles(tmp_path):
    (tmp_path / "a.md").write_bytes(SEED_PATH.read_bytes())
    before = (tmp_path / "a.md").read_bytes()
    proc = export(str(tmp_path), "--format", "jsonl", "-o", str(tmp_path / "a.md"))
    assert proc.returncode == 2
    assert proc.stderr.decode() == (f"newsreader: {tmp_path / 'a.md'}: is the article being exported; "
                                    "write the export to another file\n")
    assert (tmp_path / "a.md").read_bytes() == before


def test_export_refuses_to_write_over_the_file_stdin_reads(tmp_path):
    story = tmp_path / "story.md"
    story.write_bytes(SEED_PATH.read_bytes())
    before = story.read_bytes()
    with story.open("rb") as fh:
        proc = export("-", "-o", str(story), stdin=fh)
    assert proc.returncode == 2
    assert proc.stderr.decode() == f"newsreader: {story}: is the article being exported; write the export to another file\n"
    assert story.read_bytes() == before


def test_the_reader_remembers_the_file_stdin_was_read_from(tmp_path, monkeypatch):
    # `newsreader - < story.md`: the terminal replaces fd 0 before the UI starts,
    # so the export dialog must know the article's file from when it was read
    from newsreader.sources import load_source
    from newsreader.sources import stdin as stdin_mod

    story = tmp_path / "story.md"
    story.write_bytes(SEED_PATH.read_bytes())
    monkeypatch.setattr(stdin_mod, "_read_from", None)
    assert not writes_over_input(story, "<stdin>")
    with story.open("rb") as fh:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(fh))
        articles = load_source("-")
    assert articles[0].source == "<stdin>"
    assert writes_over_input(story, "<stdin>") and writes_over_input(f"{tmp_path}/./story.md", "<stdin>#entry-1")
    assert not writes_over_input(tmp_path / "story.newsreader.md", "<stdin>")
