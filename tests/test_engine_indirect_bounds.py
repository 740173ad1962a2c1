"""Where an indirect report begins and ends, on invented text.

Each test is one shape counted on the PolNeAR fit part (the counts are in the
commit messages and in the comments of the code they exercise).
"""

from __future__ import annotations

from cue_helpers import content_text, cue_of


def test_an_after_participle_with_no_comma_is_part_of_what_was_said(nlp):
    text = "Ruiz said the club would win the cup after playing well in the spring league."
    doc, cue = cue_of(nlp, text, "said")
    assert content_text(doc, cue) == "the club would win the cup after playing well in the spring league"


def test_a_before_participle_with_no_comma_is_part_of_what_was_said(nlp):
    text = "Ruiz said the harbour board read the letters before sending them to the mayor."
    doc, cue = cue_of(nlp, text, "said")
    assert content_text(doc, cue) == "the harbour board read the letters before sending them to the mayor"


def test_an_after_participle_dated_to_the_day_of_the_report_tells_when_it_was_said(nlp):
    text = "Ruiz said the ferry would be sold by the end of the year after meeting the harbour board on Monday."
    doc, cue = cue_of(nlp, text, "said")
    assert content_text(doc, cue) == "the ferry would be sold by the end of the year"
