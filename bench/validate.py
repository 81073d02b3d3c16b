#!/usr/bin/env python3
"""Time of `newsgraph validate --store` against the number of articles in the store.

    .venv/bin/python bench/validate.py [--sizes 500,1000,2000,5000]

Extracts the dev corpus once, then fills stores of each size with copies of
those article graphs under fresh article ids (the graphs differ only in
their IRIs, so every size has the same mix), and runs the installed
`newsgraph validate --store` on each as a user would. Validation is per
article graph plus the cross-article checks once, so the time per article
should stay flat. Prints a Markdown table for the README.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from load_dev import DEV, NEWSGRAPH, make_input  # noqa: E402

from newsgraph.config import Settings  # noqa: E402
from newsgraph.store import EmbeddedStore  # noqa: E402


def article_graphs(gold_dir: Path, root: Path) -> list[tuple[str, str, str]]:
    """(article id, graph IRI, N-Triples) of the dev corpus, extracted once."""
    make_input(gold_dir, 1, root / "in.jsonl")
    subprocess.run([str(NEWSGRAPH), "extract", str(root / "in.jsonl"), "-f", "nquads", "-o",
                    str(root / "dev.nq")], check=True, capture_output=True)
    graphs: dict[str, list[str]] = {}
    for line in (root / "dev.nq").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        triple, graph = line.rsplit(" ", 2)[0], line.rsplit(" ", 2)[1]
        graphs.setdefault(graph.strip("<>"), []).append(triple + " .")
    base = Settings().base_iri + "article/"
    return [(iri[len(base):], iri, "\n".join(lines) + "\n") for iri, lines in graphs.items()]


def fill(store_path: Path, graphs: list[tuple[str, str, str]], size: int) -> None:
    store = EmbeddedStore.open(store_path)
    for n in range(size):
        article_id, iri, ntriples = graphs[n % len(graphs)]
        copy = f"{article_id}-{n}"
        text = ntriples.replace(f"{iri}>", f"{iri}-{n}>").replace(f"{iri}/", f"{iri}-{n}/") \
            .replace(f"{iri}#", f"{iri}-{n}#").replace(f'"{article_id}"', f'"{copy}"')
        store.replace_graph(f"{iri}-{n}", text)
    store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,1000,2000,5000")
    parser.add_argument("--gold-dir", type=Path, default=DEV)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        graphs = article_graphs(args.gold_dir, root)
        for size in sizes:
            store = root / f"store-{size}"
            fill(store, graphs, size)
            started = time.perf_counter()
            # GNU time reports the validator's own peak memory (-f %M, in KB).
            done = subprocess.run(["/usr/bin/time", "-f", "%M", str(NEWSGRAPH), "validate",
                                   "--store", str(store)], capture_output=True, text=True)
            seconds = time.perf_counter() - started
            peak = int(done.stderr.strip().splitlines()[-1]) / 1024
            summary = done.stdout.strip().splitlines()[-1]
            graphs_checked = int(re.match(r"(\d+) graph", summary).group(1))
            rows.append((size, graphs_checked, seconds, done.returncode, peak))
            print(f"{size}: {seconds:.1f} s, exit {done.returncode}", file=sys.stderr)
    print("| articles | graphs checked | time (s) | ms per article | exit | peak RSS (MB) |")
    print("| --- | --- | --- | --- | --- | --- |")
    for size, checked, seconds, code, peak in rows:
        print(f"| {size:,} | {checked:,} | {seconds:.1f} | {1000 * seconds / size:.1f} | "
              f"{code} | {peak:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
