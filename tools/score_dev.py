#!/usr/bin/env python3
"""The dev-corpus score, whole and by halves: rules made on one half, checked on the other.

    .venv/bin/python tools/score_dev.py [--gold-dir ../shared/corpus/dev] [--details A|B|...]

Extracts the corpus once with the installed `newsgraph`, then scores with
`../shared/eval/score.py` (run, never copied) on: all articles; half A and
half B (alternate articles in name order: develop on A, look at B's errors
only after measuring it); the 23 articles the rules grew on and the 21 added
later (the order of the corpus README's table).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
NEWSGRAPH = Path(sys.executable).with_name("newsgraph")
FIRST_ARTICLES = 23  # the articles the rules were developed on, first in the README's table


def subsets(gold: Path) -> dict[str, list[str]]:
    stems = sorted(p.stem for p in gold.glob("*.txt"))
    table = [line.split("|")[1].strip() for line in
             (gold.parent / "README.md").read_text(encoding="utf-8").splitlines()
             if line.startswith("| ") and not line.startswith("| id")]
    listed = [s for s in table if s in stems]
    return {"all": stems, "A": stems[0::2], "B": stems[1::2],
            "old 23": listed[:FIRST_ARTICLES], "new 21": listed[FIRST_ARTICLES:]}


def score(gold: Path, stems: list[str], prediction: Path, work: Path, details: bool) -> str:
    folder = work / f"gold-{len(list(work.iterdir()))}"
    folder.mkdir()
    for stem in stems:
        for suffix in (".txt", ".json"):
            (folder / (stem + suffix)).symlink_to(gold / (stem + suffix))
    command = [sys.executable, str(SHARED / "eval" / "score.py"), "--gold-dir", str(folder),
               "--pred", str(prediction)] + (["--details"] if details else [])
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold-dir", type=Path, default=SHARED / "corpus" / "dev")
    parser.add_argument("--details", help="print the full table of this subset (e.g. A)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        articles, prediction = work / "articles.jsonl", work / "out.nq"
        subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--make-input",
                        "--gold-dir", str(args.gold_dir), "-o", str(articles)], check=True,
                       capture_output=True)
        subprocess.run([str(NEWSGRAPH), "extract", str(articles), "-f", "nquads", "-o",
                        str(prediction)], check=True, capture_output=True)
        for name, stems in subsets(args.gold_dir).items():
            out = score(args.gold_dir, stems, prediction, work, args.details == name)
            if args.details == name:
                print(out)
            print(f"{name:>7} ({len(stems):2d}): {out.strip().splitlines()[-1]}")


if __name__ == "__main__":
    main()
