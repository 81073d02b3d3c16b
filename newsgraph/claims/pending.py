"""Writes the claims have not followed yet, marked in the store itself, so that a small
load rebuilds only its own claims and still nothing is missed.

A load marks itself at its start and again every minute while it writes (one small
named graph per run, under ``{base}graph/claims-pending/``), and removes its mark
once its claims are rebuilt. A web write (SPARQL Update, Graph Store Protocol) leaves
a mark when it is done: it cannot say which claims it touched. The next rebuild that
sees a web write's mark, or the mark of a run not renewed for ``STALE_AFTER`` (a
load that was killed), rebuilds every claim and removes those marks; a run still
renewing its mark is another load at work and rebuilds its claims itself. The
embedded store lets one writer in at a time, so there any other run's mark is of a
load that stopped. Marks live in the store, not on a machine: loads of one remote
store from several machines see each other's.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from newsgraph.store import StoreError
from newsgraph.vocab import NG, new_graph

FOLDER = "graph/claims-pending/"
RENEW_EVERY = 60.0  # seconds between a running load's marks
STALE_AFTER = timedelta(minutes=10)  # a run's mark this old: the load was stopped

_MARKS = """
SELECT ?g ?kind ?at WHERE { GRAPH ?g { ?g a ng:ClaimsPending ; ng:pendingKind ?kind ;
                                          dcterms:modified ?at } }"""


def mark(store, base: str, name: str, kind: str, at: datetime | None = None) -> str:
    """Write (or renew) the mark ``name`` of a kind ("load", "stopped", "web"); its
    graph's IRI."""
    graph = URIRef(f"{base}{FOLDER}{name}")
    stamp = (at or datetime.now(UTC)).isoformat(timespec="seconds")
    g = new_graph(graph)
    g.add((graph, RDF.type, NG.ClaimsPending))
    g.add((graph, NG.pendingKind, Literal(kind)))
    g.add((graph, DCTERMS.modified, Literal(stamp, datatype=XSD.dateTime)))
    store.replace_graph(str(graph), g.serialize(format="nt"))
    return str(graph)


@dataclass(frozen=True)
class Mark:
    graph: str
    kind: str
    at: datetime

    def stale(self, now: datetime, single_writer: bool = False) -> bool:
        """A web write's mark always is; a load's when it was not renewed in time, or at
        once where the store lets one writer in at a time (the one asking)."""
        return self.kind != "load" or single_writer or now - self.at > STALE_AFTER


def marks(store) -> list[Mark]:
    found = []
    for row in store.query(_MARKS):
        try:
            at = datetime.fromisoformat(row["at"].value)
        except ValueError:
            at = datetime.min.replace(tzinfo=UTC)  # unreadable: as old as can be
        found.append(Mark(row["g"].value, row["kind"].value,
                          at if at.tzinfo else at.replace(tzinfo=UTC)))
    return found


def unmark(store, graphs: Iterable[str]) -> None:
    for graph in graphs:
        store.remove_graph(graph)


def web_write(store, base: str) -> str:
    """Mark a web write done: the next load rebuilds every claim."""
    return mark(store, base, f"web-{uuid.uuid4().hex}", "web")


@dataclass
class Run:
    """One load's mark, renewed while it writes."""

    store: object
    base: str
    name: str = field(default_factory=lambda: f"load-{uuid.uuid4().hex}")
    renewed: float = 0.0

    @property
    def graph(self) -> str:
        return f"{self.base}{FOLDER}{self.name}"

    def begin(self) -> Run:
        mark(self.store, self.base, self.name, "load")
        self.renewed = time.monotonic()
        return self

    def renew(self) -> None:
        """Call before each write: the mark is written again once a minute."""
        if time.monotonic() - self.renewed >= RENEW_EVERY:
            self.begin()

    def end(self) -> None:
        unmark(self.store, [self.graph])

    def stop(self) -> None:
        """The load stopped before its claims (an error, Ctrl-C): its mark says so, and
        the next load rebuilds every claim. Killed outright, the mark goes stale."""
        try:
            mark(self.store, self.base, self.name, "stopped")
        except (StoreError, OSError):
            pass  # the store is gone: the mark it has goes stale in time
