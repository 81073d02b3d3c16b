"""A lexer for SPARQL text: enough to find braces, keywords and nesting outside strings,
IRIs and comments, without parsing the whole query."""

from __future__ import annotations

import re
from collections.abc import Iterator

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


def nesting_depth(text: str) -> int:
    """How deep braces, brackets and parentheses nest (strings and IRIs do not count)."""
    depth = deepest = 0
    for match in TOKENS.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == "open" or (kind == "other" and token in "(["):
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close" or (kind == "other" and token in ")]"):
            depth -= 1
    return deepest


def find(node: object, names: set[str]) -> Iterator[CompValue]:
    """Every node of an rdflib SPARQL parse tree whose rule is one of ``names``."""
    if isinstance(node, CompValue):
        if node.name in names:
            yield node
        for value in node.values():
            yield from find(value, names)
    elif isinstance(node, (list, tuple)) or hasattr(node, "as_list"):
        for value in node:
            yield from find(value, names)
