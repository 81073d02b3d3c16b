#!/usr/bin/env python3
"""Extraction stays linear in an article's length: rules per 1k characters by size.

    .venv/bin/python bench/long_articles.py [--gold-dir ../shared/corpus/dev] [--repeat 3]

Articles of about 10k, 50k and 200k characters are the dev texts run together
(cut at a paragraph break); "normal" is every dev article on its own. Each is
parsed by spaCy once, then the rules (``Extractor.extract_doc``) run on the parsed
document ``--repeat`` times; the median CPU time per 1k characters is printed
beside spaCy's own, with the ratio to a normal article's. The slowest steps of
the longest article are listed too, so a step that went quadratic names itself.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEV = HERE.parent.parent / "shared" / "corpus" / "dev"
SIZES = (10_000, 50_000, 200_000)


def run_together(texts: list[str], size: int) -> str:
    """The texts joined by blank lines, repeated as needed, cut at a paragraph break."""
    parts: list[str] = []
    length = 0
    i = 0
    while length < size:
        text = texts[i % len(texts)].strip()
        parts.append(text)
        length += len(text) + 2
        i += 1
    joined = "\n\n".join(parts)
    cut = joined.rfind("\n\n", 0, size)
    return joined[:cut] if cut > size // 2 else joined[:size]


def rules_cpu(extractor, parsed: list, repeat: int) -> float:
    """Median CPU seconds of the rules over the parsed articles."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        for article, doc in parsed:
            extractor.extract_doc(article, doc)
        times.append(time.process_time() - started)
    return statistics.median(times)


def step_times(extractor, article, doc) -> list[tuple[str, float]]:
    """CPU seconds of each declared step on one parsed article."""
    from newsgraph.loader.extract.extractor import STEPS, Work

    work = Work(article, doc, article.text, extractor.find_actors, extractor.patterns)
    out = []
    for step in STEPS:
        started = time.process_time()
        for name, value in step.run(work).items():
            setattr(work, name, value)
        out.append((step.name, time.process_time() - started))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold-dir", type=Path, default=DEV)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from newsgraph.loader.extract.extractor import Extractor, parsable
    from newsgraph.loader.model import Article

    extractor = Extractor.load()
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.gold_dir.glob("*.txt"))]
    cases: list[tuple[str, list[str]]] = [("normal (each dev article)", texts)]
    cases += [(f"{size // 1000}k characters", [run_together(texts, size)]) for size in SIZES]

    print("| article | characters | spaCy ms per 1k chars | rules ms per 1k chars "
          "| rules vs normal |")
    print("| --- | --- | --- | --- | --- |")
    normal = None
    longest = None
    for label, group in cases:
        chars = sum(len(t) for t in group)
        articles = [Article(id=f"a{i}", text=t) for i, t in enumerate(group)]
        parse_s = 0.0
        docs = []
        for article in articles:
            started = time.process_time()
            docs.append(extractor.nlp(parsable(article.text)))
            parse_s += time.process_time() - started
        rules_s = rules_cpu(extractor, list(zip(articles, docs, strict=True)), args.repeat)
        per_k = 1000 * rules_s / chars * 1000
        normal = normal or per_k
        size = f"{chars:,}" if len(group) == 1 else f"{chars // len(group):,} on average"
        print(f"| {label} | {size} | {1000 * parse_s / chars * 1000:.1f} | {per_k:.1f} "
              f"| {per_k / normal:.2f}× |", flush=True)
        longest = (articles[0], docs[0])
    print("\nSteps on the longest article (CPU ms):\n")
    for name, seconds in sorted(step_times(extractor, *longest), key=lambda x: -x[1]):
        print(f"- {name}: {1000 * seconds:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
