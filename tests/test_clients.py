"""A real `newsgraph serve` (gunicorn, executor processes) on a free port, as SPARQL clients
meet it: SPARQLWrapper in every results and graph format, GET and POST."""

from __future__ import annotations

import csv
import io

import pytest
import requests
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from .test_endpoint import PREFIX, STATEMENTS

pytestmark = pytest.mark.slow


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


def test_default_graph_is_merged_through_sparqlwrapper(server):
    q = PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { ?a rdfs:label \"Russia\" }"
    n = client(server, q, JSON).query().convert()["results"]["bindings"][0]["n"]["value"]
    assert n == "1"


def test_a_request_line_past_the_servers_limit_is_414(server):
    answer = requests.get(server.url + "/id/" + "a" * 9000, timeout=20)
    assert answer.status_code == 414
