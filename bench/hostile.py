#!/usr/bin/env python3
"""An honest client's latency while hostile clients try to stop the endpoint.

    .venv/bin/python bench/hostile.py [--seconds 30] [--spread 1]

Loads the dev corpus into a newsgraph store and serves it with the default
settings on a free loopback port. Then, for ``--seconds``:

* 20 hostile clients send a cross-join COUNT again and again, never waiting
  between requests;
* 40 more send the same query and hang up 10 ms later, again and again;
* one honest client, from an address of its own, sends a trivial ASK every
  100 ms and records its latency and status.

The hostile clients come from ``--spread`` loopback addresses (127.0.1.1, …),
the honest one from 127.0.0.2, as different machines would. Each group runs in
its own process, so that the clients' own Python does not slow the honest one.
The server's resident memory (every process of it) is sampled twice a second.
Prints a Markdown table row for the README. Loopback only; bounded in time.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from load_dev import DEV, NEWSGRAPH, make_input  # noqa: E402

from endpoint import free_port, wait_for  # noqa: E402

CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
# The same join sorted: the engine must hold every row, so an executor grows by GBs.
HUNGRY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"
ASK = "ASK {}"
HONEST = "127.0.0.2"
JSON = "application/sparql-results+json"


def _request(port: int, source: str, query: str, timeout: float) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout,
                                            source_address=(source, 0))
    try:
        connection.request("GET", f"/sparql?query={quote(query)}", headers={"Accept": JSON})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def _run_clients(loop, sources: list[str], clients: int) -> None:
    """``clients`` threads running ``loop(address)``, the addresses taken in turn."""
    threads = [threading.Thread(target=loop, args=(sources[n % len(sources)],))
               for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def cross_joiners(port: int, sources: list[str], clients: int, until: float, out,
                  query: str = CROSS_JOIN) -> None:
    counts: dict[int, int] = {}
    lock = threading.Lock()

    def loop(source: str) -> None:
        while time.time() < until:
            try:
                status = _request(port, source, query, 60)
            except OSError:
                status = 0
            with lock:
                counts[status] = counts.get(status, 0) + 1

    _run_clients(loop, sources, clients)
    out.put(("cross", counts))


def quitters(port: int, sources: list[str], clients: int, until: float, out) -> None:
    sent = [0]
    lock = threading.Lock()
    request = (f"GET /sparql?query={quote(CROSS_JOIN)} HTTP/1.1\r\nHost: bench\r\n"
               f"Accept: {JSON}\r\n\r\n").encode()

    def loop(source: str) -> None:
        while time.time() < until:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=5,
                                              source_address=(source, 0)) as s:
                    s.sendall(request)
                    time.sleep(0.01)
            except OSError:
                time.sleep(0.01)
            with lock:
                sent[0] += 1

    _run_clients(loop, sources, clients)
    out.put(("quit", sent[0]))


def honest(port: int, until: float, out) -> None:
    samples: list[tuple[float, int]] = []
    while time.time() < until:
        started = time.perf_counter()
        try:
            status = _request(port, HONEST, ASK, 30)
        except OSError:
            status = 0
        samples.append((time.perf_counter() - started, status))
        if samples[-1][0] > 1:
            print(f"slow honest ASK at {time.time() - (until - 30):.1f} s: "
                  f"{samples[-1][0]:.2f} s, status {status}", file=sys.stderr)
        time.sleep(0.1)
    out.put(("honest", samples))


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1])
        except OSError:
            continue
    return total * os.sysconf("SC_PAGE_SIZE")


def _outcomes(log: Path) -> dict[str, int]:
    """What the server did with the requests, from its JSON log lines."""
    counts: dict[str, int] = {}
    for line in log.read_text(errors="replace").splitlines():
        if line.startswith("{"):
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            key = entry.get("stopped") or str(entry.get("status"))
            counts[key] = counts.get(key, 0) + 1
            if entry.get("client") == HONEST:
                slowest = max(counts.get("honest_ms_in_server", 0),
                              round(1000 * entry.get("seconds", 0)))
                counts["honest_ms_in_server"] = slowest
    return dict(sorted(counts.items()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--spread", type=int, default=1,
                        help="loopback addresses the hostile clients come from")
    parser.add_argument("--cross", type=int, default=20, help="cross-join clients")
    parser.add_argument("--quit", type=int, default=40, help="clients that hang up")
    parser.add_argument("--sorted", action="store_true",
                        help="the cross-join clients sort their rows (memory-hungry)")
    parser.add_argument("--gold-dir", type=Path, default=DEV)
    parser.add_argument("serve", nargs="*", help="options for `newsgraph serve`, after --")
    args = parser.parse_args()
    sources = [f"127.0.1.{n + 1}" for n in range(args.spread)]
    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / "in.jsonl"
        make_input(args.gold_dir, 1, articles)
        store = Path(tmp) / "store"
        subprocess.run([str(NEWSGRAPH), "load", str(articles), "--store", str(store), "-q"],
                       check=True, capture_output=True)
        port = free_port()
        log = (Path(tmp) / "serve.log").open("w")
        server = subprocess.Popen([str(NEWSGRAPH), "serve", "--store", str(store), "--port",
                                   str(port), *args.serve], stdout=log,
                                  stderr=subprocess.STDOUT)
        try:
            wait_for(f"http://127.0.0.1:{port}/sparql")
            idle = tree_rss(server.pid)
            until = time.time() + args.seconds
            out: multiprocessing.Queue = multiprocessing.Queue()
            groups = [multiprocessing.Process(target=cross_joiners,
                                              args=(port, sources, args.cross, until, out,
                                                    HUNGRY if args.sorted else CROSS_JOIN)),
                      multiprocessing.Process(target=quitters,
                                              args=(port, sources, args.quit, until, out)),
                      multiprocessing.Process(target=honest, args=(port, until, out))]
            for group in groups:
                group.start()
            peak = idle
            while time.time() < until:
                peak = max(peak, tree_rss(server.pid))
                time.sleep(0.5)
            results = dict(out.get(timeout=120) for _ in groups)
            for group in groups:
                group.join()
            after = _request(port, HONEST, ASK, 30)
        finally:
            server.terminate()
            server.wait(30)
            log.close()
        outcomes = _outcomes(Path(tmp) / "serve.log")
    samples = results["honest"]
    # Every honest request counts, a failed one with the time it took to fail.
    latencies = sorted(seconds for seconds, _ in samples)
    failed = sum(1 for _, status in samples if status != 200)
    p99 = latencies[max(0, math.ceil(len(latencies) * 0.99) - 1)]
    cross = results["cross"]
    print(f"{args.seconds} s, hostile clients from {args.spread} address(es): honest ASKs "
          f"{len(samples)}, failed {failed}; cross-join answers by status "
          f"{dict(sorted(cross.items()))}; abandoned requests {results['quit']:,}; "
          f"server after: {after}; the server's answers: {outcomes}", file=sys.stderr)
    print("| hostile addresses, query | honest ASKs (failed) | ASK p50 | ASK p99 | ASK max "
          "| server memory idle / peak |")
    print("| --- | --- | --- | --- | --- | --- |")
    kind = "sorted join" if args.sorted else "join COUNT"
    print(f"| {args.spread}, {kind} | {len(samples)} ({failed}) | "
          f"{1000 * statistics.median(latencies):.0f} ms | {1000 * p99:.0f} ms | "
          f"{1000 * latencies[-1]:.0f} ms | {idle / 2**20:,.0f} / {peak / 2**20:,.0f} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
