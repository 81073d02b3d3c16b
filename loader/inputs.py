"""What `load` and `extract` are pointed at, each read as what it is.

Files (.txt articles, .jsonl records, saved .html pages, RSS/Atom feeds, WARC
archives, lists of URLs), folders mixing them, and http(s) URLs of pages or feeds.
The kind comes from the file name where it says, and from the content where it does
not (a file without a suffix, an .xml, a .txt that lists URLs, a URL's answer).
Every reader yields ``Article`` and ``InputProblem`` objects in input order; one
bad input, item or record never stops the rest.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .articles import InputProblem, TextMetadata, make_article, read_jsonl, read_txt
from .feeds import FEED_TYPES, feed_items, is_feed
from .fetch import Fetched, Fetcher, FetchError
from .model import Article
from .warc import archived_pages, is_warc
from .webpage import MAX_PAGE_BYTES, PageHints, looks_like_html, read_page

# Kinds by file name; a name not here is read by its content when named on the command
# line, and passed over inside a folder (folders hold other files too).
SUFFIXES = {".txt": "txt", ".jsonl": "jsonl", ".html": "html", ".htm": "html",
            ".xhtml": "html", ".rss": "feed", ".atom": "feed", ".xml": "feed",
            ".warc": "warc", ".warc.gz": "warc", ".urls": "urls"}
_URL_LINE = re.compile(r"^\s*https?://\S+\s*$")
_HEAD = 4096


@dataclass(frozen=True)
class Source:
    kind: str  # a value of SUFFIXES, or "url"
    location: Path | str  # a file, or a URL


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def as_inputs(values: Iterable[str]) -> list[Path | str]:
    """Command-line arguments as inputs: URLs stay strings, the rest are paths."""
    return [v if is_url(v) else Path(v) for v in values]


def kind_of(path: Path) -> str | None:
    """The kind of a file by its name, or None when the name does not say."""
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    return SUFFIXES.get(path.suffix.lower())


def sniff(head: bytes) -> str | None:
    """The kind of a document by its first bytes."""
    if is_warc(head):
        return "warc"
    if is_feed(head):
        return "feed"
    if looks_like_html(head):
        return "html"
    text = head.lstrip()
    if text.startswith(b"{"):
        return "jsonl"
    lines = [line for line in head.decode("utf-8", "replace").splitlines() if line.strip()]
    if len(head) >= _HEAD:
        lines = lines[:-1]  # the last line may be cut by the 4 kB read
    lines = [line for line in lines if not line.lstrip().startswith("#")]  # comments
    if lines and all(_URL_LINE.match(line) for line in lines):
        return "urls"
    return "txt" if b"\x00" not in head else None


def expand(inputs: Iterable[Path | str]) -> Iterator[Source | InputProblem]:
    """What to read: given files and URLs, and the files of known kinds under folders.

    A file or link named on the command line is read. Inside a directory, symbolic
    links are not followed: one whose target lies inside the directory is skipped (the
    target is read itself), and one that leads outside it, or nowhere, is reported and
    not read, so loading a folder never reads what its owner did not put in it.
    """
    for item in inputs:
        if isinstance(item, str):
            yield Source("url", item) if is_url(item) else InputProblem(
                item, "not a file, folder or http(s) URL")
            continue
        path = item
        if path.is_dir():
            found = list(_walk(path))
            if not any(isinstance(f, Source) for f in found):
                yield InputProblem(str(path), "directory holds no articles, pages, feeds, "
                                   "archives or URL lists")
            yield from found
        elif not path.exists():
            yield InputProblem(str(path), "no such file or directory")
        else:
            kind = _file_kind(path)
            yield Source(kind, path) if kind is not None else InputProblem(
                str(path), f"unknown input type {path.suffix or '(none)'!r}; give .txt "
                "articles, .jsonl records (id, url, outlet, published, title, text), .html "
                "pages, RSS/Atom feeds, WARC files or a list of URLs")


def _file_kind(path: Path) -> str | None:
    kind = kind_of(path)
    if kind in ("html", "jsonl", "warc") or kind == "feed" and path.suffix.lower() != ".xml":
        return kind
    # .txt may be a list of URLs, .xml any XML, no suffix anything: look inside.
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD)
    except OSError:
        return kind or "txt"  # the reader says why it cannot be read
    found = sniff(head)
    if kind == "txt":
        return "urls" if found == "urls" else "txt"
    if kind == "feed":
        return "feed" if found == "feed" else None
    # A name with no suffix may be plain text; one with a suffix of something else (a
    # .pdf, a .docx) is not read as text for holding no NUL in its first bytes.
    return found if found != "txt" or not path.suffix else None


def _walk(folder: Path) -> Iterator[Source | InputProblem]:
    root = folder.resolve()
    for here, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in sorted(files + [d for d in dirs if os.path.islink(os.path.join(here, d))]):
            entry = Path(here) / name
            if entry.is_symlink():
                target = entry.resolve()
                if not target.exists():
                    yield InputProblem(str(entry), f"symbolic link to {target}, which does "
                                       "not exist: not read")
                elif not target.is_relative_to(root):
                    yield InputProblem(str(entry), f"symbolic link to {target}, outside "
                                       f"{folder}: links in an input folder are not followed; "
                                       "name the target itself to load it")
            elif kind_of(entry) is not None:
                kind = _file_kind(entry)
                if kind is not None:
                    yield Source(kind, entry)
                elif entry.suffix.lower() != ".xml":
                    yield InputProblem(str(entry), "not readable as its name says")


def count_records(inputs: Iterable[Path | str]) -> int:
    """How many records the inputs hold, cheaply (for a progress bar); 0 when it cannot be
    known without reading them (feeds, archives, URLs)."""
    total = 0
    for item in expand(inputs):
        if isinstance(item, InputProblem):
            continue
        if item.kind in ("feed", "warc", "urls", "url"):
            return 0
        if item.kind == "jsonl":
            try:
                with item.location.open("rb") as f:
                    total += sum(1 for line in f if line.strip())
            except OSError:
                continue
        else:
            total += 1
    return total


def read_articles(inputs: Iterable[Path | str], meta: TextMetadata | None = None,
                  max_chars: int = 1_000_000, fetcher: Fetcher | None = None
                  ) -> Iterator[Article | InputProblem]:
    """Every article of the inputs, with a problem for each one that cannot be read.

    URLs (given, listed in a file, or linked from a feed's items) are fetched by
    ``fetcher``; without one they are problems. One story met twice (two copies, or a
    feed and an archive: the same canonical URL) is read once; two different articles
    with one id are a problem, since the second would replace the first's graph.
    """
    reading = _Reading(meta or TextMetadata(), max_chars, fetcher)
    seen: dict[str, tuple[str, str | None]] = {}  # id: where first read, its URL
    for item in expand(inputs):
        records = [item] if isinstance(item, InputProblem) else reading.source(item)
        for record in records:
            if isinstance(record, Article):
                if record.id in seen:
                    first, url = seen[record.id]
                    if url is not None and url == record.url:
                        yield InputProblem(record.origin, f"the same story as {first} "
                                           f"({url}); read once", skipped=True)
                    else:
                        yield InputProblem(record.origin, f"duplicate article id "
                                           f"{record.id!r} (first seen at {first}); skipped")
                    continue
                seen[record.id] = (record.origin, record.url)
            yield record


@dataclass(frozen=True)
class _Reading:
    meta: TextMetadata
    max_chars: int
    fetcher: Fetcher | None

    def source(self, source: Source) -> Iterator[Article | InputProblem]:
        location = source.location
        if source.kind == "txt":
            yield from read_txt(location, self.meta, self.max_chars)
        elif source.kind == "jsonl":
            yield from read_jsonl(location, self.max_chars)
        elif source.kind == "html":
            yield from self.html_file(location)
        elif source.kind == "warc":
            for page in archived_pages(location, MAX_PAGE_BYTES):
                yield page if isinstance(page, InputProblem) else _crawled(read_page(
                    page.body, page.where, PageHints(url=page.url), self.max_chars))
        elif source.kind == "feed":
            data = _read_bytes(location)
            yield from ([data] if isinstance(data, InputProblem)
                        else self.feed(data, str(location), None))
        elif source.kind == "urls":
            yield from self.url_list(location)
        else:
            yield from self.url(location)

    def html_file(self, path: Path) -> Iterator[Article | InputProblem]:
        data = _read_bytes(path)
        if isinstance(data, InputProblem):
            yield data
            return
        meta = self.meta
        found = read_page(data, str(path), PageHints(url=meta.url, id=path.stem),
                          self.max_chars)
        if isinstance(found, Article) and meta.given():
            # The command line's metadata wins over the page's, checked as any input's.
            page = {"id": found.id, "url": found.url, "outlet": found.outlet,
                    "published": found.published and found.published.isoformat(),
                    "title": found.title, "author": found.author, "language": found.language}
            found = make_article({**page, **meta.given()}, found.text, str(path))
        yield found

    def url_list(self, path: Path) -> Iterator[Article | InputProblem]:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as err:
            yield InputProblem(str(path), f"cannot read the list of URLs: {err}")
            return
        for number, line in enumerate(lines, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if not is_url(line):
                yield InputProblem(f"{path}:{number}", f"{line[:80]!r} is not an http(s) URL")
                continue
            yield from self.url(line)

    def url(self, url: str) -> Iterator[Article | InputProblem]:
        fetched = self._fetch(url, revalidate=False)
        if not isinstance(fetched, InputProblem) and fetched.from_cache and _is_feed(fetched):
            # A feed changes: asked again, a 304 when it has not. A page is fetched once.
            fetched = self._fetch(url, revalidate=True)
        if isinstance(fetched, InputProblem):
            yield fetched
            return
        if _is_feed(fetched):
            yield from self.feed(fetched.body, url, fetched.final_url)
        else:
            yield self.page(fetched, PageHints(url=fetched.final_url))

    def feed(self, data: bytes, where: str, base_url: str | None
             ) -> Iterator[Article | InputProblem]:
        items = feed_items(data, where, base_url)
        if isinstance(items, InputProblem):
            yield items
            return
        for item in items:
            fetched = self._fetch(item.link, revalidate=False)
            if isinstance(fetched, InputProblem):
                yield fetched
                continue
            yield self.page(fetched, PageHints(url=fetched.final_url, title=item.title,
                                               published=item.published))

    def page(self, fetched: Fetched, hints: PageHints) -> Article | InputProblem:
        if not looks_like_html(fetched.body[:_HEAD]):
            return InputProblem(fetched.url, f"not a web page or a feed ("
                                f"{fetched.media_type or 'no content type'}); not read")
        return read_page(fetched.body, fetched.url, hints, self.max_chars)

    def _fetch(self, url: str, revalidate: bool) -> Fetched | InputProblem:
        if self.fetcher is None:
            return InputProblem(url, "URLs are fetched by the newsgraph command only")
        try:
            return self.fetcher.fetch(url, revalidate=revalidate)
        except FetchError as err:
            return InputProblem(url, str(err).removeprefix(f"{url}: "))


def _crawled(found: Article | InputProblem) -> Article | InputProblem:
    """A crawl's record that is not a readable page (binary bytes labelled HTML, markup
    that does not parse) is the crawl's noise, passed over with its reason; a damaged
    archive stays a problem (archived_pages)."""
    if isinstance(found, InputProblem) and not found.skipped:
        return replace(found, skipped=True)
    return found


def _is_feed(fetched: Fetched) -> bool:
    return fetched.media_type in FEED_TYPES and not looks_like_html(fetched.body[:_HEAD]) \
        or is_feed(fetched.body[:_HEAD])


def _read_bytes(path: Path) -> bytes | InputProblem:
    try:
        return path.read_bytes()
    except OSError as err:
        return InputProblem(str(path), f"cannot read: {err.strerror or err}")
