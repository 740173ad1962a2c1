#!/usr/bin/env python3
"""The commonest cue lemmas of PolNeAR's fit part that our cue lists do not know.

    .venv/bin/python scripts/cue_frequencies.py [--top 60]

Reads the gold of ``.eval/polnear/fit`` (made by ``scripts/evaluate.py split``): one
count per attribution, its cue's lemmas as the corpus gives them. The reporting
verbs in ``analysis/lexicon.py`` were extended from this list, not from memory.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tui"))

from newsreader.analysis.lexicon import (  # noqa: E402
    CALL_VERBS, COMMISSIVE_VERBS, DIRECTIVE_VERBS, FRAMING_VERBS, SPEECH_VERBS,
)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=60)
    args = ap.parse_args()
    known = SPEECH_VERBS | DIRECTIVE_VERBS | FRAMING_VERBS | COMMISSIVE_VERBS | CALL_VERBS
    counts: Counter[str] = Counter()
    for path in sorted((ROOT / ".eval" / "polnear" / "fit").glob("*.gold.json")):
        seen = set()
        for unit in json.loads(path.read_text(encoding="utf-8"))["units"]:
            cue = unit.get("cue")
            if cue and unit["attribution"] not in seen:
                seen.add(unit["attribution"])
                counts[" ".join(lemma.lower() for lemma in cue.get("lemmas") or [])] += 1
    unknown = [(k, n) for k, n in counts.most_common() if k and k != "accord to" and not set(k.split()) & known]
    for lemmas, n in unknown[: args.top]:
        print(f"{n:>5}  {lemmas}")


if __name__ == "__main__":
    main()
