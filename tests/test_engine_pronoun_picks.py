"""Which person "he" or "she" points back to: the candidates the article state offers the
antecedent scorer (``ArticleState._antecedent``), on small invented articles."""

from __future__ import annotations

from newsreader.analysis import analyze_text, antecedents
from newsreader.analysis.antecedents import Sighting


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


def _trace(nlp, text: str) -> list[dict]:
    """The antecedent queries of ``text``, read as the engine reads an article."""
    from newsreader.analysis.chunks import feed, units
    from newsreader.analysis.state import ArticleState
    from newsreader.model import Article, paragraph_spans

    article = Article(source="<text>", text=text, title=None, published=None, published_from="unknown")
    state = ArticleState(article)
    state.antecedent_trace = []
    parts = units(text, paragraph_spans(text), len(text) + 1)
    for unit, doc in zip(parts, nlp.pipe(text[u.start:u.end] for u in parts), strict=True):
        feed(state, doc, unit)
    return state.antecedent_trace


def test_a_name_only_inside_a_report_in_the_sentence_before_is_not_named_there():
    # "Ortiz said Hale's office ... . “…,” he said": Hale was what Ortiz spoke of.
    sightings = [Sighting("tom hale", 0, (0, 8), 0, subject=True, type="person", sentence=0),
                 Sighting("ben ortiz", 60, (60, 69), 1, subject=True, speaker=True, type="person", sentence=1),
                 Sighting("tom hale", 80, (80, 84), 1, subject=True, quoted=True, type="person", sentence=1)]
    found = {c.key: dict(zip(antecedents.FEATURES, c.features))
             for c in antecedents.candidates(sightings, 1, None, 120, 2)}
    assert found["ben ortiz"]["named in the sentence before"] == 1.0
    assert found["tom hale"]["named in the sentence before"] == 0.0


def test_what_follows_a_cue_that_interrupts_its_report_is_reported_too(nlp):
    text = ("Tom Hale, the mayor, has pushed the levy for months.\n\n"
            "Like his remarks about the ferry, Ben Ortiz said, Mr. Hale's plans for the levy were unacceptable. "
            "“This goes too far,” he said.")
    (query,) = [q for q in _trace(nlp, text) if text[q["pos"]:q["pos"] + 2] == "he"]
    hale = next(c for c in query["candidates"] if c.key == "Hale")
    after_cue = text.index("Mr. Hale") + len("Mr. ")
    assert [s.quoted for s in hale.sightings if s.start == after_cue] == [True]


def test_a_cue_that_runs_into_a_quote_with_a_comma_is_that_quotes_own():
    # `Ruiz said, “A.” Lee added, “B.”`: "added" introduces B; it does not close A.
    text = ("Ana Ruiz said, “The way this case was brought is unlike any we have seen.” Tom Lee added, "
            "“Nothing here was ordinary.” The council, for instance, refused to grant the usual credit.")
    assert direct_speakers(text) == [("The way this case was brought is unlike any we have seen.", "Ana Ruiz"),
                                     ("Nothing here was ordinary.", "Tom Lee")]
    text = ("Sheriff Tom Lee backed the plan for a new jail.\n\n"
            "He said, “The council will build the jail” - at which point the crowd chanted “Build it now!”")
    assert direct_speakers(text)[0] == ("The council will build the jail", "Tom Lee")


def test_a_cue_set_off_by_an_aside_still_introduces_the_quote_after_it():
    # Punctuation standing alone is no word of the aside between the verb and the quote.
    text = "When a man in the crowd shouted, “Ruiz,” Lee joked, again using a thick accent, “Welcome aboard, friend!”"
    assert direct_speakers(text) == [("Ruiz,", "a man"), ("Welcome aboard, friend!", "Lee")]


def test_a_surname_the_model_left_untagged_is_still_a_subject_he_can_point_back_to(nlp):
    text = ("Victor Hale, the mayor, spoke first.\n\n"
            "Ana Ruiz called the levy a disaster, and Jack Tate asked how the town would pay. Hale appeared to "
            "dismiss the issue in October, when he told Ruiz that voters were “tired of hearing about the ferry.”")
    assert "Hale" not in [e.text for e in nlp(text).ents]  # what the test is about
    (query,) = [q for q in _trace(nlp, text) if text[q["pos"]:q["pos"] + 2] == "he"]
    hale = next(c for c in query["candidates"] if c.key == "Hale")
    assert dict(zip(antecedents.FEATURES, hale.features))["latest sighting is a subject"] == 1.0


def _speakers(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker_name) for q in analyze_text(text).quotes]


def test_they_after_people_in_the_plural_or_names_joined_by_and_is_them():
    text = ("The harbour board met on Monday in Port Ellis.\n\n"
            "Tom Hale and Ana Ruiz argued that the board is not needed to run the ferry. The town can do that, they said.")
    assert ("The town can do that", "Tom Hale and Ana Ruiz") in _speakers(text)
    text = ("Councillor Tom Hale wants to run for mayor.\n\n"
            "Several Hale associates have named the harbour as one place where he could help. "
            "He could win the port vote, they have suggested.")
    assert _speakers(text) == [("He could win the port vote", "Several Hale associates")]
