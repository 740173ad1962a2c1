"""Fetching an article or feed over HTTP(S): a timeout, a size cap, one-line errors.

Plain ``urllib`` from the standard library: one GET, redirects followed only to
http/https, the body read in chunks and abandoned as soon as it passes the cap.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

from .. import __version__
from ..errors import InputError
from ..wording import MB, megabytes

TIMEOUT = 10.0
"""Seconds to wait for the connection and for each read."""
TOTAL_TIMEOUT = 30.0
"""Seconds for the whole body to arrive."""
MAX_BYTES = 5 * MB
CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    """The URL as given (what the article's ``source`` shows)."""
    final_url: str
    """Where redirects ended."""
    data: bytes
    content_type: str
    """Lower-case media type without parameters: ``text/html``."""
    charset: str | None


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = 5

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D401 - urllib's API
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, f"redirect to a non-web address {newurl}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES,
          total_timeout: float | None = None) -> Fetched:
    """GET ``url``; every failure is an ``InputError`` with one line saying what went wrong."""
    total_timeout = TOTAL_TIMEOUT if total_timeout is None else total_timeout
    host = urlsplit(url).hostname or ""
    if not host:
        raise InputError(f"{url}: not a valid URL (no host)")
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": f"newsreader/{__version__} (terminal news reader)",
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
            "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1",
            "Accept-Encoding": "identity",
        },
    )
    opener = urllib.request.build_opener(_Redirects())
    try:
        with opener.open(request, timeout=timeout) as response:
            headers: Message = response.headers
            length = headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise InputError(f"{url}: page is too large ({megabytes(int(length))}; the limit is {megabytes(max_bytes)})")
            chunks: list[bytes] = []
            total = 0
            deadline = time.monotonic() + total_timeout
            while True:
                chunk = response.read1(CHUNK)  # whatever has arrived: a slow drip cannot stall past the deadline
                if not chunk:
                    break
                if time.monotonic() > deadline:
                    raise InputError(f"{url}: timed out after {total_timeout:g} s (the page kept arriving too slowly)")
                total += len(chunk)
                if total > max_bytes:
                    raise InputError(f"{url}: page is too large (over {megabytes(max_bytes)}, the limit)")
                chunks.append(chunk)
            encoding = (headers.get("Content-Encoding") or "identity").lower()
            if encoding not in ("identity", ""):
                raise InputError(f"{url}: server sent {encoding}-compressed data, which newsreader does not unpack")
            return Fetched(
                url=url,
                final_url=response.geturl(),
                data=b"".join(chunks),
                content_type=headers.get_content_type().lower(),
                charset=headers.get_content_charset(),
            )
    except InputError:
        raise
    except urllib.error.HTTPError as exc:
        reason = exc.reason if isinstance(exc.reason, str) else ""
        if 300 <= exc.code < 400:
            location = (exc.headers.get("Location") if exc.headers else None) or ""
            if location and urlsplit(location).scheme.lower() not in ("http", "https", ""):
                raise InputError(f"{url}: redirect to a non-web address {location[:200]}") from None
            raise InputError(f"{url}: too many redirects (HTTP {exc.code})") from None
        raise InputError(f"{url}: the server answered HTTP {exc.code} {reason}".rstrip()) from None
    except urllib.error.URLError as exc:
        raise InputError(f"{url}: {_describe(exc.reason, host, timeout)}") from None
    except (TimeoutError, socket.timeout):
        raise InputError(f"{url}: timed out after {timeout:g} s") from None
    except (http.client.HTTPException, ConnectionError, ssl.SSLError, OSError, ValueError) as exc:
        raise InputError(f"{url}: {_describe(exc, host, timeout)}") from None


def _describe(reason: object, host: str, timeout: float) -> str:
    if isinstance(reason, socket.gaierror):
        return f"cannot find the host {host} (offline, or no such site?)"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return f"connection refused by {host}"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"the site's certificate is not valid ({reason.verify_message or 'verification failed'})"
    if isinstance(reason, ssl.SSLError):
        return "secure connection failed (TLS error)"
    if isinstance(reason, ConnectionError):
        return f"the connection to {host} failed ({reason.strerror or type(reason).__name__})"
    if isinstance(reason, http.client.IncompleteRead):
        return "the server closed the connection before the page was complete"
    if isinstance(reason, http.client.HTTPException):
        return f"the server's answer is not valid HTTP ({type(reason).__name__})"
    if isinstance(reason, OSError):
        if reason.errno in (101, 113):  # ENETUNREACH, EHOSTUNREACH
            return f"cannot reach {host} (offline?)"
        return f"cannot connect to {host} ({reason.strerror or reason})"
    text = str(reason).strip() or type(reason).__name__
    return f"cannot fetch ({text.splitlines()[0][:200]})"

