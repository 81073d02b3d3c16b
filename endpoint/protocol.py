"""SPARQL 1.1 Protocol request parsing: HTTP request in, a query operation or an error out."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

from werkzeug.datastructures import MultiDict


class ProtocolError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class QueryRequest:
    query: str
    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None


def _single(params: MultiDict, name: str) -> str | None:
    values = params.getlist(name)
    if len(values) > 1:
        raise ProtocolError(400, f"{len(values)} '{name}' parameters given; send exactly one")
    return values[0] if values else None


def _dataset(params: MultiDict) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    default = tuple(params.getlist("default-graph-uri")) or None
    named = tuple(params.getlist("named-graph-uri")) or None
    for graph in (default or ()) + (named or ()):
        if not graph.strip() or any(c in graph for c in ' <>"{}|\\^`'):
            raise ProtocolError(400, f"graph IRI {graph!r} is not a valid IRI")
    return default, named


def _charset_is_utf8(mimetype_params: dict[str, str]) -> bool:
    charset = mimetype_params.get("charset", "utf-8").lower()
    return charset in ("utf-8", "utf8")


def parse(method: str, args: MultiDict, mimetype: str, mimetype_params: dict[str, str],
          body: bytes, max_query_length: int) -> QueryRequest | None:
    """The query operation of a request to the query endpoint.

    Returns None for a plain GET with no parameters (the service description).
    """
    if method == "GET":
        if "update" in args:
            raise ProtocolError(400, "updates are not accepted by GET; this endpoint is "
                                "read-only")
        query = _single(args, "query")
        if query is None:
            if args:
                raise ProtocolError(400, "missing 'query' parameter")
            return None
        params = args
    elif method == "POST":
        if mimetype == "application/x-www-form-urlencoded":
            if not _charset_is_utf8(mimetype_params):
                raise ProtocolError(415, "form bodies must be UTF-8")
            try:
                decoded = body.decode("utf-8")
            except UnicodeDecodeError:
                raise ProtocolError(400, "form body is not valid UTF-8") from None
            form = MultiDict([(k, v) for k, vs in parse_qs(decoded, keep_blank_values=True)
                              .items() for v in vs])
            if "update" in form:
                raise ProtocolError(400 if "query" in form else 403,
                                    "this endpoint is read-only: SPARQL Update is disabled")
            query = _single(form, "query")
            if query is None:
                raise ProtocolError(400, "form POST without a 'query' parameter")
            params = MultiDict(list(args.items(multi=True)) + list(form.items(multi=True)))
        elif mimetype == "application/sparql-query":
            if not _charset_is_utf8(mimetype_params):
                raise ProtocolError(415, f"query bodies must be UTF-8, not "
                                    f"{mimetype_params.get('charset')}")
            try:
                query = body.decode("utf-8")
            except UnicodeDecodeError:
                raise ProtocolError(400, "query body is not valid UTF-8") from None
            if "query" in args:
                raise ProtocolError(400, "query given both in the URL and in the body")
            params = args
        elif mimetype == "application/sparql-update":
            raise ProtocolError(403, "this endpoint is read-only: SPARQL Update is disabled")
        elif not mimetype:
            raise ProtocolError(400, "POST without Content-Type; use "
                                "application/x-www-form-urlencoded or application/sparql-query")
        else:
            raise ProtocolError(415, f"unsupported Content-Type {mimetype}; use "
                                "application/x-www-form-urlencoded or application/sparql-query")
    else:
        raise ProtocolError(405, f"{method} is not a SPARQL Protocol method; use GET or POST")
    if "update" in params:
        raise ProtocolError(400, "a request carries either 'query' or 'update', not both")
    if len(query) > max_query_length:
        raise ProtocolError(413, f"query is {len(query):,} characters, over the limit of "
                            f"{max_query_length:,}")
    default, named = _dataset(params)
    return QueryRequest(query, default, named)
