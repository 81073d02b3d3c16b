"""Web archives: the article pages of a WARC, streamed, and nothing else of it; a file
cut short gives what it holds and says where it ends; folders mix every kind."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.loader.fetch import Fetcher, FetchPolicy
from newsgraph.loader.inputs import read_articles
from newsgraph.loader.model import Article

from .websites import STORIES, Answer, Site, feed, page


def write_warc(path: Path, base: str, stories: list[str], gzip: bool = True) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for story in stories:
            url = f"{base}/news/{story}"
            writer.write_record(writer.create_warc_record(
                url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            html = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                    protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(page(story, f"About {story}").encode()),
                http_headers=html))
            image = StatusAndHeaders("200 OK", [("Content-Type", "image/jpeg")],
                                     protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url + ".jpg", "response", payload=io.BytesIO(b"\xff\xd8" * 500),
                http_headers=image))
            writer.write_record(writer.create_warc_record(
                url, "metadata", payload=io.BytesIO(b"fetchTimeMs: 12\r\n")))
        mislabelled = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                       protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"{base}/photo", "response", payload=io.BytesIO(bytes(range(256)) * 8),
            http_headers=mislabelled))
        moved = StatusAndHeaders("301 Moved", [("Content-Type", "text/html"),
                                               ("Location", "/")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"{base}/moved", "response", payload=io.BytesIO(b"<html>moved</html>"),
            http_headers=moved))


def split(items):
    items = list(items)
    return ([i for i in items if isinstance(i, Article)],
            [i for i in items if not isinstance(i, Article)])


def test_the_pages_of_an_archive_and_nothing_else(tmp_path):
    for gzip in (True, False):
        path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
        write_warc(path, "https://valley-post.example", list(STORIES), gzip=gzip)
        articles, problems = split(read_articles([path]))
        # Binary bytes labelled HTML: the crawl's noise, passed over with the reason.
        [noise] = problems
        assert noise.skipped and "not an HTML page" in noise.message
        assert [a.url for a in articles] == [f"https://valley-post.example/news/{s}"
                                             for s in STORIES]
        assert articles[1].text == "\n\n".join(STORIES["harbour"])
        assert "record 7" in articles[1].origin  # warcinfo, then four records a story


def test_an_archive_cut_short_gives_what_it_holds_and_says_where(tmp_path):
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole, "https://valley-post.example", list(STORIES))
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) * 2 // 3 + 5])  # inside a record, not between two
    articles, problems = split(read_articles([cut, tmp_path / "whole.warc.gz"]))
    # The pages before the cut, then the whole file's (the same stories: read once).
    assert 1 <= sum(a.origin.startswith(str(cut)) for a in articles) < len(STORIES)
    cuts = [p for p in problems if not p.skipped]
    assert len(cuts) == 1 and "cut short" in cuts[0].message and cuts[0].where == str(cut)
    assert len(articles) == len(STORIES)
    garbage = tmp_path / "garbage.warc.gz"
    garbage.write_bytes(b"\x1f\x8b" + bytes(range(200)))
    _, problems = split(read_articles([garbage]))
    assert len(problems) == 1 and "damaged" in problems[0].message


def test_a_folder_of_every_kind_and_one_story_from_a_feed_and_an_archive(tmp_path):
    with Site() as site:
        site.routes["/robots.txt"] = Answer(404, "")
        for story in STORIES:
            site.routes[f"/news/{story}"] = Answer(200, page(story, f"About {story}"))
        folder = tmp_path / "inbox"
        folder.mkdir()
        (folder / "note.txt").write_text("The mayor of Ostberg said the bridge would reopen "
                                         "in May, after the repairs.\n")
        (folder / "saved.html").write_text(page("grain", "About grain"))
        (folder / "feed.xml").write_text(feed(site.url, [
            ("/news/bridges", "Bridges", "Tue, 06 May 2025 08:00:00 GMT")]))
        (folder / "other.xml").write_text("<?xml version='1.0'?><config><a/></config>")
        (folder / "list").write_text(f"{site.url}/news/harbour\n")
        write_warc(folder / "crawl.warc.gz", site.url, ["bridges"])
        fetcher = Fetcher(FetchPolicy(tmp_path / "cache", "newsgraph-test", delay=0.0))
        articles, problems = split(read_articles([folder, folder / "list"],
                                                 fetcher=fetcher))
    read = sorted((a.origin.split(":")[0].rsplit("/", 1)[-1], a.url and a.url.rsplit("/")[-1])
                  for a in articles)
    assert read == [("crawl.warc.gz", "bridges"), ("http", "harbour"), ("note.txt", None),
                    ("saved.html", None)], read
    # The feed's copy of the story the archive gave: the same canonical URL, read once.
    assert [p.message.split(" (")[0] for p in problems] == [
        "not an HTML page", "the same story as " + str(folder / "crawl.warc.gz") + ": record 3"]
    assert all(p.skipped for p in problems)
