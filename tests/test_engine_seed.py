"""The bundled seed seeds/aleppo-evacuation.txt: every quote, its kind, speaker and offsets."""

from __future__ import annotations

import pytest

from engine_cases import SEEDS, inside_direct, load_fixture, match_quotes

NAME = "aleppo-evacuation"


@pytest.fixture(scope="session")
def seed():
    from newsreader.analysis.nlp import load_nlp
    from newsreader.analysis.pipeline import Analyzer
    from newsreader.sources import load_article

    fx = load_fixture(NAME)
    article = load_article(str(SEEDS / f"{NAME}.txt"), fx.published)
    assert article.text == fx.text
    analysis = Analyzer(load_nlp()).analyze(article)
    matches, extra = match_quotes(fx.text, analysis, fx.quotes)
    return fx, analysis, matches, extra


def test_analysis_is_complete_and_consistent(seed):
    fx, analysis, _, _ = seed
    assert analysis.complete
    assert analysis.quotes and analysis.entities  # the checks below are about something
    for q in analysis.quotes:
        assert fx.text[q.start:q.end] == q.text, q
        if q.cue is not None:
            assert fx.text[q.cue.start:q.cue.end] == q.cue.text, q.cue
        if q.speaker is not None:
            assert analysis.entity(q.speaker) is not None, f"quote {q.id} names unknown entity {q.speaker}"
    for ent in analysis.entities:
        for m in ent.mentions:
            assert fx.text[m.start:m.end] == m.text, (ent.name, m)


def test_every_quote_found(seed):
    _, _, matches, _ = seed
    missing = [m.describe() for m in matches if not m.found]
    assert not missing, "\n".join(missing)


def found_most(matches) -> None:
    """The checks of what was found are about something: the gold's quotes were found."""
    assert sum(m.found for m in matches) >= 0.9 * len(matches), [m.describe() for m in matches if not m.found]


def test_every_quote_has_the_right_kind(seed):
    _, _, matches, _ = seed
    found_most(matches)
    wrong = [m.describe() for m in matches if m.found and not m.kind_ok]
    assert not wrong, "\n".join(wrong)


def test_every_quote_has_the_right_speaker(seed):
    _, _, matches, _ = seed
    found_most(matches)
    wrong = [m.describe() for m in matches if m.found and not m.speaker_ok]
    assert not wrong, "\n".join(wrong)


def test_no_spurious_quotes(seed):
    fx, _, matches, extra = seed
    found_most(matches)  # not by finding little
    spurious = [f"{p.kind} {p.text!r} ({p.speaker_name})" for p in extra if not inside_direct(fx.quotes, p)]
    assert not spurious, "\n".join(spurious)


def test_direct_quote_offsets_are_exact(seed):
    fx, _, matches, _ = seed
    bad = []
    for m in matches:
        if m.gold.kind != "direct" or not m.found:
            continue
        if (m.pred.start, m.pred.end) != m.gold.span:
            bad.append(f"{m.pred.start}:{m.pred.end} {m.pred.text!r} != "
                       f"{m.gold.start}:{m.gold.end} {m.gold.text!r}")
        else:
            # strictly between the marks: the characters either side are the marks themselves
            assert fx.text[m.gold.start - 1] in "“\"" and fx.text[m.gold.end] in "”\""
    assert all(m.found for m in matches if m.gold.kind == "direct")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("index", range(len(load_fixture(NAME).quotes)))
def test_quote(seed, index):
    """One test per gold quote, so a run shows exactly which ones fail."""
    _, _, matches, _ = seed
    m = matches[index]
    assert m.found and m.kind_ok and m.speaker_ok, m.describe()


def test_rescuers_are_the_white_helmets(seed):
    """'the rescuers said' resolves to the White Helmets, the organisation, not a person."""
    _, analysis, matches, _ = seed
    m = next(m for m in matches if m.gold.text.startswith("If we are not evacuated"))
    assert m.found and m.speaker_ok, m.describe()
    ent = analysis.entity(m.pred.speaker)
    assert ent is not None and ent.type == "organization", ent


def test_people_and_organisations(seed):
    fx, analysis, _, _ = seed
    from engine_cases import norm_name

    people = {norm_name(e.name) for e in analysis.entities if e.type == "person"}
    orgs = {norm_name(e.name) for e in analysis.entities if e.type == "organization"}
    for name in ["Sergey Lavrov", "Josh Earnest", "John Kerry", "Frank-Walter Steinmeier", "Jan Egeland", "Yasser"]:
        assert norm_name(name) in people, (name, sorted(people))
    for name in ["White House", "United Nations", "White Helmets"]:
        assert norm_name(name) in orgs, (name, sorted(orgs))
