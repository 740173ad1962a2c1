"""Making untrusted article text safe to show in a terminal.

Article text, entity names and quotes come from whatever file the user opened.
They are never parsed as markup (we build ``Content``/``Text`` objects with
styles on spans) and never allowed to send control sequences: what
``newsreader.safety`` calls unsafe is replaced *one for one* by ``�``, so the
string keeps its length and every analysis offset still points at the same
character. Lists, the palette, the status line and notifications show ``�``
exactly where the article does.
"""

from __future__ import annotations

import re

from ..safety import REPLACEMENT, one_line, replace_unsafe

__all__ = ["REPLACEMENT", "one_line", "opening_words", "sanitize"]

_TAB_OR_CR = re.compile("[\t\r]")


def sanitize(text: str) -> str:
    """The text with controls replaced 1:1 (tab and CR become a space, for layout).

    ``len(sanitize(t)) == len(t)`` always, so offsets into ``t`` stay valid.
    """
    return _TAB_OR_CR.sub(" ", replace_unsafe(text))


def opening_words(text: str, words: int = 10) -> str:
    """The first few words of a quote, with an ellipsis when there is more."""
    parts = one_line(text).split(" ")
    if len(parts) <= words:
        return " ".join(parts)
    return " ".join(parts[:words]) + " …"
