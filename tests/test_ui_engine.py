"""The reader with the real runner: the article paints, then the analysis streams in."""

from __future__ import annotations

from conftest import wait_complete

from newsreader.ui.app import NewsreaderApp


async def test_real_runner_fills_the_lists(seed_article):
    app = NewsreaderApp([seed_article], use_cache=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.view.text == seed_article.text.replace("\t", " ")
        await wait_complete(pilot, timeout=120)
        analysis = screen.index.analysis
        assert analysis.complete
        shown = {o.id.split("\x1f")[1] for o in screen.side.entities.options if o.id and not o.disabled}
        assert shown  # every listed key is an entity or a speaker of the analysis
        assert shown <= {e.id for e in analysis.entities} | {f"name:{q.speaker_name}" for q in analysis.quotes}
        assert f"{len(analysis.quotes)} quotes" in screen.status.progress
