"""A day and month without a year take their year from the tense, as weekdays do."""

from __future__ import annotations

import pytest

from newsreader.analysis.dates import resolve

PUBLISHED = "2024-02-15"


@pytest.mark.parametrize("text", ["4 March", "March 4", "on 4 March", "the 4th of March", "March 4th"])
@pytest.mark.parametrize("future, expected", [
    (True, "2024-03-04"),   # the next one on or after publication
    (False, "2023-03-04"),  # the last one on or before it
    (None, "2024-03-04"),   # no tense: the nearest (18 days on, not 347 back)
])
def test_day_and_month_follow_the_tense(text, future, expected):
    assert resolve(text, PUBLISHED, future).resolved == expected


@pytest.mark.parametrize("text, future, expected", [
    ("15 February", True, "2024-02-15"),    # the publication day counts both ways
    ("15 February", False, "2024-02-15"),
    ("14 February", True, "2025-02-14"),
    ("16 February", False, "2023-02-16"),
    ("30 December", None, "2023-12-30"),    # nearest: 47 days back, not 319 on
    ("20 August", None, "2023-08-20"),      # 179 days back, 187 on
    ("29 February", False, "2020-02-29"),   # the last 29 February before 2024-02-15
    ("29 February", True, "2024-02-29"),
    ("4 March 2023", True, "2023-03-04"),   # a year given is kept whatever the tense
    ("4 March 2025", False, "2025-03-04"),
])
def test_day_and_month_edges(text, future, expected):
    assert resolve(text, PUBLISHED, future).resolved == expected


def test_weekdays_keep_their_rule():
    # 2024-02-15 is a Thursday; no tense is the last one, as before
    assert resolve("Monday", PUBLISHED, True).resolved == "2024-02-19"
    assert resolve("Monday", PUBLISHED, False).resolved == "2024-02-12"
    assert resolve("Monday", PUBLISHED, None).resolved == "2024-02-12"


@pytest.fixture(scope="module")
def analyze():
    from newsreader.analysis import analyze_text
    from newsreader.analysis.nlp import load_nlp

    load_nlp()
    return analyze_text


@pytest.mark.parametrize("sentence, expected", [
    ("The minister said the election would be held on 4 March.", "2024-03-04"),
    ("The minister said the election will be held on 4 March.", "2024-03-04"),
    ("The election was held on 4 March, the minister said.", "2023-03-04"),
    ("The minister met the envoy on 10 February.", "2024-02-10"),
    ("The minister will meet the envoy on 10 February.", "2025-02-10"),
    ("The minister has visited the camp since 1 March.", "2023-03-01"),
])
def test_the_engine_passes_the_tense(analyze, sentence, expected):
    analysis = analyze(sentence, published=PUBLISHED)
    dates = [e for e in analysis.entities if e.type == "date"]
    assert [d.resolved for d in dates] == [expected], [(d.name, d.resolved) for d in dates]
