"""One interface, two stores: the embedded pyoxigraph store or a remote SPARQL 1.1 store.

Settings say which (a directory or a URL); callers ask here for a writer or a
reader and use what the two have in common (``GraphStore``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import pyoxigraph as ox

from . import iri
from .config import Settings
from .connector import Credentials, Endpoints, SparqlConnector
from .remote import RemoteStore
from .store import EmbeddedStore, StoreReader, WriteOutcome

if TYPE_CHECKING:  # rdflib's SPARQL parser costs query executors 0.4 s to import
    from .updates import UpdatePlan


class GraphStore(Protocol):
    """What the loader, the linker, the validator and the web writes need of a store."""

    snapshot: str | None

    def query(self, query: str, *, default_graph=None, named_graphs=None,
              base_iri: str | None = None, union_default_graph: bool = False,
              ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples: ...

    def graph_names(self) -> list[str]: ...

    def graph_ntriples(self, graph_iri: str | None) -> bytes: ...

    def graph_triples(self, graph_iri: str) -> set[ox.Triple] | None: ...

    def default_graph_size(self) -> int: ...

    def replace_graph(self, graph_iri: str, ntriples: str) -> WriteOutcome: ...

    def remove_graph(self, graph_iri: str) -> bool: ...

    def add_empty_graph(self, graph_iri: str) -> None: ...

    def rejoin(self, graph_iris: list[str]) -> None:
        """Make sure the merged default graph holds these graphs' triples, for graphs a
        load skips as unchanged: a writer stopped between a graph and the merge left it
        short, and the rerun makes it whole."""

    def bulk_import(self, path: Path, fmt: ox.RdfFormat, graphs: list[str]) -> None:
        """Load a dataset file through the store's own bulk loader (no transaction), its
        named ``graphs`` joining the merged default graph."""

    def update(self, text: str, plan: UpdatePlan, *, base_iri: str | None = None) -> None: ...

    def own_default(self) -> set[ox.Triple]: ...

    def replace_own_default(self, triples: set[ox.Triple] | None) -> None: ...

    def refresh(self) -> bool: ...

    def flush(self) -> None: ...

    def close(self) -> None: ...


def remote(settings: Settings) -> RemoteStore:
    """The remote store the settings name (``store_url``), not yet contacted."""
    assert settings.store_url is not None
    endpoints = Endpoints.derive(settings.store_url, settings.query_url, settings.update_url,
                                 settings.gsp_url)
    credentials = Credentials(settings.store_user, settings.store_password,
                              settings.store_token)
    connector = SparqlConnector(endpoints, credentials, timeout=settings.store_timeout)
    return RemoteStore(connector, default_graph=settings.default_graph,
                       merge_graph=iri.default_graph(settings.base_iri))


def _answering(settings: Settings) -> RemoteStore:
    """The remote store, once it has answered a trivial query: an unreachable one
    fails before any work is done."""
    store = remote(settings)
    store.ping()
    return store


def open_writer(settings: Settings, *, create: bool = True,
                publish_interval: float = 1.0) -> GraphStore:
    """The store, open for writing."""
    if settings.remote:
        return _answering(settings)
    return EmbeddedStore.open(settings.store_path, create=create,
                              publish_interval=publish_interval)


def open_reader(settings: Settings) -> GraphStore:
    """A read-only view: the newest snapshot of the embedded store, or the remote store."""
    if settings.remote:
        return _answering(settings)
    return StoreReader.open(settings.store_path)


def check(settings: Settings) -> None:
    """Raise StoreError unless the store can be read, without opening an embedded one
    (a process about to fork must not: store.py)."""
    if settings.remote:
        _answering(settings)
    else:
        StoreReader.check(settings.store_path)
