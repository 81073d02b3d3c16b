"""The embedded store on disk: atomic graph replacement and the merged default graph."""

from __future__ import annotations

import json

import pytest

from newsgraph.store import EmbeddedStore, StoreError, StoreReader, WriteOutcome

from .conftest import run_cli

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
    with pytest.raises(StoreError, match="being written by another process"):
        EmbeddedStore.open(tmp_path / "s")
    del first


def test_readers_see_what_the_writer_published_while_it_writes(tmp_path):
    path = tmp_path / "s"
    writer = EmbeddedStore.open(path, publish_interval=3600)
    reader = StoreReader.open(path)  # beside an open writer: readers never open its database
    assert reader.graph_names() == []
    writer.replace_graph(A, SHARED)
    # Throttled: nothing is published until the interval passes or the writer flushes.
    assert reader.refresh() is False and reader.graph_names() == []
    writer.flush()
    assert reader.refresh() is True and reader.graph_names() == [A]
    second = StoreReader.open(path)
    assert second.graph_names() == [A] and second.snapshot == reader.snapshot


def _snapshot_dirs(path) -> list[str]:
    return sorted(p.name for p in (path / "snapshots").iterdir() if p.is_dir())


def test_a_superseded_snapshot_goes_as_soon_as_no_reader_holds_it(tmp_path):
    path = tmp_path / "s"
    writer = EmbeddedStore.open(path, publish_interval=0)
    writer.replace_graph(A, '<http://x/a> <http://x/p> "0" .\n')
    reader = StoreReader.open(path)  # holds the snapshot it opened
    held = reader.snapshot
    for n in range(1, 5):
        writer.replace_graph(A, f'<http://x/a> <http://x/p> "{n}" .\n')
    current = (path / "snapshots" / "CURRENT").read_text().strip()
    # No grace period: only the newest and the one a reader holds are left.
    assert _snapshot_dirs(path) == sorted({held, current})
    assert reader.graph_ntriples(A).decode().count('"0"') == 1
    writer.close()
    # The store is idle now; the reader's next look lets go of the old snapshot.
    assert reader.refresh()
    assert _snapshot_dirs(path) == [(path / "snapshots" / "CURRENT").read_text().strip()]
    assert reader.graph_ntriples(A).decode().count('"4"') == 1
    assert not [p for p in (path / "snapshots").glob("*.lock") if p.stem != reader.snapshot]


def test_stores_of_other_formats_and_foreign_directories_are_refused(tmp_path):
    newer = tmp_path / "newer"
    EmbeddedStore.open(newer).flush()
    (newer / "newsgraph-store.json").write_text(json.dumps({"format": 99}))
    for open_ in (EmbeddedStore.open, StoreReader.open):
        with pytest.raises(StoreError, match="has format 99"):
            open_(newer)
    old = tmp_path / "old"
    old.mkdir()
    (old / "CURRENT").write_text("MANIFEST-000001\n")
    with pytest.raises(StoreError, match="earlier newsgraph"):
        EmbeddedStore.open(old)
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "cat.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(StoreError, match="other files in it"):
        EmbeddedStore.open(foreign)
    assert sorted(p.name for p in foreign.iterdir()) == ["cat.jpg"]


def test_cross_article_checks_run_once_over_the_store(tmp_path):
    from newsgraph.commands.crosschecks import cross_article_findings

    base = "https://w3id.org/newsgraph/id/"
    ng = "https://w3id.org/newsgraph/ontology#"
    kirby = f"<{base}actor/john-kirby>"
    store = EmbeddedStore.open(tmp_path / "s")
    a, b = base + "article/a", base + "article/b"
    store.replace_graph(a, f"<{a}> a <{ng}Article> .\n{kirby} a <{ng}Person> .\n"
                           f"{kirby} <http://www.w3.org/2002/07/owl#sameAs> "
                           "<http://www.wikidata.org/entity/Q1> .\n")
    store.replace_graph(b, f"<{b}> a <{ng}Article> .\n{kirby} a <{ng}Organization> .\n"
                           f"{kirby} <http://www.w3.org/2002/07/owl#sameAs> "
                           "<http://www.wikidata.org/entity/Q2> .\n")
    store.replace_graph(base + "graph/stray", '<http://x/s> <http://x/p> "o" .\n')
    found = {(f.shape.rsplit("#", 1)[-1], f.focus) for f in cross_article_findings(store, base)}
    assert found == {("OneKindAcrossArticles", base + "actor/john-kirby"),
                     ("OneWikidataItem", base + "actor/john-kirby"),
                     ("GraphIsItsArticle", base + "graph/stray")}
    store.close()
    done = run_cli("validate", "--store", str(tmp_path / "s"))
    assert done.returncode == 1 and "(across articles):" in done.stdout
    assert "articles disagree on whether it is a Person" in done.stdout


def test_a_store_where_none_can_be_written_is_a_clear_error(tmp_path):
    (tmp_path / "afile").write_text("x")
    # /proc refuses new directories even to root, who may write anywhere else.
    for place in ("/proc/newsgraph-store", str(tmp_path / "afile" / "store")):
        done = run_cli("load", str(tmp_path / "afile"), "--store", place)
        assert done.returncode == 2, done.stderr
        assert "cannot create a store at" in done.stderr and "Traceback" not in done.stderr
