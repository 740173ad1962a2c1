"""The typed data model between the analysis engine and everything that shows it.

Pure dataclasses, no spaCy and no Textual: the UI, the export, the cache and the
background worker all speak in these. Every offset is a character offset into
``Article.text`` exactly as decoded (Python ``str`` indices), never into a
normalised copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = 1

EntityType = Literal["person", "organization", "place", "figure", "date"]
ENTITY_TYPES: tuple[EntityType, ...] = ("person", "organization", "place", "figure", "date")
QuoteKind = Literal["direct", "indirect", "partial"]
QUOTE_KINDS: tuple[QuoteKind, ...] = ("direct", "indirect", "partial")
KINDS = QUOTE_KINDS
RESOLUTIONS = ("name", "pronoun", "description", "role", "unnamed", "continued", "colon")
"""How a quote's speaker was found: the cue's phrase names it (``name``), is a pronoun
(``pronoun``) or a definite description resolved to an entity (``description``: the
last organisation or person named; ``role``: the person whose role it names), or is
kept as the text's own phrase (``unnamed``: "officials"); a quote with no cue of its
own takes the speaker of the quote or paragraph before it (``continued``) or of the
paragraph it follows that ended in a colon (``colon``)."""

UNCERTAIN_BELOW = 0.7
"""Attributions under this confidence are marked uncertain in the reader, citations and exports
(here, not in ``analysis.confidence``, so the reader never imports the engine's package). On the
PolNeAR check part (``scripts/fit_confidence.py``) about 4 in 10 of those under 0.7 are wrong, and
about 1 in 20 of those over it; the ones under it are mostly "he"/"she" resolved to a name."""


def is_uncertain(quote: Quote) -> bool:
    """True when the quote's speaker has a confidence and it is under ``UNCERTAIN_BELOW``."""
    return quote.confidence is not None and quote.confidence < UNCERTAIN_BELOW


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


@dataclass(slots=True)
class Article:
    """One article as read from its source, before any analysis."""

    source: str
    """Where it came from: a path, a URL, ``<stdin>``."""
    text: str
    """The exact decoded text all offsets point into."""
    title: str | None = None
    published: str | None = None
    """Publication day as ``YYYY-MM-DD``, or ``None`` when unknown."""
    published_from: str = "unknown"
    """Where ``published`` came from: ``option``, ``dateline``, ``metadata``, ``unknown``."""
    byline: str | None = None
    text_from: str = "file"
    """What ``text`` is: ``file`` (the file as decoded) or ``extracted`` (e.g. from HTML)."""
    encoding: str | None = None

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(slots=True)
class Entity:
    """One real-world referent with every mention of it in the article."""

    id: str
    type: EntityType
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    resolved: str | None = None
    """Dates: the calendar day (``YYYY-MM-DD``) when one can be fixed."""
    granularity: str | None = None
    """Dates: ``day``, ``week``, ``month``, ``year`` or ``None``."""
    counts: str | None = None
    """Figures: the noun phrase the number counts ("sick and injured children")."""
    value: float | None = None
    """Figures: the numeric value when it can be read ("several hundred" has none)."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "aliases": list(self.aliases),
            "roles": list(self.roles),
            "mentions": [m.to_dict() for m in self.mentions],
        }
        if self.type == "date":
            out["resolved"] = self.resolved
            out["granularity"] = self.granularity
        if self.type == "figure":
            out["counts"] = self.counts
            out["value"] = self.value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(
            id=data["id"],
            type=data["type"],
            name=data["name"],
            aliases=list(data.get("aliases", [])),
            roles=list(data.get("roles", [])),
            mentions=[Span.from_dict(m) for m in data.get("mentions", [])],
            resolved=data.get("resolved"),
            granularity=data.get("granularity"),
            counts=data.get("counts"),
            value=data.get("value"),
        )


@dataclass(slots=True)
class Quote:
    """One quotation (or reported clause) and who said it."""

    id: str
    kind: QuoteKind
    start: int
    end: int
    text: str
    speaker: str | None
    """The speaking entity's id, or ``None`` when the speaker is unnamed."""
    speaker_name: str | None
    """The entity's name, or the text's own description ("officials") when unnamed."""
    cue: Span | None = None
    paragraph: int = 0
    """0-based index of the paragraph the quote starts in (the engine's and the cache's
    convention); everything people read — the export, the CSV, the Markdown sheet, the
    reader — says ``paragraph_number``, which is 1-based."""
    speaker_mention: Span | None = None
    """The words that name or point at the speaker for this quote ("he", "the
    rescuers", "Mr Lavrov"); ``None`` when the quote has none of its own (a
    paragraph continuing the last speaker's words)."""
    resolution: str | None = None
    """How the speaker was found (``RESOLUTIONS``)."""
    confidence: float | None = None
    """How likely the speaker is right, 0-1 (``analysis.confidence``); ``None`` without a speaker."""

    @property
    def paragraph_number(self) -> int:
        """1-based number of the paragraph the quote starts in, as the export and the reader show it."""
        return self.paragraph + 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "speaker": self.speaker,
            "speaker_name": self.speaker_name,
            "cue": self.cue.to_dict() if self.cue else None,
            "paragraph": self.paragraph,
            "speaker_mention": self.speaker_mention.to_dict() if self.speaker_mention else None,
            "resolution": self.resolution,
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        cue = data.get("cue")
        mention = data.get("speaker_mention")
        return cls(
            id=data["id"],
            kind=data["kind"],
            start=int(data["start"]),
            end=int(data["end"]),
            text=data["text"],
            speaker=data.get("speaker"),
            speaker_name=data.get("speaker_name"),
            cue=Span.from_dict(cue) if cue else None,
            paragraph=int(data.get("paragraph", 0)),
            speaker_mention=Span.from_dict(mention) if mention else None,
            resolution=data.get("resolution"),
            confidence=data.get("confidence"),
        )


@dataclass(slots=True)
class Analysis:
    """Everything the engine found in one article (possibly partial while streaming)."""

    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    analysed_upto: int = 0
    """Character offset up to which the text has been analysed."""
    complete: bool = False
    model: str | None = None

    def entity(self, entity_id: str | None) -> Entity | None:
        if entity_id is None:
            return None
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        return None

    def to_dict(self, article: Article) -> dict[str, Any]:
        """The export schema (documented in the README)."""
        return {
            "schema": SCHEMA_VERSION,
            "source": article.source,
            "title": article.title,
            "published": article.published,
            "published_from": article.published_from,
            "text_from": article.text_from,
            "byline": article.byline,
            "model": self.model,
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
        }

    def export_dict(self, article: Article) -> dict[str, Any]:
        """``to_dict`` with 1-based paragraph numbers (``to_dict`` is also the cache's form,
        0-based) plus, for extracted text (HTML, feeds), the text the offsets index."""
        out = self.to_dict(article)
        for quote, exported in zip(self.quotes, out["quotes"]):
            exported["paragraph"] = quote.paragraph_number
        if article.text_from != "file":
            out["text"] = article.text
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        return cls(
            entities=[Entity.from_dict(e) for e in data.get("entities", [])],
            quotes=[Quote.from_dict(q) for q in data.get("quotes", [])],
            analysed_upto=int(data.get("analysed_upto", 0)),
            complete=bool(data.get("complete", True)),
            model=data.get("model"),
        )


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs as (start, end) offsets: runs of non-blank lines.

    A single newline ends a paragraph too (news copy is often one paragraph a
    line), so every non-blank line is a paragraph; surrounding whitespace is
    trimmed from each span but offsets stay into ``text``.
    """
    spans: list[tuple[int, int]] = []
    # A line is a run of characters other than \r and \n (so \r\n, \n and a lone \r
    # all end one); one regex pass, where searching for the next \r from every
    # line start rescanned a text without any to its end each time.
    for line in _LINE.finditer(text):
        start, end = line.span()
        while start < end and (text[start].isspace() or text[start] == "\ufeff"):
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


_LINE = re.compile(r"[^\r\n]+")
