"""Saved web pages: the article's main text, title, byline and date via trafilatura.

The reader shows, and every offset points into, the text trafilatura extracts
(paragraphs one a line), never the HTML: ``Article.text_from == "extracted"``.
No hand-written tag stripping happens here; this module only decodes the bytes
and tidies what the extractor returns (control characters out).
"""

from __future__ import annotations

import codecs
import logging
import re

from ..errors import InputError
from ..model import Article
from ..safety import UNSAFE
from .text import clean_label, looks_compressed, publication

# A page whose extracted text has fewer words than this is navigation, not an article.
MIN_WORDS = 4
# Extraction time grows with the number of elements (faster than linearly past
# ~100,000); real article pages have a few thousand. Beyond this a hostile or
# runaway page is refused instead of keeping the terminal busy for minutes.
MAX_ELEMENTS = 50_000
_START_TAG = re.compile(r"<[A-Za-z]")

_QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer")


def quiet_library_logs() -> None:
    """The extractors log warnings about odd pages; keep them off the user's terminal."""
    for name in _QUIET_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
        logger.propagate = False


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{2,40})""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_html(data: bytes, name: str, charset: str | None = None) -> tuple[str, str]:
    """Decode a page the way browsers do, roughly: BOM, HTTP charset, <meta charset>, UTF-8, guess."""
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    kind = looks_compressed(data)
    if kind:
        raise InputError(f"{name}: looks like a {kind} file, not a web page")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: not valid {encoding} ({exc.reason})") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not a web page")
    candidates: list[str] = []
    if charset:
        candidates.append(charset)
    m = _META_CHARSET.search(data[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii"))
    candidates.append("utf-8")
    for encoding in candidates:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            continue
        # Pages that say latin-1 mean windows-1252 (as every browser assumes).
        if codec in ("latin_1", "iso8859-1", "ascii"):
            codec = "cp1252"
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: cannot tell the page's text encoding")
    return str(best), best.encoding


# What safety.py calls unsafe, plus the invisible LRM/RLM marks. Removed here, not
# shown as `�`: the offsets index this extracted text, never the page, so nothing
# needs them kept; and a page's hidden escape sequence is no part of its article.
_CONTROL = re.compile(f"[{UNSAFE}\u200e\u200f]")


def clean_extracted(text: str) -> str:
    """Tidy extractor output: no control characters (escape sequences, bidi overrides), no trailing spaces."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")


def _drop_control_ref(m: re.Match[str]) -> str:
    code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
    if code in (9, 10, 13) or not (code < 32 or 0x7F <= code <= 0x9F):
        return m.group(0)
    return ""


def without_controls(html: str) -> str:
    """The page minus control characters, raw or as ``&#27;``-style references.

    They are never article text (an escape sequence hidden in a page would
    reach the terminal), and lxml cannot serialise them, which makes
    trafilatura discard the whole page.
    """
    return _CHAR_REF.sub(_drop_control_ref, _RAW_CONTROL.sub("", html))


def extract(html: str, url: str | None = None):
    """trafilatura's document (text and metadata) for an HTML string, or ``None``."""
    quiet_library_logs()
    html = without_controls(html)
    import trafilatura
    from trafilatura.settings import set_date_params

    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            # Dates only from the page's metadata and markup, never guessed from
            # a copyright line or the URL's year.
            date_extraction_params=set_date_params(extensive=False),
        )
    except (ValueError, TypeError, AttributeError) as exc:  # malformed markup lxml gives up on
        logging.getLogger(__name__).debug("extraction failed: %s", exc)
        return None


def article_from_html(
    data: bytes,
    source: str,
    published: str | None = None,
    *,
    charset: str | None = None,
    url: str | None = None,
) -> Article:
    html, encoding = decode_html(data, source, charset)
    elements = len(_START_TAG.findall(html))
    if elements > MAX_ELEMENTS:
        raise InputError(f"{source}: page is too large to extract ({elements} elements; the limit is {MAX_ELEMENTS})")
    doc = extract(html, url)
    text = clean_extracted(doc.text or "") if doc is not None else ""
    if len(text.split()) < MIN_WORDS:
        raise InputError(f"{source}: no article text found in this page")
    title = clean_label(doc.title) or None
    byline = clean_label(doc.author) or None
    found_date, found_from, text_title = publication(text, published, _iso_day(doc.date))
    title = title or clean_label(text_title) or None
    return Article(
        source=source,
        text=text,
        title=title,
        published=found_date,
        published_from=found_from,
        byline=byline,
        text_from="extracted",
        encoding=encoding,
    )


def _iso_day(value: str | None) -> str | None:
    if value and re.fullmatch(r"\d{4}-\d\d-\d\d", value[:10]):
        return value[:10]
    return None
