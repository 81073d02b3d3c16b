"""Virtuoso Open Source 7, a second remote engine, through the whole path: load, reload,
-j 2, three sharded loaders at once, validate, query, link, import, serve in front of it,
Digest on its -auth endpoint, and a refused write that leaves nothing half-written.

Its differences from the SPARQL 1.1 store newsgraph otherwise expects are handled
in remote.py; these tests run against a real server started from Debian's package
(.ci/run installs it).
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from SPARQLWrapper import JSON, SPARQLWrapper

from newsgraph import iri
from newsgraph.config import Settings
from newsgraph.store import StoreError, StoreReader

from .conftest import (
    BASE,
    CONFORMANCE,
    SAMPLES,
    free_port,
    run_cli,
    start_server,
    stop_server,
)
from .remote_helpers import (
    conformance_in_front_of,
    corpus,
    load_in_shards,
    people_and_a_page,
)
from .virtuoso import VIRTUOSO, build_template, start_virtuoso

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(VIRTUOSO is None, reason="virtuoso-t is not installed "
                                 "(apt-get install virtuoso-opensource-7-bin)")]

MERGE = iri.default_graph(BASE)
SYSTEM = ("http://www.openlinksw.com/", "http://www.w3.org/ns/ldp#", "http://localuriqaserver/")


@pytest.fixture(scope="session")
def template(tmp_path_factory) -> Path:
    return build_template(tmp_path_factory.mktemp("virtuoso-template"), free_port(),
                          free_port())


@pytest.fixture()
def virtuoso(tmp_path, template):
    server = start_virtuoso(tmp_path / "virtuoso", free_port(), free_port(), template)
    yield server
    server.stop()


def select(url: str, query: str, **params) -> list[dict]:
    answer = requests.post(url, data={"query": query, **params}, timeout=60,
                           headers={"Accept": "application/sparql-results+json"})
    answer.raise_for_status()
    return answer.json()["results"]["bindings"]


def _term(cell: dict) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    if cell["type"] == "uri":
        return ox.NamedNode(cell["value"])
    if cell["type"] == "bnode":
        return ox.BlankNode(cell["value"])
    if "xml:lang" in cell:
        return ox.Literal(cell["value"], language=cell["xml:lang"])
    if "datatype" in cell:
        return ox.Literal(cell["value"], datatype=ox.NamedNode(cell["datatype"]))
    return ox.Literal(cell["value"])


def article_graphs(url: str) -> dict[str, frozenset[ox.Triple]]:
    """Every graph newsgraph wrote (not the engine's own, not the merge), read on the
    engine's own terms: with GRAPH ?g, which Virtuoso answers whatever the dataset."""
    rows = select(url, "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    found: dict[str, set[ox.Triple]] = {}
    for r in rows:
        g = r["g"]["value"]
        if g != MERGE and not g.startswith(SYSTEM):
            found.setdefault(g, set()).add(ox.Triple(*(_term(r[k]) for k in "spo")))
    return {g: frozenset(t) for g, t in found.items()}


def merge(url: str) -> frozenset[ox.Triple]:
    rows = select(url, f"SELECT ?s ?p ?o WHERE {{ GRAPH <{MERGE}> {{ ?s ?p ?o }} }}")
    return frozenset(ox.Triple(*(_term(r[k]) for k in "spo")) for r in rows)


def merge_is_right(url: str) -> bool:
    union: set[ox.Triple] = set()
    for triples in article_graphs(url).values():
        union |= triples
    return merge(url) == union


def embedded(tmp_path: Path, articles: Path) -> StoreReader:
    local = tmp_path / "local"
    done = run_cli("load", str(articles), "--store", str(local), "-q")
    assert done.returncode in (0, 1), done.stderr
    return StoreReader.open(local)


def _nt(data: bytes) -> frozenset[ox.Triple]:
    return frozenset(q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES))


def test_load_validate_query_link_and_import_against_virtuoso(virtuoso, tmp_path):
    url = virtuoso.url
    done = run_cli("load", str(SAMPLES), "--store", url)
    assert done.returncode == 0, done.stderr
    assert "4 new" in done.stderr
    graphs = article_graphs(url)
    assert len([g for g in graphs if "/article/" in g]) == 4 and merge_is_right(url)
    reader = embedded(tmp_path, SAMPLES)
    for name in reader.graph_names():
        assert graphs[name] == _nt(reader.graph_ntriples(name)), name
    assert merge(url) == _nt(reader.graph_ntriples(None))

    again = run_cli("load", str(SAMPLES), "--store", url)
    assert again.returncode == 0 and "4 unchanged" in again.stderr, again.stderr

    checked = run_cli("validate", "--store", url, "--format", "json")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    report = json.loads(checked.stdout)
    assert report["conforms"] is True
    assert {g["graph"] for g in report["graphs"]} == set(graphs) | {"(across articles)"}

    # The default graph users query is the merge, each triple once.
    counted = run_cli("query", "--store", url, "--format", "json",
                      "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert counted.returncode == 0, counted.stderr
    n = int(json.loads(counted.stdout)["results"]["bindings"][0]["n"]["value"])
    assert n == len(merge(url))
    # A variable named like a keyword is no FROM: the query still reads the merge only
    # (once, "?from" made every graph its default graph, each triple counted twice).
    keyword = run_cli("query", "--store", url, "--format", "json",
                      "SELECT (COUNT(*) AS ?from) WHERE { ?s ?p ?o }")
    assert keyword.returncode == 0, keyword.stderr
    assert json.loads(keyword.stdout)["results"]["bindings"][0]["from"]["value"] == str(n)
    asked = run_cli("query", "--store", url, "--format", "json",
                    "ASK { ?a a <https://w3id.org/newsgraph/ontology#Article> }")
    assert json.loads(asked.stdout) == {"head": {}, "boolean": True}, asked.stdout
    bad = run_cli("query", "--store", url, "SELECT * WHERE { ?s ?p }")
    assert bad.returncode == 2 and "malformed query" in bad.stderr
    assert "Traceback" not in bad.stderr

    linked = run_cli("link", "--store", url, "--offline", "--cache-dir", str(tmp_path / "c"))
    assert linked.returncode == 2 and "Nothing was changed in " + url in linked.stderr

    dump = tmp_path / "samples.trig"
    assert run_cli("extract", str(SAMPLES), "-o", str(dump)).returncode == 0
    imported = run_cli("import", str(dump), "--store", url)
    assert imported.returncode == 0, imported.stderr
    assert article_graphs(url) == graphs and merge_is_right(url)


def test_parallel_and_sharded_loads_make_the_merge(virtuoso, template, tmp_path):
    articles = corpus(tmp_path / "many.jsonl", 6)  # 24 articles
    done = run_cli("load", str(articles), "-j", "2", "--store", virtuoso.url, "-q")
    assert done.returncode == 0 and "24 new" in done.stderr, done.stderr
    reader = embedded(tmp_path, articles)
    assert merge(virtuoso.url) == _nt(reader.graph_ntriples(None))
    assert merge_is_right(virtuoso.url)
    # Three loaders at once, each its shard, into a second Virtuoso: the same graphs.
    other = start_virtuoso(tmp_path / "v2", free_port(), free_port(), template)
    try:
        counts = load_in_shards(articles, other.url)
        assert sum(counts) == 24 and all(counts)
        assert article_graphs(other.url) == article_graphs(virtuoso.url)
        assert merge(other.url) == merge(virtuoso.url) and merge_is_right(other.url)
    finally:
        other.stop()


def test_serve_in_front_of_virtuoso(virtuoso):
    assert run_cli("load", str(SAMPLES), "--store", virtuoso.url, "-q").returncode == 0
    server = start_server(virtuoso.url, None, "--no-service")
    try:
        people_and_a_page(server.url)
        client = SPARQLWrapper(server.url + "/sparql")
        client.setQuery("ASK { ?s ?p ?o }")
        client.setReturnFormat(JSON)
        assert client.query().convert()["boolean"] is True
    finally:
        stop_server(server)


def test_digest_on_the_auth_endpoint(virtuoso):
    good = {"NEWSGRAPH_STORE_USER": "dba", "NEWSGRAPH_STORE_PASSWORD": "dba"}
    done = run_cli("load", str(SAMPLES), "--store", virtuoso.auth_url, "-q", env=good)
    assert done.returncode == 0 and "4 new" in done.stderr, done.stderr
    assert len([g for g in article_graphs(virtuoso.url) if "/article/" in g]) == 4
    wrong = {"NEWSGRAPH_STORE_USER": "dba", "NEWSGRAPH_STORE_PASSWORD": "not-it"}
    refused = run_cli("query", "--store", virtuoso.auth_url, "ASK {}", env=wrong)
    assert refused.returncode == 2 and "refused" in refused.stderr, refused.stderr
    assert "NEWSGRAPH_STORE_PASSWORD" in refused.stderr and "Traceback" not in refused.stderr


def test_a_refused_write_is_one_line_and_leaves_nothing(virtuoso):
    """An engine that refuses to add an article to its default graph: taken for a plain
    SPARQL 1.1 store, Virtuoso refuses `INSERT { ?s ?p ?o }` without a target graph."""
    from newsgraph import backends
    from newsgraph.remote import STANDARD

    store = backends.open_writer(Settings().with_overrides(store=virtuoso.url))
    store._engine = STANDARD
    graph = BASE + "article/refused"
    with pytest.raises(StoreError) as caught:
        store.replace_graph(graph, f"<{graph}> <http://example.org/p> \"x\" .\n")
    message = str(caught.value)
    assert "Virtuoso" in message and "default_graph = union" in message
    assert "nothing of it was written" in message and "\n" not in message
    assert graph not in article_graphs(virtuoso.url)


@pytest.mark.skipif(not CONFORMANCE.exists(),
                    reason="../shared/conformance is not beside the repo")
def test_w3c_protocol_conformance_in_front_of_virtuoso(virtuoso, tmp_path):
    lines = conformance_in_front_of(virtuoso.url, tmp_path)
    assert lines[-1] == "63 passed, 6 failed", lines
