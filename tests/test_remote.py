"""A remote SPARQL 1.1 store: `oxigraph serve` (PyPI) as a separate process, and the whole
load -> validate -> query -> link -> serve path against it."""

from __future__ import annotations

import http.server
import json
import subprocess
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from .conftest import (
    CONFORMANCE,
    NEWSGRAPH,
    SAMPLES,
    free_port,
    run_cli,
    start_oxigraph,
    start_server,
    stop_server,
)
from .remote_helpers import (
    conformance_in_front_of,
    corpus,
    load_in_shards,
    people_and_a_page,
)

pytestmark = pytest.mark.slow

COUNT_DEFAULT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def remote_query(url: str, query: str) -> list[dict]:
    answer = requests.post(url + "/query", data={"query": query},
                           headers={"Accept": "application/sparql-results+json"}, timeout=60)
    answer.raise_for_status()
    return answer.json()["results"]["bindings"]


def remote_graphs(url: str) -> dict[str, frozenset[ox.Triple]]:
    """Every named graph of the remote store, read with the engine's own protocol."""
    names = [r["g"]["value"] for r in remote_query(url, "SELECT DISTINCT ?g WHERE "
                                                         "{ GRAPH ?g { } }")]
    found = {}
    for name in names:
        body = requests.get(url + "/store", params={"graph": name},
                            headers={"Accept": "application/n-triples"}, timeout=60).content
        found[name] = nt(body)
    return found


def _claim_reports(url: str) -> set[str]:
    rows = requests.get(url + "/query", params={"query": "SELECT ?d WHERE { GRAPH ?c { ?c a "
                        "<https://w3id.org/newsgraph/ontology#Claim> ; "
                        "<https://w3id.org/newsgraph/ontology#report> ?d } }"},
                        headers={"Accept": "application/sparql-results+json"}, timeout=60)
    return {r["d"]["value"] for r in rows.json()["results"]["bindings"]}


def _article_deployments(url: str) -> set[str]:
    rows = requests.get(url + "/query", params={"query": "SELECT ?d WHERE { GRAPH ?a { ?d a "
                        "<https://w3id.org/newsgraph/ontology#Deployment> } }"},
                        headers={"Accept": "application/sparql-results+json"}, timeout=60)
    return {r["d"]["value"] for r in rows.json()["results"]["bindings"]}


def articles_in(graphs) -> list[str]:
    """The article graphs among graph names (the claim graphs beside them aside)."""
    return [g for g in graphs if "/article/" in g]


def nt(data: bytes) -> frozenset[ox.Triple]:
    return frozenset(q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES))


def default_triples(url: str) -> frozenset[ox.Triple]:
    body = requests.get(url + "/store", params={"default": ""},
                        headers={"Accept": "application/n-triples"}, timeout=60).content
    return nt(body)


def merge_is_right(url: str) -> bool:
    """The engine's default graph is exactly the merge of its named graphs."""
    merged: set[ox.Triple] = set()
    for triples in remote_graphs(url).values():
        merged |= triples
    return default_triples(url) == merged


def canonical(triples) -> frozenset[ox.Triple]:
    """Triples as SPARQL Update stores them (canonical literals), for comparing."""
    scratch = ox.Store()
    scratch.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    scratch.update("DELETE { ?s ?p ?o } INSERT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    return frozenset(q.triple for q in scratch)


@pytest.fixture()
def oxigraph(tmp_path):
    server = start_oxigraph(tmp_path / "oxigraph")
    yield server
    server.stop()


def test_load_validate_query_link_serve_against_oxigraph_server(oxigraph, tmp_path):
    url = oxigraph.url
    done = run_cli("load", str(SAMPLES), "--store", url)
    assert done.returncode == 0, done.stderr
    assert "4 new" in done.stderr and url in done.stderr
    graphs = remote_graphs(url)
    assert len(articles_in(graphs)) == 4 and len(graphs) > 4  # and the claims
    assert merge_is_right(url)

    # The same articles in the embedded store give the same graphs, term for term.
    local = tmp_path / "local-store"
    assert run_cli("load", str(SAMPLES), "--store", str(local)).returncode == 0
    from newsgraph.store import StoreReader

    reader = StoreReader.open(local)
    for name in reader.graph_names():
        mine = nt(reader.graph_ntriples(name))
        assert graphs[name] == mine, name

    again = run_cli("load", str(SAMPLES), "--store", url)
    assert again.returncode == 0 and "4 unchanged" in again.stderr

    checked = run_cli("validate", "--store", url, "--format", "json")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    report = json.loads(checked.stdout)
    assert report["conforms"] is True

    counted = run_cli("query", "--store", url, "--format", "json", COUNT_DEFAULT)
    assert counted.returncode == 0, counted.stderr
    n = int(json.loads(counted.stdout)["results"]["bindings"][0]["n"]["value"])
    assert n == len(default_triples(url)) > 100

    bad = run_cli("query", "--store", url, "SELECT * WHERE { ?s ?p }")
    assert bad.returncode == 2 and "malformed query" in bad.stderr
    assert "Traceback" not in bad.stderr

    # `link` reads and writes the remote store too (offline: only what the cache knows).
    linked = run_cli("link", "--store", url, "--offline", "--cache-dir", str(tmp_path / "c"))
    assert linked.returncode == 2 and "Nothing was changed in " + url in linked.stderr

    # serve in front of the remote store: SPARQLWrapper, pages, VoID, limits, allow-list.
    server = start_server(url, None, "--max-result-bytes", "2000", "--no-service")
    try:
        people_and_a_page(server.url)
        void = requests.get(server.url + "/.well-known/void", timeout=30)
        assert void.status_code == 200 and "void" in void.text
        big = requests.get(server.url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                           timeout=30)
        assert big.status_code == 400 and "limit" in big.text
        service = requests.get(server.url + "/sparql", params={
            "query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"},
            timeout=30)
        assert service.status_code == 400
        described = requests.get(server.url + "/sparql", headers={"Accept": "text/turtle"},
                                 timeout=30)
        assert described.status_code == 200 and "sd:Service" in described.text
    finally:
        stop_server(server)


def test_parallel_load_to_remote_and_embedded_give_the_same_graph(oxigraph, tmp_path):
    articles = corpus(tmp_path / "many.jsonl", 5)
    with articles.open("a") as out:
        out.write("{not json\n")  # line 21: reported, the rest loads
    done = run_cli("load", str(articles), "-j", "2", "--store", oxigraph.url, "-q")
    assert done.returncode == 1, done.stderr
    assert "20 new" in done.stderr and "1 unreadable" in done.stderr
    assert "many.jsonl:21" in done.stderr and "2 job(s)" in done.stderr
    local = tmp_path / "local"
    done = run_cli("load", str(articles), "-j", "2", "--store", str(local), "-q")
    assert done.returncode == 1 and "20 new" in done.stderr, done.stderr
    from newsgraph.store import StoreReader

    reader = StoreReader.open(local)
    assert len(articles_in(reader.graph_names())) == 20
    mine = nt(reader.graph_ntriples(None))
    assert default_triples(oxigraph.url) == mine
    assert merge_is_right(oxigraph.url)
    # A writer stopped between the article graphs and their copy into the merge: the
    # rerun skips the articles as unchanged and still makes the merge whole, in
    # parallel and in one process.
    for jobs in ("2", "1"):
        cleared = requests.post(oxigraph.url + "/update", data=b"CLEAR DEFAULT", timeout=30,
                                headers={"Content-Type": "application/sparql-update"})
        assert cleared.ok and not default_triples(oxigraph.url)
        again = run_cli("load", str(articles), "-j", jobs, "--store", oxigraph.url, "-q")
        assert "20 unchanged" in again.stderr, again.stderr
        assert default_triples(oxigraph.url) == mine


def test_three_sharded_loaders_at_once_make_one_graph(oxigraph, tmp_path):
    articles = corpus(tmp_path / "many.jsonl", 6)  # 24 articles
    counts = load_in_shards(articles, oxigraph.url)
    assert sum(counts) == 24 and all(counts)
    local = tmp_path / "local"
    assert run_cli("load", str(articles), "--store", str(local), "-q").returncode == 0
    from newsgraph.store import StoreReader

    reader = StoreReader.open(local)
    graphs = remote_graphs(oxigraph.url)
    assert set(graphs) == set(reader.graph_names())
    for name in reader.graph_names():
        assert graphs[name] == nt(reader.graph_ntriples(name)), name
    assert default_triples(oxigraph.url) == nt(reader.graph_ntriples(None))
    assert merge_is_right(oxigraph.url)


def test_union_mode_leaves_the_default_graph_to_the_engine(tmp_path):
    """With default_graph = union newsgraph writes named graphs only; the engine's union
    default graph answers queries (Oxigraph's repeats shared triples: hence DISTINCT)."""
    server = start_oxigraph(tmp_path / "oxigraph", None, None, "--union-default-graph")
    try:
        union = {"NEWSGRAPH_DEFAULT_GRAPH": "union"}
        done = run_cli("load", str(SAMPLES), "--store", server.url, "-q", env=union)
        assert done.returncode == 0 and "4 new" in done.stderr, done.stderr
        assert len(articles_in(remote_graphs(server.url))) == 4
        assert default_triples(server.url) == frozenset()  # the stored default graph
        counted = run_cli("query", "--store", server.url, "--format", "csv",
                          "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o "
                          "WHERE { ?s ?p ?o } }", env=union)
        local = tmp_path / "local"
        assert run_cli("load", str(SAMPLES), "--store", str(local), "-q").returncode == 0
        expected = run_cli("query", "--store", str(local), "--format", "csv",
                           COUNT_DEFAULT).stdout
        assert counted.stdout.splitlines()[1] == expected.splitlines()[1]
        again = run_cli("load", str(SAMPLES), "--store", server.url, "-q", env=union)
        assert "4 unchanged" in again.stderr
    finally:
        server.stop()


def test_store_going_away_mid_load_then_rerun(tmp_path):
    articles = corpus(tmp_path / "many.jsonl", 15)  # 60 articles, several seconds of work
    expected_file = tmp_path / "expected.nq"
    assert run_cli("extract", str(articles), "-f", "nquads", "-o",
                   str(expected_file)).returncode == 0
    expected: dict[str, set[ox.Triple]] = {}
    for quad in ox.parse(path=str(expected_file), format=ox.RdfFormat.N_QUADS):
        expected.setdefault(quad.graph_name.value, set()).add(quad.triple)
    expected = {name: canonical(triples) for name, triples in expected.items()}

    location = tmp_path / "oxigraph"
    server = start_oxigraph(location)
    port = int(server.url.rsplit(":", 1)[1])
    loading = subprocess.Popen([str(NEWSGRAPH), "load", str(articles), "--store", server.url,
                                "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        # Articles only: the load's claims mark is a graph too.
        written = int(remote_query(server.url, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE "
                                               "{ GRAPH ?g { } FILTER(!CONTAINS(STR(?g), "
                                               "'/claims-pending/')) }")[0]["n"]["value"])
        if written >= 5:
            break
        time.sleep(0.1)
    server.process.kill()  # the store goes away, mid-load
    server.process.wait()
    _, err = loading.communicate(timeout=120)
    assert loading.returncode == 2, err
    assert "cannot reach the store" in err and "run the same command again" in err
    assert "Traceback" not in err

    server = start_oxigraph(location, port=port)
    try:
        # The articles written; and the load's mark, which the rerun reads.
        found = {g: t for g, t in remote_graphs(server.url).items() if "/claims-pending/" not in g}
        assert 5 <= len(found) < 60
        for name, triples in found.items():
            assert triples == expected[name], f"{name} is not whole"
        rerun = run_cli("load", str(articles), "--store", server.url, "-q")
        assert rerun.returncode == 0, rerun.stderr
        assert f"{60 - len(found)} new" in rerun.stderr
        assert f"{len(found)} unchanged" in rerun.stderr
        final = remote_graphs(server.url)
        assert {g: final[g] for g in articles_in(final)} == expected
        # The claims of all 60 articles, those the stopped load wrote too (its mark was
        # in the store: the rerun rebuilt the claims of the articles it found written).
        assert _claim_reports(server.url) == _article_deployments(server.url)
        assert merge_is_right(server.url)
    finally:
        server.stop()


def test_import_dataset_into_remote_and_embedded(oxigraph, tmp_path):
    dump = tmp_path / "samples.trig"
    assert run_cli("extract", str(SAMPLES), "-o", str(dump)).returncode == 0
    done = run_cli("import", str(dump), "--store", oxigraph.url)
    assert done.returncode == 0, done.stderr
    assert "in 4 graph(s), 0 of them replaced" in done.stderr
    local = tmp_path / "local"
    assert run_cli("import", str(dump), "--store", str(local)).returncode == 0
    again = run_cli("import", str(dump), "--store", str(local))
    assert again.returncode == 0 and "4 of them replaced" in again.stderr
    loaded = tmp_path / "loaded"
    assert run_cli("load", str(SAMPLES), "--store", str(loaded)).returncode == 0
    from newsgraph.store import StoreReader

    def default(store: Path) -> frozenset:
        return nt(StoreReader.open(store).graph_ntriples(None))

    assert default(local) == default(loaded)  # imported = loaded, merged graph included
    assert canonical(default_triples(oxigraph.url)) == default(loaded)
    assert merge_is_right(oxigraph.url)

    broken = tmp_path / "broken.nq"
    broken.write_text("<http://a> <http://b> <http://c> <http://g> .\n<http://a> <http://b> .\n")
    before = len(remote_graphs(oxigraph.url))
    refused = run_cli("import", str(broken), "--store", oxigraph.url)
    assert refused.returncode == 2 and "broken.nq" in refused.stderr
    assert "line 2" in refused.stderr and "nothing was imported" in refused.stderr
    assert len(remote_graphs(oxigraph.url)) == before
    wrong = run_cli("import", str(SAMPLES), "--store", str(local))
    assert wrong.returncode == 2 and ".trig or .nq" in wrong.stderr


class _Recorder(http.server.BaseHTTPRequestHandler):
    """A store that refuses every request and remembers the Authorization it was sent."""

    seen: list[str] = []

    def do_POST(self) -> None:  # noqa: N802
        type(self).seen.append(self.headers.get("Authorization", ""))
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="store"')
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def test_credentials_come_from_the_environment_only(tmp_path):
    port = free_port()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), _Recorder)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{port}"
    try:
        done = run_cli("query", "--store", url, "ASK {}",
                       env={"NEWSGRAPH_STORE_TOKEN": "s3cret"})
        assert done.returncode == 2
        assert "refused" in done.stderr and "NEWSGRAPH_STORE_USER" in done.stderr
        assert "s3cret" not in done.stderr
        assert _Recorder.seen[-1] == "Bearer s3cret"
        done = run_cli("query", "--store", url, "ASK {}",
                       env={"NEWSGRAPH_STORE_USER": "ana", "NEWSGRAPH_STORE_PASSWORD": "pw"})
        assert _Recorder.seen[-1] == "Basic YW5hOnB3"  # ana:pw
    finally:
        httpd.shutdown()
    config = tmp_path / "newsgraph.toml"
    config.write_text(f'store = "{url}"\nstore_password = "pw"\n')
    refused = run_cli("--config", str(config), "query", "ASK {}")
    assert refused.returncode == 2 and "NEWSGRAPH_STORE_PASSWORD" in refused.stderr
    help_text = run_cli("load", "--help").stdout
    assert "--password" not in help_text and "--token" not in help_text


def test_config_file_and_environment_name_the_store(oxigraph, tmp_path):
    assert run_cli("load", str(SAMPLES), "--store", oxigraph.url, "-q").returncode == 0
    (tmp_path / "newsgraph.toml").write_text(f'store = "{oxigraph.url}"\n')
    from_file = run_cli("query", "ASK { ?s ?p ?o }", cwd=tmp_path)
    assert from_file.returncode == 0 and from_file.stdout.strip() == "true", from_file.stderr
    from_env = run_cli("query", "ASK { ?s ?p ?o }", env={"NEWSGRAPH_STORE": oxigraph.url})
    assert from_env.returncode == 0 and from_env.stdout.strip() == "true"
    endpoints = run_cli("query", "ASK { ?s ?p ?o }", "--store", "http://127.0.0.1:9",
                        "--query-url", oxigraph.url + "/query")
    assert endpoints.returncode == 0 and endpoints.stdout.strip() == "true"
    (tmp_path / "newsgraph.toml").write_text('stor = "x"\n')
    typo = run_cli("query", "ASK {}", cwd=tmp_path)
    assert typo.returncode == 2 and "unknown setting 'stor'" in typo.stderr


def test_unreachable_store_is_a_clear_error(tmp_path):
    url = f"http://127.0.0.1:{free_port()}"
    for args in (("load", str(SAMPLES)), ("validate",), ("query", "ASK {}"), ("serve",),
                 ("link", "--offline")):
        done = run_cli(*args, "--store", url, timeout=60)
        assert done.returncode == 2, (args, done.stderr)
        assert "cannot reach the store" in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr
    local = run_cli("query", "ASK {}", "--store", str(tmp_path / "x"), "--query-url",
                    url + "/query")
    assert local.returncode == 2 and "remote store" in local.stderr
    ftp = run_cli("query", "ASK {}", "--store", "ftp://example.org/store")
    assert ftp.returncode == 2 and "http(s) URL" in ftp.stderr


def sparql_update(server, text: str, headers: dict[str, str]) -> requests.Response:
    return requests.post(server.sparql, data=text.encode(), timeout=30,
                         headers={"Content-Type": "application/sparql-update", **headers})


def test_writes_through_serve_keep_the_remote_merge(oxigraph):
    """SPARQL Update and Graph Store writes sent to newsgraph reach the remote store, and
    its default graph stays the merge of its named graphs."""
    assert run_cli("load", str(SAMPLES), "--store", oxigraph.url, "-q").returncode == 0
    token = "remote-write-token"
    auth = {"Authorization": f"Bearer {token}"}
    server = start_server(oxigraph.url, None, "--enable-update",
                          env={"NEWSGRAPH_UPDATE_TOKEN": token})
    try:
        g = "http://example.org/g/remote"
        one = '<http://example.org/a> <http://example.org/p> "one"'
        two = '<http://example.org/a> <http://example.org/p> "two"'
        inserted = sparql_update(server, f"INSERT DATA {{ GRAPH <{g}> {{ {one} . {two} }} }}",
                                 auth)
        assert inserted.status_code == 204, inserted.text
        assert merge_is_right(oxigraph.url)
        assert len(remote_graphs(oxigraph.url)[g]) == 2
        deleted = sparql_update(server, f"DELETE DATA {{ GRAPH <{g}> {{ {one} }} }}", auth)
        assert deleted.status_code == 204, deleted.text
        assert merge_is_right(oxigraph.url)
        put = requests.put(server.url + "/store", params={"graph": g},
                           data=b"<http://example.org/b> <http://example.org/p> \"three\" .",
                           headers={"Content-Type": "text/turtle", **auth}, timeout=30)
        assert put.status_code == 204, put.text
        assert remote_graphs(oxigraph.url)[g] == nt(
            b"<http://example.org/b> <http://example.org/p> \"three\" .")
        assert merge_is_right(oxigraph.url)
        gone = requests.delete(server.url + "/store", params={"graph": g}, headers=auth,
                               timeout=30)
        assert gone.status_code == 204
        assert g not in remote_graphs(oxigraph.url) and merge_is_right(oxigraph.url)
        assert sparql_update(server, "CLEAR ALL", {}).status_code == 401
    finally:
        stop_server(server)


@pytest.mark.skipif(not CONFORMANCE.exists(),
                    reason="../shared/conformance is not beside the repo")
def test_w3c_protocol_conformance_in_front_of_a_remote_store(oxigraph, tmp_path):
    """The same SPARQL 1.1 Protocol, Update and Graph Store results as over the embedded
    store: serving from a remote store loses no endpoint feature."""
    lines = conformance_in_front_of(oxigraph.url, tmp_path)
    assert lines[-1] == "63 passed, 6 failed", lines
