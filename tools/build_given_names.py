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
the table lacks. Names at least (1 - LEANING) of one gender but not (1 - THRESHOLD)
("Bernie", "Chris") are kept apart: they are not sure enough to say a capitalised
word is a given name, but enough that "she" looks past a Chris. A classification
of names, not of people: the extractor lets a title ("Ms.", "spokeswoman") in the
article overrule it.
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
LEANING = 0.2
NAME = re.compile(r"^[a-z][a-z'-]*[a-z]$")


def build(name_data: dict[str, list]) -> dict[str, object]:
    feminine, masculine, leaning_feminine, leaning_masculine = [], [], [], []
    for name, (_sources, count, p_female, *_rest) in name_data.items():
        if count < MIN_COUNT or not NAME.match(name):
            continue
        if p_female >= 1 - THRESHOLD:
            feminine.append(name)
        elif p_female <= THRESHOLD:
            masculine.append(name)
        elif p_female >= 1 - LEANING:
            leaning_feminine.append(name)
        elif p_female <= LEANING:
            leaning_masculine.append(name)
    return {
        "source": "nomquamgender 0.1.4 (https://pypi.org/project/nomquamgender/), MIT licence, "
                  "Copyright (c) 2022 Ian Van Buskirk",
        "min_count": MIN_COUNT, "threshold": THRESHOLD, "leaning": LEANING,
        "feminine": sorted(feminine), "masculine": sorted(masculine),
        "leaning_feminine": sorted(leaning_feminine),
        "leaning_masculine": sorted(leaning_masculine),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name_data", type=Path, help="nomquamgender's name_data.json")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    table = build(json.loads(args.name_data.read_text(encoding="utf-8")))
    args.output.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n",
                           encoding="utf-8")
    print(f"{len(table['feminine'])} feminine and {len(table['masculine'])} masculine names, "
          f"{len(table['leaning_feminine']) + len(table['leaning_masculine'])} leaning "
          f"-> {args.output}")


if __name__ == "__main__":
    main()
