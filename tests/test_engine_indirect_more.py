"""Reported speech whose speaker the parser hides: the cue finder still names who speaks.

Each test is invented text in the shape the rule handles (see the rule's comment in
``newsreader.analysis.cues`` for the PolNeAR counts behind it).
"""

from __future__ import annotations

from cue_helpers import content_text, cue_of, speaker_text


def test_likely_or_quick_to_say_is_said_by_the_adjectives_subject(nlp):
    doc, cue = cue_of(nlp, "Rural voters were far more likely to say the new bridge had been a waste of money.", "say")
    assert (speaker_text(doc, cue), content_text(doc, cue)) == ("Rural voters", "the new bridge had been a waste of money")
    doc, cue = cue_of(nlp, "Her aides are quick to point out that the mayor has won every ward since 2012.", "point")
    assert speaker_text(doc, cue) == "Her aides"


def test_worth_noting_is_the_narrators(nlp):
    doc, cue = cue_of(nlp, "It is worth noting that the ferry has not run on time since March.", "noting")
    assert cue.speaker is None


def test_a_participle_after_a_preposition_is_said_by_the_main_verbs_subject(nlp):
    doc, cue = cue_of(nlp, "In addition to stating that the library would stay open, the council has promised to hire "
                           "two more librarians.", "stating")
    assert (speaker_text(doc, cue), content_text(doc, cue)) == ("the council", "the library would stay open")
    doc, cue = cue_of(nlp, "The mayor has offered few details on the budget aside from stating that the harbour fees "
                           "would not rise.", "stating")
    assert speaker_text(doc, cue) == "The mayor"


def test_a_participle_on_a_passive_verb_is_its_subjects_act(nlp):
    doc, cue = cue_of(nlp, "The comedian was booed by the crowd after telling them that the match had been fixed.",
                      "telling")
    assert speaker_text(doc, cue) == "The comedian"


def test_people_before_a_participle_are_who_says_it(nlp):
    doc, cue = cue_of(nlp, "Voters still see the mayor as better prepared - with 55 percent saying she is ready, "
                           "against 30 percent for her rival.", "saying")
    assert speaker_text(doc, cue) == "55 percent"
    doc, cue = cue_of(nlp, "The leaked emails included two council members suggesting the vote should be delayed.",
                      "suggesting")
    assert (speaker_text(doc, cue), content_text(doc, cue)) == ("two council members", "the vote should be delayed")


def test_a_subject_the_parser_gave_to_an_aside_before_the_verb_speaks(nlp):
    doc, cue = cue_of(nlp, "Harlan, meanwhile, who sits at zero such endorsements, said that fact speaks volumes "
                           "about the race.", "said")
    assert speaker_text(doc, cue) == "Harlan"
    doc, cue = cue_of(nlp, "One resident, who like others spoke on the condition of anonymity to discuss the meeting, "
                           "said the message was clear.", "said")
    assert (speaker_text(doc, cue), content_text(doc, cue)) == ("One resident", "the message was clear")


def test_a_name_before_the_verbs_adverb_is_its_subject(nlp):
    doc, cue = cue_of(nlp, "Speaking in Dover, Margaret Holt, without naming him, also accused the mayor of wasting "
                           "the harbour fund.", "accused")
    assert speaker_text(doc, cue) == "Margaret Holt"
    doc, cue = cue_of(nlp, "Addressing about 100 members at the spring meeting, many of them skeptical about Mr. Hale's "
                           "bid, the campaign chief, Robert Lang, bluntly suggested that the bid was over.", "suggested")
    assert speaker_text(doc, cue) == "Robert Lang"


def test_a_reporting_noun_with_its_owner_reports_its_clause(nlp):
    doc, cue = cue_of(nlp, "Voters doubted Mayor Alice Brandt's claim that the new ferry would pay for itself within "
                           "five years.", "claim")
    assert (speaker_text(doc, cue), content_text(doc, cue)) == ("Alice Brandt",
                                                               "the new ferry would pay for itself within five years")
    doc, cue = cue_of(nlp, "The council rejected claims by the port authority that the dredging had caused no damage.",
                      "claims")
    assert speaker_text(doc, cue) == "the port authority"
    doc, cue = cue_of(nlp, "He campaigned on his promise to build a second bridge across the harbour.", "promise")
    assert content_text(doc, cue) == "to build a second bridge across the harbour"


def test_a_claim_nobody_owns_is_no_report(nlp):
    doc = nlp("Nobody believed the claim that the ferry would pay for itself.")
    assert all(doc[c.verb].text != "claim" for c in doc._.cues)


def test_his_promise_is_his(nlp):
    from newsreader.analysis import analyze_text

    quotes = analyze_text("Mayor Tom Reilly spoke on Monday. Voters cheered his promise to build a second bridge "
                          "across the harbour.").quotes
    assert [(q.speaker_name, q.text) for q in quotes] == [("Tom Reilly", "to build a second bridge across the harbour")]


def test_what_someone_made_saying_something_is_theirs(nlp):
    doc, cue = cue_of(nlp, "Later that day, the mayor fired back a reply saying she would not resign over the ferry "
                           "contract.", "saying")
    assert (speaker_text(doc, cue), content_text(doc, cue)) == ("the mayor", "she would not resign over the ferry contract")
    doc, cue = cue_of(nlp, "Harbour residents have launched petitions calling on the council to reopen the library.",
                      "calling")
    assert speaker_text(doc, cue) == "Harbour residents"


def test_a_that_after_the_verb_and_its_objects_opens_the_report(nlp):
    doc, cue = cue_of(nlp, '"We have come a long way in the last nine months," she said, noting that at one point '
                           'earlier in the race she had trailed the mayor by 50 points.', "noting")
    assert content_text(doc, cue) == "at one point earlier in the race she had trailed the mayor by 50 points"
    doc, cue = cue_of(nlp, "On Thursday he expanded on his plans for the harbour, warning residents on local radio and "
                           "in interviews that the sea wall could easily fail this winter.", "warning")
    assert content_text(doc, cue) == "the sea wall could easily fail this winter"


def test_that_night_is_no_report(nlp):
    doc = nlp("The mayor tweeted that night from the flooded harbour.")
    assert all(c.content is None for c in doc._.cues)


def test_what_was_acknowledged_or_stressed_is_the_report(nlp):
    doc, cue = cue_of(nlp, "The mayor acknowledged the long delays on the night ferry.", "acknowledged")
    assert (speaker_text(doc, cue), content_text(doc, cue)) == ("The mayor", "the long delays on the night ferry")
    doc, cue = cue_of(nlp, "At the town hall, the senator stressed her record on harbour safety.", "stressed")
    assert content_text(doc, cue) == "her record on harbour safety"


def test_what_was_explained_or_suggested_is_the_report(nlp):
    doc, cue = cue_of(nlp, "The harbour master explained his reasoning to the council on Monday.", "explained")
    assert content_text(doc, cue) == "his reasoning"
    doc, cue = cue_of(nlp, "The engineers suggested a cheaper design for the sea wall.", "suggested")
    assert (speaker_text(doc, cue), content_text(doc, cue)) == ("The engineers", "a cheaper design for the sea wall")


def test_what_one_warned_of_or_complained_about_is_the_report(nlp):
    doc, cue = cue_of(nlp, "The harbour master warned of the costs of a long strike.", "warned")
    assert content_text(doc, cue) == "the costs of a long strike"
    doc, cue = cue_of(nlp, "Several ferry workers complained about the long shifts on the night crossing.", "complained")
    assert (speaker_text(doc, cue), content_text(doc, cue)) == ("Several ferry workers",
                                                               "the long shifts on the night crossing")


def test_what_one_joked_or_boasted_about_is_the_report(nlp):
    doc, cue = cue_of(nlp, "The senator joked about moving to the island if the bridge is never built.", "joked")
    assert content_text(doc, cue) == "moving to the island if the bridge is never built"
    doc, cue = cue_of(nlp, "The captain boasted of his crew's record on the winter crossings.", "boasted")
    assert (speaker_text(doc, cue), content_text(doc, cue)) == ("The captain", "his crew's record on the winter crossings")


def test_declining_to_comment_on_something_reports_nothing(nlp):
    doc = nlp("Her lawyers declined to comment on the plans for a second ferry terminal.")
    assert all(c.content is None for c in doc._.cues)


def test_a_second_that_clause_joined_by_and_or_but_is_reported_too(nlp):
    doc, cue = cue_of(nlp, "The harbour master said the pier needs new pilings and a wider ramp, but that he would "
                           "not close it before the regatta.", "said")
    assert content_text(doc, cue) == ("the pier needs new pilings and a wider ramp, but that he would not close it "
                                      "before the regatta")
    doc, cue = cue_of(nlp, "Ms. Okafor said that the ferry had been late twice this week and that the council would "
                           "review the timetable.", "said")
    assert content_text(doc, cue) == ("the ferry had been late twice this week and that the council would review "
                                      "the timetable")


def test_and_that_as_a_pronoun_after_a_report_is_not_a_second_report(nlp):
    doc, cue = cue_of(nlp, "Ms. Okafor said the ferry had been late twice this week, but that was before the storm.",
                      "said")
    assert content_text(doc, cue) == "the ferry had been late twice this week"


def test_asked_by_someone_reports_the_askers_question(nlp):
    doc, cue = cue_of(nlp, "When asked by a reporter whether the pier would reopen in May, Ms. Roy said she hoped so.",
                      "asked")
    assert (speaker_text(doc, cue), content_text(doc, cue)) == ("a reporter", "whether the pier would reopen in May")
    doc, cue = cue_of(nlp, "Asked by Tom Hale about the rising ferry fares, the mayor blamed the fuel prices.", "Asked")
    assert (speaker_text(doc, cue), content_text(doc, cue)) == ("Tom Hale", "about the rising ferry fares")


def test_asked_with_no_asker_named_is_no_cue(nlp):
    doc = nlp("When asked whether the pier would reopen in May, Ms. Roy said she hoped so.")
    assert [doc[c.verb].text for c in doc._.cues] == ["said"]


def after_text(doc, cue) -> str | None:
    return doc.text[cue.content_after[0]:cue.content_after[1]] if cue.content_after else None


def test_a_clause_with_its_own_subject_after_the_cue_goes_on_with_the_report(nlp):
    doc, cue = cue_of(nlp, "The ferry may not be fast, the captain said, but it has never missed a crossing.", "said")
    assert (content_text(doc, cue), after_text(doc, cue)) == ("The ferry may not be fast",
                                                               "but it has never missed a crossing")
    doc, cue = cue_of(nlp, "The council did receive the letters, she said; her staff filed them in March.", "said")
    assert after_text(doc, cue) == "her staff filed them in March"


def test_a_bare_verb_after_the_cue_is_the_speakers_next_act(nlp):
    doc, cue = cue_of(nlp, "The pier will reopen in May, the mayor said, and called for calm.", "said")
    assert (content_text(doc, cue), cue.content_after) == ("The pier will reopen in May", None)


def test_a_cue_set_between_commas_before_the_main_clause_reports_that_clause(nlp):
    doc, cue = cue_of(nlp, "If anything, the harbour master argued in his letter, the storm showed why the pier needs "
                           "new pilings.", "argued")
    assert content_text(doc, cue) == "the storm showed why the pier needs new pilings"
    doc, cue = cue_of(nlp, "Every Friday, the former clerk told the Gazette, the mayor would hold a meeting on the "
                           "budget.", "told")
    assert content_text(doc, cue) == "the mayor would hold a meeting on the budget"
    # the main clause's verb is a speech verb with its own subject: still hers
    doc, cue = cue_of(nlp, "Instead, she said, her landlord told her the lease would end in May.", "said")
    assert content_text(doc, cue) == "her landlord told her the lease would end in May"
    doc, cue = cue_of(nlp, "Overall, she said, a number of local boat owners are finding the new fees too high.", "said")
    assert content_text(doc, cue) == "a number of local boat owners are finding the new fees too high"


def test_a_participle_before_the_main_clause_reports_nothing(nlp):
    doc, cue = cue_of(nlp, "One fisherman, responding to the mayor’s speech about the levy, interrupted the meeting.",
                      "responding")
    assert cue.content is None


def test_told_someone_to_do_something_is_reported_from_the_one_told(nlp):
    doc, cue = cue_of(nlp, "The harbour master told the fishermen not to sail past the breakwater on Sunday.", "told")
    assert (speaker_text(doc, cue), content_text(doc, cue)) == (
        "The harbour master", "the fishermen not to sail past the breakwater on Sunday")
    doc, cue = cue_of(nlp, "She called her brother, telling him to come back to the bakery.", "telling")
    assert content_text(doc, cue) == "him to come back to the bakery"
