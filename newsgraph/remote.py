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
  graphs itself (Fuseki's ``unionDefaultGraph``, GraphDB, QLever); newsgraph
  writes the named graphs only.

Engines differ in more than that, and newsgraph reads which engine it speaks to
from the Server header of its first answer (``Engine``). Virtuoso keeps every
triple in a named graph and refuses a write to "the" default graph: for it the
merge is kept in a named graph of newsgraph's (``iri.default_graph``), made the
default graph of every update (``DEFINE input:default-graph-uri``) and of every
query that gives no dataset of its own; its GRAPH patterns are rewritten so that
its own graphs and the merge's are not named graphs to them
(``sparqltext.scoped_graphs``); it answers ASK as a SELECT with one
``__ASK_RETVAL`` column. docs/stores.md lists the rest.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .config import DEFAULT_GRAPH_MODES
from .connector import SparqlConnector
from .iri import sparql_ref
from .sparqlprologue import predeclare
from .sparqltext import has_from, has_relative_iri, scoped_graphs, without_from
from .store import StoreError, WriteOutcome, as_stored, to_ntriples

if TYPE_CHECKING:  # rdflib's SPARQL parser costs query executors 0.4 s to import
    from .updates import UpdatePlan

# Triples per INSERT DATA request; a DELETE sends a fifth as many (VALUES rows are longer).
_CHUNK = 5_000


@dataclass(frozen=True)
class Engine:
    """What newsgraph must do differently for one SPARQL engine."""

    name: str
    # Whether the merge lives in a named graph made the default graph by a pragma.
    merge_in_named_graph: bool = False
    # Graphs the engine keeps for itself, left out of every request.
    system_graphs: tuple[str, ...] = ()
    # Whether a graph exists only while it holds triples.
    graphs_need_triples: bool = False
    # Whether its Graph Store endpoint takes a whole dataset (TriG, N-Quads) in one POST.
    store_takes_datasets: bool = True


STANDARD = Engine("the SPARQL 1.1 store")
VIRTUOSO = Engine("Virtuoso", merge_in_named_graph=True, graphs_need_triples=True,
                  store_takes_datasets=False,
                  system_graphs=("http://www.openlinksw.com/schemas/virtrdf#",
                                 "http://www.w3.org/ns/ldp#"))


def engine_of(server: str | None) -> Engine:
    """The engine a Server header names ("Virtuoso/07.20.3229 (Linux) ...")."""
    return VIRTUOSO if server and server.lower().startswith("virtuoso") else STANDARD


class RemoteStore:
    """A SPARQL 1.1 store over HTTP, with the embedded store's interface."""

    snapshot: str | None = None  # no snapshots: the engine publishes its own writes

    def __init__(self, connector: SparqlConnector, *, default_graph: str = "merged",
                 merge_graph: str = "urn:x-newsgraph:default-graph") -> None:
        if default_graph not in DEFAULT_GRAPH_MODES:
            raise StoreError(f"default graph mode {default_graph!r}: give merged or union")
        self.connector = connector
        self.default_graph_mode = default_graph
        self.merge_graph = merge_graph  # where an engine like Virtuoso keeps the merge
        self._engine: Engine | None = None
        self._service_graphs: tuple[str, ...] = ()
        self._merge_created = False

    # -- the engine ------------------------------------------------------------------

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self.ping()
        return self._engine or STANDARD

    @property
    def _merge_in_a_graph(self) -> bool:
        """Whether newsgraph keeps the merge in a named graph of its own (Virtuoso)."""
        return self.engine.merge_in_named_graph and self.default_graph_mode == "merged"

    def _update_prologue(self) -> str:
        """Before every update: where "the default graph" is, for an engine that has
        none of its own to write (Virtuoso refuses a write without a target graph)."""
        if self._merge_in_a_graph:
            return f"DEFINE input:default-graph-uri {sparql_ref(self.merge_graph)}\n"
        return ""

    def _default_graphs(self, query: str, given) -> list[str] | None:
        """The default graph a query reads: the caller's, the query's own (FROM), or for
        an engine keeping the merge in a named graph, that graph."""
        if given or not self._merge_in_a_graph or has_from(query):
            return given
        return [self.merge_graph]

    def _hidden_graphs(self) -> tuple[str, ...]:
        """The engine's own graphs, and the one holding the merge: not the store's."""
        hidden = self.engine.system_graphs + self._service_graphs
        return hidden + (self.merge_graph,) if self._merge_in_a_graph else hidden

    def _not_the_merge(self) -> str:
        """For updates (queries are rewritten by scoped_graphs): a filter keeping ?g off
        the named graph that holds the merge."""
        return f"FILTER(?g != {sparql_ref(self.merge_graph)})" if self._merge_in_a_graph else ""

    # -- reading ---------------------------------------------------------------------

    def ping(self) -> None:
        """Raise StoreError unless the query endpoint answers a trivial query; the first
        answer says which engine this is."""
        self.connector.query("ASK { }")
        if self._engine is None:
            self._engine = engine_of(self.connector.server)
            if self._engine is VIRTUOSO:
                # Its service description is a graph of its own, named after its host.
                found = self.connector.query(
                    "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a "
                    "<http://www.w3.org/ns/sparql-service-description#Service> } }")
                rows = ox.parse_query_results(found.body, format=ox.QueryResultsFormat.JSON)
                self._service_graphs = tuple(r["g"].value for r in rows
                                             if isinstance(r["g"], ox.NamedNode))

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
        text = predeclare(_with_base(query, base_iri))
        scoped = self.engine.merge_in_named_graph
        if scoped:
            if default_graph or named_graphs:
                text = without_from(text)  # Virtuoso would read FROM and the dataset both
            text = scoped_graphs(text, self._hidden_graphs(), bind=_BOUND)
        reply = self.connector.query(text,
                                     default_graphs=self._default_graphs(query, default_graph),
                                     named_graphs=named_graphs, max_bytes=max_bytes)
        if reply.is_graph:
            return _as_query_triples(reply.body)
        body = reply.body
        if reply.kind == "ASK":
            body = _boolean_answer(body)
        elif scoped:
            body = _as_standard(body)
        return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)

    def graph_names(self) -> list[str]:
        rows = list(self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"))
        if any(r["g"] is None for r in rows):
            # An engine that matches an empty pattern without binding ?g (Virtuoso): its
            # graphs are those that hold a triple.
            rows = list(self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))
        hidden = set(self._hidden_graphs())
        return sorted(r["g"].value for r in rows
                      if isinstance(r["g"], ox.NamedNode) and r["g"].value not in hidden)

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
        triples = {ox.Triple(r["s"], r["p"], r["o"]) for r in rows if r["s"] is not None}
        if not rows or not triples and self.engine.graphs_need_triples:
            return None
        return triples

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
            try:
                self._copy_to_default([graph_iri])
            except (SyntaxError, StoreError) as err:
                self._put_back(graph_iri, old)
                raise StoreError(self._refused_merge(err)) from None
            self._forget((old or set()) - new)
        return WriteOutcome.REPLACED if old else WriteOutcome.CREATED

    def _put_back(self, graph_iri: str, old: set[ox.Triple] | None) -> None:
        """The graph as it was before this write (none, if there was none)."""
        if old is None:
            self._update(f"DROP SILENT GRAPH {sparql_ref(graph_iri)}")
        else:
            self.connector.put_graph(graph_iri, to_ntriples(old).encode("utf-8"),
                                     "application/n-triples")

    def _refused_merge(self, err: Exception) -> str:
        engine = self.engine.name
        if self.connector.server:
            engine = self.connector.server.split()[0].replace("/", " ")
        if not isinstance(err, SyntaxError):
            return f"{engine} failed to add the article to its default graph ({err}); " \
                "nothing of it was written"
        return (f"{engine} refused to add the article to its default graph ({err}); nothing "
                "of it was written. Set default_graph = union (NEWSGRAPH_DEFAULT_GRAPH=union) "
                "for an engine that answers its default graph as the union of the named "
                "graphs, or give it a writable default graph")

    def remove_graph(self, graph_iri: str) -> bool:
        """Remove a graph and its share of the merge; False if there was none."""
        old = self.graph_triples(graph_iri)
        if old is None:
            return False
        self._update(f"DROP SILENT GRAPH {sparql_ref(graph_iri)}")
        if self.default_graph_mode == "merged":
            # As replace_graph forgets what a graph no longer states: one DELETE pattern
            # over the graph and the merge left Virtuoso's merge graph untouched.
            self._forget(old)
        return True

    def rejoin(self, graph_iris: list[str]) -> None:
        """Copy the graphs into the merge again (idempotent): a load that skips an
        article as unchanged never reaches replace_graph, which would have."""
        if self.default_graph_mode == "merged" and graph_iris:
            self._copy_to_default(graph_iris)

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
        self._update(predeclare(_with_base(text, base_iri)))
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
        self._update(_FORGET_OWN.format(other=self._not_the_merge()))
        ordered = sorted(triples or (), key=str)
        for start in range(0, len(ordered), _CHUNK):
            self._add_to_graph(None, ordered[start:start + _CHUNK])

    def bulk_import(self, path: Path, fmt: ox.RdfFormat, graphs: list[str]) -> None:
        """Bulk-load a dataset file through the engine's own loader (a POST of the file
        to the Graph Store endpoint), then add its named graphs to the merge."""
        if self.engine.store_takes_datasets:
            self.connector.post_dataset(path, fmt.media_type)
        else:
            # Virtuoso's Graph Store endpoint answers a dataset with success and stores
            # nothing: each graph's triples are sent to it on their own, streamed.
            batch: list[ox.Triple] = []
            graph: str | None = None
            for quad in ox.parse(path=str(path), format=fmt):
                name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) \
                    else None
                if batch and (name != graph or len(batch) >= _CHUNK):
                    self._add_to_graph(graph, batch)
                    batch = []
                graph = name
                batch.append(quad.triple)
            if batch:
                self._add_to_graph(graph, batch)
        if self.default_graph_mode == "merged":
            self._copy_to_default(graphs)

    def _add_to_graph(self, graph: str | None, triples: list[ox.Triple]) -> None:
        """Add triples to a named graph, or (None) to the default graph."""
        if graph is None and self._update_prologue():
            # Virtuoso takes no blank node in INSERT DATA: the merge's graph is written
            # through its Graph Store endpoint instead.
            graph = self.merge_graph
        if graph is None:
            self._update(f"INSERT DATA {{ {to_ntriples(triples)} }}")
        else:
            self.connector.post_graph(graph, to_ntriples(triples).encode("utf-8"),
                                      "application/n-triples")

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass

    # -- plumbing --------------------------------------------------------------------

    def _update(self, text: str) -> None:
        prologue = self._update_prologue()
        if prologue and not self._merge_created:
            # Virtuoso's DROP and CLEAR of a graph it has not seen created are errors.
            self.connector.update(f"CREATE SILENT GRAPH {sparql_ref(self.merge_graph)}")
            self._merge_created = True
        self.connector.update(prologue + text)

    def _copy_to_default(self, graphs: list[str]) -> None:
        """Add the graphs' triples to the default graph, on the engine (idempotent)."""
        for start in range(0, len(graphs), 50):
            values = " ".join(sparql_ref(g) for g in graphs[start:start + 50])
            self._update(f"INSERT {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {values} }} "
                         "GRAPH ?g { ?s ?p ?o } }")

    def _forget(self, triples: set[ox.Triple]) -> None:
        """Delete from the default graph those of ``triples`` that no named graph states."""
        named = sorted((t for t in triples if not _blank(t)), key=str)
        other = self._not_the_merge()
        step = _CHUNK // 5
        for start in range(0, len(named), step):
            rows = " ".join(f"({t.subject} {t.predicate} {t.object})"
                            for t in named[start:start + step])
            self._update(f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES (?s ?p ?o) {{ {rows} }} "
                         f"?s ?p ?o FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} {other} }} }}")
        if len(named) < len(triples):
            # Blank nodes cannot be named in a request: find them by pattern instead.
            self._update(_FORGET_BLANK.format(other=other))


_FORGET_OWN = ("DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o "
               "FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} {other} }} }}")
_FORGET_BLANK = ("DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) "
                 "FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} {other} }} }}")


_BOUND = "__ng"  # the prefix of the variables scoped_graphs adds


def _as_standard(body: bytes) -> bytes:
    """SELECT results as a SPARQL 1.1 store sends them: without the variables
    scoped_graphs added (``SELECT *`` shows them), and with blank node labels that are
    labels (Virtuoso sends "nodeID://b10006")."""
    try:
        data = json.loads(body)
    except ValueError:
        return body
    names = data.get("head", {}).get("vars", [])
    added = [v for v in names if v.startswith(_BOUND + "_")]
    data.setdefault("head", {})["vars"] = [v for v in names if v not in added]
    for row in data.get("results", {}).get("bindings", []):
        for name in added:
            row.pop(name, None)
        for cell in row.values():
            if cell.get("type") == "bnode":
                cell["value"] = _BNODE_LABEL.sub("_", cell["value"])
    return json.dumps(data).encode()


_BNODE_LABEL = re.compile(r"[^A-Za-z0-9_]")


def _boolean_answer(body: bytes) -> bytes:
    """An ASK answer as SPARQL JSON's boolean, from an engine that sends it as a SELECT
    row of one ``__ASK_RETVAL`` column (Virtuoso)."""
    try:
        data = json.loads(body)
    except ValueError:
        return body
    if "boolean" in data or data.get("head", {}).get("vars") != ["__ASK_RETVAL"]:
        return body
    rows = data.get("results", {}).get("bindings", [])
    value = rows[0].get("__ASK_RETVAL", {}).get("value", "0") if rows else "0"
    return json.dumps({"head": {}, "boolean": value not in ("0", "false")}).encode()


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
