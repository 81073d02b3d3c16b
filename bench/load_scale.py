#!/usr/bin/env python3
"""`newsgraph load` at scale: 1 and 2 cores, the embedded store and Oxigraph server.

    .venv/bin/python bench/load_scale.py [--articles 2000] [--gold-dir ../shared/corpus/dev]

The dev corpus is repeated (ids made unique) to at least ``--articles`` articles
in one JSON Lines file. Each run is the installed `newsgraph load` command in a
fresh child process on a fresh store, as a user runs it:

* embedded store and `oxigraph serve` (PyPI, a separate process on disk), each
  with ``-j 1`` and ``-j 2``: wall time, articles/s, words/s, the loader's peak
  memory (the sum over its process tree, polled every 0.1 s), the server's, and
  the store's size on disk per article;
* memory against the number of articles (a quarter, half and all of them,
  embedded, ``-j 1``), to show it stays flat;
* the RDF load against its physical limit: the same quads as the embedded store
  holds after the load (article graphs and merged default graph), dumped and
  bulk-loaded by pyoxigraph into a new store, and through `newsgraph import`.

Prints Markdown tables for the README. Needs the `bench` extra (oxigraph).
"""

from __future__ import annotations

import argparse
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from conftest import start_oxigraph  # noqa: E402  # the tests' helper: oxigraph serve, free port
from load_dev import DEV, NEWSGRAPH, make_input  # noqa: E402

SUMMARY = re.compile(r"work in all [\d.]+ s: extraction ([\d.]+) s, validation ([\d.]+) s "
                     r"\(\d+ %\), store ([\d.]+) s")


def process_tree(root: int) -> list[int]:
    """A process and all its descendants, by pid."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def tree_rss(root: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    total = 0
    for pid in process_tree(root):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def tree_cpu_seconds(root: int) -> float:
    """CPU time (user and system) used so far by a process and its live descendants."""
    ticks = 0
    for pid in process_tree(root):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


class PeakWatcher:
    """Polls a process tree's resident memory until stopped; keeps the peak."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            time.sleep(0.1)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def size_on_disk(path: Path, seen: set[tuple[int, int]] | None = None) -> int:
    """Bytes of the files under path, hard links counted once; files in ``seen`` (by
    device and inode, added to as it goes) not at all."""
    seen, total = set() if seen is None else seen, 0
    for p in [path] if path.is_file() else path.rglob("*"):
        if p.is_file():
            st = p.stat()
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                total += st.st_size
    return total


def run_load(articles: Path, store: str, jobs: int, server_pid: int | None = None) -> dict:
    started = time.perf_counter()
    child = subprocess.Popen([str(NEWSGRAPH), "load", str(articles), "--store", store,
                              "-j", str(jobs), "-q"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    loader = PeakWatcher(child.pid)
    server = PeakWatcher(server_pid) if server_pid else None
    _, err = child.communicate()
    wall = time.perf_counter() - started
    if child.returncode != 0:
        raise RuntimeError(err)
    found = SUMMARY.search(err)
    assert found, err
    extract, validate, write = (float(x) for x in found.groups())
    return {"wall": wall, "peak": loader.stop(), "server_peak": server.stop() if server else 0,
            "extract": extract, "validate": validate, "store": write}


def mb(n: float) -> str:
    return f"{n / 2**20:,.0f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--gold-dir", type=Path, default=DEV)
    parser.add_argument("--stores", default="embedded,oxigraph",
                        help="Which stores to load (comma-separated); the memory and bulk-load "
                        "tables need the embedded one.")
    args = parser.parse_args()
    stores = args.stores.split(",")
    per_copy = len(list(args.gold_dir.glob("*.json")))
    tmp = Path(tempfile.mkdtemp(prefix="newsgraph-bench-"))
    try:
        corpus = tmp / "corpus.jsonl"
        count, words = make_input(args.gold_dir, math.ceil(args.articles / per_copy), corpus)
        print(f"{count:,} articles, {words:,} words; {os.cpu_count()} cores\n")

        rows = []
        embedded_2000 = None
        for target in stores:
            for jobs in (1, 2):
                location = tmp / f"{target}-{jobs}"
                server = start_oxigraph(location) if target == "oxigraph" else None
                store = server.url if server else str(location)
                try:
                    result = run_load(corpus, store, jobs, server.process.pid if server else None)
                finally:
                    if server is not None:
                        server.stop()
                result["size"] = size_on_disk(location / "db" if target == "embedded"
                                              else location)
                if target == "embedded" and jobs == 1:
                    embedded_2000 = (location, result)
                rows.append((target, jobs, result))
                print(f"  {target} -j {jobs}: {result['wall']:.1f} s", file=sys.stderr)

        print("| store | jobs | articles | time (s) | articles/s | words/s | loader peak RSS "
              "(MB) | server peak RSS (MB) | store size per article (KB) |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for target, jobs, r in rows:
            server = mb(r["server_peak"]) if r["server_peak"] else "–"
            print(f"| {target} | {jobs} | {count:,} | {r['wall']:.1f} | {count / r['wall']:.1f} "
                  f"| {words / r['wall']:,.0f} | {mb(r['peak'])} | {server} "
                  f"| {r['size'] / count / 1024:.1f} |")

        if embedded_2000 is None:
            return 0
        # Memory against the number of articles (embedded, one job).
        print("\n| articles | loader peak RSS (MB) |\n| --- | --- |")
        for share in (4, 2):
            part = tmp / f"part-{share}.jsonl"
            lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
            part.write_text("".join(lines[:count // share]), encoding="utf-8")
            r = run_load(part, str(tmp / f"mem-{share}"), 1)
            print(f"| {count // share:,} | {mb(r['peak'])} |")
            shutil.rmtree(tmp / f"mem-{share}")
        print(f"| {count:,} | {mb(embedded_2000[1]['peak'])} |")

        # The load against pyoxigraph's bulk loader, on exactly the quads the store holds.
        location, r = embedded_2000
        dump = tmp / "store.nq"
        dumped = subprocess.run([sys.executable, "-c", (
            "import sys; from newsgraph.store import StoreReader; "
            "open(sys.argv[2], 'wb').write(StoreReader.open(sys.argv[1]).dump_nquads())"),
            str(location), str(dump)], check=True)
        assert dumped.returncode == 0
        quads = sum(1 for _ in dump.open("rb"))
        bulk = subprocess.run([sys.executable, "-c", (
            "import sys, time, pyoxigraph as ox; t = time.perf_counter(); "
            "s = ox.Store(sys.argv[2]); s.bulk_load(path=sys.argv[1], "
            "format=ox.RdfFormat.N_QUADS); s.flush(); print(time.perf_counter() - t)"),
            str(dump), str(tmp / "bulk")], check=True, capture_output=True, text=True)
        bulk_seconds = float(bulk.stdout)
        articles_only = tmp / "articles.nq"
        subprocess.run([str(NEWSGRAPH), "extract", str(corpus), "-f", "nquads", "-o",
                        str(articles_only)], check=True, capture_output=True)
        started = time.perf_counter()
        subprocess.run([str(NEWSGRAPH), "import", str(articles_only), "--store",
                        str(tmp / "imported")], check=True, capture_output=True)
        import_seconds = time.perf_counter() - started
        print("\n| step (embedded, one core) | time (s) | share of extraction | quads/s |")
        print("| --- | --- | --- | --- |")
        print(f"| extraction + RDF mapping | {r['extract']:.1f} | 100 % | |")
        print(f"| SHACL validation per article | {r['validate']:.1f} | "
              f"{100 * r['validate'] / r['extract']:.0f} % | |")
        print(f"| writing to the store (merged graph kept, snapshots, compaction) | "
              f"{r['store']:.1f} | {100 * r['store'] / r['extract']:.0f} % | "
              f"{quads / r['store']:,.0f} |")
        print(f"| pyoxigraph bulk load of the same {quads:,} quads | {bulk_seconds:.1f} | "
              f"{100 * bulk_seconds / r['extract']:.0f} % | {quads / bulk_seconds:,.0f} |")
        print(f"| `newsgraph import` of the articles' N-Quads (merged graph made) | "
              f"{import_seconds:.1f} | {100 * import_seconds / r['extract']:.0f} % | "
              f"{quads / import_seconds:,.0f} |")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
