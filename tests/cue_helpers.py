"""Helpers for tests of the cue finder on one parsed paragraph (``nlp(text)`` with our
components): the cue of a given verb, and the text of its speaker phrase and report."""

from __future__ import annotations


def cue_of(nlp, text: str, verb: str):
    doc = nlp(text)
    found = [c for c in doc._.cues if doc[c.verb].text == verb]
    assert found, f"no cue {verb!r} in {[doc[c.verb].text for c in doc._.cues]}"
    return doc, found[0]


def speaker_text(doc, cue) -> str | None:
    return doc[cue.speaker[0]:cue.speaker[1]].text if cue.speaker else None


def content_text(doc, cue) -> str | None:
    return doc.text[cue.content[0]:cue.content[1]] if cue.content else None
