"""An article from a web page: main text and metadata by trafilatura, or the reason
the page is not one.

trafilatura is the field's best-measured main-text extractor (it leads the ScrapingHub
and Bevendorff et al. benchmarks among open tools) and reads the metadata news sites
publish (JSON-LD, Open Graph, ``<meta>``, bylines). What it returns is checked here
as any article text is (articles.py), so a page gives the same kind of ``Article``
as a ``.txt``: paragraphs apart by a blank line, the headline kept out of the body,
offsets counted in the body.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .articles import InputProblem, check_text, make_article
from .model import Article

# Below this many words of main text a page is a list, a stub or an error page.
MIN_WORDS = 60
# Pages larger than this are not news articles (an archive, a data dump).
MAX_PAGE_BYTES = 8 * 1024 * 1024
# A block at least this share of whose characters are link text, in at most this many
# words, is navigation ("Read more: Fishing fleet returns to port early").
LINK_SHARE = 0.7
LINK_WORDS = 25
_MARKUP = re.compile(rb"<\s*(!doctype\s+html|html|head|body|p|div|article|title|meta)\b",
                     re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?…:][\"'”’)\]]*$")
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class PageHints:
    """What the page's source knows of it, used where the page itself says nothing:
    the URL it was fetched from or archived under, a feed item's title and date."""

    url: str | None = None
    title: str | None = None
    published: str | None = None
    id: str | None = None  # for a saved page without any URL: its file name


def looks_like_html(head: bytes) -> bool:
    """Whether the first bytes of a file or response are HTML markup."""
    return b"\x00" not in head[:4096] and _MARKUP.search(head[:4096]) is not None


def read_page(data: bytes, where: str, hints: PageHints = PageHints(),
              max_chars: int = 1_000_000, min_words: int = MIN_WORDS
              ) -> Article | InputProblem:
    """The article of an HTML page, or why not: an ``InputProblem`` that is ``skipped``
    when the page was read but holds no English article."""
    import trafilatura

    if len(data) > MAX_PAGE_BYTES:
        return InputProblem(where, f"page of {len(data):,} bytes, over the limit of "
                            f"{MAX_PAGE_BYTES:,}: not read")
    if not looks_like_html(data):
        return InputProblem(where, "not an HTML page (no markup in its first 4 kB; a binary "
                            "file or plain text?)")
    try:
        doc = trafilatura.bare_extraction(
            data, url=hints.url, with_metadata=True, include_comments=False,
            include_tables=False, include_images=False, include_links=True,
            deduplicate=False, date_extraction_params={"original_date": True,
                                                        "extensive_search": False})
    except Exception as err:  # noqa: BLE001 - a parser failure is this page's problem only
        return InputProblem(where, f"the page could not be parsed as HTML ({err})")
    if doc is None or not (doc.text or "").strip():
        return _skip(where, "no article text on the page (an index, a form or an error "
                       "page?)")
    title = _one_line(doc.title) or hints.title
    paragraphs = blocks(doc.body) if doc.body is not None else [
        p for p in map(_one_line, doc.text.split("\n")) if p]
    if paragraphs and title and paragraphs[0] == _one_line(title):
        paragraphs = paragraphs[1:]  # the headline is the title, not the body
    body = "\n\n".join(paragraphs)
    words = prose_words(paragraphs)
    if words < min_words:
        return _skip(where, f"not an article: {words} word(s) of main text in sentences, "
                       f"fewer than {min_words} (an index page, a list of links or a stub?)")
    language = detect_language(body)
    if language != "en":
        return _skip(where, f"written in {language!r}, not English: the extractor reads "
                       "English only")
    checked = check_text(body, where, max_chars)
    if isinstance(checked, InputProblem):
        return checked
    url = canonical_url(doc.url or hints.url)
    record = {
        "id": article_id(url) if url else hints.id or _stem(where),
        "url": url,
        "outlet": _one_line(doc.sitename) or (_host(url) if url else None),
        "published": doc.date or hints.published,
        "title": title,
        "author": _one_line(doc.author),
        "language": language,
    }
    return make_article(record, checked, where)


def blocks(body) -> list[str]:
    """The paragraphs of trafilatura's main-text tree (``<p>``, headings, quotes, each
    list item), each on one line, without the ones that are a link and little else: a
    "Read more: <link>" line between paragraphs is the site's navigation, not the story.
    """
    found = []
    for element in body:
        parts = list(element.iter("item")) if element.tag == "list" else [element]
        for part in parts:
            text = _one_line("".join(part.itertext()))
            if not text:
                continue
            linked = sum(len(_one_line("".join(ref.itertext())) or "")
                         for ref in part.iter("ref"))
            if linked >= LINK_SHARE * len(text) and len(text.split()) <= LINK_WORDS:
                continue
            # trafilatura's last resort is the page's whole text as one block, its lines
            # apart by line breaks: each line is a paragraph of its own.
            found += [line for line in map(_one_line, "".join(part.itertext()).split("\n"))
                      if line]
    return found


def prose_words(paragraphs: list[str]) -> int:
    """Words in paragraphs that end as a sentence does: a story is told in sentences; a
    list of headlines, links or menu entries is not."""
    return sum(len(p.split()) for p in paragraphs if _SENTENCE_END.search(p))


def _skip(where: str, reason: str) -> InputProblem:
    return InputProblem(where, reason, skipped=True)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the text's language (py3langid, 97 languages)."""
    import py3langid

    return py3langid.classify(text[:5000])[0]


def canonical_url(url: str | None) -> str | None:
    """The URL in one spelling for one page: scheme and host lower case, default port,
    fragment and tracking parameters (utm_*, fbclid, …) gone (courlan)."""
    if not url:
        return None
    from courlan import normalize_url

    try:
        return normalize_url(url.strip(), strict=True)
    except ValueError:
        return None


def article_id(url: str) -> str:
    """A readable id that one URL always gives and no other does: host, the path's last
    words, and a short hash of the whole canonical URL."""
    parts = urlsplit(url)
    host = _host(url)
    words = [w for w in parts.path.split("/") if w]
    tail = _SLUG.sub("-", (words[-1] if words else "").lower()).strip("-")
    tail = re.sub(r"-(html?|php|aspx?)$", "", tail)[:60].strip("-")
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]
    return "-".join(p for p in (host, tail, digest) if p)


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def _one_line(value: str | None) -> str | None:
    if not value:
        return None
    return _SPACE.sub(" ", value).strip() or None


def _stem(where: str) -> str:
    name = where.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] or name
