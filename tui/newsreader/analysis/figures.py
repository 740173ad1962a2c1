"""Figures in one parsed paragraph: numbers, percentages, money, counts, ranges, ages.

Starts from spaCy's CARDINAL/PERCENT/MONEY/QUANTITY entities and adds what
the small model misses or mislabels: counts in words ("hundreds", "twice"),
durations inside DATE spans ("the past three weeks" counts "three weeks"),
ages it calls dates ("Yasser, 40"), hyphenated counts ("15-year-old"). Each
figure carries the noun phrase it counts where the parse gives one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .doctext import text_of
from .lexicon import FIGURE_QUALIFIERS, MONTHS, NUMBER_WORDS, TIME_UNITS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_FIGURE_LABELS = ("CARDINAL", "PERCENT", "MONEY", "QUANTITY")
# Month names and their abbreviations ("Sept." included): a day number beside one is a date's.
_MONTHS = frozenset(MONTHS) | {m[:3] for m in MONTHS} | {"sept"}
_YEAR = re.compile(r"^(1[5-9]|20)\d\d$")
_CURRENCY = frozenset("$£€¥")
_MULTIPLIERS = frozenset("m bn tn k mn".split())
# A number glued to its unit or multiplier, one token: "2.3bn", "41C", "5km".
_NUMBER_WITH_UNIT = re.compile(r"^\d[\d,.]*(?:bn|tn|mn|m|k|c|f|km|kg|mph|kph|mw|gw)$", re.I)
# "3-1", "2–0", "5 - 4": a score or a split (see _is_score).
_SCORE = re.compile(r"(?<![\w.,–-])\d{1,2} ?[-–] ?\d{1,2}(?![\w.,%–-])")
_HYPHEN_UNITS = "year|month|week|day|member|nation|man|woman|person|strong|seat|point|hour|minute|storey|story|mile|km|metre|meter|foot|page"
_HYPHEN_COUNT = re.compile(
    r"\b(\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")-(" + _HYPHEN_UNITS + r")(?:-old)?\b",
    re.I,
)
# Its hyphen and unit alone, looked for first: the number words' long alternation, tried at
# every word, made _HYPHEN_COUNT 0.3 s of the ~6 s analysis of the PolNeAR fit part (cached
# parses), and few paragraphs have a hyphen before one of the units.
_HYPHEN_UNIT = re.compile(r"-(?:" + _HYPHEN_UNITS + r")", re.I)
# Words that are counts by themselves ("twice", "hundreds").
_COUNT_WORDS = frozenset(("twice", "thrice", "half", "hundreds", "thousands", "millions", "dozens", "billions"))
_VAGUE = {"several", "many", "few", "some", "numerous", "a", "an", "lot", "lots"}
_WORD_VALUES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "million": 1e6, "billion": 1e9, "dozen": 12, "half": 0.5, "twice": 2,
}


@dataclass(slots=True)
class Figure:
    start: int
    end: int
    text: str
    counts: str | None = None
    value: float | None = None


def find_figures(doc: Doc) -> list[Figure]:
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []

    def add(start_tok: int, end_tok: int) -> None:
        if end_tok <= start_tok:
            return
        start_tok, end_tok = _with_currency(doc, start_tok, end_tok)
        span = doc[start_tok:end_tok]
        start, end = span.start_char, span.end_char
        if any(s < end and start < e for s, e in taken):
            return
        text = text_of(doc)[start:end]
        if _is_excluded(doc, start_tok, end_tok, text):
            return
        taken.append((start, end))
        found.append(Figure(start, end, text, _counted(doc, start_tok, end_tok), _value(text)))

    for m in _SCORE.finditer(text_of(doc)):
        span = doc.char_span(m.start(), m.end())
        if span is not None and _is_score(doc, span):
            taken.append((m.start(), m.end()))
            found.append(Figure(m.start(), m.end(), m.group(0)))
    for ent in doc.ents:
        if ent.label_ in _FIGURE_LABELS:
            for s, e in _split_range(doc, *_strip_qualifiers(doc, ent.start, ent.end)):
                add(s, _extend_unit(doc, e))
        elif ent.label_ in ("DATE", "TIME") and count_taken_for_date(doc, ent):
            for s, e in _split_range(doc, *_strip_qualifiers(doc, ent.start, ent.end)):
                add(s, _extend_unit(doc, e))
        elif ent.label_ in ("DATE", "TIME"):
            for s, e in _figures_in_date(doc, ent.start, ent.end):
                add(s, e)
    for tok in doc:
        low = tok.lower_
        if low not in _COUNT_WORDS and not tok.like_num:
            continue  # neither a number nor a count word: most words, told first
        if any(s <= tok.idx < e for s, e in taken):
            continue
        if tok.ent_type_ in ("ORDINAL",) or tok.ent_type_ in _FIGURE_LABELS:
            continue
        if tok.ent_type_ in ("DATE", "TIME") and not tok.like_num:
            continue
        if low in _COUNT_WORDS or (
            tok.like_num and tok.pos_ == "NUM" and not tok.ent_type_ in ("DATE",)
        ):
            add(tok.i, _extend_unit(doc, tok.i + 1))
    hyphen_counts = _HYPHEN_COUNT.finditer(text_of(doc)) if _HYPHEN_UNIT.search(text_of(doc)) else ()
    for m in hyphen_counts:
        if not any(s < m.end() and m.start() < e for s, e in taken):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                taken.append((m.start(), m.end()))
                found.append(Figure(m.start(), m.end(), m.group(0), _counted(doc, span.start, span.end), _value(m.group(1))))
    found.sort(key=lambda f: f.start)
    return found


def _strip_qualifiers(doc: Doc, start: int, end: int) -> tuple[int, int]:
    text = doc[start:end].text.lower()
    for q in FIGURE_QUALIFIERS:
        if text.startswith(q + " "):
            n = len(q.split())
            if end - start > n:
                return start + n, end
    return start, end


def _split_range(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """"between 100 and 500" -> "100", "500"; "100 to 500" likewise."""
    toks = doc[start:end]
    lows = [t.lower_ for t in toks]
    if lows and lows[0] == "between":
        if "and" in lows:
            mid = start + lows.index("and")
            return [(start + 1, mid), (mid + 1, end)]
        start, lows = start + 1, lows[1:]  # "between 10-15"
    for sep in ("to", "and", "or", "-", "–"):
        if sep in lows:
            i = lows.index(sep)
            left, right = doc[start:start + i], doc[start + i + 1:end]
            if left and right and all(t.like_num for t in left) and right[0].like_num:
                return [(start, start + i), (start + i + 1, end)]
    return [(start, end)]


def _extend_unit(doc: Doc, end: int) -> int:
    """Keep the unit with the number: "85 per cent", "48 hours", "500 miles"."""
    if end < len(doc) and doc[end].lower_ in ("per", "percent", "%") :
        if doc[end].lower_ == "per" and end + 1 < len(doc) and doc[end + 1].lower_ in ("cent", "centum"):
            return end + 2
        return end + 1
    if end < len(doc) and doc[end].lower_ in TIME_UNITS:
        return end + 1
    return end


def _figures_in_date(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Durations inside DATE/TIME spans ("the past three weeks" -> "three weeks") and ages."""
    toks = list(doc[start:end])
    out = []
    for i, t in enumerate(toks):
        if (t.like_num or t.lower_ in NUMBER_WORDS) and i + 1 < len(toks) and toks[i + 1].lower_ in TIME_UNITS:
            if t.like_num and _YEAR.match(t.text):
                continue
            j = i
            while j > 0 and (toks[j - 1].like_num or toks[j - 1].lower_ in NUMBER_WORDS or toks[j - 1].text in "[]"):
                j -= 1
            if j > 0 and toks[j - 1].text == "[":
                j -= 1
            out.append((start + j, start + i + 2))
    if not out and len(toks) == 1 and toks[0].like_num and not _YEAR.match(toks[0].text):
        out.append((start, end))  # "Yasser, 40": an age the model calls a date
    return out


def _is_excluded(doc: Doc, start: int, end: int, text: str) -> bool:
    low = text.lower()
    words = low.split()
    if not words or all(w in _VAGUE for w in words):
        return True
    if _YEAR.match(text) and not (end < len(doc) and doc[end].lower_ in ("people", "cases", "votes")):
        return True
    first = doc[start]
    if _is_day_of_month(doc, start, end):
        return True
    if not (first.like_num or _NUMBER_WITH_UNIT.match(first.text) or first.lower_ in NUMBER_WORDS or first.text[:1] in _CURRENCY or first.text[:1] == "[" or first.lower_ in _VAGUE):
        return True
    # Identifiers: "Internet Explorer 6", "IE6", "Apollo 11", "No 10".
    if start > 0 and doc[start - 1].pos_ == "PROPN" and end - start == 1 and first.like_num and not doc[start - 1].text.endswith(","):
        return True
    if low == "one" and end < len(doc) and doc[end].lower_ in ("by", "another", "of"):
        return True
    if low in ("one", "ones") and first.pos_ == "PRON":
        return True
    return False


_RANGE_WORDS = frozenset("between and to or about around some nearly almost over up - –".split())


def count_taken_for_date(doc: Doc, ent) -> bool:
    """ "Between 10 and 15 people were hurt": the model's DATE is a count of the noun after it."""
    if ent.end >= len(doc) or doc[ent.end].tag_ != "NNS":
        return False
    nums = [t for t in ent if t.like_num]
    return bool(nums) and not any(_YEAR.match(t.text) for t in nums) and all(
        t.like_num or t.lower_ in _RANGE_WORDS for t in ent)


def _with_currency(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Money the model cut from its symbol or its multiplier: "$2.3bn", "£400m"."""
    if start > 0 and doc[start - 1].text in _CURRENCY and doc[start].text[:1].isdigit():
        start -= 1
    if end < len(doc) and doc[end].lower_ in _MULTIPLIERS and doc[end - 1].text[:1].isdigit() \
            and doc[end].idx == doc[end - 1].idx + len(doc[end - 1]):
        end += 1
    return start, end


def _is_score(doc: Doc, span) -> bool:
    """ "won 3-1", "a 5–4 ruling": a score or a split, not a range of a count ("10-15 people")."""
    if span.start > 0 and doc[span.start - 1].lower_ in ("aged", "ages", "between", "from"):
        return False  # "aged 5-11": a range
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.pos_ in ("NOUN", "PROPN") and after.dep_ != "npadvmod":
        return after.lower_ in ("ruling", "vote", "verdict", "decision", "win", "victory", "defeat", "draw", "lead")
    return not any(t.ent_type_ in ("DATE", "TIME") for t in span)


def _is_day_of_month(doc: Doc, start: int, end: int) -> bool:
    """The day of a date the model split from its month: "Published 9 May 2023", "May 9"."""
    if end - start != 1:
        return False
    digits = doc[start].lower_.removesuffix("st").removesuffix("nd").removesuffix("rd").removesuffix("th")
    if not digits.isdigit() or not 1 <= int(digits) <= 31:
        return False

    def is_month(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].text[:1].isupper() and doc[i].lower_.rstrip(".") in _MONTHS

    if is_month(end) or is_month(start - 1):
        return True
    return end < len(doc) and doc[end].lower_ == "of" and is_month(end + 1)  # "the 9th of May"


def _counted(doc: Doc, start: int, end: int) -> str | None:
    """The noun phrase the figure counts: "500 sick and injured children" -> "sick and injured children"."""
    last: Token = doc[end - 1]
    head = last.head if last.dep_ in ("nummod", "quantmod", "compound", "amod") else None
    if head is None:
        for t in doc[start:end]:
            if t.dep_ == "nummod" and t.head.i >= end:
                head = t.head
                break
    if head is not None and head.i >= end and head.pos_ in ("NOUN", "PROPN"):
        first = end  # past the rest of a range: "10 and 15 people" counts "people"
        while first < head.i and (doc[first].like_num or doc[first].lower_ in _RANGE_WORDS or doc[first].is_punct):
            first += 1
        return doc[first:head.i + 1].text or None
    # "85 per cent of territory", "half of the children"
    if end < len(doc) and doc[end].lower_ == "of":
        pobj = next((c for c in doc[end].children if c.dep_ == "pobj"), None)
        if pobj is not None:
            return doc[end + 1:pobj.i + 1].text
    return None


def _value(text: str) -> float | None:
    cleaned = text.lower().replace(",", "").strip("[]£$€¥% ")
    m = re.match(r"^(\d+(?:\.\d+)?)\s*(million|billion|thousand|m|bn|k)?", cleaned)
    if m:
        value = float(m.group(1))
        scale = {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "thousand": 1e3, "k": 1e3}.get(m.group(2) or "", 1)
        return value * scale
    first = cleaned.split()[0] if cleaned.split() else ""
    first = first.split("-")[0]
    return float(_WORD_VALUES[first]) if first in _WORD_VALUES else None
