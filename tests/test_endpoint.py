"""A real `newsgraph serve` on a free port, queried by SPARQLWrapper and plain HTTP."""

from __future__ import annotations

import csv
import io
import json

import pytest
import requests
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

PREFIX = "PREFIX ng: <https://w3id.org/newsgraph/ontology#>\n" \
         "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
STATEMENTS = PREFIX + "SELECT ?speaker ?quote WHERE { ?s a ng:Statement ; ng:quote ?quote ; " \
                      "ng:speaker/rdfs:label ?speaker } ORDER BY ?quote"


def client(server, query: str, fmt) -> SPARQLWrapper:
    sparql = SPARQLWrapper(server.sparql)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def test_select_as_json_through_sparqlwrapper(server):
    data = client(server, STATEMENTS, JSON).query().convert()
    rows = data["results"]["bindings"]
    speakers = {r["speaker"]["value"] for r in rows}
    assert "Lloyd Austin" in speakers and "Boris Pistorius" in speakers


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_in_every_results_format(server, method):
    for fmt, check in [(XML, lambda r: r.toxml().count("<result>") > 3),
                       (CSV, lambda r: len(list(csv.reader(io.StringIO(r.decode())))) > 3),
                       (TSV, lambda r: r.decode().count("\n") > 3)]:
        sparql = client(server, STATEMENTS, fmt)
        sparql.setMethod(method)
        assert check(sparql.query().convert()), fmt


def test_ask_and_construct(server):
    assert client(server, PREFIX + "ASK { ?d a ng:Deployment }", JSON).query().convert()[
        "boolean"] is True
    construct = PREFIX + "CONSTRUCT { ?a rdfs:label ?l } WHERE { ?a a ng:State ; rdfs:label ?l }"
    for fmt, rdflib_format in [(TURTLE, "turtle"), (RDFXML, "xml"), (JSONLD, "json-ld"),
                               (N3, "turtle")]:
        result = client(server, construct, fmt).query()
        body = result.response.read()
        g = Graph().parse(data=body, format=rdflib_format)
        labels = {str(o) for o in g.objects()}
        assert {"Germany", "Lithuania", "North Korea"} <= labels, fmt


def test_ntriples_by_accept_and_406_when_nothing_fits(server):
    q = PREFIX + "CONSTRUCT WHERE { ?a a ng:State }"
    r = requests.get(server.sparql, params={"query": q}, headers={"Accept":
                                                                   "application/n-triples"})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/n-triples")
    assert len(Graph().parse(data=r.text, format="nt")) > 3
    r = requests.get(server.sparql, params={"query": STATEMENTS},
                     headers={"Accept": "image/png"})
    assert r.status_code == 406 and "offered" in r.text


def test_malformed_query_is_400_with_the_parser_message(server):
    r = requests.get(server.sparql, params={"query": "SELECT * WHERE { ?s ?p "})
    assert r.status_code == 400 and "malformed query" in r.text
    r = requests.post(server.sparql, data="ASK {", headers={"Content-Type":
                                                            "application/sparql-query"})
    assert r.status_code == 400


def test_protocol_errors(server):
    assert requests.post(server.sparql, data="ASK {}",
                         headers={"Content-Type": "text/plain"}).status_code == 415
    assert requests.get(server.sparql, params=[("query", "ASK {}"),
                                               ("query", "ASK {}")]).status_code == 400
    assert requests.put(server.sparql, data="x").status_code == 405
    r = requests.post(server.sparql, data={"update": "CLEAR ALL"})
    assert r.status_code == 403 and "read-only" in r.text


def test_default_graph_is_merged_and_named_graphs_stay_queryable(server):
    # Russia is described in several article graphs but is one triple in the default graph.
    q = PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { ?a rdfs:label \"Russia\" }"
    n = client(server, q, JSON).query().convert()["results"]["bindings"][0]["n"]["value"]
    assert n == "1"
    q = PREFIX + "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a rdfs:label \"Russia\" } }"
    n = client(server, q, JSON).query().convert()["results"]["bindings"][0]["n"]["value"]
    assert int(n) >= 2


def test_dataset_parameters_select_graphs(server):
    graph = "https://w3id.org/newsgraph/id/article/sample-002"
    q = PREFIX + "SELECT DISTINCT ?l WHERE { ?a a ng:State ; rdfs:label ?l }"
    r = requests.get(server.sparql, params={"query": q, "default-graph-uri": graph})
    labels = {b["l"]["value"] for b in r.json()["results"]["bindings"]}
    assert "Germany" in labels and "North Korea" not in labels


def test_service_description(server):
    r = requests.get(server.sparql, headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    g = Graph().parse(data=r.text, format="turtle")
    q = "ASK { ?s a <http://www.w3.org/ns/sparql-service-description#Service> ; " \
        f"<http://www.w3.org/ns/sparql-service-description#endpoint> <{server.sparql}> }}"
    assert g.query(q).askAnswer


def test_plain_query_page_runs_a_query_without_javascript(server):
    r = requests.get(server.url + "/query")
    assert r.status_code == 200 and "<textarea" in r.text and "Examples" in r.text
    assert "<script" not in r.text
    r = requests.get(server.url + "/query", params={"query": STATEMENTS})
    assert r.status_code == 200 and "Boris Pistorius" in r.text
    assert r.headers["Content-Security-Policy"] == "default-src 'self'"
    r = requests.get(server.url + "/query", params={"query": "SELECT nonsense"})
    assert r.status_code == 400 and "Error" in r.text


def test_cors_and_health(server):
    r = requests.get(server.sparql, params={"query": "ASK {}"})
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert json.loads(requests.get(server.url + "/health").text)["graphs"] == 4
