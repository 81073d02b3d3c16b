"""The offline gazetteer of well-known states, organisations and people.

Built by tools/build_gazetteer.py from ../shared/gazetteer and shipped in
``loader/data/gazetteer.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib.resources import files


@dataclass(frozen=True)
class Entry:
    name: str
    type: str  # State | Organization | Person
    wikidata: str | None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    capital_wikidata: str | None = None  # the capital city's item (all its spellings)
    role: str | None = None
    country: str | None = None  # ISO alpha-3 of the state an organisation or person belongs to
    kind: str | None = None  # organisations: ministry, armed_forces, national_agency, ...
    iso2: str | None = None  # states: ISO alpha-2, as maps key countries


@dataclass
class Gazetteer:
    entries: list[Entry]
    by_name: dict[str, Entry] = field(default_factory=dict)
    by_demonym: dict[str, Entry] = field(default_factory=dict)
    by_capital: dict[str, Entry] = field(default_factory=dict)
    by_country: dict[str, Entry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Earlier entries win: states are listed first, so "Georgia" stays the state.
        for entry in self.entries:
            for name in (entry.name, *entry.aliases):
                # News prints the apostrophe straight or curly: both spellings are names.
                for spelling in {name, name.replace("'", "’"), name.replace("’", "'")}:
                    self.by_name.setdefault(spelling, entry)
            for demonym in entry.demonyms:
                self.by_demonym.setdefault(demonym, entry)
            for capital in entry.capitals:
                self.by_capital.setdefault(capital, entry)
            if entry.type == "State" and entry.country:
                self.by_country.setdefault(entry.country, entry)

    @classmethod
    def load(cls) -> Gazetteer:
        data = json.loads(files("newsgraph.loader").joinpath("data/gazetteer.json")
                          .read_text(encoding="utf-8"))
        entries = [Entry(name=s["name"], type="State", wikidata=s["wikidata"],
                         aliases=tuple(s["alt_names"]), demonyms=tuple(s["demonyms"]),
                         capitals=tuple(s["capitals"]),
                         capital_wikidata=s.get("capital_wikidata"), country=s["iso3"],
                         iso2=s.get("iso2"))
                   for s in data["states"]]
        entries += [Entry(name=o["name"], type="Organization", wikidata=o["wikidata"],
                          aliases=tuple(o["alt_names"]), country=o["country"], kind=o["kind"])
                    for o in data["organizations"]]
        entries += [Entry(name=p["name"], type="Person", wikidata=p["wikidata"],
                          aliases=tuple(p["alt_names"]), role=p["role"], country=p["country"])
                    for p in data["people"]]
        return cls(entries)

    def surface_forms(self) -> list[str]:
        """Every name, alias, demonym and capital, for phrase matching."""
        return sorted({*self.by_name, *self.by_demonym, *self.by_capital})
