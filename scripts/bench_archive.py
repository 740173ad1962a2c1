"""Benchmark the archive: ``newsreader index`` throughput and the "everything X said" query.

    .venv/bin/python scripts/bench_archive.py [--articles 1000] [--query-articles 10000] [--keep DIR]
                                              [--dask ADDRESS]

1. Builds N articles from ``seeds/*.txt`` with the people renamed: every given name and
   surname in a seed is replaced by one drawn from built-in lists (the same surname stays
   one surname within an article, so "Ms Tanaka" still points at the right person), so the
   archive holds many different speakers, each in several articles.
2. Times ``newsreader index DIR --jobs 1`` and ``--jobs 2`` as child processes, each into a
   fresh archive and without the analysis cache (``--no-cache``), from start to exit (Python
   start, spaCy import, model load, analysis, SQLite writes). With ``--dask ADDRESS`` (``local:2``
   starts a local cluster of 2 processes, inside the timing), also ``--dask ADDRESS``, and the
   rate at which the client alone writes analyses into an archive (``Archive.write``, the
   seeds' real analyses, one transaction an article, and the final relink), the bound of a
   cluster of any size.
3. Times bare spaCy over the same texts in this process: ``spacy.load(model)`` (the same
   components excluded as the engine does) and ``nlp.pipe`` over every article's
   paragraphs, warm (a first pass over 50 paragraphs before timing).
   Each timing is printed as wall seconds and CPU seconds (user + sys: ``getrusage`` of the
   ``index`` command and its children, ``process_time`` of the bare pass), with the load
   average: on a shared machine only the CPU seconds compare runs.
4. Builds an archive of ``--query-articles`` articles (default 10,000) by writing synthetic
   rows directly (``Archive.write`` with the seeds' real analyses, names varied as above),
   then times ``quotes --speaker NAME`` for the most quoted speaker, in process (median of
   20) and as a command (median of 5, Python start included), and ``--search``
   (``--query-articles 0`` leaves this out).
"""

from __future__ import annotations

import argparse
import copy
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tui"))

GIVEN = ("Ana", "Ben", "Chloe", "Dmitri", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kofi", "Lena",
         "Marco", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Samir", "Tove", "Ugo", "Vera", "Wen", "Yusuf")
SURNAMES = ("Abara", "Brandt", "Castillo", "Duarte", "Eriksen", "Fontaine", "Gallo", "Haddad", "Ishikawa",
            "Jovanovic", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quiroga", "Rossi",
            "Sandoval", "Takahashi", "Umarov", "Varga", "Weiss", "Yilmaz", "Zielinski", "Achebe", "Bauer",
            "Cardenas", "Dubois", "Esposito")


def seed_people(model: str) -> dict[str, list[tuple[str, str]]]:
    """For each seed, its people named in full: (given names, surname)."""
    from newsreader.analysis.nlp import import_spacy_without_cli, load_nlp

    import_spacy_without_cli()
    from newsreader.analysis.pipeline import Analyzer
    from newsreader.sources import load_article

    analyzer = Analyzer(load_nlp(model))
    out = {}
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        analysis = analyzer.analyze(load_article(str(path)))
        people = []
        for e in analysis.entities:
            words = e.name.split()
            if e.type == "person" and len(words) >= 2 and all(w[:1].isupper() for w in words):
                people.append((" ".join(words[:-1]), words[-1]))
        out[path.name] = people
    return out


def renamer(people: list[tuple[str, str]], rng: random.Random):
    """A function replacing this seed's given names and surnames by drawn ones (whole words)."""
    mapping: dict[str, str] = {}
    for given, surname in people:
        if surname not in mapping:
            mapping[surname] = rng.choice(SURNAMES)
        if given not in mapping:
            mapping[given] = rng.choice(GIVEN)
    if not mapping:
        return lambda text: text
    pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)) + r")\b")
    return lambda text: pattern.sub(lambda m: mapping[m.group(1)], text)


def build_articles(folder: Path, n: int, people: dict[str, list[tuple[str, str]]]) -> list[str]:
    rng = random.Random(7)
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    texts = []
    for i in range(n):
        seed = seeds[i % len(seeds)]
        text = renamer(people[seed.name], rng)(seed.read_text(encoding="utf-8"))
        text += f"\nArchive copy {i}.\n"
        (folder / f"{seed.stem}-{i:05}.txt").write_text(text, encoding="utf-8")
        texts.append(text)
    return texts


def time_index(folder: Path, how: list[str], work: Path, model: str) -> tuple[float, float, str]:
    """``newsreader index FOLDER *how --no-cache`` into a fresh archive, as a command: wall
    seconds, CPU seconds (user + sys of the command and its analysis processes), its summary."""
    db = work / ("index-" + re.sub(r"\W+", "-", "".join(how)).strip("-") + ".sqlite3")
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    env = dict(os.environ, NEWSREADER_ARCHIVE=str(db), NEWSREADER_CACHE_DIR=str(work / "cache-unused"),
               NEWSREADER_MODEL=model)
    env["PYTHONPATH"] = str(ROOT / "tui") + os.pathsep + env.get("PYTHONPATH", "")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "newsreader.cli", "index", str(folder), *how, "--no-cache"],
                          env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"index {' '.join(how)} failed: {done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout.strip()


def time_client_writes(path: Path, n: int, model: str) -> tuple[float, float]:
    """What the client of a Dask run does per article, alone: ``Archive.write`` of ``n`` real
    analyses (the seeds', under distinct sources) into a fresh archive, then the relink."""
    from newsreader import archive as arc
    from newsreader.analysis.nlp import load_nlp
    from newsreader.analysis.pipeline import Analyzer
    from newsreader.cache import text_hash
    from newsreader.sources import load_article

    analyzer = Analyzer(load_nlp(model))
    seeds = [load_article(str(p)) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    analyses = [analyzer.analyze(a) for a in seeds]
    items = []
    for i in range(n):
        article = copy.copy(seeds[i % len(seeds)])
        article.source = f"/written/{i:06}-{Path(article.source).name}"
        items.append((article, analyses[i % len(seeds)], text_hash(article.text)))
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    with arc.Archive.open(path) as store:
        start = time.perf_counter()
        for article, analysis, digest in items:
            store.write(article, analysis, model=model, text_hash=digest, folder="/written")
        written = time.perf_counter() - start
        start = time.perf_counter()
        store.relink()
        relink = time.perf_counter() - start
    return written, relink


def time_bare_pipe(texts: list[str], model: str) -> tuple[float, float, float]:
    """Seconds to load the model, and wall and CPU seconds of the warm ``nlp.pipe`` pass."""
    import spacy

    from newsreader.analysis.nlp import UNUSED_COMPONENTS
    from newsreader.model import paragraph_spans

    start = time.perf_counter()
    nlp = spacy.load(model, exclude=list(UNUSED_COMPONENTS))
    load = time.perf_counter() - start
    paragraphs = [t[s:e] for t in texts for s, e in paragraph_spans(t)]
    for _ in nlp.pipe(paragraphs[:50]):
        pass
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(paragraphs, batch_size=64):
        pass
    return load, time.perf_counter() - start, time.process_time() - cpu_start


def build_query_archive(path: Path, n: int, model: str, people) -> tuple[float, float]:
    """Write ``n`` articles' rows directly: each a seed's real analysis with its names varied."""
    from newsreader import archive as arc
    from newsreader.analysis.nlp import load_nlp
    from newsreader.analysis.pipeline import Analyzer
    from newsreader.cache import text_hash
    from newsreader.sources import load_article

    analyzer = Analyzer(load_nlp(model))
    seeds = [load_article(str(p)) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    analyses = [analyzer.analyze(a) for a in seeds]
    rng = random.Random(11)
    start = time.perf_counter()
    with arc.Archive.open(path) as store:
        for i in range(n):
            k = i % len(seeds)
            rename = renamer(people[Path(seeds[k].source).name], rng)
            article = copy.copy(seeds[k])
            article.source = f"/synthetic/{i:05}-{Path(seeds[k].source).name}"
            article.text = rename(seeds[k].text)
            article.published = f"20{10 + i % 15:02}-{1 + i % 12:02}-{1 + i % 28:02}"
            analysis = copy.deepcopy(analyses[k])
            for e in analysis.entities:
                e.name = rename(e.name)
                e.aliases = [rename(a) for a in e.aliases]
            for q in analysis.quotes:
                q.speaker_name = rename(q.speaker_name) if q.speaker_name else q.speaker_name
            store.write(article, analysis, model=model, text_hash=text_hash(article.text), folder="/synthetic")
        written = time.perf_counter() - start
        start = time.perf_counter()
        store.relink()
        relink = time.perf_counter() - start
    return written, relink


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--query-articles", type=int, default=10000)
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (default: a temporary folder)")
    parser.add_argument("--skip-index", action="store_true", help="only the query timing")
    parser.add_argument("--dask", metavar="ADDRESS", help="also time index --dask ADDRESS (e.g. local:2) "
                        "and the client's write rate")
    args = parser.parse_args()

    from newsreader.analysis.nlp import model_name

    model = model_name(None)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-archive-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"model {model}; {os.cpu_count()} cores; load {os.getloadavg()[0]:.1f}; work in {work}")
    people = seed_people(model)

    if not args.skip_index:
        folder = work / "articles"
        folder.mkdir(exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        texts = build_articles(folder, args.articles, people)
        chars = sum(len(t) for t in texts)
        print(f"{args.articles} articles, {chars:,} characters")
        results, cpus = {}, {}
        for jobs in (1, 2):
            wall, cpus[jobs], summary = time_index(folder, ["--jobs", str(jobs)], work, model)
            results[jobs] = wall
            print(f"index --jobs {jobs}: {wall:.1f} s wall, {cpus[jobs]:.1f} s CPU, "
                  f"{args.articles / wall:.1f} articles/s ({summary}; load {os.getloadavg()[0]:.1f})")
        print(f"throughput --jobs 2 / --jobs 1: {results[1] / results[2]:.2f}x")
        if args.dask:
            wall, _, summary = time_index(folder, ["--dask", args.dask], work, model)
            print(f"index --dask {args.dask}: {wall:.1f} s wall, {args.articles / wall:.1f} articles/s "
                  f"({summary}); / --jobs 1: {results[1] / wall:.2f}x, / --jobs 2: {results[2] / wall:.2f}x")
            n = max(args.articles, 1000)
            written, relink = time_client_writes(work / "written.sqlite3", n, model)
            print(f"client writes: {n} analyses in {written:.2f} s = {n / written:.0f} articles/s "
                  f"(one transaction an article), relink {relink:.2f} s")
        load, pipe, pipe_cpu = time_bare_pipe(texts, model)
        print(f"bare spaCy: load {load:.2f} s, nlp.pipe over the same paragraphs {pipe:.1f} s warm, "
              f"{pipe_cpu:.1f} s CPU ({args.articles / pipe:.1f} articles/s; load {os.getloadavg()[0]:.1f})")
        print(f"index --jobs 1 vs bare nlp.pipe: {results[1]:.1f} s vs {pipe:.1f} s = {results[1] / pipe:.2f}x "
              f"(vs load + pipe {load + pipe:.1f} s: {results[1] / (load + pipe):.2f}x); index's throughput "
              f"{pipe / results[1]:.2f}x bare's")
        # on a shared machine wall clock counts the others' load too; CPU seconds count only ours
        print(f"CPU: index --jobs 1 {cpus[1]:.1f} s vs bare nlp.pipe {pipe_cpu:.1f} s = {cpus[1] / pipe_cpu:.2f}x "
              f"(index's throughput {pipe_cpu / cpus[1]:.2f}x bare's)")

    if not args.query_articles:
        return 0
    big = work / "query.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(str(big) + suffix).unlink(missing_ok=True)
    written, relink = build_query_archive(big, args.query_articles, model, people)
    from newsreader import archive as arc

    with arc.Archive.open(big) as store:
        counts = store.counts()
        name, n_quotes = store.conn.execute(
            "SELECT sp.name, count(*) FROM quotes q JOIN speakers sp ON sp.key = q.speaker_key"
            " WHERE sp.type = 'person' GROUP BY q.speaker_key ORDER BY count(*) DESC LIMIT 1").fetchone()
        size = sum(os.path.getsize(str(big) + s) for s in ("", "-wal") if os.path.exists(str(big) + s))
        print(f"query archive: {counts['articles']:,} articles, {counts['quotes']:,} quotes, "
              f"{counts['speakers']:,} speakers, {size / 1e6:.0f} MB; written in {written:.1f} s "
              f"(one transaction an article), speakers relinked in {relink:.2f} s")
        times = []
        for _ in range(20):
            start = time.perf_counter()
            rows = store.quotes(speaker=name)
            times.append(time.perf_counter() - start)
        print(f"everything {name} said: {len(rows):,} quotes (of {n_quotes:,}), "
              f"in process median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms")
        word = "evacuation"
        times = []
        for _ in range(20):
            start = time.perf_counter()
            found = store.quotes(search=word)
            times.append(time.perf_counter() - start)
        print(f"--search {word}: {len(found):,} quotes, median {statistics.median(times) * 1000:.1f} ms")
    env = dict(os.environ, NEWSREADER_ARCHIVE=str(big))
    env["PYTHONPATH"] = str(ROOT / "tui") + os.pathsep + env.get("PYTHONPATH", "")
    for fmt in ("table", "json"):
        walls = []
        for _ in range(5):
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "newsreader.cli", "quotes", "--speaker", name,
                                   "--format", fmt], env=env, capture_output=True, text=True)
            walls.append(time.perf_counter() - start)
            assert done.returncode == 0, done.stderr
        print(f"newsreader quotes --speaker {name!r} --format {fmt}: median {statistics.median(walls) * 1000:.0f} ms "
              f"as a command (Python start included), {len(done.stdout.splitlines()):,} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
