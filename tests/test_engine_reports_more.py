"""More reports the cue finder and the article pass find: short answers after "say", a call
for someone to act (and where it ends), and a paragraph set off by "X writes:".

Invented text in the shape each rule handles (see the rule's comment in
``newsreader.analysis.cues`` for the PolNeAR counts behind it).
"""

from __future__ import annotations

from cue_helpers import content_text, cue_of, speaker_text


def test_a_short_answer_after_say_is_the_report(nlp):
    doc, cue = cue_of(nlp, "Asked whether the ferry should run at night, 58 percent of islanders said yes.", "said")
    assert (speaker_text(doc, cue), content_text(doc, cue)) == ("58 percent of islanders", "yes")
    doc, cue = cue_of(nlp, "Most fishermen back the new harbour, and 41 percent of farmers say the same of the bridge.",
                      "say")
    assert (speaker_text(doc, cue), content_text(doc, cue)) == ("41 percent of farmers", "the same of the bridge")
    doc, cue = cue_of(nlp, "Two in five call the mayor honest, after a third said so in the spring.", "said")
    assert content_text(doc, cue) == "so"


def test_no_matter_after_say_is_no_short_answer(nlp):
    doc, cue = cue_of(nlp, "The mayor says no matter what the council decides, the ferry will keep running.", "says")
    assert content_text(doc, cue) != "no"


def test_a_paragraph_set_off_by_a_reporting_verb_and_a_colon_is_reported():
    from newsreader.analysis import analyze_text

    text = ("The harbour plan has few friends on the council.\n\n"
            "In a letter to members last week, the mayor wrote:\n\n"
            "The ferry cannot wait another winter, and the council should fund the new pier before spring.\n\n"
            "The council meets again on Tuesday.")
    analysis = analyze_text(text)
    reports = [q for q in analysis.quotes if q.kind == "indirect"]
    assert [text[q.start:q.end] for q in reports] == [
        "The ferry cannot wait another winter, and the council should fund the new pier before spring."]
    assert reports[0].speaker_mention.text == "the mayor"


def test_a_quotation_after_the_colon_is_left_to_the_quotation_pass():
    from newsreader.analysis import analyze_text

    text = ("In a letter to members last week, the mayor wrote:\n\n"
            "“The ferry cannot wait another winter.”")
    assert [q.kind for q in analyze_text(text).quotes] == ["direct"]


def test_a_call_for_someone_to_act_is_reported_whole(nlp):
    doc, cue = cue_of(nlp, "In March, the harbour master called for the mayor to close the old pier.", "called")
    assert (speaker_text(doc, cue), content_text(doc, cue)) == ("the harbour master", "the mayor to close the old pier")
    doc, cue = cue_of(nlp, "The fishermen called for an inspector to review the ferry contract.", "called")
    assert content_text(doc, cue) == "an inspector to review the ferry contract"


def test_an_aside_after_what_one_was_urged_to_do_is_not_reported(nlp):
    doc, cue = cue_of(nlp, "The council asked the mayor to publish the ferry contract, which would show its real cost.",
                      "asked")
    assert content_text(doc, cue) == "the mayor to publish the ferry contract"
    doc, cue = cue_of(nlp, "Speakers urged the crowd to remember the drowned sailors -- fathers, sons and brothers -- "
                      "who never came home.", "urged")
    assert content_text(doc, cue) == "the crowd to remember the drowned sailors"
    doc, cue = cue_of(nlp, "She urged voters to reject the pay-to-play contracts.", "urged")
    assert content_text(doc, cue) == "voters to reject the pay-to-play contracts"
