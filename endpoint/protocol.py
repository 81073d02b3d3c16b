"""SPARQL 1.1 Protocol request parsing: HTTP request in, a query operation or an error out."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

from rdflib.plugins.sparql.parser import parseQuery
from werkzeug.datastructures import MultiDict

from newsgraph import iri
from newsgraph.sparqltext import find, nesting_depth

MAX_NESTING = 200


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


@dataclass(frozen=True)
class UpdateRequest:
    update: str
    using: tuple[str, ...]
    using_named: tuple[str, ...]


def _single(params: MultiDict, name: str) -> str | None:
    values = params.getlist(name)
    if len(values) > 1:
        raise ProtocolError(400, f"{len(values)} '{name}' parameters given; send exactly one")
    return values[0] if values else None


def _dataset(params: MultiDict) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    default = tuple(params.getlist("default-graph-uri")) or None
    named = tuple(params.getlist("named-graph-uri")) or None
    for graph in (default or ()) + (named or ()):
        if not iri.usable(graph):
            raise ProtocolError(400, f"graph IRI {graph!r} is not a valid IRI")
    return default, named


def _charset_is_utf8(mimetype_params: dict[str, str]) -> bool:
    charset = mimetype_params.get("charset", "utf-8").lower()
    return charset in ("utf-8", "utf8")


def parse(method: str, args: MultiDict, mimetype: str, mimetype_params: dict[str, str],
          body: bytes, max_query_length: int) -> QueryRequest | UpdateRequest | None:
    """The operation of a request to the SPARQL endpoint.

    Returns None for a plain GET with no parameters (the service description).
    """
    if method == "GET":
        if "update" in args:
            raise ProtocolError(400, "updates cannot be sent by GET; POST them")
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
            if "update" in form and "query" in form:
                raise ProtocolError(400, "a request carries either 'query' or 'update', not "
                                    "both")
            params = MultiDict(list(args.items(multi=True)) + list(form.items(multi=True)))
            if "update" in form:
                update = _single(form, "update")
                return _update(update or "", params, max_query_length)
            query = _single(form, "query")
            if query is None:
                raise ProtocolError(400, "form POST without a 'query' or 'update' parameter")
        elif mimetype in ("application/sparql-query", "application/sparql-update"):
            if not _charset_is_utf8(mimetype_params):
                raise ProtocolError(415, f"request bodies must be UTF-8, not "
                                    f"{mimetype_params.get('charset')}")
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                raise ProtocolError(400, "request body is not valid UTF-8") from None
            if "query" in args or "update" in args:
                raise ProtocolError(400, "the operation is given both in the URL and in the "
                                    "body")
            if mimetype == "application/sparql-update":
                return _update(text, args, max_query_length)
            query = text
            params = args
        elif not mimetype:
            raise ProtocolError(400, "POST without Content-Type; use "
                                "application/x-www-form-urlencoded, application/sparql-query "
                                "or application/sparql-update")
        else:
            raise ProtocolError(415, f"unsupported Content-Type {mimetype}; use "
                                "application/x-www-form-urlencoded, application/sparql-query "
                                "or application/sparql-update")
    else:
        raise ProtocolError(405, f"{method} is not a SPARQL Protocol method; use GET or POST")
    if "update" in params:
        raise ProtocolError(400, "a request carries either 'query' or 'update', not both")
    if len(query) > max_query_length:
        raise ProtocolError(413, f"query is {len(query):,} characters, over the limit of "
                            f"{max_query_length:,}")
    _check_nesting(query)
    default, named = _dataset(params)
    return QueryRequest(query, default, named)


def _check_nesting(text: str) -> None:
    # The engine's parser recurses once per level: thousands of levels overflow its stack
    # and take the query worker down. No real query nests this deep.
    depth = nesting_depth(text)
    if depth > MAX_NESTING:
        raise ProtocolError(400, f"the query nests {depth:,} levels deep; the limit is "
                            f"{MAX_NESTING}")


def _update(text: str, params: MultiDict, max_length: int) -> UpdateRequest:
    if len(text) > max_length:
        raise ProtocolError(413, f"update is {len(text):,} characters, over the limit of "
                            f"{max_length:,}")
    _check_nesting(text)
    if "default-graph-uri" in params or "named-graph-uri" in params:
        raise ProtocolError(400, "updates take using-graph-uri and using-named-graph-uri, not "
                            "default-graph-uri or named-graph-uri")
    using = tuple(params.getlist("using-graph-uri"))
    named = tuple(params.getlist("using-named-graph-uri"))
    for graph in using + named:
        if not iri.usable(graph):
            raise ProtocolError(400, f"graph IRI {graph!r} is not a valid IRI")
    return UpdateRequest(text, using, named)


def reads_graph_data(query: str) -> bool:
    """Whether a query's WHERE clause matches any triple ("ASK {}" does not). True when
    in doubt: a query rdflib's grammar cannot read is assumed to read data."""
    try:
        parsed = parseQuery(query)
        where = parsed[1].get("where")
    except Exception:  # pyparsing's error types
        return True
    return any(True for _ in find(where, {"TriplesBlock", "GraphGraphPattern",
                                          "ServiceGraphPattern"}))


