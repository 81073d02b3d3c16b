"""One JSON line per request, for log collectors: written by the app after its routes,
and by the response cache for an answer it sends without them."""

from __future__ import annotations

import json
import logging
import time

log = logging.getLogger("newsgraph.endpoint")


def write(environ: dict, status: int, started: float, size: int | None,
          extra: dict) -> None:
    """Log the request of ``environ``; ``started`` is its ``time.perf_counter()``."""
    if not log.isEnabledFor(logging.INFO):
        return
    # PEP 3333 gives the path as its raw bytes in latin-1; the log shows it as sent.
    path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "replace")
    entry = {"method": environ.get("REQUEST_METHOD"), "path": path, "status": status,
             "seconds": round(time.perf_counter() - started, 4), "bytes": size,
             "client": environ.get("REMOTE_ADDR"), **extra}
    log.info(json.dumps(entry))
