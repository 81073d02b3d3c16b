"""Who may run a query now: the per-client budgets and the bounded queue of a public endpoint.

What Wikidata's query service does, for the same reason: a few clients must not
be able to take every executor from everyone else. Each client (an IP address;
an IPv6 /64, which one subscriber usually holds whole) may have a few queries
running or waiting at once, and a budget of executor seconds per minute; past
either it gets 429 with Retry-After. All clients together may have a bounded
number of queries waiting for an executor; past that a request gets 503 with
Retry-After at once, instead of waiting for a timeout.

The counts live in each web worker process: with N workers a client may get up to
N times the limits.
"""

from __future__ import annotations

import ipaddress
import math
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from newsgraph.config import Settings

from .executor import Answer, Job, Runner, Unavailable

WINDOW = 60.0  # seconds over which a client's executor time is counted
# What killing and restarting an executor costs, charged to the client that made it
# necessary (a query abandoned or stopped): it is paid by everyone else otherwise.
RESTART_SECONDS = 5.0


# Longest a place is kept for an executor being restarted.
KEEP_PLACE_SECONDS = 60.0


class Place:
    """A client's place for one query: charge what it cost, and keep the place until an
    event when the query took an executor out of service (killed, restarting), so
    that one client can never have more executors busy or restarting than its limit."""

    def __init__(self, charge: Callable[[float], None]) -> None:
        self.charge = charge
        self.until: threading.Event | None = None

    def keep_until(self, event: threading.Event) -> None:
        self.until = event


class Refused(Unavailable):
    """A request over a limit, refused before it waits."""

    def __init__(self, status: int, message: str, retry_after: int) -> None:
        super().__init__(message, retry_after)
        self.status = status


@dataclass(frozen=True)
class Limits:
    executors: int
    queue_size: int
    client_concurrent: int
    client_seconds: float

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        return cls(settings.query_workers, settings.queue_size, settings.client_concurrent,
                   settings.client_seconds)


class Admission:
    """The counts behind the limits, shared by a web worker's request threads."""

    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self._lock = threading.Lock()
        self._active: Counter[str] = Counter()  # queries running or waiting, per client
        self._spent: dict[str, deque[tuple[float, float]]] = {}  # (when, seconds)
        self._in_flight = 0
        self._swept = clock()

    @contextmanager
    def admit(self, client: str) -> Iterator[Place]:
        """Hold a place for one query of ``client``, given back when the block ends (or
        later: ``Place.keep_until``). Raises Refused past a limit."""
        limits = self.limits
        with self._lock:
            now = self._clock()
            spent = self._recent(client, now)
            if spent >= limits.client_seconds:
                raise Refused(429, f"this client used {spent:.0f} s of query time in the last "
                              f"minute, its budget is {limits.client_seconds:g} s; slow down",
                              self._retry_after(client, now))
            if self._active[client] >= limits.client_concurrent:
                raise Refused(429, f"this client already has {self._active[client]} queries "
                              f"running or waiting, the most allowed at once; wait for "
                              f"them", 1)
            if self._in_flight >= limits.executors + limits.queue_size:
                raise Refused(503, f"the server is busy: {limits.queue_size} queries are "
                              "waiting already; try again shortly", 2)
            self._active[client] += 1
            self._in_flight += 1
        place = Place(lambda seconds: self._charge(client, seconds))
        try:
            yield place
        finally:
            if place.until is None:
                self._leave(client)
            else:
                threading.Thread(target=self._leave_when, args=(client, place.until),
                                 daemon=True).start()

    def _leave_when(self, client: str, until: threading.Event) -> None:
        until.wait(KEEP_PLACE_SECONDS)
        self._leave(client)

    def _leave(self, client: str) -> None:
        with self._lock:
            self._active[client] -= 1
            if not self._active[client]:
                del self._active[client]
            self._in_flight -= 1

    def _charge(self, client: str, seconds: float) -> None:
        with self._lock:
            self._spent.setdefault(client, deque()).append((self._clock(), seconds))

    def _recent(self, client: str, now: float) -> float:
        # Forget charges older than the window: this client's at every request, every
        # client's once a window (so the table does not grow with every address ever
        # seen, and a request does not pay for a walk over all of them).
        full = now - self._swept > WINDOW
        if full:
            self._swept = now
        names = list(self._spent) if full else [client]
        for name in names:
            charges = self._spent.get(name)
            if charges is None:
                continue
            while charges and charges[0][0] <= now - WINDOW:
                charges.popleft()
            if not charges:
                del self._spent[name]
        return sum(seconds for _, seconds in self._spent.get(client, ()))

    def _retry_after(self, client: str, now: float) -> int:
        # When enough of the window's charges have expired to be under the budget again.
        charges = self._spent.get(client, deque())
        total = sum(seconds for _, seconds in charges)
        for when, seconds in charges:
            total -= seconds
            if total < self.limits.client_seconds:
                return max(1, math.ceil(when + WINDOW - now))
        return 1


class ConnectionRate:
    """New connections per client per second, as a token bucket: ``rate`` a second, up to
    ``rate`` at once. Read and written by one thread (a server's accept loop)."""

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, when)
        self._swept = clock()

    def allow(self, client: str) -> bool:
        now = self._clock()
        if now - self._swept > WINDOW:
            # Full buckets say nothing: forget them, so the table stays small.
            self._buckets = {k: v for k, v in self._buckets.items()
                             if v[0] + (now - v[1]) * self.rate < self.rate}
            self._swept = now
        tokens, when = self._buckets.get(client, (self.rate, now))
        tokens = min(self.rate, tokens + (now - when) * self.rate)
        if tokens < 1:
            self._buckets[client] = (tokens, now)
            return False
        self._buckets[client] = (tokens - 1, now)
        return True


def client_key(address: str | None) -> str:
    """The client a request counts for: its IP address, or the /64 of an IPv6 address."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return address or "unknown"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


class Admitted(Runner):
    """The pool as one request's client sees it: each query admitted, charged, and dropped
    if the client hangs up."""

    def __init__(self, pool: Runner, admission: Admission, client: str,
                 gone: Callable[[], bool] | None) -> None:
        self.pool = pool
        self.admission = admission
        self.client = client
        self.gone = gone

    def run(self, job: Job, timeout: float | None = None,
            gone: Callable[[], bool] | None = None) -> Answer:
        with self.admission.admit(self.client) as place:
            started = time.monotonic()
            try:
                answer = self.pool.run(job, timeout, gone or self.gone)
            except Unavailable as err:
                # A query stopped on its way (time limit, memory, client gone) held an
                # executor until then and cost a restart, and holds its place until the
                # new executor is up; one that never got an executor cost nothing.
                if err.killed:
                    place.charge(time.monotonic() - started + RESTART_SECONDS)
                    if err.replaced is not None:
                        place.keep_until(err.replaced)
                raise
            place.charge(answer.seconds)
            return answer

    def close(self) -> None:
        self.pool.close()
