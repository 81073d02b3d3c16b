"""Store access: the embedded pyoxigraph store, one named graph per article.

The store's default graph is kept as the *merged* graph of all articles —
each triple once — because pyoxigraph's union default graph repeats a triple
once per article graph that states it (../shared/design/LESSONS.md): an
actor named in 200 articles would match 200 times. Every write of an
article graph updates the merged graph in the same transaction, so the two
never disagree.

One process writes (``EmbeddedStore``); any number read (``StoreReader``).
pyoxigraph calls opening a store read-only while another process writes it
undefined behaviour, and a read-only handle keeps the state it opened with,
so readers never open the writer's database: the writer publishes immutable
snapshots (RocksDB checkpoints, hard links: about 15 ms) after it commits,
at most one per ``publish_interval`` and always when it closes, and a reader
switches to the newest snapshot before each request.

A reader holds a shared lock on the snapshot it reads (``000042.lock``), and
a superseded snapshot is deleted as soon as nobody holds it: by the writer
when it publishes or closes, and by a reader when it lets go of one, so an idle
store keeps only the snapshots open readers use. Snapshots are hard links of
the database's files, cheap while fresh, but each keeps alive the files that
later compactions replaced. Where file locks do not exist (Windows), a
superseded snapshot is deleted two minutes after it was replaced instead. On
disk::

    STORE/newsgraph-store.json   {"format": 1}
    STORE/db/                    the database, written by one process at a time
    STORE/snapshots/000042/      published snapshots, read-only
    STORE/snapshots/000042.lock  held (shared) by each reader of 000042
    STORE/snapshots/CURRENT      the name of the newest one
    STORE/search.sqlite          the text index of names, quotes and headlines (textindex.py)
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

try:
    import fcntl
except ImportError:  # Windows: superseded snapshots are deleted after a grace period
    fcntl = None  # type: ignore[assignment]

from .iri import sparql_ref
from .textindex import TextIndex, TextIndexError, index_path
from .vocab import PREFIXES

if TYPE_CHECKING:  # rdflib's SPARQL parser costs query executors 0.4 s to import
    from .updates import UpdatePlan

FORMAT = 1
MARKER = "newsgraph-store.json"
# Without file locks: how long a superseded snapshot stays for readers still using it
# (a query runs at most its timeout, 30 s by default).
DEFAULT_GRACE = 120.0


class StoreError(Exception):
    """A store that cannot be opened or written, with what to do about it."""


class StoreGone(StoreError):
    """A store that can no longer be written at all (disk full, I/O error, removed): every
    later write would fail too, so a load stops at the first. ``written`` is set when the
    write itself went through and what failed after it (publishing) did not undo it."""

    def __init__(self, message: str, written: WriteOutcome | None = None) -> None:
        super().__init__(message)
        self.written = written


class StoreUnreachable(StoreGone):
    """A remote store that does not answer at all (down, wrong address, network)."""


class WriteOutcome(StrEnum):
    CREATED = "created"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"


class ReadView:
    """What both the writer and the readers can do: query and dump."""

    _store: ox.Store

    def query(self, query: str, *, default_graph: Iterable[str] | None = None,
              named_graphs: Iterable[str] | None = None,
              base_iri: str | None = None, union_default_graph: bool = False,
              ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a SPARQL query; the default graph is the merged graph unless a dataset is given.

        ``union_default_graph`` asks pyoxigraph for its own union of the named graphs
        instead (a triple once per graph that states it); bench/default_graph.py
        compares the two. Raises SyntaxError with the parser's message for a
        malformed query.
        """
        kwargs: dict[str, object] = {"use_default_graph_as_union": union_default_graph}
        if default_graph is not None:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graph]
        if named_graphs is not None:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        if base_iri is not None:
            kwargs["base_iri"] = base_iri
        # The vocabulary's prefixes need no declaring (sparqlprologue.py).
        return self._store.query(query, prefixes=PREFIXES, **kwargs)

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def graph_ntriples(self, graph_iri: str | None) -> bytes:
        """A graph as N-Triples; None is the merged default graph."""
        graph = ox.DefaultGraph() if graph_iri is None else ox.NamedNode(graph_iri)
        return self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)

    def dump_nquads(self) -> bytes:
        """Every quad, the merged default graph included, as N-Quads."""
        return self._store.dump(format=ox.RdfFormat.N_QUADS)

    def default_graph_size(self) -> int:
        """Triples in the merged default graph."""
        result = self._store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(next(iter(result))["n"].value)

    def __len__(self) -> int:
        return len(self._store)


class EmbeddedStore(ReadView):
    """The writer: an on-disk (or, without a path, in-memory) pyoxigraph store."""

    snapshot: str | None = None
    # The database's lock lets one writer in at a time: a writer finding another's mark
    # of a load under way (claims/pending.py) knows that load has stopped.
    single_writer = True

    def __init__(self, store: ox.Store, path: Path | None,
                 publish_interval: float = 1.0, snapshot_grace: float = DEFAULT_GRACE) -> None:
        self._store = store
        self.path = path
        self.publish_interval = publish_interval
        self.snapshot_grace = snapshot_grace
        self._published_at = 0.0
        self._unpublished = False
        self._writes = 0
        self._index: TextIndex | None = None

    @classmethod
    def open(cls, path: Path | str | None, *, create: bool = True,
             publish_interval: float = 1.0) -> EmbeddedStore:
        """Open read-write; only one process may hold the store at a time."""
        if path is None:
            return cls(ox.Store(), None)
        location = Path(path)
        _check_location(location, create)
        fresh = not (location / MARKER).exists()
        if fresh:
            try:
                location.mkdir(parents=True, exist_ok=True)
                _write_marker(location)
            except OSError as err:
                raise StoreError(f"cannot create a store at {location} ({err.strerror or err}); "
                                 "give --store a path in a directory you can write to") from err
        try:
            store = ox.Store(str(location / "db"))
        except OSError as err:
            message = str(err)
            if "lock" in message.lower():
                raise StoreError(
                    f"store {location} is being written by another process (is another "
                    "`newsgraph load` or `newsgraph link` running on it?); wait for it to "
                    "finish, or use another --store") from err
            raise StoreError(f"cannot open store {location}: {message}") from err
        opened = cls(store, location, publish_interval)
        opened._open_index()
        if current_snapshot(location) is None:
            opened.publish(force=True)
        return opened

    def _open_index(self) -> None:
        """Open the text index, rebuilt from the store if the last writer did not close it
        (killed) or it is missing, and mark it as being written."""
        try:
            index = TextIndex(index_path(self.path))
            if not index.clean:
                index.rebuild((g, self._triples(g)) for g in self.graph_names())
            index.start()
        except (TextIndexError, OSError) as err:
            raise StoreError(f"cannot open the text index of {self.path}: {err}. Free space "
                             f"or fix the disk, or delete {index_path(self.path)} to have it "
                             "rebuilt") from err
        self._index = index

    def _reindex(self, graphs: Iterable[str]) -> None:
        for g in graphs:
            if self._store.contains_named_graph(ox.NamedNode(g)):
                self._indexed(lambda index, g=g: index.replace(g, self._triples(g)))
            else:
                self._indexed(lambda index, g=g: index.remove(g))

    def _indexed(self, write) -> None:
        # The graph is written; an index that cannot follow stays marked "open" and is
        # rebuilt by the next writer, and the disk's trouble is reported as the store's.
        if self._index is not None:
            try:
                write(self._index)
            except TextIndexError as err:
                raise StoreGone(f"the store {self.path} cannot be written: {err}. Free space "
                                "or fix the disk; what was written stays whole") from err

    # -- writing -----------------------------------------------------------------------

    def replace_graph(self, graph_iri: str, ntriples: str) -> WriteOutcome:
        """Make ``graph_iri`` hold exactly ``ntriples``, atomically, merged graph included.

        An unchanged graph is not rewritten, so reloading the same article is a no-op.
        """
        graph = ox.NamedNode(graph_iri)
        old = {q.triple for q in self._store.quads_for_pattern(None, None, None, graph)}
        if old and old == as_stored(ntriples):
            return WriteOutcome.UNCHANGED
        g = sparql_ref(graph_iri)
        # One SPARQL Update is one transaction: readers see the old or the new graph,
        # never a mix, and a crash leaves one of the two.
        update = (f"{drop_graph_update(graph_iri)} ;\n"
                  f"INSERT DATA {{ GRAPH {g} {{ {ntriples} }} {ntriples} }}")
        try:
            self._store.update(update)
        except OSError as err:
            raise self._gone(err) from err
        outcome = WriteOutcome.REPLACED if old else WriteOutcome.CREATED
        try:
            # Read as Turtle, as SPARQL's INSERT DATA read it: it takes "a" for rdf:type.
            self._indexed(lambda index: index.replace(graph_iri, (q.triple for q in ox.parse(
                ntriples.encode("utf-8"), format=ox.RdfFormat.TURTLE))))
        except StoreGone as err:
            err.written = outcome  # the graph is in: a rerun finds it unchanged
            raise
        self._written(outcome)
        return outcome

    def remove_graph(self, graph_iri: str) -> bool:
        """Remove an article graph and its share of the merged graph; False if absent."""
        graph = ox.NamedNode(graph_iri)
        if not self._store.contains_named_graph(graph):
            return False
        try:
            self._store.update(drop_graph_update(graph_iri))
        except OSError as err:
            raise self._gone(err) from err
        self._indexed(lambda index: index.remove(graph_iri))
        self._written()
        return True

    def update(self, text: str, plan: UpdatePlan, *, base_iri: str | None = None) -> None:
        """Run a SPARQL Update, then bring the merged default graph up to date for the
        named graphs the update changed (``plan`` says which it may change).

        The update is one transaction and the merge another: a crash between the two
        leaves the named graphs right and the merge short, until that graph's next write.
        Raises SyntaxError for a malformed update.
        """
        graphs = set(plan.graphs)
        if plan.every_graph:
            graphs |= set(self.graph_names())
        before = {g: self._triples(g) for g in graphs}
        try:
            self._store.update(text, base_iri=base_iri, prefixes=PREFIXES)
        except OSError as err:
            raise self._gone(err) from err
        if plan.every_graph:
            graphs |= set(self.graph_names())
        added: set[ox.Triple] = set()
        removed: set[ox.Triple] = set()
        for g in graphs:
            after = self._triples(g)
            added |= after - before.get(g, set())
            removed |= before.get(g, set()) - after
        default = ox.DefaultGraph()
        self._store.extend([ox.Quad(t.subject, t.predicate, t.object, default) for t in added])
        for t in removed - added:
            stated = any(not isinstance(q.graph_name, ox.DefaultGraph) for q in
                         self._store.quads_for_pattern(t.subject, t.predicate, t.object, None))
            if not stated:
                self._store.remove(ox.Quad(t.subject, t.predicate, t.object, default))
        self._reindex(graphs)
        self._written()

    def bulk_import(self, path: Path, fmt: ox.RdfFormat, graphs: list[str]) -> None:
        """Load a dataset file with pyoxigraph's bulk loader, then copy its named graphs'
        triples into the merged default graph (also in bulk). Not a transaction."""
        try:
            self._store.bulk_load(path=str(path), format=fmt)
            default = ox.DefaultGraph()
            self._store.bulk_extend(
                ox.Quad(q.subject, q.predicate, q.object, default)
                for name in graphs
                for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(name)))
        except OSError as err:
            raise StoreError(f"cannot import into {self.path}: {err}") from err
        self._reindex(graphs)
        self._writes += 2  # compact when closing, as after many writes
        self._written()

    def rejoin(self, graph_iris: list[str]) -> None:
        """Nothing to do: a graph and the merge are written in one transaction here."""

    def add_empty_graph(self, graph_iri: str) -> None:
        """A named graph with no triples (the Graph Store Protocol's PUT of an empty body)."""
        self._store.add_graph(ox.NamedNode(graph_iri))
        self._written()

    def own_default(self) -> set[ox.Triple]:
        """The default graph's own triples: those that no named graph states."""
        named = {q.triple for q in self._store.quads_for_pattern(None, None, None, None)
                 if not isinstance(q.graph_name, ox.DefaultGraph)}
        return {q.triple for q in self._store.quads_for_pattern(None, None, None,
                                                                ox.DefaultGraph())} - named

    def replace_own_default(self, triples: set[ox.Triple] | None) -> None:
        """Make the default graph's own triples exactly ``triples`` (None: none)."""
        default = ox.DefaultGraph()
        for t in self.own_default() - (triples or set()):
            self._store.remove(ox.Quad(t.subject, t.predicate, t.object, default))
        self._store.extend([ox.Quad(t.subject, t.predicate, t.object, default)
                            for t in triples or ()])
        self._written()

    def graph_triples(self, graph_iri: str) -> set[ox.Triple] | None:
        """A named graph's triples, or None if there is no such graph."""
        if not self._store.contains_named_graph(ox.NamedNode(graph_iri)):
            return None
        return self._triples(graph_iri)

    def _triples(self, graph_iri: str) -> set[ox.Triple]:
        return {q.triple for q in self._store.quads_for_pattern(None, None, None,
                                                                ox.NamedNode(graph_iri))}

    def refresh(self) -> bool:
        return False  # the writer sees its own writes

    def flush(self) -> None:
        """Make every write durable and visible to readers."""
        if self.path is not None:
            try:
                self._store.flush()
            except OSError as err:
                raise self._gone(err) from err
            if self._unpublished:
                self.publish(force=True)

    def close(self) -> None:
        """Compact, flush, publish, and let go of the database so another process may write.

        Many small writes leave many small files: readers of a snapshot taken then ran
        the README's queries 40-60 % slower than after compaction (a tenth of a second
        for 230 articles), so a writer that wrote compacts before its last snapshot.
        """
        try:
            if self.path is not None and self._writes > 1:
                self._store.optimize()
                self._unpublished = True
            self.flush()
            if self._index is not None:
                self._index.finish()
        except OSError as err:
            raise self._gone(err) from err
        finally:
            if self._index is not None:
                self._index.abandon()
                self._index = None
            self._store = None  # type: ignore[assignment]  # the RocksDB lock goes with it

    def _written(self, outcome: WriteOutcome | None = None) -> None:
        self._unpublished = True
        self._writes += 1
        try:
            self.publish()
        except StoreGone as err:
            err.written = outcome
            raise

    def _gone(self, err: OSError) -> StoreGone:
        return StoreGone(f"the store {self.path or '(in memory)'} cannot be written: "
                         f"{getattr(err, 'strerror', None) or err}. Free space or fix the disk; "
                         "what was written stays whole")

    def publish(self, *, force: bool = False) -> str | None:
        """Publish a snapshot for readers (throttled unless forced); its name, if made."""
        if self.path is None:
            return None
        now = time.monotonic()
        if not force and now - self._published_at < self.publish_interval:
            return None
        snapshots = self.path / "snapshots"
        name = ""
        try:
            snapshots.mkdir(exist_ok=True)
            names = _snapshot_names(snapshots)
            name = f"{(int(names[-1]) + 1) if names else 1:06d}"
            self._store.backup(str(snapshots / name))
            # Readers follow the pointer; replacing it by rename is atomic.
            pointer = snapshots / "CURRENT.tmp"
            pointer.write_text(name + "\n", encoding="utf-8")
            os.replace(pointer, snapshots / "CURRENT")
        except OSError as err:
            if name:  # a half-made snapshot no reader will ever use
                shutil.rmtree(snapshots / name, ignore_errors=True)
            raise self._gone(err) from err
        self._published_at = now
        self._unpublished = False
        _delete_superseded(snapshots, name, self.snapshot_grace)
        return name


class StoreReader(ReadView):
    """A read-only view of a store's newest published snapshot, for any number of processes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.snapshot: str | None = None
        self._store = None  # type: ignore[assignment]
        self.refresh()

    @classmethod
    def open(cls, path: Path | str) -> StoreReader:
        location = Path(path)
        cls.check(location)
        return cls(location)

    @staticmethod
    def check(path: Path | str) -> None:
        """Raise StoreError unless ``path`` is a readable store, without opening it.

        A process that will fork (gunicorn's master) must not open RocksDB: its
        background threads do not survive a fork, and a child's flush would wait
        for them forever.
        """
        location = Path(path)
        _check_location(location, create=False)
        if current_snapshot(location) is None:
            raise StoreError(f"store {location} has no published snapshot yet; run "
                             f"`newsgraph load ARTICLES --store {location}`")

    def refresh(self) -> bool:
        """Switch to the newest snapshot if there is a newer one; True if it switched."""
        snapshots = self.path / "snapshots"
        for _ in range(3):
            newest = current_snapshot(self.path)
            if newest is None:
                raise StoreError(f"store {self.path} has no published snapshot yet; run "
                                 f"`newsgraph load ARTICLES --store {self.path}`")
            if newest == self.snapshot:
                return False
            # Locked before it is opened: a writer deletes only what nobody holds.
            held = _hold(snapshots, newest)
            if (snapshots / newest).is_dir():
                break
            _release(held)  # superseded and deleted since CURRENT was read: read it again
        else:
            raise StoreError(f"cannot read store {self.path}: its snapshots change faster "
                             "than they can be opened")
        try:
            store = ox.Store.read_only(str(snapshots / newest))
        except OSError as err:
            _release(held)
            raise StoreError(f"cannot read store {self.path}: {err}") from err
        previous, self._held = getattr(self, "_held", None), held
        self._store, self.snapshot = store, newest
        _release(previous)
        _delete_superseded(snapshots, newest, DEFAULT_GRACE)
        return True


def _check_location(location: Path, create: bool) -> None:
    if location.exists() and not location.is_dir():
        raise StoreError(f"store path {location} is a file, not a store directory; "
                         "give --store a directory")
    marker = location / MARKER
    if marker.exists():
        try:
            found = json.loads(marker.read_text(encoding="utf-8")).get("format")
        except (OSError, ValueError, AttributeError):
            raise StoreError(f"{marker} is damaged; it should read "
                             f'{{"format": {FORMAT}}}') from None
        if found != FORMAT:
            raise StoreError(f"store {location} has format {found}, and this newsgraph reads "
                             f"format {FORMAT}; use the newsgraph that made it, or load the "
                             "articles into a new store")
        return
    if (location / "CURRENT").exists():
        raise StoreError(f"store {location} was made by an earlier newsgraph (format 0); load "
                         "the articles into a new store")
    if not create:
        raise StoreError(f"no store at {location}; create one with `newsgraph load "
                         f"ARTICLES --store {location}`")
    if location.exists() and any(location.iterdir()):
        raise StoreError(f"{location} is a directory with other files in it, not a newsgraph "
                         "store; give --store an empty or new directory")


def _write_marker(location: Path) -> None:
    from . import __version__

    tmp = location / (MARKER + ".tmp")
    tmp.write_text(json.dumps({"format": FORMAT, "created_by": f"newsgraph {__version__}"})
                   + "\n", encoding="utf-8")
    os.replace(tmp, location / MARKER)


def current_snapshot(location: Path) -> str | None:
    """The name of the store's newest published snapshot (None before the first)."""
    # Read on every request the endpoint may answer from its cache: plain open() costs a
    # fraction of pathlib's read_text.
    try:
        with open(f"{location}/snapshots/CURRENT", "rb") as handle:
            name = handle.read().decode("utf-8").strip()
    except FileNotFoundError:
        return None
    return name or None


def _snapshot_names(snapshots: Path) -> list[str]:
    return sorted(p.name for p in snapshots.iterdir() if p.is_dir() and p.name.isdigit())


def _hold(snapshots: Path, name: str):
    """A shared lock on a snapshot, for as long as the returned file stays open."""
    if fcntl is None:
        return None
    handle = open(snapshots / f"{name}.lock", "a+b")  # noqa: SIM115 - held while reading
    fcntl.flock(handle, fcntl.LOCK_SH)
    return handle


def _release(handle) -> None:
    if handle is not None:
        handle.close()  # closing drops the lock


def _delete_superseded(snapshots: Path, current: str, grace: float) -> None:
    """Delete the snapshots older than ``current`` that no reader holds (where locks exist;
    elsewhere, those superseded more than ``grace`` seconds ago)."""
    names = _snapshot_names(snapshots)
    now = time.time()
    for older, newer in zip(names, names[1:], strict=False):
        if older == current or older > current:
            continue
        if fcntl is not None:
            _delete_if_free(snapshots, older)
            continue
        try:
            superseded = (snapshots / newer).stat().st_mtime
        except FileNotFoundError:
            continue
        if now - superseded > grace:
            shutil.rmtree(snapshots / older, ignore_errors=True)
    if fcntl is not None:
        # Lock files whose snapshot is gone (a reader that came too late made one).
        for lock in snapshots.glob("*.lock"):
            if lock.stem < current and not (snapshots / lock.stem).is_dir():
                _delete_if_free(snapshots, lock.stem)


def _delete_if_free(snapshots: Path, name: str) -> None:
    try:
        handle = open(snapshots / f"{name}.lock", "a+b")  # noqa: SIM115 - closed below
    except OSError:
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()  # a reader holds it
        return
    try:
        shutil.rmtree(snapshots / name, ignore_errors=True)
        (snapshots / f"{name}.lock").unlink(missing_ok=True)
    finally:
        handle.close()


def to_ntriples(triples: Iterable[ox.Triple]) -> str:
    """Triples as N-Triples text, in a stable order."""
    return ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


def as_stored(ntriples: str) -> set[ox.Triple]:
    """The triples as the store would keep them: SPARQL Update writes literals in
    canonical form ("0.850"^^xsd:decimal becomes "0.85"), so compare in that form."""
    scratch = ox.Store()
    scratch.update("INSERT DATA { " + ntriples + " }")
    return {q.triple for q in scratch}


def drop_graph_update(graph_iri: str) -> str:
    """SPARQL Update that drops an article graph, and the merged-graph triples that no
    other article states."""
    graph = sparql_ref(graph_iri)
    return ("DELETE { ?s ?p ?o } WHERE { GRAPH " + graph + " { ?s ?p ?o } "
            "FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } FILTER(?g != " + graph + ") } } ;\n"
            "DROP SILENT GRAPH " + graph)
