"""Labels shared by screens (kept apart so a screen need not import another to name an article)."""

from __future__ import annotations

from pathlib import Path

from ..model import Article
from .safe import one_line


def article_title(article: Article) -> str:
    if article.title and article.title.strip():
        return one_line(article.title, 120)
    if article.source.startswith("<"):
        return one_line(article.source, 120)
    return one_line(Path(article.source).name, 120) or one_line(article.source, 120)


def archived_title(title: str | None, source: str) -> str:
    """An archived article's title, as ``article_title`` names an open one."""
    if title and title.strip():
        return one_line(title, 120)
    name = source if source.startswith(("http://", "https://")) else Path(source.partition("#")[0]).name
    return one_line(name + (f"#{source.partition('#')[2]}" if "#" in source else ""), 120)
