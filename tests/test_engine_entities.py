"""Entity typing and figures on small texts written for the purpose (not the dev set)."""

from __future__ import annotations

import pytest

from engine_cases import norm_name

from newsreader.analysis import analyze_text


def names(analysis, kind: str) -> list[str]:
    return [e.name for e in analysis.entities if e.type == kind]


def speaker_of(analysis, quote) -> str:
    """The speaker's entity name, else the text's own phrase for them."""
    entity = analysis.entity(quote.speaker)
    return entity.name if entity is not None else quote.speaker_name


@pytest.mark.parametrize("text, month", [
    ("Published 9 May 2023\n\nThe council said 40 homes were flooded.", "May"),
    ("Published 21st March 2024\n\nThe council said 40 homes were flooded.", "March"),
    ("On June 3 the council said 40 homes were flooded.", "June"),
    ("On the 14th of February the council said 40 homes were flooded.", "February"),
])
def test_the_day_of_a_date_is_not_a_figure(text, month):
    analysis = analyze_text(text)
    figures = [m.text for e in analysis.entities if e.type == "figure" for m in e.mentions]
    assert figures == ["40"], figures
    # the date itself is found, as a date
    dates = [m.text for e in analysis.entities if e.type == "date" for m in e.mentions]
    assert any(month in d for d in dates), dates


def test_a_number_beside_a_month_that_is_not_a_day_is_still_a_figure():
    analysis = analyze_text("Exports rose to 1,500 tonnes in May, officials said.")
    figures = [m.text for e in analysis.entities if e.type == "figure" for m in e.mentions]
    assert any("1,500" in f for f in figures), figures


@pytest.mark.parametrize("org, remit", [
    ("Ministry of Maritime Affairs", "Maritime Affairs"),
    ("Department of Fisheries", "Fisheries"),
    ("Court of Appeal", "Appeal"),
])
def test_a_ministrys_remit_is_not_a_place(org, remit):
    analysis = analyze_text(f"The {org} said its ferries had carried 1,200 people a day during the strike.")
    assert remit not in names(analysis, "place")
    # the whole name is the organisation, and it is who spoke
    assert org in names(analysis, "organization"), [(e.type, e.name) for e in analysis.entities]
    assert [speaker_of(analysis, q) for q in analysis.quotes] == [org]


@pytest.mark.parametrize("org, place", [
    ("Bank of Portavia", "Portavia"),
    ("Bank of England", "England"),
])
def test_a_banks_of_names_its_place(org, place):
    analysis = analyze_text(f"The {org} raised its main rate to 4 per cent on Thursday.")
    assert org in names(analysis, "organization")
    assert place in names(analysis, "place")


@pytest.mark.parametrize("text, generic, speaker, said", [
    ("Maria Lopez, the Secretary of State, said the talks would resume.", "State",
     "Maria Lopez", "the talks would resume"),
    ("Campaigners fear the Government will change the rules again, Ms Lopez said.", "Government",
     "Lopez", "the rules again"),
    ("The Court ruled that the fee was unlawful, lawyers for the families said.", "Court",
     "lawyers", "the fee was unlawful"),
    ("Undersecretary for Health Tom Reyes said the clinics would stay open.", "Health",
     "Tom Reyes", "the clinics would stay open"),
])
def test_a_generic_institution_word_is_no_organisation(text, generic, speaker, said):
    analysis = analyze_text(text)
    assert generic not in [e.name for e in analysis.entities], [(e.type, e.name) for e in analysis.entities]
    # what was said is found, with the speaker the sentence names
    found = [(speaker_of(analysis, q), q.text) for q in analysis.quotes]
    assert any(said in t and norm_name(who).startswith(norm_name(speaker)) for who, t in found), found


def test_an_organisation_named_before_its_spokesperson_is_the_organisation():
    analysis = analyze_text("Jeff Rathke, the State Department Spokesperson, said the ships must be allowed to land.")
    orgs = names(analysis, "organization")
    assert "State Department" in orgs, orgs
    assert not any("Spokesperson" in o for o in orgs)
    assert [speaker_of(analysis, q) for q in analysis.quotes] == ["Jeff Rathke"]


def test_shares_in_a_company_do_not_make_it_a_place():
    analysis = analyze_text("Shares in Tesla fell 5% on Wednesday after the company said deliveries had slowed.")
    assert "Tesla" not in names(analysis, "place")
    assert "Tesla" in names(analysis, "organization")
    assert [speaker_of(analysis, q) for q in analysis.quotes] == ["Tesla"]


def figure_texts(analysis) -> list[str]:
    return [m.text for e in analysis.entities if e.type == "figure" for m in e.mentions]


def test_money_keeps_its_symbol_and_multiplier():
    analysis = analyze_text("The firm lost $2.3bn in the quarter, against a profit of £400m a year earlier.")
    figures = {e.mentions[0].text: e.value for e in analysis.entities if e.type == "figure"}
    assert figures["$2.3bn"] == 2.3e9
    assert figures["£400m"] == 4e8


def test_a_number_glued_to_its_unit_is_a_figure():
    assert "41C" in figure_texts(analyze_text("Temperatures reached 41C in Seville on Monday."))


@pytest.mark.parametrize("text, score", [
    ("The home side won 3-1 on Saturday night.", "3-1"),
    ("Arsenal beat Chelsea 2–0 at home.", "2–0"),
    ("The court issued a 5-4 ruling on the case.", "5-4"),
])
def test_a_score_is_one_figure(text, score):
    assert score in figure_texts(analyze_text(text))


@pytest.mark.parametrize("text", [
    "Between 10 and 15 people were hurt in the crash.",
    "Between 10-15 people were hurt in the crash.",
    "Children aged 10-15 were hurt in the crash.",
])
def test_a_range_of_a_count_is_two_figures_and_no_date(text):
    analysis = analyze_text(text)
    assert figure_texts(analysis) == ["10", "15"]
    assert not [e.name for e in analysis.entities if e.type == "date"]
