"""Counts and sizes in messages: "1 quote", "2 quotes", "95 MB"."""

from __future__ import annotations

MB = 1_000_000
"""A megabyte as the messages and limits say it: 10^6 bytes, as file managers and
``ls --si`` count (the limits are round numbers of these, so "50 MB" is exact)."""


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``counted(1, "quote")`` is "1 quote", ``counted(2, "entity", "entities")`` "2 entities"."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def megabytes(n: int) -> str:
    """A size for a message: "4.2 MB" under 10 MB, "95 MB" from there on, "812 bytes" under 1 MB."""
    if n < MB:
        return counted(n, "byte")
    if n < 10 * MB:
        return f"{n / MB:.1f} MB"
    return f"{n // MB} MB"
