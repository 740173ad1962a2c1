"""Turning what the user names on the command line into ``Article`` objects.

Each kind of input (text file, directory, stdin; HTML, feeds and URLs live in
their own modules) ends in an ``Article`` whose ``text`` every offset points into.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import InputError
from ..model import Article
from .text import article_from_bytes

ARTICLE_SUFFIXES = {".txt", ".md", ".text", ""}
MAX_BYTES = 50 * 1024 * 1024


def read_path(path: Path) -> bytes:
    name = str(path)
    if not path.exists():
        raise InputError(f"{name}: no such file")
    if path.is_dir():
        raise InputError(f"{name}: is a directory, not an article (open it with `newsreader {name}`)")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{name}: file is too large ({size // (1024 * 1024)} MB; the limit is 50 MB)")
        return path.read_bytes()
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None


def load_article(source: str, published: str | None = None) -> Article:
    """One article from a path, or ``-`` for standard input."""
    if source == "-":
        data = sys.stdin.buffer.read()
        return article_from_bytes(data, "<stdin>", published)
    return article_from_bytes(read_path(Path(source)), source, published)


def expand_sources(sources: list[str]) -> list[str]:
    """Directories become the articles inside them (sorted); other names pass through."""
    out: list[str] = []
    for source in sources:
        path = Path(source)
        if source != "-" and path.is_dir():
            found = sorted(
                str(p) for p in path.iterdir()
                if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith(".")
            )
            if not found:
                raise InputError(f"{source}: no articles (.txt, .md) in this directory")
            out.extend(found)
        else:
            out.append(source)
    return out


def load_articles(sources: list[str], published: str | None = None) -> list[Article]:
    return [load_article(s, published) for s in expand_sources(sources)]


def bundled_seeds_dir() -> Path | None:
    """The sample articles shipped in the repository's ``seeds/``."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "seeds"
        if candidate.is_dir() and any(candidate.glob("*.txt")):
            return candidate
    return None
