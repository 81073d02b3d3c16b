#!/usr/bin/env python3
"""Find text in the repository that echoes a dev-corpus article, six words at a time.

    python3 tools/corpus_overlap.py [--corpus ../shared/corpus/dev]

The project never copies its articles: every example sentence in code, comments
and tests is made up. This reads every tracked source and documentation file
(not data), lower-cases it to words, and prints each file line holding a run of
six words that also occurs in a corpus article; exit status 1 when any is found.
A run that is a proper name as written here (every word capitalised, or one of
"of", "the", "and" or a possessive "s": "the Harbour Board of Northport")
names a body and copies no sentence, so it is allowed.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORDS = re.compile(r"[a-z0-9]+")
CASED_WORDS = re.compile(r"[A-Za-z0-9]+")
NAME_LINKS = frozenset({"of", "the", "and", "s"})
SIZE = 6
SOURCES = ("loader", "tests", "endpoint", "newsgraph", "tools", "bench", "docs", "README.md")
def is_name(words: list[str]) -> bool:
    return all(w[:1].isupper() or w[:1].isdigit() or w in NAME_LINKS for w in words)


def grams(text: str) -> set[str]:
    words = WORDS.findall(text.lower())
    return {" ".join(words[i:i + SIZE]) for i in range(len(words) - SIZE + 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    args = parser.parse_args()
    articles = sorted(args.corpus.glob("*.txt"))
    if not articles:
        print(f"corpus_overlap: no articles (*.txt) in {args.corpus}; pass --corpus DIR",
              file=sys.stderr)
        return 2
    corpus: set[str] = set()
    for article in articles:
        corpus |= grams(article.read_text(encoding="utf-8"))
    listed = subprocess.run(["git", "ls-files", *SOURCES], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout.split()
    found = 0
    for name in listed:
        if not name.endswith((".py", ".md", ".toml", ".txt", ".cfg", ".html")):
            continue
        lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
        for n, line in enumerate(lines):
            # A sentence may run over the next two lines of a test or a comment.
            window = " ".join(lines[n:n + 3])
            first = len(CASED_WORDS.findall(line))
            cased = CASED_WORDS.findall(window)
            for i in range(min(first, len(cased) - SIZE + 1)):
                run = cased[i:i + SIZE]
                gram = " ".join(run).lower()
                if gram in corpus and not is_name(run):
                    print(f"{name}:{n + 1}: “{gram}”")
                    found += 1
                    break
    print(f"{found} line(s) echo the corpus ({len(articles)} articles, {len(listed)} files)",
          file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
