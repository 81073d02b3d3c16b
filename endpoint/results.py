"""Content negotiation and serialisation of query results."""

from __future__ import annotations

import pyoxigraph as ox
from flask import Response
from werkzeug.datastructures import MIMEAccept

RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "text/n3": ox.RdfFormat.N3,
}
# The same media types for graphs built with rdflib (service and dataset descriptions).
RDFLIB_FORMATS = {"text/turtle": "turtle", "application/x-turtle": "turtle",
                  "application/ld+json": "json-ld", "application/n-triples": "nt",
                  "text/plain": "nt", "application/rdf+xml": "xml", "text/n3": "n3"}
# Short names for the `format` parameter that browsers, curl users and clients such
# as SPARQLWrapper (which always sends one) use. The meaning of "json" and "xml"
# depends on whether the query makes a table or a graph.
RESULT_NAMES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values",
}
GRAPH_NAMES = {
    "turtle": "text/turtle", "ttl": "text/turtle", "n3": "text/n3",
    "json-ld": "application/ld+json", "jsonld": "application/ld+json",
    "json": "application/ld+json", "nt": "application/n-triples",
    "ntriples": "application/n-triples", "xml": "application/rdf+xml", "rdf": "application/rdf+xml",
    "rdfxml": "application/rdf+xml", "rdf+xml": "application/rdf+xml",
}


def plain(status: int, message: str | bytes, headers: dict[str, str] | None = None) -> Response:
    """An error or notice as one line of plain text (every error route answers this way)."""
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else message
    return Response(text.rstrip() + "\n", status=status, mimetype="text/plain",
                    headers=headers or {})


class NotAcceptable(Exception):
    def __init__(self, offered: list[str]) -> None:
        super().__init__("none of the accepted media types can be produced; offered: "
                         + ", ".join(offered))


def choose(accept: MIMEAccept, offered: dict[str, object], default: str,
           format_param: str | None = None, names: dict[str, str] | None = None) -> str:
    """The media type to answer with: `format` parameter, then Accept, then the default.

    A `format` value we do not know is ignored rather than refused: clients send
    them for other engines' benefit.
    """
    keys = list(offered)
    if format_param:
        wanted = (names or {}).get(format_param.lower(), format_param)
        if wanted in offered:
            return wanted
    if not accept or not accept.values():
        return default
    # Parameters such as charset do not change which format fits ("text/turtle;
    # charset=utf-8" is Turtle), but werkzeug would match them literally.
    plain = MIMEAccept([(value.split(";")[0].strip(), quality) for value, quality in accept])
    # Put the default first so that */* and ties pick it.
    ordered = [default] + [k for k in keys if k != default]
    best = plain.best_match(ordered)
    if best is None:
        raise NotAcceptable(keys)
    return best


def graph_media(accept: MIMEAccept, format_param: str | None) -> str:
    """The RDF media type to describe something in (Turtle by default); NotAcceptable."""
    return choose(accept, GRAPH_TYPES, "text/turtle", format_param, GRAPH_NAMES)


def graph_response(graph, media: str) -> Response:
    """An rdflib graph (a description the server builds) in the negotiated media type."""
    body = graph.serialize(format=RDFLIB_FORMATS[media], encoding="utf-8")
    return Response(body, status=200, content_type=media, headers={"Vary": "Accept"})


def choose_format(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples,
                  accept: MIMEAccept, format_param: str | None = None,
                  ) -> tuple[str, ox.QueryResultsFormat | ox.RdfFormat]:
    """The media type and pyoxigraph format to answer a result with."""
    if isinstance(result, ox.QueryTriples):
        media = choose(accept, GRAPH_TYPES, "text/turtle", format_param, GRAPH_NAMES)
        return media, GRAPH_TYPES[media]
    offered = RESULT_TYPES
    if isinstance(result, ox.QueryBoolean):
        # CSV and TSV have no form for a boolean result.
        offered = {k: v for k, v in RESULT_TYPES.items()
                   if v in (ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML)}
    media = choose(accept, offered, "application/sparql-results+json", format_param,
                   RESULT_NAMES)
    return media, offered[media]
