"""Speakers found where the parser loses them: names after a quotation set off by a long
apposition, or opened by a few words of description. Invented texts, one shape each."""

from __future__ import annotations

from newsreader.analysis import analyze_text

from cue_helpers import cue_of, speaker_text


def speaker_of(text: str, start: str) -> str | None:
    quote = next(q for q in analyze_text(text).quotes if q.text.startswith(start))
    return quote.speaker_name


def test_a_name_after_the_quotation_speaks_across_a_long_apposition():
    text = ("“Very good work, very good work this team,” Ekdahl, the 2016 harbour-master of record "
            "nationally and current leading skipper in North Harbour by a wide margin after winning the "
            "Baltic regatta, said when Berg asked him a question.")
    assert speaker_of(text, "Very good work") == "Ekdahl"


def name_after_quotation(nlp, text: str, verb: str) -> str | None:
    from newsreader.analysis.cues import _name_after_quotation

    doc = nlp(text)
    found = _name_after_quotation(doc, next(t for t in doc if t.text == verb))
    return doc[found[0]:found[1]].text if found else None


def test_the_name_right_after_the_quotation_not_one_in_its_apposition(nlp):
    text = ("“We will reopen the pier by June,” Marta Villanueva, a planner then working for the "
            "Port Authority, wrote in an email to the council.")
    assert name_after_quotation(nlp, text, "wrote") == "Marta Villanueva"
    text = ("“We will reopen the pier by June,” Rep. Ola Berg’s chief of staff, Marta Villanueva, "
            "wrote in an email to the council.")
    assert name_after_quotation(nlp, text, "wrote") == "Marta Villanueva"


def test_no_name_after_a_quotation_that_ended_its_sentence(nlp):
    text = "“We will reopen the pier.” Marta Villanueva, a planner for the Port Authority, wrote to the council."
    assert name_after_quotation(nlp, text, "wrote") is None


def test_a_few_words_of_description_before_the_name_after_the_verb(nlp):
    doc, cue = cue_of(nlp, "“Nobody here saw it coming,” said retired ferryman Tomas Lindqvist, asked "
                      "about the closure.", "said")
    assert speaker_text(doc, cue) == "Tomas Lindqvist"
    doc, cue = cue_of(nlp, "“Council recap,” tweeted campaign spokesman Elio Marchetti.", "tweeted")
    assert speaker_text(doc, cue) == "Elio Marchetti"


def test_a_described_speaker_after_an_unfinished_quotation_takes_it():
    text = ("“Wages may finally be rising, and if it lasts, that is a big story,” the economist "
            "Petra Sandoval, a former adviser to the governor, wrote on her blog.")
    assert speaker_of(text, "Wages may finally") == "Petra Sandoval"


def test_after_a_finished_sentence_the_next_speaker_does_not_take_the_quotation():
    text = ("Sen. Ada Brink refused to discuss it, answering that she is “not going to go into "
            "what my office is doing.” And Sen. Lars Hovde, another incumbent, said he had not thought about it.")
    assert speaker_of(text, "not going") == "Ada Brink"


def test_a_dash_line_under_a_quotation_signs_it():
    text = ('The candidates traded claims at the debate.\n\n'
            '"We cut the harbour tax twice and nobody noticed."\n\n'
            '- Ana Ruiz.\n\n'
            'Ruiz exaggerates the cut.\n\n'
            '"The ferry runs on time."\n\n'
            '—Mayor Tomas Berg, Lakeview.\n')
    assert speaker_of(text, "We cut") == "Ana Ruiz"
    assert speaker_of(text, "The ferry") == "Tomas Berg"


def test_a_dashed_heading_signs_nothing():
    text = '“So we will see,” said Berg.\n\n– Old hands –.\n\n"The pier stays open all winter for the boats."\n\n– Old hands.\n'
    quote = next(q for q in analyze_text(text).quotes if q.text.startswith("The pier"))
    assert quote.cue is None


def test_a_reporting_participle_after_a_report_is_the_reporters():
    text = ("Even a senior harbour official said Ruiz will have to choose which side she is on, saying, "
            "“At some point, she is going to have to come out and tell us where she stands.”")
    assert speaker_of(text, "At some point") == "a senior harbour official"
    text = "Ruiz said the ferry will sail on time, adding, “We have never missed a day.”"
    assert speaker_of(text, "We have never") == "Ruiz"
    text = ('Starling said the mayor\'s plan reminds him of the old novel "The Long Harbour," explaining, '
            '"because there are certain sad parts of it, which we all regret."')
    assert speaker_of(text, "because there") == "Starling"


def test_a_participle_hung_on_a_cue_goes_with_that_cue(nlp):
    doc, cue = cue_of(nlp, "“We will win,” Ruiz added, saying the vote should be “up to the council.”", "saying")
    assert speaker_text(doc, cue) == "Ruiz"
