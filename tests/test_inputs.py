"""The CLI on real-world inputs: every bad input is one line and exit 2, offsets stay exact.

Pages and feeds are served from a local HTTP server on 127.0.0.1; nothing here
touches the internet.
"""

from __future__ import annotations

import gzip
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from newsreader.errors import InputError
from newsreader.sources import load_article
from newsreader.sources import fetch as fetch_mod

FIX = Path(__file__).parent / "fixtures" / "inputs"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    return env


def run_cli(*args: str, stdin: bytes | None = None, new_session: bool = False, timeout: float = 120):
    return subprocess.run(
        [sys.executable, "-m", "newsreader", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        env=_env(),
        timeout=timeout,
        start_new_session=new_session,
    )


def assert_one_line_error(result, expected: str) -> None:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, (result.returncode, err)
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("newsreader: "), err
    assert expected in lines[0], err


# --- a local web server -------------------------------------------------------

class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def _send(self, body: bytes, ctype: str, status: int = 200, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's API
        path = self.path.split("?", 1)[0]
        if path == "/article":
            self._send((FIX / "article.html").read_bytes(), "text/html; charset=utf-8")
        elif path == "/cp1252":
            self._send((FIX / "cp1252-page.html").read_bytes(), "text/html; charset=windows-1252")
        elif path == "/feed":
            self._send((FIX / "feed.rss").read_bytes(), "application/rss+xml")
        elif path == "/feed-as-html":
            self._send((FIX / "feed.atom").read_bytes(), "text/html")
        elif path == "/plain":
            self._send((FIX / "crlf.txt").read_bytes(), "text/plain; charset=utf-8")
        elif path == "/image":
            self._send(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png")
        elif path == "/empty-page":
            self._send((FIX / "no-text.html").read_bytes(), "text/html")
        elif path == "/gzip":
            body = gzip.compress((FIX / "article.html").read_bytes())
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50 * 1000 * 1000))
            self.end_headers()
        elif path == "/huge-streamed":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65530 + b"</p>"
            try:
                for _ in range(200):  # ~13 MB, bounded; the client hangs up after 5 MB
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/redirect-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(20):  # bounded: 20 bytes over ~2 s
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif path == "/slow":
            time.sleep(1.5)
            self._send(b"<html><body><p>late</p></body></html>", "text/html")
        else:
            self._send(b"not here", "text/plain", status=404)


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


# --- errors: one line, exit 2 -------------------------------------------------

def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as fh:
        fh.truncate(size)
    return path


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda d: d / "missing.txt", "missing.txt: no such file"),
        (lambda d: d, "is a directory, not an article"),
        (lambda d: (d / "empty.txt").write_bytes(b"  \n") and d / "empty.txt", "empty.txt: file is empty"),
        (lambda d: (d / "bin.txt").write_bytes(bytes(range(256)) * 40) and d / "bin.txt",
         "bin.txt: looks like a binary file, not text"),
        (lambda d: (d / "a.txt.gz").write_bytes(gzip.compress(b"hello " * 100)) and d / "a.txt.gz",
         "looks like a gzip-compressed file"),
        (lambda d: _sparse(d / "huge.txt", 51 * 1000 * 1000), "huge.txt: file is too large (51 MB; the limit is 50 MB)"),
        # MB are 10^6 bytes in the size and in the limit alike: a 100 MB file is "100 MB", not "95 MB"
        (lambda d: _sparse(d / "100mb.txt", 100_000_000), "100mb.txt: file is too large (100 MB; the limit is 50 MB)"),
        (lambda d: _sparse(d / "huge.html", 21 * 1024 * 1024), "huge.html: file is too large"),
        (lambda d: FIX / "no-text.html", "no-text.html: no article text found in this page"),
        (lambda d: FIX / "entity-bomb.rss", "feed declares XML entities, which newsreader refuses"),
        (lambda d: FIX / "external-entity.rss", "feed declares XML entities"),
        (lambda d: FIX / "not-a-feed.xml", "not-a-feed.xml: not an RSS or Atom feed"),
        (lambda d: FIX / "empty-feed.rss", "the feed has no entries"),
        (lambda d: FIX / "feed.rss", "a feed with 3 entries; choose one with --entry N (1-3)"),
    ],
)
def test_export_errors(tmp_path: Path, make, expected: str) -> None:
    assert_one_line_error(run_cli("export", str(make(tmp_path))), expected)


def test_reader_errors_before_the_ui(tmp_path: Path) -> None:
    # The reader checks its inputs before any screen is drawn.
    assert_one_line_error(run_cli(str(tmp_path / "nope.html")), "nope.html: no such file")
    assert_one_line_error(run_cli(str(FIX / "entity-bomb.rss")), "feed declares XML entities")


def test_entry_out_of_range() -> None:
    assert_one_line_error(run_cli("export", str(FIX / "feed.rss"), "--entry", "7"), "no entry 7 (it has 3 entries, 1-3)")


def test_stdin_reader_without_a_terminal() -> None:
    # No controlling terminal (like cron or CI): the reader cannot take keys after reading the pipe.
    result = run_cli("-", stdin=(FIX / "crlf.txt").read_bytes(), new_session=True)
    assert_one_line_error(result, "no terminal to read keys from after reading stdin")


def test_stdin_empty() -> None:
    assert_one_line_error(run_cli("export", "-", stdin=b""), "<stdin>: file is empty")


# --- URLs ---------------------------------------------------------------------

@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/missing", "the server answered HTTP 404 Not Found"),
        ("/image", "unsupported content type image/png"),
        ("/empty-page", "no article text found in this page"),
        ("/huge-declared", "page is too large (50 MB; the limit is 5.0 MB)"),
        ("/huge-streamed", "page is too large (over 5.0 MB, the limit)"),
        ("/gzip", "server sent gzip-compressed data"),
        ("/redirect-file", "redirect to a non-web address file:///etc/passwd"),
        ("/feed", "a feed with 3 entries; choose one with --entry N"),
    ],
)
def test_url_errors(server: str, path: str, expected: str) -> None:
    result = run_cli("export", server + path)
    assert_one_line_error(result, f"{server}{path}: {expected}")


def test_url_connection_refused() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Nothing listens there now.
    assert_one_line_error(run_cli("export", f"http://127.0.0.1:{port}/x"), "connection refused by 127.0.0.1")


def test_url_offline_dns_failure(monkeypatch) -> None:
    def no_dns(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    with pytest.raises(InputError, match=r"^http://news\.example/a: cannot find the host news\.example \(offline"):
        load_article("http://news.example/a")


def test_url_timeout(server: str) -> None:
    with pytest.raises(InputError, match=r"/slow: timed out after 0\.3 s$"):
        fetch_mod.fetch(server + "/slow", timeout=0.3)


def test_url_slow_drip_hits_the_total_deadline(server: str) -> None:
    with pytest.raises(InputError, match=r"/drip: timed out after 0\.5 s \(the page kept arriving too slowly\)$"):
        fetch_mod.fetch(server + "/drip", timeout=5, total_timeout=0.5)


def test_url_pages_and_feeds(server: str, monkeypatch) -> None:
    for key in [k for k in os.environ if "proxy" in k.lower()]:
        monkeypatch.delenv(key)
    article = load_article(server + "/article")
    assert article.source == server + "/article"
    assert article.text_from == "extracted" and article.published == "2023-03-14"
    assert "said Tomas Brandt" in article.text
    assert load_article(server + "/redirect").text == article.text
    assert "René Dupré" in load_article(server + "/cp1252").text
    # Content wins over a wrong content type.
    assert load_article(server + "/feed-as-html", entry=2).title == "Storm warning for the strait"
    entry = load_article(server + "/feed", entry=1)
    assert entry.source == server + "/feed#entry-1" and entry.published == "2023-03-14"
    plain = load_article(server + "/plain")
    assert plain.text_from == "file" and plain.text == (FIX / "crlf.txt").read_bytes().decode("utf-8")


# --- offsets stay exact in the export ------------------------------------------

def export_in_process(capsys, *args: str) -> dict:
    """``newsreader export ARGS`` in this process (the spaCy model loads once for all tests)."""
    from newsreader.cli import main

    capsys.readouterr()
    code = main(["export", *args])
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(out.out)


def _check_offsets(doc: dict, text: str) -> None:
    assert doc["entities"], "the engine found no entities"
    for entity in doc["entities"]:
        for m in entity["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"], (entity["name"], m)
    for q in doc["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"], q
        if q.get("cue"):
            c = q["cue"]
            assert text[c["start"]:c["end"]] == c["text"], q


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("utf8-bom.txt", "utf-8"),  # the BOM stays in the text as U+FEFF, as open() gives it
        ("utf16-bom.txt", "utf-16"),
        ("cp1252.txt", "cp1252"),
        ("latin1.txt", "latin-1"),
        ("crlf.txt", "utf-8"),
        ("cr.txt", "utf-8"),
        ("tabs-nonascii.txt", "utf-8"),
    ],
)
def test_export_offsets_for_encodings_and_line_endings(name: str, encoding: str, capsys) -> None:
    doc = export_in_process(capsys, str(FIX / name), "--format", "json")
    text = (FIX / name).read_bytes().decode(encoding)
    assert doc["text_from"] == "file"
    assert doc["published"] == "2023-03-03" and doc["published_from"] == "dateline"
    _check_offsets(doc, text)
    names = {e["name"] for e in doc["entities"]}
    assert any("Port Ellis" in n for n in names), names


@pytest.mark.parametrize(
    ("args", "source"),
    [
        (("article.html",), "article.html"),
        (("cp1252-page.html",), "cp1252-page.html"),
        (("feed.rss", "--entry", "1"), "feed.rss#entry-1"),
        (("feed.atom", "--entry", "1"), "feed.atom#entry-1"),
    ],
)
def test_export_offsets_index_the_extracted_text(args: tuple[str, ...], source: str, capsys) -> None:
    path = str(FIX / args[0])
    doc = export_in_process(capsys, path, *args[1:])
    assert doc["text_from"] == "extracted"
    assert doc["source"] == str(FIX / source)
    assert doc["published_from"] == "metadata"
    entry = int(args[2]) if len(args) > 2 else None
    _check_offsets(doc, load_article(path, entry=entry).text)


def test_export_from_stdin_and_date_option() -> None:
    data = (FIX / "article.html").read_bytes()
    result = run_cli("export", "-", "--date", "2024-01-31", stdin=data)
    assert result.returncode == 0, result.stderr.decode()
    doc = json.loads(result.stdout)
    assert doc["source"] == "<stdin>" and doc["text_from"] == "extracted"
    assert (doc["published"], doc["published_from"]) == ("2024-01-31", "option")


def test_export_url(server: str) -> None:
    result = run_cli("export", server + "/article", "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    doc = json.loads(result.stdout)
    assert doc["source"] == server + "/article" and doc["published"] == "2023-03-14"
    _check_offsets(doc, load_article(str(FIX / "article.html")).text)


def test_reader_needs_a_terminal_on_stdout() -> None:
    # `newsreader DIR </dev/null | cat`: one line, exit 2, and no escape sequences in the pipe
    expected = ("newsreader: the reader needs a terminal (stdout is not one); "
                "use `newsreader export` for scripts\n")
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    for args in ((str(seeds),), (str(seeds / "aleppo-evacuation.txt"),)):
        result = run_cli(*args, timeout=60)
        assert result.returncode == 2
        assert result.stdout == b""
        assert result.stderr.decode() == expected


def test_reader_needs_a_terminal_on_stderr_where_it_draws() -> None:
    # stdout a terminal but stderr redirected (`newsreader DIR 2> log`): Textual would draw into the log
    import pty

    seeds = Path(__file__).resolve().parents[1] / "seeds"
    master, slave = pty.openpty()
    try:
        proc = subprocess.run([sys.executable, "-m", "newsreader", str(seeds)], stdin=subprocess.DEVNULL,
                              stdout=slave, stderr=subprocess.PIPE, env=_env(), timeout=60)
    finally:
        os.close(slave)
        os.close(master)
    assert proc.returncode == 2
    assert proc.stderr.decode() == ("newsreader: the reader needs a terminal (stderr, where it draws, is not one); "
                                    "use `newsreader export` for scripts\n")


def _reader_on_a_pty(args: list[str], *, controlling: bool, keys: bytes = b"", timeout: float = 60):
    """The reader with stdout and stderr on a pseudo-terminal and stdin from /dev/null;
    ``controlling`` makes the pty its controlling terminal (so /dev/tty exists)."""
    import fcntl
    import pty
    import select
    import termios

    master, slave = pty.openpty()

    def session() -> None:
        os.setsid()
        if controlling:
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)

    proc = subprocess.Popen([sys.executable, "-m", "newsreader", *args], stdin=subprocess.DEVNULL,
                            stdout=slave, stderr=slave, env=_env(), preexec_fn=session)
    os.close(slave)
    out = b""
    deadline = time.monotonic() + timeout
    sent = False
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    out += os.read(master, 65536)
                except OSError:
                    break
            if keys and not sent and b"Article" in out:
                time.sleep(0.5)
                os.write(master, keys)
                sent = True
        proc.wait(timeout=max(1, deadline - time.monotonic()))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        try:
            while select.select([master], [], [], 0)[0]:
                chunk = os.read(master, 65536)
                if not chunk:
                    break
                out += chunk
        except OSError:
            pass
        os.close(master)
    return proc.returncode, out


def test_reader_without_a_terminal_to_read_keys_from() -> None:
    seed = str(Path(__file__).resolve().parents[1] / "seeds" / "aleppo-evacuation.txt")
    code, out = _reader_on_a_pty([seed, "--no-cache"], controlling=False)
    assert code == 2
    assert out.decode().strip() == ("newsreader: the reader needs a terminal to read keys from (stdin is not one, "
                                    "and there is no /dev/tty); use `newsreader export` for scripts")


def test_reader_with_stdin_from_dev_null_reads_keys_from_the_terminal() -> None:
    seed = str(Path(__file__).resolve().parents[1] / "seeds" / "aleppo-evacuation.txt")
    code, out = _reader_on_a_pty([seed, "--no-cache"], controlling=True, keys=b"q")
    assert code == 0, out[-2000:]
    assert b"Traceback" not in out
