"""Counts and sizes read right: "1 quote", "100 MB"; a feed's byline is plain text."""

from __future__ import annotations

from conftest import fake_start, wait_complete

from newsreader.model import Analysis, Article, Entity, Quote, Span
from newsreader.sources.feed import articles_from_feed
from newsreader.wording import counted, megabytes


def test_counted():
    assert counted(1, "quote") == "1 quote"
    assert counted(0, "quote") == "0 quotes"
    assert counted(2, "entity", "entities") == "2 entities"
    assert counted(1, "entity", "entities") == "1 entity"
    assert counted(4000, "hit") == "4000 hits"  # as the status line always said it


def test_megabytes_are_decimal_and_labelled_so():
    assert megabytes(100_000_000) == "100 MB"
    assert megabytes(50 * 1000 * 1000) == "50 MB"
    assert megabytes(5_000_000) == "5.0 MB"
    assert megabytes(4_200_000) == "4.2 MB"
    assert megabytes(812) == "812 bytes"
    assert megabytes(1) == "1 byte"


async def test_status_line_says_one_entity_and_one_quote():
    text = "“We stay,” said Jo Bell.\n"
    name = text.index("Jo Bell")
    bell = Entity(id="per:bell", type="person", name="Jo Bell", mentions=[Span(name, name + 7, "Jo Bell")])
    quote = Quote(id="q1", kind="direct", start=1, end=8, text="We stay", speaker="per:bell", speaker_name="Jo Bell")
    article = Article(source="one.txt", text=text)
    analysis = Analysis(entities=[bell], quotes=[quote], analysed_upto=len(text), complete=True)
    from newsreader.ui.app import NewsreaderApp

    app = NewsreaderApp([article], start=fake_start({article.source: analysis}))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_complete(pilot)
        assert app.screen.status.progress == "1 entity · 1 quote"
        await pilot.press("slash", *"stay")
        await pilot.pause()
        assert app.screen.position_text == "search “stay” 1 hit"


def test_feed_byline_markup_is_stripped():
    feed = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>News</title>
<item><title>A</title><author>&lt;b&gt;Jane Doe&lt;/b&gt;</author>
<description>The council met on Monday and said the bridge would reopen in May.</description></item>
<item><title>B</title><dc:creator><![CDATA[<a href="/authors/jo">Jo Bell</a> &amp; <span>Sam Lee</span>]]></dc:creator>
<description>The council met on Tuesday and said the ferry would run again.</description></item>
</channel></rss>"""
    articles = articles_from_feed(feed, "feed.rss")
    assert [a.byline for a in articles] == ["Jane Doe", "Jo Bell & Sam Lee"]
