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
  | (?P<variable>[?$][\w\u00B7]+)
  | (?P<bnode>_:[\w-]+(?:\.+[\w-]+)*)
  | (?P<pname>(?:[^\W\d_][\w-]*(?:\.+[\w-]+)*)?:(?:[\w:%-]|\\.|\.+(?=[\w:%\\-]))*)
  | (?P<word>[A-Za-z_][A-Za-z_0-9-]*)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)
# A variable (?from), a blank node (_:b) and a prefixed name (ex:graph, ex:from) are
# tokens of their own, so that a keyword is only ever a keyword: "?from" read as the
# word FROM once made a query seem to give its own dataset.



def has_relative_iri(text: str) -> bool:
    """Whether an IRI in the text has no scheme, so that the query needs a base."""
    return any(m.lastgroup == "iri" and ":" not in m.group() for m in TOKENS.finditer(text))


def has_from(text: str) -> bool:
    """Whether the query gives its own dataset (FROM or FROM NAMED)."""
    return any(m.lastgroup == "word" and m.group().upper() == "FROM"
               for m in TOKENS.finditer(text))


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


def scoped_graphs(text: str, hidden: tuple[str, ...], *, bind: str = "__ng") -> str:
    """A query with its GRAPH patterns in the form that an engine keeping graphs of its
    own among the named graphs (Virtuoso: its system graphs, and the named graph that
    holds newsgraph's merge) answers as a SPARQL 1.1 store answers the original:

    * ``GRAPH ?g { P }`` -> ``GRAPH ?g { P } FILTER(?g NOT IN (hidden...))``: the
      engine's own graphs are not among those a variable ranges over;
    * ``GRAPH <iri> { P }`` -> ``GRAPH ?__ng_g1 { P } FILTER(?__ng_g1 = <iri>)``:
      Virtuoso 7.2 finds nothing in a graph named by IRI once the request gives a
      dataset, and finds it by a variable;
    * ``GRAPH x { }`` -> ``GRAPH x { ?__ng_s1 ?__ng_p1 ?__ng_o1 }``: an empty pattern
      does not bind the graph there, and a graph there exists only with a triple.

    Only for queries: an update's templates take no FILTER.
    """
    tokens = [(m.lastgroup, m.group(), m.start(), m.end()) for m in TOKENS.finditer(text)]
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement)
    excluded = ", ".join(f"<{g}>" for g in hidden)
    count = 0
    i = 0
    while i < len(tokens):
        kind, token, start, _end = tokens[i]
        if kind != "word" or token.upper() != "GRAPH":
            i += 1
            continue
        term_at = _significant(tokens, i + 1)
        term = _graph_term(tokens, term_at)
        if term is None:
            i += 1
            continue
        term_text, term_start, term_end, after = term
        open_at = _significant(tokens, after)
        if open_at >= len(tokens) or tokens[open_at][0] != "open":
            i += 1
            continue
        close_at = _matching_close(tokens, open_at)
        if close_at is None:
            return text  # unbalanced: the engine says what is wrong
        count += 1
        if term_text.startswith(("?", "$")):
            variable = term_text
            condition = f"{variable} NOT IN ({excluded})" if hidden else ""
        else:
            variable = f"?{bind}_g{count}"
            edits.append((term_start, term_end, variable))
            condition = f"{variable} = {term_text}"
        if _significant(tokens, open_at + 1) == close_at:
            edits.append((tokens[open_at][3], tokens[open_at][3],
                          f" ?{bind}_s{count} ?{bind}_p{count} ?{bind}_o{count} "))
        if condition:
            close_end = tokens[close_at][3]
            edits.append((close_end, close_end, f" FILTER({condition})"))
        i = after
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _significant(tokens: list[tuple[str, str, int, int]], i: int) -> int:
    """The index of the first token at or after ``i`` that is not space or a comment."""
    while i < len(tokens) and (tokens[i][0] == "comment" or
                               tokens[i][0] == "other" and tokens[i][1].isspace()):
        i += 1
    return i


def _graph_term(tokens, i: int) -> tuple[str, int, int, int] | None:
    """A variable, an IRI or a prefixed name at ``i``: (its text, start, end, next index)."""
    if i >= len(tokens):
        return None
    kind, token, start, end = tokens[i]
    if kind in ("iri", "variable", "pname"):
        return token, start, end, i + 1
    return None


def _matching_close(tokens, open_at: int) -> int | None:
    depth = 0
    for j in range(open_at, len(tokens)):
        if tokens[j][0] == "open":
            depth += 1
        elif tokens[j][0] == "close":
            depth -= 1
            if depth == 0:
                return j
    return None


def without_from(text: str) -> str:
    """The query without its FROM and FROM NAMED clauses: a dataset given by the protocol
    replaces the query's (SPARQL 1.1 Protocol 2.1.4), and an engine that would take both
    must be sent one."""
    tokens = [(m.lastgroup, m.group(), m.start(), m.end()) for m in TOKENS.finditer(text)]
    cuts: list[tuple[int, int]] = []
    depth = 0
    i = 0
    while i < len(tokens):
        kind, token, start, _end = tokens[i]
        depth += 1 if kind == "open" else -1 if kind == "close" else 0
        if depth == 0 and kind == "word" and token.upper() == "FROM":
            j = _significant(tokens, i + 1)
            if j < len(tokens) and tokens[j][0] == "word" and tokens[j][1].upper() == "NAMED":
                j = _significant(tokens, j + 1)
            term = _graph_term(tokens, j)
            if term is not None:
                cuts.append((start, term[2]))
                i = term[3]
                continue
        i += 1
    for start, end in reversed(cuts):
        text = text[:start] + text[end:]
    return text
