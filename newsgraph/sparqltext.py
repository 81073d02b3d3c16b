"""A lexer for SPARQL text: enough to find braces, keywords and nesting outside strings,
IRIs and comments, without parsing the whole query."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib.plugins.sparql.parserutils import CompValue

TOKENS = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<open>\{) | (?P<close>\}) | (?P<end>;)
  | (?P<word>[A-Za-z_][A-Za-z_0-9-]*)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)



def has_relative_iri(text: str) -> bool:
    """Whether an IRI in the text has no scheme, so that the query needs a base."""
    return any(m.lastgroup == "iri" and ":" not in m.group() for m in TOKENS.finditer(text))


_OPENERS = {"{": 1, "(": 1, "[": 1, "}": -1, ")": -1, "]": -1}


def nesting_depth(text: str) -> int:
    """How deep an engine's recursive parser must go: braces, brackets and parentheses,
    and runs of unary operators ("!!!x", "- - 1"), each one level.

    Strings and comments do not count. What this lexer reads as an IRI does count
    inside: "1<((2))>0" is an IRI to the grammar but a comparison an engine may try
    first, so its parentheses are levels too (no real IRI nests them).
    """
    depth = deepest = unary = 0
    for match in TOKENS.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == "other" and token.isspace():
            continue
        if kind == "other" and token in "!+-":
            unary += 1
            deepest = max(deepest, depth + unary)
            continue
        unary = 0
        if kind == "iri":
            deepest = max(deepest, depth + _inner_depth(token))
        elif kind in ("open", "close", "other") and token in _OPENERS:
            depth += _OPENERS[token]
            deepest = max(deepest, depth)
    return deepest


def _inner_depth(token: str) -> int:
    depth = deepest = 0
    for char in token:
        depth += _OPENERS.get(char, 0)
        deepest = max(deepest, depth)
    return deepest


def find(node: object, names: set[str]) -> Iterator[CompValue]:
    """Every node of an rdflib SPARQL parse tree whose rule is one of ``names``."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name in names:
            yield node
        for value in node.values():
            yield from find(value, names)
    elif isinstance(node, (list, tuple)) or hasattr(node, "as_list"):
        for value in node:
            yield from find(value, names)
