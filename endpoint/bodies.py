"""Request bodies, read whole or refused: never silently cut at the size limit."""

from __future__ import annotations

from flask import g, request
from werkzeug.exceptions import RequestEntityTooLarge

_CHUNK = 64 * 1024


def request_body(limit: int) -> bytes:
    """The request's body; RequestEntityTooLarge (413) when it is longer than ``limit``.

    A body sent with chunked transfer encoding has no length up front, and werkzeug
    reads such a body only up to the limit and stops there without a word: a 1.5 MB
    graph became its first megabyte. Here one byte past the limit is read, and if it is
    there the request is refused before anything is parsed or written. The body is read
    once per request (the response cache reads it first, for its key).
    """
    if "body" not in g:
        g.body = _read(limit)
    return g.body


def _read(limit: int) -> bytes:
    length = request.content_length
    if length is not None:
        if length > limit:
            raise RequestEntityTooLarge()
        return request.get_data(cache=False)
    stream = request.environ.get("wsgi.input")
    if stream is None:
        return b""
    data = bytearray()
    while len(data) <= limit:
        chunk = stream.read(min(_CHUNK, limit + 1 - len(data)))
        if not chunk:
            return bytes(data)
        data += chunk
    raise RequestEntityTooLarge()
