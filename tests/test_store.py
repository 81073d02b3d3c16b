"""The embedded store on disk: atomic graph replacement and the merged default graph."""

from __future__ import annotations

import pytest

from newsgraph.store import EmbeddedStore, StoreError, WriteOutcome

A = "https://w3id.org/newsgraph/id/article/a"
B = "https://w3id.org/newsgraph/id/article/b"
SHARED = '<http://x/actor> <http://www.w3.org/2000/01/rdf-schema#label> "Utopia" .\n'


def count(store, query):
    return int(next(iter(store.query(query)))["n"].value)


def test_replace_unchanged_and_persist(tmp_path):
    path = tmp_path / "s"
    store = EmbeddedStore.open(path)
    assert store.replace_graph(A, SHARED) is WriteOutcome.CREATED
    assert store.replace_graph(A, SHARED) is WriteOutcome.UNCHANGED
    assert store.replace_graph(A, SHARED + '<http://x/a> <http://x/p> "2" .\n') \
        is WriteOutcome.REPLACED
    del store
    reopened = EmbeddedStore.open(path, create=False)
    assert reopened.graph_names() == [A]
    assert count(reopened, "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }") == 2


def test_default_graph_is_the_merge_with_each_triple_once():
    store = EmbeddedStore.open(None)
    store.replace_graph(A, SHARED + '<http://x/a> <http://x/p> "a" .\n')
    store.replace_graph(B, SHARED + '<http://x/b> <http://x/p> "b" .\n')
    assert count(store, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }") == 3
    assert count(store, "SELECT (COUNT(*) AS ?n) { ?s <http://www.w3.org/2000/01/rdf-schema"
                        "#label> ?l }") == 1
    # Replacing A drops its own triples from the merge but keeps what B also states.
    store.replace_graph(A, '<http://x/a2> <http://x/p> "a2" .\n')
    rows = {(r["s"].value) for r in store.query("SELECT ?s { ?s ?p ?o }")}
    assert rows == {"http://x/actor", "http://x/b", "http://x/a2"}
    store.remove_graph(B)
    rows = {(r["s"].value) for r in store.query("SELECT ?s { ?s ?p ?o }")}
    assert rows == {"http://x/a2"}


def test_missing_store_and_file_in_the_way(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        EmbeddedStore.open(tmp_path / "none", create=False)
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        EmbeddedStore.open(tmp_path / "file")


def test_second_writer_gets_a_clear_error(tmp_path):
    first = EmbeddedStore.open(tmp_path / "s")
    with pytest.raises(StoreError, match="in use by another process"):
        EmbeddedStore.open(tmp_path / "s")
    del first
