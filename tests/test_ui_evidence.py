"""Evidence and confidence for the fact-checker: who a quote's speaker is, found how, how surely.

A small analysis built here (not the engine's) gives each way a speaker is
found: by name, through a pronoun (with a low confidence), kept unnamed, and
continued from the quote before. The reader is driven with keys like a user.
"""

from __future__ import annotations

import csv
import io

from conftest import fake_start, wait_complete, wait_for

from newsreader.export import CSV_COLUMNS, render
from newsreader.model import UNCERTAIN_BELOW, Analysis, Article, Entity, Quote, Span, is_uncertain
from newsreader.ui.app import NewsreaderApp
from newsreader.ui.citation import citation
from newsreader.ui.evidence import evidence, uncertain_mark
from newsreader.ui.screens.article import ArticleScreen

TEXT = ("Jan Egeland leads the task force.\n\n"
        "“There has to be a pause,” said Jan Egeland.\n\n"
        "“Children need to get out,” he said.\n\n"
        "Officials said the talks would resume.\n\n"
        "“We are ready.”\n")
TITLE = "Evidence test"
DATE = "2024-05-02"


def span(text: str, n: int = 1) -> Span:
    """The ``n``-th occurrence of ``text`` in ``TEXT``."""
    start = -1
    for _ in range(n):
        start = TEXT.index(text, start + 1)
    return Span(start, start + len(text), text)


def quote(qid: str, words: str, kind: str, *, speaker: str | None, name: str | None, cue: Span | None,
          mention: Span | None, resolution: str, confidence: float, paragraph: int) -> Quote:
    s = span(words)
    return Quote(qid, kind, s.start, s.end, s.text, speaker, name, cue, paragraph,
                 speaker_mention=mention, resolution=resolution, confidence=confidence)


def build() -> tuple[Article, Analysis]:
    article = Article(source="evidence.txt", text=TEXT, title=TITLE, published=DATE, published_from="option")
    jan = Entity("per:jan-egeland", "person", "Jan Egeland", roles=["head of the task force"],
                 mentions=[span("Jan Egeland"), span("Jan Egeland", 2)])
    quotes = [
        quote("q1", "There has to be a pause,", "direct", speaker=jan.id, name=jan.name, cue=span("said"),
              mention=span("Jan Egeland", 2), resolution="name", confidence=0.97, paragraph=1),
        quote("q2", "Children need to get out,", "direct", speaker=jan.id, name=jan.name, cue=span("said", 2),
              mention=Span(TEXT.index("he said"), TEXT.index("he said") + 2, "he"), resolution="pronoun", confidence=0.3, paragraph=2),
        quote("q3", "the talks would resume", "indirect", speaker=None, name="Officials", cue=span("said", 3),
              mention=span("Officials"), resolution="unnamed", confidence=0.8, paragraph=3),
        quote("q4", "We are ready.", "direct", speaker=jan.id, name=jan.name, cue=None, mention=None,
              resolution="continued", confidence=0.55, paragraph=4),
    ]
    for q in quotes:
        assert TEXT[q.start:q.end] == q.text
        for s in (q.cue, q.speaker_mention):
            assert s is None or TEXT[s.start:s.end] == s.text
    return article, Analysis(entities=[jan], quotes=quotes, analysed_upto=len(TEXT), complete=True)


def make_app() -> tuple[NewsreaderApp, Article, Analysis]:
    article, analysis = build()
    return NewsreaderApp([article], start=fake_start({article.source: analysis})), article, analysis


def segments_at(view, offset: int):
    """The rendered segments of the screen line holding ``offset`` (it must be on screen)."""
    y = view.line_of_offset(offset) - round(view.scroll_y)
    assert 0 <= y < view.scrollable_content_region.height
    return list(view.render_line(y))


def style_of(view, text: str, offset: int):
    """The style the article view draws ``text`` (found at ``offset``) in."""
    found = [seg for seg in segments_at(view, offset) if seg.text == text]
    assert found, [seg.text for seg in segments_at(view, offset)]
    return found[0].style


# --- the words -------------------------------------------------------------


def test_evidence_says_how_the_speaker_was_found():
    _, analysis = build()
    q1, q2, q3, q4 = analysis.quotes
    assert evidence(q1) == "Jan Egeland"  # named: just the name
    assert evidence(q2) == "he → Jan Egeland"
    assert evidence(q3) == "Officials (unnamed)"
    assert evidence(q4) == "↳ Jan Egeland (continues)"
    q4.resolution = "colon"
    assert evidence(q4) == "↳ Jan Egeland (continues)"
    assert evidence(Quote("x", "direct", 0, 1, "x", None, None)) == "unattributed"
    assert UNCERTAIN_BELOW == 0.7
    assert [is_uncertain(q) for q in analysis.quotes] == [False, True, False, True]
    assert uncertain_mark(q2) == " ?" and uncertain_mark(q1) == ""
    assert not is_uncertain(Quote("x", "direct", 0, 1, "x", None, None))  # no confidence: no mark


def test_evidence_text_is_never_markup_or_controls():
    q = Quote("x", "direct", 0, 1, "x", "per:x", "[b]Evil\x1b[31m", speaker_mention=Span(0, 8, "[red]he\x07"),
              resolution="pronoun", confidence=0.2)
    said = evidence(q)
    assert "\x1b" not in said and "\x07" not in said
    assert said.startswith("[red]he") and "→ [b]Evil" in said  # shown literally, as the lists show names


def test_citation_marks_an_uncertain_attribution():
    sure = citation("We are ready.", "Jan Egeland", "envoy", TITLE, DATE)
    unsure = citation("We are ready.", "Jan Egeland", "envoy", TITLE, DATE, uncertain=True)
    assert "uncertain" not in sure
    assert unsure == f"“We are ready.” — Jan Egeland (envoy) (attribution uncertain), {TITLE}, {DATE}"
    # an unattributed quote is not "uncertain": it has no one to be unsure of
    assert "uncertain" not in citation("x", None, None, TITLE, DATE, uncertain=True)


# --- the reader ------------------------------------------------------------


async def test_bracket_to_a_pronoun_quote_marks_he_and_says_he_resolves_to_whom():
    app, article, analysis = make_app()
    q1, q2, q3, q4 = analysis.quotes
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_complete(pilot)
        screen = app.screen
        view = screen.view
        await pilot.press("right_square_bracket")
        assert screen.position_text == "quote 1/4 · Jan Egeland"
        assert view.speaker_mention == (q1.speaker_mention.start, q1.speaker_mention.end)

        await pilot.press("right_square_bracket")
        he = q2.speaker_mention
        assert screen.position_text == "quote 2/4 · he → Jan Egeland ?"
        assert screen.status.text.endswith("quote 2/4 · he → Jan Egeland ?")
        assert view.speaker_mention == (he.start, he.end)
        mention_style = style_of(view, "he", he.start)
        assert mention_style.bold and mention_style.italic and mention_style.underline
        assert not mention_style.reverse  # unlike the current quote
        quote_style = style_of(view, q2.text, q2.start)
        assert quote_style.reverse  # the current quote itself
        # the speaker's other mentions are not "the mention" of this quote
        assert view.speaker_mention != (q1.speaker_mention.start, q1.speaker_mention.end)

        await pilot.press("right_square_bracket")
        assert screen.position_text == "quote 3/4 · Officials (unnamed)"
        await pilot.press("right_square_bracket")
        assert screen.position_text == "quote 4/4 · ↳ Jan Egeland (continues) ?"
        assert view.speaker_mention is None  # it has no mention of its own

        await pilot.press("left_square_bracket", "left_square_bracket")
        assert view.speaker_mention == (he.start, he.end)
        # moving off the quote (a search) takes the mark away again
        await pilot.press("slash", *"task", "enter")
        await wait_for(pilot, lambda: screen.hits and screen.hit_pos is not None)
        assert view.speaker_mention is None
        assert "he" not in [seg.text for seg in segments_at(view, he.start)]  # drawn as the text around it


async def test_speaker_mention_reads_without_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app, article, analysis = make_app()
    he = analysis.quotes[1].speaker_mention
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_complete(pilot)
        assert app.no_color
        await pilot.press("right_square_bracket", "right_square_bracket")
        style = style_of(app.screen.view, "he", he.start)
        assert style.bold and style.italic and style.underline and not style.reverse


async def test_status_line_stays_within_80_columns():
    app, article, analysis = make_app()
    long_name = "Jan Egeland of the Office for the Coordination of Humanitarian Affairs"
    for q in analysis.quotes:
        if q.speaker:
            q.speaker_name = long_name
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_complete(pilot)
        screen = app.screen
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert screen.position_text == f"quote 2/4 · he → {long_name} ?"
        line = screen.status.text
        assert len(line) <= 80 - 2  # the status line has a column of padding each side
        assert "quote 2/4 · he → Jan Egeland" in line and "…" in line
        assert line.endswith(" ?")  # the mark survives the cut
        assert TITLE[:5] in line  # the title gave way, but not all of it


async def test_uncertain_quote_is_marked_in_the_quotes_list_and_the_citation():
    app, article, analysis = make_app()
    q1, q2, q3, q4 = analysis.quotes
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_complete(pilot)
        screen = app.screen
        await pilot.press("w")
        rows = {o.id: o.prompt.plain for o in screen.side.quotes.options if o.id}
        assert rows[q2.id].startswith("Jan Egeland ?  direct ¶3")
        assert rows[q4.id].startswith("Jan Egeland ?")
        assert "?" not in rows[q1.id].split("\n")[0] and "?" not in rows[q3.id].split("\n")[0]
        # the mark is styled apart from the name
        row = next(o for o in screen.side.quotes.options if o.id == q2.id)
        assert any(style == "bold $text-warning" for *_, style in row.lines[0])

        written: list[str] = []
        driver = app._driver
        original = driver.write
        driver.write = lambda data: (written.append(data), original(data))[1]
        assert screen.side.quotes.select_quote(q2.id)
        await pilot.press("c")
        expected = citation(q2.text, q2.speaker_name, "head of the task force", TITLE, DATE, uncertain=True)
        assert app.clipboard == expected
        assert "— Jan Egeland (head of the task force) (attribution uncertain)," in expected
        assert any("\x1b]52;c;" in w for w in written)
        assert any("attribution uncertain" in (n.title or "") for n in app._notifications)

        assert screen.side.quotes.select_quote(q1.id)
        await pilot.press("c")
        assert "uncertain" not in app.clipboard


async def test_palette_marks_uncertain_quotes():
    app, article, analysis = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_complete(pilot)
        from newsreader.ui.commands import ArticleProvider

        provider = ArticleProvider(app.screen)
        labels = {help_text: label.plain for _s, label, _c, help_text in provider._candidates()}
        assert labels["Quote ¶3 · attribution uncertain"].startswith("Jan Egeland ?: “Children need")
        assert labels["Quote ¶2"].startswith("Jan Egeland: “There has")
        # and as the user sees it
        await pilot.press("ctrl+p", *"Children")
        await pilot.pause(0.3)
        from textual.command import CommandList

        shown = app.screen.query_one(CommandList)
        prompts = [str(shown.get_option_at_index(i).prompt) for i in range(shown.option_count)]
        assert any("Jan Egeland ?" in p for p in prompts), prompts
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen) and app.screen.view.current is not None)
        assert app.screen.position_text == "quote 2/4 · he → Jan Egeland ?"


# --- the exports -----------------------------------------------------------


def test_csv_adds_evidence_columns_at_the_end():
    article, analysis = build()
    assert CSV_COLUMNS[:8] == ("speaker", "kind", "cue", "quote", "start", "end", "paragraph", "speaker_id")
    assert CSV_COLUMNS[8:] == ("speaker_mention", "resolution", "confidence", "uncertain")
    rows = list(csv.reader(io.StringIO(render(article, analysis, "csv"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    by_quote = {row[3]: dict(zip(CSV_COLUMNS, row)) for row in rows[1:]}
    q1, q2, q3, q4 = analysis.quotes
    assert by_quote[q2.text] == {
        "speaker": "Jan Egeland", "kind": "direct", "cue": "said", "quote": q2.text,
        "start": str(q2.start), "end": str(q2.end), "paragraph": "3", "speaker_id": "per:jan-egeland",
        "speaker_mention": "he", "resolution": "pronoun", "confidence": "0.30", "uncertain": "yes"}
    assert (by_quote[q1.text]["speaker_mention"], by_quote[q1.text]["uncertain"]) == ("Jan Egeland", "")
    assert by_quote[q3.text]["resolution"] == "unnamed" and by_quote[q3.text]["confidence"] == "0.80"
    assert (by_quote[q4.text]["speaker_mention"], by_quote[q4.text]["uncertain"]) == ("", "yes")
    q1.confidence = None
    row = next(r for r in csv.reader(io.StringIO(render(article, analysis, "csv"))) if r[3] == q1.text)
    assert row[-2:] == ["", ""]


def test_markdown_shows_the_evidence_and_marks_uncertainty():
    article, analysis = build()
    sheet = render(article, analysis, "markdown")
    lines = {q.id: next(ln for ln in sheet.splitlines() if q.text[:12] in ln and ln.startswith("- ¶"))
             for q in analysis.quotes}
    assert lines["q1"].startswith("- ¶2 [direct] — said: “There")
    assert lines["q2"].startswith("- ¶3 [direct] — said via he (uncertain): “Children")
    assert lines["q3"].startswith("- ¶4 [indirect] — said (unnamed): the talks")
    assert lines["q4"].startswith("- ¶5 [direct] (continues) (uncertain): “We are ready")
    assert "(uncertain)" not in lines["q1"] + lines["q3"]


def test_json_carries_the_evidence():
    import json

    article, analysis = build()
    data = json.loads(render(article, analysis, "json"))
    q2 = data["quotes"][1]
    assert q2["speaker_mention"] == {"start": analysis.quotes[1].speaker_mention.start,
                                     "end": analysis.quotes[1].speaker_mention.end, "text": "he"}
    assert (q2["resolution"], q2["confidence"]) == ("pronoun", 0.3)
    assert data["quotes"][3]["speaker_mention"] is None
