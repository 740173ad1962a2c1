"""Resolving date expressions against the publication date.

Each spaCy DATE/TIME span is resolved on its own (never ``search_dates`` over
the text). Weekdays take their direction from the verb: "said on Thursday"
is the last Thursday (the publication day itself counts), "will resume on
Saturday" the coming one. Explicit dates go to dateparser with the
publication date as its relative base. Only expressions that fix a day get a
``resolved`` day; "last week" or "this year" keep their granularity and stay
unresolved.
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


def resolve(text: str, published: str | None, future: bool = False) -> Resolution:
    return _resolve(text.strip(), published, future)


@lru_cache(maxsize=4096)
def _resolve(text: str, published: str | None, future: bool) -> Resolution:
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
    return Resolution(_dateparser(text, published, future), "day")


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
