"""What every route reads from the running app: its settings and its query pool."""

from __future__ import annotations

import select
import socket
from collections.abc import Callable

from flask import current_app, has_request_context, request

from newsgraph.config import Settings

from .admission import Admitted, client_key
from .executor import Runner

POOL_KEY = "newsgraph.pool"
ADMISSION_KEY = "newsgraph.admission"
CACHE_KEY = "newsgraph.cache"
SETTINGS_KEY = "NEWSGRAPH"


def pool() -> Runner:
    """The query pool as the current request's client may use it: within its budgets,
    and dropping its query if it hangs up. Outside a request, the pool itself."""
    runner = current_app.extensions[POOL_KEY]
    if not has_request_context():
        return runner
    return Admitted(runner, current_app.extensions[ADMISSION_KEY],
                    client_key(request.remote_addr), hung_up(request.environ))


def hung_up(environ: dict) -> Callable[[], bool] | None:
    """A test of whether the request's client has closed its connection, where the server
    gives the socket (gunicorn does); None where it does not.

    The body has been read by the time a query runs, so a readable socket that yields no
    bytes has been closed by the client; bytes mean a next request, not a hang-up.
    """
    sock = environ.get("gunicorn.socket")
    if not isinstance(sock, socket.socket):
        return None

    def closed() -> bool:
        try:
            readable, _, _ = select.select([sock], [], [], 0)
            if not readable:
                return False
            return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
        except (BlockingIOError, InterruptedError):
            return False
        except (OSError, ValueError):
            return True

    return closed


def settings() -> Settings:
    return current_app.config[SETTINGS_KEY]
