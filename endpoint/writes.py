"""Writes from the web: who may make them, and the one writer they go through.

Readers never hold the database (store.py), so a write opens it for itself —
waiting a little if a load is writing — applies the change, publishes a
snapshot and lets go; the next query in any worker reads the new snapshot.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Response, request

from newsgraph import backends
from newsgraph.config import Settings
from newsgraph.store import StoreError

from .results import plain


class WriteRefused(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}

    def response(self) -> Response:
        return plain(self.status, self.message, self.headers)


def authorise(settings: Settings) -> None:
    """Raise WriteRefused unless updates are on and the request carries the bearer token:
    403 when they are off, 401 without a token, 403 with a wrong one."""
    if not settings.enable_update or not settings.update_token:
        raise WriteRefused(403, "this endpoint is read-only: SPARQL Update and Graph Store "
                           "writes are off (start the server with --enable-update)")
    token = _token()
    if not token:
        raise WriteRefused(401, "writes need 'Authorization: Bearer <token>' (or Basic, with "
                           "the token as password)",
                           {"WWW-Authenticate": 'Bearer realm="newsgraph"'})
    if not hmac.compare_digest(token.encode(), settings.update_token.encode()):
        raise WriteRefused(403, "the bearer token is not the one this server accepts",
                           {"WWW-Authenticate": 'Bearer realm="newsgraph", '
                                                'error="invalid_token"'})


def _token() -> str:
    """The bearer token, or a Basic password: SPARQLWrapper and many SPARQL clients can
    only send Basic credentials."""
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer":
        return value.strip()
    if scheme.lower() == "basic" and request.authorization is not None:
        return request.authorization.password or ""
    return ""


@contextmanager
def writer(settings: Settings) -> Iterator[backends.GraphStore]:
    """The store, open for writing, for the length of one request."""
    deadline = time.monotonic() + settings.write_wait
    while True:
        try:
            store = backends.open_writer(settings, create=False, publish_interval=0)
            break
        except StoreError as err:
            if "being written" not in str(err) or time.monotonic() > deadline:
                raise WriteRefused(503, f"{err}; try again later") from None
            time.sleep(0.05)
    try:
        yield store
    finally:
        store.close()
