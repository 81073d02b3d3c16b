"""Predeclared prefixes, and syntax errors told in the user's own lines and columns.

Every query and update that reaches a store through newsgraph (the endpoint, the
``query`` command) may use the vocabulary's prefixes (``ng:``, ``schema:`` …) without
declaring them, and a prefix the query declares itself wins. pyoxigraph takes them
as parser defaults, rdflib as its ``initNs``, so the user's text is parsed as it
was written and every error position is the user's own; only an engine reached
over HTTP gets them as PREFIX lines before the text (``predeclare``).

``explain`` turns a parser's error into what helps a person: where (line, column, the
line with a caret under it), what was found there, or which prefix is unknown;
not the parser's lists of Unicode ranges.
"""

from __future__ import annotations

import re

from .sparqltext import TOKENS
from .vocab import PREFIXES

_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


def predeclare(text: str) -> str:
    """The query or update with the vocabulary prefixes it uses but does not declare
    declared before it, for an engine that cannot be given them otherwise."""
    used = {prefix for prefix, _ in prefixed_names(text)[1]} & set(PREFIXES)
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in PREFIXES if p in used) + text


def explain(text: str, message: str, *, update: bool = False) -> str:
    """A short account of a syntax error in ``text`` (the user's query or update), given
    the message of the engine that parsed it (which may be empty).

    An undeclared prefix is named as such. Otherwise the position is rdflib's (a
    parser that stops where the text stops making sense; Oxigraph's reports the
    furthest point it tried, often the end), else the engine's; the words are ours.
    """
    undeclared = undeclared_prefixes(text)
    if undeclared:
        prefix, offset = undeclared[0]
        line, column = _line_column(text, offset)
        return (f"line {line}, column {column}: unknown prefix {prefix}: — declare it "
                f"(PREFIX {prefix}: <…>) or use one declared already: "
                f"{', '.join(PREFIXES)}{_excerpt(text, line, column)}")
    position = _rdflib_position(text, update) or _engine_position(message)
    if position is None:
        return " ".join(message.split()) or "the store could not parse it"
    line, column = position
    lines = text.split("\n")
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    rest = source[column - 1:].strip()
    if rest:
        what = f"syntax error at {rest.split()[0][:30]!r}"
    elif line < len(lines) and any(s.strip() for s in lines[line:]):
        what = "syntax error at the end of this line"
    else:
        what = "the text ends too soon: is something missing, such as a closing brace?"
    return f"line {line}, column {column}: {what}{_excerpt(text, line, column)}"


def _rdflib_position(text: str, update: bool) -> tuple[int, int] | None:
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        (parseUpdate if update else parseQuery)(text)
    except ParseBaseException as err:
        return err.lineno, err.col
    except Exception:  # noqa: BLE001 - any other failure: no position from this parser
        return None
    return None


def _engine_position(message: str) -> tuple[int, int] | None:
    found = _POSITION.search(message)
    return (int(found.group(1)), int(found.group(2))) if found else None


def undeclared_prefixes(text: str) -> list[tuple[str, int]]:
    """(prefix, offset) of each prefixed name whose prefix neither the text nor newsgraph
    declares, in order; strings, IRIs and comments are not read."""
    declared, used = prefixed_names(text)
    return [(p, at) for p, at in used if p not in declared and p not in PREFIXES]


def prefixed_names(text: str) -> tuple[set[str], list[tuple[str, int]]]:
    """The prefixes the text declares, and (prefix, offset) of every prefixed name it
    uses that is not declared before it."""
    declared: set[str] = set()
    used = []
    previous = None
    for m in TOKENS.finditer(text):
        if m.group().isspace():
            continue
        if m.lastgroup == "pname":
            prefix = m.group().split(":", 1)[0]
            if previous is not None and previous.group().upper() == "PREFIX":
                declared.add(prefix)
            elif prefix not in declared:
                used.append((prefix, m.start()))
        previous = m
    return declared, used


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _excerpt(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    source = lines[line - 1].rstrip() if 0 < line <= len(lines) else ""
    if not source.strip():
        return ""
    if len(source) > 100:  # a long line: the part around the column
        start = max(0, column - 60)
        source, column = source[start:start + 100], column - start
    pad = " " * len(str(line))
    return f"\n  {line} | {source}\n  {pad} | {' ' * (column - 1)}^"
