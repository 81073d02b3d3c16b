"""Store access: the embedded pyoxigraph store, one named graph per article.

The store's default graph is kept as the *merged* graph of all articles —
each triple once — because pyoxigraph's union default graph repeats a triple
once per article graph that states it (../shared/design/LESSONS.md): an
actor named in 200 articles would match 200 times. Every write of an
article graph updates the merged graph in the same transaction, so the two
never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path

import pyoxigraph as ox


class StoreError(Exception):
    """A store that cannot be opened or written, with what to do about it."""


class WriteOutcome(StrEnum):
    CREATED = "created"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"


def _iri(value: str) -> str:
    if any(c in value for c in '<>"{}|^`\\ \n'):
        raise ValueError(f"not an IRI usable in SPARQL: {value!r}")
    return f"<{value}>"


class EmbeddedStore:
    """An on-disk (or, without a path, in-memory) pyoxigraph store."""

    def __init__(self, store: ox.Store, path: Path | None) -> None:
        self._store = store
        self.path = path

    @classmethod
    def open(cls, path: Path | str | None, *, create: bool = True) -> EmbeddedStore:
        """Open read-write; only one process may hold the store at a time."""
        if path is None:
            return cls(ox.Store(), None)
        location = Path(path)
        if location.exists() and not location.is_dir():
            raise StoreError(f"store path {location} is a file, not a store directory; "
                             "give --store a directory")
        if not create and not _looks_like_store(location):
            raise StoreError(f"no store at {location}; create one with `newsgraph load "
                             f"ARTICLES --store {location}`")
        try:
            return cls(ox.Store(str(location)), location)
        except OSError as err:
            message = str(err)
            if "lock" in message.lower():
                raise StoreError(
                    f"store {location} is in use by another process (is `newsgraph serve` "
                    "or another `newsgraph load` running on it?); stop it or use another "
                    "--store") from err
            raise StoreError(f"cannot open store {location}: {message}") from err

    # -- writing -----------------------------------------------------------------------

    def replace_graph(self, graph_iri: str, ntriples: str) -> WriteOutcome:
        """Make ``graph_iri`` hold exactly ``ntriples``, atomically, merged graph included.

        An unchanged graph is not rewritten, so reloading the same article is a no-op.
        """
        graph = ox.NamedNode(graph_iri)
        old = {q.triple for q in self._store.quads_for_pattern(None, None, None, graph)}
        if old and old == _as_stored(ntriples):
            return WriteOutcome.UNCHANGED
        g = _iri(graph_iri)
        # One SPARQL Update is one transaction: readers see the old or the new graph,
        # never a mix, and a crash leaves one of the two.
        update = f"{_drop_sparql(g)} ;\nINSERT DATA {{ GRAPH {g} {{ {ntriples} }} {ntriples} }}"
        try:
            self._store.update(update)
        except OSError as err:
            raise StoreError(f"cannot write graph {graph_iri}: {err}") from err
        return WriteOutcome.REPLACED if old else WriteOutcome.CREATED

    def remove_graph(self, graph_iri: str) -> bool:
        """Remove an article graph and its share of the merged graph; False if absent."""
        graph = ox.NamedNode(graph_iri)
        if not self._store.contains_named_graph(graph):
            return False
        self._store.update(_drop_sparql(_iri(graph_iri)))
        return True

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()

    # -- reading -----------------------------------------------------------------------

    def query(self, query: str, *, default_graph: Iterable[str] | None = None,
              named_graphs: Iterable[str] | None = None,
              base_iri: str | None = None, union_default_graph: bool = False,
              ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a SPARQL query; the default graph is the merged graph unless a dataset is given.

        ``union_default_graph`` asks pyoxigraph for its own union of the named graphs
        instead (a triple once per graph that states it); bench/default_graph.py
        compares the two. Raises SyntaxError with the parser's message for a
        malformed query.
        """
        kwargs: dict[str, object] = {"use_default_graph_as_union": union_default_graph}
        if default_graph is not None:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graph]
        if named_graphs is not None:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        if base_iri is not None:
            kwargs["base_iri"] = base_iri
        return self._store.query(query, **kwargs)

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def graph_ntriples(self, graph_iri: str | None) -> bytes:
        """A graph as N-Triples; None is the merged default graph."""
        graph = ox.DefaultGraph() if graph_iri is None else ox.NamedNode(graph_iri)
        return self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)

    def default_graph_size(self) -> int:
        """Triples in the merged default graph."""
        result = self._store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(next(iter(result))["n"].value)

    def __len__(self) -> int:
        return len(self._store)


def _as_stored(ntriples: str) -> set[ox.Triple]:
    """The triples as the store would keep them: SPARQL Update writes literals in
    canonical form ("0.850"^^xsd:decimal becomes "0.85"), so compare in that form."""
    scratch = ox.Store()
    scratch.update("INSERT DATA { " + ntriples + " }")
    return {q.triple for q in scratch}


def _drop_sparql(graph: str) -> str:
    """Drop an article graph, and the merged-graph triples that no other article states."""
    return ("DELETE { ?s ?p ?o } WHERE { GRAPH " + graph + " { ?s ?p ?o } "
            "FILTER NOT EXISTS { GRAPH ?other { ?s ?p ?o } FILTER(?other != " + graph + ") } } ;\n"
            "DROP SILENT GRAPH " + graph)


def _looks_like_store(path: Path) -> bool:
    return path.is_dir() and (path / "CURRENT").exists()
