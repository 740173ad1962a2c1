"""A real terminal for the benchmark: run an app in a pseudo-terminal, watch its screen.

The app's output is read as it arrives (each chunk time-stamped on arrival)
and fed to ``pyte``, a VT100 emulator, so a predicate over the screen's
lines can be waited on: "the article's first lines are shown", "the status
says analysed", "the article region changed after a key".
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Callable

import pyte

Predicate = Callable[[list[str]], bool]


class _Screen(pyte.Screen):
    """pyte's screen, tolerant of extra CSI parameters (Textual sends ``CSI n;m C`` forms
    that pyte's one-argument cursor methods reject, which lost the whole chunk)."""

    def cursor_forward(self, count=None, *_):
        super().cursor_forward(count)

    def cursor_back(self, count=None, *_):
        super().cursor_back(count)

    def cursor_up(self, count=None, *_):
        super().cursor_up(count)

    def cursor_down(self, count=None, *_):
        super().cursor_down(count)


class PtyApp:
    def __init__(self, argv: list[str], *, env: dict[str, str] | None = None, cols: int = 100,
                 rows: int = 30, cwd: str | None = None) -> None:
        self.cols, self.rows = cols, rows
        self.screen = _Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        full_env = dict(os.environ if env is None else env)
        full_env.setdefault("TERM", "xterm-256color")
        full_env.pop("TEXTUAL", None)
        self._cond = threading.Condition()
        self._lines: list[str] = [""] * rows
        self._cells: list[tuple] = [()] * rows
        self._changed_at = 0.0
        self._closed = False
        self.skipped_chunks = 0
        self.t_start = time.perf_counter()
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=full_env, cwd=cwd,
                                     start_new_session=True, close_fds=True)
        os.close(slave)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                r, _, _ = select.select([self.master], [], [], 0.5)
                if not r:
                    if self.proc.poll() is not None:
                        break
                    continue
                data = os.read(self.master, 65536)
            except OSError:
                break
            if not data:
                break
            now = time.perf_counter()
            with self._cond:
                try:
                    self.stream.feed(data)
                except TypeError:  # another CSI form pyte cannot take: skip the chunk
                    self.skipped_chunks += 1
                self._lines = list(self.screen.display)
                buf = self.screen.buffer
                self._cells = [tuple(buf[y][x] for x in range(self.cols)) for y in range(self.rows)]
                self._changed_at = now
                self._cond.notify_all()
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def lines(self) -> list[str]:
        with self._cond:
            return list(self._lines)

    def cells(self) -> list[tuple]:
        """Each row as a tuple of pyte ``Char`` (text, colours, reverse, bold...)."""
        with self._cond:
            return list(self._cells)

    def wait_for(self, predicate: Predicate, timeout: float = 30.0, *, cells: bool = False) -> float | None:
        """Block until ``predicate(screen lines)`` holds; return when the output making it true arrived.

        With ``cells``, the predicate gets ``cells()`` (styles included) instead of text lines.
        """
        deadline = time.perf_counter() + timeout
        with self._cond:
            while True:
                if predicate(self._cells if cells else self._lines):
                    return self._changed_at
                left = deadline - time.perf_counter()
                if left <= 0 or self._closed:
                    return None
                self._cond.wait(left)

    def send(self, data: bytes) -> float:
        t = time.perf_counter()
        os.write(self.master, data)
        return t

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        try:
            os.close(self.master)
        except OSError:
            pass


def contains(text: str) -> Predicate:
    return lambda lines: any(text in line for line in lines)
