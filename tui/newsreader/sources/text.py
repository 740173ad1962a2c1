"""Plain-text articles: decoding bytes and reading title and date off the text.

Offsets into the article are offsets into the string this module returns, so
nothing here rewrites the text: no newline normalisation, no BOM left in, no
Unicode normalisation.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re

from ..errors import InputError
from ..model import Article, paragraph_spans
from ..safety import one_line

_BOMS = (
    # Keep a UTF-8 BOM as U+FEFF in the text: offsets then match what
    # ``open(path, encoding="utf-8")`` gives every other tool.
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode an article's bytes; return (text, encoding name).

    BOMs win, then well-known binary formats are refused by their magic bytes;
    bytes with NULs are UTF-16/32 without a BOM or text with a few stray NULs
    (kept, as U+0000); then strict UTF-8, then charset-normalizer's guess for
    legacy encodings (cp1252, latin-1, Shift-JIS...). Binary data is refused.
    """
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: not valid {encoding} text ({exc.reason})") from None
    kind = looks_compressed(data)
    if kind:
        raise InputError(f"{name}: looks like a {kind} file, not text")
    if b"\x00" in data[:8192]:
        return _decode_with_nuls(data, name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _guess(data, name)


def _decode_with_nuls(data: bytes, name: str) -> tuple[str, str]:
    """Bytes with NULs in them: UTF-16 or UTF-32 without a BOM (every other or
    every fourth byte NUL), or text with a few stray NULs, which are kept in the
    text (the reader shows them as ``�``; offsets index the text with them). A
    file with more NULs than a stray few is binary."""
    encoding = _bomless_wide_encoding(data[:8192])
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise InputError(f"{name}: looks like a binary file, not text") from None
        if _looks_binary(text):
            raise InputError(f"{name}: looks like a binary file, not text")
        return text, encoding
    sample = data[:8192]
    controls = sum(1 for byte in sample if byte < 32 and byte not in b"\t\n\r\f")
    if controls > max(2, len(sample) // 100):
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = _guess(data, name)
    if _looks_binary(text):
        raise InputError(f"{name}: looks like a binary file, not text")
    return text, encoding


def _bomless_wide_encoding(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` or ``utf-32-le``/``-be`` when the NULs fall where mostly-Latin
    text in that encoding has them (the high bytes of each code unit), else ``None``."""
    n = len(sample) - len(sample) % 4
    if n < 8:
        return None
    # share of NUL bytes at each position of a 4-byte group
    nul = [sample[i:n:4].count(0) / (n // 4) for i in range(4)]
    if min(nul[1:]) > 0.9 and nul[0] < 0.5:
        return "utf-32-le"
    if min(nul[:3]) > 0.9 and nul[3] < 0.5:
        return "utf-32-be"
    even, odd = (nul[0] + nul[2]) / 2, (nul[1] + nul[3]) / 2
    if odd > 0.6 and even < 0.1:
        return "utf-16-le"
    if even > 0.6 and odd < 0.1:
        return "utf-16-be"
    return None


def _guess(data: bytes, name: str) -> tuple[str, str]:
    """Not UTF-8: charset-normalizer's guess, windows-1252 winning ties."""
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise InputError(f"{name}: cannot tell the text encoding (not UTF-8, no known charset)")
    # Western single-byte code pages often tie (cp1250 vs cp1252 read "é" alike
    # but "ø" differently); the English news this reads is overwhelmingly
    # windows-1252, so it wins any tie it is part of, as browsers default to it.
    for match in results:
        if match.chaos <= best.chaos and "cp1252" in match.could_be_from_charset:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                break
            if not _looks_binary(text):
                return text, "cp1252"
            break
    text = str(best)
    if _looks_binary(text):
        raise InputError(f"{name}: looks like a binary file, not text")
    return text, best.encoding


_MAGIC = (
    (b"\x1f\x8b", "gzip-compressed"),
    (b"BZh", "bzip2-compressed"),
    (b"\xfd7zXZ\x00", "xz-compressed"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed"),
    (b"PK\x03\x04", "zip (or .docx)"),
    (b"%PDF-", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x7fELF", "program (ELF)"),
)


def looks_compressed(data: bytes) -> str | None:
    """The kind of a well-known binary format by its magic bytes ("gzip-compressed", "PDF"), or ``None``."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            if magic == b"BZh" and not data[3:4].isdigit():
                continue
            return kind
    return None


def clean_label(value: str | None, limit: int = 300) -> str:
    """A title or byline on one line: whitespace collapsed, control characters shown as ``�``
    (``safety.one_line``, as the reader shows them everywhere)."""
    return one_line(value, limit)


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls > max(2, len(sample) // 100)


_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_MONTH_RE = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DATE_PATTERNS = (
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    re.compile(rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<mon>{_MONTH_RE})\s*,?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
    re.compile(rf"\b(?P<mon>{_MONTH_RE})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s*,?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
)
# A line that is only a date, perhaps labelled: "Published: 8 December 2016", "December 8, 2016".
_DATE_LINE = re.compile(
    r"^\s*(?:(?:published|posted|updated|date|dated)\s*:?\s*)?(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,?\s+)?(?P<rest>.{6,40})$",
    re.I,
)


def parse_date_string(value: str) -> str | None:
    """An explicit calendar date in ``value`` as ``YYYY-MM-DD``, or ``None``."""
    for pattern in _DATE_PATTERNS:
        m = pattern.search(value)
        if not m:
            continue
        try:
            month = int(m["m"]) if "m" in m.groupdict() and m["m"] else _MONTHS[m["mon"].rstrip(".").lower()]
            return dt.date(int(m["y"]), month, int(m["d"])).isoformat()
        except (ValueError, KeyError):
            continue
    return None


def detect_metadata(text: str) -> tuple[str | None, str | None, str]:
    """Title and publication date read off the text: (title, published, published_from).

    The title is the first paragraph when it reads as a headline: short, no
    closing full stop, not itself a dateline sentence. The date comes from a
    date line near the top ("Published 8 December 2016") or a dateline
    ("LONDON, Dec 8, 2016 --").
    """
    paras = paragraph_spans(text)
    title = None
    if paras:
        start, end = paras[0]
        first = text[start:end]
        words = first.split()
        if (
            len(paras) > 1
            and 1 <= len(words) <= 20
            and not first.rstrip().endswith((".", "?\u201d", ".\u201d", '."', ":", ","))
            and not re.search(r"\s//\s|\s--\s|\u2014\s", first)
        ):
            title = first
    for start, end in paras[:4]:
        line = text[start:end]
        if len(line) <= 60:
            m = _DATE_LINE.match(line)
            if m:
                found = parse_date_string(m["rest"])
                if found:
                    return title, found, "dateline"
        head = line[:120]
        # A dateline: "PLACE, Month D, YYYY (Agency) --" at the start of a paragraph.
        found = parse_date_string(head)
        if found and re.match(r"^[A-Z][A-Za-z .'-]{1,40},", head):
            return title, found, "dateline"
    return title, None, "unknown"


def publication(text: str, published: str | None, metadata_date: str | None = None) -> tuple[str | None, str, str | None]:
    """(day, where it came from, title read off the text): ``--date`` wins, then the
    page's or feed's metadata, then a date line or dateline in the text."""
    text_title, text_date, text_from = detect_metadata(text)
    if published:
        return published, "option", text_title
    if metadata_date:
        return metadata_date, "metadata", text_title
    return text_date, text_from, text_title


def article_from_bytes(data: bytes, source: str, published: str | None = None) -> Article:
    text, encoding = decode_bytes(data, source)
    if not text.strip():
        raise InputError(f"{source}: file is empty")
    found_date, found_from, title = publication(text, published)
    title = clean_label(title) or None
    return Article(
        source=source,
        text=text,
        title=title,
        published=found_date,
        published_from=found_from,
        encoding=encoding,
    )
