"""How likely a quote's speaker is right: a logistic regression over how it was found.

The features are read off the quote as exported (``Quote``: its kind, how its
speaker was resolved, its cue and speaker mention, the speaker's entity type),
so the model can be fitted on saved exports. The weights are data
(``data/confidence.json``), fitted on PolNeAR's fit part by
``scripts/fit_confidence.py`` and calibrated on its check part (README, "How
sure is the speaker"). Below ``UNCERTAIN_BELOW`` a speaker is shown as uncertain.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from ..model import KINDS, RESOLUTIONS, UNCERTAIN_BELOW, Quote, is_uncertain

__all__ = ["UNCERTAIN_BELOW", "feature_names", "features", "is_uncertain", "score"]

SPEAKER_TYPES = ("person", "organization", "place", "none")


def feature_names() -> list[str]:
    return (["bias"] + [f"via={r}" for r in RESOLUTIONS] + [f"kind={k}" for k in KINDS]
            + [f"speaker={t}" for t in SPEAKER_TYPES]
            + ["no cue", "cue distance (100 chars)", "mention before quote", "quote words (log)",
               "speaker quotes in article (log)"])


def features(quote: Quote, speaker_type: str | None, speaker_quotes: int) -> list[float]:
    """The feature vector of ``feature_names()`` for one quote with a speaker."""
    out = [1.0]
    out += [float(quote.resolution == r) for r in RESOLUTIONS]
    out += [float(quote.kind == k) for k in KINDS]
    out += [float((speaker_type or "none") == t) for t in SPEAKER_TYPES]
    cue = quote.cue
    if cue is None:
        out += [1.0, 0.0]
    else:
        gap = cue.start - quote.end if cue.start >= quote.end else quote.start - cue.end if cue.end <= quote.start else 0
        out += [0.0, min(max(gap, 0), 1000) / 100]
    m = quote.speaker_mention
    out.append(float(m is not None and m.end <= quote.start))
    out.append(math.log1p(len(quote.text.split())))
    out.append(math.log1p(speaker_quotes))
    return out


@lru_cache(maxsize=1)
def _weights() -> list[float] | None:
    path = Path(__file__).with_name("data") / "confidence.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("features") != feature_names():
        return None  # fitted for other features: no confidence rather than a wrong one
    return [float(w) for w in data["weights"]]


def score(quote: Quote, speaker_type: str | None, speaker_quotes: int) -> float | None:
    """P(speaker right), rounded to 0.01; ``None`` for a quote without a speaker or without weights."""
    weights = _weights()
    if weights is None or quote.speaker_name is None:
        return None
    z = sum(w * x for w, x in zip(weights, features(quote, speaker_type, speaker_quotes), strict=True))
    return round(1 / (1 + math.exp(-max(-30.0, min(30.0, z)))), 2)
