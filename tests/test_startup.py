"""Start-up: the garbage collector the CLI pauses for the first paint comes back on.

The reader pauses Python's cyclic garbage collector while it imports Textual and
builds the first screen (its passes over those objects cost ~10 ms of start-up).
A reader that left it off would grow without bound over a long session.
"""

from __future__ import annotations

import gc

from conftest import wait_complete

from newsreader.cli import main

SIZE = (100, 30)


async def test_collector_paused_for_start_up_is_on_after_the_first_paint(make_app):
    gc.disable()  # as the CLI leaves it when the app starts
    try:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_complete(pilot)
            assert gc.isenabled()
            # what start-up made was frozen, so later collections skip it
            assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


async def test_an_app_started_with_the_collector_on_leaves_it_alone(make_app):
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_complete(pilot)
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_a_reader_that_fails_before_the_ui_turns_the_collector_back_on(tmp_path, capsys):
    assert main([str(tmp_path / "missing.txt")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert gc.isenabled()
