"""The SPARQL 1.1 Graph Store HTTP Protocol at /store (indirect identification).

``?graph=IRI`` names a graph of the store; ``?default`` names the default
graph's own triples — those no named graph states — since the default graph
that queries see is the merge of every named graph (store.py): a PUT to
``?default`` replaces only what was put there. GET and HEAD are reads and
always served; PUT, POST and DELETE are writes, served with --enable-update
and the bearer token, and each named graph is written whole, the merge kept
up to date in the same transaction.
"""

from __future__ import annotations

import uuid
from email import message_from_bytes
from email.policy import HTTP

import pyoxigraph as ox
from flask import Blueprint, Response, request

from newsgraph import iri
from newsgraph.rdfsafety import UnsafeRdf, check_document
from newsgraph.store import StoreError, to_ntriples

from . import context
from .bodies import request_body
from .executor import Job
from .results import plain
from .writes import WriteRefused, authorise, writer

bp = Blueprint("graphstore", __name__)

# Media types a PUT or POST body may have, as pyoxigraph parses them.
INPUT = {"text/turtle": ox.RdfFormat.TURTLE, "application/x-turtle": ox.RdfFormat.TURTLE,
         "application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
         "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/ld+json": ox.RdfFormat.JSON_LD,
         "text/n3": ox.RdfFormat.N3}


class _BadRequest(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _target() -> str | None:
    """The graph IRI, or None for the default graph."""
    graphs = request.args.getlist("graph")
    if "default" in request.args:
        if graphs:
            raise _BadRequest(400, "give ?graph=IRI or ?default, not both")
        return None
    if len(graphs) != 1:
        raise _BadRequest(400, "name the graph: ?graph=IRI (once) or ?default")
    graph = graphs[0]
    if not iri.usable(graph) or ":" not in graph:
        raise _BadRequest(400, f"graph {graph!r} is not an absolute IRI")
    return graph


@bp.route("/store", methods=["GET", "HEAD", "PUT", "POST", "DELETE"])
def store() -> Response:
    settings = context.settings()
    try:
        if request.method == "POST" and "graph" not in request.args and \
                "default" not in request.args:
            return _create()
        graph = _target()
        if request.method in ("GET", "HEAD"):
            return _read(graph)
        authorise(settings)
        if request.method == "DELETE":
            return _delete(graph)
        triples = _body()
        with writer(settings) as st:
            if graph is None:
                own = st.own_default()
                st.replace_own_default(triples if request.method == "PUT" else own | triples)
                return Response(status=204)
            old = st.graph_triples(graph)
            new = triples if request.method == "PUT" or old is None else old | triples
            st.replace_graph(graph, to_ntriples(new))
            if not new:
                st.add_empty_graph(graph)
            return Response(status=201 if old is None else 204)
    except _BadRequest as err:
        return plain(err.status, str(err))
    except WriteRefused as err:
        return err.response()
    except StoreError as err:
        return plain(503, str(err))
    except SyntaxError as err:
        # A remote engine refused what was sent for these triples.
        return plain(400, f"the store refused the write: {err}")


def _create() -> Response:
    """POST to the store itself: a new graph with a fresh IRI, given in Location."""
    authorise(context.settings())
    triples = _body()
    graph = f"{context.settings().base_iri}graph/{uuid.uuid4()}"
    with writer(context.settings()) as st:
        st.replace_graph(graph, to_ntriples(triples))
    return Response(status=201, headers={"Location": graph})


def _read(graph: str | None) -> Response:
    if graph is None:
        where = "?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } }"
    else:
        found = context.pool().rows(f"SELECT (1 AS ?x) WHERE {{ GRAPH <{graph}> {{ }} }}")
        if not found:
            return plain(404, f"no graph <{graph}> in this store")
        where = f"GRAPH <{graph}> {{ ?s ?p ?o }}"
    answer = context.pool().run(Job(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}",
                                    accept=request.headers.get("Accept", ""),
                                    format_param=request.args.get("format")))
    if answer.status != 200:
        return plain(answer.status, answer.body)
    charset = "; charset=utf-8" if answer.media.startswith("text/") else ""
    body = b"" if request.method == "HEAD" else answer.body
    response = Response(body, content_type=answer.media + charset, headers={"Vary": "Accept"})
    if request.method == "HEAD":
        response.headers["Content-Length"] = str(len(answer.body))
    return response


def _delete(graph: str | None) -> Response:
    with writer(context.settings()) as st:
        if graph is None:
            st.replace_own_default(None)
            return Response(status=204)
        if not st.remove_graph(graph):
            return plain(404, f"no graph <{graph}> in this store")
    return Response(status=204)


def _body() -> set[ox.Triple]:
    """The request body's triples: one RDF document, or a multipart form of several."""
    data = request_body(context.settings().max_body_bytes)
    if request.mimetype == "multipart/form-data":
        raw = (f"Content-Type: {request.headers['Content-Type']}\r\n\r\n").encode() + data
        message = message_from_bytes(raw, policy=HTTP)
        triples: set[ox.Triple] = set()
        for part in message.iter_parts():
            triples |= _parse(part.get_content_type(), part.get_payload(decode=True) or b"")
        return triples
    return _parse(request.mimetype, data)


def _parse(media: str, data: bytes) -> set[ox.Triple]:
    fmt = INPUT.get(media)
    if fmt is None:
        raise _BadRequest(415, f"cannot read {media or 'a body without Content-Type'}; send "
                          "text/turtle, application/n-triples, application/rdf+xml or "
                          "application/ld+json")
    try:
        check_document(data, {ox.RdfFormat.RDF_XML: "rdfxml",
                              ox.RdfFormat.JSON_LD: "jsonld"}.get(fmt, ""))
    except UnsafeRdf as err:
        raise _BadRequest(400, str(err)) from None
    try:
        return {q.triple for q in ox.parse(data, format=fmt, base_iri=request.base_url)}
    except SyntaxError as err:
        raise _BadRequest(400, f"the {media} body does not parse: {err}") from None
