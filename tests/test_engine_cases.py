"""Small hard cases for the quote engine, one each (see engine_cases.CASES)."""

from __future__ import annotations

import pytest

from engine_cases import CASES, Case, GoldQuote, inside_direct, match_quotes, place_gold


@pytest.fixture(scope="session")
def analyze():
    from newsreader.analysis import analyze_text
    from newsreader.analysis.nlp import load_nlp

    load_nlp()  # once per session (cached)
    return analyze_text


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: Case, analyze) -> None:
    analysis = analyze(case.text, published=case.published)
    text = case.text

    # Every span the engine reports points at its own text.
    for q in analysis.quotes:
        assert text[q.start:q.end] == q.text, q
        if q.cue is not None:
            assert text[q.cue.start:q.cue.end] == q.cue.text, q.cue
    for ent in analysis.entities:
        for m in ent.mentions:
            assert text[m.start:m.end] == m.text, (ent.name, m)

    gold = place_gold(text, [GoldQuote(q.kind, q.text, q.speaker, occurrence=q.occurrence)
                             for q in case.quotes])
    matches, extra = match_quotes(text, analysis, gold)
    problems = []
    for m in matches:
        if not (m.found and m.kind_ok and m.speaker_ok):
            problems.append(m.describe())
        elif m.gold.kind == "direct" and (m.pred.start, m.pred.end) != m.gold.span:
            problems.append(f"offsets {m.pred.start}:{m.pred.end} {m.pred.text!r} "
                            f"!= {m.gold.start}:{m.gold.end} {m.gold.text!r}")
    spurious = [p for p in extra if not inside_direct(gold, p)]
    for p in spurious:
        problems.append(f"SPURIOUS {p.kind} {p.text!r} speaker={p.speaker_name!r}")
    assert not problems, f"{case.note or case.id}:\n  " + "\n  ".join(problems)
    if not case.quotes:
        control_quote_is_found(case, analyze)


# A paragraph with one plain quote, added after each case that has nothing to quote:
# finding nothing there must come from telling what is not a quote, not from finding nothing.
CONTROL = "“The bridge will reopen in May,” said Nadia Petrova."


def control_quote_is_found(case: Case, analyze) -> None:
    text = case.text + "\n\n" + CONTROL
    analysis = analyze(text, published=case.published)
    gold = place_gold(text, [GoldQuote("direct", "The bridge will reopen in May,", "Nadia Petrova")])
    matches, extra = match_quotes(text, analysis, gold)
    assert matches[0].found and matches[0].kind_ok and matches[0].speaker_ok, matches[0].describe()
    assert (matches[0].pred.start, matches[0].pred.end) == gold[0].span
    spurious = [f"{p.kind} {p.text!r} ({p.speaker_name})" for p in extra if not inside_direct(gold, p)]
    assert not spurious, "\n".join(spurious)


def _case(case_id: str) -> Case:
    return next(c for c in CASES if c.id == case_id)


def test_a_shared_surname_credits_each_quote_to_that_persons_entity(analyze) -> None:
    # The case table matches speakers by name, where "Tanaka" fits either Tanaka;
    # the reader groups quotes by entity, so the entity is what must be right.
    analysis = analyze(_case("same-surname-named-in-turn").text)
    ids = {e.name: e.id for e in analysis.entities if e.type == "person"}
    by_text = {q.text: q.speaker for q in analysis.quotes}
    assert by_text["We are ready,"] == ids["Maria Tanaka"]
    assert by_text["We regret the delay,"] == ids["Kenji Tanaka"]
    assert by_text["We will be watching the fares,"] == ids["Maria Tanaka"]


def test_a_shared_surname_is_told_apart_by_title_and_given_name(analyze) -> None:
    # Both Tanakas named, then "Ms Tanaka" with no title seen yet: recency alone would
    # pick the brother; "Maria" is a woman's name, so "Ms Tanaka" is her.
    analysis = analyze(_case("same-surname-by-title").text)
    ids = {e.name: e.id for e in analysis.entities if e.type == "person"}
    first = next(q for q in analysis.quotes if q.text.startswith("We need a new school"))
    assert first.speaker == ids["Maria Tanaka"]


def test_a_quote_introduced_by_a_colon_keeps_that_cue(analyze) -> None:
    analysis = analyze(_case("colon-quote-then-new-cue").text)
    cues = {q.text: q.cue.text for q in analysis.quotes if q.cue is not None}
    assert cues["This is a day of mourning."] == "said"
    assert cues["the inquiry would be independent"] == "told"


def test_an_organisation_a_statement_comes_from_is_no_place(analyze) -> None:
    analysis = analyze(_case("according-to-a-statement-from").text)
    assert [(e.type, e.name) for e in analysis.entities if e.name == "Red Cross"] == [("organization", "Red Cross")]


def test_a_name_the_model_cut_short_is_whole_in_entity_and_speaker(analyze) -> None:
    analysis = analyze(_case("given-name-the-model-cut").text)
    people = [e for e in analysis.entities if e.type == "person"]
    assert [e.name for e in people] == ["Ana Costa"]
    assert [q.speaker for q in analysis.quotes] == [people[0].id]


def test_titles_and_acronyms_are_not_taken_into_a_name(analyze) -> None:
    for text, name in (("Foreign Minister Sergey Lavrov said the talks would go on.", "Sergey Lavrov"),
                       ("Apple CEO Tim Cook said sales had slowed.", "Tim Cook")):
        analysis = analyze(text)
        assert [e.name for e in analysis.entities if e.type == "person"] == [name]


def test_a_verb_a_headline_glued_onto_a_name_is_not_the_speakers_name(analyze) -> None:
    analysis = analyze("Glenn Beck Blasts Drudge for Mocking His Fast\n\n"
                       "Glenn Beck said on Tuesday that the site had been unfair to him. "
                       "“It is a disgrace,” Beck said.")
    people = [e for e in analysis.entities if e.type == "person"]
    assert "Glenn Beck" in [e.name for e in people]
    assert not any("Blasts" in e.name or "Blasts" in " ".join(e.aliases) for e in analysis.entities)
    assert {q.speaker_name for q in analysis.quotes} == {"Glenn Beck"}
