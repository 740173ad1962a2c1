"""Word-wrapping a paragraph to a width while keeping character offsets."""

from __future__ import annotations

import re

from rich.cells import cell_len

_WORD = re.compile(r"\S+\s*|\s+")


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Lines of ``text`` wrapped to ``width`` cells as (start, end) offsets.

    Trailing spaces are excluded from a line's end; words wider than the line
    are folded. Always returns at least one line.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    line_start = 0
    line_end = 0  # end of the last visible character on the current line
    used = 0  # cells used on the current line, including trailing spaces
    for match in _WORD.finditer(text):
        start, end = match.span()
        word = match.group(0)
        stripped = word.rstrip()
        word_cells = cell_len(stripped)
        if not stripped:  # leading whitespace run
            used += cell_len(word)
            continue
        if used + word_cells > width and used > 0:
            lines.append((line_start, line_end))
            line_start, used = start, 0
        if word_cells > width:
            # Fold a long word across lines, character by character.
            pos = start
            stop = start + len(stripped)
            while pos < stop:
                cells = used
                cut = pos
                while cut < stop and cells + cell_len(text[cut]) <= width:
                    cells += cell_len(text[cut])
                    cut += 1
                if cut == pos:  # a single character wider than the line
                    cut += 1
                    cells += cell_len(text[pos])
                if cut < stop:
                    lines.append((line_start, cut))
                    line_start, used = cut, 0
                else:
                    used = cells
                    line_end = cut
                pos = cut
            used += cell_len(word) - word_cells
            continue
        line_end = start + len(stripped)
        used += cell_len(word)
    lines.append((line_start, max(line_end, line_start)))
    return lines
