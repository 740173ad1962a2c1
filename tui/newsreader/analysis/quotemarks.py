"""Pairing quotation marks in one paragraph.

Pure string work, no spaCy. Handles curly and straight double quotes,
guillemets, low-9 quotes, mixed pairs (“…"), single quotes used as outer
quotes (British style) and inside double ones, and apostrophes that look like
closing single quotes. An unbalanced mark never extends past its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«‟"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‹‚"
SINGLE_CLOSE = "’›"
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT_DOUBLE + STRAIGHT_SINGLE + "“"

_OPENING_CONTEXT = " \t\n\r([{—–-/:;,\u00a0" + DOUBLE_OPEN + SINGLE_OPEN + STRAIGHT_DOUBLE


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """Text strictly between a pair of marks, as offsets into the paragraph."""

    start: int
    end: int
    opened: bool = True
    """False when the span starts at the paragraph start without an opening mark."""
    closed: bool = True
    """False when the paragraph ended before a closing mark (multi-paragraph quote)."""
    double: bool = True


def _next_char(text: str, i: int) -> str:
    """The character after the mark at ``i``, past the second half of a '' mark."""
    j = i + 1
    while j < len(text) and text[j] == _SECOND_HALF:
        j += 1
    return text[j] if j < len(text) else " "


def _is_opening_position(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    return (prev in _OPENING_CONTEXT or prev.isspace()) and not _next_char(text, i).isspace()


def _is_closing_position(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    return not prev.isspace() and not _next_char(text, i).isalnum()


# Two apostrophes standing for a double quotation mark (''like this''), as some
# wire and newspaper copy is typed: 71 of the 554 PolNeAR fit-part articles.
_TWO_APOSTROPHES = "''"
_SECOND_HALF = "\x01"  # stands in for the second apostrophe: no mark, no letter, no space


def find_quotes(text: str) -> list[QuoteSpan]:
    """Top-level quoted spans in ``text`` (a paragraph), in order.

    Marks nested inside an open quote are part of that quote and are not
    reported separately.
    """
    if _TWO_APOSTROPHES not in text:
        return _find_quotes(text)
    # Read each '' as one straight double mark; offsets are kept (two characters for two).
    # Three in a row are a single mark inside a double one: ''' before a word opens both
    # ('' then '), after one closes both (' then '': "...countries,''' he recalled").
    text_read = re.sub(r"(?<=\S)'''(?!\w)", "'" + STRAIGHT_DOUBLE + _SECOND_HALF, text)
    spans = _find_quotes(text_read.replace(_TWO_APOSTROPHES, STRAIGHT_DOUBLE + _SECOND_HALF))
    return [QuoteSpan(q.start + 1, q.end, q.opened, q.closed, q.double)
            if q.opened and q.start < q.end and text[q.start - 1:q.start + 1] == _TWO_APOSTROPHES else q
            for q in spans]


def _find_quotes(text: str, single_outer: bool = True) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    # The open outer quote: (content start, is_double, opening char)
    outer: tuple[int, bool, str] | None = None
    inner_single_open = False
    inner_double = 0
    ahead: _DoubleMarksAhead | None = None  # counted once, the first time a nested quote is asked about
    n = len(text)
    for i, ch in enumerate(text):
        if ch not in ALL_MARKS:
            continue
        if outer is None:
            if ch in DOUBLE_OPEN or (ch == STRAIGHT_DOUBLE and _is_opening_position(text, i)):
                outer = (i + 1, True, ch)
            elif single_outer and (ch in SINGLE_OPEN or (ch == STRAIGHT_SINGLE and _is_opening_position(text, i))):
                if ch == "‚" and i > 0 and text[i - 1].isdigit():
                    continue  # a low comma in a number
                if ch == STRAIGHT_SINGLE and text[i + 1:i + 2].isdigit():
                    continue  # an elided century ("the late '70s"), not an opening mark
                outer = (i + 1, False, ch)
            continue
        start, is_double, opener = outer
        if is_double:
            closes = ch in DOUBLE_CLOSE or ch == STRAIGHT_DOUBLE or (ch == "“" and opener == "„")
            if ch == "“" and _is_closing_position(text, i) and not _is_opening_position(text, i):
                # An opening mark typed where a close belongs (`an “expedited review“ of`,
                # `here,“ said`): 9 in the PolNeAR fit part.
                closes = True
            if ch == "“" and opener != "„" and _is_opening_position(text, i) and not _is_closing_position(text, i):
                ahead = ahead or _DoubleMarksAhead(text)
                if i > start and ahead.nests(i, opener):
                    # A quote inside the quote (`"It isn't about “equal justice” anymore."`).
                    inner_double += 1
                    continue
                # A new opening mark while one is open: the first was never closed.
                spans.append(QuoteSpan(start, _trim_end(text, start, i), closed=False))
                outer = (i + 1, True, ch)
                inner_single_open = False
                continue
            if inner_double and (ch in DOUBLE_CLOSE or ch == STRAIGHT_DOUBLE) and _is_closing_position(text, i):
                inner_double -= 1  # the inner quote's close
                continue
            # A straight mark with space on both sides closes the open quote (`mean? " Clinton asked`).
            if closes and (_is_closing_position(text, i) or ch != STRAIGHT_DOUBLE or not _is_opening_position(text, i)):
                spans.append(QuoteSpan(start, _trim_end(text, start, i)))
                outer = None
                inner_single_open = False
                inner_double = 0
            elif ch in SINGLE_OPEN or (ch == STRAIGHT_SINGLE and _is_opening_position(text, i)):
                inner_single_open = True
            elif ch in SINGLE_CLOSE and inner_single_open and _is_closing_position(text, i):
                inner_single_open = False
        else:
            # Outer single quote: close on a closing single mark that is not an
            # apostrophe (don’t, Afghans’ ) -- a letter must not follow it.
            if (ch in SINGLE_CLOSE or ch == STRAIGHT_SINGLE) and _is_closing_position(text, i):
                nxt = text[i + 1] if i + 1 < n else " "
                prev = text[i - 1]
                # "the Smiths’ house": plural possessive, not a close, when a
                # lowercase word follows and nothing in the span ended a clause.
                if prev == "s" and nxt == " " and i + 2 < n and text[i + 2].islower() and not any(
                    p in text[start:i] for p in ",.!?"
                ):
                    continue
                spans.append(QuoteSpan(start, i, double=False))
                outer = None
    if outer is not None:
        start, is_double, _ = outer
        end = _trim_end(text, start, n)
        # An unclosed single quote is most often an apostrophe misread; keep it
        # only when it opens the paragraph (a multi-paragraph quote).
        if end > start and (is_double or start == 1):
            spans.append(QuoteSpan(start, end, closed=False, double=is_double))
        elif not is_double:
            # The misread apostrophe hid every mark after it: pair those on their own. No
            # single mark after it can close an outer quote either (the closing test only
            # gets stricter as the start moves right), so they open none: one linear rescan.
            spans.extend(QuoteSpan(q.start + start, q.end + start, q.opened, q.closed, q.double)
                         for q in _find_quotes(text[start:], single_outer=False))
    return spans


class _DoubleMarksAhead:
    """The double quotation marks after each position of a paragraph, counted in one pass from
    its end, so asking at every opening mark costs the same on a hostile paragraph of
    thousands of marks as on an article's (a scan of the rest at each mark was quadratic)."""

    def __init__(self, text: str) -> None:
        n = len(text)
        self.closes = [0] * (n + 1)
        self.opens = [0] * (n + 1)
        self.next_mark = [""] * (n + 1)
        for k in range(n - 1, -1, -1):
            ch = text[k]
            self.closes[k] = self.closes[k + 1] + (ch in DOUBLE_CLOSE) + (ch == STRAIGHT_DOUBLE)
            self.opens[k] = self.opens[k + 1] + (ch in DOUBLE_OPEN)
            is_mark = ch in DOUBLE_OPEN or ch in DOUBLE_CLOSE or ch == STRAIGHT_DOUBLE
            self.next_mark[k] = ch if is_mark else self.next_mark[k + 1]

    def nests(self, i: int, opener: str) -> bool:
        """Whether the opening mark at ``i``, met while a double quote is open, nests in it.

        It does when the rest of the paragraph closes more double quotes than it opens, enough
        for this one and the outer one, or when the outer quote opened with a straight mark and
        this curly one is closed by a curly mark before any other double mark (two styles: one
        quote inside the other, the outer one maybe going on in the next paragraph).
        Otherwise the outer quote was never closed. 7 paragraphs of the PolNeAR fit part.
        """
        if self.closes[i + 1] >= self.opens[i + 1] + 2:
            return True
        if opener != STRAIGHT_DOUBLE:
            return False
        # no double mark after it ("") counts as closed: the outer quote goes on below
        return self.next_mark[i + 1] == "" or self.next_mark[i + 1] in DOUBLE_CLOSE


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces and quote marks off both ends of a span."""
    while start < end and (text[start].isspace() or text[start] in ALL_MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ALL_MARKS):
        end -= 1
    return start, end
