"""Write the fixed analyses the UI tests use: ``tests/fixtures/ui/<seed>.analysis.json``.

The UI tests (and their SVG snapshots) show these committed analyses, not the
live engine's output, so an engine change never changes what the UI tests see.
They are a record of one engine run, not a gold standard (``tests/fixtures/engine``
is that). Regenerate on purpose, then refresh the snapshots and look at them:

    .venv/bin/python tests/make_ui_fixtures.py
    .venv/bin/python -m pytest tests/test_ui_snapshots.py --snapshot-update
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
OUT = ROOT / "tests" / "fixtures" / "ui"


def main() -> int:
    from newsreader.runner import start_analysis
    from newsreader.sources import load_article

    OUT.mkdir(parents=True, exist_ok=True)
    for path in sorted(SEEDS.glob("*.txt")):
        article = load_article(str(path))
        update = None
        for update in start_analysis(article, use_cache=False).updates():
            pass
        if update is None or not update.complete:
            print(f"{path.name}: the engine gave no complete analysis", file=sys.stderr)
            return 1
        analysis = update.analysis
        data = {
            "seed": path.name,
            "text_sha256": hashlib.sha256(article.text.encode("utf-8")).hexdigest(),
            "model": analysis.model,
            "complete": True,
            "entities": [e.to_dict() for e in analysis.entities],
            "quotes": [q.to_dict() for q in analysis.quotes],
        }
        target = OUT / f"{path.stem}.analysis.json"
        target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{target.relative_to(ROOT)}: {len(analysis.entities)} entities, {len(analysis.quotes)} quotes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
