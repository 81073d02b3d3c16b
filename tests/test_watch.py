"""`load` pointed at URLs and feeds, and `watch` polling feeds: real processes, a real
store on disk, a made-up site on a local port."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from email.utils import formatdate

import pytest

from .conftest import NEWSGRAPH, run_cli
from .websites import STORIES, Answer, Site, feed, page


def _env(tmp_path) -> dict[str, str]:
    config = tmp_path / "fast.toml"
    config.write_text("fetch_delay = 0.0\nfetch_timeout = 2.0\nfetch_retries = 0\n")
    return {"NEWSGRAPH_CONFIG": str(config), "NEWSGRAPH_CACHE_DIR": str(tmp_path / "cache")}


def _site_routes(site: Site) -> None:
    site.routes["/robots.txt"] = Answer(200, "User-agent: *\nAllow: /\n",
                                        {"Content-Type": "text/plain"})
    for story in STORIES:
        site.routes[f"/news/{story}"] = Answer(200, page(story, f"About {story}"))
    site.routes["/index"] = Answer(200, "<html><body><ul>" + "".join(
        f"<li><a href='/news/{s}'>{s}</a></li>" for s in STORIES) + "</ul></body></html>")


def test_load_reads_urls_and_says_what_it_skipped(tmp_path):
    store = tmp_path / "store"
    with Site() as site:
        _site_routes(site)
        done = run_cli("load", f"{site.url}/news/bridges", f"{site.url}/index",
                       f"{site.url}/news/missing", "--store", str(store), env=_env(tmp_path))
        assert done.returncode == 1, done.stderr  # the missing page is a failure
        assert "1 new" in done.stderr and "1 unreadable, 1 skipped" in done.stderr
        assert "answered 404" in done.stderr and "not an article" in done.stderr
        asked = len(site.log)
        # Again, offline: the page from the cache, nothing asked, nothing changed.
        again = run_cli("load", f"{site.url}/news/bridges", "--offline", "--store",
                        str(store), env=_env(tmp_path))
        assert again.returncode == 0, again.stderr
        assert "1 unchanged" in again.stderr and len(site.log) == asked
    found = run_cli("query", "PREFIX schema: <https://schema.org/> SELECT ?o WHERE "
                    "{ ?a schema:publisher/<http://www.w3.org/2000/01/rdf-schema#label> ?o }",
                    "--store", str(store), "--format", "csv")
    assert "The Valley Post" in found.stdout


QUOTES = ("PREFIX ng: <https://w3id.org/newsgraph/ontology#> "
          "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
          "SELECT ?speaker ?quote WHERE { GRAPH ?g { ?s ng:quote ?quote ; "
          "ng:speaker/rdfs:label ?speaker } } ORDER BY ?quote")


def test_pages_a_feed_and_an_archive_make_the_graph_their_text_makes(tmp_path):
    from .test_archives import write_warc

    env = _env(tmp_path)
    with Site() as site:
        _site_routes(site)
        site.routes["/feed.xml"] = Answer(200, feed(site.url, [
            ("/news/harbour", "Harbour", "Tue, 06 May 2025 08:00:00 GMT")]),
            {"Content-Type": "application/rss+xml"})
        saved = tmp_path / "saved"
        saved.mkdir()
        (saved / "bridges.html").write_text(page("bridges", "About bridges"))
        write_warc(tmp_path / "crawl.warc.gz", "https://valley-post.example", ["grain"])
        done = run_cli("load", str(saved), f"{site.url}/feed.xml",
                       str(tmp_path / "crawl.warc.gz"), "--store", str(tmp_path / "web"),
                       env=env)
    assert done.returncode == 0, done.stderr
    assert "3 new" in done.stderr and "1 skipped" in done.stderr  # the crawl's binary record
    texts = tmp_path / "texts"
    texts.mkdir()
    for story, paragraphs in STORIES.items():
        (texts / f"{story}.txt").write_text("\n\n".join(paragraphs) + "\n")
    assert run_cli("load", str(texts), "--store", str(tmp_path / "txt"),
                   env=env).returncode == 0
    from_web, from_text = (run_cli("query", QUOTES, "--store", str(tmp_path / name),
                                   "--format", "csv").stdout for name in ("web", "txt"))
    assert from_web == from_text and from_web.count("\n") > 3


@pytest.mark.slow
def test_watch_loads_what_is_new_each_round_and_stops_on_ctrl_c(tmp_path):
    items = [("/news/bridges", "Bridges", formatdate(1_746_518_400, usegmt=True))]
    state = {"etag": '"1"'}

    def the_feed(headers):
        if headers.get("if-none-match") == state["etag"]:
            return Answer(304, b"", {"ETag": state["etag"]})
        return Answer(200, feed(site.url, items), {"Content-Type": "application/rss+xml",
                                                   "ETag": state["etag"]})

    with Site() as site:
        _site_routes(site)
        site.routes["/feed.xml"] = the_feed
        feeds = tmp_path / "feeds.txt"
        # A second feed that is down: said each round, and the first goes on.
        feeds.write_text(f"# the newsroom's feeds\n{site.url}/feed.xml\n"
                         "http://127.0.0.1:9/feed.xml\n")
        log = tmp_path / "watch.log"
        with log.open("w") as out:
            watcher = subprocess.Popen(
                [str(NEWSGRAPH), "watch", str(feeds), "--every", "2s", "--store",
                 str(tmp_path / "store")], stdout=out, stderr=subprocess.STDOUT,
                env={**os.environ, **_env(tmp_path)})
        try:
            _wait_for(log, "round 1 at", watcher)
            text = log.read_text()
            assert "new: " in text and "1 new" in text and "cannot connect" in text
            # A new item: the next round loads it, and only it.
            items.append(("/news/harbour", "Harbour", formatdate(1_746_604_800, usegmt=True)))
            state["etag"] = '"2"'
            _wait_for(log, "round 2 at", watcher)
            second = log.read_text().split("round 1 at", 1)[1]
            assert "1 new, 0 replaced, 1 unchanged" in second
            _wait_for(log, "round 3 at", watcher)
            third = log.read_text().split("round 2 at", 1)[1]
            assert "0 new, 0 replaced, 2 unchanged" in third
            watcher.send_signal(signal.SIGINT)
            assert watcher.wait(timeout=30) == 0
        finally:
            if watcher.poll() is None:
                watcher.kill()
        assert "stopped after" in log.read_text()
        # Round 3 asked the feed with its ETag (304) and fetched no page again.
        pages = [p for p, _ in site.log if p.startswith("/news/")]
        assert sorted(pages) == ["/news/bridges", "/news/harbour"]
        assert site.requests_to("/feed.xml")[-1].get("if-none-match") == '"2"'
    count = run_cli("query", "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { } }",
                    "--store", str(tmp_path / "store"), "--format", "csv")
    assert count.stdout.split() == ["n", "2"]


def _wait_for(log, text: str, process, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in log.read_text():
            return
        if process.poll() is not None:
            raise AssertionError(f"watch stopped: {log.read_text()}")
        time.sleep(0.2)
    raise AssertionError(f"no {text!r} in {seconds} s: {log.read_text()}")
