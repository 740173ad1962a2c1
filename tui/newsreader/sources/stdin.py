"""Standard input as an article, and handing the keyboard back to the reader.

``cat story.txt | newsreader -`` reads the article from the pipe; the reader then
needs keys from the terminal, so (as toolong does) the controlling terminal
``/dev/tty`` is put on file descriptor 0 before the app starts.
"""

from __future__ import annotations

import os
import stat
import sys

from ..errors import InputError
from ..wording import megabytes

NAME = "<stdin>"


_read_from: tuple[int, int] | None = None
"""(device, inode) of the regular file stdin was redirected from, once read: the
reader puts the terminal on fd 0 afterwards, and an export must still know it."""


def stdin_file_id() -> tuple[int, int] | None:
    """The file ``newsreader - < story.txt`` read the article from, if it was one."""
    return _read_from


def read_stdin(max_bytes: int) -> bytes:
    global _read_from
    stream = sys.stdin
    if stream is None:
        raise InputError("-: there is no standard input to read")
    try:
        st = os.fstat(stream.fileno())
    except (AttributeError, OSError, ValueError):  # a replaced sys.stdin (tests)
        pass
    else:
        if stat.S_ISREG(st.st_mode):
            _read_from = (st.st_dev, st.st_ino)
    try:
        buffer = stream.buffer
    except AttributeError:  # a replaced sys.stdin (tests): text in, bytes out
        data = stream.read(max_bytes + 1)
        data = data.encode("utf-8") if isinstance(data, str) else data
    else:
        data = buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{NAME}: input is too large (over {megabytes(max_bytes)}, the limit)")
    return data


def stdin_was_redirected() -> bool:
    try:
        return not os.isatty(0)
    except (OSError, ValueError):
        return True


NO_TERMINAL_AFTER_STDIN = "-: no terminal to read keys from after reading stdin (use `newsreader export -` in pipelines)"


def reattach_terminal(no_terminal: str = NO_TERMINAL_AFTER_STDIN) -> None:
    """Put the controlling terminal on fd 0 so the UI reads keys after stdin was a pipe
    (or ``/dev/null``).

    Raises ``InputError(no_terminal)`` when there is no terminal (e.g. under cron or
    in CI): the reader cannot run there, ``newsreader export`` can.
    """
    if not stdin_was_redirected():
        return
    try:
        fd = os.open("/dev/tty", os.O_RDWR | getattr(os, "O_NOCTTY", 0))
    except OSError:
        raise InputError(no_terminal) from None
    try:
        os.dup2(fd, 0)
    finally:
        os.close(fd)
    sys.stdin = sys.__stdin__ = open(0, "r", encoding=sys.stdin.encoding if sys.stdin else "utf-8",
                                     closefd=False)
