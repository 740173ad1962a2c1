"""``newsreader index PATH… [--jobs N | --dask ADDRESS]`` and ``newsreader quotes [--speaker NAME] …``: the archive's commands."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import sqlite3
import sys

from .cli import _date, _Parser
from .errors import NewsreaderError
from .safety import escape_json, one_line, safe_line

QUOTE_FORMATS = ("table", "json", "csv")


def index_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newsreader index",
                     description="Analyse articles into the archive (only new and changed ones).")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="articles, folders, feeds, http(s) URLs")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--jobs", "-j", type=_positive, default=os.cpu_count() or 1, metavar="N",
                       help="analysis processes (default: the number of cores)")
    where.add_argument("--dask", metavar="ADDRESS",
                       help="analyse on the Dask cluster of this scheduler (tcp://host:8786), or on a local "
                            "one of N processes (local, local:N); needs newsreader[dask]")
    parser.add_argument("--model", metavar="NAME", help="spaCy model package")
    parser.add_argument("--no-cache", action="store_true", help="do not read the analysis cache")
    return parser


def quotes_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newsreader quotes", description="Quotes from the archive, newest article first.")
    parser.add_argument("--speaker", metavar="NAME", help="only this speaker's quotes, in every article")
    parser.add_argument("--search", metavar="WORDS", help="only quotes holding all these words")
    parser.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="only articles published on or after")
    parser.add_argument("--format", "-f", choices=QUOTE_FORMATS, default="table")
    parser.add_argument("--limit", type=_positive, metavar="N", help="at most N quotes")
    return parser


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"not a positive number: {value!r}")
    return n


class _ProgressBar:
    """``indexing ███████░░░ 12/40`` on stderr, redrawn in place; only on a terminal."""

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        width = max(10, min(40, shutil.get_terminal_size((80, 24)).columns - 30))
        filled = width * done // max(1, total)
        self.stream.write(f"\rindexing {'█' * filled}{'░' * (width - filled)} {done}/{total}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()


def run_index(argv: list[str]) -> int:
    args = index_parser().parse_args(argv)
    from . import archive as arc
    from .runner import resolve_model

    if args.dask is not None:
        from .archive_dask import require_distributed

        require_distributed()
    model = resolve_model(args.model)  # a missing model is one line before anything is read
    bar = _ProgressBar() if _isatty(sys.stderr) else None
    with arc.Archive.open() as store:
        try:
            if args.dask is not None:
                from .archive_dask import index_on_dask

                result = index_on_dask(args.paths, store, args.dask, model=model, use_cache=not args.no_cache,
                                       progress=bar)
            else:
                result = arc.index(args.paths, store, model=model, jobs=args.jobs, use_cache=not args.no_cache,
                                   progress=bar)
        except sqlite3.DatabaseError as exc:
            raise store.unusable(exc) from None
        finally:
            if bar is not None:
                bar.clear()
        path = store.path
    skipped = f", {result.skipped} skipped" if result.skipped else ""
    cached = f" ({result.from_cache} from the cache)" if result.from_cache else ""
    print(safe_line(f"{result.analysed} analysed{cached}, {result.unchanged} unchanged, "
                    f"{result.removed} removed{skipped} — archive {path}"))
    return 1 if result.skipped else 0


def run_quotes(argv: list[str]) -> int:
    args = quotes_parser().parse_args(argv)
    from . import archive as arc

    path = arc.archive_path()
    if not path.exists():  # asking does not create one
        raise arc.ArchiveError(f"no archive at {path} yet: run `newsreader index PATH…` first")
    try:
        store = arc.Archive.open(path)
    except arc.ArchiveError as exc:
        if "newer newsreader" in str(exc):
            raise
        try:
            store = arc.Archive.open(path, readonly=True)  # a read-only archive still answers
        except arc.ArchiveError:
            raise exc from None
    with store:
        try:
            if store.links_stale() and not store.readonly:
                try:
                    store.relink()  # an index run was stopped before it linked the speakers
                except sqlite3.OperationalError as exc:
                    if "readonly" not in str(exc):
                        raise  # read-only: answer with the links as they are
            rows = store.quotes(speaker=args.speaker, search=args.search, since=args.since, limit=args.limit)
        except sqlite3.DatabaseError as exc:
            raise store.unusable(exc) from None
    if args.format == "json":
        out = render_json(rows)
    elif args.format == "csv":
        out = render_csv(rows)
    else:
        out = render_table(rows, shutil.get_terminal_size((100, 24)).columns)
    sys.stdout.write(out)
    sys.stdout.flush()
    return 0


def _isatty(stream) -> bool:
    try:
        return os.isatty(stream.fileno())
    except (AttributeError, OSError, ValueError):
        return False


# -- output --------------------------------------------------------------------------------

def _conf(row: dict) -> str:
    from .model import UNCERTAIN_BELOW

    c = row["confidence"]
    if c is None:
        return ""
    return f"{c:.2f}" + ("?" if c < UNCERTAIN_BELOW else "")


def _where(row: dict) -> str:
    return row["title"] or os.path.basename(row["source"].rstrip("/")) or row["source"]


def _clip(text: str, width: int) -> str:
    if width <= 0:
        return ""
    if len(text) <= width:
        return text.ljust(width)
    return text[: max(0, width - 1)] + "…"


def render_table(rows: list[dict], columns: int) -> str:
    """One line a quote, fitted to ``columns``: date, title, ¶, speaker, kind, confidence, quote (cut with …)."""
    if not rows:
        return "no quotes\n"
    columns = max(40, columns)
    cells = [(r["published"] or "—", one_line(_where(r)), str(r["paragraph"]), one_line(r["speaker"] or "—"),
              r["kind"], _conf(r), one_line(r["quote"])) for r in rows]
    head = ("date", "article", "¶", "speaker", "kind", "conf", "quote")
    # fixed columns at their widest (bounded), the title and speaker share what the quote leaves
    w_date = max(len(head[0]), *(len(c[0]) for c in cells))
    w_par = max(1, *(len(c[2]) for c in cells))
    w_kind = max(4, *(len(c[4]) for c in cells))
    w_conf = max(4, *(len(c[5]) for c in cells))
    keep = [0, 1, 2, 3, 4, 5, 6]
    rest = columns - (w_date + w_par + w_kind + w_conf) - 6  # six single-space gaps
    if rest < 40:  # narrow: the kind goes first, then the confidence, so the quote keeps some room
        keep.remove(4)
        rest += w_kind + 1
    if rest < 30:
        keep.remove(5)
        rest += w_conf + 1
    w_title = min(max(len(c[1]) for c in cells), max(5, rest // 4))
    w_speaker = min(max(len(c[3]) for c in cells), max(5, rest // 4))
    w_quote = max(5, rest - w_title - w_speaker)
    widths = (w_date, w_title, w_par, w_speaker, w_kind, w_conf, w_quote)
    lines = []
    for row in (head, *cells):
        line = " ".join(_clip(row[i], widths[i]) if i != 2 else row[i].rjust(widths[i]) for i in keep)
        lines.append(line.rstrip()[:columns])
    return "\n".join(lines) + "\n"


JSON_FIELDS = ("published", "title", "source", "paragraph", "speaker", "speaker_id", "archive_speaker", "kind",
               "quote", "confidence", "uncertain", "resolution", "cue", "start", "end")


def render_json(rows: list[dict]) -> str:
    from .model import UNCERTAIN_BELOW

    out = []
    for r in rows:
        item = {k: r.get(k) for k in JSON_FIELDS}
        item["uncertain"] = r["confidence"] is not None and r["confidence"] < UNCERTAIN_BELOW
        out.append(item)
    return escape_json(json.dumps(out, ensure_ascii=False, indent=2)) + "\n"


CSV_COLUMNS = ("published", "title", "source", "paragraph", "speaker", "speaker_id", "kind", "quote",
               "confidence", "uncertain", "resolution", "cue", "start", "end")


def render_csv(rows: list[dict]) -> str:
    from .export import _csv_safe
    from .model import UNCERTAIN_BELOW

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        c = r["confidence"]
        writer.writerow([
            r["published"] or "", _csv_safe(r["title"] or ""), _csv_safe(r["source"]), r["paragraph"],
            _csv_safe(r["speaker"] or ""), _csv_safe(r["speaker_id"] or ""), r["kind"], _csv_safe(r["quote"]),
            "" if c is None else f"{c:.2f}", "yes" if c is not None and c < UNCERTAIN_BELOW else "",
            r["resolution"] or "", _csv_safe(r["cue"] or ""), r["start"], r["end"],
        ])
    return buf.getvalue()


def main_for(command: str, argv: list[str]) -> int:
    if command == "index":
        return run_index(argv)
    if command == "quotes":
        return run_quotes(argv)
    raise NewsreaderError(f"unknown command {command}")  # pragma: no cover
