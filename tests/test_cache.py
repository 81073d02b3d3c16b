"""Answers are served again from memory while the snapshot stays, and never after it."""

from __future__ import annotations

import io
import json

import pytest

from newsgraph.config import Settings
from newsgraph.endpoint import create_app
from newsgraph.endpoint.cache import Kept, ResponseCache
from newsgraph.endpoint.context import CACHE_KEY
from newsgraph.endpoint.executor import Answer, InlinePool
from newsgraph.store import EmbeddedStore

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
JSON = {"Accept": "application/sparql-results+json"}


def _kept(size: int) -> Kept:
    return Kept("200 OK", (("Content-Type", "text/plain"),), b"x" * size)


def test_the_cache_keeps_to_its_bound_and_lets_the_least_recent_go():
    cache = ResponseCache(2000)
    for name in "abcdefgh":  # 8 x 241 bytes
        assert cache.put("000001", name, _kept(240))
    assert cache.get("000001", "a") is not None  # a is now the most recent
    assert cache.put("000001", "i", _kept(240))  # 9 x 241 > 2000: b goes
    assert cache.get("000001", "b") is None
    assert cache.get("000001", "a") is not None and cache.get("000001", "i") is not None
    assert cache.size == (8, 8 * 241)
    assert not cache.put("000001", "huge", _kept(300))  # over an eighth of the room


def test_a_newer_snapshot_drops_everything_and_an_older_one_changes_nothing():
    cache = ResponseCache(10_000)
    cache.put("000002", "page", _kept(10))
    assert cache.get("000001", "page") is not None  # a reader behind the pointer
    assert not cache.put("000001", "other", _kept(10))
    assert cache.get("000003", "page") is None
    assert cache.size == (0, 0)


def _graph(store: EmbeddedStore, n: int) -> None:
    store.replace_graph(f"https://example.org/graph/{n}",
                        f"<https://example.org/s{n}> <https://example.org/p> \"{n}\" .\n")
    store.publish(force=True)


@pytest.fixture()
def store(tmp_path):
    writer = EmbeddedStore.open(tmp_path / "store", create=True)
    _graph(writer, 1)
    yield writer
    writer.close()


def _count(client, **kwargs) -> int:
    answer = client.get("/sparql", query_string={"query": COUNT}, headers=JSON, **kwargs)
    assert answer.status_code == 200, answer.data
    return int(answer.json["results"]["bindings"][0]["n"]["value"])


def test_a_repeated_query_is_answered_from_memory_until_a_new_snapshot(store, tmp_path):
    app = create_app(Settings(store_path=tmp_path / "store"), pool_factory=InlinePool)
    cache = app.extensions[CACHE_KEY]
    client = app.test_client()
    assert _count(client) == 1 and (cache.hits, cache.misses) == (0, 1)
    assert _count(client) == 1 and cache.hits == 1
    posted = {"data": {"query": COUNT}, "headers": JSON}
    first, again = client.post("/sparql", **posted), client.post("/sparql", **posted)
    assert first.data == again.data and cache.hits == 2
    # Another Accept is another answer.
    csv = client.get("/sparql", query_string={"query": COUNT}, headers={"Accept": "text/csv"})
    assert csv.data.decode().splitlines() == ["n", "1"]
    _graph(store, 2)
    assert _count(client) == 2  # the new snapshot's answer, not the kept one
    assert _count(client) == 2 and cache.hits == 3


def test_pages_are_kept_and_health_and_errors_are_not(store, tmp_path):
    app = create_app(Settings(store_path=tmp_path / "store"), pool_factory=InlinePool)
    cache = app.extensions[CACHE_KEY]
    client = app.test_client()
    page = client.get("/")
    assert page.status_code == 200 and client.get("/").data == page.data
    assert cache.hits == 1
    assert client.head("/").status_code == 200 and cache.hits == 2
    client.get("/health")
    client.get("/health")
    bad = client.get("/sparql", query_string={"query": "SELECT nonsense"})
    assert bad.status_code == 400
    assert client.get("/sparql", query_string={"query": "SELECT nonsense"}).status_code == 400
    assert cache.hits == 2


class _Behind(InlinePool):
    """A pool whose answers come from an older snapshot than the published one (an
    executor that has not yet moved on)."""

    def run(self, job, timeout=None, gone=None) -> Answer:
        answer = super().run(job, timeout, gone)
        return Answer(answer.status, answer.body, answer.media, answer.seconds, "000000")


def test_an_answer_from_another_snapshot_is_not_kept(store, tmp_path):
    app = create_app(Settings(store_path=tmp_path / "store"), pool_factory=_Behind)
    client = app.test_client()
    _count(client)
    _count(client)
    assert app.extensions[CACHE_KEY].hits == 0
    assert app.extensions[CACHE_KEY].size == (0, 0)


def test_a_kept_answer_is_sent_as_the_app_sent_it(store, tmp_path, caplog):
    app = create_app(Settings(store_path=tmp_path / "store"), pool_factory=InlinePool)
    cache = app.extensions[CACHE_KEY]
    client = app.test_client()
    for method, options in (("get", {"query_string": {"query": COUNT}}),
                            ("post", {"data": {"query": COUNT}})):
        made = getattr(client, method)("/sparql", headers=JSON, **options)
        with caplog.at_level("INFO", logger="newsgraph.endpoint"):
            again = getattr(client, method)("/sparql", headers=JSON, **options)
        # Every header the app adds after its routes, and the body, byte for byte.
        assert again.data == made.data and set(again.headers.items()) == \
            set(made.headers.items()) - {("Cache-Status", "newsgraph; fwd=miss")} \
            | {("Cache-Status", "newsgraph; hit")}
        assert len(again.headers) == len(made.headers)
        assert again.headers["Access-Control-Allow-Origin"] == "*"
        logged = [json.loads(r.getMessage()) for r in caplog.records]
        assert [(e["method"], e["path"], e["status"], e["cache"]) for e in logged] == \
            [(method.upper(), "/sparql", 200, "hit")]
        caplog.clear()
    assert cache.hits == 2
    head = client.head("/sparql", query_string={"query": COUNT}, headers=JSON)
    assert head.status_code == 200 and head.data == b"" and cache.hits == 3
    # A HEAD answer has no body to keep: the GET after it is made afresh, then kept.
    client.head("/", headers=JSON)
    assert client.get("/", headers=JSON).status_code == 200 and cache.hits == 3


def test_a_posted_query_is_read_by_the_app_after_the_cache_read_it(store, tmp_path):
    app = create_app(Settings(store_path=tmp_path / "store"), pool_factory=InlinePool)
    client = app.test_client()
    # A different query each time: never a kept answer, so the app must read the body.
    for n in range(3):
        answer = client.post("/sparql", data=f"{COUNT} # {n}",
                             headers={**JSON, "Content-Type": "application/sparql-query"})
        assert answer.status_code == 200 and answer.json["results"]["bindings"]
    # Without a length up front (chunked), the route reads it and nothing is kept.
    answer = client.post("/sparql", input_stream=io.BytesIO(f"query={COUNT}".encode()),
                         headers={**JSON, "Content-Type": "application/x-www-form-urlencoded"},
                         environ_overrides={"CONTENT_LENGTH": "", "wsgi.input_terminated": True})
    assert answer.status_code == 200, answer.data
    assert app.extensions[CACHE_KEY].size[0] == 3
    # A body shorter than its stated length (the client hung up): refused, not run cut.
    cut = client.post("/sparql", input_stream=io.BytesIO(f"query={COUNT}".encode()),
                      headers={**JSON, "Content-Type": "application/x-www-form-urlencoded"},
                      environ_overrides={"CONTENT_LENGTH": str(len(COUNT) + 20)})
    assert cut.status_code == 400 and app.extensions[CACHE_KEY].size[0] == 3


def test_no_cache_when_it_is_turned_off(store, tmp_path):
    app = create_app(Settings(store_path=tmp_path / "store", cache_mb=0),
                     pool_factory=InlinePool)
    assert app.extensions[CACHE_KEY] is None
    assert _count(app.test_client()) == 1


def test_cache_mb_must_be_a_whole_number():
    with pytest.raises(ValueError, match="cache_mb"):
        Settings().with_overrides(cache_mb="lots")
    with pytest.raises(ValueError, match="cache_mb"):
        Settings().with_overrides(cache_mb=-1)
