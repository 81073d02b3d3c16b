"""Answers served again from memory while the store's snapshot stays the same.

A published snapshot never changes, so a page or a query result made from it is
the same for the same request until the next one is published. Each web worker
keeps the answers it made, keyed by the snapshot and by everything of the request
an answer depends on (method, URL with its host, Accept, and a POSTed query's
body), within a bound in bytes, least recently used first out; it drops them all
when it sees a newer snapshot. Only an answer made wholly from the snapshot of its
key is kept: each query reports the snapshot that answered it, and the request's
answers must all name that one. A remote store has no snapshots: nothing is kept.
"""

from __future__ import annotations

import hashlib
import io
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, Response, g, has_request_context, request

from newsgraph.config import Settings
from newsgraph.store import current_snapshot

from . import request_log
from .executor import Answer, Job, Runner

# Routes whose answers depend on the store and the request alone. Not here: /health
# (the pool's state), writes, the Graph Store Protocol (whole graphs), static files.
CACHED_BLUEPRINTS = frozenset({"sparql", "home", "browse", "claims", "search", "dataset",
                               "resources", "vocabulary"})
QUERY_MEDIA = frozenset({"application/x-www-form-urlencoded", "application/sparql-query"})


@dataclass(frozen=True)
class Kept:
    """An answer as it was sent: status line, headers (the final ones, with every
    after-request header added) and body."""

    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


class ResponseCache:
    """Answers of one snapshot, at most ``max_bytes`` of them; thread-safe."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        # One answer may take an eighth of the room: a huge result would evict the rest.
        self.max_entry = max_bytes // 8
        self._entries: OrderedDict[str, Kept] = OrderedDict()
        self._bytes = 0
        self._snapshot: str | None = None
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, snapshot: str, key: str) -> Kept | None:
        with self._lock:
            self._follow(snapshot)
            kept = self._entries.get(key)
            if kept is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return kept

    def put(self, snapshot: str, key: str, kept: Kept) -> bool:
        size = len(kept.body) + len(key)
        if size > self.max_entry:
            return False
        with self._lock:
            self._follow(snapshot)
            if snapshot != self._snapshot or key in self._entries:
                return False
            self._entries[key] = kept
            self._bytes += size
            while self._bytes > self.max_bytes:
                old_key, old = self._entries.popitem(last=False)
                self._bytes -= len(old.body) + len(old_key)
            return True

    def _follow(self, snapshot: str) -> None:
        # Snapshots are numbered in order: a request that read the pointer just before a
        # newer one was published must not bring the cache back to the older one.
        if self._snapshot is None or snapshot > self._snapshot:
            self._entries.clear()
            self._bytes = 0
            self._snapshot = snapshot

    @property
    def size(self) -> tuple[int, int]:
        """(answers kept, bytes)."""
        with self._lock:
            return len(self._entries), self._bytes


class SnapshotRecorder(Runner):
    """The pool, noting in the request which snapshot answered each of its queries."""

    def __init__(self, pool: Runner) -> None:
        self.pool = pool

    def run(self, job: Job, timeout: float | None = None,
            gone: Callable[[], bool] | None = None) -> Answer:
        answer = self.pool.run(job, timeout, gone)
        if has_request_context():
            g.setdefault("answered_by", set()).add(answer.snapshot)
        return answer

    def ready(self) -> int | None:
        return self.pool.ready()

    def close(self) -> None:
        self.pool.close()


def request_key(environ: dict, max_body_bytes: int) -> str | None:
    """What of the request an answer depends on, read from the raw WSGI environ (no
    request object is built for an answer served again), or None for a request that is
    not kept. A POSTed query's body is read here and put back for the app to read."""
    method = environ.get("REQUEST_METHOD", "")
    parts = [environ.get("wsgi.url_scheme", ""),
             environ.get("HTTP_HOST") or
             f"{environ.get('SERVER_NAME', '')}:{environ.get('SERVER_PORT', '')}",
             environ.get("SCRIPT_NAME", ""), environ.get("PATH_INFO", ""),
             environ.get("QUERY_STRING", ""), environ.get("HTTP_ACCEPT", "")]
    if method in ("GET", "HEAD"):
        # HEAD is GET without the body, which the server drops.
        return "\x00".join(["GET", *parts])
    if method != "POST":
        return None
    media = environ.get("CONTENT_TYPE", "").partition(";")[0].strip().lower()
    try:
        length = int(environ.get("CONTENT_LENGTH") or "")
    except ValueError:
        return None  # chunked: read, bounded, by the route (bodies.py), and not kept
    if media not in QUERY_MEDIA or not 0 <= length <= max_body_bytes:
        return None
    body = environ["wsgi.input"].read(length)
    environ["wsgi.input"] = io.BytesIO(body)
    if len(body) < length:
        return None  # the client hung up: the app finds the body short and says so
    return "\x00".join(["POST", *parts, media, hashlib.sha256(body).hexdigest()])


# Set in the environ for the app: the snapshot of a request the cache may keep, and,
# by the app after its routes ran, that this answer may be kept.
SNAPSHOT = "newsgraph.cache.snapshot"
KEEP = "newsgraph.cache.keep"
# RFC 9211's header, so that a client (or a benchmark's warm-up) can tell an answer sent
# again from one made now; not part of what is kept.
HIT = ("Cache-Status", "newsgraph; hit")
MISS = ("Cache-Status", "newsgraph; fwd=miss")


class CachedAnswers:
    """WSGI middleware in front of the app: a kept answer is sent from the raw environ,
    without the app's request cycle (which costs more than the lookup itself); a new
    answer the app marks as keepable is kept as it was sent."""

    def __init__(self, app: Callable, cache: ResponseCache, store: Path,
                 max_body_bytes: int) -> None:
        self.app = app
        self.cache = cache
        self.store = store
        self.max_body_bytes = max_body_bytes

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        started = time.perf_counter()
        key = request_key(environ, self.max_body_bytes)
        snapshot = current_snapshot(self.store) if key is not None else None
        if key is None or snapshot is None:
            return self.app(environ, start_response)
        kept = self.cache.get(snapshot, key)
        head = environ.get("REQUEST_METHOD") == "HEAD"
        if kept is not None:
            start_response(kept.status, [*kept.headers, HIT])
            request_log.write(environ, int(kept.status[:3]), started, len(kept.body),
                              {"cache": "hit", "snapshot": snapshot})
            return [] if head else [kept.body]
        environ[SNAPSHOT] = snapshot
        sent: list = []

        def noted(status: str, headers: list, exc_info=None):
            sent[:] = [status, list(headers)]
            return start_response(status, [*headers, MISS], exc_info)

        answer = self.app(environ, noted)
        if head or not environ.get(KEEP) or not sent:
            return answer
        try:
            body = b"".join(answer)
        finally:
            close = getattr(answer, "close", None)
            if close is not None:
                close()
        self.cache.put(snapshot, key, Kept(sent[0], tuple(sent[1]), body))
        return [body]


def install(app: Flask, settings: Settings) -> ResponseCache | None:
    """Serve kept answers in front of the app, and mark the answers it may keep."""
    if settings.remote or settings.cache_mb <= 0:
        return None
    cache = ResponseCache(settings.cache_mb * 1024 * 1024)

    @app.after_request
    def keepable(response: Response) -> Response:
        snapshot = request.environ.get(SNAPSHOT)
        if snapshot is None or request.blueprint not in CACHED_BLUEPRINTS or \
                (request.method == "POST" and request.blueprint != "sparql") or \
                response.status_code != 200 or response.is_streamed:
            return response
        if g.get("answered_by", set()) - {snapshot}:
            return response  # some query read another snapshot: not this key's answer
        request.environ[KEEP] = True
        return response

    app.wsgi_app = CachedAnswers(app.wsgi_app, cache, Path(settings.store_path),
                                 settings.max_body_bytes)
    return cache
