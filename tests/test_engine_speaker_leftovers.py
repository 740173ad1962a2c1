"""Speakers left over after the pronoun and speaker work: a surname two people share, which
of them a quote by that surname (or by "he"/"she" taken back to it) is. Invented texts."""

from __future__ import annotations

from newsreader.analysis import analyze_text
from newsreader.analysis.entities import RawMention, cluster


def speaker_entity(text: str, start: str) -> str | None:
    analysis = analyze_text(text)
    names = {e.id: e.name for e in analysis.entities}
    quote = next(q for q in analysis.quotes if q.text.startswith(start))
    return names.get(quote.speaker)


def test_a_shared_surname_is_the_one_the_article_calls_by_it():
    # Ruth Vance is "Vance" before her brother is named: a later "Vance said" is hers, though
    # the brother was named last.
    text = ("Senator Ruth Vance opened the harbour fair on Sunday, and Vance spoke about the ferry.\n\n"
            "The fair sold bread from a bakery run by her brother, Tom Vance.\n\n"
            "The ferry has been late all summer.\n\n"
            "“The ferry must run on time,” Vance said.")
    assert speaker_entity(text, "The ferry must") == "Ruth Vance"


def test_a_shared_surname_named_in_full_as_the_subject_just_before_is_that_one():
    text = ("Senator Ruth Vance opened the harbour fair on Sunday, and Vance spoke about the ferry.\n\n"
            "Her brother Tom Vance baked bread for the crowd on Saturday. “We sold every loaf,” Vance said.")
    assert speaker_entity(text, "We sold every loaf") == "Tom Vance"


def test_she_taken_back_to_a_shared_surname_is_the_woman():
    text = ("Ruth Vance and her husband Karl Vance run the ferry company.\n\n"
            "Vance spoke to reporters on Monday. “The boats are old,” she said.")
    assert speaker_entity(text, "The boats are old") == "Ruth Vance"


def test_a_title_and_a_given_name_tell_a_shared_surname_apart():
    text = ("Maria Tanaka and her brother Kenji Tanaka both spoke at the meeting. "
            "“We need a new school,” Ms Tanaka said. “We need a new road first,” Mr Tanaka said.")
    assert speaker_entity(text, "We need a new school") == "Maria Tanaka"
    assert speaker_entity(text, "We need a new road") == "Kenji Tanaka"


def test_a_surname_is_not_the_first_word_of_a_run_together_name():
    # "Vance Wants" (a headline's words run together, typed a person) does not make "Vance"
    # a surname two people share.
    def m(start: int, text: str) -> RawMention:
        return RawMention(start, start + len(text), text, "PERSON", text)
    mentions = [m(0, "Vance Wants"), m(20, "Ruth Vance"), m(40, "Vance")]
    groups = {tuple(c.keys): [x.text for x in c.mentions] for c in cluster(mentions, {
        "Vance Wants": "person", "Ruth Vance": "person", "Vance": "person"})}
    assert groups[("Ruth Vance", "Vance")] == ["Ruth Vance", "Vance"]


def test_a_description_of_one_person_is_never_taken_back_to_an_organisation():
    text = ("Developer Tom Hale met the council on Monday.\n\n"
            "Harbour News first reported the meeting. The businessman said the tower would open in May.")
    assert speaker_entity(text, "the tower would open") == "Tom Hale"
    text = ("Senator Ruth Vance won the primary on Tuesday.\n\n"
            "The Associated Press called the race at midnight. The presumptive nominee told supporters she was ready.")
    assert speaker_entity(text, "she was ready") == "Ruth Vance"


def test_a_woman_named_beside_a_place_and_voted_a_place_is_still_a_she():
    # The model tagged "Brenda Vance" a person, but a place set off by commas before the name
    # votes it a place; "she" is still her, not the senator named before.
    text = ("Senator Ruth Cole spoke first. “The hall is too cold,” Cole said.\n\n"
            "Brenda Vance waited in line for an hour in Dayton, Ohio, Brenda Vance. "
            "“I think we will win,” she said.")
    assert speaker_entity(text, "I think we will win") == "Brenda Vance"


def test_a_surname_a_woman_named_later_shares_is_still_the_man_for_he():
    # "Anne Marie" makes the surname "Vance" a woman's; "Chris" says nothing. "he", taken back
    # to "Vance", is Chris Vance, and so is "he" after his full name in the other order.
    text = ("Senator Chris Vance spoke for six hours on the floor. Vance said the levee had failed twice. "
            "“We cannot wait another year,” he said.\n\n"
            "He paid tribute to a teacher, Anne Marie Vance, who died in the flood.")
    assert speaker_entity(text, "We cannot wait") == "Chris Vance"
    text = ("Senator Chris Vance spoke for six hours on the floor. He paid tribute to a teacher, "
            "Anne Marie Vance, who died in the flood.\n\n"
            "Vance said the levee had failed twice. “We cannot wait another year,” he said.")
    assert speaker_entity(text, "We cannot wait") == "Chris Vance"


def test_a_woman_the_model_tagged_as_an_organisation_is_a_person_entity():
    # The model tags "Leah Banks" ORG; her given name makes her a person, in the entity list
    # as well as for "she".
    text = ("Mayor Tom Hale said the ferry would run again by June.\n\n"
            "Leah Banks, who ran the clinic, tossed cold water on the idea. “We will not move first,” she said.")
    analysis = analyze_text(text)
    assert [(e.type, e.name) for e in analysis.entities if e.name == "Leah Banks"] == [("person", "Leah Banks")]


def test_a_person_named_after_on_is_no_place_and_her_surname_is_her():
    # "on Ruth Vance" votes the name a place (a locative "on"); the model tagged it a person
    # and it opens with a given name: a person, whom "Vance said" is.
    text = "The attacks on Ruth Vance began in May.\n\n“We need the money,” Vance said."
    analysis = analyze_text(text)
    assert [(e.type, e.name) for e in analysis.entities if "Vance" in e.name] == [("person", "Ruth Vance")]
    assert speaker_entity(text, "We need the money") == "Ruth Vance"
