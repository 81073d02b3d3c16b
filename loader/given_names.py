"""Given names and the gender news most often means by them, for "he" and "she".

Built by tools/build_given_names.py from nomquamgender (MIT) and shipped in
``loader/data/given_names.json``; a name it does not know says nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import files


@dataclass(frozen=True)
class GivenNames:
    feminine: frozenset[str] = frozenset()
    masculine: frozenset[str] = frozenset()
    # Four in five of their bearers of one gender, not nine in ten ("Bernie", "Chris"):
    # enough for "he" and "she", not to call a capitalised word a given name.
    leaning_feminine: frozenset[str] = frozenset()
    leaning_masculine: frozenset[str] = frozenset()

    @classmethod
    def load(cls) -> GivenNames:
        data = json.loads(files("newsgraph.loader").joinpath("data/given_names.json")
                          .read_text(encoding="utf-8"))
        return cls(frozenset(data["feminine"]), frozenset(data["masculine"]),
                   frozenset(data["leaning_feminine"]), frozenset(data["leaning_masculine"]))

    def gender(self, name: str) -> str | None:
        """"feminine", "masculine" or None for a person's full name ("Jane Roe"); a name
        of one word may be a surname and says nothing."""
        return _gender_of(name, self.feminine, self.masculine)

    def likely_gender(self, name: str) -> str | None:
        """The gender "he" or "she" may take a full name to be: as ``gender``, or what
        most of the given name's bearers are."""
        return self.gender(name) or _gender_of(name, self.leaning_feminine,
                                               self.leaning_masculine)


def _gender_of(name: str, feminine: frozenset[str], masculine: frozenset[str]) -> str | None:
    words = name.split()
    if len(words) < 2:
        return None
    first = words[0].lower()
    if first in feminine:
        return "feminine"
    if first in masculine:
        return "masculine"
    return None
