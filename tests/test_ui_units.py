"""Pure helpers behind the reader: sanitising, wrapping, indexing, citations."""

from __future__ import annotations

import base64

from rich.cells import cell_len

from newsreader.model import Analysis, Entity, Quote, Span, paragraph_spans
from newsreader.ui.citation import OSC52_MAX_BASE64, citation, osc52_payload
from newsreader.ui.index import AnalysisIndex, find_hits
from newsreader.ui.safe import REPLACEMENT, one_line, sanitize
from newsreader.ui.wrap import wrap_offsets


def test_sanitize_keeps_length_and_newlines():
    raw = "a\x1b[31mb\x07c\nd\te\r\x9bf\u202eg\x00"
    clean = sanitize(raw)
    assert len(clean) == len(raw)
    assert "\n" in clean and "\x1b" not in clean and "\x07" not in clean and "\x9b" not in clean
    assert "\u202e" not in clean and "\x00" not in clean
    assert clean.count(REPLACEMENT) == 5  # tab and CR become spaces
    # a control character is shown as `�` in labels too, exactly as in the article
    assert one_line("  two\nlines\x1b  ") == "two lines\ufffd"


def check_wrap(text: str, width: int) -> list[str]:
    """What any wrap of ``text`` to ``width`` must do; returns the lines."""
    lines = wrap_offsets(text, width)
    assert lines, "at least one line"
    shown = [text[s:e] for s, e in lines]
    previous_end = 0
    for (s, e), line in zip(lines, shown):
        assert previous_end <= s <= e, (previous_end, s, e)
        # only whitespace is dropped between lines, and no line starts or ends with it
        assert not text[previous_end:s].strip(), (previous_end, s)
        assert line == line.rstrip() and (s == 0 or line == line.lstrip()), repr(line)
        # (a single character wider than the whole line gets a line of its own)
        assert cell_len(line) <= width or len(line) == 1, (width, line)
        previous_end = e
    assert not text[previous_end:].strip()
    # every non-space character kept, once, in order
    assert "".join("".join(line.split()) for line in shown) == "".join(text.split())
    # greedy: a line broken at a space could not have taken the next line's first word
    for (s, e), (s2, e2) in zip(lines, lines[1:]):
        if s2 > 0 and text[s2 - 1].isspace() and e > s:
            next_word = text[s2:e2].split()[0] if text[s2:e2].strip() else ""
            assert cell_len(text[s:e]) + 1 + cell_len(next_word) > width, (width, text[s:e], next_word)
    return shown


def test_wrap_offsets_cover_the_text():
    long_word = "x" * 130
    text = "The quick brown fox jumps over the lazy dog " * 20 + long_word
    for width in (1, 5, 17, 40, 80, 129, 130, 200):
        shown = check_wrap(text, width)
        # the long word starts a line and is folded into full-width pieces (the last may be shorter)
        at = text.index(long_word)
        lines = wrap_offsets(text, width)
        assert at in [s for s, _ in lines], width
        pieces = [text[s:e] for s, e in lines if s >= at]
        assert "".join(pieces) == long_word, width
        assert len(pieces) == -(-len(long_word) // min(width, len(long_word))), width
        assert all(len(p) == width for p in pieces[:-1]), width
        if width >= 80:  # wide enough for whole words: no ordinary word is cut
            words = {w for line in shown for w in line.split()} - {long_word} - set(pieces)
            assert words == set(text.split()) - {long_word}, width


def test_wrap_offsets_measure_cells_not_characters():
    text = "日本語のテキスト 長い 単語 " * 5 + "ab"  # each of these characters is two cells wide
    for width in (1, 2, 3, 7, 16, 30):
        check_wrap(text, width)
    short = "日本語 日本"
    assert [short[s:e] for s, e in wrap_offsets(short, 6)] == ["日本語", "日本"]
    assert wrap_offsets("", 10) == [(0, 0)]
    spaced = "   lead  and  trail  "
    assert [spaced[s:e] for s, e in wrap_offsets(spaced, 9)] == ["   lead", "and", "trail"]


def test_index_steps_and_wraps():
    text = "Ann met Bob. Ann left.\nBob stayed; Ann said so."
    starts = [i for i in range(len(text)) if text.startswith("Ann", i)]
    ann = Entity("a", "person", "Ann", mentions=[Span(s, s + 3, "Ann") for s in reversed(starts)])
    quote = Quote("q", "indirect", 36, 43, text[36:43], "a", "Ann", Span(32, 36, "said"), 1)
    index = AnalysisIndex.build(Analysis(entities=[ann], quotes=[quote], complete=True), paragraph_spans(text))
    assert index.mention_starts["a"] == starts
    assert index.mention_index_after("a", -1, 1) == 0
    assert index.mention_index_after("a", starts[-1], 1) == 0  # wraps
    assert index.mention_index_after("a", starts[0], -1) == len(starts) - 1  # wraps back
    assert index.entity_at(starts[1] + 1) == "a" and index.entity_at(4) is None
    assert index.quote_index_after(-1, 1) == 0 and index.speakers[0].quotes == 1
    assert 1 in index.marks and any(k == "quote" for _, _, k in index.marks[1])


def test_find_hits_is_literal_and_case_insensitive():
    assert find_hits("a [b] A [B]", "[b]") == [(2, 5), (8, 11)]
    assert find_hits("abc", "") == []


def test_citation_format_and_limits():
    text = citation("We are working\non something", "John Kerry", "US secretary of state", "Talks", "2016-12-01")
    assert text == "“We are working on something” — John Kerry (US secretary of state), Talks, 2016-12-01"
    reported = citation("he was hopeful", "John Kerry", None, "Talks", None, kind="indirect")
    assert reported == "he was hopeful (reported) — John Kerry, Talks"
    long = citation("word " * 100_000, "X", None, "T", None)
    assert len(osc52_payload(long)) <= OSC52_MAX_BASE64
    assert "…”" in long and long.endswith("— X, T")
    base64.b64decode(osc52_payload(long))


def test_paragraph_spans_every_line_break_and_trimmed_offsets():
    text = "\ufeff  One.\r\nTwo  \rThree\n\n \t\nFour\u2028still four\r\n"
    spans = paragraph_spans(text)
    assert [text[s:e] for s, e in spans] == ["One.", "Two", "Three", "Four\u2028still four"]
    # LF, CRLF and a lone CR each end a line; a blank or whitespace-only line gives no paragraph
    assert paragraph_spans("a\r\n\r\nb\r\rc") == [(0, 1), (5, 6), (8, 9)]
    assert paragraph_spans("") == [] and paragraph_spans(" \n\t") == []
