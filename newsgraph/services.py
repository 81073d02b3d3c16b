"""Which remote endpoints a query's SERVICE clauses call, checked against an allow-list.

pyoxigraph evaluates ``SERVICE <url>`` by making the HTTP request itself and
offers no switch to turn that off (../shared/design/LESSONS.md), so a public
endpoint must read the query first: otherwise any client could make the
server fetch from addresses only it can reach (server-side request forgery).
The check parses with rdflib's SPARQL grammar, so an IRI inside a string, a
comment or a prefixed name is never mistaken for a SERVICE target.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib.plugins.sparql.algebra import translatePrologue
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.term import URIRef

from .sparqltext import find
from .vocab import PREFIXES

# Most queries never mention SERVICE; they are not parsed a second time.
_MAY_CALL = re.compile(r"service", re.IGNORECASE)


class ServiceRefused(Exception):
    """A SERVICE the allow-list does not admit; the message names the allow-list."""


def check_services(text: str, allowlist: Iterable[str], *, update: bool = False,
                   base_iri: str | None = None) -> None:
    """Raise ServiceRefused unless every SERVICE in ``text`` calls an allow-listed endpoint.

    A SERVICE whose endpoint is a variable is refused: it cannot be checked before
    the query runs; so is text that mentions SERVICE but rdflib's grammar cannot read,
    since an unread query could still call out.
    """
    if not _MAY_CALL.search(text):
        return
    allowed = set(allowlist)
    for target in service_targets(text, update=update, base_iri=base_iri):
        if target is None:
            raise ServiceRefused(
                "SERVICE with a variable endpoint is not allowed here; name the endpoint. "
                + _allowed_sentence(allowed))
        if target not in allowed:
            raise ServiceRefused(f"SERVICE <{target}> is not allowed. "
                                 + _allowed_sentence(allowed))


def service_targets(text: str, *, update: bool = False,
                    base_iri: str | None = None) -> list[str | None]:
    """Endpoint IRIs of every SERVICE in a query or update (None for a variable).

    Raises ServiceRefused when the text does not parse.
    """
    try:
        parsed = parseUpdate(text) if update else parseQuery(text)
    except Exception as err:  # pyparsing's many error types
        raise ServiceRefused(
            "the query mentions SERVICE but its SERVICE endpoints could not be checked "
            f"({' '.join(str(err).split())}); fix the syntax") from err
    if update:
        units = zip(parsed["prologue"], parsed.get("request", []), strict=False)
    else:
        units = [(parsed[0], parsed[1])]
    targets: list[str | None] = []
    for prologue_tree, body in units:
        prologue = translatePrologue(prologue_tree, base_iri, initNs=PREFIXES)
        for term in (n.get("term") for n in find(body, {"ServiceGraphPattern"})):
            resolved = prologue.absolutize(term)
            targets.append(str(resolved) if isinstance(resolved, URIRef) else None)
    return targets


def _allowed_sentence(allowed: set[str]) -> str:
    if not allowed:
        return "This endpoint allows no SERVICE calls."
    return "Allowed SERVICE endpoints: " + ", ".join(sorted(allowed)) + "."
