"""Rendering an analysis as JSON, CSV or a Markdown fact-checker's sheet.

Article text is untrusted and these files are read in terminals (``cat``,
``less -R``, a pipe to ``jq``): no control character is ever written raw
(``newsreader.safety``). JSON escapes them (``\\u009b``: a JSON reader gets the
exact text back, so offsets still index it); CSV and Markdown show ``�``, one
character for one, as the reader does.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict

from .model import Analysis, Article, Quote, is_uncertain, paragraph_spans
from .safety import escape_json, replace_unsafe, replace_unsafe_and_lone_cr


def render(article: Article, analysis: Analysis, fmt: str) -> str:
    if fmt == "json":
        return to_json(article, analysis)
    if fmt == "jsonl":
        return to_json_line(article, analysis)
    if fmt == "csv":
        return to_csv(article, analysis)
    if fmt == "markdown":
        return to_markdown(article, analysis)
    raise ValueError(f"unknown export format {fmt!r}")


def _dumps(value: object, **options) -> str:
    # ensure_ascii=False keeps the text readable, but escapes only C0: DEL, C1 and
    # the bidi controls would go out raw; escape_json writes them as \\uXXXX.
    return escape_json(json.dumps(value, ensure_ascii=False, **options))


def to_json(article: Article, analysis: Analysis) -> str:
    return _dumps(analysis.export_dict(article), indent=2) + "\n"


def to_json_line(article: Article, analysis: Analysis) -> str:
    """One article's export as a single line of JSON Lines."""
    return _dumps(analysis.export_dict(article), separators=(",", ":")) + "\n"


def to_json_error_line(source: str, error: str) -> str:
    """The JSON Lines record of an article that could not be exported."""
    return _dumps({"source": source, "error": error}, separators=(",", ":")) + "\n"


CSV_COLUMNS = ("speaker", "kind", "cue", "quote", "start", "end", "paragraph", "speaker_id",
               "speaker_mention", "resolution", "confidence", "uncertain")
"""New columns go at the end, so a sheet or script reading the older ones by position still works."""


def to_csv(article: Article, analysis: Analysis) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for q in analysis.quotes:
        writer.writerow([
            _csv_safe(q.speaker_name or ""), q.kind, _csv_safe(q.cue.text if q.cue else ""), _csv_safe(q.text),
            q.start, q.end, q.paragraph_number, _csv_safe(q.speaker or ""),
            _csv_safe(q.speaker_mention.text if q.speaker_mention else ""), q.resolution or "",
            "" if q.confidence is None else f"{q.confidence:.2f}", "yes" if is_uncertain(q) else "",
        ])
    return buf.getvalue()


def _csv_safe(value: str) -> str:
    """A text cell: controls as ``�`` (a CRLF inside a quote is kept: the csv module
    quotes the cell), and a leading = + - @ guarded with ``'``, since spreadsheets
    run such a cell as a formula and the text is untrusted."""
    value = replace_unsafe_and_lone_cr(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _md(value: str) -> str:
    """Escape text for Markdown so article text cannot become links, HTML or emphasis."""
    out = []
    for ch in replace_unsafe(value.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")):
        if ch in "\\`*_{}[]<>()#+!|~":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def to_markdown(article: Article, analysis: Analysis) -> str:
    """A fact-checker's sheet: each speaker's quotes with paragraph numbers, the words
    the speaker was found by (``via he``) and ``(uncertain)`` on an uncertain attribution."""
    lines = [f"# {_md(article.title or article.source)}", ""]
    lines.append(f"- Source: {_md(article.source)}")
    lines.append(f"- Published: {article.published or 'unknown'} ({article.published_from})")
    lines.append(f"- Quotes: {len(analysis.quotes)}; speakers: {len({q.speaker_name for q in analysis.quotes})}")
    lines.append("")
    by_speaker: dict[str, list[Quote]] = defaultdict(list)
    order: list[str] = []
    for q in analysis.quotes:
        key = q.speaker_name or "Unattributed"
        if key not in by_speaker:
            order.append(key)
        by_speaker[key].append(q)
    roles = {e.id: e.roles for e in analysis.entities}
    for name in order:
        quotes = by_speaker[name]
        role = roles.get(quotes[0].speaker or "", [])
        heading = _md(name) + (f" ({_md(role[0])})" if role else "")
        lines.append(f"## {heading}")
        lines.append("")
        for q in quotes:
            cue = f" — {_md(q.cue.text)}" if q.cue else ""
            cue += _md_evidence(q)
            # Only words in quotation marks are the speaker's own: reported speech is shown unquoted.
            body = _md(q.text) if q.kind == "indirect" else f"“{_md(q.text)}”"
            lines.append(f"- ¶{q.paragraph_number} [{q.kind}]{cue}: {body} (chars {q.start}–{q.end})")
        lines.append("")
    figures = [e for e in analysis.entities if e.type == "figure"]
    if figures:
        lines += ["## Figures", ""]
        starts = [s for s, _ in paragraph_spans(article.text)]
        for e in figures:
            for m in e.mentions:
                para = _paragraph_of(starts, m.start)
                counts = f" — {_md(e.counts)}" if e.counts else ""
                lines.append(f"- ¶{para + 1} {_md(m.text)}{counts}")
        lines.append("")
    return "\n".join(lines)


def _md_evidence(q: Quote) -> str:
    """`` via he`` (a speaker found through a pronoun, description or role), `` continues``
    (no cue of its own), then `` (uncertain)`` when the attribution is."""
    out = ""
    if q.resolution in ("pronoun", "description", "role") and q.speaker_mention is not None:
        out = f" via {_md(q.speaker_mention.text)}"
    elif q.resolution in ("continued", "colon"):
        out = " (continues)"
    elif q.resolution == "unnamed":
        out = " (unnamed)"
    if is_uncertain(q):
        out += " (uncertain)"
    return out


def _paragraph_of(starts: list[int], offset: int) -> int:
    import bisect

    return max(0, bisect.bisect_right(starts, offset) - 1)
