"""A remote SPARQL 1.1 store (Oxigraph server, Fuseki, Virtuoso, GraphDB, QLever) as the store.

Reads go through SPARQLWrapper to the query endpoint and come back as pyoxigraph
results, so every caller (cross-article checks, linking, the web executors)
works on the same objects as with the embedded store. An article is written
with the Graph Store Protocol: a PUT of its named graph, which is idempotent,
so any number of loaders on any number of machines may write at once.

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

import base64
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from SPARQLWrapper import JSON, POST, TURTLE, URLENCODED, SPARQLWrapper
from SPARQLWrapper import SPARQLExceptions as sw_errors

from . import USER_AGENT
from .config import DEFAULT_GRAPH_MODES
from .sparqltext import has_relative_iri
from .store import (
    StoreError,
    StoreUnreachable,
    WriteOutcome,
    _as_stored,
    _drop_sparql,
    _iri,
    to_ntriples,
)
from .updates import UpdatePlan

# Triples per INSERT DATA request; a DELETE sends a fifth as many (VALUES rows are longer).
_CHUNK = 5_000


@dataclass(frozen=True)
class Endpoints:
    """Where a remote store answers queries, updates and the Graph Store Protocol."""

    query: str
    update: str
    gsp: str

    @classmethod
    def derive(cls, base: str, query: str | None = None, update: str | None = None,
               gsp: str | None = None) -> Endpoints:
        """The three URLs from a store URL: Oxigraph server's layout (``/query``,
        ``/update``, ``/store``) unless given."""
        root = base.rstrip("/")
        return cls(query or f"{root}/query", update or f"{root}/update", gsp or f"{root}/store")


@dataclass(frozen=True)
class Credentials:
    """Basic (user and password) or bearer (token), from the environment only."""

    user: str | None = None
    password: str | None = None
    token: str | None = None

    def header(self) -> str | None:
        if self.token:
            return f"Bearer {self.token}"
        if self.user is not None and self.password is not None:
            pair = f"{self.user}:{self.password}".encode()
            return "Basic " + base64.b64encode(pair).decode("ascii")
        return None

    def __repr__(self) -> str:  # never print a secret
        return "Credentials(***)"


class RemoteStore:
    """A SPARQL 1.1 store over HTTP, with the embedded store's interface."""

    snapshot: str | None = None  # no snapshots: the engine publishes its own writes

    def __init__(self, endpoints: Endpoints, credentials: Credentials = Credentials(),
                 *, default_graph: str = "merged", timeout: float = 60.0) -> None:
        if default_graph not in DEFAULT_GRAPH_MODES:
            raise StoreError(f"default graph mode {default_graph!r}: give merged or union")
        self.endpoints = endpoints
        self.credentials = credentials
        self.default_graph_mode = default_graph
        self.timeout = timeout

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
        text = _with_base(query, base_iri)
        client = self._client(self.endpoints.query)
        client.setQuery(text)
        graph = client.queryType in ("CONSTRUCT", "DESCRIBE")
        client.setReturnFormat(TURTLE if graph else JSON)
        for g in default_graph or ():
            client.addDefaultGraph(g)
        for g in named_graphs or ():
            client.addNamedGraph(g)
        body = self._send(client, max_bytes)
        if graph:
            return _as_query_triples(body)
        return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)

    def graph_names(self) -> list[str]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return sorted(r["g"].value for r in rows if isinstance(r["g"], ox.NamedNode))

    def graph_ntriples(self, graph_iri: str | None) -> bytes:
        """A graph as N-Triples; None is the (merged) default graph."""
        where = "?s ?p ?o" if graph_iri is None else f"GRAPH {_iri(graph_iri)} {{ ?s ?p ?o }}"
        result = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}")
        return result.serialize(format=ox.RdfFormat.N_TRIPLES)

    def graph_triples(self, graph_iri: str) -> set[ox.Triple] | None:
        """A named graph's triples, or None if there is no such graph."""
        g = _iri(graph_iri)
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
        new = _as_stored(ntriples)
        old = self.graph_triples(graph_iri)
        merged = self.default_graph_mode == "merged"
        if old and old == new:
            if merged:
                self._copy_to_default([graph_iri])
            return WriteOutcome.UNCHANGED
        self._gsp("PUT", graph_iri, to_ntriples(new).encode("utf-8"), "application/n-triples")
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
            self.run_update(_drop_sparql(_iri(graph_iri)))
        else:
            self.run_update(f"DROP SILENT GRAPH {_iri(graph_iri)}")
        return True

    def add_empty_graph(self, graph_iri: str) -> None:
        self._gsp("PUT", graph_iri, b"", "application/n-triples")

    def update(self, text: str, plan: UpdatePlan, *, base_iri: str | None = None) -> None:
        """Forward a SPARQL Update, then bring the merge up to date for the graphs it
        changed (as the embedded store does, in separate requests)."""
        graphs = set(plan.graphs)
        merged = self.default_graph_mode == "merged"
        if merged and plan.every_graph:
            graphs |= set(self.graph_names())
        before = {g: self.graph_triples(g) or set() for g in graphs} if merged else {}
        self.run_update(_with_base(text, base_iri))
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
        self.run_update(_FORGET_OWN)
        ordered = sorted(triples or (), key=str)
        for start in range(0, len(ordered), _CHUNK):
            self.run_update(f"INSERT DATA {{ {to_ntriples(ordered[start:start + _CHUNK])} }}")

    def import_file(self, path: Path, media_type: str, graphs: list[str]) -> None:
        """Bulk-load a dataset file through the engine's own loader (a POST of the file
        to the Graph Store endpoint), then add the new graphs to the merge."""
        request = self._request(self.endpoints.gsp, "POST", None, {"Content-Type": media_type})
        with path.open("rb") as body:
            request.data = body
            request.add_header("Content-Length", str(path.stat().st_size))
            self._open(request, self.endpoints.gsp)
        if self.default_graph_mode == "merged":
            self._copy_to_default(graphs)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass

    def run_update(self, text: str) -> None:
        client = self._client(self.endpoints.update)
        client.setQuery(text)
        self._send(client, None)

    # -- plumbing --------------------------------------------------------------------

    def _copy_to_default(self, graphs: list[str]) -> None:
        """Add the graphs' triples to the default graph, on the engine (idempotent)."""
        for start in range(0, len(graphs), 50):
            values = " ".join(_iri(g) for g in graphs[start:start + 50])
            self.run_update(f"INSERT {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {values} }} "
                            "GRAPH ?g { ?s ?p ?o } }")

    def _forget(self, triples: set[ox.Triple]) -> None:
        """Delete from the default graph those of ``triples`` that no named graph states."""
        named = sorted((t for t in triples if not _blank(t)), key=str)
        step = _CHUNK // 5
        for start in range(0, len(named), step):
            rows = " ".join(f"({t.subject} {t.predicate} {t.object})"
                            for t in named[start:start + step])
            self.run_update(f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES (?s ?p ?o) {{ {rows} }} "
                            "?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }")
        if len(named) < len(triples):
            # Blank nodes cannot be named in a request: find them by pattern instead.
            self.run_update(_FORGET_BLANK)

    def _client(self, url: str) -> SPARQLWrapper:
        client = SPARQLWrapper(url, agent=USER_AGENT)
        client.setMethod(POST)
        client.setRequestMethod(URLENCODED)
        client.setOnlyConneg(True)  # no format=/output= parameters some engines refuse
        client.setTimeout(max(1, round(self.timeout)))
        header = self.credentials.header()
        if header is not None:
            client.addCustomHttpHeader("Authorization", header)
        return client

    def _send(self, client: SPARQLWrapper, max_bytes: int | None) -> bytes:
        url = client.endpoint
        try:
            response = client.query().response
            body = response.read() if max_bytes is None else response.read(max_bytes + 1)
        except sw_errors.QueryBadFormed as err:
            raise SyntaxError(_engine_message(err)) from None
        except sw_errors.Unauthorized:
            raise StoreError(_refused(url, 401)) from None
        except sw_errors.EndPointNotFound:
            raise StoreError(f"no SPARQL endpoint at {url} (HTTP 404); give the engine's "
                             "URLs with --query-url, --update-url and --gsp-url") from None
        except sw_errors.SPARQLWrapperException as err:
            raise StoreError(f"the store at {url} failed: {_engine_message(err)}") from None
        except urllib.error.HTTPError as err:
            raise StoreError(_http_failure(url, err)) from None
        except OSError as err:  # URLError and timeouts are OSErrors
            raise StoreUnreachable(_unreachable(url, err)) from None
        if max_bytes is not None and len(body) > max_bytes:
            raise ValueError(f"the answer is larger than the limit of {max_bytes:,} bytes")
        return body

    def _gsp(self, method: str, graph_iri: str, body: bytes, media_type: str) -> None:
        url = f"{self.endpoints.gsp}?{urllib.parse.urlencode({'graph': graph_iri})}"
        self._open(self._request(url, method, body, {"Content-Type": media_type}), url)

    def _request(self, url: str, method: str, body: bytes | None,
                 headers: dict[str, str]) -> urllib.request.Request:
        request = urllib.request.Request(url, data=body, method=method,
                                         headers={"User-Agent": USER_AGENT, **headers})
        header = self.credentials.header()
        if header is not None:
            request.add_header("Authorization", header)
        return request

    def _open(self, request: urllib.request.Request, url: str) -> None:
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
        except urllib.error.HTTPError as err:
            raise StoreError(_http_failure(url, err)) from None
        except OSError as err:  # URLError and timeouts are OSErrors
            raise StoreUnreachable(_unreachable(url, err)) from None


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


def _engine_message(err: Exception) -> str:
    text = str(err)
    # SPARQLWrapper prefixes its own class description; keep the engine's words.
    marker = "Response:\n"
    if marker in text:
        text = text.split(marker, 1)[1]
    text = text.strip().removeprefix("b'").removeprefix('b"').rstrip("'\"")
    return " ".join(text.replace("\\n", " ").split())[:500]


def _refused(url: str, status: int) -> str:
    return (f"the store at {url} refused the request (HTTP {status}): set its credentials in "
            "the environment, NEWSGRAPH_STORE_USER and NEWSGRAPH_STORE_PASSWORD (basic) or "
            "NEWSGRAPH_STORE_TOKEN (bearer)")


def _http_failure(url: str, err: urllib.error.HTTPError) -> str:
    if err.code in (401, 403):
        return _refused(url, err.code)
    try:
        detail = " ".join(err.read(500).decode("utf-8", "replace").split())
    except OSError:
        detail = ""
    return f"the store at {url} answered HTTP {err.code}" + (f": {detail}" if detail else "")


def _unreachable(url: str, err: Exception) -> str:
    reason = getattr(err, "reason", None) or err
    return (f"cannot reach the store at {url} ({reason}); is the engine running, and is the "
            "URL right?")

