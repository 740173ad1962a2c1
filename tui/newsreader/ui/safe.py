"""Making untrusted article text safe to show in a terminal.

Article text, entity names and quotes come from whatever file the user opened.
They are never parsed as markup (we build ``Content``/``Text`` objects with
styles on spans) and never allowed to send control sequences: every C0/C1
control except newline is replaced *one for one*, so the string keeps the
length and every analysis offset still points at the same character.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

# C0 (except \n), DEL, C1; plus bidi overrides/isolates that can disguise text.
_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_TAB = "\t"


def _replace(match: re.Match[str]) -> str:
    ch = match.group(0)
    if ch == _TAB or ch == "\r":
        return " "
    return REPLACEMENT


def sanitize(text: str) -> str:
    """The text with controls replaced 1:1 (tab and CR become a space).

    ``len(sanitize(t)) == len(t)`` always, so offsets into ``t`` stay valid.
    """
    return _CONTROLS.sub(_replace, text)


_SPACES = re.compile(r"\s+")


def one_line(text: str | None, limit: int | None = None) -> str:
    """A label for lists and notifications: sanitised, whitespace collapsed, clipped."""
    if not text:
        return ""
    line = _SPACES.sub(" ", sanitize(text).replace(REPLACEMENT, " ")).strip()
    if limit is not None and len(line) > limit:
        line = line[: max(1, limit - 1)].rstrip() + "…"
    return line


def opening_words(text: str, words: int = 10) -> str:
    """The first few words of a quote, with an ellipsis when there is more."""
    parts = one_line(text).split(" ")
    if len(parts) <= words:
        return " ".join(parts)
    return " ".join(parts[:words]) + " …"
