#!/usr/bin/env python3
"""Fit the attribution confidence (``analysis/confidence.py``) on PolNeAR's fit part;
report its calibration on the check part.

    .venv/bin/python scripts/evaluate.py polnear all      # fresh exports of both parts
    .venv/bin/python scripts/fit_confidence.py [--write]  # fit, print bins; --write ships the weights

A logistic regression (L2, Newton's method, numpy only) learns P(speaker right)
from the matched quotes of the fit part, labelled by PolNeAR's own speaker rule
(``attribution_report.labelled``). The check part, never fitted on, gives the
table of confidence bins against accuracy and the share of matched quotes at or
above 0.8. ``--write`` stores the weights in ``tui/newsreader/analysis/data/confidence.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tui"))

from attribution_report import labelled  # noqa: E402

from newsreader.analysis import confidence  # noqa: E402
from newsreader.model import Quote  # noqa: E402

OUT = ROOT / "tui" / "newsreader" / "analysis" / "data" / "confidence.json"
L2 = 1.0


def dataset(part: str) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for _, _, pred, q, _, right in labelled(part):
        if not q.get("speaker_name"):
            continue
        types = {e["id"]: e["type"] for e in pred["entities"]}
        said = Counter(x.get("speaker") or x.get("speaker_name") for x in pred["quotes"] if x.get("speaker_name"))
        quote = Quote.from_dict(q)
        xs.append(confidence.features(quote, types.get(quote.speaker or ""), said[quote.speaker or quote.speaker_name]))
        ys.append(float(right))
    return np.array(xs), np.array(ys)


def fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    w = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], L2)
    reg[0] = 0.0  # the bias is not shrunk
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (p - y) + reg * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def report(name: str, x: np.ndarray, y: np.ndarray, w: np.ndarray) -> None:
    p = np.round(1 / (1 + np.exp(-x @ w)), 2)
    print(f"\n{name}: {len(y)} matched quotes with a speaker and a gold source, {y.mean():.3f} right")
    print("confidence  quotes  share  right")
    edges = [0.0, 0.4, 0.6, 0.8, 0.9, 1.01]
    for lo, hi in zip(edges, edges[1:]):
        sel = (p >= lo) & (p < hi)
        if sel.any():
            print(f"{lo:.1f}-{min(hi, 1.0):.1f}    {sel.sum():>6}  {sel.mean():.3f}  {y[sel].mean():.3f}")
    hi = p >= 0.8
    print(f">= 0.8: right {y[hi].mean():.3f}, {hi.mean():.3f} of the matched quotes; "
          f"< {confidence.UNCERTAIN_BELOW}: right {y[p < confidence.UNCERTAIN_BELOW].mean():.3f}, "
          f"{(p < confidence.UNCERTAIN_BELOW).mean():.3f} of them")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    x, y = dataset("fit")
    w = fit(x, y)
    for name, weight in zip(confidence.feature_names(), w):
        print(f"{name:<34} {weight:+.3f}")
    report("fit part (fitted on)", x, y, w)
    report("check part (held out)", *dataset("check"), w)
    if args.write:
        OUT.write_text(json.dumps({
            "about": "P(speaker right) = sigmoid(weights . features); fitted by scripts/fit_confidence.py "
                     "on PolNeAR train's fit part",
            "features": confidence.feature_names(),
            "weights": [round(float(v), 4) for v in w],
        }, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {OUT}")


if __name__ == "__main__":
    main()
