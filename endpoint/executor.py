"""Queries run in worker processes that can be killed, so a runaway query really stops.

pyoxigraph has no way to cancel a query that is running, and a thread cannot be
killed, so a timeout inside the web process would only stop *waiting*: the
query would go on burning a core. Each query is instead sent to one of a pool
of executor processes, each with its own read-only view of the store's newest
snapshot (or its own client of a remote store, which answers the query); when
the timeout passes the executor is killed (its CPU use ends at once), replaced
in the background, and the request is answered 503.

Executors also serialise the result, in the format the client negotiated,
into a buffer with a size cap: a result that would pass the cap stops there
instead of filling memory.

``InlinePool`` answers the same jobs in the calling process, with the same
caps and errors but no timeout (nothing can stop a query there): for tests
and for embedding the app where no stranger sends queries, never for a public
server.
"""

from __future__ import annotations

import io
import json
import logging
import multiprocessing
import os
import queue
import sys
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection

from newsgraph import backends
from newsgraph.config import Settings
from newsgraph.sparqlprologue import explain
from newsgraph.store import StoreError

log = logging.getLogger("newsgraph.endpoint")

# Not fork: the web process runs threads, and a RocksDB handle must not cross a fork.
# A fork server is a fresh single-threaded process that imports this module once and
# forks each executor from itself: an executor starts in milliseconds instead of the
# half second its imports take when spawned (times eight at start-up, and again for
# each replacement after a kill), and shares those modules' memory.
_CONTEXT = multiprocessing.get_context("forkserver")
_PRELOAD = ["newsgraph.endpoint.executor"]


def _fork_server_running() -> None:
    """Start the fork server if it is not running, with the working directory off its
    import path. Python 3.11's fork server ignores the parent's sys.path and puts the
    working directory first, where a checkout's newsgraph/ folder (the README runs
    `serve` from the repository root) hides the installed package and its endpoint;
    PYTHONSAFEPATH leaves the working directory out. Set only while it starts."""
    from multiprocessing import forkserver

    _CONTEXT.set_forkserver_preload(_PRELOAD)
    previous = os.environ.get("PYTHONSAFEPATH")
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        forkserver.ensure_running()
    finally:
        if previous is None:
            os.environ.pop("PYTHONSAFEPATH", None)
        else:
            os.environ["PYTHONSAFEPATH"] = previous
# How often a running query is looked at: client still there, memory under the ceiling.
POLL_SECONDS = 0.1
# Longest wait for a new executor to be ready (modules loaded, store open).
START_WAIT_SECONDS = 60.0
# How often an idle executor lets go of a superseded snapshot.
IDLE_REFRESH_SECONDS = 30.0
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(frozen=True)
class Job:
    """One query, with what the executor needs to run and serialise it."""

    query: str
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    base_iri: str | None = None
    accept: str = ""  # the client's Accept header
    format_param: str | None = None  # the `format` request parameter
    # False for the server's own page queries: a page bounds what it asks for, and the
    # client-facing --max-result-bytes would turn a big store's page into an error (the
    # executor's memory ceiling still holds).
    capped: bool = True


@dataclass(frozen=True)
class Answer:
    status: int  # 200, or the HTTP status of the error
    body: bytes  # the serialised result, or the error message
    media: str  # the result's media type ("text/plain" for errors)
    seconds: float  # time the executor spent
    snapshot: str | None = None  # which snapshot answered


class Unavailable(Exception):
    """A query not answered now, through no fault of its text: the HTTP status, the
    message and the seconds after which to try again (Retry-After) for the client."""

    status = 503

    def __init__(self, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after
        self.killed = False  # whether an executor was killed to stop the query
        self.replaced: threading.Event | None = None  # set when its replacement is ready


class QueryTimeout(Unavailable):
    """The query ran to its time limit; its executor was killed."""


class PoolBusy(Unavailable):
    """No executor came free in time."""


class OverMemory(Unavailable):
    """The query's executor grew past the memory ceiling; it was killed."""


class ClientGone(Unavailable):
    """The client hung up while its query waited or ran; the query was dropped or killed."""


class Runner(ABC):
    """What the routes need of a pool: run a job, or a SELECT for a page, and close."""

    @abstractmethod
    def run(self, job: Job, timeout: float | None = None,
            gone: Callable[[], bool] | None = None) -> Answer:
        """Answer a job; an error is an answer with its HTTP status. ``gone`` tells
        whether the client has hung up, so its query can be dropped."""

    def rows(self, query: str, timeout: float | None = None) -> list[dict[str, dict]]:
        """SELECT results as SPARQL JSON bindings, for server-rendered pages."""
        answer = self.run(Job(query, accept="application/sparql-results+json", capped=False),
                          timeout)
        if answer.status in (502, 503):  # the store did not answer: the page cannot either
            raise Unavailable(answer.body.decode("utf-8", "replace").strip())
        if answer.status != 200:
            raise RuntimeError(answer.body.decode("utf-8", "replace"))
        return json.loads(answer.body)["results"]["bindings"]

    def ready(self) -> int | None:
        """How many executors can answer now; None where there are none to start."""
        return None

    @abstractmethod
    def close(self) -> None:
        """Let go of the processes or the store reader."""


class QueryPool(Runner):
    """A fixed number of executor processes over the store the settings name."""

    @classmethod
    def from_settings(cls, settings: Settings) -> QueryPool:
        return cls(settings, settings.query_workers, settings.query_timeout,
                   settings.max_result_bytes)

    def __init__(self, settings: Settings, size: int, timeout: float,
                 max_result_bytes: int) -> None:
        self.settings = settings
        self.size = size
        self.timeout = timeout
        self.max_result_bytes = max_result_bytes
        self.memory_ceiling = settings.executor_memory_mb * 1024 * 1024
        self._idle: queue.Queue[_Executor] = queue.Queue()
        self._closed = False
        self._executors: set[_Executor] = set()
        self._lock = threading.Lock()
        for _ in range(size):
            self._idle.put(self._start())

    def _start(self) -> _Executor:
        executor = _Executor.start(self.settings, self.max_result_bytes)
        with self._lock:
            self._executors.add(executor)
        return executor

    def ready(self) -> int | None:
        """How many executors can answer now (the others are still loading their modules
        and opening the store, at start-up or after a kill)."""
        with self._lock:
            return sum(1 for e in self._executors if e.ready.is_set())

    def run(self, job: Job, timeout: float | None = None,
            gone: Callable[[], bool] | None = None) -> Answer:
        """Run a job. Raises PoolBusy when no executor comes free within the queue wait,
        and QueryTimeout, OverMemory or ClientGone (``gone()`` turned true: the client
        hung up) when the query is stopped; a running one is stopped by killing its
        executor, which is replaced in the background."""
        limit = self.timeout if timeout is None else timeout
        executor = self._take(min(limit, self.settings.queue_wait), gone)
        try:
            answer = executor.ask(job, time.monotonic() + limit, gone, self.memory_ceiling)
        except Unavailable as err:
            err.killed = True
            err.replaced = self._retire(executor)
            raise
        except (EOFError, OSError, BrokenPipeError) as err:
            # The executor died (a crash): replace it, answer 500.
            log.error("query worker died: %s", err)
            self._retire(executor)
            return Answer(500, b"the query worker stopped unexpectedly; try again\n",
                          "text/plain", 0.0)
        self._idle.put(executor)
        return answer

    def _take(self, wait: float, gone: Callable[[], bool] | None) -> _Executor:
        # Waiting in slices, so a request whose client hung up leaves the queue at once
        # instead of taking an executor for nobody.
        deadline = time.monotonic() + wait
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise PoolBusy(f"every query worker stayed busy for {wait:g} s",
                               retry_after=max(1, round(wait)))
            try:
                return self._idle.get(timeout=min(POLL_SECONDS, remaining))
            except queue.Empty:
                if gone is not None and gone():
                    raise ClientGone("the client went away while its query waited") from None

    def _retire(self, executor: _Executor) -> threading.Event:
        executor.kill()
        with self._lock:
            self._executors.discard(executor)
        return self._replace_later()

    def _replace_later(self) -> threading.Event:
        """Start a replacement in the background (a second or more: not on the request's
        time); the event is set once it is ready to answer."""
        settled = threading.Event()

        def replace() -> None:
            try:
                if not self._closed:
                    executor = self._start()
                    # Offered only once it can answer: a request given a starting executor
                    # would wait seconds for it while others stand idle.
                    executor.ready.wait(START_WAIT_SECONDS)
                    self._idle.put(executor)
            finally:
                settled.set()

        threading.Thread(target=replace, daemon=True).start()
        return settled

    def close(self) -> None:
        self._closed = True
        # Busy ones too: a worker that exits must not leave a query running behind it.
        with self._lock:
            executors, self._executors = list(self._executors), set()
        for executor in executors:
            executor.kill()
        while True:
            try:
                self._idle.get_nowait()
            except queue.Empty:
                return


class InlinePool(Runner):
    """Answers jobs in this process, one at a time, from one reader of the store."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._reader: backends.GraphStore | None = None
        self._lock = threading.Lock()

    def run(self, job: Job, timeout: float | None = None,
            gone: Callable[[], bool] | None = None) -> Answer:
        with self._lock:
            self._reader, answer = answer_job(self._reader, job, self.settings,
                                              self.settings.max_result_bytes)
        return answer

    def close(self) -> None:
        with self._lock:
            self._reader = None


class _Executor:
    def __init__(self, process: multiprocessing.process.BaseProcess, conn: Connection,
                 ready) -> None:
        self.process = process
        self.conn = conn
        self.ready = ready  # set by the process once it can answer (modules in, store open)

    @classmethod
    def start(cls, settings: Settings, max_result_bytes: int) -> _Executor:
        _fork_server_running()
        parent, child = _CONTEXT.Pipe()
        ready = _CONTEXT.Event()
        process = _CONTEXT.Process(target=_serve,
                                   args=(child, settings, max_result_bytes, ready),
                                   name="newsgraph-query", daemon=True)
        process.start()
        child.close()
        return cls(process, parent, ready)

    def ask(self, job: Job, deadline: float, gone: Callable[[], bool] | None = None,
            memory_ceiling: int = 0) -> Answer:
        """The executor's answer, watched every POLL_SECONDS: past the deadline, past the
        memory ceiling (bytes resident; 0: none) or once ``gone()`` is true, the query is
        stopped by an exception (the caller kills the executor)."""
        self.conn.send(job)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise QueryTimeout("the query ran to the time limit")
            if self.conn.poll(min(POLL_SECONDS, remaining)):
                return self.conn.recv()
            if memory_ceiling and resident_bytes(self.process.pid) > memory_ceiling:
                raise OverMemory(f"the query needed more than {memory_ceiling // 2**20:,} MB "
                                 "of memory, the limit for one query; narrow it or add a "
                                 "LIMIT", retry_after=None)
            if gone is not None and gone():
                raise ClientGone("the client went away while its query ran")

    def kill(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


def resident_bytes(pid: int) -> int:
    """Memory a process holds in RAM (Linux's /proc); 0 where that cannot be read, so
    the ceiling is not enforced there."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


# -- answering a job: in an executor process, or in this one ---------------------------


class _ResultTooLarge(Exception):
    pass


class _Capped(io.RawIOBase):
    """A write buffer that refuses to grow past its cap."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.buffer = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        if len(self.buffer) + len(data) > self.cap:
            raise _ResultTooLarge()
        self.buffer += data
        return len(data)


def answer_job(reader: backends.GraphStore | None, job: Job, settings: Settings,
               max_result_bytes: int) -> tuple[backends.GraphStore | None, Answer]:
    """Run one job on the store's newest state: the reader to use next time (opened on
    first use), and the answer, an error being an answer with its HTTP status."""
    from werkzeug.datastructures import MIMEAccept
    from werkzeug.http import parse_accept_header

    from .results import NotAcceptable, choose_format

    # A remote answer is read with the same cap as the result we serialise from it.
    cap = max_result_bytes if job.capped else None
    limit = {"max_bytes": cap} if settings.remote and cap is not None else {}
    started = time.perf_counter()
    try:
        if reader is None:
            reader = backends.open_reader(settings)
        else:
            reader.refresh()
        result = reader.query(job.query, default_graph=job.default_graphs,
                              named_graphs=job.named_graphs, base_iri=job.base_iri, **limit)
        accept = parse_accept_header(job.accept, MIMEAccept)
        media, fmt = choose_format(result, accept, job.format_param)
        out = _Capped(sys.maxsize if cap is None else cap)
        result.serialize(out, format=fmt)
        answer = Answer(200, bytes(out.buffer), media, time.perf_counter() - started,
                        reader.snapshot)
    except SyntaxError as err:
        if settings.remote:
            # The engine's own words stay in the log; the position is found by rdflib.
            log.warning("the store refused a query as malformed: %s", err)
            answer = _error(400, f"malformed query: {explain(job.query, '')}", started)
        else:
            answer = _error(400, f"malformed query: {explain(job.query, str(err))}", started)
    except NotAcceptable as err:
        answer = _error(406, str(err), started)
    except _ResultTooLarge:
        answer = _error(400, f"the result is larger than the limit of "
                        f"{max_result_bytes:,} bytes; add a LIMIT or ask for less", started)
    except StoreError as err:
        if settings.remote:
            # The engine behind this endpoint is nobody's business but the operator's: its
            # address and its own words go to the log, not to the client.
            log.warning("the store failed a query: %s", err)
            answer = _error(503, "the store behind this endpoint did not answer; try again "
                            "later", started)
        else:
            answer = _error(503, str(err), started)
    except OSError as err:
        # A SERVICE call that failed. Whether the address did not resolve, refused the
        # connection or timed out is not told: that would make this endpoint a scanner
        # of whatever the allow-list's names lead to.
        log.warning("a SERVICE call failed: %s", err)
        answer = _error(502, "a SERVICE call got no usable answer from its endpoint",
                        started)
    except (ValueError, RuntimeError) as err:
        answer = _error(400, f"query failed: {err}", started)
    return reader, answer


# The engine parses and evaluates recursively, a level of its stack per operator of a
# chain: 3,000 BINDs or 10,000 UNIONs in a row overflowed the main thread's 8 MB and
# killed the executor. Queries are capped in length (max_query_length), and 512 MB is
# more than a capped query can use; it is address space, taken only as it is touched.
EXECUTOR_STACK_BYTES = 512 * 1024 * 1024
WARM_UP = "SELECT ?t (COUNT(?s) AS ?n) WHERE { ?s a ?t } GROUP BY ?t"


def _serve(conn: Connection, settings: Settings, max_result_bytes: int, ready) -> None:
    threading.stack_size(EXECUTOR_STACK_BYTES)
    worker = threading.Thread(target=_answer_jobs,
                              args=(conn, settings, max_result_bytes, ready),
                              name="newsgraph-query-stack")
    worker.start()
    worker.join()


def _answer_jobs(conn: Connection, settings: Settings, max_result_bytes: int, ready) -> None:
    reader: backends.GraphStore | None = None
    try:
        # Opened, and one query answered, before the first request: being ready means
        # answering as fast as ever (the first query pays for the engine's first reads).
        reader = backends.open_reader(settings)
        reader.query(WARM_UP)
    except (StoreError, OSError, ValueError, SyntaxError):
        pass  # each job tries again and answers why it cannot (answer_job)
    ready.set()
    while True:
        try:
            if not conn.poll(IDLE_REFRESH_SECONDS):
                # Idle: move to the newest snapshot anyway, so that the one held since the
                # last query can be deleted (store.py) instead of filling the disk.
                if reader is not None:
                    try:
                        reader.refresh()
                    except StoreError:
                        pass
                continue
            job: Job = conn.recv()
        except (EOFError, OSError):
            return
        reader, answer = answer_job(reader, job, settings, max_result_bytes)
        conn.send(answer)


def _error(status: int, message: str, started: float) -> Answer:
    return Answer(status, (message.rstrip() + "\n").encode("utf-8"), "text/plain",
                  time.perf_counter() - started)
