"""The SPARQL 1.1 Protocol routes, in-process: the app over the sample store, queried through
Flask's test client with no executor processes (``web``). test_clients.py asks the same of
a real `newsgraph serve` with SPARQL clients."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
from xml.etree import ElementTree

import pytest
from rdflib import Graph

PREFIX = "PREFIX ng: <https://w3id.org/newsgraph/ontology#>\n" \
         "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
STATEMENTS = PREFIX + "SELECT ?speaker ?quote WHERE { ?s a ng:Statement ; ng:quote ?quote ; " \
                      "ng:speaker/rdfs:label ?speaker } ORDER BY ?quote"
RESULTS = "{http://www.w3.org/2005/sparql-results#}result"


def test_select_as_json(web):
    answer = web.get("/sparql", query_string={"query": STATEMENTS},
                     headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200
    assert answer.mimetype == "application/sparql-results+json"
    speakers = {r["speaker"]["value"] for r in answer.get_json()["results"]["bindings"]}
    assert "Lloyd Austin" in speakers and "Boris Pistorius" in speakers


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("accept, rows", [
    ("application/sparql-results+xml",
     lambda body: len(list(ElementTree.fromstring(body).iter(RESULTS)))),
    ("text/csv", lambda body: len(list(csv.reader(io.StringIO(body.decode())))) - 1),
    ("text/tab-separated-values", lambda body: body.decode().count("\n") - 1),
])
def test_select_in_every_results_format(web, method, accept, rows):
    if method == "GET":
        answer = web.get("/sparql", query_string={"query": STATEMENTS}, headers={"Accept": accept})
    else:
        answer = web.post("/sparql", data={"query": STATEMENTS}, headers={"Accept": accept})
    assert answer.status_code == 200 and answer.mimetype == accept
    assert rows(answer.data) > 3


def test_ask_and_construct(web):
    ask = web.get("/sparql", query_string={"query": PREFIX + "ASK { ?d a ng:Deployment }"},
                  headers={"Accept": "application/sparql-results+json"})
    assert ask.get_json()["boolean"] is True
    construct = PREFIX + "CONSTRUCT { ?a rdfs:label ?l } WHERE { ?a a ng:State ; rdfs:label ?l }"
    for accept, rdflib_format in [("text/turtle", "turtle"), ("application/rdf+xml", "xml"),
                                  ("application/ld+json", "json-ld"),
                                  ("application/n-triples", "nt")]:
        answer = web.get("/sparql", query_string={"query": construct}, headers={"Accept": accept})
        assert answer.status_code == 200 and answer.mimetype == accept
        labels = {str(o) for o in Graph().parse(data=answer.data, format=rdflib_format).objects()}
        assert {"Germany", "Lithuania", "North Korea"} <= labels, accept


def test_ntriples_by_accept_and_406_when_nothing_fits(web):
    q = PREFIX + "CONSTRUCT WHERE { ?a a ng:State }"
    r = web.get("/sparql", query_string={"query": q}, headers={"Accept": "application/n-triples"})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/n-triples")
    assert len(Graph().parse(data=r.text, format="nt")) > 3
    r = web.get("/sparql", query_string={"query": STATEMENTS}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and "offered" in r.text


def test_malformed_query_is_400_with_the_parser_message(web):
    r = web.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p "})
    assert r.status_code == 400 and "malformed query" in r.text
    r = web.post("/sparql", data="ASK {", content_type="application/sparql-query")
    assert r.status_code == 400


def test_the_vocabulary_prefixes_are_predeclared_and_a_query_may_redeclare_them(web):
    bare = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ng:Statement ; ng:speaker/rdfs:label ?l }"
    answer = web.get("/sparql", query_string={"query": bare},
                     headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200
    assert int(answer.get_json()["results"]["bindings"][0]["n"]["value"]) > 0
    own = "PREFIX ng: <http://example.org/other#> ASK { ?s a ng:Statement }"
    answer = web.get("/sparql", query_string={"query": own},
                     headers={"Accept": "application/sparql-results+json"})
    assert answer.get_json()["boolean"] is False  # the query's own ng: wins


@pytest.mark.parametrize("query, line, column, words", [
    ("SELECT ?x WHERE {\n  ?x a ng:State .\n  ?x rdfs:label ?l }\nLIMT 3", 4, 1,
     "syntax error at 'LIMT'"),
    ("SELECT ?x WHERE {\n  ?x a geo:Place }", 2, 8, "unknown prefix geo:"),
    ("SELECT ?x WHERE { ?x a ng:State", 1, 32, "ends too soon"),
    ("SELEC ?x WHERE { }", 1, 1, "syntax error at 'SELEC'"),
])
def test_a_syntax_error_points_at_the_users_own_line_and_column(web, query, line, column,
                                                                 words):
    answer = web.get("/sparql", query_string={"query": query})
    assert answer.status_code == 400
    text = answer.get_data(as_text=True)
    assert f"line {line}, column {column}: " in text and words in text
    assert "\\u{" not in text and "..=" not in text and len(text) < 600
    # The excerpt shows the user's line with a caret under the column.
    source = query.split("\n")[line - 1]
    assert f"{line} | {source.rstrip()}" in text
    assert "| " + " " * (column - 1) + "^" in text


def test_an_update_may_use_the_predeclared_prefixes_in_its_checks(web):
    from newsgraph.updates import plan_update

    plan = plan_update("INSERT DATA { GRAPH <https://example.org/g> { "
                       "<https://example.org/a> a ng:Person } }")
    assert plan.graphs == {"https://example.org/g"}


def test_protocol_errors(web):
    assert web.post("/sparql", data="ASK {}", content_type="text/plain").status_code == 415
    assert web.get("/sparql?query=ASK%20%7B%7D&query=ASK%20%7B%7D").status_code == 400
    assert web.put("/sparql", data="x").status_code == 405
    r = web.post("/sparql", data={"update": "CLEAR ALL"})
    assert r.status_code == 403 and "read-only" in r.text


def count(web, query: str) -> int:
    answer = web.get("/sparql", query_string={"query": query},
                     headers={"Accept": "application/sparql-results+json"})
    return int(answer.get_json()["results"]["bindings"][0]["n"]["value"])


def test_default_graph_is_merged_and_named_graphs_stay_queryable(web):
    # Russia is described in several article graphs but is one triple in the default graph.
    assert count(web, PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { ?a rdfs:label \"Russia\" }") == 1
    assert count(web, PREFIX + "SELECT (COUNT(DISTINCT ?g) AS ?n) "
                                "WHERE { GRAPH ?g { ?a rdfs:label \"Russia\" } }") >= 2


def test_dataset_parameters_select_graphs(web):
    graph = "https://w3id.org/newsgraph/id/article/sample-002"
    q = PREFIX + "SELECT DISTINCT ?l WHERE { ?a a ng:State ; rdfs:label ?l }"
    r = web.get("/sparql", query_string={"query": q, "default-graph-uri": graph})
    labels = {b["l"]["value"] for b in r.get_json()["results"]["bindings"]}
    assert "Germany" in labels and "North Korea" not in labels


def test_service_description(web):
    r = web.get("/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    g = Graph().parse(data=r.text, format="turtle")
    q = "ASK { ?s a <http://www.w3.org/ns/sparql-service-description#Service> ; " \
        "<http://www.w3.org/ns/sparql-service-description#endpoint> <http://localhost/sparql> }"
    assert g.query(q).askAnswer


def test_plain_query_page_runs_a_query_without_javascript(web):
    r = web.get("/query")
    assert r.status_code == 200 and "<textarea" in r.text and "Examples" in r.text
    assert "<script" not in r.text
    r = web.get("/query", query_string={"query": STATEMENTS})
    assert r.status_code == 200 and "Boris Pistorius" in r.text
    assert r.headers["Content-Security-Policy"] == "default-src 'self'"
    r = web.get("/query", query_string={"query": "SELECT nonsense"})
    assert r.status_code == 400 and "Error" in r.text


def test_cors_and_health(web):
    r = web.get("/sparql", query_string={"query": "ASK {}"})
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert json.loads(web.get("/health").text)["graphs"] == 4


@pytest.mark.parametrize("status, expected, words", [
    (503, 503, "did not answer"),  # the store is away: the page says so, and can be retried
    (400, 500, "a fault of newsgraph"),  # a page's own query refused: our bug, said plainly
])
def test_a_page_whose_query_fails_says_why(sample_store, status, expected, words):
    from newsgraph.config import Settings
    from newsgraph.endpoint import create_app
    from newsgraph.endpoint.executor import Answer, InlinePool

    class Failing(InlinePool):
        def run(self, job, timeout=None, gone=None):
            return Answer(status, b"the store behind this endpoint did not answer\n",
                          "text/plain", 0.0)

    app = create_app(Settings(store_path=sample_store), pool_factory=Failing)
    page = app.test_client().get("/.well-known/void")
    assert page.status_code == expected and words in page.text
    assert page.mimetype == "text/plain" and "Traceback" not in page.text


def test_an_app_without_executor_processes_keeps_the_caps_and_starts_none(sample_store):
    from newsgraph.config import Settings
    from newsgraph.endpoint import create_app
    from newsgraph.endpoint.executor import InlinePool

    before = multiprocessing.active_children()
    app = create_app(Settings(store_path=sample_store, max_result_bytes=2_000),
                     pool_factory=InlinePool)
    answer = app.test_client().get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o }"})
    assert answer.status_code == 400 and "larger than the limit of 2,000 bytes" in answer.text
    # The server's own pages are bounded by what they ask for, not by the clients' cap.
    for path in ("/.well-known/void", "/.well-known/void?format=html", "/claims", "/", "/id/"):
        page = app.test_client().get(path)
        assert page.status_code == 200, (path, page.text[:200])
    assert multiprocessing.active_children() == before
