#!/usr/bin/env python3
"""Fit the antecedent scorer (``analysis/antecedents.py``) on PolNeAR's fit part; report
how often it picks a right speaker on the check part, beside the hand-set rule.

    .venv/bin/python scripts/evaluate.py split            # .eval/polnear/{fit,check}
    .venv/bin/python scripts/fit_antecedents.py [--write]  # fit, compare; --write ships the weights

Each article is analysed with ``ArticleState.antecedent_trace`` on, which records every
antecedent query ("he", "they", "the senator") with its candidates and their features.
A query is labelled when its words are the speaker mention of a quote matched to a gold
unit with a source: each candidate is right when PolNeAR's own speaker rule
(``polnear.speaker_rule``, imported) accepts the candidate's name and mentions. Queries
where no candidate is right teach nothing and are left out. One logistic regression per
query kind (L2, Newton's method, ``fit_confidence.fit``) learns P(candidate right); the
highest score wins. Reads ``../shared`` (run by hand only; no test imports this).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tui"))

from attribution_report import scorer  # noqa: E402

from newsreader.analysis import antecedents  # noqa: E402

OUT = ROOT / "tui" / "newsreader" / "analysis" / "data" / "antecedents.json"
_NLP = None
# Fewer labelled queries than this (PolNeAR's fit part has 9 for "they"/"it" and 36 for
# descriptions) would fit the sentences, not the kind: such a kind keeps the rule.
MIN_QUERIES = 200


def _traced(path: str) -> tuple[str, dict, list[dict]]:
    """(name, export, trace) of one article, analysed as ``newsreader export`` does."""
    global _NLP
    from newsreader.analysis.chunks import MAX_PIECE, batch_size, feed, units
    from newsreader.analysis.nlp import load_nlp
    from newsreader.model import paragraph_spans
    from newsreader.analysis.state import ArticleState
    from newsreader.export import to_json
    from newsreader.sources import load_article

    if _NLP is None:
        _NLP = load_nlp(None)
    article = load_article(path)
    state = ArticleState(article)
    state.antecedent_trace = []
    limit = min(MAX_PIECE, _NLP.max_length)
    parts = units(article.text, paragraph_spans(article.text), limit)
    docs = _NLP.pipe((article.text[u.start:u.end] for u in parts), batch_size=batch_size(parts, limit))
    for unit, doc in zip(parts, docs, strict=True):
        feed(state, doc, unit)
    analysis = state.snapshot(upto=len(article.text), complete=True, model="trace")
    trace = [{"pos": r["pos"], "query": r["query"],
              "candidates": [{"x": c.features,
                              "name": article.text[c.span[0]:c.span[1]] if c.span else c.key,
                              "spans": [s.span for s in c.sightings if s.span]} for c in r["candidates"]]}
             for r in state.antecedent_trace]
    return Path(path).name[: -len(".txt")], json.loads(to_json(article, analysis)), trace


def labelled_queries(part: str, jobs: int) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """(query kind, features of its candidates, right or not) for each labelled query."""
    pn = scorer()
    gold_dir = ROOT / ".eval" / "polnear" / part
    paths = sorted(str(p) for p in gold_dir.glob("*.txt"))
    out = []
    with ProcessPoolExecutor(jobs) as pool:
        for name, pred, trace in pool.map(_traced, paths, chunksize=8):
            gold = json.loads((gold_dir / f"{name}.gold.json").read_text(encoding="utf-8"))
            with open(gold_dir / f"{name}.txt", encoding="utf-8", newline="") as fh:
                text = fh.read()
            by_pos = {r["pos"]: r for r in trace}
            units, quotes = gold.get("units", []), pred.get("quotes", [])
            g = [pn.strip_marks(text, u["start"], u["end"]) for u in units]
            p = [pn.strip_marks(text, q["start"], q["end"]) for q in quotes]
            for gi, pi in pn.greedy_match(g, p):
                src, q = units[gi].get("source"), quotes[pi]
                mention = q.get("speaker_mention")
                record = by_pos.get(mention["start"]) if src and mention else None
                if record is None or not record["candidates"]:
                    continue
                right = []
                for c in record["candidates"]:
                    entity = {"name": c["name"], "mentions": [{"start": s, "end": e} for s, e in c["spans"]]}
                    right.append(pn.speaker_rule({"speaker": "c", "speaker_name": c["name"]}, src,
                                                 {"c": entity}, gold.get("chains", []), text) is not None)
                out.append((record["query"], np.array([c["x"] for c in record["candidates"]]), np.array(right, float)))
    return out


def fit_choice(rows: list[tuple[np.ndarray, np.ndarray]], l2: float = 1.0, steps: int = 3000) -> np.ndarray:
    """Conditional logit: weights that maximise, over queries, the log of the softmax share
    of the query's right candidates (a ranking, where the pointwise regression of
    ``fit_confidence.fit`` would learn how likely a candidate is right by itself)."""
    w = np.zeros(rows[0][0].shape[1])
    lr = 0.5
    for _ in range(steps):
        grad = l2 * w
        for x, y in rows:
            z = x @ w
            p = np.exp(z - z.max())
            p /= p.sum()
            right = p * y
            q = right / right.sum()
            grad -= x.T @ (q - p)
        w -= lr * grad / len(rows)
    return w


def top1(queries, weights: dict[str, np.ndarray], kind: str) -> tuple[int, int, int]:
    """(right picks, queries with a right candidate, queries) for one query kind."""
    picked = reachable = n = 0
    for q, x, y in queries:
        if q != kind:
            continue
        n += 1
        reachable += bool(y.any())
        scores = x @ weights[kind]
        picked += bool(y[int(np.argmax(scores))])  # argmax takes the first: the latest name on a tie
    return picked, reachable, n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--jobs", type=int, default=max(1, min(os.cpu_count() or 1, 4)))
    args = ap.parse_args()
    data = {part: labelled_queries(part, args.jobs) for part in ("fit", "check")}
    rule = {k: np.array(v) for k, v in antecedents.RULE_WEIGHTS.items()}
    fitted = {}
    for kind in antecedents.QUERIES:
        rows = [(x, y) for q, x, y in data["fit"] if q == kind and y.any()]
        if len(rows) < MIN_QUERIES:
            print(f"\n{kind}: {len(rows)} labelled queries, too few to fit on: the rule's weights")
            fitted[kind] = rule[kind]
            continue
        w = fit_choice(rows)
        fitted[kind] = w
        print(f"\n{kind}: {len(rows)} queries, {sum(len(y) for _, y in rows)} candidates")
        for name, weight in zip(antecedents.FEATURES, w):
            print(f"  {name:<36} {weight:+.3f}")
    print("\nright picks / queries with a right candidate / queries")
    for part, queries in data.items():
        for kind in antecedents.QUERIES:
            r = top1(queries, rule, kind)
            f = top1(queries, fitted, kind)
            print(f"{part:<6} {kind:<12} rule {r[0]:>5}  fitted {f[0]:>5}  reachable {r[1]:>5}  of {r[2]:>5}")
    if args.write:
        OUT.write_text(json.dumps({
            "about": "score(candidate) = weights[query] . features; the highest wins. Fitted by "
                     "scripts/fit_antecedents.py on PolNeAR train's fit part",
            "features": list(antecedents.FEATURES),
            "weights": {k: [round(float(v), 4) for v in w] for k, w in fitted.items()},
        }, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {OUT}")


if __name__ == "__main__":
    main()
