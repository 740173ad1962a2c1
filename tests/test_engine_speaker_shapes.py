"""Speaker shapes around a politician's name: a party-and-state bracket after it."""

from __future__ import annotations

from newsreader.analysis import analyze_text
from newsreader.analysis.chunks import parser_text


def test_party_state_bracket_is_read_as_spaces_with_offsets_kept():
    text = "Sen. Ray Palmer (R-Ky.), a member of the panel, said so. Gov. Al Roe (R) urged calm."
    read = parser_text(text)
    assert len(read) == len(text)
    assert "(R-Ky.)" not in read and "(R)" not in read
    assert read.replace(" ", "") == text.replace("(R-Ky.)", "").replace("(R)", "").replace(" ", "")


def test_party_state_bracket_before_a_capital_is_left_alone():
    # A missing full stop runs the bracket into the next sentence's name: blanking it would
    # glue the two names together.
    text = "a challenge from Sen. Dana Ortiz (I-Vt.) Clinton won the state"
    assert parser_text(text) == text


def test_party_state_bracket_is_no_place_and_the_name_speaks():
    analysis = analyze_text("Sen. Ray Palmer (R-Ky.), a member of the panel, said the plan would cost money.")
    assert [e.name for e in analysis.entities] == ["Ray Palmer"]
    (quote,) = analysis.quotes
    assert quote.kind == "indirect" and quote.speaker_name == "Ray Palmer"
    assert quote.text == "the plan would cost money"
