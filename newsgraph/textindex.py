"""A full-text index of names, quotes and headlines, kept beside the embedded store.

The RDF engine has no text index, and a scan of every label and quote with
``CONTAINS`` grows with the store. SQLite's FTS5 (in Python's standard library,
nothing to install) answers word and prefix queries from an inverted index and
ranks them with BM25. It is written by the one process that writes the store, in
the same step as each article graph: ``STORE/search.sqlite``.

Consistency with the graph: every write of an article graph replaces that graph's
entries; an update or an import re-reads the graphs it may have changed. A writer
marks the index "open" while it works and "clean" when it closes; a writer that
finds it not clean (the last one was killed) or missing rebuilds it from the
store. Readers check every hit against the snapshot they query (a hit the
snapshot does not hold yet, or no longer, is dropped), so a search never shows
what the graph does not say.

Each distinct (kind, resource, text) is indexed once, with the number of article
graphs that state it: an actor named in 300 articles is one entry, not 300.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .vocab import NG, RDF, RDFS, SCHEMA, SKOS

FILE = "search.sqlite"
MAX_QUERY_CHARS = 200
MAX_TERMS = 12
# Marks around matched words in highlighted text: control characters no text holds.
MARK_START, MARK_END = "\x02", "\x03"

_TYPE = str(RDF.type)
_NAMED = {str(NG.Person): "actor", str(NG.Organization): "actor", str(NG.State): "actor",
          str(NG.ArmedGroup): "actor", str(NG.Place): "place"}
_NAMES = {str(RDFS.label), str(SKOS.altLabel)}
_QUOTE = str(NG.quote)
_HEADLINE = str(SCHEMA.headline)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS doc(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, iri TEXT NOT NULL,
  text TEXT NOT NULL, refs INTEGER NOT NULL, UNIQUE(kind, iri, text));
CREATE TABLE IF NOT EXISTS occurrence(graph TEXT NOT NULL, doc INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS occurrence_graph ON occurrence(graph);
CREATE VIRTUAL TABLE IF NOT EXISTS doc_text USING fts5(text, content='doc', content_rowid='id',
  tokenize="unicode61 remove_diacritics 2");
CREATE TRIGGER IF NOT EXISTS doc_added AFTER INSERT ON doc BEGIN
  INSERT INTO doc_text(rowid, text) VALUES (new.id, new.text); END;
CREATE TRIGGER IF NOT EXISTS doc_removed AFTER DELETE ON doc BEGIN
  INSERT INTO doc_text(doc_text, rowid, text) VALUES ('delete', old.id, old.text); END;
"""


class TextIndexError(Exception):
    """The index cannot be read or written; the message says why."""


class BadSearch(ValueError):
    """A search text that cannot be searched for; the message says what to type."""


@dataclass(frozen=True)
class Entry:
    kind: str  # actor, place, statement, article
    iri: str
    text: str


@dataclass(frozen=True)
class Hit:
    kind: str
    iri: str
    text: str
    marked: str  # text with MARK_START/MARK_END around the matched words
    rank: float


def entries(triples: Iterable[ox.Triple]) -> list[Entry]:
    """What one article graph contributes: its actors' and places' names, its statements'
    quotes, its article's headline."""
    kinds: dict[str, str] = {}
    texts: list[tuple[str, str, str]] = []
    for t in triples:
        subject, predicate = t.subject, t.predicate.value
        if not isinstance(subject, ox.NamedNode):
            continue
        if predicate == _TYPE and isinstance(t.object, ox.NamedNode):
            kind = _NAMED.get(t.object.value) or {str(NG.Statement): "statement",
                                                  str(NG.Article): "article"}.get(t.object.value)
            if kind:
                kinds[subject.value] = kind
        elif isinstance(t.object, ox.Literal) and predicate in (*_NAMES, _QUOTE, _HEADLINE):
            texts.append((subject.value, predicate, t.object.value))
    wanted = {"actor": _NAMES, "place": _NAMES, "statement": {_QUOTE}, "article": {_HEADLINE}}
    return sorted({Entry(kinds[s], s, text) for s, p, text in texts
                   if s in kinds and p in wanted[kinds[s]] and text.strip()},
                  key=lambda e: (e.kind, e.iri, e.text))


def index_path(store_path: Path) -> Path:
    return Path(store_path) / FILE


class TextIndex:
    """The writer's handle on a store's index."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._db = sqlite3.connect(path, timeout=30, isolation_level=None)
            # A rollback journal, not a write-ahead log: the log grows to megabytes before
            # it is folded back, and on a nearly full disk that alone stops the writer.
            # It costs 1.9 ms an article instead of 0.5 (1 % of a load).
            self._db.execute("PRAGMA journal_mode=TRUNCATE")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        except sqlite3.Error as err:
            raise TextIndexError(f"cannot open the search index {path}: {err}") from err

    @property
    def clean(self) -> bool:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'state'").fetchone()
        return row is not None and row[0] == "clean"

    def _state(self, value: str) -> None:
        try:
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('state', ?)", (value,))
        except sqlite3.Error as err:
            raise TextIndexError(f"cannot write the search index {self.path}: {err}") from err

    def start(self) -> None:
        """Mark the index as being written: a crash from now on leaves it to be rebuilt."""
        self._state("open")

    def finish(self) -> None:
        self._state("clean")
        self._db.close()

    def abandon(self) -> None:
        self._db.close()

    def replace(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        """Make ``graph``'s entries exactly those of ``triples``, in one transaction."""
        self._write([(graph, entries(triples))])

    def remove(self, graph: str) -> None:
        self._write([(graph, [])])

    def rebuild(self, graphs: Iterator[tuple[str, Iterable[ox.Triple]]]) -> int:
        """Replace the whole index with what ``graphs`` hold; the number of graphs read."""
        n = 0
        with self._transaction() as db:
            db.execute("DELETE FROM occurrence")
            db.execute("DELETE FROM doc")
            db.execute("INSERT INTO doc_text(doc_text) VALUES ('delete-all')")
            for graph, triples in graphs:
                self._add(graph, entries(triples))
                n += 1
            if n:
                db.execute("INSERT INTO doc_text(doc_text) VALUES ('optimize')")
        return n

    def _write(self, changes: list[tuple[str, list[Entry]]]) -> None:
        with self._transaction():
            for graph, new in changes:
                self._drop(graph)
                self._add(graph, new)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it or none; SQLite's errors as TextIndexError."""
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as err:
            raise TextIndexError(f"cannot write the search index {self.path}: {err}") from err
        try:
            yield db
            db.execute("COMMIT")
        except BaseException as err:
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # the transaction is gone with the error
            if isinstance(err, sqlite3.Error):
                raise TextIndexError(f"cannot write the search index {self.path}: {err}") from err
            raise

    def _drop(self, graph: str) -> None:
        db = self._db
        ids = [(r[0],) for r in db.execute("SELECT doc FROM occurrence WHERE graph = ?",
                                           (graph,))]
        db.execute("DELETE FROM occurrence WHERE graph = ?", (graph,))
        db.executemany("UPDATE doc SET refs = refs - 1 WHERE id = ?", ids)
        # Only the entries this graph held: a scan of every entry would grow with the store.
        db.executemany("DELETE FROM doc WHERE id = ? AND refs <= 0", ids)

    def _add(self, graph: str, new: list[Entry]) -> None:
        db = self._db
        for e in new:
            doc = db.execute("INSERT INTO doc(kind, iri, text, refs) VALUES (?, ?, ?, 1) "
                             "ON CONFLICT(kind, iri, text) DO UPDATE SET refs = refs + 1 "
                             "RETURNING id", (e.kind, e.iri, e.text)).fetchone()[0]
            db.execute("INSERT INTO occurrence VALUES (?, ?)", (graph, doc))


_WORD = re.compile(r'"([^"]*)"|([^\s"]+)')
_TOKEN_CHARS = re.compile(r"\w+", re.UNICODE)


def match_expression(text: str) -> str:
    """The FTS5 query for what a user typed: every word must match (the last one as a
    prefix, so a name can be typed in part), a "quoted phrase" as a phrase. Nothing the
    user types is read as FTS5 syntax."""
    if len(text) > MAX_QUERY_CHARS:
        raise BadSearch(f"search for at most {MAX_QUERY_CHARS} characters, not {len(text):,}")
    terms: list[str] = []
    for m in _WORD.finditer(text):
        phrase, word = m.group(1), m.group(2)
        tokens = _TOKEN_CHARS.findall(phrase if phrase is not None else word)
        if not tokens:
            continue
        terms.append(('"' + " ".join(tokens) + '"', phrase is None and len(tokens) == 1))
    if not terms:
        raise BadSearch("type a word to search for: a name or words someone said")
    if len(terms) > MAX_TERMS:
        raise BadSearch(f"search for at most {MAX_TERMS} words or phrases, not {len(terms)}")
    quoted = [t for t, _ in terms]
    last, prefixable = terms[-1]
    if prefixable and len(last) >= 4:  # '"ab"' or longer: a prefix of two characters or more
        quoted[-1] = last + " *"
    return " ".join(quoted)


def search(path: Path, text: str, *, kinds: tuple[str, ...] | None = None, limit: int = 200,
           seconds: float = 2.0) -> list[Hit]:
    """Entries matching what the user typed, best first; at most one hit per (kind,
    resource). Raises BadSearch for text that is not a search, TextIndexError if the index
    cannot be read, TimeoutError past ``seconds``."""
    expression = match_expression(text)
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as err:
        raise TextIndexError(f"cannot read the search index {path}: {err}") from err
    deadline = time.monotonic() + seconds
    db.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    where = ""
    params: list[object] = [MARK_START, MARK_END, expression]
    if kinds:
        where = f"AND d.kind IN ({', '.join('?' for _ in kinds)})"
        params += list(kinds)
    try:
        found = db.execute(f"""SELECT d.kind, d.iri, d.text,
              highlight(doc_text, 0, ?, ?), bm25(doc_text) AS rank
            FROM doc_text JOIN doc d ON d.id = doc_text.rowid
            WHERE doc_text MATCH ? {where} ORDER BY rank LIMIT ?""",
                           (*params, limit * 3)).fetchall()
    except sqlite3.OperationalError as err:
        if "interrupt" in str(err):
            raise TimeoutError(f"the search took more than {seconds:g} s") from err
        raise TextIndexError(f"cannot read the search index {path}: {err}") from err
    finally:
        db.close()
    hits: dict[tuple[str, str], Hit] = {}
    for kind, iri, full, marked, rank in found:
        hits.setdefault((kind, iri), Hit(kind, iri, full, marked, rank))
    return list(hits.values())[:limit]
