"""The text index beside the embedded store follows every write: a new article, a reload
that changes it, its removal, an update, an import; a writer killed mid-way leaves the index
to be rebuilt by the next. Made-up graphs written as N-Triples."""

from __future__ import annotations

import sqlite3

import pytest

from newsgraph import textindex
from newsgraph.store import EmbeddedStore
from newsgraph.updates import plan_update

NG = "https://w3id.org/newsgraph/ontology#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
B = "https://example.org/id/"


def article(name: str, actor: str, label: str, quote: str) -> tuple[str, str]:
    g = f"{B}article/{name}"
    s = f"{g}/statement/0-10"
    a = f"{B}actor/{actor}"
    return g, "\n".join([
        f'<{g}> <{TYPE}> <{NG}Article> .',
        f'<{a}> <{TYPE}> <{NG}Person> .', f'<{a}> <{RDFS}label> "{label}" .',
        f'<{s}> <{TYPE}> <{NG}Statement> .', f'<{s}> <{NG}quote> "{quote}" .',
        f'<{s}> <{NG}speaker> <{a}> .', f'<{s}> <{NG}source> <{g}> .'])


def found(store_path, text: str) -> set[tuple[str, str]]:
    return {(h.kind, h.iri.removeprefix(B)) for h in
            textindex.search(textindex.index_path(store_path), text)}


def test_the_index_follows_loads_reloads_and_removals(tmp_path):
    store = EmbeddedStore.open(tmp_path / "s")
    one, two = article("one", "mara-quill", "Mara Quill", "the harbour stays closed"), \
        article("two", "mara-quill", "Mara Quill", "grain ships may sail")
    store.replace_graph(*one)
    store.replace_graph(*two)
    assert found(tmp_path / "s", "quill") == {("actor", "actor/mara-quill")}
    assert found(tmp_path / "s", "harbour") == {("statement", "article/one/statement/0-10")}
    assert found(tmp_path / "s", "harb") == found(tmp_path / "s", "harbour")  # a prefix
    # A reload with other words: the old words go, the new come.
    store.replace_graph(*article("one", "mara-quill", "Mara Quill", "the bridge reopens"))
    assert found(tmp_path / "s", "harbour") == set()
    assert found(tmp_path / "s", "bridge") == {("statement", "article/one/statement/0-10")}
    # Named in two articles: removing one keeps the name; removing both removes it.
    store.remove_graph(one[0])
    assert found(tmp_path / "s", "mara") == {("actor", "actor/mara-quill")}
    assert found(tmp_path / "s", "bridge") == set()
    store.remove_graph(two[0])
    assert found(tmp_path / "s", "mara") == set()
    store.close()


def test_an_update_reindexes_the_graphs_it_changed(tmp_path):
    store = EmbeddedStore.open(tmp_path / "s")
    g, nt = article("one", "ilse-varga", "Ilse Varga", "talks went well")
    store.replace_graph(g, nt)
    text = (f'DELETE WHERE {{ GRAPH <{g}> {{ ?s <{NG}quote> ?q }} }} ; '
            f'INSERT DATA {{ GRAPH <{g}> {{ <{g}/statement/0-10> <{NG}quote> "talks failed" }} }}')
    store.update(text, plan_update(text))
    assert found(tmp_path / "s", "failed") == {("statement", "article/one/statement/0-10")}
    assert found(tmp_path / "s", "well") == set()
    store.close()


def test_a_writer_killed_mid_load_leaves_an_index_the_next_writer_rebuilds(tmp_path):
    store = EmbeddedStore.open(tmp_path / "s")
    store.replace_graph(*article("one", "odo-brant", "Odo Brant", "we stand ready"))
    store.close()
    path = textindex.index_path(tmp_path / "s")
    # As a writer killed between a graph write and its index write would leave it: the
    # index marked open, an entry missing.
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value = 'open' WHERE key = 'state'")
    db.execute("DELETE FROM doc WHERE kind = 'statement'")
    db.commit()
    db.close()
    assert found(tmp_path / "s", "ready") == set()
    EmbeddedStore.open(tmp_path / "s").close()
    assert found(tmp_path / "s", "ready") == {("statement", "article/one/statement/0-10")}


def test_a_store_made_before_the_index_gets_one_when_next_written(tmp_path):
    store = EmbeddedStore.open(tmp_path / "s")
    store.replace_graph(*article("one", "tam-oyelaran", "Tam Oyelaran", "no comment today"))
    store.close()
    textindex.index_path(tmp_path / "s").unlink()
    EmbeddedStore.open(tmp_path / "s").close()
    assert found(tmp_path / "s", "oyelaran") == {("actor", "actor/tam-oyelaran")}


@pytest.mark.parametrize("typed, expression", [
    ("mara quill", '"mara" "quill" *'),
    ('"the harbour" stays', '"the harbour" "stays" *'),
    # Words joined by punctuation stay together, as in "U.S." or "al-Asad".
    ("NEAR(a b) OR x*", '"NEAR a" "b" "OR" "x"'),
    ("col:umn -x ^y", '"col umn" "x" "y"'),
    ("a", '"a"'),
])
def test_what_users_type_becomes_words_and_phrases_never_fts_syntax(typed, expression):
    assert textindex.match_expression(typed) == expression


@pytest.mark.parametrize("typed", ["", "?!", "x" * 201, " ".join("w" * 3 for _ in range(13))])
def test_text_that_is_no_search_is_refused_with_a_reason(typed):
    with pytest.raises(textindex.BadSearch):
        textindex.match_expression(typed)
