"""Where exports go by default, and how the library knows an export from an article.

Kept apart from ``export.py`` (csv, json): the directory loader asks
``is_export_name`` on the reader's start-up path.
"""

from __future__ import annotations

import re
from pathlib import Path

_ENTRY = re.compile(r"#entry-(\d+)$")

FILE_SUFFIXES = {"json": ".json", "jsonl": ".jsonl", "csv": ".csv", "markdown": ".md"}
EXPORT_INFIX = ".newsreader"
"""Export files are named ``story.newsreader.md``: never the article's own name, and
a name the library skips when it lists a folder (``is_export_name``)."""


def default_export_path(source: str, fmt: str) -> str:
    """Where the reader offers to write an export: next to the article, as
    ``story.newsreader.json`` (a feed entry: ``feed.entry-2.newsreader.json``), or
    ``export.newsreader.json`` in the current directory for stdin and URLs."""
    suffix = EXPORT_INFIX + FILE_SUFFIXES[fmt]
    base, entry = source, ""
    if (m := _ENTRY.search(source)) and not Path(source).exists():
        base, entry = source[: m.start()], f".entry-{m.group(1)}"
    path = Path(base)
    if source.startswith("<") or "://" in source or not path.parent.exists():
        return "export" + suffix
    return str(path.with_name(path.stem + entry + suffix))


def is_export_name(name: str) -> bool:
    """True for a file newsreader wrote (``story.newsreader.md``), which is no article."""
    return EXPORT_INFIX + "." in Path(name).name
