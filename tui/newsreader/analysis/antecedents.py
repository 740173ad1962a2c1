"""Who "he", "they" or "the senator" points back to: every name read before is a
candidate, and a logistic regression over where and how it was mentioned picks one.

``ArticleState`` knows the article so far and turns its mentions into
``Sighting``s (one per earlier mention, with what the state knows of it: a
subject, a cue's speaker, inside a quotation or another speaker's report, its
paragraph). ``candidates`` folds the sightings of a name into one ``Candidate``
with the features of ``FEATURES``; ``best`` scores them with the weights of the
query's kind ("personal": he/she; "group": they/it; "description": "the
senator"). The weights are data (``data/antecedents.json``), fitted on PolNeAR's
fit part by ``scripts/fit_antecedents.py``; without that file the hand-set
``RULE_WEIGHTS`` below pick as the engine did before it had a fit: the latest
subject or speaker, else the latest name.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

__all__ = ["FEATURES", "QUERIES", "Candidate", "Sighting", "best", "candidates", "score"]

QUERIES = ("personal", "group", "description")

FEATURES = (
    "latest name", "second latest name", "third latest name",
    "latest subject or speaker", "second latest subject or speaker", "third latest subject or speaker",
    "never a subject or speaker",
    "distance (log chars)",
    "latest sighting is a subject", "latest sighting is a cue's speaker",
    "cue speaker sightings (log)", "the last cue's speaker",
    "gender agrees",
    "organization", "untyped speaker",
    "sightings (log)",
    "only in quotations or reports",
    "latest in this paragraph", "latest in the paragraph before",
    "subject or speaker in this paragraph",
    "named in the first paragraph",
    # Sentences, finer than paragraphs: "he" after "X claimed ... . “…,” he said" is X, named
    # in the sentence before; a name inside the very quotation "he" attributes ("“Y is not
    # the one,” he said") is what was said, rarely who said it. PolNeAR fit: right picks
    # 939 -> 941 of 1117 labelled "he"/"she" queries, +9 right attributions.
    # A name in the sentence before counts only outside quotations and others' reports: in
    # "Ortiz said Hale's office is ongoing. “…,” he said", Hale is what Ortiz spoke of (PolNeAR
    # fit: 14 "he"/"she" picks change, 12 of them to the speaker a reader would name).
    "named in this sentence", "named in the sentence before",
    "quoted in this sentence",
)

# Before a fit: the latest subject or speaker wins, then the latest name.
RULE_WEIGHTS = {q: [0.0] * len(FEATURES) for q in QUERIES}
for _weights in RULE_WEIGHTS.values():
    _weights[FEATURES.index("latest subject or speaker")] = 100.0
    _weights[FEATURES.index("second latest subject or speaker")] = 50.0
    _weights[FEATURES.index("third latest subject or speaker")] = 25.0
    _weights[FEATURES.index("latest name")] = 2.0
    _weights[FEATURES.index("second latest name")] = 1.0
    _weights[FEATURES.index("only in quotations or reports")] = -200.0


@dataclass(slots=True)
class Sighting:
    """One earlier mention of a name, as the article state saw it."""

    key: str
    start: int
    span: tuple[int, int] | None
    """The mention to credit (a cue's speaker is placed at its cue, named elsewhere)."""
    paragraph: int
    subject: bool = False
    speaker: bool = False
    quoted: bool = False
    """Inside a quotation, or inside another speaker's reported clause."""
    type: str | None = None
    """"person", "organization", or ``None`` for a speaker the model never labelled."""
    gender_agrees: bool = False
    sentence: int = -1
    """Index of its sentence in the article."""


@dataclass(slots=True)
class Candidate:
    key: str
    span: tuple[int, int] | None
    features: list[float]
    sightings: list[Sighting] = field(default_factory=list)
    """The candidate's sightings, latest last (kept for the fitting script's labels)."""
    named_as_actor: bool = False
    """A subject or a cue's speaker somewhere in the window."""


def candidates(sightings: list[Sighting], paragraph: int, last_cue_key: str | None, pos: int,
               sentence: int = -1) -> list[Candidate]:
    """One candidate per name among ``sightings`` (in text order, all before ``pos``)."""
    by_key: dict[str, list[Sighting]] = {}
    for s in sightings:
        by_key.setdefault(s.key, []).append(s)
    folded = {k: _Folded(v, paragraph, sentence) for k, v in by_key.items()}
    by_recency = sorted(by_key, key=lambda k: -folded[k].latest.start)
    actor_rank_of = {k: r for r, k in enumerate(sorted((k for k in by_key if folded[k].actor is not None),
                                                        key=lambda k: -folded[k].actor))}
    out = []
    for rank, key in enumerate(by_recency):
        f = folded[key]
        latest = f.latest
        actor_rank = actor_rank_of.get(key)
        x = [float(rank == 0), float(rank == 1), float(rank == 2),
             float(actor_rank == 0), float(actor_rank == 1), float(actor_rank == 2),
             float(actor_rank is None),
             math.log1p(max(pos - latest.start, 0) / 100),
             float(latest.subject), float(latest.speaker),
             math.log1p(f.speaker_sightings), float(key == last_cue_key),
             float(f.gender_agrees),
             float(latest.type == "organization"), float(latest.type is None),
             math.log1p(len(by_key[key])),
             float(f.all_quoted),
             float(latest.paragraph == paragraph), float(latest.paragraph == paragraph - 1),
             float(f.actor_in_paragraph),
             float(f.in_first_paragraph),
             float(sentence >= 0 and f.in_sentence),
             float(sentence >= 1 and f.in_sentence_before),
             float(sentence >= 0 and f.quoted_in_sentence)]
        out.append(Candidate(key, latest.span, x, by_key[key], actor_rank is not None))
    return out


class _Folded:
    """What the features ask of one name's sightings, read in one pass over them (the
    features' dozen separate passes were most of ``candidates``' time on a long article)."""

    __slots__ = ("latest", "actor", "speaker_sightings", "gender_agrees", "all_quoted", "actor_in_paragraph",
                 "in_first_paragraph", "in_sentence", "in_sentence_before", "quoted_in_sentence")

    def __init__(self, seen: list[Sighting], paragraph: int, sentence: int) -> None:
        latest: Sighting | None = None  # the latest sighting outside quotations (the first of equals)
        self.actor: int | None = None
        """Where the name was last a subject or a cue's speaker outside quotations."""
        self.speaker_sightings = 0
        self.gender_agrees = self.actor_in_paragraph = self.in_first_paragraph = False
        self.in_sentence = self.in_sentence_before = self.quoted_in_sentence = False
        self.all_quoted = True
        for s in seen:
            actor = s.subject or s.speaker
            if not s.quoted:
                self.all_quoted = False
                if latest is None or s.start > latest.start:
                    latest = s
                if actor and (self.actor is None or s.start > self.actor):
                    self.actor = s.start
                if actor and s.paragraph == paragraph:
                    self.actor_in_paragraph = True
            self.speaker_sightings += s.speaker
            self.gender_agrees = self.gender_agrees or s.gender_agrees
            self.in_first_paragraph = self.in_first_paragraph or s.paragraph == 0
            if s.sentence == sentence:
                self.in_sentence = True
                self.quoted_in_sentence = self.quoted_in_sentence or s.quoted
            self.in_sentence_before = self.in_sentence_before or (s.sentence == sentence - 1 and not s.quoted)
        self.latest = latest or seen[-1]


@lru_cache(maxsize=1)
def _fitted() -> dict[str, list[float]] | None:
    path = Path(__file__).with_name("data") / "antecedents.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if tuple(data.get("features") or ()) != FEATURES:
        return None  # fitted for other features: the rule, not wrong weights
    return {q: [float(w) for w in data["weights"][q]] for q in QUERIES}


def score(query: str, candidate: Candidate) -> float:
    weights = (_fitted() or RULE_WEIGHTS)[query]
    return sum(w * x for w, x in zip(weights, candidate.features, strict=True))


def best(query: str, found: list[Candidate]) -> Candidate | None:
    """The highest-scoring candidate (the latest on a tie), or ``None`` when there is none."""
    return max(found, key=lambda c: score(query, c), default=None)  # latest first: ties go to it
