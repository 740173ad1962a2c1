"""Reports in shapes of their own: a news "first reported by" an outlet."""

from __future__ import annotations

import pytest

from newsreader.analysis import analyze_text


def indirect(text: str):
    return [(q.text, q.speaker_name) for q in analyze_text(text).quotes if q.kind == "indirect"]


@pytest.mark.parametrize("text, reported, outlet", [
    ("The mayor's resignation was first reported by the Valley Courier.", "The mayor's resignation", "Valley Courier"),
    ("The merger, first reported by the Harbor Gazette on Monday, would close two plants.", "The merger", "Harbor Gazette"),
    ("The council approved the budget, which was first reported last week by the Harbor Gazette.", "which", "Harbor Gazette"),
    ("She kept the medal for years, a fact first reported by Dana Whitlock, a local radio host.", "a fact", "Dana Whitlock"),
])
def test_first_reported_by_gives_the_news_to_the_outlet(text, reported, outlet):
    found = indirect(text)
    assert [r for r, _ in found] == [reported]
    assert outlet in found[0][1]


def test_bare_reported_by_is_no_scoop():
    assert indirect("Turnout figures reported by the county clerk rose sharply in the north.") == []
