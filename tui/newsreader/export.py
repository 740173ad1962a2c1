"""Rendering an analysis as JSON, CSV or a Markdown fact-checker's sheet."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict

from .model import Analysis, Article, Quote, paragraph_spans


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


def to_json(article: Article, analysis: Analysis) -> str:
    return json.dumps(analysis.export_dict(article), ensure_ascii=False, indent=2) + "\n"


def to_json_line(article: Article, analysis: Analysis) -> str:
    """One article's export as a single line of JSON Lines."""
    return json.dumps(analysis.export_dict(article), ensure_ascii=False, separators=(",", ":")) + "\n"


CSV_COLUMNS = ("speaker", "kind", "cue", "quote", "start", "end", "paragraph", "speaker_id")


def to_csv(article: Article, analysis: Analysis) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for q in analysis.quotes:
        writer.writerow([
            q.speaker_name or "", q.kind, q.cue.text if q.cue else "", _csv_safe(q.text),
            q.start, q.end, q.paragraph_number, q.speaker or "",
        ])
    return buf.getvalue()


def _csv_safe(value: str) -> str:
    # A cell starting with = + - @ is run as a formula by spreadsheets; quote text is untrusted.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _md(value: str) -> str:
    """Escape text for Markdown so article text cannot become links, HTML or emphasis."""
    out = []
    for ch in value.replace("\r\n", " ").replace("\n", " ").replace("\r", " "):
        if ch in "\\`*_{}[]<>()#+!|~":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def to_markdown(article: Article, analysis: Analysis) -> str:
    """A fact-checker's sheet: each speaker's quotes with paragraph numbers."""
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


def _paragraph_of(starts: list[int], offset: int) -> int:
    import bisect

    return max(0, bisect.bisect_right(starts, offset) - 1)
