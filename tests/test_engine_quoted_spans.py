"""Quoted spans: how quotation marks pair into quotes, on invented text.

Each test is one shape counted on the PolNeAR fit part (the counts are in the
commit messages and in the comments of the code they exercise).
"""

from __future__ import annotations

from newsreader.analysis import analyze_text
from newsreader.analysis.quotemarks import find_quotes

from cue_helpers import content_text, cue_of


def contents(nlp, text: str) -> list[str]:
    doc = nlp(text)
    return [doc.text[c.content[0]:c.content[1]] for c in doc._.cues if c.content]


def spans_of(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotes(text)]


def kinds_and_texts(text: str) -> list[tuple[str, str]]:
    return sorted((q.kind, q.text) for q in analyze_text(text).quotes)


# ------------------------------------------------------------------ nested double quotes


def test_a_curly_quote_inside_a_straight_one_nests():
    text = '"The council is no longer about “fair rents” at all. It is about votes," Ms. Ortega said.'
    assert spans_of(text) == ['The council is no longer about “fair rents” at all. It is about votes,']


def test_a_curly_quote_inside_a_curly_one_nests():
    text = "She wrote, “You cannot say you care about the river when “our side” dumps in it. Nobody will buy that.”"
    assert spans_of(text) == ["You cannot say you care about the river when “our side” dumps in it. Nobody will buy that."]


def test_an_opening_mark_with_no_close_left_for_both_still_ends_the_unclosed_quote():
    text = "“We were told to wait. “Not now,” the clerk said."
    assert spans_of(text) == ["We were told to wait.", "Not now,"]


def test_a_curly_mark_right_after_a_straight_one_opens_the_same_quote():
    text = '"“Nobody wins a pennant in April,” the coach said after the game."'
    assert [s for s in spans_of(text) if s] == ["Nobody wins a pennant in April,"]


def test_a_curly_quote_inside_a_straight_one_that_goes_on_in_the_next_paragraph_nests():
    text = '"The board never asked about “safe crossings” before the vote. It asked about parking.'
    spans = find_quotes(text)
    assert [text[q.start:q.end] for q in spans] == [text[1:]]
    assert not spans[0].closed


def test_an_opening_mark_typed_as_a_close_closes_the_quote():
    text = "The board asked for a “full audit“ of the pier and called it “overdue,“ a member said."
    assert spans_of(text) == ["full audit", "overdue,"]


# ------------------------------------------------------------------ where a report ends


def test_a_noun_summing_up_the_report_is_not_reported(nlp):
    text = 'The mayor said the count had been "fixed" against him, a charge that county officials denied.'
    assert contents(nlp, text) == ['the count had been "fixed" against him']


def test_a_noun_summing_up_the_report_before_a_participle_is_not_reported(nlp):
    text = ("Ms. Lund said the levy would cost renters more, a claim that the council rejected, "
            "noting that rents had fallen.")
    assert contents(nlp, text)[0] == "the levy would cost renters more"


def test_a_noun_on_a_place_inside_the_report_leaves_the_report_whole(nlp):
    text = ("Mr. Abara said that once the tour reaches Lagos, a city that he hoped to win easily, "
            "the vote will be close.")
    assert contents(nlp, text)[0].endswith("the vote will be close")


def test_what_a_report_led_to_is_not_reported(nlp):
    text = "Mr. Osei said the ferry would stop running in winter, drawing an angry reply from the islanders."
    assert contents(nlp, text) == ["the ferry would stop running in winter"]


# ------------------------------------------------------------------ a quotation that opens the report


def test_a_quotation_opening_the_reported_clause_is_partial_and_the_clause_is_reported(nlp):
    text = "Ruiz said “it makes me furious” every time she drives past the closed library."
    doc, cue = cue_of(nlp, text, "said")
    assert content_text(doc, cue) == "“it makes me furious” every time she drives past the closed library"
    assert kinds_and_texts(text) == [
        ("indirect", "“it makes me furious” every time she drives past the closed library"),
        ("partial", "it makes me furious"),
    ]


def test_a_quotation_after_the_verb_that_ends_the_clause_stays_a_direct_quote(nlp):
    text = "Ruiz said “we will appeal the ruling” and left the room."
    doc, cue = cue_of(nlp, text, "said")
    assert cue.content is None
    assert kinds_and_texts(text) == [("direct", "we will appeal the ruling")]


def test_a_quotation_closed_by_its_own_comma_opens_no_clause(nlp):
    text = "Berg said “the vote is over,” adding that the count would resume on Monday."
    doc, cue = cue_of(nlp, text, "said")
    assert cue.content is None


# ------------------------------------------------------------------ a report past a closing mark


def test_a_report_goes_on_past_a_partial_quote_to_the_end_of_the_sentence(nlp):
    text = "Councillor Berg told reporters that the forecasts could be “far too rosy,” and have been wrong in past winters."
    doc, cue = cue_of(nlp, text, "told")
    assert content_text(doc, cue) == "the forecasts could be “far too rosy,” and have been wrong in past winters"


def test_a_report_past_a_partial_quote_stops_before_the_main_clause_of_a_when_clause(nlp):
    text = ("When the harbour master said the ferry had been “badly damaged,” the owners "
            "quickly understood what she meant.")
    doc, cue = cue_of(nlp, text, "said")
    assert content_text(doc, cue) == "the ferry had been “badly damaged"


def test_a_report_past_a_partial_quote_stops_before_the_speakers_next_act(nlp):
    text = "Ruiz told the board that the ferry was “a disgrace,” and asked the mayor to sell it."
    doc, cue = cue_of(nlp, text, "told")
    assert content_text(doc, cue) == "the ferry was “a disgrace"


def test_a_relative_clause_on_the_reported_subject_leaves_the_report_whole(nlp):
    text = "Ruiz said that the old harbour master of Lakeview, who retired in May, had called the pier “a death trap.”"
    doc, cue = cue_of(nlp, text, "said")
    assert content_text(doc, cue) == "the old harbour master of Lakeview, who retired in May, had called the pier “a death trap"


def test_a_report_runs_on_to_the_speakers_quoted_words_later_in_the_sentence(nlp):
    text = "Ruiz said she had received three offers for the old ferry, but “none of them were serious.”"
    doc, cue = cue_of(nlp, text, "said")
    assert content_text(doc, cue) == "she had received three offers for the old ferry, but “none of them were serious"


def test_quoted_words_in_the_narrators_remark_after_a_dash_stay_out_of_the_report(nlp):
    text = "Ruiz said the levy would pass easily — a claim the “Save Our Pier” group disputes."
    doc, cue = cue_of(nlp, text, "said")
    assert content_text(doc, cue) == "the levy would pass easily"


def test_a_time_phrase_without_a_comma_belongs_to_the_report(nlp):
    text = "Ruiz said that one of the old rowers had “nearly drowned” while training for the regatta."
    doc, cue = cue_of(nlp, text, "said")
    assert content_text(doc, cue) == "one of the old rowers had “nearly drowned” while training for the regatta"


def test_a_time_phrase_with_after_tells_when_it_was_said(nlp):
    text = "Ruiz said the ferry would be sold by the end of the year after meeting the harbour board on Monday."
    doc, cue = cue_of(nlp, text, "said")
    assert content_text(doc, cue) == "the ferry would be sold by the end of the year"
