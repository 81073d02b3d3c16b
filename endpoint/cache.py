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
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, Request, Response, g, has_request_context, request

from newsgraph.config import Settings
from newsgraph.store import current_snapshot

from .bodies import request_body
from .executor import Answer, Job, Runner

# Routes whose answers depend on the store and the request alone. Not here: /health
# (the pool's state), writes, the Graph Store Protocol (whole graphs), static files.
CACHED_BLUEPRINTS = frozenset({"sparql", "home", "browse", "search", "dataset", "resources",
                               "vocabulary"})
QUERY_MEDIA = frozenset({"application/x-www-form-urlencoded", "application/sparql-query"})


@dataclass(frozen=True)
class Kept:
    """What is needed to answer again: status, headers and body."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def response(self) -> Response:
        return Response(self.body, status=self.status, headers=list(self.headers))


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


def request_key(req: Request, max_body_bytes: int) -> str | None:
    """What of the request an answer depends on, or None for a request not kept."""
    if req.blueprint not in CACHED_BLUEPRINTS:
        return None
    parts = [req.url_root, req.full_path, req.headers.get("Accept", "")]
    if req.method in ("GET", "HEAD"):
        parts.insert(0, "GET")  # HEAD is GET without the body, which werkzeug drops
    elif req.method == "POST" and req.blueprint == "sparql" and req.mimetype in QUERY_MEDIA:
        body = request_body(max_body_bytes)
        parts += ["POST", req.mimetype, hashlib.sha256(body).hexdigest()]
    else:
        return None
    return "\x00".join(parts)


def install(app: Flask, settings: Settings) -> ResponseCache | None:
    """Serve kept answers before the routes run, and keep the new ones after."""
    if settings.remote or settings.cache_mb <= 0:
        return None
    cache = ResponseCache(settings.cache_mb * 1024 * 1024)
    store = Path(settings.store_path)

    @app.before_request
    def from_cache() -> Response | None:
        key = request_key(request, settings.max_body_bytes)
        snapshot = current_snapshot(store) if key is not None else None
        if key is None or snapshot is None:
            return None
        g.cache_key = (snapshot, key)
        kept = cache.get(snapshot, key)
        if kept is None:
            return None
        g.cache_hit = True
        g.query_log = {"cache": "hit", "snapshot": snapshot}
        return kept.response()

    @app.after_request
    def to_cache(response: Response) -> Response:
        found = g.get("cache_key")
        if found is None or g.get("cache_hit") or response.status_code != 200 or \
                response.is_streamed:
            return response
        snapshot, key = found
        if g.get("answered_by", set()) - {snapshot}:
            return response  # some query read another snapshot: not this key's answer
        body = response.get_data()
        headers = tuple((k, v) for k, v in response.headers.items()
                        if k.lower() != "content-length")
        cache.put(snapshot, key, Kept(response.status_code, headers, body))
        return response

    return cache
