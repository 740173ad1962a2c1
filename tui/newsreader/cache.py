"""A disk cache of finished analyses, so a reopened article never waits for spaCy.

One JSON file per (text, pipeline version, model)::

    <user cache dir>/analyses/<sha256 of the text>-<PIPELINE_VERSION>-<model>.json

``$NEWSREADER_CACHE_DIR`` replaces ``<user cache dir>/analyses`` (tests use it).
The cache is an optimisation and never an error: a corrupt, unreadable or
read-only cache is skipped with a warning in the log, and the analysis is
computed as if there were no cache. Writes go to a temporary file in the same
directory and are moved into place with ``os.replace``, so a reader (or a
second newsreader writing the same entry) only ever sees a whole file.

This module must stay light: the UI imports it, and a cache hit must not pull
in spaCy, thinc or dateparser.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

from . import PIPELINE_VERSION
from .model import Analysis, Entity, Quote

log = logging.getLogger("newsreader.cache")

CACHE_ENV = "NEWSREADER_CACHE_DIR"
FORMAT = 1
SUFFIX = ".json"
TMP_PREFIX = ".tmp-"
# Oldest entries beyond this many are removed after a write (an entry is ~1 KB
# per 10 words of article: the cap keeps the directory to tens of MB).
MAX_ENTRIES = 500

_warned: set[str] = set()


def _warn(key: str, message: str) -> None:
    """Log a cache problem once per kind per process (a read-only disk is not news twice)."""
    if key in _warned:
        log.debug("%s", message)
        return
    _warned.add(key)
    log.warning("%s", message)
    if "textual" in sys.modules:  # the reader is running: put it in Textual's log too
        try:
            from textual import log as textual_log

            textual_log.warning(f"newsreader cache: {message}")
        except Exception:  # pragma: no cover - logging must never break the reader
            pass


def cache_dir() -> Path:
    """Where analyses are kept (not created until something is written)."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("newsreader", appauthor=False)) / "analyses"


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _safe_model(model: str) -> str:
    """A model name as a file-name part (``--model`` may be a path)."""
    safe = re.sub(r"[^A-Za-z0-9_.+-]", "_", model)
    if safe != model or len(safe) > 80:
        safe = safe[-60:] + "." + hashlib.sha256(model.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return safe


def entry_path(text: str, model: str, *, digest: str | None = None) -> Path:
    digest = digest or text_hash(text)
    return cache_dir() / f"{digest}-{PIPELINE_VERSION}-{_safe_model(model)}{SUFFIX}"


def has(text: str, model: str) -> bool:
    """Whether an entry exists (cheap: no read, no parse)."""
    try:
        return entry_path(text, model).is_file()
    except OSError:
        return False


def load(text: str, model: str) -> Analysis | None:
    """The cached analysis of ``text`` by ``model``, or ``None`` (missing, or skipped with a warning)."""
    digest = text_hash(text)
    path = entry_path(text, model, digest=digest)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        _warn("read", f"cannot read cache entry {path}: {exc.strerror or exc}; analysing afresh")
        return None
    try:
        data = json.loads(raw)
        analysis = _decode(data, text, digest, model)
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        _warn("corrupt", f"ignoring corrupt cache entry {path}: {exc}; analysing afresh")
        return None
    log.debug("cache hit %s", path)
    return analysis


def _decode(data: Any, text: str, digest: str, model: str) -> Analysis:
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    if data.get("format") != FORMAT:
        raise ValueError(f"unknown format {data.get('format')!r}")
    if data.get("text_sha256") != digest:
        raise ValueError("written for another text")
    if data.get("pipeline") != PIPELINE_VERSION or data.get("model") != model:
        raise ValueError("written for another pipeline or model")
    body = data["analysis"]
    entities = [Entity.from_dict(e) for e in body["entities"]]
    quotes = [Quote.from_dict(q) for q in body["quotes"]]
    n = len(text)
    # Offsets must point into this text: a truncated or hand-edited entry must not crash the reader.
    for ent in entities:
        for m in ent.mentions:
            if not (0 <= m.start <= m.end <= n) or text[m.start:m.end] != m.text:
                raise ValueError(f"mention {m.text!r} at {m.start} does not match the text")
    for q in quotes:
        if not (0 <= q.start <= q.end <= n):
            raise ValueError(f"quote {q.id} at {q.start} is outside the text")
    return Analysis(entities=entities, quotes=quotes, analysed_upto=n, complete=True,
                    model=body.get("model", model))


def encode(text: str, model: str, analysis: Analysis) -> bytes:
    data = {
        "format": FORMAT,
        "text_sha256": text_hash(text),
        "pipeline": PIPELINE_VERSION,
        "model": model,
        "analysis": {
            "model": analysis.model,
            "entities": [e.to_dict() for e in analysis.entities],
            "quotes": [q.to_dict() for q in analysis.quotes],
        },
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def store(text: str, model: str, analysis: Analysis) -> Path | None:
    """Write a complete analysis atomically; ``None`` (and a warning) when it cannot be written."""
    if not analysis.complete:
        return None
    import tempfile  # only the worker writes: the reader's start-up does not pay for it (~6 ms)

    path = entry_path(text, model)
    tmp: str | None = None
    try:
        payload = encode(text, model, analysis)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=SUFFIX, dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, path)
        tmp = None
    except (OSError, ValueError, TypeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        _warn("write", f"cannot write the analysis cache in {path.parent}: {reason}; not caching")
        return None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    _prune(path.parent)
    return path


def _prune(directory: Path, keep: int = MAX_ENTRIES) -> None:
    try:
        entries = [p for p in directory.iterdir() if p.suffix == SUFFIX and not p.name.startswith(TMP_PREFIX)]
        if len(entries) <= keep:
            return
        entries.sort(key=lambda p: p.stat().st_mtime)
        for p in entries[: len(entries) - keep]:
            p.unlink(missing_ok=True)
    except OSError as exc:
        log.debug("cache prune failed: %s", exc)


def clear() -> list[Path]:
    """Remove every cache entry (and stray temporary files); return what was removed."""
    directory = cache_dir()
    removed: list[Path] = []
    try:
        children = sorted(directory.iterdir())
    except FileNotFoundError:
        return removed
    except OSError as exc:
        _warn("clear", f"cannot list the analysis cache {directory}: {exc.strerror or exc}")
        return removed
    for p in children:
        if p.suffix != SUFFIX or not p.is_file():
            continue
        try:
            p.unlink()
            removed.append(p)
        except OSError as exc:
            _warn("clear", f"cannot remove {p}: {exc.strerror or exc}")
    return removed
