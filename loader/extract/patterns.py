"""Structural patterns as data: spaCy ``Matcher`` patterns, each with a name, what it finds
and a made-up sentence it matches (tests/test_patterns.py runs every example).

A step asks the matcher for a pattern's matches by name and checks what the pattern
alone cannot (that the name before the brackets is a state, say).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import Matcher
from spacy.vocab import Vocab


@dataclass(frozen=True)
class Pattern:
    name: str
    finds: str
    tokens: tuple[dict, ...]
    example: str


PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        "contribution",
        "a name followed by a figure in brackets: the troops that state contributes",
        ({"IS_TITLE": True}, {"ORTH": "("}, {"LIKE_NUM": True}, {"ORTH": ")"}),
        "The new mission will draw troops from Kenya (1,200), Ghana (800) and Chad (500).",
    ),
)


def build_matcher(vocab: Vocab, patterns: tuple[Pattern, ...] = PATTERNS) -> Matcher:
    matcher = Matcher(vocab)
    for pattern in patterns:
        matcher.add(pattern.name, [list(pattern.tokens)])
    return matcher
