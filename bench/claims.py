#!/usr/bin/env python3
"""Claims at scale: the time to rebuild the claims after a load of 1, 100 and 5,000
articles, and the claims pages' latency on 5,000 articles.

    .venv/bin/python bench/claims.py [--articles 5000] [--store DIR]

The dev corpus is repeated with fresh ids to ``--articles`` articles and loaded with
``newsgraph load -j 2`` into an empty store: its claims line is the rebuild after a
load of 5,000 (every claim, as a load past 2,000 articles does). ``--store`` copies a
store loaded earlier instead and times ``newsgraph claims --rebuild`` on it.

Then, on that store and on a store of the 44 dev articles alone, one load each of:
a made-up article that starts a claim of its own (one report read: the rebuild does
not grow with the store); one more copy of a dev article (its claims are the repeated
corpus's biggest: every copy names the same deployers, so their reports grow with
the store); 100 such copies. The figures are the loads' own claims lines.

Last, `newsgraph serve` on the big store (the response cache off, so each request is
computed), and each claims page asked ten times: median and slowest.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from load_dev import DEV, NEWSGRAPH, make_input  # noqa: E402
from scale import serve  # noqa: E402

# A made-up article whose deployer and destination no dev article pairs.
NEW_CLAIM = {"id": "bench-new-claim", "outlet": "Bench Gazette", "published": "2031-05-02",
             "title": "Engineers sent north",
             "text": "Portugal has sent 300 engineers to Iceland, the Portuguese defence "
                     "ministry said on Friday. The engineers will repair two runways."}
CLAIMS_LINE = re.compile(r"claims: (\d+) written, (\d+) removed \((.*?); (\d+) report\(s\) "
                         r"read\) in ([\d.]+) s")


def load(path: Path, store: Path, jobs: int = 1) -> dict:
    started = time.perf_counter()
    done = subprocess.run([str(NEWSGRAPH), "load", str(path), "--store", str(store),
                           "-j", str(jobs)], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    found = CLAIMS_LINE.search(done.stderr)
    if not found:
        raise SystemExit("no claims line in:\n" + done.stderr)
    written, removed, how, reports, seconds = found.groups()
    return {"written": int(written), "removed": int(removed), "how": how,
            "reports": int(reports), "seconds": float(seconds),
            "wall": time.perf_counter() - started}


def copies(source: Path, out: Path, count: int, tag: str) -> Path:
    """``count`` dev articles with fresh ids."""
    lines = source.read_text(encoding="utf-8").splitlines()
    with out.open("w", encoding="utf-8") as f:
        for n in range(count):
            record = json.loads(lines[n % len(lines)])
            record["id"] = f"{record['id']}-{tag}-{n}"
            f.write(json.dumps(record) + "\n")
    return out


def small_loads(store: Path, dev: Path, tmp: Path, tag: str) -> list[tuple[str, dict]]:
    new = tmp / f"new-{tag}.jsonl"
    new.write_text(json.dumps({**NEW_CLAIM, "id": f"{NEW_CLAIM['id']}-{tag}"}) + "\n")
    return [("1 article, a claim of its own", load(new, store)),
            ("1 article, copy of a dev article", load(copies(dev, tmp / f"one-{tag}.jsonl",
                                                             1, f"one{tag}"), store)),
            ("100 articles, copies of dev articles",
             load(copies(dev, tmp / f"hundred-{tag}.jsonl", 100, f"h{tag}"), store, jobs=2))]


def timed(url: str, path: str, times: int = 10) -> tuple[float, float, int]:
    seconds, size = [], 0
    for _ in range(times):
        started = time.perf_counter()
        answer = requests.get(url + path, timeout=300)
        seconds.append(time.perf_counter() - started)
        if answer.status_code != 200:
            raise SystemExit(f"{path}: {answer.status_code} {answer.text[:200]}")
        size = len(answer.content)
    return statistics.median(seconds), max(seconds), size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--store", type=Path, help="a store of --articles loaded earlier")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-claims-") as name:
        tmp = Path(name)
        dev = tmp / "dev.jsonl"
        if make_input(DEV, 1, dev)[0] == 0:
            raise SystemExit(f"no dev articles in {DEV}: run from a checkout beside shared/")
        big = tmp / "big"
        if args.store:
            shutil.copytree(args.store, big)
            started = time.perf_counter()
            done = subprocess.run([str(NEWSGRAPH), "claims", "--rebuild", "--store", str(big),
                                   "-f", "csv"], capture_output=True, text=True)
            found = re.search(r"in ([\d.]+) s", done.stderr)
            whole = {"how": "all rebuilt (claims --rebuild)", "seconds": float(found.group(1)),
                     "reports": int(re.search(r"(\d+) report", done.stderr).group(1)),
                     "wall": time.perf_counter() - started}
            articles = "the store given"
        else:
            corpus = tmp / "corpus.jsonl"
            count, _ = make_input(DEV, -(-args.articles // 44), corpus)
            whole = load(corpus, big, jobs=2)
            articles = f"{count:,}"
        print(f"\nLoad of {articles} articles into an empty store: claims "
              f"{whole['seconds']:.2f} s ({whole['how']}; {whole['reports']:,} reports)")
        small = tmp / "small"
        load(dev, small)
        rows = [("44", *row) for row in small_loads(small, dev, tmp, "s")]
        rows += [(articles, *row) for row in small_loads(big, dev, tmp, "b")]
        print("\n| store (articles) | load | claims rebuilt | reports read | rebuild |")
        print("|---|---|---|---|---|")
        for size, what, r in rows:
            print(f"| {size} | {what} | {r['written']} written, {r['removed']} removed "
                  f"({r['how']}) | {r['reports']:,} | {r['seconds']:.2f} s |")

        config_dir = tmp / "serve"
        config_dir.mkdir()
        url, process = serve(str(big), config_dir, extra="cache_mb = 0\n")
        try:
            index = requests.get(url + "/claims.json", timeout=300).json()["claims"]
            biggest = max(index, key=lambda c: c["reports"])
            smallest = min(index, key=lambda c: c["reports"])
            pages = [("claims index", "/claims"), ("claims index, contested", "/claims?"
                                                   "verdict=contested"),
                     ("world map", "/claims/map.svg"),
                     (f"claim page, {biggest['reports']:,} reports", biggest["page"] + ".html"),
                     ("its chart", "/claims/chart.svg?iri=" + quote(biggest["claim"], safe="")),
                     ("its data (JSON)", biggest["data"]),
                     (f"claim page, {smallest['reports']} report(s)",
                      smallest["page"] + ".html")]
            print(f"\nClaims pages on {articles} articles ({len(index)} claims), response "
                  "cache off; ten requests each:\n")
            print("| page | median | slowest | size |")
            print("|---|---|---|---|")
            for what, path in pages:
                median, slowest, size = timed(url, path)
                print(f"| {what} | {median * 1000:.0f} ms | {slowest * 1000:.0f} ms | "
                      f"{size / 1024:,.0f} KB |")
        finally:
            process.terminate()
            process.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
