#!/usr/bin/env python3
"""Build the table of given names and the gender news most often means by them.

    pip download --no-deps nomquamgender==0.1.4 -d /tmp/nqg && unzip /tmp/nqg/*.whl -d /tmp/nqg
    python tools/build_given_names.py /tmp/nqg/nomquamgender/name_data.json

"she said" cannot mean a Donald or "he said" a Michelle; the extractor reads a
person's given name to tell. The source is nomquamgender (Van Buskirk, Clauset and
Larremore, 2022; MIT licence): for each name, in how many of its 36 sources it was
seen, how many people bore it, and the share of them gendered female. Only names
borne by at least MIN_COUNT people and at least (1 - THRESHOLD) of one gender are
kept (THRESHOLD is the package's own default); the rest say nothing, as do names
the table lacks. A classification of names, not of people: the extractor lets a
title ("Ms.", "spokeswoman") in the article overrule it.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUTPUT = HERE.parent / "loader" / "data" / "given_names.json"
MIN_COUNT = 100
THRESHOLD = 0.1
NAME = re.compile(r"^[a-z][a-z'-]*[a-z]$")


def build(name_data: dict[str, list]) -> dict[str, object]:
    feminine, masculine = [], []
    for name, (_sources, count, p_female, *_rest) in name_data.items():
        if count < MIN_COUNT or not NAME.match(name):
            continue
        if p_female >= 1 - THRESHOLD:
            feminine.append(name)
        elif p_female <= THRESHOLD:
            masculine.append(name)
    return {
        "source": "nomquamgender 0.1.4 (https://pypi.org/project/nomquamgender/), MIT licence, "
                  "Copyright (c) 2022 Ian Van Buskirk",
        "min_count": MIN_COUNT, "threshold": THRESHOLD,
        "feminine": sorted(feminine), "masculine": sorted(masculine),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name_data", type=Path, help="nomquamgender's name_data.json")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    table = build(json.loads(args.name_data.read_text(encoding="utf-8")))
    args.output.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n",
                           encoding="utf-8")
    print(f"{len(table['feminine'])} feminine and {len(table['masculine'])} masculine names "
          f"-> {args.output}")


if __name__ == "__main__":
    main()
