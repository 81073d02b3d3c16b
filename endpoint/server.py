"""Run the app under gunicorn, the production WSGI server.

Several worker processes serve HTTP with threads; each has its own pool of
query executor processes (executor.py) reading the store's newest snapshot.
"""

from __future__ import annotations

import logging

from gunicorn.app.base import BaseApplication

from newsgraph.config import Settings

from .app import close_app, create_app


class _Gunicorn(BaseApplication):
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        super().__init__()

    def load_config(self) -> None:
        s = self.settings
        self.cfg.set("bind", f"{s.host}:{s.port}")
        self.cfg.set("workers", s.http_workers)
        self.cfg.set("worker_class", "gthread")
        self.cfg.set("threads", s.workers_threads)
        # A request may wait a whole query timeout for its executor; gunicorn must not
        # take the worker for a hung one meanwhile.
        self.cfg.set("timeout", int(s.query_timeout) + 30)
        # The app logs one JSON line per request, with the query's time (app.py).
        self.cfg.set("accesslog", None)
        self.cfg.set("errorlog", "-")
        self.cfg.set("loglevel", "info")
        self.cfg.set("proc_name", "newsgraph")
        # No control socket: several servers (tests, users) must coexist on one machine.
        self.cfg.set("control_socket_disable", True)
        self.cfg.set("worker_exit", _close_query_pool)

    def load(self):
        # Built in each worker, after the fork: executors must be the worker's children.
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger = logging.getLogger("newsgraph")
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        return create_app(self.settings)


def _close_query_pool(_arbiter, worker) -> None:
    # The executors are the worker's children: a worker that exits (shutdown, restart
    # after a crash) stops them rather than leaving them to the operating system.
    app = getattr(worker, "wsgi", None)
    if app is not None:
        close_app(app)


def serve(settings: Settings) -> None:
    _Gunicorn(settings).run()
