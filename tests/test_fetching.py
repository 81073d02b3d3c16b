"""Pages and feeds fetched from a made-up site on a local port: politely, once, and
every failure one clear reason while the rest goes on."""

from __future__ import annotations

import time

import pytest

from newsgraph.loader.fetch import Fetcher, FetchPolicy
from newsgraph.loader.inputs import read_articles
from newsgraph.loader.model import Article

from .websites import STORIES, Answer, Site, conditional, feed, page

AGENT = "newsgraph-test/1 (+https://example.org/about)"


def fetcher(tmp_path, **options) -> Fetcher:
    policy = {"delay": 0.0, "timeout": 2.0, "retries": 1, **options}
    return Fetcher(FetchPolicy(tmp_path / "cache", AGENT, **policy))


def split(items):
    items = list(items)
    return ([i for i in items if isinstance(i, Article)],
            [i for i in items if not isinstance(i, Article)])


@pytest.fixture()
def site():
    with Site() as running:
        running.routes["/robots.txt"] = Answer(200, "User-agent: *\nDisallow: /private/\n",
                                               {"Content-Type": "text/plain"})
        for story in STORIES:
            running.routes[f"/news/{story}"] = Answer(200, page(story, f"About {story}"))
        yield running


def test_a_list_of_urls_is_fetched_once_and_a_rerun_asks_nothing(site, tmp_path):
    urls = tmp_path / "read.txt"
    urls.write_text("".join(f"{site.url}/news/{s}\n" for s in STORIES) + "\n# a comment\n")
    articles, problems = split(read_articles([urls], fetcher=fetcher(tmp_path)))
    assert not problems and len(articles) == 3
    assert articles[0].text == "\n\n".join(STORIES["bridges"])
    assert articles[0].outlet == "The Valley Post" and articles[0].url.endswith("/bridges")
    # robots.txt once, each page once, each with the User-Agent.
    assert sorted(p for p, _ in site.log) == ["/news/bridges", "/news/grain",
                                              "/news/harbour", "/robots.txt"]
    assert all(h["user-agent"] == AGENT for _, h in site.log)
    site.log.clear()
    again = fetcher(tmp_path)
    articles, problems = split(read_articles([urls], fetcher=again))
    assert len(articles) == 3 and not problems
    assert site.log == [] and again.requests_made == 0
    # Offline, from the cache; a URL never fetched is a problem that says so.
    offline = fetcher(tmp_path, offline=True)
    articles, problems = split(read_articles(
        [f"{site.url}/news/grain", f"{site.url}/news/other"], fetcher=offline))
    assert len(articles) == 1 and "not in the cache" in problems[0].message
    assert site.log == []


def test_robots_txt_is_obeyed_and_one_host_is_asked_one_request_at_a_time(site, tmp_path):
    site.routes["/private/memo"] = Answer(200, page("grain", "Memo"))
    articles, problems = split(read_articles(
        [f"{site.url}/private/memo", f"{site.url}/news/bridges", f"{site.url}/news/grain"],
        fetcher=fetcher(tmp_path, delay=0.3)))
    assert "robots.txt does not allow" in problems[0].message
    assert site.requests_to("/private/memo") == [] and len(articles) == 2
    # The delay holds between two requests to one host (robots.txt, two pages).
    started = time.monotonic()
    fetcher(tmp_path / "other", delay=0.3).fetch(f"{site.url}/news/harbour")
    assert time.monotonic() - started >= 0.3


def test_a_feed_is_read_item_by_item_and_asked_again_with_its_etag(site, tmp_path):
    items = [("/news/bridges", "Engineers sent north", "Tue, 06 May 2025 08:00:00 GMT"),
             ("/news/undated", "Inspectors sent to the port", "Wed, 07 May 2025 09:00:00 GMT")]
    site.routes["/feed.xml"] = conditional(feed(site.url, items), '"v1"')
    # The page of the second item has neither title nor date: the item's fill them in.
    site.routes["/news/undated"] = Answer(200, page("grain", dated=False))
    articles, problems = split(read_articles([f"{site.url}/feed.xml"],
                                             fetcher=fetcher(tmp_path)))
    assert not problems and [a.url.rsplit("/", 1)[1] for a in articles] == ["bridges",
                                                                            "undated"]
    assert articles[0].title == "About bridges"  # the page's own title wins
    assert articles[1].title == "Inspectors sent to the port"
    assert articles[1].published.isoformat() == "2025-05-07"
    site.log.clear()
    articles, _ = split(read_articles([f"{site.url}/feed.xml"], fetcher=fetcher(tmp_path)))
    # On a rerun the feed is asked with its ETag and answers 304; the pages are kept.
    assert len(articles) == 2
    assert [(p, h.get("if-none-match")) for p, h in site.log] == [("/feed.xml", '"v1"')]


def test_redirects_are_followed_to_a_limit(site, tmp_path):
    site.routes["/old/bridges"] = Answer(301, "", {"Location": "/news/bridges"})
    site.routes["/loop/a"] = Answer(302, "", {"Location": "/loop/b"})
    site.routes["/loop/b"] = Answer(302, "", {"Location": "/loop/a"})
    articles, problems = split(read_articles([f"{site.url}/old/bridges",
                                              f"{site.url}/loop/a"], fetcher=fetcher(tmp_path)))
    assert articles[0].url == f"{site.url}/news/bridges"
    assert "more than 5 redirects" in problems[0].message


def test_a_server_asking_to_wait_is_waited_for(site, tmp_path):
    calls = []

    def busy(_headers):
        calls.append(time.monotonic())
        if len(calls) == 1:
            return Answer(429, "slow down", {"Retry-After": "1"})
        return Answer(200, page("harbour", "Harbour"))

    site.routes["/news/busy"] = busy
    articles, problems = split(read_articles([f"{site.url}/news/busy"],
                                             fetcher=fetcher(tmp_path)))
    assert len(articles) == 1 and not problems
    assert len(calls) == 2 and calls[1] - calls[0] >= 1.0
    site.routes["/news/closed"] = Answer(503, "maintenance", {"Retry-After": "3600"})
    _, problems = split(read_articles([f"{site.url}/news/closed"], fetcher=fetcher(tmp_path)))
    assert "asks to wait 3600 s" in problems[0].message


def test_each_bad_answer_is_one_reason_and_the_rest_is_read(site, tmp_path):
    site.routes["/news/slow"] = Answer(200, page("grain", "Slow"), delay=1.5)
    site.routes["/news/photo"] = Answer(200, bytes(range(256)) * 64)
    site.routes["/news/huge"] = Answer(200, "<html><body><p>" + "word " * 40_000)
    site.routes["/feed/broken.xml"] = Answer(200, "this is not a feed at all <<<",
                                             {"Content-Type": "application/rss+xml"})
    site.routes["/news/gone"] = Answer(410, "gone")
    # A byte every 0.1 s: each wait is short, the whole body would take minutes.
    site.routes["/news/drip"] = Answer(200, page("bridges", "Drip"), drip=0.1)
    targets = ["slow", "photo", "huge", "gone", "drip"]
    articles, problems = split(read_articles(
        [*(f"{site.url}/news/{t}" for t in targets), f"{site.url}/feed/broken.xml",
         f"{site.url}/news/harbour"], fetcher=fetcher(tmp_path, max_bytes=100_000,
                                                      timeout=0.5)))
    assert [a.url.rsplit("/", 1)[1] for a in articles] == ["harbour"]
    reasons = {p.where.rsplit("/", 1)[1]: p.message for p in problems}
    assert "no answer within 0.5 s, 2 times" in reasons["slow"]
    assert "not an HTML page" in reasons["photo"] or "not a web page" in reasons["photo"]
    assert "over the limit of 100,000" in reasons["huge"]
    assert "answered 410" in reasons["gone"]
    assert "the body took over 2 s to arrive" in reasons["drip"]
    assert "not a readable feed" in reasons["broken.xml"] or "not a feed" in reasons[
        "broken.xml"]
