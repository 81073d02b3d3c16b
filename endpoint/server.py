"""Run the app under gunicorn, the production WSGI server.

One worker process owns the on-disk store (RocksDB allows one read-write
process); its threads serve requests concurrently, and pyoxigraph queries
run without holding the GIL.
"""

from __future__ import annotations

from gunicorn.app.base import BaseApplication

from newsgraph.config import Settings

from .app import create_app


class _Gunicorn(BaseApplication):
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        super().__init__()

    def load_config(self) -> None:
        s = self.settings
        self.cfg.set("bind", f"{s.host}:{s.port}")
        self.cfg.set("workers", 1)
        self.cfg.set("worker_class", "gthread")
        self.cfg.set("threads", s.workers_threads)
        self.cfg.set("accesslog", "-")
        self.cfg.set("errorlog", "-")
        self.cfg.set("loglevel", "info")
        self.cfg.set("proc_name", "newsgraph")
        # No control socket: several servers (tests, users) must coexist on one machine.
        self.cfg.set("control_socket_disable", True)

    def load(self):
        # Opened in the worker, after the fork: a RocksDB handle must not cross a fork.
        return create_app(self.settings)


def serve(settings: Settings) -> None:
    _Gunicorn(settings).run()
