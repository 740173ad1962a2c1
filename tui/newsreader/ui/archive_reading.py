"""Asking the archive from the reader: read-only, from a thread worker, one line when it cannot.

Each question opens its own read-only connection (a few milliseconds; SQLite
connections belong to the thread that made them, and every ``@work`` runs in
a new one), so the library's indexer can write meanwhile: the archive is in WAL mode.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TypeVar

from ..archive import Archive, ArchiveError

T = TypeVar("T")


class Unanswered(Exception):
    """The archive cannot answer: ``str()`` is one line to show."""


def ask(question: Callable[[Archive], T]) -> T:
    try:
        with Archive.open(readonly=True) as store:
            try:
                return question(store)
            except sqlite3.Error as exc:
                raise Unanswered(str(store.unusable(exc))) from None
    except ArchiveError as exc:
        raise Unanswered(str(exc)) from None
