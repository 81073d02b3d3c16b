"""Find the actors and places an article names, one entry per real-world actor.

Sources of names, strongest first: the gazetteer (states with their
capitals and demonyms, well-known organisations and people), organisations
described by possession ("South Korea's spy agency"), spaCy's entities, and
bodies of troops named by a demonym ("North Korean troops"). Every name the
article uses for one actor becomes an alias of that actor.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import cached_property

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newsgraph.iri import slug

from ..gazetteer import Entry, Gazetteer
from ..given_names import GivenNames
from ..model import Actor, Mention, Place
from .lexicon import (
    COMPASS_WORDS,
    DOCUMENT_NOUNS,
    FORMATIONS,
    GROUP_MEMBERS,
    GROUP_NOUNS,
    HONORIFICS,
    MEDIA_NOUNS,
    MISSION_HEADS,
    NAME_PARTICLES,
    ORG_HEADS,
    PERSON_NOUNS,
    PLACE_HEADS,
    PLACE_PREPOSITIONS,
    REGION_WORDS,
    ROLE_WORDS,
    SPEECH_VERBS,
    TROOP_NOUNS,
    VESSELS,
)

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


@dataclass
class ActorIndex:
    """Actors and places of one article, and where each is named."""

    # The article's text, read once: spaCy's Doc.text rebuilds the string at every access.
    text: str = ""
    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    # (start, end, key) of every actor mention, in text order.
    actor_spans: list[tuple[int, int, str]] = field(default_factory=list)
    # (start, end, state key) of demonyms used attributively ("North Korean troops").
    demonym_spans: list[tuple[int, int, str]] = field(default_factory=list)
    # (start, end, armed group key, state key) of troop phrases.
    troop_spans: list[tuple[int, int, str, str]] = field(default_factory=list)
    # Offset of a counted plural demonym ("75 Norwegians") -> the state its people are of.
    counted_people: dict[int, str] = field(default_factory=dict)
    # Offset of a plural demonym after "the" ("the Norwegians said") -> its state.
    nationals: dict[int, str] = field(default_factory=dict)
    # Regions and the state that holds them, where the text says so.
    place_states: dict[str, str] = field(default_factory=dict)
    # Spans of quoted speech, for resolving references outside them: sorted, disjoint.
    quoted: list[tuple[int, int]] = field(default_factory=list)
    # Given names and their usual gender (shared, read-only).
    given_names: GivenNames = field(default_factory=GivenNames)
    # The gazetteer's states by ISO alpha-3 code (shared, read-only).
    country_states: dict[str, Entry] = field(default_factory=dict)
    # States known only by demonym so far; they become actors when they act.
    demonym_states: dict[str, Entry] = field(default_factory=dict)
    # Missions named "<body> ... Mission in <state>": the mission's key, the body that
    # runs it ("the Nordic Union Support Mission in Latvia": the Nordic Union).
    mission_bodies: dict[str, str] = field(default_factory=dict)

    def state_of(self, key: str, surface: str) -> str | None:
        """The state whose army a mention names by demonym ("Russian military"), made
        an actor; None otherwise (a private army named by its own name stays itself)."""
        actor = self.actors.get(key)
        entry = self.country_states.get(actor.country) if actor and actor.country else None
        if entry is None or not any(surface.startswith(d + " ") for d in entry.demonyms):
            return None
        return self.ensure_state(entry)

    def ensure_state(self, entry: Entry) -> str | None:
        """Make a gazetteer state an actor of the article; its key, or None."""
        self.demonym_states.setdefault(entry.name, entry)
        return entry.name if self.ensure_actor(entry.name) else None

    def ensure_actor(self, key: str) -> bool:
        """Make a state named only by its demonym an actor; False if ``key`` is unknown."""
        if key in self.actors:
            return True
        entry = self.demonym_states.get(key)
        if entry is None:
            return False
        self.actors[key] = Actor(key=key, name=entry.name, type=entry.type,
                                 wikidata=entry.wikidata)
        return True
    place_spans: list[tuple[int, int, str]] = field(default_factory=list)

    def actor_in(self, start: int, end: int) -> str | None:
        """The first actor named inside [start, end)."""
        return _first_inside(self.actor_spans, start, end)

    def actor_covering(self, start: int, end: int) -> str | None:
        """The actor whose mention covers [start, end), e.g. a name's head token."""
        return _covering(self.actor_spans, start, end)

    def place_covering(self, start: int, end: int) -> str | None:
        """The place whose mention covers [start, end)."""
        return _covering(self.place_spans, start, end)

    def demonym_in(self, start: int, end: int) -> str | None:
        return _first_inside(self.demonym_spans, start, end)

    def state_named_in(self, start: int, end: int) -> str | None:
        """The state the first name inside [start, end) is, or else the state of a
        demonym there, made an actor: "Latvia's side", "the Latvian army"."""
        key = self.actor_in(start, end)
        if key is not None and self.actors[key].type == "State":
            return key
        key = self.demonym_in(start, end)
        return key if key is not None and self.ensure_actor(key) and \
            self.actors[key].type == "State" else None

    def spans_within(self, spans: list[tuple[int, int, str]], start: int,
                     end: int) -> list[tuple[int, int, str]]:
        """Those of the sorted ``spans`` (actor or demonym spans) inside [start, end)."""
        return [span for span in spans[bisect.bisect_left(spans, (start,)):
                                       bisect.bisect_left(spans, (end,))] if span[1] <= end]

    def starting(self, spans: list[tuple[int, int, str]], start: int,
                 end: int) -> list[tuple[int, int, str]]:
        """Those of the sorted ``spans`` that start in [start, end), in text order."""
        return spans[bisect.bisect_left(spans, (start,)):bisect.bisect_left(spans, (end,))]

    def last_before(self, offset: int, types: set[str]) -> str | None:
        """The actor of one of ``types`` named last before ``offset``, outside quotes
        (a name inside someone's quote is not what a later pronoun refers to)."""
        return self.last_where(offset, lambda a: a.type in types, skip_quoted=True)

    def last_where(self, offset: int, accept: Callable[[Actor], bool],
                   skip_quoted: bool = False) -> str | None:
        """The last actor named before ``offset`` that ``accept`` takes."""
        # Backwards from ``offset`` in the sorted spans: the first accepted is the last.
        end = bisect.bisect_left(self.actor_spans, (offset,))
        for s, _e, key in reversed(self.actor_spans[:end]):
            if accept(self.actors[key]) and not (skip_quoted and self.is_quoted(s)):
                return key
        return None

    def is_quoted(self, offset: int) -> bool:
        # ``quoted`` is sorted and disjoint (``merge_spans``): the last span starting at or
        # before the offset is the only one that can hold it.
        i = bisect.bisect_right(self.quoted, (offset, math.inf)) - 1
        return i >= 0 and self.quoted[i][0] <= offset < self.quoted[i][1]


LONGEST_NAME = 300  # characters: no actor's mention is longer


def _covering(spans: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """The key of the first of the sorted ``spans`` that covers [start, end)."""
    # Only spans starting at most a long name's length before ``start`` can cover it
    # (long articles stay linear).
    first = bisect.bisect_left(spans, (start - LONGEST_NAME,))
    last = bisect.bisect_right(spans, (start, math.inf))
    return next((key for s, e, key in spans[first:last] if s <= start and end <= e), None)


def _first_inside(spans: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """The key of the first of the sorted ``spans`` that lies within [start, end)."""
    for s, e, key in spans[bisect.bisect_left(spans, (start,)):]:
        if s >= end:
            return None
        if e <= end:
            return key
    return None


def _introduced_first(people: list[Actor], offset: int) -> Actor | None:
    """Of people who share a surname, the one named before the offset whom the article
    introduced first: news calls its principal by the bare surname and a relative or a
    passer-by sharing it by full or given name ("Sen. Chris Holt … the words of Anne
    Holt … added Holt" is the senator)."""
    before = [p for p in people if any(m.start < offset for m in p.mentions)]
    return min(before, key=lambda p: min(m.start for m in p.mentions)) if before else None


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, with overlapping spans joined into one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# "the Roe-led coalition", "Northport-backed rebels": the name is before the hyphen.
_PARTICIPLES = ("led", "backed", "based", "linked", "aligned", "allied", "run", "owned")
_PARTICIPLE_SUFFIX = re.compile(rf"[-‑–](?:{'|'.join(_PARTICIPLES)})$", re.IGNORECASE)


_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")


def _clean(text: str) -> str:
    text = _PARTICIPLE_SUFFIX.sub("", text.strip())
    text = _POSSESSIVE.sub("", text.strip())
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return text.strip(" ,.;:\"“”")


class ActorFinder:
    """Builds an ``ActorIndex`` for a parsed article; holds the gazetteer matcher."""

    def __init__(self, nlp, gazetteer: Gazetteer, given_names: GivenNames | None = None) -> None:
        self.gazetteer = gazetteer
        self.given_names = given_names or GivenNames()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        forms = gazetteer.surface_forms()
        self.matcher.add("GAZ", list(nlp.tokenizer.pipe(forms)))

    def __call__(self, doc: Doc, text: str | None = None) -> ActorIndex:
        """The index of ``doc``, whose text (``doc.text``) the caller may have read already."""
        index = ActorIndex(text=doc.text if text is None else text,
                           country_states=self.gazetteer.by_country,
                           given_names=self.given_names)
        builder = _Builder(doc, self.gazetteer, index)
        # The tagger's entity each token is in, found once: Doc.ents is rebuilt per access.
        entity_of = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        gaz_spans = [span for span in
                     filter_spans([doc[s:e] for _, s, e in self.matcher(doc)])
                     if not self._inside_a_longer_name(span, entity_of.get(span.start))
                     and not _inside_a_hyphenated_word(span)]
        taken = _Taken(len(index.text))
        for span in self._missions_in_states(doc):
            builder.entity(span)
            taken.add(span)
            self._mission_body(span, index)
        possessive_orgs = self._possessive_orgs(doc, gaz_spans)
        for span in possessive_orgs:
            builder.org_description(span)
            taken.add(span)
        for span in gaz_spans:
            if taken.overlaps(span):
                continue
            builder.gazetteer_span(span)
            taken.add(span)
        for span in _outlet_names(doc, entity_of):
            if not taken.overlaps(span):
                builder.add_actor(span.text, "Organization", span.text, span.start_char,
                                  span.end_char)
                taken.add(span)
        for token in doc:
            # "75 Norwegians and eight Danes arrived": a state's people, counted.
            if token.tag_ not in ("NNS", "NNPS") or not token.text.endswith("s"):
                continue
            entry = self.gazetteer.by_demonym.get(token.text[:-1])
            if entry is not None and any(c.dep_ == "nummod" for c in token.children):
                index.counted_people[token.idx] = entry.name
                index.demonym_states[entry.name] = entry
            elif entry is not None and token.i and doc[token.i - 1].lower_ == "the":
                # "the Norwegians said": the state's side as a body, as "Norway said".
                index.nationals[token.idx] = entry.name
                index.demonym_states[entry.name] = entry
        for span in _regions(doc, self.gazetteer.by_demonym):
            if not taken.overlaps(span):
                builder.region(span)
                taken.add(span)
        for ent in _joined_names(doc):
            if taken.overlaps(ent):
                continue
            builder.entity(ent)
            if ent.label_ in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"):
                # A speaker the tagger took for a title ("WORK_OF_ART") stays free.
                taken.add(ent)
        for span in _unrecognised_speakers(doc, self.given_names):
            if not taken.overlaps(span):
                builder.add_actor(span.text, "Person", span.text, span.start_char, span.end_char)
        builder.bodies_by_apposition()
        builder.merge_people()
        builder.untagged_full_names()
        builder.untagged_surnames()
        builder.defined_acronyms()
        builder.initialisms()
        builder.roles()
        index.actor_spans.sort()
        index.place_spans.sort()
        index.demonym_spans.sort()
        return index

    def _missions_in_states(self, doc: Doc) -> list[Span]:
        """'the Stabilisation Mission in Latvia': the tagger stops before "in", but the
        place a mission or force serves is part of its name."""
        found = []
        for ent in doc.ents:
            if ent.label_ != "ORG" or ent[-1].lower_ not in MISSION_HEADS or \
                    ent.end + 1 >= len(doc) or doc[ent.end].lower_ != "in":
                continue
            first = ent.end + 2 if doc[ent.end + 1].lower_ == "the" else ent.end + 1
            for last in range(min(first + 3, len(doc)), first, -1):
                entry = self.gazetteer.by_name.get(doc[first:last].text)
                if entry is not None and entry.type == "State":
                    start = ent.start + 1 if ent[0].lower_ == "the" else ent.start
                    found.append(Span(doc, start, last, label="ORG"))
                    break
        return found

    def _mission_body(self, span: Span, index: ActorIndex) -> None:
        """The body a mission's name begins with, an actor of the article."""
        key = _clean(span.text)
        for last in range(span.end - 1, span.start, -1):
            entry = self.gazetteer.by_name.get(span.doc[span.start:last].text)
            if entry is not None and entry.type == "Organization" and key in index.actors:
                index.actors.setdefault(entry.name, Actor(
                    key=entry.name, name=entry.name, type=entry.type,
                    wikidata=entry.wikidata, kind=entry.kind))
                index.mission_bodies[key] = entry.name
                return

    def _inside_a_longer_name(self, span: Span, ent: Span | None) -> bool:
        """A state's or capital's name that only begins ``ent``, the tagger's longer name
        of something else: "The Northport Herald", not the state of Northport. A
        possessive ("Northport's Defence Ministry") or an organisation head after it
        keeps the state."""
        # "Douglas Brinkley", "Chad Roe": a capital's or state's name within a person's
        # name is part of the name.
        entry = self.gazetteer.by_name.get(span.text)
        place_name = span.text in self.gazetteer.by_capital or (
            entry is not None and entry.type == "State")
        surname = ent is not None and span.start > ent.start and \
            span.text in self.gazetteer.by_demonym  # "Mark Cuban", "Sarah English"
        if ent is not None and ent.label_ == "PERSON" and len(span) < len(ent) and \
                (place_name or surname) and not any(t.tag_ == "POS" for t in ent):
            return True  # "Chuck Jordan" too
        if ent is not None and ent.label_ in ("GPE", "LOC") and span.end == ent.end and \
                span.start > ent.start and place_name and \
                ent[0].lower_ not in COMPASS_WORDS and ent[0].tag_ != "DT" and \
                not any(t.tag_ == "POS" for t in ent):
            return True  # "New Northport": another place, named after the state
        if ent is None or not (span.end < ent.end and
                               ent.label_ in ("ORG", "WORK_OF_ART", "FAC", "PRODUCT")):
            return False
        if ent.label_ == "ORG" and ent[-1].lower_ in MISSION_HEADS and \
                span.start <= ent.start + 1:
            return True  # "the United Nations Stabilisation Mission": the mission's name
        if span.text not in self.gazetteer.by_capital:
            entry = self.gazetteer.by_name.get(span.text)
            if entry is None or entry.type != "State":
                return False
        rest = span.doc[span.end:ent.end]
        return rest[0].tag_ != "POS" and not any(t.lower_ in ORG_HEADS for t in rest)

    def _possessive_orgs(self, doc: Doc, gaz_spans: list[Span]) -> list[Span]:
        """A state's organisation named by description.

        "Ukraine's military intelligence" (possessive) and "the Lithuanian Defence
        Ministry" (demonym): the state's name, then a few modifier words ending in an
        organisation head noun.
        """
        found = []
        for state in gaz_spans:
            entry = self.gazetteer.by_name.get(state.text)
            is_state = entry is not None and entry.type == "State"
            possessive = is_state and state.end < len(doc) and doc[state.end].tag_ == "POS"
            # "the Northland Coast Guard": a state's name inside a body's proper name.
            named = is_state and state.end < len(doc) and doc[state.end].pos_ == "PROPN" \
                and doc[state.end].is_title
            if possessive:
                first = state.end + 1
            elif state.text in self.gazetteer.by_demonym or named:
                first = state.end
            else:
                continue
            for j in range(first, min(first + 4, len(doc))):
                token = doc[j]
                if token.pos_ not in ("ADJ", "NOUN", "PROPN") or named and not token.is_title:
                    break
                nxt = doc[j + 1] if j + 1 < len(doc) else None
                # A capitalised head ends the name before a common noun: "the Northland
                # Coast Guard officers".
                continues = nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and not (
                    token.is_title and nxt.is_lower)
                if token.lower_ in ORG_HEADS and not continues:
                    opening = state.start + (state[0].lower_ == "the")
                    found.append(doc[opening:j + 1])
                    break
        return found


class _Taken:
    """The characters that a found name already covers: asking whether a span overlaps
    one costs the span's length, not the number of names found (long articles)."""

    def __init__(self, length: int, spans: Collection[tuple[int, int, str]] = ()) -> None:
        self.covered = bytearray(length)
        for start, end, _key in spans:
            self.add_chars(start, end)

    def overlaps(self, span: Span) -> bool:
        return self.overlaps_chars(span.start_char, span.end_char)

    def add(self, span: Span) -> None:
        self.add_chars(span.start_char, span.end_char)

    def overlaps_chars(self, start: int, end: int) -> bool:
        return any(self.covered[start:end])

    def add_chars(self, start: int, end: int) -> None:
        self.covered[start:end] = b"\x01" * (end - start)


class _Builder:
    """Accumulates actors and places for one document."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer, index: ActorIndex) -> None:
        self.doc = doc
        self.gaz = gazetteer
        self.index = index
        self.slugs: dict[str, str] = {}
        self.region_bases: dict[str, str] = {}  # "Kursk" -> "Kursk region"

    @cached_property
    def mid_sentence_words(self) -> frozenset[str]:
        """The words the article writes somewhere other than at a sentence's start."""
        return frozenset(t.text for t in self.doc if not t.is_sent_start)

    # -- adding ----------------------------------------------------------------------

    def add_actor(self, key: str, type_: str, surface: str, start: int, end: int,
                  wikidata: str | None = None, role: str | None = None) -> str:
        # Spellings that mint the same IRI ("People's" / "People’s") are one actor.
        key = self.slugs.setdefault(slug(key), key)
        actor = self.index.actors.get(key)
        if actor is None:
            actor = Actor(key=key, name=key, type=type_, wikidata=wikidata, role=role)
            self.index.actors[key] = actor
        if surface and surface != actor.name:
            actor.aliases.add(surface)
        actor.mentions.append(Mention(surface, start, end))
        self.index.actor_spans.append((start, end, key))
        return key

    def add_place(self, name: str, start: int, end: int, wikidata: str | None = None) -> None:
        place = self.index.places.get(name)
        if place is None:
            if name in self.gaz.by_capital:
                # A capital named as a place is the city (as a speaker it is the
                # government), in its state.
                capital_of = self.gaz.by_capital[name]
                wikidata = wikidata or capital_of.capital_wikidata
                if capital_of.type == "State":
                    self.index.place_states.setdefault(name, capital_of.name)
                    self.index.demonym_states.setdefault(capital_of.name, capital_of)
            place = Place(key=name, name=name, wikidata=wikidata)
            self.index.places[name] = place
        place.mentions.append(Mention(name, start, end))
        self.index.place_spans.append((start, end, name))

    def region(self, span: Span) -> None:
        """'the Kursk region' is a place; a bare 'Kursk' elsewhere is the same place."""
        name = span.text
        self.add_place(name, span.start_char, span.end_char)
        # "Russia's (western) Kursk region": the state the region belongs to.
        for child in span.root.children:
            if child.dep_ == "poss":
                state = self.gaz.by_name.get(_clean(child.text)) or self.gaz.by_name.get(
                    self.doc[child.left_edge.i:child.i + 1].text)
                if state is not None and state.type == "State":
                    self.index.place_states[name] = state.name
                    self.index.demonym_states.setdefault(state.name, state)
        base = span[:-2] if len(span) > 2 and span[-2].lower_ in ("border", "frontier") \
            else span[:-1]
        self.region_bases[base.text] = name

    def add_entry(self, entry: Entry, surface: str, start: int, end: int) -> str:
        key = self.add_actor(entry.name, entry.type, surface, start, end,
                             wikidata=entry.wikidata)
        self.index.actors[key].kind = entry.kind
        self.index.actors[key].country = entry.country if entry.type != "State" else None
        return key

    # -- sources ---------------------------------------------------------------------

    def org_description(self, span: Span) -> None:
        cut = _possessor_end(span)
        if cut < len(span):  # "Russia's foreign ministry"
            possessor = span[:cut]
            state = self.gaz.by_name[possessor.text]
            head_words = span[cut + 1:].text
            self.add_entry(state, possessor.text, possessor.start_char, possessor.end_char)
            demonyms = state.demonyms
        else:  # "the Lithuanian Defence Ministry", "the Lithuania Coast Guard"
            demonym = next((d for d in self.gaz.by_demonym if span.text.startswith(d + " ")),
                           None)
            if demonym is None:
                demonym = next(d for d in self.gaz.by_name if span.text.startswith(d + " ")
                               and self.gaz.by_name[d].type == "State")
                state = self.gaz.by_name[demonym]
            else:
                state = self.gaz.by_demonym[demonym]
            head_words = span.text[len(demonym) + 1:]
            self.index.demonym_spans.append((span.start_char, span.start_char + len(demonym),
                                             state.name))
            self.index.demonym_states[state.name] = state
            demonyms = (demonym,)
        if head_words.lower().split()[-1] == "government":
            # A state's government is the state itself, whatever kind of government it is
            # ("Northland's interim government").
            self.add_entry(state, span.text, span.start_char, span.end_char)
            return
        # "Russia's foreign ministry" is the gazetteer's "Russian Foreign Ministry";
        # "Ukraine's military intelligence agency" its "Ukrainian military intelligence".
        words = head_words.split()
        key = None
        for n in range(len(words), 0, -1):
            head = " ".join(words[:n])
            for demonym in demonyms:
                entry = (self.gaz.by_name.get(f"{demonym} {head.title()}")
                         or self.gaz.by_name.get(f"{demonym} {head}"))
                if entry is not None:
                    key = self.add_entry(entry, span.text, span.start_char, span.end_char)
                    break
            if key is not None:
                break
        if key is None:
            key = self.add_actor(span.text, "Organization", span.text, span.start_char,
                                 span.end_char)
        if cut < len(span):
            # The article's own shorter name for it: "military intelligence".
            self.index.actors[key].aliases.add(head_words)

    def gazetteer_span(self, span: Span) -> None:
        text = span.text
        start, end = span.start_char, span.end_char
        entry = self.gaz.by_name.get(text)
        nxt = self.doc[span.end] if span.end < len(self.doc) else None
        prev = self.doc[span.start - 1] if span.start > 0 else None
        if text in self.gaz.by_capital and entry is None:
            state = self.gaz.by_capital[text]
            if prev is not None and prev.lower_ in PLACE_PREPOSITIONS:
                self.add_place(text, start, end)
            else:
                self.add_entry(state, text, start, end)
            return
        if entry is not None and entry.type == "Organization" and self._of_another_state(
                span, entry):
            return
        if entry is not None and entry.type != "State":
            if self._troop_alias(span, entry):
                return
            self._possessor_state(span)
        if entry is not None and not (text in self.gaz.by_demonym and nxt is not None
                                      and nxt.pos_ in ("NOUN", "PROPN") and entry.type == "State"
                                      and text not in ("U.S.", "US", "UK", "U.K.")):
            self.add_entry(entry, text, start, end)
            if entry.type == "State" and nxt is not None and nxt.lower_ in TROOP_NOUNS:
                self.troops(text, entry, span)
            return
        state = self.gaz.by_demonym.get(text) or entry
        if state is None:
            return
        if nxt is not None and nxt.lower_ in TROOP_NOUNS:
            self.troops(text, state, span)
        elif nxt is not None and nxt.lower_ == "government":
            self.add_entry(state, f"{text} {nxt.text}", start, nxt.idx + len(nxt.text))
        else:
            self.index.demonym_spans.append((start, end, state.name))
            self.index.demonym_states[state.name] = state

    def _of_another_state(self, span: Span, entry: Entry) -> bool:
        """'the Ministry of Foreign Affairs of Latvia': a state's body named by a generic
        name and "of" the state is that state's body, whichever state the gazetteer's
        entry for the bare name belongs to."""
        doc = self.doc
        i = span.end
        if i + 1 >= len(doc) or doc[i].lower_ != "of":
            return False
        first = i + 2 if doc[i + 1].lower_ == "the" else i + 1
        for last in range(min(first + 4, len(doc)), first, -1):
            state = self.gaz.by_name.get(doc[first:last].text)
            if state is None or state.type != "State":
                continue
            if self.gaz.by_country.get(entry.country) is state:
                return False  # the gazetteer's own state: the entry is right
            name = doc[span.start:last].text
            known = self.gaz.by_name.get(name)
            end = doc[last - 1].idx + len(doc[last - 1].text)
            if known is not None:
                self.add_entry(known, name, span.start_char, end)
            else:
                key = self.add_actor(name, "Organization", name, span.start_char, end)
                self.index.actors[key].kind = entry.kind
                self.index.actors[key].country = next(
                    (code for code, e in self.gaz.by_country.items() if e is state), None)
            return True
        return False

    def _troop_alias(self, span: Span, entry: Entry) -> bool:
        """'North Korean troops' is a body of troops first, the national army second."""
        if len(span) < 2 or span[-1].lower_ not in TROOP_NOUNS:
            return False
        state = self.gaz.by_demonym.get(span[:-1].text)
        if state is None:
            return False
        self.troops(span[:-1].text, state, span[:-1])
        return True

    def _possessor_state(self, span: Span) -> None:
        """'South Korea's spy agency' as one name also names South Korea."""
        for token in span:
            if token.tag_ == "POS" and token.i > span.start:
                possessor = self.doc[span.start:token.i]
                state = self.gaz.by_name.get(possessor.text)
                if state is not None and state.type == "State":
                    self.add_entry(state, possessor.text, possessor.start_char,
                                   possessor.end_char)

    def troops(self, demonym: str, state: Entry, span: Span) -> None:
        noun = self.doc[span.end]
        start, end = span.start_char, noun.idx + len(noun.text)
        self.index.demonym_spans.append((span.start_char, span.end_char, state.name))
        self.index.demonym_states[state.name] = state
        key = f"{state.demonyms[0] if state.demonyms else demonym} soldiers"
        self.index.troop_spans.append((start, end, key, state.name))

    def entity(self, ent: Span) -> None:
        doc = ent.doc
        mark = next((t.i for t in ent[1:-1] if t.tag_ == "POS" or (
            t.text in ("’", "'") and doc[t.i - 1].text.endswith("s"))), None)
        if ent.label_ == "ORG" and mark is not None:
            person = Span(doc, mark + 1, ent.end, label="PERSON")
            if _given_name_first(person, self.index.given_names):
                # "Harbour Radio’s Sean Roe": the tagger took the outlet and its host for
                # one name; each is an actor of its own.
                self.entity(Span(doc, ent.start, mark, label="ORG"))
                self.entity(person)
                return
        if ent.label_ == "ORG" and ent[-1].lower_ in FORMATIONS and ent.end < len(doc) and \
                doc[ent.end].like_num and doc[ent.end - 1].whitespace_:
            # "Combat Logistics Battalion 1", "Squadron 363": a unit's number is its name.
            ent = Span(doc, ent.start, ent.end + 1, label="ORG")
        if ent.label_ == "ORG" and ent.start >= 2 and ent.doc[ent.start - 1].lower_ == "of":
            head = ent.doc[ent.start - 2]
            if head.lower_ in ORG_HEADS:
                # "the Ministry of External Affairs": the tagger often keeps only the end.
                ent = Span(ent.doc, ent.start - 2, ent.end, label="ORG")
            elif head.lower_ in ROLE_WORDS and head.text[:1].isupper():
                # "Minister of External Affairs": a title, not a body ("an official of
                # the Trade Council" names the council).
                return
        lead = 0
        while ent.label_ == "PERSON" and len(ent) - lead > 2 and \
                (ent[lead].lower_ in ROLE_WORDS or ent[lead].lower_.rstrip(".") in HONORIFICS):
            lead += 1  # "Treasurer Gary Roe": the role is no part of the name
        if lead:
            ent = Span(ent.doc, ent.start + lead, ent.end, label="PERSON")
        elif ent.label_ == "PERSON" and len(ent) <= 2 and \
                _name_words_before(ent, 1) < ent.start and \
                self.index.given_names.gender(f"{doc[ent.start - 1].text} {ent.text}"):
            # "Odalys Brenner said" with only "Brenner" tagged: the usual given name the
            # tagger left out is part of the name.
            ent = Span(doc, ent.start - 1, ent.end, label="PERSON")
        if all(t.lower_.rstrip(".") in HONORIFICS or t.lower_ in ROLE_WORDS for t in ent) or \
                ent.text.endswith("-"):
            return  # "Lt.": a rank alone names nobody; "Blaze co-": the tagger cut a word
        after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        if len(ent) > 1 and _ORDINAL.match(ent[-1].text) and after is not None and \
                after.lower_.rstrip(".") in HONORIFICS:
            ent = Span(ent.doc, ent.start, ent.end - 1, label=ent.label_)  # "Air Force 1st Lt."
        text = _clean(ent.text)
        if not text or not any(c.isupper() for c in text):
            return
        start = ent.start_char + ent.text.find(text) if text in ent.text else ent.start_char
        end = start + len(text)
        label = ent.label_
        article = self.index.text
        if article[start - 1:start] == "(" and "\n" not in article[:start] and (
                _DATELINE_CREDIT.match(article, end)
                or "," in article[:start] and _DATELINE_RUN_ON.match(article, end)):
            # "RIGA, Sep 14 (NordWire/AFP) - ...", "OSLO, Norway (Wire): ...", "Oslo, May 5
            # (Wire) The ...": the wire credit of a dateline
            return
        if not article[:start].strip() and text.isupper() and article[end:end + 2] in (", ", " ("):
            # "OSLO, Norway (Wire): ...": the dateline's city, a place, never an actor
            self.add_place(text, start, end)
            return
        if text in self.region_bases:
            region = self.index.places[self.region_bases[text]]
            region.aliases.add(text)
            region.mentions.append(Mention(text, start, end))
            self.index.place_spans.append((start, end, region.key))
            return
        entry = self.gaz.by_name.get(text)
        if entry is not None:
            self.add_entry(entry, text, start, end)
            return
        if label in ("PERSON", "ORG") and " " in text and \
                text.split()[-1].lower() in PLACE_HEADS:
            label = "FAC"  # "the Yundum Constituency", "Northport Airport": a place
        before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if label == "ORG" and (_person_after_role(ent) or _given_name_first(
                ent, self.index.given_names) or len(ent) == 1 and _ELIDED_SURNAME.match(text)):
            label = "PERSON"  # "O'Malley interjected": a surname, not a body
        elif label == "ORG" and _described_as_person(ent):
            # "Odo Brisk, the party chairman, said": a name a person's role describes; a
            # given name the tagger left out is part of it.
            start = doc[_name_words_before(ent, 2)].idx
            text = self.index.text[start:end]
            label = "PERSON"
        if label == "GPE" and _given_name_first(ent, self.index.given_names) and \
                _acts_as_person(ent):
            label = "PERSON"
        if label == "PERSON" and (before in VESSELS or ent[0].lower_ in VESSELS):
            return  # "the carrier Harald Dahl": a ship named after someone
        if label == "PERSON" and len(ent) == 1 and before in ("in", "at", "near", "outside"):
            label = "GPE"  # "bases in Goma": one word where people are is a place
        if label == "PERSON":
            # "Park Sun-won": the tagger often stops at the hyphen.
            doc = ent.doc
            k = ent.end
            while k + 1 < len(doc) and doc[k].text == "-" and not doc[k - 1].whitespace_ \
                    and not doc[k].whitespace_ and doc[k + 1].is_alpha \
                    and doc[k + 1].lower_ not in _PARTICIPLES:  # "the Roe-led government"
                k += 2
            if k > ent.end:
                text = self.index.text[start:doc[k - 1].idx + len(doc[k - 1].text)]
                end = start + len(text)
            words = [w for w in text.split() if w.lower().rstrip(".") not in HONORIFICS]
            if words:
                name = " ".join(words)
                offset = text.find(name)
                self.add_actor(name, "Person", name, start + max(offset, 0),
                               start + max(offset, 0) + len(name))
        elif label == "ORG":
            # Title words the tagger takes for organisations: "Defense" Secretary.
            if len(text) < 2 or text.lower() in ROLE_WORDS:
                return
            if " " not in text and text.lower() in ORG_HEADS | GROUP_NOUNS:
                return  # "the Army said", "the Alliance": a description, resolved as one
            if len(ent) == 1 and ent[0].pos_ == "NOUN" and not ent[0].is_upper and \
                    ent[0].is_sent_start and ent[0].text not in self.mid_sentence_words:
                # "Videos posted online show ...": a common noun opening a sentence, unless
                # the article capitalises it elsewhere too ("Bernie Sanders").
                return
            nxt = doc[ent.end] if ent.end < len(doc) else None
            if nxt is not None and nxt.lower_ in ROLE_WORDS and \
                    not any(t.lower_ in ORG_HEADS for t in ent):
                return  # "External Affairs Minister Jane Roe": a title, no body named
            words = text.split()
            if len(words) > 1 and words[-1].islower() and \
                    words[-1].rstrip("s") in GROUP_MEMBERS:
                # "the Northport Legion militia": members of the group, named by it (a
                # capitalised "Force" is part of the name).
                text = " ".join(words[:-1])
                end = start + len(text)
            self.add_actor(text, "Organization", text, start, end)
        elif label in ("GPE", "LOC", "FAC"):
            self.add_place(text, start, end)
        elif label == "NORP":
            state = self.gaz.by_demonym.get(text)
            if state is not None:
                self.index.demonym_spans.append((start, end, state.name))
                self.index.demonym_states[state.name] = state

    # -- consolidation ---------------------------------------------------------------

    def bodies_by_apposition(self) -> None:
        """"Vatra Monitor, a volunteer group watching ...", "the group Vatra Monitor": a
        name in apposition with a body's noun is an organisation, whatever the tagger
        thought."""
        bodies = (GROUP_NOUNS - DOCUMENT_NOUNS) | ORG_HEADS | MEDIA_NOUNS
        for actor in self.index.actors.values():
            # A usual given name outweighs a parse that may have gone wrong.
            if actor.type != "Person" or self.index.given_names.gender(actor.name) is not None:
                continue
            for mention in actor.mentions:
                span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is None:
                    continue
                root = span.root
                nouns = [c for c in root.children if c.dep_ == "appos"]
                if root.dep_ == "appos":
                    nouns.append(root.head)
                if any(n.lower_ in bodies and n.pos_ == "NOUN" for n in nouns):
                    actor.type = "Organization"
                    break

    def merge_people(self) -> None:
        """Fold surnames and single-token organisations into the full-named person."""
        actors = self.index.actors
        full = [a for a in actors.values() if a.type == "Person" and " " in a.name]
        by_last: dict[str, list[Actor]] = {}
        by_first: dict[str, list[Actor]] = {}
        for person in full:
            by_last.setdefault(person.name.split()[-1], []).append(person)
            # Family name first ("Kim Jong Un", "Park Sun-won").
            by_first.setdefault(person.name.split()[0], []).append(person)
        renamed: dict[str, str] = {}
        for key, actor in list(actors.items()):
            if " " in actor.name or actor.type not in ("Person", "Organization"):
                continue
            candidates = by_last.get(actor.name) or by_first.get(actor.name) or []
            if len(candidates) == 1 and candidates[0].key != key:
                target = candidates[0]
                target.aliases.add(actor.name)
                target.aliases |= actor.aliases
                target.mentions += actor.mentions
                renamed[key] = target.key
                del actors[key]
            elif len(candidates) > 1:
                # Ambiguous surname ("Kim"): each mention goes to the person introduced
                # first among those named before it.
                for mention in actor.mentions:
                    target = _introduced_first(candidates, mention.start) or candidates[0]
                    target.aliases.add(actor.name)
                    target.mentions.append(mention)
                renamed[key] = ""
                del actors[key]
        if renamed:
            spans = []
            for s, e, key in self.index.actor_spans:
                if key in renamed:
                    key = renamed[key] or self._owner(s)
                spans.append((s, e, key))
            self.index.actor_spans = spans
        for actor in actors.values():
            actor.aliases.discard(actor.name)
            actor.mentions.sort(key=lambda m: m.start)

    def untagged_surnames(self) -> None:
        """'Singh added': a known person's surname the tagger did not mark, or a person
        known by one name only, where the tagger marked it once and not again."""
        covered = _Taken(len(self.index.text), self.index.actor_spans)
        places = {self.index.text[s:e] for s, e, _k in self.index.place_spans}
        surnames: dict[str, list[str]] = {}
        single: dict[str, str] = {}
        for actor in self.index.actors.values():
            if actor.type == "Person" and " " in actor.name:
                surnames.setdefault(actor.name.split()[-1], []).append(actor.key)
            elif actor.type == "Person" and actor.name.istitle() and actor.name not in places:
                # Not a word read as a place elsewhere ("Northport", tagged a person once).
                single[actor.name] = actor.key
        for name, key in single.items():
            surnames.setdefault(name, [key])
        for token in self.doc:
            keys = surnames.get(token.text)
            # The tagger sometimes takes a rare surname for a common noun or an adjective
            # ("Roe said"); capitalised mid-sentence, or the subject opening a sentence
            # ("Roe fired back"), it is still the name.
            if not keys or not (token.pos_ == "PROPN" or not token.is_sent_start or
                                token.dep_ in ("nsubj", "nsubjpass")):
                continue
            start, end = token.idx, token.idx + len(token.text)
            if covered.overlaps_chars(start, end):
                continue
            # A surname two people share, as merge_people resolves the tagged ones.
            actor = _introduced_first([self.index.actors[k] for k in keys], start)
            if actor is None:
                continue
            given = self.doc[token.i - 1] if token.i else None
            if given is not None and " " in actor.name and \
                    given.text != actor.name.split()[0] and \
                    given.is_title and not covered.overlaps_chars(given.idx, given.idx + 1) and \
                    self.index.given_names.gender(f"{given.text} {token.text}") is not None:
                # "Ivanka Vance" where Gordon Vance is known: a relative, someone else.
                name = f"{given.text} {token.text}"
                self.add_actor(name, "Person", name, given.idx, end)
                covered.add_chars(given.idx, end)
                continue
            actor.aliases.add(token.text)
            actor.mentions.append(Mention(token.text, start, end))
            self.index.actor_spans.append((start, end, actor.key))

    def untagged_full_names(self) -> None:
        """'Mara Quist strode in' where the tagger read the name as a product or as part of
        a noun: a person's full name, marked elsewhere in the article, is the person
        wherever it is written."""
        by_first: dict[str, list[tuple[list[str], str]]] = {}
        for actor in self.index.actors.values():
            words = actor.name.split()
            if actor.type == "Person" and len(words) > 1:
                by_first.setdefault(words[0], []).append((words, actor.key))
        covered = _Taken(len(self.index.text), self.index.actor_spans)
        doc = self.doc
        for token in doc:
            for words, key in by_first.get(token.text, ()):
                if [t.text for t in doc[token.i:token.i + len(words)]] != words:
                    continue
                start = token.idx
                last = doc[token.i + len(words) - 1]
                end = last.idx + len(last.text)
                if covered.overlaps_chars(start, end):
                    continue
                actor = self.index.actors[key]
                actor.mentions.append(Mention(actor.name, start, end))
                self.index.actor_spans.append((start, end, key))
                covered.add_chars(start, end)

    def defined_acronyms(self) -> None:
        """'the Latvian Border Directorate, or LBD' / '... (LBD)': the
        acronym names the same organisation everywhere in the article."""
        text = self.index.text
        # Made at the first acronym (most articles have none), each once: a search of the
        # whole text per acronym grows with the square of a long article's length.
        covered: _Taken | None = None
        written: dict[str, list[tuple[int, int]]] | None = None
        for _start, end, key in list(self.index.actor_spans):
            actor = self.index.actors.get(key)
            if actor is None or actor.type != "Organization":
                continue
            match = _ACRONYM_AFTER.match(text, end)
            if match is None:
                continue
            acronym = match.group(1)
            other = next((a for a in self.index.actors.values() if a is not actor and (
                a.name == acronym or acronym in a.aliases)), None)
            if other is not None and other.name != acronym:
                # The gazetteer already knows the acronym: the text's full name joins it.
                actor, other = other, actor
            actor.aliases.add(acronym)
            if other is not None and other is not actor:
                actor.aliases |= other.aliases | {other.name}
                actor.mentions += other.mentions
                del self.index.actors[other.key]
                self.index.actor_spans = [(s, e, actor.key if k == other.key else k)
                                          for s, e, k in self.index.actor_spans]
            covered = covered or _Taken(len(text), self.index.actor_spans)
            if written is None:
                written = {}
                for found in _ACRONYM.finditer(text):
                    written.setdefault(found.group(), []).append(found.span())
            for s, e in written.get(acronym, ()):
                if not covered.overlaps_chars(s, e):
                    actor.mentions.append(Mention(acronym, s, e))
                    self.index.actor_spans.append((s, e, actor.key))
                    covered.add_chars(s, e)
        actor_aliases_clean(self.index)

    def initialisms(self) -> None:
        """"the Central African Republic ... the C.A.R.": a name made of another actor's
        initials (dots or not) is that actor, when only one actor has those initials."""
        actors = self.index.actors
        by_initials: dict[str, list[Actor]] = {}
        for actor in actors.values():
            # "Ministry of Foreign Affairs of Latvia" is "MFAL" and, without its state, "MFA".
            for name in {actor.name, actor.name.rsplit(" of ", 1)[0]}:
                words = [w for w in re.split(r"[\s-]+", name) if w[:1].isupper()]
                if len(words) >= 2 and actor.type in ("State", "Organization"):
                    by_initials.setdefault("".join(w[0] for w in words), []).append(actor)
        for key, actor in list(actors.items()):
            letters = actor.name.replace(".", "")
            if actor.type != "Organization" or not (2 <= len(letters) <= 6) or \
                    not letters.isalpha() or not letters.isupper():
                continue
            targets = list({t.key: t for t in by_initials.get(letters, [])
                            if t.key != key}.values())
            if len(targets) > 1 and actor.mentions:
                # "the MFA of Latvia": the one whose name ends as the text goes on.
                after = self.index.text[actor.mentions[0].end:actor.mentions[0].end + 60]
                targets = [t for t in targets if " of " in t.name and
                           after.startswith(" of " + t.name.rsplit(" of ", 1)[1])]
            if len(targets) != 1:
                continue
            target = targets[0]
            target.aliases |= actor.aliases | {actor.name}
            target.mentions += actor.mentions
            del actors[key]
            self.index.actor_spans = [(s, e, target.key if k == key else k)
                                      for s, e, k in self.index.actor_spans]
        for key, place in list(self.index.places.items()):
            letters = place.name.replace(".", "")
            targets = by_initials.get(letters, []) if 2 <= len(letters) <= 6 and \
                letters.isalpha() and letters.isupper() else []
            if len(targets) != 1:
                continue
            target = targets[0]
            target.aliases |= place.aliases | {place.name}
            target.mentions += place.mentions
            del self.index.places[key]
            self.index.actor_spans += [(s, e, target.key) for s, e, k in self.index.place_spans
                                       if k == key]
            self.index.place_spans = [span for span in self.index.place_spans if span[2] != key]

    def _owner(self, start: int) -> str:
        for actor in self.index.actors.values():
            if any(m.start == start for m in actor.mentions):
                return actor.key
        raise LookupError(start)

    def roles(self) -> None:
        """A person's title from the words before the name or an apposition after it."""
        for actor in self.index.actors.values():
            if actor.type != "Person" or actor.role:
                continue
            for mention in actor.mentions:
                role = _role_for(self.doc, mention)
                if role:
                    actor.role = role
                    break


_ACRONYM_AFTER = re.compile(r"(?:,\s+or\s+|\s+\()([A-Z][A-Z0-9]{1,7})\b\)?")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,7}\b")  # a whole word that could be one


def actor_aliases_clean(index: ActorIndex) -> None:
    for actor in index.actors.values():
        actor.aliases.discard(actor.name)




def _inside_a_hyphenated_word(span: Span) -> bool:
    """"PORT-AU-PRINCE", "SAINT-CHAD-SUR-MER": a known name glued by hyphens into a longer
    word is part of that word. ("US-led" is the name and a participle: spaCy splits the
    hyphen there too, so only a name with a capitalised word glued on both sides counts.)"""
    doc = span.doc
    if span.start < 2 or span.end + 1 >= len(doc):
        return False
    before, after = doc[span.start - 1], doc[span.end]
    return before.text == "-" and after.text == "-" and not before.whitespace_ and \
        not doc[span.start - 2].whitespace_ and not doc[span.end - 1].whitespace_ and \
        not after.whitespace_ and doc[span.start - 2].text[:1].isupper() and \
        doc[span.end + 1].text[:1].isupper()


def _person_after_role(ent: Span) -> bool:
    """"the network's host Jane Roe": a two- or three-word name right after a person's
    role noun is a person, though the tagger took it for an organisation."""
    if ent.start == 0 or not 2 <= len(ent) <= 3:
        return False
    role = ent.doc[ent.start - 1]
    return role.is_lower and (role.lower_ in PERSON_NOUNS or role.lower_ in ROLE_WORDS) and \
        all(_person_name_word(t) and t.lower_ not in ORG_HEADS
            and t.lower_ not in GROUP_NOUNS for t in ent)


def _only_name_words(ent: Span) -> bool:
    """Capitalised name words, none a body's or an outlet's ("Harbour News Radio")."""
    return all(_person_name_word(t) and t.lower_ not in ORG_HEADS
               and t.lower_ not in GROUP_NOUNS and t.lower_ not in MEDIA_NOUNS for t in ent)


def _given_name_first(ent: Span, given_names: GivenNames) -> bool:
    """"Carly Fiorina" tagged an organisation: two or three capitalised words that open
    with a usual given name and hold no word of a body's or an outlet's name are a
    person."""
    return 2 <= len(ent) <= 3 and given_names.gender(ent.text) is not None and \
        _only_name_words(ent)


def _name_words_before(ent: Span, most: int) -> int:
    """Where a name begins that the tagger cut short: up to ``most`` capitalised words
    right before ``ent``, tagged nothing and bound to it, that are no role or title
    ("Odalys" in "Odalys Brenner" where only "Brenner" is tagged)."""
    doc = ent.doc
    first = ent.start
    while first > 0 and ent.start - first < most:
        before = doc[first - 1]
        if before.ent_type_ != "" or before.dep_ != "compound" or \
                not ent.start <= before.head.i < ent.end or not _person_name_word(before) or \
                before.lower_ in ROLE_WORDS or before.lower_ in PERSON_NOUNS or \
                before.lower_.rstrip(".") in HONORIFICS:
            break
        first -= 1
    return first


def _described_as_person(ent: Span) -> bool:
    """"Odo Brisk, the party chairman": one to three name words with a person's role in
    apposition."""
    return len(ent) <= 3 and _only_name_words(ent) and any(
        c.dep_ == "appos" and c.pos_ == "NOUN" and (
            c.lower_ in PERSON_NOUNS or c.lower_ in ROLE_WORDS) for c in ent.root.children)


def _acts_as_person(ent: Span) -> bool:
    """"Tomas Okafor, legal director …, said" tagged a place: a name that is described by a
    person's role in apposition, or that speaks, is no place ("Carson City, the capital")."""
    root = ent.root
    return any(c.dep_ == "appos" and (c.lemma_.lower() in PERSON_NOUNS or
                                      c.lemma_.lower() in ROLE_WORDS) for c in root.children) \
        or root.dep_ == "nsubj" and root.head.lemma_.lower() in SPEECH_VERBS


# "O’Neill", "D'Amato": a surname with an elided particle, which the tagger often
# takes for a common noun.
_ELIDED_SURNAME = re.compile(r"^[A-Z][’'][A-Z][a-z]+$")


def _person_name_word(token) -> bool:
    return (token.pos_ == "PROPN" and token.is_title and token.is_alpha) or \
        bool(_ELIDED_SURNAME.match(token.text))


# What a capitalised word beside a media noun may be without being the outlet's name.
_NOT_OUTLET_ENTITIES = frozenset({"DATE", "TIME", "GPE", "NORP", "PERSON", "CARDINAL", "ORDINAL"})


def _outlet_names(doc: Doc, entity_of: dict[int, Span]) -> list[Span]:
    """Outlets the tagger missed or took for titles: the capitalised name right after a
    media noun ("the news agency Nordpress", "the publication The Harbour Review") or
    right before it ("the Harbour Gazette newspaper", where the tagger often takes a word
    for a person's name), and a title opening with "The" that reports ("The Evening
    Ledger reported")."""

    def name_word(token, person_ok: bool = False) -> bool:
        ent = entity_of.get(token.i)
        return token.text[:1].isupper() and token.is_alpha and token.lower_ not in ROLE_WORDS \
            and (ent is None or ent.label_ not in _NOT_OUTLET_ENTITIES
                 or person_ok and ent.label_ == "PERSON")

    found = []
    for noun in doc:
        if noun.lower_ not in MEDIA_NOUNS or not noun.is_lower or noun.pos_ != "NOUN":
            continue
        end = noun.i + 1
        while end < len(doc) and end - noun.i <= 4 and name_word(doc[end]):
            end += 1
        if end > noun.i + 1 and not (end < len(doc) and doc[end].pos_ == "PROPN"):
            found.append(doc[noun.i + 1:end])
            continue
        start = noun.i
        while start > 0 and noun.i - start < 4 and doc[start - 1].pos_ == "PROPN" and \
                name_word(doc[start - 1], person_ok=True) and not doc[start - 1].is_upper:
            start -= 1
        # Not "on its Telegram channel": a platform the owner uses, not an outlet.
        if start < noun.i and (start == 0 or doc[start - 1].pos_ != "PROPN"
                               and doc[start - 1].tag_ not in ("PRP$", "POS")):
            found.append(doc[start:noun.i])
    for ent in doc.ents:
        # "The": a person's name never opens with it, a title often does.
        if ent.label_ in ("WORK_OF_ART", "EVENT", "PRODUCT") and len(ent) <= 4 and \
                ent[0].text == "The" and \
                ent.root.dep_ == "nsubj" and ent.root.head.lemma_.lower() in SPEECH_VERBS and \
                all(t.text[:1].isupper() for t in ent):
            found.append(ent)
    return found


def _regions(doc: Doc, demonyms: Collection[str] = ()) -> list[Span]:
    """Proper names followed by a region word: 'Kursk region', 'Donetsk Oblast', and a
    name's adjective that is no state's demonym: 'the Latgalian region' (but not 'the
    Russian region')."""
    found = []
    for token in doc:
        if token.lower_ not in REGION_WORDS or token.i == 0:
            continue
        j = token.i
        if j > 1 and doc[j - 1].lower_ in ("border", "frontier"):
            j -= 1  # "Kursk border region"
        name_end = j
        while j > 0 and doc[j - 1].pos_ == "PROPN" and doc[j - 1].text[:1].isupper():
            j -= 1
        if j == name_end and j > 0 and doc[j - 1].pos_ == "ADJ" and \
                doc[j - 1].text[:1].isupper() and doc[j - 1].text not in demonyms and \
                doc[j - 1].text.endswith("n"):
            j -= 1  # "Transnistrian", "Latgalian": a place's adjective
        if j < name_end:
            found.append(doc[j:token.i + 1])
    return found


# A capitalised word of a name, apostrophes and hyphens inside it ("D’Arcy", "Lloyd-Jones").
_NAME_WORD = re.compile(r"^[A-Z][A-Za-z]*(?:[’'-][A-Za-z]+)*$")


def _unrecognised_speakers(doc: Doc, given_names: GivenNames) -> list[Span]:
    """Full names the tagger missed, where they speak: 'Vassily Nebenzia accused ...',
    '“…,” said union treasurer Gary Roe.'

    Two to four capitalised words ending in the subject of a reporting verb (or the
    inverted one after "said"), after any role words before them; three or four only
    when the first is a usual given name.
    """
    found = []
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in SPEECH_VERBS:
            continue
        for subject in verb.children:
            if subject.pos_ != "PROPN" or not (
                    subject.dep_ == "nsubj" or (subject.dep_ in ("dobj", "attr") and
                                                subject.i > verb.i and not any(
                                                    c.dep_ == "nsubj" for c in verb.children))):
                continue
            tokens = [subject]
            while tokens[0].i > 0 and len(tokens) < 4:
                before = doc[tokens[0].i - 1]
                if before.dep_ != "compound" or before.head.i != subject.i or \
                        before.pos_ != "PROPN" or not _NAME_WORD.match(before.text) or \
                        before.lower_ in ROLE_WORDS or before.lower_ in HONORIFICS or \
                        before.lower_ in ORG_HEADS or before.ent_type_ in ("NORP", "ORG"):
                    break
                tokens.insert(0, before)
            if len(tokens) >= 2 and all(_NAME_WORD.match(t.text) for t in tokens) and (
                    len(tokens) == 2 or given_names.gender(" ".join(t.text for t in tokens))):
                # Three or four words are a person's only when the first is a usual given
                # name: "Harbour Policy Watch first reported" names a body.
                found.append(doc[tokens[0].i:tokens[-1].i + 1])
            elif len(tokens) == 1 and _lone_surname(subject):
                found.append(doc[subject.i:subject.i + 1])
    return found + _dash_credits(doc)


def _lone_surname(token) -> bool:
    """'“…,” Bahn recalled': one capitalised word the tagger marked as nothing, subject of a
    reporting verb, is a surname (a body's name or an acronym the tagger marks, or it is
    upper case; a role or a body's word is no name)."""
    return token.ent_type_ == "" and token.is_title and token.is_alpha and len(token) > 2 \
        and not token.is_stop and token.lower_ not in ROLE_WORDS \
        and token.lower_ not in HONORIFICS and token.lower_ not in ORG_HEADS \
        and token.lower_ not in GROUP_NOUNS and token.lower_ not in PERSON_NOUNS


def _dash_credits(doc: Doc) -> list[Span]:
    """'“…” ― Jane Roe': two to four capitalised words after a dash that follows a
    closing quotation mark, ending the line or the sentence."""
    found = []
    for dash in doc[2:]:
        before = doc[dash.i - 1] if not doc[dash.i - 1].is_space else doc[dash.i - 2]
        if dash.text not in ("―", "—", "–") or before.text not in ("”", '"'):
            continue
        end = dash.i + 1
        while end < len(doc) and doc[end].is_space and "\n" not in doc[end].text:
            end += 1  # a no-break space after the dash
        first = end
        while end < len(doc) and end - first < 4 and doc[end].text[:1].isupper() and \
                doc[end].text.rstrip(".").replace("-", "").isalpha():
            end += 1
        closed = end == len(doc) or doc[end].is_space or doc[end].text in (".", ",", ";", "“",
                                                                             '"')
        if 2 <= end - first <= 4 and closed:
            found.append(doc[first:end])
    return found


_DATELINE_CREDIT = re.compile(r"\)\s*[-–—:]")
_DATELINE_RUN_ON = re.compile(r"\)\s+(?=[A-Z])")



def _joined_names(doc: Doc) -> list[Span]:
    """The tagger's entities, with a name it split at an apostrophe before a particle
    joined again: "Hassan Ali’ al-Rubaie"."""
    ents = list(doc.ents)
    out: list[Span] = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        if i + 1 < len(ents) and ent.label_ == ents[i + 1].label_ == "PERSON":
            nxt = ents[i + 1]
            between = doc[ent.end:nxt.start]
            if len(between) <= 1 and all(t.text in "’'" for t in between) and \
                    nxt[0].lower_ in NAME_PARTICLES:
                out.append(Span(doc, ent.start, nxt.end, label=ent.label_))
                i += 2
                continue
        out.append(ent)
        i += 1
    return _unit_names(doc, out)


def _unit_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """"the 2nd Battalion, 4th Infantry Regiment": a numbered unit and the unit it belongs
    to, after a comma, are one name (the tagger gives two, or leaves the first bare)."""
    def numbered(token) -> bool:
        return token.like_num or token.ent_type_ == "ORDINAL"

    out: list[Span] = []
    for ent in ents:
        k = ent.start - 1 if ent.start > 0 and numbered(doc[ent.start - 1]) else ent.start
        if out and ent.label_ == "ORG" and ent[-1].lower_ in FORMATIONS and k >= 3 \
                and doc[k - 1].text == "," and doc[k - 2].lower_ in FORMATIONS \
                and doc[k - 2].is_title:
            first = k - 2
            while first > 0 and (doc[first - 1].is_title or numbered(doc[first - 1])) and \
                    doc[first - 1].text != ",":
                first -= 1
            if numbered(doc[first]):
                while out and out[-1].end > first:
                    out.pop()  # the tagger's piece of the first unit
                out.append(Span(doc, first, ent.end, label="ORG"))
                continue
        out.append(ent)
    return out


def _possessor_end(span: Span) -> int:
    for i, token in enumerate(span):
        if token.tag_ == "POS":
            return i
    return len(span)




def _after_break(doc: Doc, start: int, end: int) -> int:
    """Where a title can start: after the last punctuation mark in doc[start:end], so a
    dateline is not part of it ("KYIV, March 3 - Ukraine's top commander")."""
    for k in range(end - 1, start - 1, -1):
        if doc[k].is_punct and doc[k].text not in "'’":
            return k + 1
    return start


def _role_for(doc: Doc, mention: Mention) -> str | None:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) < 2:
        return None
    # Title words right before the name: "Defense Secretary Lloyd Austin".
    i = span.start
    j = i
    while j > 0 and doc[j - 1].dep_ in ("compound", "amod", "nmod", "poss", "case") and \
            j - 1 < doc[j - 1].head.i < span.end and doc[j - 1].sent == span.sent:
        j -= 1
    words = doc[_after_break(doc, j, i):i]
    if words and any(t.lower_ in ROLE_WORDS for t in words):
        text = words.text
        return text.strip()
    # Apposition after the name: "John Kirby, the National Security Council spokesman,".
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and child.i > span.end - 1:
            sub = doc[child.left_edge.i:child.right_edge.i + 1]
            if any(t.lower_ in ROLE_WORDS for t in sub) and len(sub) <= 14:
                return re.sub(r"^(?:the|a|an)\s+", "", sub.text.strip(" ,"))
    # The name as apposition of a role: "the deputy spokesperson, Vedant Patel".
    if root.dep_ == "appos" and root.head.i < span.start:
        head = root.head
        sub = doc[_after_break(doc, head.left_edge.i, head.i):head.i + 1]
        if head.lower_ in ROLE_WORDS:
            return re.sub(r"^(?:the|a|an)\s+", "", sub.text.strip(" ,"))
    return None
