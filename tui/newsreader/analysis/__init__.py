"""The analysis engine: pure Python over spaCy, no UI imports.

Use it as a library::

    from newsreader.analysis import analyze_text
    analysis = analyze_text("“We are ready,” Ms Smith said.", published="2024-05-02")
"""

from __future__ import annotations

from ..model import Analysis, Article


def analyze_text(text: str, *, published: str | None = None, model: str | None = None,
                 title: str | None = None, source: str = "<text>") -> Analysis:
    from .nlp import load_nlp
    from .pipeline import Analyzer

    article = Article(source=source, text=text, title=title, published=published,
                      published_from="option" if published else "unknown")
    return Analyzer(load_nlp(model)).analyze(article)


__all__ = ["analyze_text"]
