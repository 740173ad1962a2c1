"""Quotation marks that are not anyone's words: terms, scare quotes and titles the
narrator sets in quotation marks, even with a speaker elsewhere in the sentence.
Invented texts, one shape each (the conventions: a quoted name, title or scare
quote with no speaker is no quote)."""

from __future__ import annotations

from newsreader.analysis import analyze_text


def quotes_of(text: str) -> list[tuple[str, str]]:
    return [(q.kind, q.text) for q in analyze_text(text).quotes]


def test_a_quoted_term_before_its_noun_is_no_partial_quote():
    text = ("Crews installed a “smart” meter network across Dayton last year, and a city "
            "engineer said the rollout would finish in May.")
    assert quotes_of(text) == [("indirect", "the rollout would finish in May")]


def test_a_quoted_word_the_speakers_verb_governs_stays_a_partial_quote():
    text = "The delegate warned of a “brutal” winter for the party if the vote failed."
    assert ("partial", "brutal") in quotes_of(text)


def test_a_title_of_the_and_one_word_is_no_quote():
    partial = ("The council met in the studio where “The Harbour” was filmed, and Mr. Ade said "
               "the lease would end in June.")
    assert quotes_of(partial) == [("indirect", "the lease would end in June")]
    apposed = ("Ms. Lund, a former contestant on the quiz show, “The Gauntlet,” who later ran for "
               "council, said the station would close.")
    assert quotes_of(apposed) == [("indirect", "the station would close")]


def test_a_clause_telling_when_it_was_said_is_not_reported():
    # With no asker named, the question is nobody's report ("asked by a reporter whether ..."
    # is the reporter's: tests/test_engine_indirect_more.py).
    asked = ("When asked whether the levy would pass, Ms. Roy said, “We will see "
             "what the council does.”")
    assert quotes_of(asked) == [("direct", "We will see what the council does.")]
    touring = "While she was touring the plant on Tuesday, Ms. Roy said, “These jobs are staying here.”"
    assert quotes_of(touring) == [("direct", "These jobs are staying here.")]


def test_a_time_in_what_was_said_stays_reported():
    text = "When the rule takes effect, Dr. Clark added, “it will cost each family about $40 a year.”"
    assert ("indirect", "When the rule takes effect") in quotes_of(text)


def test_a_relative_clause_on_the_one_told_is_not_reported():
    text = "Ms. Roy tells voters who wonder why she cannot match her rival's anger that she was raised to be polite."
    assert not [q for q in quotes_of(text) if q[1].startswith("who")]


def test_a_paragraph_in_single_quotes_alone_is_a_subheading():
    text = ("Ms. Roy ran the harbour office for a decade.\n\n"
            "‘A long way to the top.’\n\n"
            "She was hired in 2004 as a clerk.")
    assert quotes_of(text) == []


def test_a_single_quoted_quote_with_its_cue_stays():
    text = "‘A long way to the top,’ Ms. Roy said of her career."
    assert quotes_of(text) == [("direct", "A long way to the top,")]
