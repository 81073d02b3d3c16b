"""The SPARQL lexer: keywords are told apart from variables and prefixed names."""

import pytest

from newsgraph.sparqlprologue import predeclare, prefixed_names
from newsgraph.sparqltext import has_from, scoped_graphs, without_from

HIDDEN = ("http://example.org/system",)


@pytest.mark.parametrize("query, expected", [
    ("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", True),
    ("SELECT * FROM NAMED ex:g { GRAPH ?g { ?s ?p ?o } }", True),
    ("select * from ex:g { ?s ?p ?o }", True),
    ("SELECT ?from WHERE { ?s ?p ?from }", False),
    ("SELECT $from WHERE { ?s ?p $from }", False),
    ("PREFIX ex: <http://example.org/> SELECT * { ?s ex:from ?o }", False),
    ("SELECT * { ?s ?p 'from the capital' } # taken from elsewhere", False),
])
def test_from_is_only_the_keyword(query, expected):
    assert has_from(query) is expected


def test_without_from_cuts_the_clauses_and_keeps_a_variable_named_from():
    query = "SELECT ?from FROM ex:a FROM NAMED <http://example.org/b> { ?s ?p ?from }"
    assert without_from(query).split() == "SELECT ?from { ?s ?p ?from }".split()


def test_graph_patterns_are_scoped_but_not_a_variable_or_name_called_graph():
    query = "SELECT * { GRAPH ex:g { ?graph ex:graph ?o } GRAPH ?g { } }"
    scoped = " ".join(scoped_graphs(query, HIDDEN).split())
    assert "GRAPH ?__ng_g1 { ?graph ex:graph ?o } FILTER(?__ng_g1 = ex:g)" in scoped
    assert "GRAPH ?g { ?__ng_s2 ?__ng_p2 ?__ng_o2 } FILTER(?g NOT IN " \
           "(<http://example.org/system>))" in scoped
    assert scoped.count("GRAPH") == 2


def test_prefixed_names_declared_and_used():
    text = ("PREFIX ex: <http://example.org/> PREFIX : <http://example.org/own#>\n"
            "SELECT * { ?s ex:says :it ; ng:speaker ?who . ?who a schema:Person. }")
    declared, used = prefixed_names(text)
    assert declared == {"ex", ""}
    assert [prefix for prefix, _ in used] == ["ng", "schema"]
    assert text.index("ng:speaker") == used[0][1]
    # A blank node's label is not a prefixed name.
    assert prefixed_names("SELECT * { _:b0 ng:speaker ?who }")[1] == [("ng", 16)]


def test_predeclare_adds_only_the_vocabulary_prefixes_used():
    text = "SELECT ?from { ?s ng:speaker ?from }"
    out = predeclare(text)
    assert out.startswith("PREFIX ng: <https://w3id.org/newsgraph/ontology#>\n")
    assert out.count("PREFIX") == 1 and out.endswith(text)
