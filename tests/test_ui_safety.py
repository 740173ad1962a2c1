"""Untrusted text, failures and bad input never reach the terminal as markup, escapes or tracebacks."""

from __future__ import annotations

import threading

from conftest import fake_start, wait_complete, wait_for

from newsreader.errors import ModelError
from newsreader.model import Analysis, Article, Entity, Quote, Span
from newsreader.ui.app import NewsreaderApp
from newsreader.ui.screens.article import ArticleScreen

SIZE = (100, 30)

NASTY = (
    "Officials [and] others met. A [/bold] tag and [@click=app.quit]click[/] here.\n"
    "Escapes: \x1b]52;c;aGVsbG8=\x07 and \x1b[31mred\x1b[0m and \x9b2J and tab\there.\n"
    "“We will [b]not[/b] leave,” said Dr [red]Evil[/red] on Monday.\n"
)


def nasty_article() -> tuple[Article, Analysis]:
    article = Article(source="nasty.txt", text=NASTY, title="[bold]Title[/] \x1b[2J")
    name_start = NASTY.index("Dr [red]")
    name = NASTY[name_start:NASTY.index(" on Monday")]
    q_start = NASTY.index("We will")
    q_end = NASTY.index(",” said")
    cue = NASTY.index("said")
    evil = Entity(id="per:evil", type="person", name=name, roles=["[@click=app.quit]"],
                  mentions=[Span(name_start, name_start + len(name), name)])
    org = Entity(id="org:x", type="organization", name="[/", mentions=[Span(NASTY.index("[/bold]"),
                                                                           NASTY.index("[/bold]") + 2, "[/")])
    quote = Quote(id="q1", kind="direct", start=q_start, end=q_end, text=NASTY[q_start:q_end],
                  speaker="per:evil", speaker_name=name, cue=Span(cue, cue + 4, "said"), paragraph=2)
    return article, Analysis(entities=[evil, org], quotes=[quote], analysed_upto=len(NASTY), complete=True)


async def test_markup_and_escapes_are_shown_literally():
    article, analysis = nasty_article()
    app = NewsreaderApp([article], start=fake_start({article.source: analysis}))
    async with app.run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        screen = app.screen
        view = screen.view
        rendered = "".join(view.render_line(y).text for y in range(view.scrollable_content_region.height))
        assert "[and]" in rendered and "[/bold]" in rendered and "[@click=app.quit]" in rendered
        for y in range(view.scrollable_content_region.height):
            for segment in view.render_line(y):
                assert "\x1b" not in segment.text and "\x07" not in segment.text and "\x9b" not in segment.text
        assert len(view.text) == len(article.text)
        # lists and palette text are literal too; the role containing an action does nothing
        await pilot.press("1", "tab", "enter")
        assert app.is_running
        await pilot.press("w", "right_square_bracket", "c")
        assert "[b]not[/b]" in app.clipboard and "\x1b" not in app.clipboard
        assert "Dr [red]Evil[/red]" in app.clipboard
        await pilot.press("ctrl+p", *"Evil")
        await pilot.pause(0.3)
        await pilot.press("escape")
        await pilot.press("slash", *"[/", "enter")
        assert screen.hits and app.is_running
        svg = app.export_screenshot()
        assert "\x1b" not in svg


async def test_analysis_failure_keeps_article_readable(seed_article):
    app = NewsreaderApp([seed_article], start=fake_start({}, error=ModelError("spaCy model 'x' is not installed")))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await wait_for(pilot, lambda: screen.analysis_error is not None)
        await pilot.pause()
        error = screen.query_one("#side-error")
        assert error.display and "not installed" in str(error.render())
        assert "failed" in screen.status.progress
        text = "".join(screen.view.render_line(y).text for y in range(5))
        assert seed_article.text.split()[0] in text
        await pilot.press("n", "right_square_bracket", "c", "e", "1", "w", "s", "slash", *"army", "enter", "n")
        assert screen.hits and app.is_running


async def test_engine_exception_is_reported_not_raised(seed_article):
    app = NewsreaderApp([seed_article], start=fake_start({}, error=RuntimeError("boom")))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.analysis_error is not None)
        assert "boom" in app.screen.analysis_error
        assert app.is_running


async def test_leaving_cancels_the_run(make_app, seed_analysis):
    from newsreader.sources import load_articles
    from conftest import SEED_PATH

    runs = []
    articles = load_articles([str(SEED_PATH.parent)])
    gate = threading.Event()
    start = fake_start({}, gate=gate)

    def recording_start(article, **kwargs):
        run = start(article, **kwargs)
        runs.append(run)
        return run

    app = NewsreaderApp(articles, start=recording_start)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen) and runs)
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ArticleScreen))
        assert runs[0].cancelled


async def test_empty_article_does_not_crash():
    article = Article(source="empty.txt", text="")
    app = NewsreaderApp([article], start=fake_start({}))
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_complete(pilot)
        await pilot.press("n", "right_square_bracket", "tab", "enter", "j", "c", "slash", "x", "enter", "escape")
        assert app.is_running


async def test_no_color_renders_with_non_colour_cues(make_app, seed_analysis, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    assert app.no_color
    async with app.run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        await pilot.press("4", "tab", "enter", "n", "w", "right_square_bracket")
        svg = app.export_screenshot()  # goes through the NO_COLOR filter
        assert "Article" in svg and "Quotes" in svg  # the pane titles, after `w`
        view = app.screen.view
        # mentions keep a non-colour cue (bold/underline/italic) and the current item is reversed
        styles = [seg.style for y in range(view.scrollable_content_region.height) for seg in view.render_line(y)
                  if seg.style is not None]
        assert any(s.bold or s.underline or s.italic for s in styles)
        assert any(s.reverse for s in styles)


async def test_wide_characters_and_unbroken_lines_wrap():
    text = ("東京都の記者会見で「安全です」と述べた。" * 12 + "\n" + "x" * 500 + "\n"
            + "Emoji 👍🏽 and combining é and RTL שלום text.\n")
    article = Article(source="wide.txt", text=text)
    app = NewsreaderApp([article], start=fake_start({}))
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_complete(pilot)
        view = app.screen.view
        width = view.size.width
        for y in range(view.size.height):
            assert view.render_line(y).cell_length == width
        await pilot.press("slash", *"x", "enter", "n", "G", "g")
        assert app.is_running


def _labelled_article() -> tuple[Article, Analysis]:
    text = "The mayor, Jo\x1bBell, spoke.\n“We stay,” Jo\x1bBell said.\nShe said the city would rebuild.\n"
    name = "Jo\x1bBell"
    n1 = text.index(name)
    n2 = text.index(name, n1 + 1)
    bell = Entity(id="per:bell", type="person", name=name, roles=["mayor\x9b"],
                  mentions=[Span(n1, n1 + len(name), name), Span(n2, n2 + len(name), name)])
    d_start = text.index("We stay")
    i_start = text.index("the city")
    i_end = text.index(".\n", i_start)
    direct = Quote(id="q1", kind="direct", start=d_start, end=d_start + 7, text="We stay", speaker="per:bell",
                   speaker_name=name, paragraph=1)
    reported = Quote(id="q2", kind="indirect", start=i_start, end=i_end, text=text[i_start:i_end],
                     speaker="per:bell", speaker_name=name, paragraph=2)
    article = Article(source="labels.txt", text=text, title="Bell\x07 speaks")
    return article, Analysis(entities=[bell], quotes=[direct, reported], analysed_upto=len(text), complete=True)


async def test_palette_never_puts_reported_speech_in_quotation_marks():
    from newsreader.ui.commands import ArticleProvider

    article, analysis = _labelled_article()
    app = NewsreaderApp([article], start=fake_start({article.source: analysis}))
    async with app.run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        candidates = ArticleProvider(app.screen)._candidates()
        labels = {help_text: label.plain for _search, label, _cmd, help_text in candidates}
        assert labels["Quote ¶2"] == "Jo\ufffdBell: “We stay”"
        reported = labels["Quote ¶3"]
        assert "“" not in reported and "”" not in reported
        assert reported == "Jo\ufffdBell: the city would rebuild  reported"


async def test_lists_status_and_library_show_controls_as_the_article_does():
    from newsreader.ui.screens.library import speakers_summary

    article, analysis = _labelled_article()
    app = NewsreaderApp([article], start=fake_start({article.source: analysis}))
    async with app.run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
        screen = app.screen
        assert screen.status.title == "Bell\ufffd speaks"
        rows = [row.prompt.plain for row in screen.side.entities.options]
        assert "Jo\ufffdBell  2 quotes\n  mayor\ufffd" in rows
        await pilot.press("w")
        quote_rows = [row.prompt.plain for row in screen.side.quotes.options]
        assert quote_rows[0].startswith("Jo\ufffdBell  direct ¶2")
        await pilot.press("tab", "enter")
        assert screen.position_text == "quote 1/2 · Jo\ufffdBell"
    assert speakers_summary(analysis) == ("Jo\ufffdBell", "2")
