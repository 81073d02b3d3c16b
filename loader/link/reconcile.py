"""Choose the Wikidata item an actor or place is, or none: a wrong link is worse than none.

A candidate is an item whose label or alias is exactly one of the subject's
names (loader/wikidata.py finds them). It must be of a class that fits the
subject's kind, and its score is built from how its name matched plus the
context the articles give:

* name: 0.75 when the item's label is the subject's preferred name, less for
  an alias or another of the subject's names; +0.10 for a state, an
  organisation or an armed group named by its preferred name, since few of
  those share a full name, while many people do;
* country: +0.15 when one of the item's countries (P17/P27) is named in the
  subject's role ("Ukrainian commander"), -0.20 when the role names
  countries and the item has others; else +0.10 when it is a state linked in
  the same articles (+0.05 for a person: a country is weak evidence about
  who someone is), and -0.10 for an organisation whose countries the
  articles never name (a place is often named without its country);
* role: +0.05 per shared word, up to +0.15, between the role and the item's
  description or the positions it held (P39);
* prominence: among several fitting candidates, +0.10 times the item's share
  of their sitelinks, so Rome the capital outranks a small town named Rome;
* ambiguity: when a second candidate scores within ``MARGIN`` of the best,
  the best loses what it lacks of that margin, so look-alikes that the
  context does not tell apart fall below the threshold. A candidate found
  only through another name (an acronym, a surname) does not compete with
  one that carries the preferred name.

A bare exact-name match therefore scores 0.75, under the default threshold
of 0.85: one item named "Ivan Petrenko" in Wikidata is not evidence that it
is the Ivan Petrenko of the article; with the article's country and one
word of the role it is. bench/linking.py calibrates the threshold on
labelled cases.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .wikidata import Candidate

THRESHOLD = 0.85
MARGIN = 0.15

# Which broad classes (loader/wikidata.py CLASSES) fit each kind of subject; an item
# must fall under one. Countries are excluded from places: a country named as a
# destination is a State actor in newsgraph, so a Place of that name is a town or region.
HUMAN = frozenset({"Q5"})
STATE = frozenset({"Q6256", "Q3624078"})
ORGANIZATION = frozenset({"Q43229"})
ARMED = frozenset({"Q17149090", "Q176799"})
PLACE = frozenset({"Q486972", "Q56061", "Q82794", "Q2221906"})

_WORD = re.compile(r"[^\W\d_]+")
_STOP = frozenset({
    "the", "of", "and", "for", "in", "on", "at", "to", "a", "an", "s", "former", "then", "new",
    "deputy", "acting", "chief",
})


@dataclass(frozen=True)
class Subject:
    """An actor or place of the store, with what the articles say about it."""

    iri: str
    kind: str  # Person | Organization | State | ArmedGroup | Place
    label: str
    names: frozenset[str]
    roles: tuple[str, ...] = ()
    role_countries: frozenset[str] = frozenset()  # QIDs of states its roles name
    article_countries: frozenset[str] = frozenset()  # QIDs of states linked beside it


@dataclass(frozen=True)
class Decision:
    subject: Subject
    qid: str | None  # None: not linked
    score: float  # the best candidate's score, linked or not
    label: str = ""  # the chosen (or best) item's label
    reason: str = ""


def lookup_names(subject: Subject) -> set[str]:
    """The names worth looking up: never a lone surname or a one-letter name."""
    names = {subject.label, *subject.names}
    # A dateline's capitals ("KYIV, March 3") are not how Wikidata spells a name.
    names |= {n.title() for n in names if n.isupper() and len(n) > 5}
    if subject.kind == "Person":
        return {n for n in names if len(n.split()) >= 2}
    return {n for n in names if len(n.strip()) >= 2}


def fits(subject: Subject, candidate: Candidate) -> float | None:
    """None when the item's class cannot be the subject's kind, else a type adjustment."""
    classes = candidate.classes
    if subject.kind == "Person":
        return 0.0 if classes & HUMAN else None
    if subject.kind == "State":
        return 0.0 if classes & STATE else None
    if classes & (HUMAN | STATE):
        return None
    if subject.kind == "ArmedGroup":
        if classes & ARMED:
            return 0.0
        return -0.05 if classes & ORGANIZATION else None
    if subject.kind == "Organization":
        return 0.0 if classes & (ORGANIZATION | ARMED) else None
    if subject.kind == "Place":
        return 0.0 if classes & PLACE and not classes & ORGANIZATION else None
    return None


def score(subject: Subject, candidate: Candidate, matched_name: str) -> float | None:
    """The candidate's score before ambiguity, or None when its class does not fit."""
    adjustment = fits(subject, candidate)
    if adjustment is None:
        return None
    preferred = _fold(matched_name) == _fold(subject.label)
    if candidate.by_label:
        name = 0.75 if preferred else 0.65
    else:
        name = 0.65 if preferred else 0.55
    if preferred and subject.kind in ("State", "Organization", "ArmedGroup"):
        name += 0.10
    value = name + adjustment + _country(subject, candidate) + _role(subject, candidate)
    return max(0.0, min(1.0, value))


def _country(subject: Subject, candidate: Candidate) -> float:
    if not candidate.countries:
        return 0.0
    if candidate.countries & subject.role_countries:
        return 0.15
    if subject.role_countries:
        return -0.20
    if candidate.countries & subject.article_countries:
        return 0.05 if subject.kind == "Person" else 0.10
    if subject.article_countries and subject.kind in ("Organization", "ArmedGroup"):
        return -0.10
    return 0.0


def _role(subject: Subject, candidate: Candidate) -> float:
    role_words = {w for r in subject.roles for w in _words(r)}
    if not role_words:
        return 0.0
    item_words = {w for text in (candidate.description, *candidate.positions)
                  for w in _words(text)}
    shared = role_words & item_words
    return min(0.15, 0.05 * len(shared))


def _words(text: str) -> set[str]:
    return {w for w in (_fold(m) for m in _WORD.findall(text)) if w not in _STOP and len(w) > 2}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("’", "'").casefold().split())


def decide(subject: Subject, found: Mapping[str, Iterable[Candidate]],
           threshold: float = THRESHOLD) -> Decision:
    """Link the subject to its best candidate if that clears the threshold unambiguously."""
    best: dict[str, tuple[float, Candidate]] = {}
    by_preferred: set[str] = set()
    preferred = _fold(subject.label)
    for name in lookup_names(subject):
        for candidate in found.get(name, ()):
            value = score(subject, candidate, name)
            if value is None:
                continue
            if _fold(name) == preferred:
                by_preferred.add(candidate.qid)
            if value > best.get(candidate.qid, (-1.0, candidate))[0]:
                best[candidate.qid] = (value, candidate)
    if not best:
        return Decision(subject, None, 0.0, reason="no item of a fitting class has this name")
    if len(best) > 1:
        total = sum(c.sitelinks for _, c in best.values())
        if total:
            best = {q: (min(1.0, v + 0.10 * c.sitelinks / total), c)
                    for q, (v, c) in best.items()}
    ranked = sorted(best.values(), key=lambda pair: (-pair[0], pair[1].qid))
    if ranked[0][1].qid in by_preferred:
        ranked = [pair for pair in ranked if pair[1].qid in by_preferred]
    top, item = ranked[0]
    reason = "unique match" if len(ranked) == 1 else f"{len(ranked)} candidates"
    if len(ranked) > 1:
        runner_up = ranked[1][0]
        top -= max(0.0, MARGIN - (top - runner_up))
    top = round(top, 3)
    if top < threshold:
        return Decision(subject, None, top, item.label,
                        f"best {item.qid} scored {top:.2f}, below {threshold:.2f} ({reason})")
    return Decision(subject, item.qid, top, item.label, reason)
