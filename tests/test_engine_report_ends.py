"""Where an unquoted report ends: the narrator's own remark after it is not reported."""

from __future__ import annotations

import pytest

from newsreader.analysis import analyze_text

from cue_helpers import content_text, cue_of


@pytest.mark.parametrize("dash", ["—", "–", "--", "-"])
def test_a_lone_dash_after_the_report_opens_the_narrators_aside(nlp, dash):
    text = f"Mayor Ana Pell said the harbour fund had grown to nine million dollars {dash} a record for the town."
    doc, cue = cue_of(nlp, text, "said")
    assert content_text(doc, cue) == "the harbour fund had grown to nine million dollars"


def test_a_paired_dash_aside_stays_inside_the_report(nlp):
    text = "Mayor Ana Pell said the fund would pay for the sea wall — and for the pier — by next summer."
    doc, cue = cue_of(nlp, text, "said")
    assert content_text(doc, cue) == "the fund would pay for the sea wall — and for the pier — by next summer"


def test_a_hyphen_inside_a_word_is_no_dash(nlp):
    text = "Mayor Ana Pell said the harbour fund would pay for a long-delayed sea wall near the old pier."
    doc, cue = cue_of(nlp, text, "said")
    assert content_text(doc, cue).endswith("sea wall near the old pier")


def test_the_article_reports_only_what_comes_before_the_lone_dash():
    text = "Notes\n\nThe council clerk told reporters that the vote would be held on Friday — the third delay since March."
    quotes = [q for q in analyze_text(text).quotes if q.kind == "indirect"]
    assert [q.text for q in quotes] == ["the vote would be held on Friday"]


def test_a_closing_gloss_on_the_last_noun_is_the_narrators(nlp):
    text = "Ms. Orla Venn said she would work to repeal the Dock Levy, a longstanding charge on every ferry ticket."
    doc, cue = cue_of(nlp, text, "said")
    assert content_text(doc, cue) == "she would work to repeal the Dock Levy"


def test_a_gloss_inside_the_sentence_stays_in_the_report(nlp):
    text = "Ms. Orla Venn said the Dock Levy, a longstanding charge on every ferry ticket, would end in May."
    doc, cue = cue_of(nlp, text, "said")
    assert content_text(doc, cue).endswith("would end in May")


def test_a_closing_relative_clause_is_the_narrators():
    text = ("Notes\n\nMayor Ana Pell warned residents on the radio and in interviews that the pier would close, "
            "which surprised the ferry crews.")
    quotes = [q for q in analyze_text(text).quotes if q.kind == "indirect"]
    assert [q.text for q in quotes] == ["the pier would close"]
