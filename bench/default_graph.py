#!/usr/bin/env python3
"""The README's example queries on the merged default graph and on pyoxigraph's union.

    .venv/bin/python bench/default_graph.py [--articles 2000] [--gold-dir ../shared/corpus/dev]

Extracts the dev corpus once, then stores copies of its article graphs under new
article ids (actors keep their IRIs, as they would across real articles) into an
on-disk store, and times each example query both ways (best of 3) and counts
the rows each way returns.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

from newsgraph.endpoint.examples import EXAMPLES, full_query
from newsgraph.loader.extract.extractor import Extractor
from newsgraph.loader.inputs import read_articles
from newsgraph.loader.mapping import to_graph
from newsgraph.store import EmbeddedStore

HERE = Path(__file__).resolve().parent
DEV = HERE.parent.parent / "shared" / "corpus" / "dev"
BASE = "https://w3id.org/newsgraph/id/"


def _run(path: str, query: str, union: bool, out) -> None:
    store = EmbeddedStore.open(path, create=False)
    best, rows = float("inf"), 0
    for _ in range(3):
        started = time.perf_counter()
        rows = sum(1 for _ in store.query(query, union_default_graph=union))
        best = min(best, time.perf_counter() - started)
    out.put((best, rows))


def timed(path: Path, query: str, union: bool, limit: float) -> str:
    """'time | rows', or a note that the query did not finish within ``limit`` seconds.

    Each run is a child process so a runaway query can be stopped (pyoxigraph has no
    query timeout)."""
    out = multiprocessing.Queue()
    child = multiprocessing.Process(target=_run, args=(str(path), query, union, out))
    child.start()
    child.join(limit)
    if child.is_alive():
        child.kill()
        child.join()
        return f"> {limit:.0f} (stopped) | —"
    best, rows = out.get()
    return f"{best:.3f} | {rows}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--gold-dir", type=Path, default=DEV)
    parser.add_argument("--limit", type=float, default=60, help="seconds per query and mode")
    args = parser.parse_args()
    extractor = Extractor.load()
    articles = list(read_articles(sorted(args.gold_dir.glob("*.txt"))))
    graphs = [(x.article.id, to_graph(x, BASE).serialize(format="nt"))
              for x in extractor.pipe(articles)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "store"
        store = EmbeddedStore.open(path)
        n = 0
        started = time.perf_counter()
        while n < args.articles:
            for article_id, ntriples in graphs:
                if n >= args.articles:
                    break
                copy_id = f"{article_id}-{n}"
                old = f"{BASE}article/{article_id}"
                text = ntriples.replace(f"<{old}>", f"<{BASE}article/{copy_id}>").replace(
                    f"<{old}/", f"<{BASE}article/{copy_id}/").replace(
                    f'"{article_id}"', f'"{copy_id}"')
                store.replace_graph(f"{BASE}article/{copy_id}", text)
                n += 1
        load_s = time.perf_counter() - started
        print(f"{n} article graphs, {len(store)} quads, merged default graph "
              f"{store.default_graph_size()} triples, stored in {load_s:.1f} s\n")
        del store  # the children open it; one process at a time holds the store
        print("| query | merged default graph: time (s) | rows | pyoxigraph union: time (s) "
              "| rows |")
        print("| --- | --- | --- | --- | --- |")
        for title, body in EXAMPLES:
            query = full_query(body)
            merged = timed(path, query, False, args.limit)
            union = timed(path, query, True, args.limit)
            print(f"| {title} | {merged} | {union} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
