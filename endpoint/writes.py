"""Writes from the web: who may make them, and the one writer they go through.

Readers never hold the database (store.py), so a write opens it for itself —
waiting a little if a load is writing — applies the change, publishes a
snapshot and lets go; the next query in any worker reads the new snapshot.
"""

from __future__ import annotations

import hmac
import multiprocessing
import time
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Response, request

from newsgraph import backends
from newsgraph.claims.pending import web_write
from newsgraph.config import Settings
from newsgraph.store import StoreError
from newsgraph.updates import UpdatePlan

from .results import plain


class WriteRefused(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}

    def __reduce__(self):
        # Sent back from an update's process (update_within): rebuilt with all it holds.
        return (WriteRefused, (self.status, self.message, self.headers))

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
        # What the write touched, the claims cannot tell: the next load rebuilds them all.
        web_write(store, settings.base_iri)
    finally:
        store.close()


# -- SPARQL Update with a time limit ------------------------------------------------------

# spawn: the web process runs threads (see executor.py).
_CONTEXT = multiprocessing.get_context("spawn")


def update_within(settings: Settings, text: str, plan: UpdatePlan, base_iri: str,
                  limit: float) -> None:
    """Run a SPARQL Update on the embedded store in a process of its own, stopped (killed)
    when it runs past ``limit`` seconds once it holds the store: then WriteRefused 503.

    pyoxigraph cannot cancel an update, and the store's write lock is held while one
    runs, so an update that joins everything with everything would otherwise keep every
    other writer (loads, other updates) out for as long as it takes. Killed, it writes
    nothing (it is one transaction) and the operating system lets go of the lock.
    Other errors are raised as ``writer`` and ``EmbeddedStore.update`` raise them.
    """
    receive, send = _CONTEXT.Pipe(duplex=False)
    process = _CONTEXT.Process(target=_update_in_child,
                               args=(send, settings, text, plan, base_iri),
                               name="newsgraph-update", daemon=True)
    process.start()
    send.close()
    try:
        # Waiting for the lock has its own limit (write_wait, in the child); the update's
        # time starts once it holds it.
        if not receive.poll(settings.write_wait + START_SECONDS):
            raise WriteRefused(503, "the store could not be opened for writing in time; try "
                               "again later", {"Retry-After": "5"})
        state = receive.recv()
        if state[0] == "holding":
            if not receive.poll(limit):
                raise WriteRefused(503, f"the update stopped after the time limit of "
                                   f"{limit:g} s and wrote nothing; narrow its WHERE clause")
            state = receive.recv()
    except EOFError:
        raise WriteRefused(500, "the update's process stopped unexpectedly; nothing was "
                           "written") from None
    finally:
        process.kill()
        process.join(timeout=5)
        receive.close()
    if state[0] == "error":
        raise state[1]


# A fresh interpreter loading pyoxigraph and the store: a second or so on a slow machine.
START_SECONDS = 15.0


def _update_in_child(send, settings: Settings, text: str, plan: UpdatePlan,
                     base_iri: str) -> None:
    try:
        with writer(settings) as store:
            send.send(("holding",))
            store.update(text, plan, base_iri=base_iri)
        send.send(("done",))
    except (WriteRefused, SyntaxError, StoreError, ValueError) as err:
        send.send(("error", err))
