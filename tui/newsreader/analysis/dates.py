"""Resolving date expressions against the publication date.

Each spaCy DATE/TIME span is resolved on its own (never ``search_dates`` over
the text). The verb gives the direction (``future``: True, False for the past,
None when the tense says neither). Weekdays: "said on Thursday" is the last
Thursday (the publication day itself counts), "will resume on Saturday" the
coming one; with no tense, the last one. A day and month without a year:
"will be held on 4 March" is the next 4 March on or after publication, "was
held on 4 March" the last one on or before it, and with no tense ("would be
held", "is held") the nearest 4 March either way. Other explicit dates go to
dateparser with the publication date as its relative base. Only expressions
that fix a day get a ``resolved`` day; "last week" or "this year" keep their
granularity and stay unresolved.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import MONTHS, NUMBER_WORDS, TIME_UNITS, WEEKDAYS

_WEEKDAY_RE = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")(?:['’]s)?\b", re.I)
_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
_MONTH_RE = re.compile(r"\b(" + "|".join(m[:3] for m in MONTHS) + r")[a-z]*\.?", re.I)
_YEAR_RE = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")
_DAY_NUM_RE = re.compile(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b")
_VAGUE = re.compile(r"\b(recent|past|last|next|coming|this|these|those|ago|since|later|earlier|early|late|mid|end|beginning|weeks?|months?|years?|decades?|century|centuries|season|era)\b", re.I)


@dataclass(slots=True)
class Resolution:
    resolved: str | None
    granularity: str | None


def granularity_of(text: str) -> str | None:
    low = text.lower()
    if _WEEKDAY_RE.search(low) or any(w in low for w in _DAY_WORDS) or re.search(r"\bdays?\b", low):
        return "day"
    if _MONTH_RE.search(low) and _DAY_NUM_RE.search(_MONTH_RE.sub(" ", low)) and not re.fullmatch(r"\s*(?:in\s+)?\w+\.?\s+\d{4}\s*", low):
        return "day"
    if re.search(r"\bweeks?\b|\bfortnight", low):
        return "week"
    if _MONTH_RE.search(low) or re.search(r"\bmonths?\b", low):
        return "month"
    if _YEAR_RE.search(low) or re.search(r"\byears?\b|\bdecades?\b|\bcentur", low):
        return "year"
    if re.search(r"\b(morning|afternoon|evening|night|noon|midnight|am|pm|a\.m\.|p\.m\.)\b", low):
        return "time"
    return None


def resolve(text: str, published: str | None, future: bool | None = False) -> Resolution:
    """``future``: True (future tense), False (past tense) or None (neither said)."""
    return _resolve(text.strip(), published, future)


_PAST_TAGS = {"VBD"}
_PERFECT_AUX = {"has", "have", "had", "'s", "’s", "'ve", "’ve", "'d", "’d"}


def past_or_unknown(ent) -> bool | None:
    """False when the verb a date depends on is in a past tense ("said", "was held",
    "has met"), else None: the tense does not tell. (Futures are found by the caller.)"""
    verb = ent.root
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if aux:  # the first auxiliary carries the tense: "was held", "had met"; "would be held" has none
        first = min(aux, key=lambda c: c.i)
        if first.tag_ in _PAST_TAGS or first.lower_ in _PERFECT_AUX and verb.tag_ == "VBN":
            return False
        return None
    return False if verb.tag_ in _PAST_TAGS else None


@lru_cache(maxsize=4096)
def _resolve(text: str, published: str | None, future: bool | None) -> Resolution:
    gran = granularity_of(text)
    if not published:
        return Resolution(None, gran)
    base = dt.date.fromisoformat(published)
    low = text.lower()
    for word, delta in _DAY_WORDS.items():
        if re.search(rf"\b{word}\b", low):
            return Resolution((base + dt.timedelta(days=delta)).isoformat(), "day")
    m = _WEEKDAY_RE.search(low)
    if m and not _MONTH_RE.search(low.replace(m.group(0), "")):
        target = WEEKDAYS.index(m.group(1).lower())
        if re.search(r"\bnext\b", low):
            future = True
        if re.search(r"\blast\b|\bprevious\b", low):
            days = (base.weekday() - target) % 7 or 7
            return Resolution((base - dt.timedelta(days=days)).isoformat(), "day")
        if future:
            days = (target - base.weekday()) % 7 or 7
            return Resolution((base + dt.timedelta(days=days)).isoformat(), "day")
        days = (base.weekday() - target) % 7
        return Resolution((base - dt.timedelta(days=days)).isoformat(), "day")
    if gran != "day":
        return Resolution(None, gran)
    if re.search(r"\b(ago|past|last|next|coming|within|over)\b", low) and not _MONTH_RE.search(low):
        # "two days ago" fixes a day; "the past few days" does not.
        n = re.search(r"\b(\d+|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+days?\s+ago\b", low)
        if not n:
            return Resolution(None, "day")
    day = _dateparser(text, published, bool(future))
    if day is not None and _MONTH_RE.search(low) and not _YEAR_RE.search(low):
        day = _in_year_by_tense(dt.date.fromisoformat(day), base, future)
    return Resolution(day, "day")


def _in_year_by_tense(day: dt.date, base: dt.date, future: bool | None) -> str:
    """The day and month of ``day`` in the year the tense points to, from ``base``:
    the first on or after it (future), the last on or before it (past), else the nearest."""
    candidates = []
    for year in range(base.year - 4, base.year + 5):  # four either way: a 29 February too
        try:
            candidates.append(day.replace(year=year))
        except ValueError:  # 29 February
            continue
    after = [c for c in candidates if c >= base]
    before = [c for c in candidates if c <= base]
    if future is True and after:
        return min(after).isoformat()
    if future is False and before:
        return max(before).isoformat()
    nearest = min(candidates, key=lambda c: (abs((c - base).days), c > base))  # a tie: the past one
    return nearest.isoformat()


def _dateparser(text: str, published: str, future: bool) -> str | None:
    parser = _parser(published, "future" if future else "past")
    cleaned = re.sub(r"^(?:on|in|by|from|since|until|at)\s+", "", text.strip(), flags=re.I)
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", cleaned)
    try:
        data = parser.get_date_data(cleaned)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if data is None or data.date_obj is None or data.period != "day":
        return None
    return data.date_obj.date().isoformat()


@lru_cache(maxsize=64)
def _parser(published: str, prefer: str):
    from dateparser.date import DateDataParser

    base = dt.datetime.fromisoformat(published)
    return DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer, "PREFER_DAY_OF_MONTH": "first",
                  "RETURN_TIME_AS_PERIOD": False, "STRICT_PARSING": False},
    )


def is_duration_only(text: str) -> bool:
    """ "two decades", "four months": a length of time, counted as a figure, not a date."""
    words = text.lower().replace("-", " ").split()
    while words and words[0] in ("at", "least", "another", "more", "than", "up", "to", "less", "for", "within", "some", "over", "around", "about", "nearly", "almost"):
        words = words[1:]
    if len(words) < 2 or words[-1] not in TIME_UNITS:
        return False
    return all(
        w.strip("[]").isdigit() or w.strip("[]") in NUMBER_WORDS or w in _QUANTITY_WORDS for w in words[:-1]
    )


_QUANTITY_WORDS = {"a", "few", "several", "more", "than", "about", "nearly", "almost", "over", "some", "and", "half"}
