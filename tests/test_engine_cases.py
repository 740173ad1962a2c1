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
