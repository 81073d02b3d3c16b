#!/usr/bin/env python3
"""The first hour, measured: how soon `serve` answers, and how fast search and the pages are.

    .venv/bin/python bench/browse.py --store PATH          # a store loaded earlier
    .venv/bin/python bench/browse.py --articles 5000       # builds one (about ten minutes)

Without ``--store`` the dev corpus is repeated (ids made unique) to ``--articles``
articles and loaded with ``-j 2``. Then `newsgraph serve` is started as a user starts
it, and the script records:

* the seconds from starting the command to its "ready" line, and to the first answer;
* for the home page, the lists and an actor page: the first request after "ready" and
  the median of the next ten (the first should not be slower);
* search through /search.json for five kinds of text, picked from the store itself (a
  full name, the start of one, a three-word phrase from a quote, a common word, a word
  no article has): median, 95th percentile and worst of 20 requests, and what the same
  search costs as a SPARQL scan of names and quotes (what a store without the index
  does) for comparison.

Per-client limits are lifted: one client asking in a loop is the point here. Prints
Markdown tables for the README.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from load_dev import DEV, NEWSGRAPH, make_input  # noqa: E402

PAGES = ("/", "/actors", "/articles", "/statements", "/deployments",
         "/statements?kind=Direct", "/deployments?sort=count")
SCAN = """PREFIX ng: <https://w3id.org/newsgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
SELECT ?r ?text WHERE { ?r rdfs:label|skos:altLabel|ng:quote|schema:headline ?text
  FILTER(%s) } LIMIT 180"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(url: str, **params) -> tuple[float, requests.Response]:
    started = time.perf_counter()
    answer = requests.get(url, params=params, timeout=120)
    return (time.perf_counter() - started) * 1000, answer


def start(store: Path, root: Path) -> tuple[subprocess.Popen, str, float, float]:
    """The server, its URL, the seconds to its ready line and to its first answer."""
    config = root / "newsgraph.toml"
    config.write_text("client_concurrent = 1000\nclient_seconds = 1000000\n"
                      "client_connection_rate = 0\n")
    port = free_port()
    log = (root / "serve.log").open("w")
    began = time.perf_counter()
    process = subprocess.Popen([str(NEWSGRAPH), "serve", "--store", str(store), "--port",
                                str(port)], stdout=log, stderr=subprocess.STDOUT,
                               env={**os.environ, "NEWSGRAPH_CONFIG": str(config)})
    url = f"http://127.0.0.1:{port}"
    ready = None
    while ready is None:
        if process.poll() is not None:
            raise RuntimeError((root / "serve.log").read_text())
        if "ready in " in (root / "serve.log").read_text():
            ready = time.perf_counter() - began
        time.sleep(0.02)
    requests.get(url + "/", timeout=120).raise_for_status()
    return process, url, ready, time.perf_counter() - began


def pick_searches(url: str) -> dict[str, str]:
    """Search texts of five kinds, read from the store being measured."""
    actors = requests.get(url + "/actors.json", timeout=120).json()["rows"]
    name = next(a["name"] for a in actors if a["type"] == "Person")
    quotes = requests.get(url + "/statements.json", params={"kind": "Direct"},
                          timeout=120).json()["rows"]
    words = next(w for q in quotes if len(w := re.findall(r"[A-Za-z]+", q["quote"])) >= 3)
    return {"a full name": name, "the start of a name": name.split()[-1][:4],
            "a three-word phrase": '"' + " ".join(words[:3]) + '"', "a common word": "said",
            "a word no article has": "zqxjv"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--gold-dir", type=Path, default=DEV)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store = args.store
        if store is None:
            repeat = -(-args.articles // len(list(args.gold_dir.glob("*.json"))))
            make_input(args.gold_dir, repeat, root / "in.jsonl")
            store = root / "store"
            subprocess.run([str(NEWSGRAPH), "load", str(root / "in.jsonl"), "--store",
                            str(store), "-j", "2", "-q"], check=True)
        process, url, ready, first = start(store, root)
        try:
            articles = requests.get(url + "/articles.json", params={"size": 1},
                                    timeout=120).json()["total"]
            actor = requests.get(url + "/actors.json", params={"size": 1},
                                 timeout=120).json()["rows"][0]["name iri"]
            pages = [*PAGES, actor.replace(actor.split("/id/")[0], "") + ".html"
                     if "/id/" in actor else actor]
            page_rows = []
            for path in pages:
                first_ms, answer = timed(url + path)
                answer.raise_for_status()
                later = statistics.median(timed(url + path)[0] for _ in range(10))
                page_rows.append((path, first_ms, later))
            search_rows = []
            for kind, text in pick_searches(url).items():
                times = sorted(timed(url + "/search.json", q=text)[0] for _ in range(20))
                hits = len(requests.get(url + "/search.json", params={"q": text},
                                        timeout=120).json()["results"])
                words = [w.lower() for w in re.findall(r"\w+", text)]
                condition = " && ".join(f'CONTAINS(LCASE(STR(?text)), "{w}")' for w in words)
                scan = statistics.median(timed(url + "/sparql", query=SCAN % condition)[0]
                                         for _ in range(3))
                search_rows.append((kind, hits, statistics.median(times),
                                    times[int(0.95 * len(times)) - 1], times[-1], scan))
        finally:
            process.terminate()
            process.wait(timeout=30)
    print(f"{articles:,} articles. `newsgraph serve`: ready line after {ready:.1f} s, first "
          f"answer after {first:.1f} s.\n")
    print("| page | first request after ready (ms) | median of the next 10 (ms) |")
    print("| --- | --- | --- |")
    for path, first_ms, later in page_rows:
        shown = "an actor page" if path.startswith("/id/") else f"`{path}`"
        print(f"| {shown} | {first_ms:,.0f} | {later:,.0f} |")
    print("\n| search for | results | median (ms) | p95 (ms) | worst (ms) "
          "| the same as a SPARQL scan (ms) |")
    print("| --- | --- | --- | --- | --- | --- |")
    for kind, hits, median, p95, worst, scan in search_rows:
        print(f"| {kind} | {hits} | {median:,.0f} | {p95:,.0f} | {worst:,.0f} | {scan:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
