"""Plain Python objects passed between the steps of the loader.

Extraction produces these with character offsets into the article text; the
RDF mapping is the only step that knows the vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    title: str | None = None
    author: str | None = None  # the byline, as the page gives it
    language: str | None = None  # ISO 639-1, where the source says or it was detected
    origin: str = ""  # where it was read from, for messages: "a.jsonl:12"


@dataclass(frozen=True)
class Mention:
    text: str
    start: int
    end: int


@dataclass
class Actor:
    key: str  # canonical name; one real-world actor, one key
    name: str
    type: str  # Person | Organization | State | ArmedGroup
    aliases: set[str] = field(default_factory=set)
    role: str | None = None
    wikidata: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    kind: str | None = None  # the gazetteer's kind of organisation: "armed_forces", ...
    country: str | None = None  # ISO alpha-3 of the state it belongs to, from the gazetteer


@dataclass
class Place:
    key: str
    name: str
    aliases: set[str] = field(default_factory=set)
    wikidata: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass(frozen=True)
class Statement:
    speaker: str  # Actor.key
    quote: str
    kind: str  # direct | partial | indirect
    start: int  # offsets of the quote in the text, end exclusive
    end: int
    stated_on: date | None = None
    location: str | None = None  # Place.key


@dataclass(frozen=True)
class Deployment:
    deployer: str  # Actor.key
    destination: str  # Actor.key or Place.key
    start: int  # offsets of the evidence span
    end: int
    status: str  # confirmed | reported | planned | denied
    count: int | None = None
    qualifier: str | None = None  # exact | about | more_than | at_least | up_to
    unit: str | None = None
    reported_by: str | None = None  # Actor.key
    destination_is_place: bool = False


@dataclass
class Extraction:
    article: Article
    actors: dict[str, Actor]
    places: dict[str, Place]
    statements: list[Statement]
    deployments: list[Deployment]
