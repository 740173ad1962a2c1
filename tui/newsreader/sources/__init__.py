"""Turning what the user names on the command line into ``Article`` objects.

Each kind of input ends in an ``Article`` whose ``text`` every offset points into:

* plain text (``.txt``, ``.md``, anything not recognised as markup): the file
  exactly as decoded (``text.py``; ``text_from="file"``);
* a saved web page (``.html``/``.htm``/``.xhtml``, or content that starts like
  HTML): the main text trafilatura extracts (``html.py``; ``text_from="extracted"``);
* an RSS or Atom feed (``.xml``/``.rss``/``.atom``, or content that starts like
  one): one article per entry (``feed.py``);
* ``http(s)://`` URLs, fetched with a timeout and a size cap (``fetch.py``) and
  then read as one of the above by their content type and content;
* ``-``: standard input (``stdin.py``), sniffed the same way;
* a directory: the articles, pages and feeds directly inside it, sorted by name.
"""

from __future__ import annotations

import re
import stat
import sys
from pathlib import Path
from typing import Literal

from ..errors import InputError
from ..export_paths import is_export_name
from ..model import Article
from ..safety import safe_line
from ..wording import MB, megabytes
from .text import article_from_bytes
from .url import is_url

Kind = Literal["text", "html", "feed"]

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
MAX_BYTES = 50 * MB
"""Plain text files and stdin."""
MAX_MARKUP_BYTES = 20 * MB
"""HTML pages and feeds read from disk (URLs have their own, smaller cap)."""

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
               "text/xml", "application/x-rss+xml", "application/feed+json"}
_TEXT_TYPES = {"text/plain", "text/markdown", "text/x-markdown"}


def read_path(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """A file's bytes, refusing what is missing, a directory, unreadable or too large.

    Pipes and devices (``<(curl ...)``, ``/dev/stdin``) are read up to the cap,
    so ``/dev/zero`` or an endless pipe ends in "too large", not a hang.
    """
    name = str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{name}: is a directory, not an article (open it with `newsreader {name}`)")
    if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
        raise InputError(f"{name}: file is too large ({megabytes(st.st_size)}; the limit is {megabytes(max_bytes)})")
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise InputError(f"{name}: file is too large (over {megabytes(max_bytes)}, the limit)")
    return data


_XML_PROLOG = re.compile(r"^(?:\s+|<\?xml[^>]*\?>|<!--.*?-->|<\?xml-stylesheet[^>]*\?>)*", re.S)


def sniff(data: bytes) -> Kind | None:
    """What the content itself says it is: ``html``, ``feed``, or ``None`` (no markup at the start)."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head_text = head.decode("utf-16", errors="ignore")
    else:
        head_text = head.decode("utf-8", errors="ignore").lstrip("\ufeff")
    head_text = head_text.replace("\x00", "")
    rest = _XML_PROLOG.sub("", head_text, count=1).lower()
    if rest.startswith(("<!doctype html", "<html")):
        return "html"
    if re.match(r"<(rss|feed|rdf:rdf)\b", rest):
        return "feed"
    if rest.startswith("<!doctype rss"):
        return "feed"
    if rest.startswith("<!doctype") and re.search(r"<(rss|feed|rdf:rdf)\b", rest):
        return "feed"
    if head_text.lstrip().startswith("<?xml") and re.search(r"<html\b", rest):
        return "html"
    return None


def kind_for(name: str, data: bytes, content_type: str | None = None) -> Kind:
    """Decide how to read ``data``: the content wins, then the content type, then the suffix."""
    found = sniff(data)
    if found:
        return found
    if content_type:
        if content_type in _HTML_TYPES:
            return "html"
        if content_type in _FEED_TYPES:
            return "feed"
        if content_type in _TEXT_TYPES:
            return "text"
        raise InputError(f"{name}: unsupported content type {content_type} (newsreader reads HTML pages, "
                         "RSS/Atom feeds and plain text)")
    suffix = Path(name.split("?", 1)[0].split("#", 1)[0]).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES:
        return "feed"
    return "text"


def _from_bytes(
    data: bytes,
    name: str,
    published: str | None,
    *,
    content_type: str | None = None,
    charset: str | None = None,
    url: str | None = None,
) -> list[Article]:
    kind = kind_for(name, data, content_type)
    if kind == "html":
        from .html import article_from_html

        return [article_from_html(data, name, published, charset=charset, url=url)]
    if kind == "feed":
        from .feed import articles_from_feed

        return articles_from_feed(data, name, published, content_type=content_type, charset=charset)
    return [article_from_bytes(data, name, published)]


def load_source(source: str, published: str | None = None) -> list[Article]:
    """Every article one command-line name stands for (a feed stands for several)."""
    if source == "-":
        from .stdin import NAME, read_stdin

        return _from_bytes(read_stdin(MAX_BYTES), NAME, published)
    if is_url(source):
        from .fetch import fetch  # urllib.request and ssl: ~35 ms, only paid for URLs

        got = fetch(source)
        return _from_bytes(got.data, source, published, content_type=got.content_type,
                           charset=got.charset, url=got.final_url)
    path = Path(source)
    suffix = path.suffix.lower()
    cap = MAX_MARKUP_BYTES if suffix in HTML_SUFFIXES | FEED_SUFFIXES else MAX_BYTES
    return _from_bytes(read_path(path, cap), source, published)


def load_article(source: str, published: str | None = None, entry: int | None = None) -> Article:
    """One article from a path, a URL, or ``-`` for standard input.

    A feed with one entry gives that entry; a feed with more needs ``entry``
    (1-based, as in ``newsreader export feed.xml --entry 2``).
    """
    articles = load_source(source, published)
    name = "<stdin>" if source == "-" else source
    if entry is not None:
        if not 1 <= entry <= len(articles):
            raise InputError(f"{name}: no entry {entry} (it has {_entries(len(articles))})")
        return articles[entry - 1]
    if len(articles) > 1:
        raise InputError(f"{name}: a feed with {len(articles)} entries; choose one with --entry N (1-{len(articles)})")
    return articles[0]


def _entries(n: int) -> str:
    return "1 entry" if n == 1 else f"{n} entries, 1-{n}"


def expand_sources(sources: list[str]) -> list[str]:
    """Directories become the articles inside them (sorted); other names pass through."""
    out: list[str] = []
    for source in sources:
        path = Path(source)
        if source != "-" and path.is_dir():
            # An export written next to the articles (story.newsreader.md) is not one of them.
            found = sorted(
                str(p) for p in path.iterdir()
                if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith(".")
                and not is_export_name(p.name)
            )
            if not found:
                raise InputError(f"{source}: no articles (.txt, .md, .html, feeds) in this directory")
            out.extend(found)
        else:
            out.append(source)
    return out


_ENTRY_SUFFIX = re.compile(r"#entry-\d+$")


def writes_over_input(target: str | Path, source: str) -> bool:
    """True when writing ``target`` would replace the file the article ``source`` was
    read from: the same file under any name (``./story.md``, a symlink, a hard link),
    a feed entry's feed, or the file standard input was redirected from."""
    target = Path(target).expanduser()
    try:
        target_stat = target.stat()
    except OSError:
        return False  # nothing there yet (or unreachable): not the input
    if not stat.S_ISREG(target_stat.st_mode):
        return False  # /dev/null, /dev/stdout: writing there replaces nothing
    target_id = (target_stat.st_dev, target_stat.st_ino)
    base = source
    if _ENTRY_SUFFIX.search(source) and not Path(source).exists():
        base = _ENTRY_SUFFIX.sub("", source)  # feed.xml#entry-2 was read from feed.xml
    if base in ("-", "<stdin>"):
        from .stdin import stdin_file_id

        return stdin_file_id() == target_id
    if is_url(base):
        return False
    try:
        input_stat = Path(base).stat()
    except OSError:
        return False
    return (input_stat.st_dev, input_stat.st_ino) == target_id

def load_articles(sources: list[str], published: str | None = None) -> list[Article]:
    """The reader's library: every article each name stands for, in order.

    Files named on the command line must all load; a file found inside a
    directory that cannot be read is skipped with a warning on stderr (one bad
    file should not keep the rest of a folder from opening).
    """
    if sources.count("-") > 1:
        raise InputError("-: standard input can be read only once")
    named = {s for s in sources}
    articles: list[Article] = []
    skipped = 0
    for source in expand_sources(sources):
        try:
            articles.extend(load_source(source, published))
        except InputError as exc:
            if source in named:
                raise
            skipped += 1
            print(safe_line(f"newsreader: skipped {exc}"), file=sys.stderr)
    if not articles:
        raise InputError(f"{', '.join(sources)}: no readable articles")
    return articles


def bundled_seeds_dir() -> Path | None:
    """The sample articles shipped in the repository's ``seeds/``."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "seeds"
        if candidate.is_dir() and any(candidate.glob("*.txt")):
            return candidate
    return None
