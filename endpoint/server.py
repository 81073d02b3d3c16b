"""Run the app under gunicorn, the production WSGI server.

Several worker processes serve HTTP with threads; each has its own pool of
query executor processes (executor.py) reading the store's newest snapshot.
"""

from __future__ import annotations

import errno
import logging
import multiprocessing
import sys
import time

from gunicorn.app.base import BaseApplication
from gunicorn.workers.gthread import TConn, ThreadWorker

from newsgraph.config import Settings

from .admission import ConnectionRate, client_key
from .app import close_app, create_app

ACCEPT_BATCH = 64
_TOO_FAST = ("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nConnection: close\r\n"
             "Content-Type: text/plain; charset=utf-8\r\nContent-Length: {length}\r\n\r\n"
             "{body}")


class GuardedThreadWorker(ThreadWorker):
    """gunicorn's threaded worker, refusing a client's new connections past a rate.

    A client that opens connections faster than the server can answer them (and hangs
    up on each) fills the worker's queue, and everyone else's requests wait behind it:
    40 such clients on loopback made a trivial ASK take 2-4 s. Here a connection over
    the client's rate is answered 429 and closed as it is accepted, before any thread,
    parser or application sees it. Behind trusted proxies every connection comes from
    a proxy, so the proxy must do this instead, and the check is off.
    """

    def init_process(self) -> None:
        settings: Settings = self.app.settings
        rate = settings.client_connection_rate
        self.connection_rate = (ConnectionRate(rate) if rate and not settings.trusted_proxies
                                else None)
        body = (f"this client opens new connections faster than {rate:g} a second; reuse "
                "connections (keep-alive) or slow down\n")
        self.too_fast = _TOO_FAST.format(length=len(body.encode()), body=body).encode()
        super().init_process()

    def accept(self, listener) -> None:
        # Drain what is waiting, not one connection per wake-up: under a flood the listen
        # queue fills, and an honest client's connection attempt waits seconds to retry.
        for _ in range(ACCEPT_BATCH):
            try:
                client_sock, client_addr = listener.accept()
            except OSError as err:
                if err.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                    raise
                return
            self._admit(listener, client_sock, client_addr)
            if self.nr_conns >= self.worker_connections:
                return

    def _admit(self, listener, client_sock, client_addr) -> None:
        address = client_addr[0] if isinstance(client_addr, tuple) else None
        if (self.connection_rate is not None and address is not None
                and not self.connection_rate.allow(client_key(address))):
            try:
                client_sock.setblocking(False)
                client_sock.send(self.too_fast)
            except OSError:
                pass
            client_sock.close()
            return
        self.nr_conns += 1
        client_sock.setblocking(True)
        self.enqueue_req(TConn(self.cfg, client_sock, client_addr, listener.getsockname()))


# How long a worker waits for its query executors before it takes requests anyway (they
# then wait in the queue, as after a kill).
WARM_WAIT = 30.0
# A page a worker renders once before taking requests, through the whole stack (the
# list pages are not: at 5,000 articles one takes seconds, and would delay "ready").
WARM_PAGES = ("/search?q=a",)


class _Gunicorn(BaseApplication):
    def __init__(self, settings: Settings, announce: str = "",
                 started: float | None = None) -> None:
        self.settings = settings
        self.started = time.monotonic() if started is None else started
        # Set by the first worker that is ready, so the line is printed once.
        self.announced = multiprocessing.get_context("fork").Value("b", 0)
        self.announce = announce
        super().__init__()

    def load_config(self) -> None:
        s = self.settings
        self.cfg.set("bind", f"{s.host}:{s.port}")
        self.cfg.set("workers", s.http_workers)
        self.cfg.set("worker_class", "newsgraph.endpoint.server.GuardedThreadWorker")
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
        self.cfg.set("post_worker_init", _announce_ready)

    def load(self):
        # Built in each worker, after the fork: executors must be the worker's children.
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger = logging.getLogger("newsgraph")
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        app = create_app(self.settings)
        warm(app, self.settings)
        return app


def warm(app, settings: Settings) -> None:
    """Return once the app answers as fast as it ever will: its query executors started,
    each with a query answered, and the pages rendered once. A worker does not accept
    connections before its app is loaded, so no visitor waits for any of this."""
    from .context import POOL_KEY

    pool = app.extensions[POOL_KEY]
    deadline = time.monotonic() + WARM_WAIT
    while (pool.ready() or 0) < settings.query_workers and time.monotonic() < deadline:
        time.sleep(0.05)
    # Jinja compiles a template on first use: all of them now, so no visitor pays for it.
    for name in app.jinja_env.list_templates(extensions=["html"]):
        app.jinja_env.get_template(name)
    client = app.test_client()
    for path in WARM_PAGES:
        try:
            client.get(path, environ_base={"REMOTE_ADDR": "127.0.0.1"})
        except Exception:  # noqa: BLE001 - a page that fails now answers its error later
            pass


def _announce_ready(worker) -> None:
    app = worker.app
    with app.announced.get_lock():
        if app.announced.value:
            return
        app.announced.value = 1
    seconds = time.monotonic() - app.started
    print(f"ready in {seconds:.1f} s: {app.announce}", file=sys.stderr, flush=True)


def _close_query_pool(_arbiter, worker) -> None:
    # The executors are the worker's children: a worker that exits (shutdown, restart
    # after a crash) stops them rather than leaving them to the operating system.
    app = getattr(worker, "wsgi", None)
    if app is not None:
        close_app(app)


def serve(settings: Settings, announce: str = "", started: float | None = None) -> None:
    """Serve until stopped; ``announce`` is printed once the first worker is ready, with
    the seconds since ``started`` (``time.monotonic()``; default: now)."""
    _Gunicorn(settings, announce, started).run()
