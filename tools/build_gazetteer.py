#!/usr/bin/env python3
"""Build the gazetteer shipped inside the package from ../shared/gazetteer/*.csv.

    python tools/build_gazetteer.py [--source ../shared/gazetteer] [-o loader/data/gazetteer.json]

Only the data is carried over (names, alternative names, demonyms, capitals,
types, roles and verified Wikidata ids); the attributions the sources' licences
ask for are in NOTICE.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE.parent.parent / "shared" / "gazetteer"
DEFAULT_OUTPUT = HERE.parent / "loader" / "data" / "gazetteer.json"
QID = re.compile(r"^Q[1-9][0-9]*$")
# Short codes and non-Latin spellings from the sources are noise for English news.
LATIN = re.compile(r"^[A-Za-z0-9À-ɏ .,'’()&-]+$")


# Seats of government that news uses for the government itself ("the Kremlin said").
# The guideline makes a state and its government one actor, so these are names of
# the state, not organisations of their own.
SEATS_OF_GOVERNMENT = {
    "White House": "USA", "Kremlin": "RUS", "Downing Street": "GBR", "Élysée": "FRA",
    "Elysee": "FRA", "Élysée Palace": "FRA", "Blue House": "KOR", "Zhongnanhai": "CHN",
}
# Capitals that news uses for an international organisation seated there, not for
# the host state's government ("Brussels warned" is the EU).
SEATS_OF_ORGANIZATIONS = {"Brussels": "European Union"}


def split(field: str | None) -> list[str]:
    return [v.strip() for v in (field or "").split("|") if v.strip()]


def qid(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if QID.match(value) else None


def usable_name(name: str) -> bool:
    # Two-letter codes ("KV", "RF") collide with ordinary words and initials in prose.
    if len(name) <= 2:
        return False
    if "," in name:  # inverted catalogue forms: "Korea, Republic of"
        return False
    return bool(LATIN.match(name))


def capital_names(capital: str) -> list[str]:
    names = [capital] if capital else []
    short = re.sub(r"\s+D\.?C\.?$", "", capital).strip()
    if short and short != capital:
        names.append(short)
    return names


def states(rows: list[dict[str, str]]) -> list[dict[str, object]]:
    out = []
    for row in rows:
        demonyms = split(row["demonyms"])
        # A two-letter code is kept where the source also lists it as an attributive
        # form ("US", "UK"): that is news usage, not a catalogue code.
        alt = [n for n in split(row["alt_names"]) if usable_name(n) or n in demonyms]
        if row["official_name"] and row["official_name"] != row["name"]:
            alt.insert(0, row["official_name"])
        alt += [seat for seat, iso3 in SEATS_OF_GOVERNMENT.items() if iso3 == row["iso3"]]
        out.append({
            "name": row["name"],
            "alt_names": sorted(set(alt) - {row["name"]}, key=alt.index),
            "demonyms": demonyms,
            "capitals": [c for c in capital_names(row["capital"].strip())
                         if c not in SEATS_OF_ORGANIZATIONS],
            "wikidata": qid(row["wikidata"]),
            "capital_wikidata": qid(row["capital_wikidata"]),
            "iso2": row["iso2"],
            "iso3": row["iso3"],
            "status": row["status"],
        })
    return out


def without_qualifier(name: str) -> list[str]:
    """'National Intelligence Service (South Korea)' is written without its qualifier in news."""
    bare = re.sub(r"\s*\([^)]*\)$", "", name).strip()
    return [bare] if bare and bare != name else []


def organizations(rows: list[dict[str, str]]) -> list[dict[str, object]]:
    rows = [row for row in rows if row["name"] not in SEATS_OF_GOVERNMENT]
    return [{
        "name": row["name"],
        "alt_names": split(row["alt_names"]) + without_qualifier(row["name"]) + [
            seat for seat, org in SEATS_OF_ORGANIZATIONS.items() if org == row["name"]],
        "kind": row["type"],
        "country": row["country_iso3"] or None,
        "wikidata": qid(row["wikidata"]),
    } for row in rows]


def people(rows: list[dict[str, str]]) -> list[dict[str, object]]:
    return [{
        "name": row["name"],
        "alt_names": split(row["alt_names"]),
        "role": row["role"] or None,
        "country": row["country_iso3"] or None,
        "wikidata": qid(row["wikidata"]),
    } for row in rows]


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    try:
        data = {
            "source": "shared/gazetteer (see NOTICE.md for sources and licences)",
            "states": states(read(args.source / "countries.csv")),
            "organizations": organizations(read(args.source / "organizations.csv")),
            "people": people(read(args.source / "people.csv")),
        }
    except (OSError, KeyError, csv.Error) as err:
        print(f"build_gazetteer: cannot read {args.source}: {err}", file=sys.stderr)
        return 2
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    counts = {k: len(v) for k, v in data.items() if isinstance(v, list)}
    print(f"wrote {args.output}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
