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
