"""Cutting an over-long paragraph into pieces spaCy reads in linear time.

A paragraph is normally one ``Doc``. Text with no paragraph breaks (an
extracted page, a transcript, minutes) can make one paragraph of a megabyte:
spaCy refuses a text over ``nlp.max_length`` (E088) and, below that, per-paragraph
rules that scan the paragraph per cue, figure or quote cost the square of its length
(``Doc.text`` alone was such a scan until ``doctext.text_of`` kept it); pieces keep
every such cost linear.

``units`` cuts every paragraph longer than ``MAX_PIECE`` characters into
pieces of at most that length, each cut at the best boundary found in the
last half of the window:

1. a sentence end (``.``, ``!``, ``?`` then whitespace and a capital) outside
   any quotation, after an ordinary word (not "Mr.", "U.S."), with no quote
   mark on either side (so a quote keeps the cue that follows or precedes it);
2. any sentence end outside quotations;
3. whitespace outside quotations;
4. a sentence end inside a quotation (one longer than half a piece), then
   whitespace inside one;
5. failing all of these (no whitespace in thousands of characters), the
   window's end, moved back off a combining mark.

A piece never starts or ends with whitespace and its offset is exact: the
pieces and the whitespace between them are the paragraph, character for
character. ``feed`` gives each piece to ``ArticleState.add_paragraph`` with
its true offset, keeps the quote's paragraph number the real paragraph's,
and gives each piece the quotation marks as paired over the whole paragraph,
so a quotation that a forced cut splits stays one quotation (its second part
continues the first's speaker, as a quote carried over a paragraph break does).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .lexicon import PARTY_STATE_BRACKET
from .quotemarks import ALL_MARKS, QuoteSpan, find_quotes

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .state import ArticleState

# The longest text given to spaCy as one Doc. Measured (scripts/benchmark.py
# --only longline --pieces ..., CPU time over 200,000 characters of one line):
# 1,000: 5.9 s, 2,500: 6.1 s, 5,000: 6.5 s, 10,000: 7.2 s, 20,000: 8.6 s. Shorter
# pieces are a little cheaper, but 5,000 leaves paragraphs of ordinary length
# whole (only text without paragraph breaks is cut) and makes a fifth of the cuts.
MAX_PIECE = 5000

# Characters in one nlp.pipe batch when pieces are read: spaCy's working memory
# grows with a batch's length (on a 100,000-character line, batches of 64 pieces
# of 5,000 characters peaked at 450 MB, batches of 8 at 242 MB); 64 of the
# samples' paragraphs are ~10,000 characters.
BATCH_CHARS = 40_000
BATCH_SIZE = 64

_SENTENCE_END = re.compile(r"[.!?][\"”’'»)\]]*(\s+)(?=[\"“‘«(\[]*[A-Z])")
_WHITESPACE = re.compile(r"\s+")
_WORD_BEFORE = re.compile(r"(\S+?)[.!?][\"”’'»)\]]*$")
# Words whose full stop ends no sentence: "Mr. Smith", "Gen. Lee", "St. Louis".
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "mx", "dr", "prof", "sr", "jr", "st", "mt", "gen", "col", "lt", "sgt", "capt", "cpt",
    "maj", "adm", "cmdr", "gov", "sen", "rep", "rev", "hon", "pres", "supt", "det", "insp", "no", "vs", "v",
    "etc", "inc", "ltd", "co", "corp", "bros", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "fig", "vol", "ch", "pp", "approx", "dept", "univ", "ave", "blvd", "rd",
}


@dataclass(frozen=True, slots=True)
class Unit:
    """What one ``Doc`` is made of: a whole paragraph, or one piece of a long one."""

    start: int
    end: int
    paragraph: int
    """Index of the paragraph the piece belongs to."""
    first: bool = True
    """The paragraph's first piece (or the whole paragraph)."""
    quotes: tuple[QuoteSpan, ...] | None = None
    """For a piece: the paragraph's quotation spans clipped to it, in the piece's offsets."""


def parser_text(text: str) -> str:
    """The text given to the parser for ``text``: the same length, character for character,
    with a party-and-state bracket after a name ("Jo Hale (D-Ore.) said") read as spaces."""
    if "(" not in text:
        return text
    return PARTY_STATE_BRACKET.sub(lambda m: " " * len(m.group()), text)


def units(text: str, paragraphs: list[tuple[int, int]], limit: int = MAX_PIECE) -> list[Unit]:
    """One unit per paragraph; a paragraph longer than ``limit`` characters becomes several."""
    out: list[Unit] = []
    for i, (start, end) in enumerate(paragraphs):
        if end - start <= limit:
            out.append(Unit(start, end, i))
            continue
        para = text[start:end]
        spans = find_quotes(para)
        cuts = cut_points(para, limit, spans)
        bounds = [0, *cuts, len(para)]
        for k in range(len(bounds) - 1):
            a, b = bounds[k], bounds[k + 1]
            while b > a and para[b - 1].isspace():
                b -= 1
            out.append(Unit(start + a, start + b, i, first=k == 0, quotes=tuple(_clip(para, spans, a, b))))
    return out


def batch_size(parts: list[Unit], limit: int = MAX_PIECE) -> int:
    """``nlp.pipe``'s batch size: the usual 64 paragraphs, fewer when long ones were cut."""
    if all(u.quotes is None for u in parts):
        return BATCH_SIZE
    return max(1, min(BATCH_SIZE, BATCH_CHARS // limit))


def cut_points(para: str, limit: int = MAX_PIECE, spans: list[QuoteSpan] | None = None) -> list[int]:
    """Where the next piece starts, for every cut of ``para`` (none when it fits in ``limit``).

    Each cut is at a non-space character that follows whitespace (or, failing any,
    at a character boundary), so ``para[cut - 1]`` ends one piece and ``para[cut]``
    starts the next; no piece, its trailing whitespace trimmed, exceeds ``limit``.
    """
    if limit < 2:
        raise ValueError("limit must be at least 2 characters")
    if spans is None:
        spans = find_quotes(para)
    # A quotation's extent, marks included: [opening mark, closing mark].
    q_starts = [s.start - (1 if s.opened else 0) for s in spans]
    q_ends = [s.end + (1 if s.closed else 0) for s in spans]

    def in_quote(pos: int) -> bool:
        k = bisect_right(q_starts, pos) - 1
        return k >= 0 and pos < q_ends[k]

    cuts: list[int] = []
    start = 0
    n = len(para)
    while n - start > limit:
        cut = _best_cut(para, start, limit, in_quote)
        while cut < n and para[cut].isspace():  # a whitespace run that went on past the window
            cut += 1
        cuts.append(cut)
        start = cut
    return cuts


def _best_cut(para: str, start: int, limit: int, in_quote) -> int:
    lo = start + max(1, limit // 2)
    hi = start + limit  # the piece is para[start:cut], trailing whitespace trimmed
    best: dict[int, int] = {}  # rank -> the last cut of that rank: pieces as long as allowed
    for m in _SENTENCE_END.finditer(para, lo - 1, hi + 1):
        cut = m.end(1)
        if cut <= lo or m.start(1) > hi:
            continue
        if in_quote(m.start(1)):  # the space between the sentences (a cut at an opening mark is outside)
            best[4] = cut
        else:
            best[1 if _clean_sentence_end(para, m.start(), cut) else 2] = cut
    if 1 not in best and 2 not in best:
        for m in _WHITESPACE.finditer(para, lo, hi + 1):
            cut = m.end()
            if cut <= lo or m.start() > hi or cut >= len(para):
                continue
            best[5 if in_quote(m.start()) else 3] = cut
    if best:
        return best[min(best)]
    cut = hi
    while cut > lo and (unicodedata.combining(para[cut]) or _low_surrogate(para[cut])):
        cut -= 1
    return cut


def _clean_sentence_end(para: str, punct: int, cut: int) -> bool:
    """A full stop after an ordinary word, with no quote mark just before it or just after the cut."""
    if para[cut] in ALL_MARKS or para[punct + 1] in ALL_MARKS:
        return False
    prev = para[punct - 1] if punct > 0 else " "
    if prev in ALL_MARKS or prev.isspace():
        return False
    m = _WORD_BEFORE.search(para, max(0, punct - 40), punct + 1)
    word = m.group(1) if m else ""
    word = word.rsplit(None, 1)[-1] if word else ""
    if word.lower().strip("(") in _ABBREVIATIONS or "." in word:
        return False  # "Mr.", "U.S."
    if len(word) <= 1:
        return False  # an initial: "John F. Kennedy"
    return True


def _low_surrogate(ch: str) -> bool:
    return "\udc00" <= ch <= "\udfff"


def _clip(para: str, spans: list[QuoteSpan], a: int, b: int):
    """The paragraph's quote spans that meet ``para[a:b]``, in the piece's offsets."""
    for s in spans:
        if s.end <= a:
            continue
        if s.start >= b:
            break
        start, end = max(s.start, a), min(s.end, b)
        while end > start and para[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        yield replace(s, start=start - a, end=end - a,
                      opened=s.opened and s.start >= a, closed=s.closed and s.end <= b)


def feed(state: ArticleState, doc: Doc, unit: Unit) -> None:
    """``state.add_paragraph`` for one unit, at its true offset and in its real paragraph."""
    if unit.quotes is not None:
        quotes = list(unit.quotes)
        if doc._.quote_spans != quotes:
            # A cut split a quotation (or a mark reads differently without the text
            # before it): the paragraph's own pairing stands, and the cues are found
            # again knowing where the quotations are, as the cue component does.
            from .components import cues_component, set_quotes

            set_quotes(doc, quotes)
            cues_component(doc)
        if not unit.first:
            # add_paragraph counts paragraphs by calls; a further piece is the same paragraph.
            state.paragraph -= 1
    state.add_paragraph(doc, unit.start)
