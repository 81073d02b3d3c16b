"""The load path: read -> extract -> map -> validate -> store, one article at a time.

Each article is validated on its own before anything is written; one that
fails is reported and skipped, the others are written. Writing an article
replaces its named graph whole in one transaction (embedded) or one Graph
Store PUT (remote).

With ``jobs`` > 1, worker processes extract, map and validate batches of
articles; the embedded store has one writer, so they hand the graphs back to
this process, while a remote store takes each worker's writes directly. At
most ``2 × jobs`` batches are in flight, so memory does not grow with the
input: articles are read as they are needed.
"""

from __future__ import annotations

import functools
import multiprocessing
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

from rdflib import Graph

from newsgraph import iri
from newsgraph.backends import GraphStore
from newsgraph.claims.pending import Run
from newsgraph.claims.rebuild import WHOLE_PAST, Rebuilt, claim_graphs, rebuild
from newsgraph.config import Settings
from newsgraph.store import StoreError, StoreGone, WriteOutcome
from newsgraph.validation import ShapesValidator
from newsgraph.vocab import NG

from .articles import InputProblem
from .digest import article_digest
from .extract.extractor import Extractor
from .gazetteer import Gazetteer
from .mapping import to_graph
from .model import Article, Extraction

BATCH = 16
CHANGED_KEPT = WHOLE_PAST


@dataclass(frozen=True)
class Outcome:
    article_id: str | None
    origin: str
    status: str  # created | replaced | unchanged | rejected | unreadable | skipped
    reasons: tuple[str, ...] = ()


@dataclass
class Timings:
    extract: float = 0.0
    validate: float = 0.0
    store: float = 0.0

    @property
    def total(self) -> float:
        return self.extract + self.validate + self.store

    def add(self, other: Timings) -> None:
        self.extract += other.extract
        self.validate += other.validate
        self.store += other.store


@dataclass
class LoadSummary:
    # Counts, not the outcomes themselves: a summary of millions of articles stays small.
    statuses: Counter[str] = field(default_factory=Counter)
    timings: Timings = field(default_factory=Timings)
    words: int = 0
    wall: float = 0.0  # seconds from first read to last write
    # The ids of the articles written (new or changed), for the claims to follow; past
    # CHANGED_KEPT only that there were more (the claims are then rebuilt whole).
    changed: list[str] = field(default_factory=list)
    claims: Rebuilt | None = None

    @property
    def articles(self) -> int:
        return self.statuses.total()

    def count(self, *statuses: str) -> int:
        return sum(self.statuses[s] for s in statuses)

    @property
    def failed(self) -> bool:
        return self.count("rejected", "unreadable") > 0


@dataclass(frozen=True)
class Prepared:
    """One input item after extraction and validation: a graph to write, or an outcome."""

    outcome: Outcome | None  # set when there is nothing to write (rejected, unreadable)
    article_id: str | None = None
    origin: str = ""
    graph_iri: str = ""
    ntriples: str = ""
    words: int = 0


def batched(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


@dataclass(frozen=True)
class ExtractionFailed:
    """An article the extractor or the mapping could not handle: reported, the rest goes on."""

    article: Article
    reason: str

    def __str__(self) -> str:
        return f"{self.article.origin}: {self.reason}"


def extract_graphs(items: Iterable[Article | InputProblem], extractor: Extractor, base: str,
                   timings: Timings, batch_size: int = BATCH,
                   ) -> Iterator[tuple[Article, Extraction, Graph] | InputProblem
                                 | ExtractionFailed]:
    """Extraction and mapping of a stream of articles, in spaCy-sized batches."""
    for chunk in batched(items, batch_size):
        problems = [c for c in chunk if isinstance(c, InputProblem)]
        articles = [c for c in chunk if isinstance(c, Article)]
        yield from problems
        started = time.perf_counter()
        version = extractor.version
        try:
            results: list = [(a, x, to_graph(x, base, article_digest(a, base, version)))
                             for a, x in zip(articles, extractor.pipe(articles), strict=True)]
        except Exception:  # noqa: BLE001 - one bad article must not stop the batch
            # Again one at a time, so only the article that fails is lost.
            results = [_extract_one(a, extractor, base) for a in articles]
        timings.extract += time.perf_counter() - started
        yield from results


def _extract_one(article: Article, extractor: Extractor, base: str,
                 ) -> tuple[Article, Extraction, Graph] | ExtractionFailed:
    try:
        extraction = extractor(article)
        return article, extraction, to_graph(extraction, base,
                                             article_digest(article, base, extractor.version))
    except Exception as err:  # noqa: BLE001 - reported with the article, the run goes on
        return ExtractionFailed(article, f"extraction failed ({type(err).__name__}: "
                                f"{str(err)[:200]}); the article is skipped - please report "
                                "it with the text that caused it")


def prepare(items: Iterable[Article | InputProblem], extractor: Extractor,
            validator: ShapesValidator, base: str, timings: Timings) -> Iterator[Prepared]:
    """Extract, map and validate: what the store should get for each input item."""
    for item in extract_graphs(items, extractor, base, timings):
        if isinstance(item, InputProblem):
            yield Prepared(Outcome(None, item.where, item.status, (item.message,)))
            continue
        if isinstance(item, ExtractionFailed):
            yield Prepared(Outcome(item.article.id, item.article.origin, "rejected",
                                   (item.reason,)))
            continue
        article, _extraction, graph = item
        words = len(article.text.split())
        started = time.perf_counter()
        report = validator.validate(graph)
        if not report.conforms:
            reasons = tuple(f"{f.focus}: {f.message}" + (f" (value {f.value})" if f.value else "")
                            for f in report.findings[:5])
            timings.validate += time.perf_counter() - started
            yield Prepared(Outcome(article.id, article.origin, "rejected", reasons), words=words)
            continue
        ntriples = graph.serialize(format="nt")
        timings.validate += time.perf_counter() - started
        yield Prepared(None, article.id, article.origin, str(graph.identifier), ntriples, words)


def write(prepared: Prepared, store: GraphStore, timings: Timings,
          on_outcome: Callable[[Outcome], None] | None = None) -> Outcome:
    """Write one prepared article (or pass its outcome through). A store that can no
    longer be written (StoreGone: unreachable, disk full) stops the load, since every
    later write would fail too; an article it wrote before failing is reported written
    (through ``on_outcome``) before the error goes up."""
    if prepared.outcome is not None:
        return prepared.outcome
    started = time.perf_counter()
    try:
        written: WriteOutcome = store.replace_graph(prepared.graph_iri, prepared.ntriples)
    except StoreGone as err:
        if err.written is not None and on_outcome is not None:
            on_outcome(Outcome(prepared.article_id, prepared.origin, str(err.written)))
        raise
    except StoreError as err:
        return Outcome(prepared.article_id, prepared.origin, "rejected", (str(err),))
    finally:
        timings.store += time.perf_counter() - started
    return Outcome(prepared.article_id, prepared.origin, str(written))


def stored_digests(store: GraphStore) -> dict[str, str]:
    """Article IRI -> the digest its graph was made from (digest.py), for every article."""
    found = store.query(f"SELECT ?a ?d WHERE {{ GRAPH ?a {{ ?a <{NG.extractionDigest}> ?d }} }}")
    return {row["a"].value: row["d"].value for row in found}


def unchanged_skipped(items: Iterable[Article | InputProblem], known: dict[str, str],
                      base: str, version: str, summary: LoadSummary,
                      on_outcome: Callable[[Outcome], None] | None,
                      skipped: list[str] | None = None,
                      ) -> Iterator[Article | InputProblem]:
    """The items that need work: an article whose graph was made from exactly this
    article by this extractor is reported unchanged and not extracted again (its graph
    IRI added to ``skipped``)."""
    for item in items:
        graph = iri.article(base, item.id) if isinstance(item, Article) else None
        if graph in known and known[graph] == article_digest(item, base, version):
            summary.words += len(item.text.split())
            _record(summary, Outcome(item.id, item.origin, "unchanged"), on_outcome)
            if skipped is not None:
                skipped.append(graph)
            continue
        yield item


def load(items: Iterable[Article | InputProblem], extractor: Extractor,
         validator: ShapesValidator, store: GraphStore, base: str,
         on_outcome: Callable[[Outcome], None] | None = None,
         skip_unchanged: bool = True) -> LoadSummary:
    """Load articles into the store in this process; the summary says what happened to each.
    An article the store holds as made from the same text by the same extractor is not
    extracted again.

    Raises StoreError when the store goes away: what was written stays written, whole.
    """
    summary = LoadSummary()
    began = time.perf_counter()
    skipped: list[str] = []
    run = Run(store, base)
    try:
        run.begin()
        if skip_unchanged:
            items = unchanged_skipped(items, stored_digests(store), base, extractor.version,
                                      summary, on_outcome, skipped)
        for prepared in prepare(items, extractor, validator, base, summary.timings):
            summary.words += prepared.words
            run.renew()
            _store_one(prepared, store, summary, on_outcome)
        store.rejoin(skipped)
        _claims(store, base, summary, run, skipped)
    except BaseException:
        run.stop()
        _close_after_failure(store)
        raise
    started = time.perf_counter()
    store.close()  # compacts and publishes the last snapshot for readers
    summary.timings.store += time.perf_counter() - started
    summary.wall = time.perf_counter() - began
    return summary


def load_parallel(items: Iterable[Article | InputProblem], settings: Settings,
                  shapes: Path | None, store: GraphStore, jobs: int,
                  on_outcome: Callable[[Outcome], None] | None = None,
                  worker: Callable[..., tuple[list[Prepared], Timings]] | None = None,
                  version: str | None = None) -> LoadSummary:
    """Load with ``jobs`` worker processes extracting; see the module's docstring.

    A worker that dies (killed, out of memory) takes the batches in flight with it:
    those are run again one at a time, and an article that stops a worker on its own
    is reported rejected, so the rest of the load goes on. ``worker`` replaces the
    batch function (tests). ``version`` is the workers' extractor version, for skipping
    unchanged articles (digest.py); without it every article is extracted.
    """
    summary = LoadSummary()
    began = time.perf_counter()
    prepare_batch = functools.partial(worker or _prepare_batch, settings, shapes)
    pool = _new_pool(jobs)
    pending: deque[tuple[Future, list]] = deque()
    skipped: list[str] = []
    run = Run(store, settings.base_iri)
    try:
        run.begin()
        if version is not None:
            items = unchanged_skipped(items, stored_digests(store), settings.base_iri,
                                      version, summary, on_outcome, skipped)
        for chunk in batched(items, BATCH):
            pending.append((pool.submit(prepare_batch, chunk), chunk))
            while len(pending) >= 2 * jobs:
                run.renew()
                pool = _take_batch(pending, pool, jobs, prepare_batch, store, summary,
                                   on_outcome)
        while pending:
            run.renew()
            pool = _take_batch(pending, pool, jobs, prepare_batch, store, summary, on_outcome)
        store.rejoin(skipped)
        _claims(store, settings.base_iri, summary, run, skipped)
    except BaseException:
        # Batches not yet started are dropped; a rerun loads them.
        run.stop()
        pool.shutdown(cancel_futures=True)
        _close_after_failure(store)
        raise
    pool.shutdown()
    started = time.perf_counter()
    store.close()
    summary.timings.store += time.perf_counter() - started
    summary.wall = time.perf_counter() - began
    return summary


def _claims(store: GraphStore, base: str, summary: LoadSummary, run: Run,
            skipped: list[str]) -> None:
    """Bring the claims up to date with what this load wrote (newsgraph/claims); on a
    rerun (articles skipped as unchanged), make sure the merge holds the claim graphs
    too, as it does the articles' (a writer stopped before their copy left it short)."""
    started = time.perf_counter()
    changed = None if len(summary.changed) > CHANGED_KEPT else [
        iri.article(base, article_id) for article_id in summary.changed]
    summary.claims = rebuild(store, base, Gazetteer.load(), changed, run, skipped,
                             reason=f"more than {CHANGED_KEPT:,} articles written")
    if skipped:
        store.rejoin(claim_graphs(store))
    run.end()
    summary.timings.store += time.perf_counter() - started


def _close_after_failure(store: GraphStore) -> None:
    # What was written is published if the store still can; the first error is the one
    # the user needs, not a second one from closing a store that is gone.
    try:
        store.close()
    except StoreError:
        pass


def _new_pool(jobs: int) -> ProcessPoolExecutor:
    # spawn: this process may hold the embedded store's RocksDB, which must not cross a fork.
    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"))


def _take_batch(pending: deque[tuple[Future, list]], pool: ProcessPoolExecutor, jobs: int,
                prepare_batch: Callable, store: GraphStore, summary: LoadSummary,
                on_outcome: Callable[[Outcome], None] | None) -> ProcessPoolExecutor:
    """Write the oldest batch in flight; the pool to go on with (a new one if it broke)."""
    future, chunk = pending.popleft()
    try:
        _write_results(future.result(), store, summary, on_outcome)
        return pool
    except BrokenProcessPool:
        pass
    # Every batch in flight is lost with the pool: run each again alone, so the one
    # that stops a worker is found, then its articles one by one.
    stranded = [chunk] + [c for _, c in pending]
    pending.clear()
    pool.shutdown(cancel_futures=True)
    alone = _new_pool(1)
    try:
        for lost in stranded:
            try:
                _write_results(alone.submit(prepare_batch, lost).result(), store, summary,
                               on_outcome)
                continue
            except BrokenProcessPool:
                alone.shutdown(cancel_futures=True)
                alone = _new_pool(1)
            for item in lost:
                try:
                    _write_results(alone.submit(prepare_batch, [item]).result(), store,
                                   summary, on_outcome)
                except BrokenProcessPool:
                    _record(summary, _worker_died(item), on_outcome)
                    alone.shutdown(cancel_futures=True)
                    alone = _new_pool(1)
    finally:
        alone.shutdown(cancel_futures=True)
    return _new_pool(jobs)


def _worker_died(item: Article | InputProblem) -> Outcome:
    if isinstance(item, InputProblem):
        return Outcome(None, item.where, item.status, (item.message,))
    return Outcome(item.id, item.origin, "rejected",
                   ("the worker process extracting this article stopped (killed, or out "
                    "of memory?); the other articles went on",))


def _write_results(done: tuple[list[Prepared], Timings], store: GraphStore,
                   summary: LoadSummary, on_outcome: Callable[[Outcome], None] | None) -> None:
    results, timings = done
    summary.timings.add(timings)
    for prepared in results:
        summary.words += prepared.words
        _store_one(prepared, store, summary, on_outcome)


def _store_one(prepared: Prepared, store: GraphStore, summary: LoadSummary,
               on_outcome: Callable[[Outcome], None] | None) -> None:
    record = functools.partial(_record, summary, on_outcome=on_outcome)
    record(write(prepared, store, summary.timings, record))


def _record(summary: LoadSummary, outcome: Outcome,
            on_outcome: Callable[[Outcome], None] | None) -> None:
    summary.statuses[outcome.status] += 1
    if outcome.status in ("created", "replaced") and outcome.article_id is not None \
            and len(summary.changed) <= CHANGED_KEPT:
        summary.changed.append(outcome.article_id)
    if on_outcome is not None:
        on_outcome(outcome)


# -- inside a worker process -------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _worker_setup(settings: Settings, shapes: Path | None,
                  ) -> tuple[Extractor, ShapesValidator, GraphStore | None]:
    """A worker's extractor, validator and (for a remote store, which workers write to
    themselves) writer, made once per process."""
    from newsgraph.backends import remote

    store = remote(settings) if settings.remote else None
    return Extractor.load(settings.spacy_model), ShapesValidator.from_path(shapes), store


def _prepare_batch(settings: Settings, shapes: Path | None,
          chunk: list[Article | InputProblem]) -> tuple[list[Prepared], Timings]:
    """Prepare a batch; written already (its outcome set) when the store is remote."""
    extractor, validator, store = _worker_setup(settings, shapes)
    timings = Timings()
    results = []
    for prepared in prepare(chunk, extractor, validator, settings.base_iri, timings):
        if store is not None:
            prepared = replace(prepared, outcome=write(prepared, store, timings), ntriples="")
        results.append(prepared)
    return results, timings


__all__ = ["ExtractionFailed", "LoadSummary", "Outcome", "Prepared", "Timings", "WriteOutcome",
           "batched", "extract_graphs", "load", "load_parallel", "prepare", "write"]
