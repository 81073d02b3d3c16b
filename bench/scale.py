#!/usr/bin/env python3
"""Figures at scale: 20,000 articles into the embedded store and into Virtuoso, then
the README's queries and the pages on the loaded store.

    .venv/bin/python bench/scale.py [--articles 20000] [--skip-virtuoso] [--keep DIR]
    .venv/bin/python bench/scale.py --keep DIR --reuse    # the requests again, no load

The dev corpus is repeated with fresh ids to ``--articles`` articles, then loaded
with ``newsgraph load -j 2`` as a user runs it:

* into the embedded store: wall time, articles/s, the loader's peak memory (its
  process tree, polled every 0.2 s), and the store's size on disk with the
  database, the snapshots and the search index apart;
* into Virtuoso Open Source 7 (Debian's package, started from the tests' small
  virtuoso.ini): the same, and Virtuoso's own peak memory and database size.

Then `newsgraph serve` runs on each store, and each README example query and each
page is timed: the first request (nothing cached) and the median of the next ten
(served from the response cache on the embedded store; Virtuoso's answers are not
cached, a remote store having no snapshots). Prints Markdown tables for the README.
``--reuse`` times the requests again on the stores an earlier run kept, after a
change to the endpoint, without an hour of loading.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.append(str(HERE.parent))  # for tests.virtuoso; the installed newsgraph first

from load_dev import DEV, NEWSGRAPH, make_input  # noqa: E402
from load_scale import size_on_disk, tree_rss  # noqa: E402

from endpoint import free_port, top_actor_page  # noqa: E402
from newsgraph.endpoint.examples import EXAMPLES, full_query  # noqa: E402
from tests.virtuoso import (  # noqa: E402
    VIRTUOSO,
    VirtuosoServer,
    build_template,
    start_virtuoso,
)

PAGES = ("/", "/actors", "/articles", "/statements", "/deployments", "/search?q=troops")


def timed_load(args: list[str], watch: int | None = None) -> dict:
    """Run `newsgraph load`; wall seconds, the loader's peak RSS, ``watch``'s peak RSS."""
    peaks = {"loader": 0, "server": 0}
    started = time.perf_counter()
    process = subprocess.Popen([str(NEWSGRAPH), "load", *args, "-q"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def poll() -> None:
        while not done.is_set():
            peaks["loader"] = max(peaks["loader"], tree_rss(process.pid))
            if watch is not None:
                peaks["server"] = max(peaks["server"], tree_rss(watch))
            time.sleep(0.2)

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()
    _, err = process.communicate()
    done.set()
    thread.join()
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1):  # 1: some articles rejected, said in the summary
        raise RuntimeError(err)
    return {"seconds": seconds, "summary": err.strip().splitlines()[-2:], **peaks}


def serve(store: str, root: Path, extra: str = "") -> tuple[str, subprocess.Popen]:
    port = free_port()
    config = root / f"serve-{port}.toml"
    config.write_text("client_concurrent = 1000\nclient_seconds = 1000000\n"
                      "client_connection_rate = 0\nquery_timeout = 300\n" + extra)
    process = subprocess.Popen([str(NEWSGRAPH), "serve", "--store", store, "--port",
                                str(port)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL,
                               env={**os.environ, "NEWSGRAPH_CONFIG": str(config)})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if requests.get(url + "/health", timeout=30).status_code == 200:
                return url, process
        except requests.RequestException:
            pass
        time.sleep(0.5)
    process.kill()
    raise RuntimeError(f"serve on {store} did not start")


def latencies(url: str, requests_: list[tuple[str, str, dict]]) -> list[tuple[str, float, float]]:
    """(name, first request ms, median of the next ten ms) for each request."""
    out = []
    for name, path, data in requests_:
        times = []
        for _ in range(11):
            started = time.perf_counter()
            if data:
                answer = requests.post(url + path, data=data, timeout=600,
                                       headers={"Accept": "application/sparql-results+json"})
            else:
                answer = requests.get(url + path, timeout=600, headers={"Accept": "text/html"})
            times.append(1000 * (time.perf_counter() - started))
            if answer.status_code != 200:
                raise RuntimeError(f"{name}: {answer.status_code} {answer.text[:200]}")
        out.append((name, times[0], statistics.median(times[1:])))
    return out


def workload(url: str) -> list[tuple[str, str, dict]]:
    queries = [(f"query: {title}", "/sparql", {"query": full_query(body)})
               for title, body in EXAMPLES]
    pages = [(f"page: {path}", path, {}) for path in PAGES]
    actor = top_actor_page(url + "/sparql").removeprefix(url)
    return queries + pages + [("page: most-quoted actor", actor, {})]


def _row(count: int, name: str, r: dict, disk: dict[str, int]) -> None:
    sizes = ", ".join(f"{k} {v / 2**20:,.0f} MB" for k, v in disk.items())
    server_mb = f"{r['server'] / 2**20:,.0f}" if r["server"] else "–"
    print(f"| {name} | {count:,} | {r['seconds']:,.0f} | {count / r['seconds']:.1f} | "
          f"{r['loader'] / 2**20:,.0f} | {server_mb} | {sizes} |", flush=True)


def load_both(root: Path, count: int, virtuoso: bool) -> VirtuosoServer | None:
    """Load ``root/in.jsonl`` into ``root/store`` and (``virtuoso``) a fresh Virtuoso
    in ``root/virtuoso``, printing a row for each; the Virtuoso server, running."""
    rows = []
    print("| store | articles | wall (s) | articles/s | loader peak RSS (MB) | "
          "server peak RSS (MB) | on disk |")
    print("| --- | --- | --- | --- | --- | --- | --- |", flush=True)
    store = root / "store"
    shutil.rmtree(store, ignore_errors=True)
    loaded = timed_load([str(root / "in.jsonl"), "--store", str(store), "-j", "2"])
    # A snapshot hard-links the database's files it shares: counted once, with the
    # database; the snapshots' row is what they add.
    seen: set[tuple[int, int]] = set()
    database = size_on_disk(store / "db", seen)
    snapshots = size_on_disk(store / "snapshots", seen)
    index = size_on_disk(store / "search.sqlite")
    rows.append(("embedded store", loaded, {
        "database": database, "snapshots (own files)": snapshots, "search index": index}))
    _row(count, *rows[-1])
    server = None
    if virtuoso:
        shutil.rmtree(root / "virtuoso", ignore_errors=True)
        template = build_template(root / "virtuoso-template", free_port(), free_port())
        server = start_virtuoso(root / "virtuoso", free_port(), free_port(), template)
        try:
            loaded = timed_load([str(root / "in.jsonl"), "--store", server.url, "-j", "2"],
                                watch=server.process.pid)
        except BaseException:
            server.stop()
            raise
        database = size_on_disk(root / "virtuoso" / "virtuoso.db")
        rows.append(("Virtuoso 7", loaded, {"database": database}))
        _row(count, *rows[-1])
    for name, r, _ in rows:
        print(f"\n{name}: " + " / ".join(r["summary"]))
    return server


def timed_requests(root: Path, server: VirtuosoServer | None) -> None:
    """Each request's first and next-ten latencies through `serve` on each store."""
    timings = {}
    targets = [("embedded store", str(root / "store"))]
    if server is not None:
        targets.append(("Virtuoso 7", server.url))
    for name, target in targets:
        url, process = serve(target, root)
        try:
            timings[name] = latencies(url, workload(url))
        finally:
            process.terminate()
            process.wait(timeout=60)
    names = list(timings)
    print("\n| request | " + " | ".join(f"{n}: first (ms) | {n}: next ten, median (ms)"
                                         for n in names) + " |")
    print("| --- |" + " --- | --- |" * len(names))
    for i, (label, _, _) in enumerate(timings[names[0]]):
        cells = " | ".join(f"{timings[n][i][1]:,.0f} | {timings[n][i][2]:,.1f}" for n in names)
        print(f"| {label} | {cells} |", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--gold-dir", type=Path, default=DEV)
    parser.add_argument("--skip-virtuoso", action="store_true")
    parser.add_argument("--keep", type=Path, help="build here and keep the stores")
    parser.add_argument("--reuse", action="store_true",
                        help="time the requests on the stores kept in --keep; load nothing")
    args = parser.parse_args()
    if args.reuse and (args.keep is None or not (args.keep / "store").is_dir()):
        parser.error("--reuse needs --keep DIR holding the stores of an earlier run")
    root = args.keep or Path(tempfile.mkdtemp(prefix="newsgraph-scale-"))
    root.mkdir(parents=True, exist_ok=True)
    virtuoso = not args.skip_virtuoso and VIRTUOSO is not None
    if args.reuse:
        server = None
        if virtuoso and (root / "virtuoso" / "virtuoso.db").is_file():
            # A server stopped without a checkpoint replays its log first: minutes.
            server = start_virtuoso(root / "virtuoso", free_port(), free_port(), wait=1800)
    else:
        per_copy = len(list(args.gold_dir.glob("*.txt")))
        if not per_copy:
            parser.error(f"no articles (*.txt) in {args.gold_dir}; give it with --gold-dir")
        count, words = make_input(args.gold_dir, -(-args.articles // per_copy),
                                  root / "in.jsonl")
        print(f"{count:,} articles, {words:,} words\n", flush=True)
        server = load_both(root, count, virtuoso)
    try:
        timed_requests(root, server)
    finally:
        if server is not None:
            server.stop()
    if args.keep is None:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
