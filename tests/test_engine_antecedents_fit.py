"""Pronoun antecedents by sentence: who was named in the sentence before "he", and
who is only named inside the very quotation "he" attributes (``analysis/antecedents.py``)."""

from __future__ import annotations

from newsreader.analysis import analyze_text, antecedents
from newsreader.analysis.antecedents import Sighting


def _pick(sightings: list[Sighting], paragraph: int, pos: int, sentence: int) -> str | None:
    chosen = antecedents.best("personal", antecedents.candidates(sightings, paragraph, None, pos, sentence))
    return chosen.key if chosen else None


def test_a_name_inside_the_quotation_being_attributed_is_not_who_says_it():
    # "Owen Marsh denounced ... ¶ “If the voters choose Hale, ...,” he said": Marsh, not Hale.
    text = ("Mayor Owen Marsh denounced Victor Hale's remarks as “hurtful and cheap” and warned of what a "
            "Hale victory would mean for the port.\n\n"
            "“If the voters choose Hale, that will have consequences for every family here,” he said.")
    quotes = analyze_text(text).quotes
    last = quotes[-1]
    assert last.text.startswith("If the voters choose Hale")
    assert (last.resolution, last.speaker_name) == ("pronoun", "Owen Marsh")


def test_sentence_features_mark_the_sentence_before_and_a_quotation_in_this_one():
    sightings = [Sighting("ana ruiz", 0, (0, 8), 0, subject=True, type="person", sentence=0),
                 Sighting("tom lee", 60, (60, 67), 1, quoted=True, type="person", sentence=1)]
    found = {c.key: dict(zip(antecedents.FEATURES, c.features))
             for c in antecedents.candidates(sightings, 1, None, 100, 1)}
    assert found["ana ruiz"]["named in the sentence before"] == 1.0
    assert found["ana ruiz"]["quoted in this sentence"] == 0.0
    assert found["tom lee"]["named in this sentence"] == 1.0
    assert found["tom lee"]["quoted in this sentence"] == 1.0
    assert _pick(sightings, 1, 100, 1) == "ana ruiz"


def test_without_a_sentence_index_no_sentence_feature_fires():
    found = antecedents.candidates([Sighting("ana ruiz", 0, (0, 8), 0, subject=True, type="person")], 0, None, 50)
    x = dict(zip(antecedents.FEATURES, found[0].features))
    assert x["named in this sentence"] == x["named in the sentence before"] == x["quoted in this sentence"] == 0.0
