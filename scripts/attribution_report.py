#!/usr/bin/env python3
"""Where attribution goes wrong, by how the speaker was found (read by hand, not by tests).

    .venv/bin/python scripts/attribution_report.py fit|check [--show RESOLUTION] [--n 30]

Reads the exports ``scripts/evaluate.py polnear PART`` left in ``.eval/pred/PART`` and
the gold of ``.eval/polnear/PART``, matches them with PolNeAR's own scorer
(``../shared/eval/polnear.py``, imported), and prints for each ``resolution`` of the
matched quotes with a gold source how many were right; ``--show`` lists wrong ones
with their speaker mention. ``labelled(part)`` is what ``fit_confidence.py`` learns from.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"


def scorer():
    spec = importlib.util.spec_from_file_location("polnear_scorer", SHARED / "polnear.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def labelled(part: str):
    """(name, text, export, quote, unit, right) for every prediction matched to a gold unit with a source."""
    pn = scorer()
    gold_dir, pred_dir = ROOT / ".eval" / "polnear" / part, ROOT / ".eval" / "pred" / part
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        name = gold_path.name[: -len(".gold.json")]
        pred_path = pred_dir / f"{name}.json"
        if not pred_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred = json.loads(pred_path.read_text(encoding="utf-8"))
        with open(gold_dir / f"{name}.txt", encoding="utf-8", newline="") as fh:
            text = fh.read()
        units = gold.get("units", [])
        quotes = pred.get("quotes", [])
        entities = {e["id"]: e for e in pred.get("entities", [])}
        g = [pn.strip_marks(text, u["start"], u["end"]) for u in units]
        p = [pn.strip_marks(text, q["start"], q["end"]) for q in quotes]
        for gi, pi in pn.greedy_match(g, p):
            src = units[gi].get("source")
            if not src:
                continue
            right = pn.speaker_rule(quotes[pi], src, entities, gold.get("chains", []), text) is not None
            yield name, text, pred, quotes[pi], units[gi], right


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("part", choices=("fit", "check"))
    ap.add_argument("--show")
    ap.add_argument("--n", type=int, default=30)
    args = ap.parse_args()
    n, ok, shown = Counter(), Counter(), []
    for name, text, _, q, u, right in labelled(args.part):
        r = q.get("resolution") or "none"
        n[r] += 1
        ok[r] += right
        if args.show == r and not right:
            shown.append((name, text, q, u))
    for r in sorted(n, key=lambda r: -n[r]):
        print(f"{r:<12} n {n[r]:>5}  right {ok[r] / n[r]:.3f}  wrong {n[r] - ok[r]}")
    random.Random(0).shuffle(shown)
    for name, text, q, u in shown[: args.n]:
        m = q.get("speaker_mention") or {}
        ctx_start = max(0, min(q["start"], m.get("start", q["start"])) - 150)
        print(f"\n{name}: got {q.get('speaker_name')!r} via {m.get('text')!r}; gold {u['source']['text']!r}")
        print("   ", " ".join(text[ctx_start:q["end"] + 60].split()))


if __name__ == "__main__":
    main()
