"""A made-up news site on a free local port, for the fetching tests: pages, feeds,
robots.txt, redirects, slow and failing answers, and a log of every request."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STORIES = {
    "bridges": [
        "The coastal state of Varnia has sent 400 engineers to its northern neighbour "
        "after the floods, the interior ministry said on Monday.",
        '"Our teams will stay as long as they are needed," said Lena Brask, the interior '
        "minister, at a press conference in the capital.",
        "Officials in the neighbouring state said the engineers had begun to repair three "
        "bridges and a pumping station that the water had cut off.",
    ],
    "harbour": [
        "The navy of Ostmark has sent two frigates and 300 sailors to guard the harbour of "
        "its southern ally, the defence ministry said on Tuesday.",
        '"We will not leave the sea lanes unguarded," said Admiral Tomas Greer, who '
        "commands the fleet, in a statement read to reporters.",
        "The government of the southern state denied that any foreign ships had entered its "
        "waters, and called the reports a provocation by its rivals.",
    ],
    "grain": [
        "The government of Teluria has sent 150 inspectors to the grain port of Kessa to "
        "check the cargo of ships bound for the north, officials said.",
        "The inspectors will stay for three months, said Marta Olin, a spokeswoman for the "
        "trade ministry, adding that the work had the support of the port's owners.",
        "Farmers' unions said the checks would slow exports at the busiest time of the "
        "year, and asked the ministry to send more staff to the other ports as well.",
    ],
}


def page(story: str, title: str | None = None, dated: bool = True,
         canonical: str | None = None) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in STORIES[story])
    head = f"<title>{title}</title>" if title else ""
    if dated:
        head += '<meta property="article:published_time" content="2025-05-06">'
    if canonical:
        head += f'<link rel="canonical" href="{canonical}">'
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{head}'
            '<meta property="og:site_name" content="The Valley Post"></head><body>'
            '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
            f"<article>{f'<h1>{title}</h1>' if title else ''}{paragraphs}</article>"
            '<aside><a href="/more">More stories</a></aside><footer>© The Valley Post'
            "</footer></body></html>")


def feed(base: str, items: list[tuple[str, str, str]]) -> str:
    """RSS 2.0 of (path, title, RFC 822 date) items."""
    entries = "".join(f"<item><title>{title}</title><link>{base}{path}</link>"
                      f"<pubDate>{when}</pubDate></item>" for path, title, when in items)
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>The Valley Post</title><link>{base}/</link>"
            f"<description>News</description>{entries}</channel></rss>")


@dataclass
class Answer:
    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=lambda: {
        "Content-Type": "text/html; charset=utf-8"})
    delay: float = 0.0
    drip: float = 0.0  # seconds between the body's bytes


Route = Answer | Callable[[dict[str, str]], Answer]


class Site:
    """Serve ``routes`` (path to an Answer, or to a function of the request's headers
    returning one); every request is logged as (path, headers)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, dict[str, str]]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                headers = {k.lower(): v for k, v in self.headers.items()}
                site.log.append((self.path, headers))
                route = site.routes.get(self.path, Answer(404, "not found"))
                answer = route(headers) if callable(route) else route
                if answer.delay:
                    time.sleep(answer.delay)
                body = answer.body.encode() if isinstance(answer.body, str) else answer.body
                try:
                    self.send_response(answer.status)
                    for name, value in answer.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if answer.drip:
                        for byte in body:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(answer.drip)
                    else:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def requests_to(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in self.log if p == path]


def conditional(body: str, etag: str, media: str = "application/rss+xml") -> Callable:
    """An answer with an ETag, and 304 to a request that already has it."""
    def answer(headers: dict[str, str]) -> Answer:
        if headers.get("if-none-match") == etag:
            return Answer(304, b"", {"ETag": etag})
        return Answer(200, body, {"Content-Type": media, "ETag": etag,
                                  "Last-Modified": formatdate(0, usegmt=True)})
    return answer
