"""The citation `c` copies: “quote” — Speaker (role), title, date."""

from __future__ import annotations

import base64

from .safe import one_line

OSC52_MAX_BASE64 = 74_000
"""Many terminals (and tmux) drop OSC 52 payloads much larger than this."""


def citation(quote_text: str, speaker: str | None, role: str | None, title: str,
             date: str | None, *, kind: str = "direct", uncertain: bool = False,
             max_base64: int = OSC52_MAX_BASE64) -> str:
    """A one-line citation that fits an OSC 52 clipboard payload.

    Newlines become spaces and control characters ``�``; a long quote is ellipsised so
    the whole citation's base64 stays within ``max_base64`` bytes. Reported
    speech (``kind="indirect"``) is not put in quotation marks: it is marked
    ``(reported)`` so a paraphrase is never passed off as verbatim words. An
    ``uncertain`` attribution (confidence under ``model.UNCERTAIN_BELOW``) says
    so after the speaker: ``— Jan Egeland (attribution uncertain)``.
    """
    if kind == "indirect":
        open_mark, close_mark = "", " (reported)"
    else:
        open_mark, close_mark = "“", "”"
    who = one_line(speaker, 120) or "unattributed"
    if role:
        who += f" ({one_line(role, 120)})"
    if uncertain and speaker:
        who += " (attribution uncertain)"
    tail = f"{close_mark} — {who}, {one_line(title, 200)}" + (f", {date}" if date else "")
    body = one_line(quote_text)
    limit = max_base64 * 3 // 4
    if len((open_mark + body + tail).encode("utf-8")) > limit:
        budget = limit - len((open_mark + tail).encode("utf-8")) - 8
        raw = body.encode("utf-8")[:budget].decode("utf-8", "ignore")
        return open_mark + raw.rstrip() + "…" + tail
    return open_mark + body + tail


def osc52_payload(text: str) -> str:
    """The base64 an OSC 52 sequence carries for ``text`` (what tests compare)."""
    return base64.b64encode(text.encode("utf-8")).decode("ascii")
