#!/usr/bin/env python3
"""Write SVG screenshots of the reader's main screens into screenshots/.

Runs the real app (real analysis, no cache) headless at 100x30:

    .venv/bin/python scripts/screenshots.py [--size 100x30] [--out screenshots]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tui"))

from newsreader.sources import load_article, load_articles  # noqa: E402
from newsreader.ui.app import NewsreaderApp  # noqa: E402

SEED = ROOT / "seeds" / "aleppo-evacuation.txt"

# name -> (keys pressed after the analysis completes)
SCENES: dict[str, tuple[str, ...]] = {
    "article": (),
    "places": ("4", "tab", "enter"),
    "quotes": ("w", "right_square_bracket", "right_square_bracket"),
    # the 13th quote's speaker is found through "he": the mention marked, the status line
    "evidence": (*("right_square_bracket",) * 13, "w"),
    "speaker": ("1", "s", "tab"),
    "search": ("slash", *"aleppo", "enter", "n"),
    "help": ("question_mark",),
}


async def wait_complete(pilot, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not getattr(pilot.app.screen, "analysis_complete", False):
        if getattr(pilot.app.screen, "analysis_error", None):
            raise SystemExit(f"analysis failed: {pilot.app.screen.analysis_error}")
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the analysis")
        await pilot.pause(0.05)
    await pilot.pause()


async def shoot(out: Path, size: tuple[int, int]) -> list[Path]:
    written: list[Path] = []
    app = NewsreaderApp(load_articles([str(SEED.parent)]), use_cache=False)
    async with app.run_test(size=size) as pilot:
        # the library as it looks once its background indexing has filled every row
        deadline = time.monotonic() + 180
        while len(getattr(app.screen, "cells", {})) < len(app.screen.articles) or app.screen.indexing:
            if time.monotonic() > deadline:
                raise SystemExit("timed out waiting for the library to fill")
            await pilot.pause(0.1)
        await pilot.pause(0.2)
        written.append(Path(app.save_screenshot("library.svg", str(out))))
    article = load_article(str(SEED))
    for name, keys in SCENES.items():
        app = NewsreaderApp([article], use_cache=False)
        async with app.run_test(size=size) as pilot:
            await wait_complete(pilot)
            if keys:
                await pilot.press(*keys)
            await pilot.pause(0.2)
            written.append(Path(app.save_screenshot(f"{name}.svg", str(out))))
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="100x30", help="terminal size WxH (default 100x30)")
    parser.add_argument("--out", default=str(ROOT / "screenshots"), help="directory for the SVGs")
    args = parser.parse_args()
    width, _, height = args.size.partition("x")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for path in asyncio.run(shoot(out, (int(width), int(height)))):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
