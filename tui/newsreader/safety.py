"""The one definition of what untrusted text may not carry to a terminal or a file.

Article text, names, quotes and file names come from whatever the user opened.
Printed raw, ESC, BEL or a C1 control (U+009B is a one-byte CSI) can retitle
the terminal, move the cursor or write to the clipboard, and a bidi override
can make text read differently from what it is. Every output of newsreader
goes through this module: the reader's screens (``ui/safe.py`` builds on it),
error and warning lines on stderr, and every export format.

What counts as unsafe (``UNSAFE``): C0 controls other than tab, line feed and
carriage return, DEL, C1 (U+0080-U+009F), and the bidi overrides and isolates
(U+202A-U+202E, U+2066-U+2069). Tab, LF and CR are decided per use: kept in
text that has lines (exports, the article), turned into ``�`` in one-line
messages, where a newline or a CR would forge a line of its own.

Replacements are one for one (``len(out) == len(text)``), so every analysis
offset still points at the same character.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

UNSAFE = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
"""A regex character class body: what is never written raw."""

_UNSAFE = re.compile(f"[{UNSAFE}]")
_UNSAFE_IN_A_LINE = re.compile(f"[{UNSAFE}\n\r]")
# A CR that is not the first half of a CRLF line ending: it would send the
# cursor back over what was written (text in a CSV cell).
_UNSAFE_OR_LONE_CR = re.compile(f"[{UNSAFE}]|\r(?!\n)")
# In JSON text, outside what json.dumps already escapes (C0, quotes, backslash).
_UNSAFE_FOR_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def replace_unsafe(text: str) -> str:
    """``text`` with every unsafe character replaced by ``�``; tab, LF and CR kept."""
    return _UNSAFE.sub(REPLACEMENT, text)


def replace_unsafe_and_lone_cr(text: str) -> str:
    """As ``replace_unsafe``, and a CR that does not end a CRLF line becomes ``�`` too."""
    return _UNSAFE_OR_LONE_CR.sub(REPLACEMENT, text)


def safe_line(text: str) -> str:
    """One line for stderr or a notification: unsafe characters, LF and CR become ``�``."""
    return _UNSAFE_IN_A_LINE.sub(REPLACEMENT, text)


def safe_lines(text: str) -> str:
    """Several lines (argparse's usage and errors): unsafe characters become ``�``, lines stay."""
    return replace_unsafe(text)


def escape_json(encoded: str) -> str:
    """JSON from ``json.dumps(..., ensure_ascii=False)`` with DEL, C1 and bidi controls
    escaped as ``\\u009b``: lossless (a JSON reader gets the same string back), and
    nothing raw reaches the terminal. (``ensure_ascii=False`` escapes only C0.)

    The characters can only occur inside JSON strings, where ``\\uXXXX`` means them.
    """
    return _UNSAFE_FOR_JSON.sub(lambda m: f"\\u{ord(m.group(0)):04x}", encoded)


_SPACES = re.compile(r"\s+")


def one_line(text: str | None, limit: int | None = None) -> str:
    """A label for lists, titles, bylines and notifications: unsafe characters as ``�``,
    whitespace (tabs and line breaks too) collapsed to single spaces, clipped to ``limit``."""
    if not text:
        return ""
    line = _SPACES.sub(" ", replace_unsafe(text)).strip()
    if limit is not None and len(line) > limit:
        line = line[: max(1, limit - 1)].rstrip() + "…"
    return line


def has_unsafe(text: str) -> bool:
    """True when ``text`` holds anything ``replace_unsafe`` would replace (for tests and checks)."""
    return _UNSAFE.search(text) is not None
