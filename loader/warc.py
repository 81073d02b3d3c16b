"""Web archives (WARC, gzipped or not): the HTML pages they hold, one record at a time.

warcio is the Webrecorder project's reader, which Common Crawl's own examples use;
it streams, so a multi-gigabyte CC-NEWS file is read in flat memory. Only response
records of HTML with status 200 are pages; request, metadata, revisit and other
records, and responses of other types, are passed over without a word (a crawl
holds many of them). A file cut short (a broken download) yields the pages before
the cut, then one problem that says where.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .articles import InputProblem

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class ArchivedPage:
    url: str
    body: bytes
    where: str  # "crawl.warc.gz: record 12"


def is_warc(head: bytes) -> bool:
    """Whether a file's first bytes are a WARC's (after gzip, when gzipped)."""
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def archived_pages(path: Path, max_bytes: int) -> Iterator[ArchivedPage | InputProblem]:
    """The HTML pages of a WARC file in its order; a page over ``max_bytes`` is a
    problem of its own, and a damaged file ends with one."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    record = records = None
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                number += 1
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode()
                media = (record.http_headers.get_header("Content-Type") or "").split(";")[0]
                if status != "200" or media.strip().lower() not in HTML_TYPES:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                where = f"{path}: record {number} ({url})"
                body = record.content_stream().read(max_bytes + 1)
                if len(body) > max_bytes:
                    yield InputProblem(where, f"page over the limit of {max_bytes:,} bytes: "
                                       "not read")
                    continue
                if _cut(record):
                    break  # said below, once
                yield ArchivedPage(url, body, where)
    except (ArchiveLoadFailed, EOFError, zlib.error, OSError) as err:
        yield _damaged(path, number, err)
        return
    except Exception as err:  # noqa: BLE001 - warcio fails in many ways on a damaged record
        yield _damaged(path, number, err)
        return
    if number == 0:
        yield InputProblem(str(path), "holds no WARC records (empty, or not a WARC file)")
        return
    # warcio ends quietly where the file ends: the last record's declared length, and
    # what lies after the last record read, say whether the file is whole.
    if record is not None and (_cut(record) or _trailing(path, records.member_info)):
        yield InputProblem(str(path), f"the archive is cut short after record {number} (a "
                           "broken download?); the pages before it were read")


def _cut(record) -> bool:
    """Whether the file ended before the record's declared length, or inside its
    headers (warcio then yields a record without a type or a length)."""
    if record.rec_type is None or record.rec_headers.get_header("Content-Length") is None:
        return True
    return getattr(record.raw_stream, "limit", 0) > 0


def _trailing(path: Path, member: tuple[int, int] | None) -> bool:
    """Whether bytes other than blank lines follow the last record read (a gzip member
    or a record begun and cut off, which warcio passes over), or the last gzip member
    lacks its end."""
    if not member:
        return False
    start, length = member
    with path.open("rb") as stream:
        stream.seek(start + length)
        if stream.read(1 << 16).strip(b"\r\n"):
            return True
        stream.seek(start)
        if stream.read(2) != b"\x1f\x8b":
            return False
        # A gzip member cut inside its 8-byte trailer still inflates whole.
        stream.seek(start)
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        for chunk in iter(lambda: stream.read(1 << 16), b""):
            try:
                inflate.decompress(chunk)
            except zlib.error:
                return True
            if inflate.eof:
                return False
        return not inflate.eof


def _damaged(path: Path, number: int, err: Exception) -> InputProblem:
    return InputProblem(str(path), f"the archive is damaged after record {number} "
                        f"({type(err).__name__}: {err}); the pages before it were read")
