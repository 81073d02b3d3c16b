#!/usr/bin/env python3
"""Time and peak memory of `newsgraph load` over the dev corpus, and validation's share.

    .venv/bin/python bench/load_dev.py [--repeat N] [--gold-dir ../shared/corpus/dev]

Runs the installed `newsgraph` command as a child process on a fresh store,
the way a user would, and prints a Markdown table row for the README.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEV = HERE.parent.parent / "shared" / "corpus" / "dev"
NEWSGRAPH = Path(sys.executable).with_name("newsgraph")


def make_input(gold_dir: Path, repeat: int, out: Path) -> tuple[int, int]:
    """The dev articles as JSON Lines, repeated with unique ids; (articles, words)."""
    count = words = 0
    with out.open("w", encoding="utf-8") as f:
        for n in range(repeat):
            for meta in sorted(gold_dir.glob("*.json")):
                record = json.loads(meta.read_text(encoding="utf-8"))
                text = meta.with_suffix(".txt").read_text(encoding="utf-8")
                suffix = f"-{n}" if repeat > 1 else ""
                f.write(json.dumps({"id": record["id"] + suffix, "url": record.get("url"),
                                    "outlet": record.get("outlet"),
                                    "published": record.get("published"),
                                    "title": record.get("title"), "text": text}) + "\n")
                count += 1
                words += len(text.split())
    return count, words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--gold-dir", type=Path, default=DEV)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / "in.jsonl"
        count, words = make_input(args.gold_dir, args.repeat, articles)
        started = time.perf_counter()
        done = subprocess.run([str(NEWSGRAPH), "load", str(articles), "--store",
                               str(Path(tmp) / "store"), "--quiet"],
                              capture_output=True, text=True)
        wall = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        return 1
    timing = re.search(r"extraction ([\d.]+) s, validation ([\d.]+) s \((\d+) %\), "
                       r"store ([\d.]+) s", done.stderr)
    extract_s, validate_s, share, store_s = timing.groups()
    print("| articles | words | wall time (s) | extraction (s) | validation (s) | "
          "validation share | store (s) | peak RSS (MB) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    print(f"| {count} | {words} | {wall:.1f} | {extract_s} | {validate_s} | {share} % | "
          f"{store_s} | {peak_mb:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
