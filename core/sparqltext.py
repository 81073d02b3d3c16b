"""A lexer for SPARQL text: enough to find braces, keywords and nesting outside strings,
IRIs and comments, without parsing the whole query."""

from __future__ import annotations

import re

TOKENS = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<open>\{) | (?P<close>\}) | (?P<end>;)
  | (?P<word>[A-Za-z_][A-Za-z_0-9-]*)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)



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
