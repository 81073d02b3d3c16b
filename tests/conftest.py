"""Shared fixtures: the loaded pipeline, paths, a store on disk, the app in-process and a
real server.

Tests that start real processes (servers, loads, a browser, oxigraph) are
marked ``slow``: `pytest` runs the rest, `pytest -m "slow or not slow"` (.ci/run) all.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from flask.testing import FlaskClient

if importlib.util.find_spec("newsgraph.loader") is None:
    # `python -m pytest` put the checkout's newsgraph/ ahead of the installed package.
    pytest.exit("newsgraph.loader is not importable: run the tests with .venv/bin/pytest, "
                "not python -m pytest (or install with pip install -e '.[test]')", returncode=4)

from newsgraph.loader.extract.extractor import Extractor  # noqa: E402
from newsgraph.validation import ShapesValidator  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DEV = SHARED / "corpus" / "dev"
SAMPLES = REPO / "samples" / "articles.jsonl"
NEWSGRAPH = Path(sys.executable).with_name("newsgraph")
BASE = "https://w3id.org/newsgraph/id/"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor.load()


@pytest.fixture(scope="session")
def validator() -> ShapesValidator:
    return ShapesValidator.from_path()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_cli(*args: str, cwd: Path | None = None, timeout: int = 300,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(NEWSGRAPH), *args], capture_output=True, text=True, cwd=cwd,
                          timeout=timeout, env={**os.environ, **(env or {})})


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory) -> Path:
    """The sample articles loaded into an on-disk store by the `load` command, in-process."""
    from click.testing import CliRunner

    from newsgraph.commands.cli import main

    store = tmp_path_factory.mktemp("store") / "newsgraph-store"
    done = CliRunner().invoke(main, ["load", str(SAMPLES), "--store", str(store), "-q"])
    assert done.exit_code == 0, done.output
    return store


@pytest.fixture(scope="session")
def web(sample_store) -> FlaskClient:
    """The app over the sample store with no executor processes, through Flask's test client."""
    from newsgraph.config import Settings
    from newsgraph.endpoint import create_app
    from newsgraph.endpoint.executor import InlinePool

    app = create_app(Settings(store_path=sample_store), pool_factory=InlinePool)
    return app.test_client()


class Server:
    def __init__(self, process: subprocess.Popen, url: str, log: Path) -> None:
        self.process = process
        self.url = url
        self.sparql = url + "/sparql"
        self.log = log


def start_server(store: Path | str, port: int | None = None, *options: str,
                 env: dict[str, str] | None = None, cwd: Path = REPO) -> Server:
    port = port or free_port()
    # The server logs a line per request: to a file, since an unread pipe would fill
    # and stop it.
    log = tempfile.NamedTemporaryFile(prefix="newsgraph-serve-", suffix=".log", delete=False)
    process = subprocess.Popen([str(NEWSGRAPH), "serve", "--store", str(store), "--port",
                                str(port), *options], cwd=cwd,
                               env={**os.environ, **(env or {})},
                               stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(_read_and_remove(Path(log.name)))
        try:
            if requests.get(url + "/health", timeout=15).status_code == 200:
                return Server(process, url, Path(log.name))
        except requests.ConnectionError:
            pass
        time.sleep(0.2)  # "starting" comes back at once: do not flood the new server
    process.kill()
    process.wait()
    raise RuntimeError("server did not start in 60 s:\n" + _read_and_remove(Path(log.name)))


def _read_and_remove(log: Path) -> str:
    text = log.read_text()
    log.unlink(missing_ok=True)
    return text


CONFORMANCE = SHARED / "conformance" / "protocol_tests.py"


def run_conformance(server: Server, token: str, tmp: Path) -> list[str]:
    """The W3C SPARQL 1.1 Protocol, Update and Graph Store runner against a server whose
    writes take ``token`` (as a Basic password, from a netrc file); its output lines."""
    netrc = tmp / "netrc"
    netrc.write_text(f"machine 127.0.0.1\nlogin newsgraph\npassword {token}\n")
    done = subprocess.run([sys.executable, str(CONFORMANCE), server.sparql, "--update-url",
                           server.sparql, "--gsp-url", server.url + "/store"],
                          capture_output=True, text=True, timeout=600,
                          env={"NETRC": str(netrc), "PATH": "/usr/bin:/bin"})
    return done.stdout.splitlines()


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()
    server.log.unlink(missing_ok=True)  # a test reads it while the server runs


@pytest.fixture(scope="session")
def server(sample_store) -> Server:
    """`newsgraph serve` (gunicorn) as a separate process on a free port."""
    running = start_server(sample_store)
    yield running
    stop_server(running)


WIKIDATA_FIXTURE = REPO / "tests" / "data" / "wikidata-fixture.ttl"
OXIGRAPH = Path(sys.executable).with_name("oxigraph")


class SparqlServer:
    def __init__(self, process: subprocess.Popen, url: str) -> None:
        self.process = process
        self.url = url
        self.query = url + "/query"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def start_oxigraph(location: Path, data: Path | None = None, port: int | None = None,
                   *options: str) -> SparqlServer:
    """`oxigraph serve` (the PyPI package's server) as a separate process on a free port."""
    port = port or free_port()
    process = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(location),
                                "--bind", f"127.0.0.1:{port}", *options],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read().decode())
        try:
            requests.get(url + "/query", params={"query": "ASK {}"}, timeout=2)
            break
        except requests.ConnectionError:
            if time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("oxigraph serve did not start in 30 s") from None
            time.sleep(0.1)
    server = SparqlServer(process, url)
    if data is not None:
        answer = requests.post(url + "/store", params={"default": ""},
                               data=data.read_bytes(), headers={"Content-Type": "text/turtle"},
                               timeout=30)
        assert answer.status_code in (200, 201, 204), answer.text
    return server


@pytest.fixture(scope="session")
def wikidata_server(tmp_path_factory) -> SparqlServer:
    """A Wikidata-shaped SPARQL endpoint: oxigraph serve loaded with the fixture."""
    server = start_oxigraph(tmp_path_factory.mktemp("wikidata"), WIKIDATA_FIXTURE)
    yield server
    server.stop()


@contextmanager
def bait_server(body: bytes, content_type: str) -> Iterator[tuple[int, list[str]]]:
    """A local HTTP server that answers every GET with ``body`` and records the paths asked
    for: (its port, those paths). Tests use it to prove that nothing was fetched."""
    import http.server
    import threading

    fetched: list[str] = []

    class Counting(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's naming
            fetched.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_port, fetched
    finally:
        server.shutdown()


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium through Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), (
        "Debian's chromium is needed: the README's test command installs it "
        "(apt-get install -y chromium)")
    assert (REPO / "web" / "node_modules" / "@triply" / "yasgui" / "build").is_dir(), (
        "YASGUI is needed: the README's test command installs it (npm ci --prefix web)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def watched_page(browser, url: str, height: int = 900):
    """A new browser page, and the lists it fills: script errors, and requests that left
    ``url`` (both should stay empty: the pages need no script of ours, nothing outside)."""
    page = browser.new_page(viewport={"width": 1280, "height": height})
    problems: list[str] = []
    elsewhere: list[str] = []
    page.on("pageerror", lambda err: problems.append(str(err)))
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("request", lambda r: None if r.url.startswith(url) else elsewhere.append(r.url))
    return page, problems, elsewhere


def keep_screenshot(page, shot: Path) -> None:
    """A screenshot of the page, copied into $NEWSGRAPH_SCREENSHOT_DIR when set (run with
    it set to docs/ to renew the README's pictures)."""
    page.screenshot(path=str(shot))
    if os.environ.get("NEWSGRAPH_SCREENSHOT_DIR"):
        shutil.copy(shot, Path(os.environ["NEWSGRAPH_SCREENSHOT_DIR"]) / shot.name)
