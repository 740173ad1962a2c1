"""Speakers picked for named and described sources: surnames the tagger read as other
words, and who a source document or a description points at. Invented texts, one shape each."""

from __future__ import annotations

from newsreader.analysis import analyze_text

from cue_helpers import cue_of, speaker_text


def speaker_of(text: str, start: str) -> str | None:
    quote = next(q for q in analyze_text(text).quotes if q.text.startswith(start))
    return quote.speaker_name


def test_a_surname_tagged_as_an_adverb_inside_the_sentence_speaks(nlp):
    doc, cue = cue_of(nlp, "Asked about the vote, Early described it as “a fair result.”", "described")
    assert speaker_text(doc, cue) == "Early"
    doc, cue = cue_of(nlp, "Back at the dock, Shortly told reporters the ferry was late.", "told")
    assert speaker_text(doc, cue) == "Shortly"


def test_a_surname_tagged_as_a_modal_before_a_past_tense_speaks(nlp):
    doc, cue = cue_of(nlp, "Will warned the council that the pier was unsafe.", "warned")
    assert speaker_text(doc, cue) == "Will"
    text = ("The columnist Ada Will spoke on Monday.\n\n"
            "“The harbour will flood again,” Will wrote.")
    assert speaker_of(text, "The harbour") == "Ada Will"


def test_a_sentence_opening_adverb_or_a_title_cased_headline_is_no_speaker(nlp):
    doc, cue = cue_of(nlp, "Later, the mayor said the pier was unsafe.", "said")
    assert speaker_text(doc, cue) == "the mayor"
    doc = nlp("Harbour Chief Finally Said The Pier Was Unsafe")
    assert all(not c.speaker or doc[c.speaker[0]:c.speaker[1]].text != "Finally" for c in doc._.cues)


def test_according_to_a_study_of_records_is_the_study_not_the_records():
    text = "Ferry fares rose 40 percent last year, according to a Harbour Times analysis of port records."
    assert speaker_of(text, "Ferry fares") == "a Harbour Times analysis of port records"
    text = "Ferry fares rose 40 percent last year, according to an analysis of port data by Seaview."
    assert speaker_of(text, "Ferry fares") == "Seaview"
    text = "Ferry fares rose 40 percent last year, according to a statement from the Red Cross."
    assert speaker_of(text, "Ferry fares") == "Red Cross"


def test_a_description_taken_back_to_a_name_that_is_no_entity_stays_the_description():
    text = ("Democrats said the harbour vote was unfair.\n\n"
            "The committee said the pier would reopen in May.")
    quote = next(q for q in analyze_text(text).quotes if q.text.startswith("the pier"))
    assert (quote.speaker, quote.speaker_name, quote.resolution) == (None, "The committee", "unnamed")


def test_a_quote_with_no_cue_after_a_report_in_its_paragraph_is_the_reporters():
    text = ("“The pier is safe,” Ana Ruiz said.\n\n"
            "Tom Berg, the ferry owner's lawyer, argues that his client never misled anyone. "
            "“The council knew about the cracks for years.”")
    assert speaker_of(text, "The council knew") == "Tom Berg"


def test_a_reporting_verb_tagged_as_a_noun_after_a_quotation_is_the_cue(nlp):
    doc, cue = cue_of(nlp, "“They know Hale is the one to stop the levy,” a voice-over in the ad states.", "states")
    assert speaker_text(doc, cue) == "a voice-over in the ad"
    text = "“Friend, let me be blunt. Donald can not,” the email read. It stated that Roe was rattled."
    assert speaker_of(text, "Friend") == "the email"


def test_a_noun_after_a_quotation_that_goes_on_is_no_cue(nlp):
    doc = nlp("“We will win,” the state officials said.")
    assert [doc[c.verb].text for c in doc._.cues] == ["said"]
    doc = nlp("He used the slogan “Make the harbour great again,” and other claims. Then he left.")
    assert [doc[c.verb].text for c in doc._.cues] == []
