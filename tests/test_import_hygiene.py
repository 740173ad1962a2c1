"""The reader's process never imports spaCy, thinc or dateparser.

They cost about a second to import: the article must be on screen before
that, and the analysis runs in its own process (``newsreader.worker``). Each
check runs in a fresh interpreter, since this test process may already have
imported spaCy for other tests.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

HEAVY = ("spacy", "thinc", "dateparser")
ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "aleppo-evacuation.txt"


def _heavy_modules_after(code: str, tmp_path: Path, **env: str) -> list[str]:
    script = textwrap.dedent(code) + textwrap.dedent(f"""
        import json, sys
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in {HEAVY!r})
        print("HEAVY=" + json.dumps(heavy))
    """)
    full_env = dict(os.environ, NEWSREADER_CACHE_DIR=str(tmp_path / "cache"), **env)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=full_env,
                         cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    line = [ln for ln in out.stdout.splitlines() if ln.startswith("HEAVY=")][-1]
    return json.loads(line[len("HEAVY="):])


def test_cli_runner_cache_and_sources_import_light(tmp_path):
    heavy = _heavy_modules_after("""
        import newsreader, newsreader.cli, newsreader.runner, newsreader.cache, newsreader.model
        import newsreader.sources, newsreader.export, newsreader.errors
        from newsreader.cli import reader_parser
        reader_parser().parse_args(["x.txt"])
        newsreader.runner.resolve_model(None)  # finding the model must not load it
        newsreader.cache.cache_dir()
    """, tmp_path)
    assert heavy == []


@pytest.mark.skipif(importlib.util.find_spec("newsreader.ui.app") is None, reason="the UI has not landed yet")
def test_ui_imports_light(tmp_path):
    heavy = _heavy_modules_after("""
        import newsreader.ui.app
    """, tmp_path)
    assert heavy == []


def test_loading_an_article_imports_light(tmp_path):
    heavy = _heavy_modules_after(f"""
        from newsreader.sources import load_articles
        load_articles([{str(SEED)!r}], None)
    """, tmp_path)
    assert heavy == []


def test_a_whole_analysis_leaves_the_readers_process_light(tmp_path):
    """Start the worker, analyse the seed, read the result: spaCy only ever in the worker."""
    heavy = _heavy_modules_after(f"""
        from newsreader import runner
        from newsreader.sources import load_article
        article = load_article({str(SEED)!r})
        runner.prestart(None, [article])
        last = None
        for update in runner.start_analysis(article, use_cache=False).updates():
            last = update
        assert last is not None and last.complete and last.analysis.entities
        runner.shutdown()
    """, tmp_path)
    assert heavy == []


@pytest.mark.skipif(importlib.util.find_spec("newsreader.ui.app") is None, reason="the UI has not landed yet")
def test_running_the_app_until_analysed_stays_light(tmp_path):
    heavy = _heavy_modules_after(f"""
        import asyncio
        from newsreader import runner
        from newsreader.sources import load_articles
        from newsreader.ui.app import NewsreaderApp

        async def main():
            app = NewsreaderApp(load_articles([{str(SEED)!r}], None), model=None, use_cache=False)
            async with app.run_test(size=(100, 30)) as pilot:
                for _ in range(600):  # up to ~60 s, until the analysis is on screen
                    await pilot.pause(0.1)
                    if app.screen.analysis_complete:
                        break
                # it did run, in the analysis process: the reader stayed light all the same
                assert app.screen.analysis_complete and app.screen.index.quotes, "no analysis arrived"
                assert runner.worker_pids()
                await pilot.pause(0.5)
        asyncio.run(main())
        runner.shutdown()
    """, tmp_path)
    assert heavy == []


def test_export_reports_a_bad_input_before_importing_spacy(tmp_path):
    """`newsreader export missing.txt` answers at once, not after a second of imports."""
    heavy = _heavy_modules_after(f"""
        from newsreader.cli import main
        assert main(["export", {str(tmp_path / "missing.txt")!r}]) == 2
    """, tmp_path)
    assert heavy == []
