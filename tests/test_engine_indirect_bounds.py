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


def test_a_condition_after_the_report_is_part_of_what_was_said(nlp):
    doc, cue = cue_of(nlp, "Ruiz said the ferry would stop running unless the council paid for repairs.", "said")
    assert content_text(doc, cue) == "the ferry would stop running unless the council paid for repairs"


def test_a_condition_with_its_auxiliary_first_is_part_of_what_was_said(nlp):
    doc, cue = cue_of(nlp, "Okafor said she would be glad to help should the council ask for it.", "said")
    assert content_text(doc, cue) == "she would be glad to help should the council ask for it"
    doc, cue = cue_of(nlp, "Hale promised to cut the ferry fares should he win the vote.", "promised")
    assert content_text(doc, cue) == "to cut the ferry fares should he win the vote"


def test_a_subject_the_parser_hung_on_the_cue_opens_the_report(nlp):
    text = "The harbour office said about half of the higher cost in its repair estimates reflected losses from the winter storms."
    doc, cue = cue_of(nlp, text, "said")
    assert content_text(doc, cue) == ("about half of the higher cost in its repair estimates reflected losses from "
                                      "the winter storms")
    doc, cue = cue_of(nlp, "The judge said just because harm was not obvious did not mean it was not there.", "said")
    assert content_text(doc, cue) == "just because harm was not obvious did not mean it was not there"


def test_how_it_was_said_stays_out_of_the_report(nlp):
    doc, cue = cue_of(nlp, "Ruiz said in a statement the ferry would run again in May.", "said")
    assert content_text(doc, cue) == "the ferry would run again in May"


def test_a_call_joined_to_the_report_is_a_second_report(nlp):
    doc, cue = cue_of(nlp, "Ruiz says he respects Lee and calls her “a very smart woman with a fine record.”", "says")
    assert content_text(doc, cue) == "he respects Lee"
    text = "Ruiz adds that she has released 30 years of records and called on Lee and Park to do the same."
    doc, cue = cue_of(nlp, text, "adds")
    assert content_text(doc, cue) == "she has released 30 years of records"


def test_a_phone_call_in_the_report_stays_in_it(nlp):
    doc, cue = cue_of(nlp, "He said he has not held fundraising dinners and never called a donor to ask for money.", "said")
    assert content_text(doc, cue) == "he has not held fundraising dinners and never called a donor to ask for money"


def test_an_accusation_keeps_the_second_one_accused_and_what_for(nlp):
    doc, cue = cue_of(nlp, "Ruiz has been accusing Lee's backers of sexism and his staff of fabricated attacks.", "accusing")
    assert content_text(doc, cue) == "Lee's backers of sexism and his staff of fabricated attacks"
    text = "The mayor is accusing Lee of political games for announcing the plan in the last week of his term."
    doc, cue = cue_of(nlp, text, "accusing")
    assert content_text(doc, cue) == "Lee of political games for announcing the plan in the last week of his term"


def test_what_an_announced_object_is_for_belongs_to_it(nlp):
    text = "The delegation announced four votes for Lee, 31 for Senator Ruiz and two abstentions."
    doc, cue = cue_of(nlp, text, "announced")
    assert content_text(doc, cue) == "four votes for Lee, 31 for Senator Ruiz and two abstentions"


def test_a_predicate_the_parser_hung_on_the_cue_ends_the_report(nlp):
    doc, cue = cue_of(nlp, "He noted that most of the money raised would go to the club for its summer programs.", "noted")
    assert content_text(doc, cue) == "most of the money raised would go to the club for its summer programs"
    doc, cue = cue_of(nlp, "The report said the men detained could be part of the smuggling ring.", "said")
    assert content_text(doc, cue) == "the men detained could be part of the smuggling ring"
