#!/usr/bin/env python3
"""Measure the engine on PolNeAR's fit and check parts and on the Wikinews dev set.

    .venv/bin/python scripts/evaluate.py polnear fit|check|all [--errors] [--limit N] [--json]
    .venv/bin/python scripts/evaluate.py dev [--errors]
    .venv/bin/python scripts/evaluate.py split           # (re)build the split folders only

Reads ``../shared/eval`` (run by hand only; no test imports this). PolNeAR's
train split is cut once, by publication month, into two parts:

* **check**: articles published in December 2015, March, June and September
  2016 (every third month): 286 articles, never read while writing rules;
* **fit**: every other month: 554 articles, the only ones rules and weights
  are written against.

The split lives in ``CHECK_MONTHS``; the folders (symbolic links to the corpus)
are made under ``.eval/`` in the project (git-ignored). Each part is analysed by
``newsreader export PART/ --format jsonl`` (one model load for all), the lines
are written as ``NAME.json`` and the corpus's own scorer reads them with
``--pred-dir``: the figures are exactly those of ``polnear.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
POLNEAR = SHARED / "polnear" / "train"
WORK = ROOT / ".eval"
CHECK_MONTHS = frozenset({"2015-12", "2016-03", "2016-06", "2016-09"})
NEWSREADER = [sys.executable, "-m", "newsreader"]


def month_of(name: str) -> str:
    """ "nyt_2016-03-04_title" -> "2016-03"."""
    return name.split("_")[1][:7]


def part_of(name: str) -> str:
    return "check" if month_of(name) in CHECK_MONTHS else "fit"


def split() -> dict[str, Path]:
    """Folders of links, one a part; rebuilt when the corpus has more files than they do."""
    names = sorted(p.name[: -len(".gold.json")] for p in POLNEAR.glob("*.gold.json"))
    if not names:
        sys.exit(f"evaluate: no PolNeAR gold files in {POLNEAR}")
    dirs = {}
    for part in ("fit", "check"):
        d = WORK / "polnear" / part
        d.mkdir(parents=True, exist_ok=True)
        dirs[part] = d
    for name in names:
        d = dirs[part_of(name)]
        for suffix in (".txt", ".gold.json"):
            link = d / (name + suffix)
            if not link.exists():
                link.symlink_to(POLNEAR / (name + suffix))
    return dirs


def sample(gold_dir: Path, limit: int) -> Path:
    """A folder with every k-th article of ``gold_dir``, ``limit`` in all (a quick look)."""
    names = sorted(p.name[: -len(".gold.json")] for p in gold_dir.glob("*.gold.json"))
    step = max(1, len(names) // limit)
    d = gold_dir.with_name(f"{gold_dir.name}-{limit}")
    d.mkdir(exist_ok=True)
    for name in names[::step][:limit]:
        for suffix in (".txt", ".gold.json"):
            link = d / (name + suffix)
            if not link.exists():
                link.symlink_to((gold_dir / (name + suffix)).resolve())
    return d


def export_part(gold_dir: Path, pred_dir: Path) -> None:
    """Analyse every article of ``gold_dir`` (in as many processes as cores, each loading
    the model once); write ``pred_dir/NAME.json``."""
    pred_dir.mkdir(parents=True, exist_ok=True)
    for old in pred_dir.glob("*.json"):
        old.unlink()
    paths = sorted(str(p) for p in gold_dir.glob("*.txt"))
    jobs = max(1, min(os.cpu_count() or 1, 4))
    chunks = [paths[i::jobs] for i in range(jobs)]
    procs = [subprocess.Popen(NEWSREADER + ["export", *chunk, "--format", "jsonl"], stdout=subprocess.PIPE,
                              cwd=ROOT, text=True, encoding="utf-8") for chunk in chunks if chunk]
    for proc in procs:
        for line in proc.stdout:
            data = json.loads(line)
            if "error" in data:
                print(f"evaluate: {data['source']}: {data['error']}", file=sys.stderr)
                continue
            name = Path(data["source"]).name[: -len(".txt")]
            (pred_dir / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
        proc.wait()


def polnear(part: str, errors: bool, limit: int | None, as_json: bool) -> None:
    dirs = split()
    parts = ["fit", "check"] if part == "all" else [part]
    for p in parts:
        gold = sample(dirs[p], limit) if limit else dirs[p]
        pred = WORK / "pred" / gold.name
        export_part(gold, pred)
        print(f"== PolNeAR train, {gold.name} part ==", flush=True)
        cmd = [sys.executable, str(SHARED / "polnear.py"), str(gold), "--pred-dir", str(pred)]
        cmd += ["--errors"] * errors + ["--json"] * as_json
        subprocess.run(cmd, check=True)


def dev(errors: bool) -> None:
    cmd = [sys.executable, str(SHARED / "score.py"), str(SHARED / "dev"),
           "--cmd", " ".join(NEWSREADER) + " export {file} --format json --date {date}"]
    subprocess.run(cmd + ["--errors"] * errors, check=True, cwd=ROOT)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=("polnear", "dev", "split"))
    ap.add_argument("part", nargs="?", default="all", choices=("fit", "check", "all"))
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if args.what == "split":
        for part, d in split().items():
            print(f"{part}: {len(list(d.glob('*.gold.json')))} articles in {d}")
    elif args.what == "polnear":
        polnear(args.part, args.errors, args.limit, args.json)
    else:
        dev(args.errors)


if __name__ == "__main__":
    main()
