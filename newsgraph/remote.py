"""A remote SPARQL 1.1 store (Oxigraph server, Fuseki, Virtuoso, GraphDB, QLever) as the store.

Requests go over HTTP through a ``SparqlConnector`` (connector.py); answers come
back as pyoxigraph results, so every caller (cross-article checks, linking,
the web executors) works on the same objects as with the embedded store. An
article is written with the Graph Store Protocol: a PUT of its named graph,
which is idempotent, so any number of loaders on any number of machines may
write at once.

The default graph users query is the *merge* of the article graphs, each
triple once (store.py says why). Engines differ, so ``default_graph`` says who
keeps it:

* ``merged`` — newsgraph writes it into the engine's own default graph
  (Oxigraph server and Fuseki as they come). Each write is three idempotent
  steps, safe under any number of concurrent writers: PUT the article graph,
  have the engine copy it into the default graph, then delete from the default
  graph the triples the article no longer states *and no graph states*. Run in
  any interleaving, the default graph ends as the merge. A writer stopped
  after its PUT leaves the merge short of that article until a rerun copies it
  again (an unchanged article is copied again for that reason); stopped before
  the deletion, it leaves a replaced article's dropped triples in the default
  graph (documented in the README).
* ``union`` — the engine answers the default graph as the union of the named
  graphs itself (Fuseki's ``unionDefaultGraph``, Virtuoso, GraphDB, QLever);
  newsgraph writes the named graphs only.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .config import DEFAULT_GRAPH_MODES
from .connector import SparqlConnector
from .iri import sparql_ref
from .sparqlprologue import predeclare
from .sparqltext import has_relative_iri
from .store import StoreError, WriteOutcome, as_stored, drop_graph_update, to_ntriples

if TYPE_CHECKING:  # rdflib's SPARQL parser costs query executors 0.4 s to import
    from .updates import UpdatePlan

# Triples per INSERT DATA request; a DELETE sends a fifth as many (VALUES rows are longer).
_CHUNK = 5_000


class RemoteStore:
    """A SPARQL 1.1 store over HTTP, with the embedded store's interface."""

    snapshot: str | None = None  # no snapshots: the engine publishes its own writes

    def __init__(self, connector: SparqlConnector, *, default_graph: str = "merged") -> None:
        if default_graph not in DEFAULT_GRAPH_MODES:
            raise StoreError(f"default graph mode {default_graph!r}: give merged or union")
        self.connector = connector
        self.default_graph_mode = default_graph

    # -- reading ---------------------------------------------------------------------

    def ping(self) -> None:
        """Raise StoreError unless the query endpoint answers a trivial query."""
        self.query("ASK { }")

    def refresh(self) -> bool:
        return False

    def query(self, query: str, *, default_graph=None, named_graphs=None,
              base_iri: str | None = None, union_default_graph: bool = False,
              max_bytes: int | None = None,
              ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a query on the engine; the answer as pyoxigraph results.

        A query the engine rejects as malformed raises SyntaxError with its message,
        as the embedded store does. ``max_bytes`` caps the answer read off the wire
        (ValueError past it).
        """
        if union_default_graph:
            raise ValueError("a remote store's default graph is set up on the engine")
        reply = self.connector.query(predeclare(_with_base(query, base_iri)),
                                     default_graphs=default_graph,
                                     named_graphs=named_graphs, max_bytes=max_bytes)
        if reply.is_graph:
            return _as_query_triples(reply.body)
        return ox.parse_query_results(reply.body, format=ox.QueryResultsFormat.JSON)

    def graph_names(self) -> list[str]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return sorted(r["g"].value for r in rows if isinstance(r["g"], ox.NamedNode))

    def graph_ntriples(self, graph_iri: str | None) -> bytes:
        """A graph as N-Triples; None is the (merged) default graph."""
        where = ("?s ?p ?o" if graph_iri is None
                 else f"GRAPH {sparql_ref(graph_iri)} {{ ?s ?p ?o }}")
        result = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}")
        return result.serialize(format=ox.RdfFormat.N_TRIPLES)

    def graph_triples(self, graph_iri: str) -> set[ox.Triple] | None:
        """A named graph's triples, or None if there is no such graph."""
        g = sparql_ref(graph_iri)
        found = self.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH {g} {{ OPTIONAL {{ ?s ?p ?o }} }} }}")
        rows = list(found)
        if not rows:
            return None
        return {ox.Triple(r["s"], r["p"], r["o"]) for r in rows if r["s"] is not None}

    def default_graph_size(self) -> int:
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(next(iter(rows))["n"].value)

    # -- writing ---------------------------------------------------------------------

    def replace_graph(self, graph_iri: str, ntriples: str) -> WriteOutcome:
        """Make ``graph_iri`` hold exactly ``ntriples``, the merged default graph following.

        Literals are written in the canonical form SPARQL Update gives them, so the
        article graph and the merge hold the same terms. An unchanged graph is not
        written again, but is copied into the merge again: a writer stopped between
        its PUT and that copy left the merge short, and the rerun makes it whole.
        """
        new = as_stored(ntriples)
        old = self.graph_triples(graph_iri)
        merged = self.default_graph_mode == "merged"
        if old and old == new:
            if merged:
                self._copy_to_default([graph_iri])
            return WriteOutcome.UNCHANGED
        self.connector.put_graph(graph_iri, to_ntriples(new).encode("utf-8"),
                                 "application/n-triples")
        if merged:
            # Copied by the engine, not sent again: blank nodes keep their identity.
            self._copy_to_default([graph_iri])
            self._forget((old or set()) - new)
        return WriteOutcome.REPLACED if old else WriteOutcome.CREATED

    def remove_graph(self, graph_iri: str) -> bool:
        """Remove a graph and its share of the merge; False if there was none."""
        if self.graph_triples(graph_iri) is None:
            return False
        if self.default_graph_mode == "merged":
            self.connector.update(drop_graph_update(graph_iri))
        else:
            self.connector.update(f"DROP SILENT GRAPH {sparql_ref(graph_iri)}")
        return True

    def add_empty_graph(self, graph_iri: str) -> None:
        self.connector.put_graph(graph_iri, b"", "application/n-triples")

    def update(self, text: str, plan: UpdatePlan, *, base_iri: str | None = None) -> None:
        """Forward a SPARQL Update, then bring the merge up to date for the graphs it
        changed (as the embedded store does, in separate requests)."""
        graphs = set(plan.graphs)
        merged = self.default_graph_mode == "merged"
        if merged and plan.every_graph:
            graphs |= set(self.graph_names())
        before = {g: self.graph_triples(g) or set() for g in graphs} if merged else {}
        self.connector.update(predeclare(_with_base(text, base_iri)))
        if not merged:
            return
        if plan.every_graph:
            graphs |= set(self.graph_names())
        after = {g: self.graph_triples(g) or set() for g in graphs}
        self._copy_to_default(sorted(g for g in graphs if after[g]))
        removed: set[ox.Triple] = set()
        for g in graphs:
            removed |= before.get(g, set()) - after[g]
        self._forget(removed)

    def own_default(self) -> set[ox.Triple]:
        """The default graph's own triples: those that no named graph states."""
        rows = self.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o "
                          "FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }")
        return {ox.Triple(r["s"], r["p"], r["o"]) for r in rows}

    def replace_own_default(self, triples: set[ox.Triple] | None) -> None:
        """Make the default graph's own triples exactly ``triples``. They are deleted
        by pattern and sent again, since blank nodes cannot be named across requests."""
        self.connector.update(_FORGET_OWN)
        ordered = sorted(triples or (), key=str)
        for start in range(0, len(ordered), _CHUNK):
            self.connector.update(f"INSERT DATA {{ {to_ntriples(ordered[start:start + _CHUNK])} }}")

    def bulk_import(self, path: Path, fmt: ox.RdfFormat, graphs: list[str]) -> None:
        """Bulk-load a dataset file through the engine's own loader (a POST of the file
        to the Graph Store endpoint), then add its named graphs to the merge."""
        self.connector.post_dataset(path, fmt.media_type)
        if self.default_graph_mode == "merged":
            self._copy_to_default(graphs)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass

    # -- plumbing --------------------------------------------------------------------

    def _copy_to_default(self, graphs: list[str]) -> None:
        """Add the graphs' triples to the default graph, on the engine (idempotent)."""
        for start in range(0, len(graphs), 50):
            values = " ".join(sparql_ref(g) for g in graphs[start:start + 50])
            self.connector.update(f"INSERT {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {values} }} "
                                  "GRAPH ?g { ?s ?p ?o } }")

    def _forget(self, triples: set[ox.Triple]) -> None:
        """Delete from the default graph those of ``triples`` that no named graph states."""
        named = sorted((t for t in triples if not _blank(t)), key=str)
        step = _CHUNK // 5
        for start in range(0, len(named), step):
            rows = " ".join(f"({t.subject} {t.predicate} {t.object})"
                            for t in named[start:start + step])
            self.connector.update(f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES (?s ?p ?o) {{ {rows} }} "
                                  "?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }")
        if len(named) < len(triples):
            # Blank nodes cannot be named in a request: find them by pattern instead.
            self.connector.update(_FORGET_BLANK)


_FORGET_OWN = ("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o "
               "FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }")
_FORGET_BLANK = ("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) "
                 "FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }")


def _blank(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def _with_base(text: str, base_iri: str | None) -> str:
    """The text with a BASE for its relative IRIs; only when it has some, since the
    engine's error positions would count the added line."""
    if base_iri is None or not has_relative_iri(text):
        return text
    return f"BASE <{base_iri}>\n{text}"


def _as_query_triples(turtle: bytes) -> ox.QueryTriples:
    """Turtle off the wire as pyoxigraph's CONSTRUCT result type, so callers that
    serialise or iterate results need not know where they came from."""
    scratch = ox.Store()
    try:
        scratch.load(turtle, format=ox.RdfFormat.TURTLE)
    except SyntaxError as err:
        raise StoreError(f"the store sent a graph that does not parse: {err}") from None
    return scratch.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
