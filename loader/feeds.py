"""News feeds (RSS 0.9x, 1.0 and 2.0; Atom 0.3 and 1.0): the items and their links.

feedparser is the reference reader of this format zoo: it reads the dialects and
the broken feeds real sites publish (undeclared entities, bad dates, wrong
encodings), resolves relative links and normalises dates. An item is a pointer to
a page; the page is read for the article (inputs.py), and the item's title and
date fill in what the page lacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .articles import InputProblem

_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml", "application/feed+json")


@dataclass(frozen=True)
class FeedItem:
    link: str
    title: str | None
    published: str | None  # ISO date


def is_feed(head: bytes) -> bool:
    """Whether a document's first bytes open a feed (its root element, after any XML
    declaration, comments or processing instructions)."""
    return b"\x00" not in head[:2048] and _ROOT.search(head[:2048]) is not None


def feed_items(data: bytes, where: str, base_url: str | None = None
               ) -> list[FeedItem] | InputProblem:
    """The items of a feed that link to a page, in the feed's order."""
    import feedparser

    headers = {"content-location": base_url} if base_url else {}
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.entries:
        if parsed.get("bozo"):
            return InputProblem(where, f"not a readable feed "
                                f"({_reason(parsed.get('bozo_exception'))})")
        if not parsed.get("version"):
            return InputProblem(where, "not a feed: no RSS or Atom root element")
        return []
    items = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link or not link.startswith(("http://", "https://")):
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = date(*stamp[:3]).isoformat() if stamp else None
        items.append(FeedItem(link, (entry.get("title") or "").strip() or None, published))
    return items


def _reason(err: object) -> str:
    text = str(err) if err is not None else "unknown error"
    return text if len(text) < 160 else text[:160] + "…"
