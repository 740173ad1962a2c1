"""A long article: wrapped in slices between events, and every jump still lands."""

from __future__ import annotations

from conftest import fake_start, wait_for

from newsreader.model import Article, paragraph_spans
from newsreader.ui.app import NewsreaderApp
from newsreader.ui.widgets.article_view import MARGIN, ArticleView
from newsreader.ui.wrap import wrap_offsets


def long_article(seed_article: Article, copies: int = 150) -> Article:
    paras = [seed_article.text[s:e] for s, e in paragraph_spans(seed_article.text)]
    text = "\n\n".join(f"{i}. {paras[i % len(paras)]}" for i in range(copies * len(paras))) + "\nTHE END\n"
    return Article(source="<long>", text=text)


def all_lines(view: ArticleView) -> list[tuple[int, int, int]]:
    """What one synchronous pass wraps the whole text into."""
    lines = []
    for p, (start, end) in enumerate(view.paragraphs):
        if p:
            lines.append((-1, start, start))
        lines += [(p, start + s, start + e) for s, e in wrap_offsets(view.text[start:end], view._wrap_width)]
    return lines


def shown(view: ArticleView) -> str:
    return "\n".join(view.render_line(y).text for y in range(view.scrollable_content_region.height))


async def test_a_new_width_wraps_the_screen_first_and_the_rest_in_slices(seed_article):
    app = NewsreaderApp([long_article(seed_article)], start=fake_start({}))
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(ArticleView)
        await wait_for(pilot, lambda: view.fully_wrapped)
        view._relayout(view.scrollable_content_region.width - 7)  # as a resize does
        # no await in between: what a resize leaves before its first repaint
        assert 0 < view._wrapped < len(view.paragraphs) // 10
        assert shown(view).lstrip().startswith("0.")
        # the scrollbar already spans an estimate of the whole text
        assert view.virtual_size.height > len(view.paragraphs) * 2
        await wait_for(pilot, lambda: view.fully_wrapped)
        assert view._lines == all_lines(view)
        assert view.virtual_size.height == len(view._lines)
        assert view.virtual_size.width == view._wrap_width + MARGIN


async def test_jumps_and_the_end_key_before_the_wrapping_is_done(seed_article):
    article = long_article(seed_article)
    app = NewsreaderApp([article], start=fake_start({}))
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(ArticleView)
        target = article.text.rindex("THE END")
        view._relayout(view.scrollable_content_region.width - 7)
        assert not view.fully_wrapped
        view.scroll_to_offset(target, target + 7)  # what n, ] and search do
        assert "THE END" in shown(view)
        await pilot.press("g")
        assert shown(view).lstrip().startswith("0.")
        view._relayout(view.scrollable_content_region.width + 7)
        assert not view.fully_wrapped
        await pilot.press("G")
        assert "THE END" in shown(view)
        assert view._lines == all_lines(view)


async def test_a_resize_keeps_the_text_at_the_top_of_the_view(seed_article):
    article = long_article(seed_article)
    app = NewsreaderApp([article], start=fake_start({}))
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(ArticleView)
        marker = article.text.index("1200. ")
        view.scroll_to(y=view.line_of_offset(marker), animate=False)
        await pilot.pause()
        assert shown(view).lstrip().startswith("1200. ")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert shown(view).lstrip().startswith("1200. ")
