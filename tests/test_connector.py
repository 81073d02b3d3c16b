"""The HTTP transport to a remote store, alone, against a small HTTP server of the test's own
that answers as a SPARQL server would, or as a broken or locked one does."""

from __future__ import annotations

import http.server
import json
import threading

import pytest

from newsgraph.connector import Credentials, Endpoints, SparqlConnector
from newsgraph.store import StoreError, StoreUnreachable

from .conftest import free_port


class Engine(http.server.BaseHTTPRequestHandler):
    """Answers by path: /query with a result, /locked with 401, /broken with 500."""

    seen: list[tuple[str, str, dict[str, str], bytes]] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).seen.append((self.command, self.path, dict(self.headers), body))
        if self.path.startswith("/locked"):
            self._answer(401, b"who are you?", "text/plain")
        elif self.path.startswith("/broken"):
            self._answer(500, b"the engine fell over", "text/plain")
        elif self.path.startswith("/busy") and sum(p.startswith("/busy") for _, p, _, _ in
                                                   type(self).seen) <= 2:
            # Two writers' transactions crossed; the engine ended this one (Virtuoso).
            self._answer(500, b"<h3>Error 40001</h3> SR172: Transaction deadlocked",
                         "text/html")
        elif self.path.startswith("/query"):
            result = {"head": {"vars": ["n"]},
                      "results": {"bindings": [{"n": {"type": "literal", "value": "7"}}]}}
            self._answer(200, json.dumps(result).encode(), "application/sparql-results+json")
        else:
            self._answer(204, b"", "text/plain")

    do_PUT = do_POST  # noqa: N815

    def _answer(self, status: int, body: bytes, media: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def engine():
    Engine.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Engine)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_the_three_urls_follow_oxigraphs_layout_unless_given():
    assert Endpoints.derive("http://h:7878/") == Endpoints(
        "http://h:7878/query", "http://h:7878/update", "http://h:7878/store")
    assert Endpoints.derive("http://h/", gsp="http://h/data").gsp == "http://h/data"


def test_credentials_become_one_header_and_are_never_printed():
    assert Credentials(token="t0k").header() == "Bearer t0k"
    assert Credentials("ann", "pw").header() == "Basic YW5uOnB3"
    assert Credentials().header() is None
    assert "pw" not in repr(Credentials("ann", "pw"))


def test_a_query_is_posted_with_the_credentials_and_the_answer_read(engine):
    connector = SparqlConnector(Endpoints.derive(engine), Credentials(token="t0k"))
    reply = connector.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert not reply.is_graph and json.loads(reply.body)["results"]["bindings"][0]["n"]
    method, path, headers, body = Engine.seen[-1]
    assert method == "POST" and path == "/query"
    assert headers["Authorization"] == "Bearer t0k" and "newsgraph/" in headers["User-Agent"]
    assert body.startswith(b"query=SELECT")
    assert connector.query("CONSTRUCT WHERE { ?s ?p ?o }").is_graph


def test_a_graph_is_put_by_name(engine):
    SparqlConnector(Endpoints.derive(engine)).put_graph("https://example.org/g/1", b"",
                                                        "application/n-triples")
    method, path, headers, _ = Engine.seen[-1]
    assert method == "PUT" and path == "/store?graph=https%3A%2F%2Fexample.org%2Fg%2F1"
    assert headers["Content-Type"] == "application/n-triples"


def test_a_write_ended_as_deadlocked_is_sent_again(engine):
    busy = SparqlConnector(Endpoints(engine + "/query", engine + "/busy", engine + "/busy"))
    busy.put_graph("https://example.org/g/1", b"", "application/n-triples")
    assert [p.split("?")[0] for _, p, _, _ in Engine.seen] == ["/busy"] * 3


def test_virtuosos_endpoint_gives_its_graph_store_url():
    assert Endpoints.derive("http://h:8890/sparql") == Endpoints(
        "http://h:8890/sparql", "http://h:8890/sparql", "http://h:8890/sparql-graph-crud")
    assert Endpoints.derive("http://h:8890/sparql-auth").gsp == \
        "http://h:8890/sparql-graph-crud-auth"


def test_an_answer_over_the_cap_is_refused(engine):
    connector = SparqlConnector(Endpoints.derive(engine))
    with pytest.raises(ValueError, match="larger than the limit of 10 bytes"):
        connector.query("SELECT * WHERE { ?s ?p ?o }", max_bytes=10)


def test_each_failure_says_what_to_do(engine):
    locked = SparqlConnector(Endpoints(engine + "/locked", engine + "/locked", engine + "/x"))
    with pytest.raises(StoreError, match="NEWSGRAPH_STORE_TOKEN"):
        locked.query("ASK {}")
    broken = SparqlConnector(Endpoints(engine + "/broken", engine + "/broken",
                                       engine + "/broken"))
    with pytest.raises(StoreError, match="answered HTTP 500: the engine fell over"):
        broken.put_graph("https://example.org/g", b"", "application/n-triples")
    nowhere = SparqlConnector(Endpoints.derive(f"http://127.0.0.1:{free_port()}"), timeout=2)
    with pytest.raises(StoreUnreachable, match="cannot reach the store"):
        nowhere.update("CLEAR ALL")
