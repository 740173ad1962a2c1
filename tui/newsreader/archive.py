"""The archive: every article indexed, every quote, and one speaker across articles.

One SQLite database (``archive.sqlite3`` in ``platformdirs.user_data_dir("newsreader")``;
``$NEWSREADER_ARCHIVE`` names another file, tests use it), in WAL mode so a
reader and an indexer (or two indexers) can run at once. An article's rows are
written in one transaction (``BEGIN IMMEDIATE`` … ``COMMIT``), with those of the
other articles analysed since the last commit (``index`` commits as an analysis
arrives ``COMMIT_EVERY_S`` or more after the last commit): a killed indexer leaves
every article either whole or absent, never half, and loses only the analyses it
had not committed yet, which the next ``index`` redoes (their hash is not in the
archive).

Tables (``PRAGMA user_version`` holds ``SCHEMA``):

* ``articles``: source (absolute path, ``feed.xml#entry-2`` or URL), the folder
  it was found in by a folder scan, title, published day, SHA-256 of the text,
  model, pipeline version, counts, ``indexed_at``;
* ``entities`` (every entity of the article, with aliases and roles as JSON)
  and ``mentions``;
* ``quotes``: kind, text, offsets, cue, 1-based paragraph, the article's
  speaker (entity row and id, name), ``resolution``, ``confidence`` and
  ``speaker_key``, the cross-article speaker;
* ``speakers`` and ``speaker_names`` (every name a speaker goes by, normalised,
  for ``--speaker``), rebuilt by ``relink``;
* ``quotes_fts`` and ``articles_fts``: FTS5 over quote text and article
  title and text (rowid = ``quotes.id`` / ``articles.id``).

The analysis cache feeds the archive, one way: an article whose analysis the
cache holds is not analysed again, but indexing writes no cache entries (the
archive keeps what it needs, and a thousand entries would push the reader's
own out of the cache's 500).

This module imports neither spaCy nor Textual; the analysis runs in worker
processes (``index``) only when an article is new or changed and not cached.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import PIPELINE_VERSION
from .errors import InputError, NewsreaderError
from .model import Analysis, Article
from .safety import safe_line

ARCHIVE_ENV = "NEWSREADER_ARCHIVE"
FILE_NAME = "archive.sqlite3"
SCHEMA = 2
MIGRATIONS = {
    1: ("ALTER TABLE entities ADD COLUMN titled TEXT NOT NULL DEFAULT '[]'",),  # 1 -> 2: Mr / Ms before mentions
}
"""What brings an archive of schema N to N + 1, run by the next writable open."""
BUSY_TIMEOUT_S = 30.0
COMMIT_EVERY_S = 1.0
COMMIT_MAX_ARTICLES = 100  # bounds how long a commit holds the write lock when analyses come from the cache
MERGED_TYPES = ("person", "organization")


class ArchiveError(NewsreaderError):
    """The archive cannot be used (corrupt, read-only, newer schema): one line, exit 2."""


def archive_path() -> Path:
    env = os.environ.get(ARCHIVE_ENV)
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("newsreader", appauthor=False)) / FILE_NAME


_DDL = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE articles(
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL UNIQUE,
    folder TEXT,
    title TEXT,
    published TEXT,
    published_from TEXT,
    text_hash TEXT NOT NULL,
    model TEXT NOT NULL,
    pipeline TEXT NOT NULL,
    chars INTEGER NOT NULL,
    entity_count INTEGER NOT NULL,
    quote_count INTEGER NOT NULL,
    indexed_at TEXT NOT NULL
);
CREATE INDEX articles_folder ON articles(folder);
CREATE INDEX articles_published ON articles(published);
CREATE TABLE entities(
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    eid TEXT NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL,
    titled TEXT NOT NULL DEFAULT '[]',
    roles TEXT NOT NULL,
    is_speaker INTEGER NOT NULL DEFAULT 0,
    speaker_key TEXT,
    UNIQUE(article_id, eid)
);
CREATE INDEX entities_speaker ON entities(speaker_key);
CREATE TABLE mentions(
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE TABLE quotes(
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    qid TEXT NOT NULL,
    kind TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    entity_id INTEGER REFERENCES entities(id),
    speaker_eid TEXT,
    speaker_name TEXT,
    speaker_key TEXT,
    cue TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    speaker_mention TEXT,
    resolution TEXT,
    confidence REAL,
    paragraph INTEGER NOT NULL
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker_key);
CREATE TABLE speakers(key TEXT PRIMARY KEY, type TEXT, name TEXT NOT NULL);
CREATE TABLE speaker_names(name TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY(name, key)) WITHOUT ROWID;
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, tokenize='unicode61 remove_diacritics 2');
"""


_to_json = json.JSONEncoder(ensure_ascii=False).encode
"""``json.dumps(value, ensure_ascii=False)`` without building an encoder each call (three an entity)."""


def _describe(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


class Archive:
    """An open archive. ``Archive.open()`` raises ``ArchiveError`` with one line when it cannot be used."""

    def __init__(self, conn: sqlite3.Connection, path: Path, readonly: bool) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | None = None, *, readonly: bool = False) -> Archive:
        path = Path(path) if path is not None else archive_path()
        if readonly:
            if not path.exists():
                raise ArchiveError(f"no archive at {path} yet: run `newsreader index PATH…` first")
            conn = cls._connect_readonly(path)
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ArchiveError(f"cannot create the archive's folder {path.parent}: "
                                   f"{exc.strerror or exc}") from None
            try:
                conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            except sqlite3.Error as exc:
                raise ArchiveError(f"cannot open the archive {path}: {_describe(exc)}") from None
        archive = cls(conn, path, readonly)
        try:
            archive._prepare()
        except ArchiveError:
            conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise archive.unusable(exc) from None
        return archive

    @staticmethod
    def _connect_readonly(path: Path) -> sqlite3.Connection:
        from urllib.parse import quote

        uri = "file:" + quote(str(path.resolve()))
        last: Exception | None = None
        # mode=ro needs to create the WAL index (-shm) beside it; in a read-only folder
        # without one, immutable=1 reads the file as it is.
        for flags in ("?mode=ro", "?immutable=1"):
            try:
                conn = sqlite3.connect(uri + flags, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                return conn
            except sqlite3.DatabaseError as exc:
                last = exc
                if "not a database" in str(exc) or "malformed" in str(exc):
                    break
        raise ArchiveError(f"the archive {path} cannot be read ({_describe(last)}); "
                           "move it away and run `newsreader index` to build a new one")

    def _prepare(self) -> None:
        c = self.conn
        version = c.execute("PRAGMA user_version").fetchone()[0]
        c.execute("SELECT count(*) FROM sqlite_master").fetchone()  # reads the schema: a bad file fails here
        if version > SCHEMA:
            raise ArchiveError(f"the archive {self.path} was made by a newer newsreader (schema {version}, "
                               f"this one knows {SCHEMA})")
        if self.readonly:
            if version == 0:
                raise ArchiveError(f"the archive {self.path} is empty: run `newsreader index PATH…` first")
            if version < SCHEMA:
                raise ArchiveError(f"the archive {self.path} was made by an older newsreader (schema {version}): "
                                   "run `newsreader index PATH…` once to upgrade it")
            return
        try:
            mode = c.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            c.execute("PRAGMA synchronous=NORMAL")
            if version == 0:
                c.execute("BEGIN IMMEDIATE")
                try:
                    if c.execute("PRAGMA user_version").fetchone()[0] == 0:  # another process may have won
                        for statement in _DDL.split(";"):
                            if statement.strip():
                                c.execute(statement)
                        c.execute(f"PRAGMA user_version={SCHEMA}")
                    c.execute("COMMIT")
                except BaseException:
                    c.execute("ROLLBACK")
                    raise
            elif version < SCHEMA:
                c.execute("BEGIN IMMEDIATE")
                try:
                    current = c.execute("PRAGMA user_version").fetchone()[0]
                    while current < SCHEMA:
                        for statement in MIGRATIONS[current]:
                            c.execute(statement)
                        current += 1
                    c.execute(f"PRAGMA user_version={SCHEMA}")
                    c.execute("COMMIT")
                except BaseException:
                    c.execute("ROLLBACK")
                    raise
        except sqlite3.OperationalError as exc:
            if "readonly" in str(exc) or "read-only" in str(exc):
                raise ArchiveError(f"the archive {self.path} is read-only; `newsreader index` needs to write it")
            raise
        if str(mode).lower() != "wal":
            raise ArchiveError(f"the archive {self.path} cannot use WAL mode (journal mode {mode})")

    def unusable(self, exc: BaseException) -> ArchiveError:
        msg = _describe(exc)
        if "readonly" in msg or "read-only" in msg:
            return ArchiveError(f"the archive {self.path} is read-only ({msg})")
        if "locked" in msg or "busy" in msg:
            return ArchiveError(f"the archive {self.path} is busy ({msg}) after {BUSY_TIMEOUT_S:.0f} s: try again")
        return ArchiveError(f"the archive {self.path} is unusable ({msg}); "
                            "move it away and run `newsreader index` to build a new one")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------

    def known(self) -> dict[str, tuple[str, str, str, str | None]]:
        """source -> (text hash, model, pipeline, folder) of every article archived."""
        rows = self.conn.execute("SELECT source, text_hash, model, pipeline, folder FROM articles")
        return {r[0]: (r[1], r[2], r[3], r[4]) for r in rows}

    def sources_in_folder(self, folder: str) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT source FROM articles WHERE folder = ?", (folder,))]

    def sources_of_feed(self, feed: str) -> list[str]:
        pattern = feed.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "#entry-%"
        return [r[0] for r in self.conn.execute("SELECT source FROM articles WHERE source LIKE ? ESCAPE '\\'",
                                                (pattern,))]

    def set_folder(self, source: str, folder: str | None) -> None:
        with self._transaction():
            self.conn.execute("UPDATE articles SET folder = ? WHERE source = ?", (folder, source))

    def remove(self, sources: Iterable[str]) -> int:
        n = 0
        for source in sources:
            with self._transaction():
                n += self._delete(source)
        return n

    def write(self, article: Article, analysis: Analysis, *, model: str, text_hash: str,
              folder: str | None) -> None:
        """Replace the article's rows with this analysis, in one transaction."""
        self.write_many([Analysed(article, analysis, text_hash, folder)], model=model)

    def write_many(self, items: Iterable[Analysed], *, model: str) -> None:
        """Replace each article's rows with its analysis, all in one transaction: every article
        is then in the archive, or (killed before the commit) none of them."""
        with self._transaction():
            for item in items:
                self._delete(item.article.source)
                self._insert(item.article, item.analysis, model=model, text_hash=item.text_hash,
                             folder=item.folder)
            self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('links', 'stale')")

    def _transaction(self):
        return _Transaction(self.conn)

    def _delete(self, source: str) -> int:
        c = self.conn
        row = c.execute("SELECT id FROM articles WHERE source = ?", (source,)).fetchone()
        if row is None:
            return 0
        aid = row[0]
        c.execute("DELETE FROM quotes_fts WHERE rowid IN (SELECT id FROM quotes WHERE article_id = ?)", (aid,))
        c.execute("DELETE FROM quotes WHERE article_id = ?", (aid,))
        c.execute("DELETE FROM mentions WHERE entity_id IN (SELECT id FROM entities WHERE article_id = ?)", (aid,))
        c.execute("DELETE FROM entities WHERE article_id = ?", (aid,))
        c.execute("DELETE FROM articles_fts WHERE rowid = ?", (aid,))
        c.execute("DELETE FROM articles WHERE id = ?", (aid,))
        c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('links', 'stale')")
        return 1

    def _insert(self, article: Article, analysis: Analysis, *, model: str, text_hash: str,
                folder: str | None) -> None:
        c = self.conn
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        cur = c.execute(
            "INSERT INTO articles(source, folder, title, published, published_from, text_hash, model, pipeline,"
            " chars, entity_count, quote_count, indexed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (article.source, folder, article.title, article.published, article.published_from, text_hash,
             model, PIPELINE_VERSION, len(article.text), len(analysis.entities), len(analysis.quotes), now))
        aid = cur.lastrowid
        c.execute("INSERT INTO articles_fts(rowid, title, text) VALUES (?,?,?)", (aid, article.title or "", article.text))
        speakers = {q.speaker for q in analysis.quotes if q.speaker}
        rows: dict[str, int] = {}
        keys: dict[str, str | None] = {}
        for e in analysis.entities:
            key = provisional_key(e.type, e.name, e.aliases) if e.type in MERGED_TYPES and e.id in speakers else None
            cur = c.execute(
                "INSERT INTO entities(article_id, eid, type, name, aliases, titled, roles, is_speaker, speaker_key)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                (aid, e.id, e.type, e.name, _to_json(e.aliases),
                 _to_json(titled_forms(article.text, e) if e.type == "person" else []),
                 _to_json(e.roles), int(e.id in speakers), key))
            rows[e.id] = cur.lastrowid
            keys[e.id] = key
            c.executemany("INSERT INTO mentions(entity_id, start_char, end_char, text) VALUES (?,?,?,?)",
                          [(cur.lastrowid, m.start, m.end, m.text) for m in e.mentions])
        types = {e.id: e.type for e in analysis.entities}
        quote_rows = []
        for q in analysis.quotes:
            entity_row = rows.get(q.speaker) if q.speaker else None
            if entity_row is not None and types.get(q.speaker) in MERGED_TYPES:
                key = keys[q.speaker]
            elif q.speaker_name:
                # unnamed ("officials"), or a speaker entity of another type: kept per article
                key = f"article:{aid}:{normalise(q.speaker_name)}"
            else:
                key = None
            quote_rows.append(
                (aid, q.id, q.kind, q.start, q.end, q.text, entity_row, q.speaker, q.speaker_name, key,
                 q.cue.text if q.cue else None, q.cue.start if q.cue else None, q.cue.end if q.cue else None,
                 q.speaker_mention.text if q.speaker_mention else None, q.resolution, q.confidence,
                 q.paragraph_number))
        c.executemany(
            "INSERT INTO quotes(article_id, qid, kind, start_char, end_char, text, entity_id, speaker_eid,"
            " speaker_name, speaker_key, cue, cue_start, cue_end, speaker_mention, resolution, confidence,"
            " paragraph) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", quote_rows)
        c.execute("INSERT INTO quotes_fts(rowid, text) SELECT id, text FROM quotes WHERE article_id = ?", (aid,))

    # -- one speaker across articles -------------------------------------------------------------

    def links_stale(self) -> bool:
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'links'").fetchone()
        return row is not None and row[0] == "stale"

    def relink(self) -> int:
        """Decide every named speaker's cross-article key (``speaker_keys``), in one transaction;
        return how many entities changed key."""
        c = self.conn
        with self._transaction():
            rows = c.execute("SELECT id, article_id, type, name, aliases, speaker_key, titled FROM entities"
                             " WHERE is_speaker = 1 AND type IN ('person', 'organization')").fetchall()
            # the forms with a title the text used ("Mr Tanaka") count as aliases: Mr / Ms tell people apart
            names = [SpeakerName(r[0], r[1], r[2], r[3], tuple(dict.fromkeys(json.loads(r[4]) + json.loads(r[6]))))
                     for r in rows]
            keys = speaker_keys(names)
            changed = [(keys[r[0]], r[0]) for r in rows if keys[r[0]] != r[5]]
            c.executemany("UPDATE entities SET speaker_key = ? WHERE id = ?", changed)
            if changed:
                c.execute("UPDATE quotes SET speaker_key = e.speaker_key FROM entities e"
                          " WHERE e.id = quotes.entity_id AND e.speaker_key IS NOT NULL"
                          " AND quotes.speaker_key IS NOT e.speaker_key")
            # speakers: the most frequent name each key goes by; speaker_names: every name, normalised
            shown: dict[str, Counter] = defaultdict(Counter)
            typ: dict[str, str] = {}
            spoken: dict[str, set[str]] = defaultdict(set)
            for n in names:
                key = keys[n.entity_id]
                shown[key][n.name] += 1
                typ[key] = n.type
                spoken[key].add(normalise(n.name))
                spoken[key].update(normalise(a) for a in n.aliases if _usable_alias(n.type, a))
                if n.type == "person" and len(normalise(n.name).split()) > 1:
                    spoken[key].add(normalise(n.name).split()[-1])
            for key, name in c.execute("SELECT DISTINCT speaker_key, speaker_name FROM quotes"
                                       " WHERE speaker_key LIKE 'article:%'"):
                shown[key][name] += 1
                spoken[key].add(normalise(name))
            c.execute("DELETE FROM speakers")
            c.execute("DELETE FROM speaker_names")
            c.executemany("INSERT INTO speakers(key, type, name) VALUES (?,?,?)",
                          [(k, typ.get(k), _most_common(v)) for k, v in shown.items()])
            c.executemany("INSERT OR IGNORE INTO speaker_names(name, key) VALUES (?,?)",
                          [(n, k) for k, ns in spoken.items() for n in ns if n])
            c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('links', 'fresh')")
        return len(changed)

    # -- reading -------------------------------------------------------------------------------

    def quotes(self, *, speaker: str | None = None, search: str | None = None, since: str | None = None,
               limit: int | None = None) -> list[dict]:
        """Quotes newest article first (unknown dates last), in text order within an article."""
        where, params = [], []
        if speaker is not None:
            keys = self.speaker_keys_for(speaker)
            if not keys:
                return []
            where.append(f"q.speaker_key IN ({','.join('?' * len(keys))})")
            params += keys
        if search is not None:
            where.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
            params.append(fts_query(search))
        if since is not None:
            where.append("a.published >= ?")
            params.append(since)
        sql = ("SELECT a.published, a.title, a.source, q.paragraph, q.speaker_name, q.speaker_key, sp.name,"
               " q.kind, q.text, q.confidence, q.resolution, q.cue, q.start_char, q.end_char, q.qid"
               " FROM quotes q JOIN articles a ON a.id = q.article_id"
               " LEFT JOIN speakers sp ON sp.key = q.speaker_key")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.published IS NULL, a.published DESC, a.source, q.start_char"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        cols = ("published", "title", "source", "paragraph", "speaker", "speaker_id", "archive_speaker",
                "kind", "quote", "confidence", "resolution", "cue", "start", "end", "quote_id")
        return [dict(zip(cols, row)) for row in self.conn.execute(sql, params)]

    def speaker_keys_for(self, name: str) -> list[str]:
        """The speakers ``--speaker NAME`` means: those that go by that name (normalised: titles,
        case and punctuation aside), else those whose name contains it."""
        norm = normalise(name)
        keys = [r[0] for r in self.conn.execute("SELECT key FROM speaker_names WHERE name = ?", (norm,))]
        if not keys and norm:
            like = "%" + norm.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            keys = [r[0] for r in self.conn.execute(
                "SELECT DISTINCT key FROM speaker_names WHERE name LIKE ? ESCAPE '\\'", (like,))]
        return sorted(keys)

    # -- reading, for the reader (one query each, so a 10,000-article archive answers at once) ----

    def library_rows(self, sources: Iterable[str]) -> dict[str, tuple[str, str, str, list[str | None]]]:
        """For each of ``sources`` archived: (text hash, model, pipeline, its quotes' speaker names
        in text order), which is what a library row shows."""
        wanted = set(sources)
        out: dict[str, tuple[str, str, str, list[str | None]]] = {}
        ids: dict[int, str] = {}
        for aid, source, digest, model, pipeline in self.conn.execute(
                "SELECT id, source, text_hash, model, pipeline FROM articles"):
            if source in wanted:
                ids[aid] = source
                out[source] = (digest, model, pipeline, [])
        if ids:
            for aid, name in self.conn.execute("SELECT article_id, speaker_name FROM quotes"
                                               " ORDER BY article_id, start_char"):
                source = ids.get(aid)
                if source is not None:
                    out[source][3].append(name)
        return out

    def speaker_table(self) -> list[dict]:
        """Everyone quoted across the archive: most quotes first, with quote and article counts."""
        sql = ("SELECT q.speaker_key, sp.name, sp.type, count(*), count(DISTINCT q.article_id)"
               " FROM quotes q JOIN speakers sp ON sp.key = q.speaker_key"
               " GROUP BY q.speaker_key ORDER BY count(*) DESC, sp.name, q.speaker_key")
        cols = ("key", "name", "type", "quotes", "articles")
        return [dict(zip(cols, row)) for row in self.conn.execute(sql)]

    def quotes_of(self, keys: list[str], *, limit: int | None = None) -> list[dict]:
        """Every quote of these cross-article speakers, newest article first (as ``quotes``), with
        the speaker's roles in its article (JSON) and the article's text hash (offsets fit that text)."""
        if not keys:
            return []
        sql = ("SELECT a.published, a.title, a.source, a.text_hash, q.paragraph, q.speaker_name, q.speaker_key,"
               " q.kind, q.text, q.confidence, q.start_char, q.end_char, q.qid, e.roles"
               " FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN entities e ON e.id = q.entity_id"
               f" WHERE q.speaker_key IN ({','.join('?' * len(keys))})"
               " ORDER BY a.published IS NULL, a.published DESC, a.source, q.start_char")
        params: list = list(keys)
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        cols = ("published", "title", "source", "text_hash", "paragraph", "speaker", "speaker_id", "kind", "quote",
                "confidence", "start", "end", "quote_id", "roles")
        return [dict(zip(cols, row)) for row in self.conn.execute(sql, params)]

    def quote_count_of(self, keys: list[str]) -> tuple[int, int]:
        """(quotes, articles) of these cross-article speakers, without reading the quotes."""
        if not keys:
            return 0, 0
        row = self.conn.execute("SELECT count(*), count(DISTINCT article_id) FROM quotes"
                                f" WHERE speaker_key IN ({','.join('?' * len(keys))})", keys).fetchone()
        return row[0], row[1]

    def speaker_key_of(self, source: str, quote_id: str) -> str | None:
        """The cross-article speaker of one quote of an archived article."""
        row = self.conn.execute("SELECT q.speaker_key FROM quotes q JOIN articles a ON a.id = q.article_id"
                                " WHERE a.source = ? AND q.qid = ?", (source, quote_id)).fetchone()
        return row[0] if row else None

    def speaker_name_of(self, key: str) -> str | None:
        row = self.conn.execute("SELECT name FROM speakers WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def search_everything(self, words: str, *, limit: int = 100, as_typed: bool = False) -> list[dict]:
        """Speakers, entities and quote text matching ``words``, each hit with its article and
        place: a speaker at their newest quote, an entity at its first mention in each article
        (names containing the words, case aside), quotes by FTS5 (as ``quotes --search``;
        ``as_typed``: the last word is a prefix, for a search that answers as you type)."""
        norm = normalise(words)
        hits: list[dict] = []
        if norm:
            like = "%" + norm.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            for key, name, count, published, title, source, paragraph, start, end in self.conn.execute(
                    "SELECT sp.key, sp.name, (SELECT count(*) FROM quotes WHERE speaker_key = sp.key),"
                    " a.published, a.title, a.source, q.paragraph, q.start_char, q.end_char"
                    " FROM speakers sp JOIN quotes q ON q.id = (SELECT q2.id FROM quotes q2 JOIN articles a2"
                    "   ON a2.id = q2.article_id WHERE q2.speaker_key = sp.key"
                    "   ORDER BY a2.published IS NULL, a2.published DESC, q2.start_char LIMIT 1)"
                    " JOIN articles a ON a.id = q.article_id"
                    " WHERE sp.key IN (SELECT key FROM speaker_names WHERE name LIKE ? ESCAPE '\\')"
                    " ORDER BY 3 DESC, sp.name LIMIT ?", (like, limit)):
                hits.append({"kind": "speaker", "key": key, "name": name, "quotes": count, "published": published,
                             "title": title, "source": source, "paragraph": paragraph, "start": start,
                             "end": end, "text": None})
            rows = self.conn.execute(
                "SELECT e.id, e.type, e.name, a.published, a.title, a.source, a.id,"
                " (SELECT start_char FROM mentions m WHERE m.entity_id = e.id ORDER BY start_char LIMIT 1),"
                " (SELECT end_char FROM mentions m WHERE m.entity_id = e.id ORDER BY start_char LIMIT 1)"
                " FROM entities e JOIN articles a ON a.id = e.article_id WHERE e.name LIKE ? ESCAPE '\\'"
                " ORDER BY a.published IS NULL, a.published DESC, a.source, e.name LIMIT ?",
                (like, limit)).fetchall()
            for _, type_, name, published, title, source, aid, start, end in rows:
                if start is None:
                    continue
                hits.append({"kind": type_, "key": None, "name": name, "quotes": None, "published": published,
                             "title": title, "source": source, "paragraph": self._paragraph_at(aid, start),
                             "start": start, "end": end, "text": None})
        fts_words = words + "*" if as_typed and words[-1:].isalnum() else words
        for row in self.quotes(search=fts_words, limit=limit):
            hits.append({"kind": "quote", "key": row["speaker_id"], "name": row["speaker"],
                         "quotes": None, "published": row["published"], "title": row["title"],
                         "source": row["source"], "paragraph": row["paragraph"], "start": row["start"],
                         "end": row["end"], "text": row["quote"], "confidence": row["confidence"]})
        return hits

    def _paragraph_at(self, article_id: int, offset: int) -> int:
        """The 1-based paragraph of ``offset`` in an archived article's text."""
        from bisect import bisect_right

        from .model import paragraph_spans

        row = self.conn.execute("SELECT text FROM articles_fts WHERE rowid = ?", (article_id,)).fetchone()
        starts = [s for s, _ in paragraph_spans(row[0])] if row else []
        return max(1, bisect_right(starts, offset))

    def counts(self) -> dict[str, int]:
        c = self.conn
        return {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "entities", "quotes", "speakers")}


def open_or_warn(path: Path | None = None, *, readonly: bool = True) -> Archive | None:
    """For a command that can go on without the archive (the reader, later): the archive, or
    ``None`` after one ``newsreader: …; going on without the archive`` line on stderr."""
    try:
        return Archive.open(path, readonly=readonly)
    except ArchiveError as exc:
        _say(f"{exc}; going on without the archive")
    except sqlite3.Error as exc:  # pragma: no cover - Archive.open maps what it meets
        _say(f"the archive cannot be used ({_describe(exc)}); going on without the archive")
    return None


def archive_source(source: str) -> str | None:
    """The key an article the reader opened has in the archive (an absolute path, as ``gather``
    makes; a feed entry's ``#entry-N`` kept), or ``None`` for standard input, never archived."""
    from .sources.url import is_url

    if source.startswith("<"):
        return None
    return source if is_url(source) else os.path.abspath(source)


def unchanged_sources(articles: Iterable[Article], model: str) -> set[str]:
    """The reader's sources whose text (and model and pipeline) the archive already holds; an
    archive that cannot be read holds none. Never imports spaCy."""
    from .cache import text_hash

    path = archive_path()
    if not path.exists():
        return set()
    try:
        with Archive.open(path, readonly=True) as store:
            known = store.known()
    except (ArchiveError, sqlite3.Error):
        return set()
    out = set()
    for article in articles:
        key = archive_source(article.source)
        old = known.get(key) if key else None
        if old is not None and old[:3] == (text_hash(article.text), model, PIPELINE_VERSION):
            out.add(article.source)
    return out


class _Transaction:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, typ, exc, tb) -> None:
        if typ is None:
            self.conn.execute("COMMIT")
        else:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass


# -- the speaker merge ---------------------------------------------------------------------------

TITLES = {"mr": "m", "mister": "m", "sir": "m", "lord": "m", "ms": "f", "mrs": "f", "miss": "f",
          "dame": "f", "lady": "f", "madam": "f", "dr": None, "prof": None, "professor": None}
_PUNCT = re.compile(r"[.,;:!?\"“”()\[\]]")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def normalise(name: str) -> str:
    """A name as the merge compares it: NFKC, case-folded, punctuation and leading titles
    dropped, spaces collapsed ("Mr. Lavrov" -> "lavrov")."""
    text = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).casefold()
    words = _PUNCT.sub(" ", text).split()
    while len(words) > 1 and words[0] in TITLES:
        words.pop(0)
    if len(words) > 1 and words[0] == "the":
        words.pop(0)
    return " ".join(words)


def _gender(name: str, aliases: Iterable[str]) -> str | None:
    """"m" or "f" when the titles the article uses say so (Mr / Ms), else ``None`` (none, or both)."""
    seen = set()
    for text in (name, *aliases):
        words = _PUNCT.sub(" ", unicodedata.normalize("NFKC", text).casefold()).split()
        if len(words) > 1 and TITLES.get(words[0]):
            seen.add(TITLES[words[0]])
    return seen.pop() if len(seen) == 1 else None


_TITLE_BEFORE = re.compile(r"\b(Mr|Ms|Mrs|Miss|Mister|Sir|Dame|Lord|Lady|Madam)\.?\s+$")


def titled_forms(text: str, entity) -> list[str]:
    """"Mr Tanaka" for each distinct title written just before one of a person's mentions (the
    engine's mentions leave the title out, and its aliases not always keep it)."""
    out: dict[str, None] = {}
    for m in entity.mentions:
        found = _TITLE_BEFORE.search(text, max(0, m.start - 8), m.start)
        if found:
            out[f"{found.group(1)} {m.text}"] = None
    return list(out)


def _usable_alias(type_: str, alias: str) -> bool:
    """An alias that is a name: a person's ("Lavrov", "Mr Lavrov"), or an organisation's written
    as a proper name ("UN"), never a description ("The ministry")."""
    if type_ == "person":
        return True
    words = alias.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return bool(words) and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def provisional_key(type_: str, name: str, aliases: Iterable[str] = ()) -> str:
    """The key an entity has before ``relink`` decides across the archive: its own name."""
    return f"{type_}:{normalise(name)}"


@dataclass(frozen=True, slots=True)
class SpeakerName:
    entity_id: int
    article_id: int
    type: str
    name: str
    aliases: tuple[str, ...] = field(default=())


def speaker_keys(names: list[SpeakerName]) -> dict[int, str]:
    """The merge rule (entity row -> cross-article key); order-independent.

    * A person named with two or more words ("Sergey Lavrov") is one speaker with
      every person of the same normalised name, in any article.
    * A person named by one word ("Lavrov", with "Mr Lavrov" in its article) joins
      the one full name that ends with that word or has it as an alias in its own
      article, if exactly one does (and Mr / Ms, in the aliases or written before a
      mention, do not contradict it: "Ms Tanaka" is not Kenji Tanaka). When two or
      more do ("Maria Tanaka", "Kenji Tanaka"), it stays its article's own speaker
      rather than a guess; when none does, it is one speaker with the same bare name
      elsewhere.
    * An organisation is one speaker with every organisation of the same normalised
      name, and one named only by another's proper alias ("UN" for "United Nations",
      when exactly one organisation has it) joins it.
    """
    full: dict[tuple[str, str], list[SpeakerName]] = defaultdict(list)
    short: list[SpeakerName] = []
    for n in names:
        norm = normalise(n.name)
        if n.type == "person" and len(norm.split()) == 1:
            short.append(n)
        else:
            full[(n.type, norm)].append(n)
    # what each full name can be called by one word (or, for organisations, by an alias)
    called: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    gender: dict[tuple[str, str], str | None] = {}
    for (type_, norm), members in full.items():
        genders = {_gender(m.name, m.aliases) for m in members} - {None}
        gender[(type_, norm)] = genders.pop() if len(genders) == 1 else None
        if type_ == "person":
            called[(type_, norm.split()[-1])].add((type_, norm))
        for m in members:
            for alias in m.aliases:
                a = normalise(alias)
                if a and a != norm and _usable_alias(type_, alias) and (type_ != "person" or len(a.split()) == 1):
                    called[(type_, a)].add((type_, norm))
    keys: dict[int, str] = {}
    for (type_, norm), members in full.items():
        target = (type_, norm)
        if type_ == "organization":
            # "UN" as a full name of its own, and the alias of exactly one other organisation
            others = called.get(target, set()) - {target}
            if len(others) == 1:
                target = next(iter(others))
        for m in members:
            keys[m.entity_id] = f"{target[0]}:{target[1]}"
    for n in short:
        norm = normalise(n.name)
        g = _gender(n.name, n.aliases)
        candidates = [t for t in called.get(("person", norm), set())
                      if g is None or gender.get(t) is None or gender.get(t) == g]
        if len(candidates) == 1:
            keys[n.entity_id] = f"person:{candidates[0][1]}"
        elif candidates:
            keys[n.entity_id] = f"person:{norm}@{n.article_id}"  # ambiguous: its article's own speaker
        else:
            keys[n.entity_id] = f"person:{norm}"
    return keys


def _most_common(counter: Counter) -> str:
    # the most frequent name, the longest among equals ("Sergey Lavrov" over "Lavrov")
    return max(counter.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]


def fts_query(words: str) -> str:
    """The user's words as an FTS5 query: every word must occur (a trailing ``*`` is a prefix);
    FTS5's own syntax (quotes, AND/OR/NOT, ``-``, ``:``) is taken literally, never as an error."""
    terms = []
    for word in re.findall(r"\w+\*?", words):
        prefix = word.endswith("*")
        word = word.rstrip("*")
        terms.append(f'"{word}"' + ("*" if prefix else ""))
    return " ".join(terms) if terms else '""'


# -- indexing ---------------------------------------------------------------------------------

@dataclass(slots=True)
class IndexResult:
    analysed: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: int = 0
    from_cache: int = 0


@dataclass(frozen=True, slots=True)
class Analysed:
    """One article's analysis, to be written by ``Archive.write_many``."""
    article: Article
    analysis: Analysis
    text_hash: str
    folder: str | None


@dataclass(slots=True)
class _Pending:
    article: Article
    digest: str
    folder: str | None


Analyse = Callable[[Iterable[Article]], Iterator[tuple[Article, Analysis | None, str | None]]]
"""Analyses articles, yielding (article, analysis, None) or (article, None, error) as each is done."""


def _say(message: str) -> None:
    print(safe_line(f"newsreader: {message}"), file=sys.stderr)


def gather(paths: list[str]) -> tuple[list[tuple[str, str | None]], list[str]]:
    """(source, folder it was found in) for every file the paths stand for, and the folders scanned.

    Sources are absolute paths, so the same file named two ways is one article."""
    from .export_paths import is_export_name
    from .sources import ARTICLE_SUFFIXES
    from .sources.url import is_url

    out: list[tuple[str, str | None]] = []
    folders: list[str] = []
    seen: set[str] = set()
    for p in paths:
        if p == "-":
            raise InputError("-: the archive indexes files, folders and feeds, not standard input")
        if is_url(p):
            items = [(p, None)]
        else:
            path = Path(p)
            if path.is_dir():
                folder = os.path.abspath(path)
                folders.append(folder)
                items = [(os.path.join(folder, child.name), folder) for child in sorted(path.iterdir())
                         if child.is_file() and child.suffix.lower() in ARTICLE_SUFFIXES
                         and not child.name.startswith(".") and not is_export_name(child.name)]
            else:
                items = [(os.path.abspath(path), None)]
        for source, folder in items:
            if source not in seen:
                seen.add(source)
                out.append((source, folder))
    return out, folders


def index(paths: list[str], archive: Archive, *, model: str, jobs: int = 1, analyse: Analyse | None = None,
          use_cache: bool = True, progress: Callable[[int, int], None] | None = None) -> IndexResult:
    """Bring the archive up to date with ``paths`` (see the module's docstring)."""
    from . import cache
    from .sources import load_source

    result = IndexResult()
    sources, folders = gather(paths)
    known = archive.known()
    present: set[str] = set()
    feeds_read: list[str] = []
    todo: list[_Pending] = []
    for source, folder in sources:
        try:
            articles = load_source(source)
        except InputError as exc:
            result.skipped += 1
            _say(f"skipped {exc}")
            if folder is not None:
                present.add(source)  # unreadable now is not removed: it is still there
                present.update(s for s in known if s.startswith(source + "#entry-"))
            continue
        if len(articles) > 1 or (articles and articles[0].source != source):
            feeds_read.append(source)
        for article in articles:
            present.add(article.source)
            digest = cache.text_hash(article.text)
            old = known.get(article.source)
            if old is not None and old[:3] == (digest, model, PIPELINE_VERSION):
                result.unchanged += 1
                if folder is not None and old[3] != folder:
                    archive.set_folder(article.source, folder)
                continue
            # a file indexed from its folder and now named alone stays its folder's
            todo.append(_Pending(article, digest, folder if folder is not None else (old[3] if old else None)))
    gone = {s for f in folders for s in archive.sources_in_folder(f)} - present
    gone |= {s for f in feeds_read for s in archive.sources_of_feed(f)} - present
    result.removed = archive.remove(sorted(gone))

    total = len(todo)
    done = 0
    if progress and total:
        progress(0, total)
    misses: list[_Pending] = []
    batch = _Batch(archive, model)
    try:
        for item in todo:
            cached = cache.load(item.article.text, model) if use_cache else None
            if cached is None:
                misses.append(item)
                continue
            batch.add(Analysed(item.article, cached, item.digest, item.folder))
            result.analysed += 1
            result.from_cache += 1
            done += 1
            if progress:
                progress(done, total)
        if misses:
            by_source = {m.article.source: m for m in misses}
            runner = analyse or (lambda arts: analyse_in_processes(arts, model=model, jobs=jobs))
            for article, analysis, error in runner([m.article for m in misses]):
                item = by_source[article.source]
                done += 1
                if analysis is None:
                    result.skipped += 1
                    _say(f"skipped {article.source}: {error}")
                else:
                    batch.add(Analysed(article, analysis, item.digest, item.folder))
                    result.analysed += 1
                if progress:
                    progress(done, total)
    except sqlite3.Error:
        raise
    except BaseException:
        batch.flush()  # Ctrl-C, a dead analysis process: what was analysed is kept
        raise
    batch.flush()
    archive.relink()
    return result


class _Batch:
    """Analyses waiting to be committed together (one ``write_many`` transaction): committed
    as one arrives when ``COMMIT_EVERY_S`` have passed since the last commit, or when
    ``COMMIT_MAX_ARTICLES`` wait. A killed indexer so loses only analyses finished less than
    ``COMMIT_EVERY_S`` after the last commit, which the next run redoes (their hash is not in
    the archive); a commit per article cost a quarter of the writing."""

    def __init__(self, archive: Archive, model: str) -> None:
        self.archive = archive
        self.model = model
        self.items: list[Analysed] = []
        self.committed_at = time.monotonic()

    def add(self, item: Analysed) -> None:
        self.items.append(item)
        if (len(self.items) >= COMMIT_MAX_ARTICLES
                or time.monotonic() - self.committed_at >= COMMIT_EVERY_S):
            self.flush()

    def flush(self) -> None:
        if self.items:
            self.archive.write_many(self.items, model=self.model)
            self.items.clear()
        self.committed_at = time.monotonic()


# -- analysing, in this process or a pool ------------------------------------------------------

_analyzer = None


def _init_worker(model: str, parent: int | None = None) -> None:
    """Each worker process loads the model once. In a pool (``parent`` given) it also exits
    when its parent dies (``kill -9`` of ``newsreader index``): an orphaned pool worker would
    otherwise wait for work forever."""
    global _analyzer
    if parent is not None:
        import signal
        import threading

        # Ctrl-C reaches the whole process group: the parent stops the pool (what is written
        # stays written); a worker's own KeyboardInterrupt would only print a traceback
        signal.signal(signal.SIGINT, signal.SIG_IGN)

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=watch, daemon=True, name="newsreader-orphan-watch").start()
    from .analysis.nlp import import_spacy_without_cli, load_nlp

    import_spacy_without_cli()
    from .analysis.pipeline import Analyzer

    try:
        _analyzer = Analyzer(load_nlp(model))
    except NewsreaderError as exc:
        _analyzer = exc


def _analyse_one(article: Article) -> tuple[str, Analysis | None, str | None]:
    if isinstance(_analyzer, BaseException):
        raise _analyzer
    try:
        return article.source, _analyzer.analyze(article), None
    except NewsreaderError as exc:
        return article.source, None, str(exc)
    except Exception as exc:  # noqa: BLE001 - one article's failure must not stop the rest
        return article.source, None, f"the analysis failed ({type(exc).__name__}: {_describe(exc)})"


def analyse_in_processes(articles: Iterable[Article], *, model: str, jobs: int = 1):
    """Yield (article, analysis, error) as each article is done: in this process for ``jobs``
    1, else in a pool of ``jobs`` processes that each load the model once."""
    articles = list(articles)
    if not articles:
        return
    jobs = max(1, min(jobs, len(articles)))
    if jobs == 1:
        _init_worker(model)
        if isinstance(_analyzer, BaseException):
            raise _analyzer
        for article, analysis, error in _analyzer.analyze_many(articles):
            yield article, analysis, (str(error) if error is not None else None)
        return
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    # spawn, not fork: the parent holds an open SQLite connection, which must not cross a fork.
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker,
                             initargs=(model, os.getpid())) as pool:
        by_source = {a.source: a for a in articles}
        queue = iter(articles)
        running = set()
        try:
            # a bounded window: results are written as they come, and a Ctrl-C cancels little
            for article in queue:
                running.add(pool.submit(_analyse_one, article))
                if len(running) >= jobs * 4:
                    break
            while running:
                finished, running = wait(running, return_when=FIRST_COMPLETED)
                for fut in finished:
                    source, analysis, error = fut.result()
                    yield by_source[source], analysis, error
                    nxt = next(queue, None)
                    if nxt is not None:
                        running.add(pool.submit(_analyse_one, nxt))
        except BrokenProcessPool:
            raise NewsreaderError("an analysis process died (out of memory?); run `newsreader index` "
                                  "again to go on where it stopped") from None
        finally:
            for fut in running:
                fut.cancel()
