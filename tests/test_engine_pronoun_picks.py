"""Which person "he" or "she" points back to: the candidates the article state offers the
antecedent scorer (``ArticleState._antecedent``), on small invented articles."""

from __future__ import annotations

from newsreader.analysis import analyze_text


def direct_speakers(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker_name) for q in analyze_text(text).quotes if q.kind == "direct"]


def test_she_finds_a_woman_the_model_tagged_as_an_organisation_by_her_given_name(nlp):
    text = ("Mayor Tom Hale said the ferry would run again by June.\n\n"
            "Leah Banks, who ran the clinic, tossed cold water on the idea. “We will not move first,” she said.")
    assert [e.label_ for e in nlp(text).ents if e.text == "Leah Banks"] == ["ORG"]  # what the test is about
    assert direct_speakers(text) == [("We will not move first,", "Leah Banks")]


def test_a_name_ending_like_an_organisation_is_no_she_however_it_opens():
    text = ("Nora Quill ran the clinic for years.\n\n"
            "Carly Holdings, the harbour firm, tossed cold water on the idea. “We will not move first,” she said.")
    assert direct_speakers(text) == [("We will not move first,", "Nora Quill")]
