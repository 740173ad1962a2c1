"""Indexes over one analysis so every keystroke is a bisect, not a scan.

Built once per analysis update (cheap: linear in the number of mentions), then
shared by the article view (what to highlight in each paragraph), the side
lists (speakers, counts) and the key handlers (next mention, next quote).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from ..model import ENTITY_TYPES, Analysis, Entity, Quote, Span

Mark = tuple[int, int, str]
"""(start, end, kind) where kind is an entity type or ``quote``."""


def speaker_key(quote: Quote) -> str | None:
    """Who a quote is attributed to: the entity id, or ``name:<description>``."""
    if quote.speaker:
        return quote.speaker
    if quote.speaker_name:
        return "name:" + quote.speaker_name
    return None


@dataclass(slots=True)
class Speaker:
    key: str
    name: str
    quotes: int
    entity: Entity | None


@dataclass
class AnalysisIndex:
    analysis: Analysis
    paragraph_starts: list[int]
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: dict[str, list[Span]] = field(default_factory=dict)
    mention_starts: dict[str, list[int]] = field(default_factory=dict)
    quotes: list[Quote] = field(default_factory=list)
    quote_starts: list[int] = field(default_factory=list)
    quote_by_id: dict[str, Quote] = field(default_factory=dict)
    speakers: list[Speaker] = field(default_factory=list)
    quotes_by_speaker: dict[str, list[Quote]] = field(default_factory=dict)
    marks: dict[int, tuple[Mark, ...]] = field(default_factory=dict)
    """Per paragraph index: quote and mention spans to highlight, quotes first."""
    mention_marks: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)
    """Per paragraph: (start, end, entity id) sorted, to find the entity under a click."""

    @classmethod
    def build(cls, analysis: Analysis, paragraphs: list[tuple[int, int]]) -> AnalysisIndex:
        index = cls(analysis=analysis, paragraph_starts=[s for s, _ in paragraphs])
        marks: dict[int, list[Mark]] = {}
        for quote in sorted(analysis.quotes, key=lambda q: (q.start, q.end)):
            index.quotes.append(quote)
            index.quote_starts.append(quote.start)
            index.quote_by_id[quote.id] = quote
            key = speaker_key(quote)
            if key is not None:
                index.quotes_by_speaker.setdefault(key, []).append(quote)
            first = index.paragraph_of(quote.start)
            last = index.paragraph_of(max(quote.start, quote.end - 1))
            for p in range(first, last + 1):
                marks.setdefault(p, []).append((quote.start, quote.end, "quote"))
        for entity in analysis.entities:
            if entity.type not in ENTITY_TYPES:
                continue
            index.entities[entity.id] = entity
            spans = sorted(entity.mentions, key=lambda m: (m.start, m.end))
            index.mentions[entity.id] = spans
            index.mention_starts[entity.id] = [m.start for m in spans]
            for m in spans:
                p = index.paragraph_of(m.start)
                marks.setdefault(p, []).append((m.start, m.end, entity.type))
                index.mention_marks.setdefault(p, []).append((m.start, m.end, entity.id))
        index.marks = {p: tuple(v) for p, v in marks.items()}
        for v in index.mention_marks.values():
            v.sort()
        # Speakers: most quoted first, then by first quote.
        counts = Counter({k: len(v) for k, v in index.quotes_by_speaker.items()})
        order = {k: v[0].start for k, v in index.quotes_by_speaker.items()}
        for key in sorted(counts, key=lambda k: (-counts[k], order[k])):
            entity = index.entities.get(key)
            quotes = index.quotes_by_speaker[key]
            name = entity.name if entity else (quotes[0].speaker_name or "unnamed")
            index.speakers.append(Speaker(key, name, counts[key], entity))
        return index

    # --- lookups -------------------------------------------------------

    def paragraph_of(self, offset: int) -> int:
        return max(0, bisect_right(self.paragraph_starts, offset) - 1)

    def speaker_ids(self) -> set[str]:
        return {s.key for s in self.speakers}

    def entity_at(self, offset: int) -> str | None:
        """The entity whose mention covers ``offset`` (the innermost), if any."""
        best: tuple[int, str] | None = None
        for start, end, eid in self.mention_marks.get(self.paragraph_of(offset), ()):
            if start <= offset < end and (best is None or end - start < best[0]):
                best = (end - start, eid)
        return best[1] if best else None

    def mention_index_after(self, entity_id: str, offset: int, step: int) -> int | None:
        """Index of the next (step=1) or previous (step=-1) mention from offset, wrapping."""
        starts = self.mention_starts.get(entity_id)
        if not starts:
            return None
        if step > 0:
            i = bisect_right(starts, offset)
            return i if i < len(starts) else 0
        i = bisect_left(starts, offset) - 1
        return i if i >= 0 else len(starts) - 1

    def quote_index_after(self, offset: int, step: int) -> int | None:
        """Index of the next/previous quote starting after/before offset, wrapping."""
        if not self.quotes:
            return None
        if step > 0:
            i = bisect_right(self.quote_starts, offset)
            return i if i < len(self.quotes) else 0
        i = bisect_left(self.quote_starts, offset) - 1
        return i if i >= 0 else len(self.quotes) - 1

    def quote_position(self, quote_id: str) -> int | None:
        quote = self.quote_by_id.get(quote_id)
        if quote is None:
            return None
        i = bisect_left(self.quote_starts, quote.start)
        while i < len(self.quotes) and self.quotes[i].id != quote_id:
            i += 1
        return i if i < len(self.quotes) else None

    def role_of(self, key: str | None) -> str | None:
        entity = self.entities.get(key or "")
        if entity and entity.roles:
            return entity.roles[0]
        return None


def find_hits(text: str, query: str, limit: int = 100_000) -> list[tuple[int, int]]:
    """Case-insensitive literal matches of ``query`` in ``text`` as offsets into ``text``."""
    import re

    if not query:
        return []
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    hits: list[tuple[int, int]] = []
    for match in pattern.finditer(text):
        if match.end() > match.start():
            hits.append(match.span())
            if len(hits) >= limit:
                break
    return hits
