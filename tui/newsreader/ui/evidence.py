"""How a quote's speaker was found, in words: what the status line and the lists say.

``he → Jan Egeland`` (a pronoun, a description or a role resolved to an entity),
``Sergey Lavrov`` (named), ``↳ Jan Egeland (continues)`` (no cue of its own: the
last speaker continues, or the paragraph before ended in a colon), ``officials
(unnamed)``. Everything is plain text from ``one_line``: the callers put it in
``Content`` objects, never in markup.
"""

from __future__ import annotations

from ..model import UNCERTAIN_BELOW, Quote, is_uncertain
from .safe import one_line

__all__ = ["UNCERTAIN_BELOW", "UNCERTAIN_MARK", "evidence", "is_uncertain", "uncertain_mark"]

UNCERTAIN_MARK = "?"
"""After a speaker whose attribution is uncertain (confidence under ``UNCERTAIN_BELOW``)."""

POINTING = ("pronoun", "description", "role")
CONTINUING = ("continued", "colon")


def evidence(quote: Quote, limit: int | None = None) -> str:
    """The speaker and how they were found, clipped to ``limit`` characters with ``…``."""
    name = one_line(quote.speaker_name)
    if not name:
        text = "unattributed"
    elif quote.resolution in CONTINUING:
        text = f"↳ {name} (continues)"
    elif quote.resolution == "unnamed":
        text = f"{name} (unnamed)"
    elif quote.resolution in POINTING and quote.speaker_mention is not None:
        text = f"{one_line(quote.speaker_mention.text, 40)} → {name}"
    else:
        text = name
    return one_line(text, limit) if limit is not None else text


def uncertain_mark(quote: Quote) -> str:
    """`` ?`` for an uncertain attribution, else ``""``."""
    return f" {UNCERTAIN_MARK}" if is_uncertain(quote) else ""
