"""SPARQL Update, made safe for newsgraph's store before it runs.

Three things are read off an update before pyoxigraph executes it:

* which named graphs it may change, so that the merged default graph can be
  brought up to date for exactly those graphs afterwards (store.py keeps the
  default graph as the merge of the named graphs);
* whether it would make the server fetch anything: ``LOAD`` is refused, as
  ``SERVICE`` outside the allow-list is (services.py) — both are server-side
  request forgery from a public endpoint;
* where the Protocol's ``using-graph-uri`` and ``using-named-graph-uri``
  parameters go: pyoxigraph's update API takes no dataset, so they become
  ``USING`` clauses written into each operation that has a WHERE clause.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rdflib.plugins.sparql.algebra import translatePrologue
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import URIRef, Variable

from .sparqlprologue import explain
from .sparqltext import TOKENS, find
from .vocab import PREFIXES


class UpdateRefused(Exception):
    """An update this server will not run; the message says why, ``status`` the HTTP
    status to answer (403: never allowed here; 400: the text is at fault)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class UpdatePlan:
    graphs: frozenset[str]  # named graphs the update may change
    every_graph: bool  # a GRAPH variable, NAMED or ALL: any named graph may change


def plan_update(text: str, base_iri: str | None = None) -> UpdatePlan:
    """What an update may change; UpdateRefused for LOAD, and for text rdflib's grammar
    cannot read: an update that was not checked must not run (it could LOAD, or change
    a graph the merged default graph would then not follow)."""
    try:
        parsed = parseUpdate(text)
    except RecursionError:
        raise UpdateRefused("the update nests too deeply to be checked; simplify it") from None
    except Exception as err:  # pyparsing's error types
        raise UpdateRefused(f"malformed update, or one this endpoint cannot check: "
                            f"{explain(text, str(err), update=True)}") from None
    graphs: set[str] = set()
    every = False
    for prologue_tree, request in zip(parsed["prologue"], parsed.get("request", []),
                                      strict=False):
        prologue = translatePrologue(prologue_tree, base_iri, initNs=PREFIXES)
        if request.name == "Load":
            raise UpdateRefused("LOAD is not allowed here: it would make the server fetch a "
                                "URL. Send the data in the request (INSERT DATA, or PUT to "
                                "the Graph Store Protocol at /store)", 403)
        for term in _graph_terms(request):
            if isinstance(term, Variable) or term in ("ALL", "NAMED"):
                every = True
            elif term != "DEFAULT" and term is not None:
                resolved = prologue.absolutize(term)
                if isinstance(resolved, URIRef):
                    graphs.add(str(resolved))
    return UpdatePlan(frozenset(graphs), every)


def _graph_terms(request: CompValue) -> Iterator[object]:
    """Every graph an operation writes: quad blocks, WITH, and the targets of CLEAR, DROP,
    CREATE, ADD, MOVE and COPY (MOVE empties its source too)."""
    if "withClause" in request:
        yield request["withClause"]
    if "graphiri" in request:
        yield request["graphiri"]
    yield from request.get("graph", None) or []
    for key in ("quads", "delete", "insert"):
        if key in request and request[key] is not None:
            yield from (n.get("term") for n in find(request[key], {"QuadsNotTriples"}))


# -- the Protocol's dataset parameters ----------------------------------------------------

def add_using(text: str, using: Iterable[str], using_named: Iterable[str]) -> str:
    """Write USING / USING NAMED clauses for the Protocol's dataset parameters into every
    INSERT/DELETE ... WHERE operation. Raises UpdateRefused where the Protocol forbids the
    parameters: an operation that names its own dataset (USING or WITH)."""
    using, using_named = list(using), list(using_named)
    if not using and not using_named:
        return text
    clause = "".join(f" USING <{g}>" for g in using) + "".join(
        f" USING NAMED <{g}>" for g in using_named) + " "
    inserts: list[int] = []
    depth = 0
    modify = own_dataset = False
    previous = ""
    for match in TOKENS.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "end" and depth == 0:
            modify = own_dataset = False
        elif kind == "word" and depth == 0:
            word = token.upper()
            if word in ("INSERT", "DELETE"):
                modify = True
            elif word in ("USING", "WITH"):
                own_dataset = True
            elif word == "WHERE" and modify and previous != "DELETE":
                if own_dataset:
                    raise UpdateRefused("using-graph-uri and using-named-graph-uri cannot be "
                                        "combined with an update that has USING or WITH")
                inserts.append(match.start())
        if kind != "comment" and not token.isspace():
            # "DELETE WHERE" takes no USING: the WHERE right after DELETE is skipped.
            previous = token.upper()
    for position in reversed(inserts):
        text = text[:position] + clause.lstrip() + text[position:]
    return text
