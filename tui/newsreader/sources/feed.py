"""RSS and Atom feeds: each entry becomes an article (via feedparser).

An entry's text is its full content when the feed carries it, else its
summary; HTML in either goes through the same extractor as saved pages
(feedparser has already sanitised it: no scripts, no styles). The entry's own
date is the publication date (``published_from="metadata"``).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import io
import re
import time

from ..errors import InputError
from ..model import Article
from .html import clean_extracted, extract, quiet_library_logs
from .text import clean_label, publication

MAX_ENTRIES = 500

# An internal DTD subset that declares entities: the "billion laughs" and
# external-entity attacks. Real feeds never need one, so it is refused outright.
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)


def entry_source(source: str, number: int) -> str:
    """How an entry is named: ``feed.xml#entry-3`` (1-based, as ``--entry 3`` picks it)."""
    return f"{source}#entry-{number}"


def articles_from_feed(
    data: bytes,
    source: str,
    published: str | None = None,
    *,
    content_type: str | None = None,
    charset: str | None = None,
) -> list[Article]:
    if not data.strip():
        raise InputError(f"{source}: file is empty")
    if _ENTITY_DECL.search(data[:65536]) or _ENTITY_DECL.search(data.replace(b"\x00", b"")[:65536]):
        raise InputError(f"{source}: feed declares XML entities, which newsreader refuses "
                         "(entity-expansion or file-reading attack)")
    quiet_library_logs()
    import feedparser

    headers = {}
    if content_type:
        headers["content-type"] = content_type + (f"; charset={charset}" if charset else "")
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers or None, sanitize_html=True,
                                  resolve_relative_uris=False)
    except Exception as exc:  # noqa: BLE001 - feedparser has many internal failure modes; one line each
        raise InputError(f"{source}: cannot read the feed ({type(exc).__name__})") from None
    if not parsed.get("version") and not parsed.entries:
        raise InputError(f"{source}: not an RSS or Atom feed")
    articles: list[Article] = []
    for entry in parsed.entries[:MAX_ENTRIES]:
        # Entries without any text are left out; the rest are numbered 1, 2, ... in feed order.
        article = _entry_article(entry, entry_source(source, len(articles) + 1), published)
        if article is not None:
            articles.append(article)
    if not articles:
        if parsed.entries:
            raise InputError(f"{source}: no entry in the feed has any text")
        raise InputError(f"{source}: the feed has no entries")
    return articles


def _entry_article(entry, source: str, published: str | None) -> Article | None:
    text = _entry_text(entry)
    if not text:
        return None
    title = clean_label(entry.get("title")) or None
    byline = clean_label(_without_tags(entry.get("author"))) or None
    found_date, found_from, _ = publication(text, published, _entry_day(entry))
    return Article(
        source=source,
        text=text,
        title=title,
        published=found_date,
        published_from=found_from,
        byline=byline,
        text_from="extracted",
        encoding="utf-8",
    )


_TAG = re.compile(r"<[^<>]*>")


def _without_tags(value: str | None) -> str | None:
    """A feed's author as plain text: feeds put markup there (``<a href=…>Jo Bell</a>``,
    escaped or in CDATA) and feedparser hands it over as it was."""
    if not value:
        return value
    return html.unescape(_TAG.sub(" ", value))


def _entry_day(entry) -> str | None:
    """The entry's publication day as written in the feed (its own time zone, not UTC)."""
    for key in ("published", "updated", "created"):
        raw = (entry.get(key) or "").strip()
        if not raw:
            continue
        day = None
        try:
            day = email.utils.parsedate_to_datetime(raw).date()  # RSS: RFC 822
        except (TypeError, ValueError, IndexError):
            try:
                day = dt.datetime.fromisoformat(raw.replace("z", "Z")).date()  # Atom: RFC 3339
            except ValueError:
                pass
        if day is None:
            stamp = entry.get(f"{key}_parsed")  # feedparser's own (UTC) reading of odd formats
            if isinstance(stamp, time.struct_time):
                return time.strftime("%Y-%m-%d", stamp)
            continue
        return day.isoformat()
    return None


def _entry_text(entry) -> str:
    """The longest of the entry's content blocks and summary, as plain text."""
    blocks = list(entry.get("content") or [])
    if entry.get("summary_detail"):
        blocks.append(entry["summary_detail"])
    elif entry.get("summary"):
        blocks.append({"type": "text/html", "value": entry["summary"]})
    best = ""
    for block in blocks:
        value = block.get("value") or ""
        if not value.strip():
            continue
        if "html" in (block.get("type") or "text/html"):
            text = _html_fragment_text(value)
        else:
            text = clean_extracted(value)
        if len(text) > len(best):
            best = text
    return best


def _html_fragment_text(fragment: str) -> str:
    doc = extract(f"<html><body><article>{fragment}</article></body></html>")
    text = clean_extracted(doc.text or "") if doc is not None else ""
    if not text:
        # Too short for trafilatura to call it an article (a one-line summary):
        # its plain-text fallback still gives the words, without any markup.
        import trafilatura

        text = clean_extracted(trafilatura.html2txt(fragment) or "")
    return text
