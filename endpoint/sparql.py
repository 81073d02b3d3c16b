"""The /sparql route: SPARQL 1.1 Protocol queries and the service description."""

from __future__ import annotations

import logging
import time

from flask import Blueprint, Response, request, url_for
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from newsgraph.services import ServiceRefused, check_services
from newsgraph.vocab import SD, VOID

from . import context
from .protocol import ProtocolError, parse
from .results import GRAPH_NAMES, GRAPH_TYPES, RDFLIB_FORMATS, NotAcceptable, choose, serialize

bp = Blueprint("sparql", __name__)
log = logging.getLogger("newsgraph.endpoint")



def _text(status: int, message: str) -> Response:
    return Response(message.rstrip() + "\n", status=status, mimetype="text/plain")


@bp.route("/sparql", methods=["GET", "POST", "PUT", "DELETE", "PATCH"])
def sparql() -> Response:
    settings = context.settings()
    store = context.store()
    try:
        operation = parse(request.method, request.args, request.mimetype,
                          dict(request.mimetype_params), request.get_data(cache=False),
                          settings.max_query_length)
    except ProtocolError as err:
        return _text(err.status, err.message)
    if operation is None:
        return service_description()
    try:
        check_services(operation.query, settings.service_allowlist, base_iri=request.base_url)
    except ServiceRefused as err:
        return _text(400, str(err))
    started = time.perf_counter()
    try:
        result = store.query(operation.query, default_graph=operation.default_graphs,
                             named_graphs=operation.named_graphs, base_iri=request.base_url)
        body, media = serialize(result, request.accept_mimetypes, request.args.get("format"))
    except SyntaxError as err:
        return _text(400, f"malformed query: {err}")
    except NotAcceptable as err:
        return _text(406, str(err))
    except (ValueError, OSError) as err:
        return _text(400, f"query failed: {err}")
    log.info("query ok in %.3f s, %d bytes, %s", time.perf_counter() - started, len(body), media)
    charset = "; charset=utf-8" if media.startswith("text/") else ""
    return Response(body, status=200, content_type=media + charset,
                    headers={"Vary": "Accept"})


def service_description() -> Response:
    """SPARQL 1.1 Service Description of this endpoint, content-negotiated."""
    try:
        media = choose(request.accept_mimetypes, GRAPH_TYPES, "text/turtle",
                       request.args.get("format"), GRAPH_NAMES)
    except NotAcceptable as err:
        return _text(406, str(err))
    endpoint = URIRef(url_for("sparql.sparql", _external=True))
    store = context.store()
    g = Graph()
    g.bind("sd", SD)
    g.bind("void", VOID)
    service = BNode()
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, endpoint))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    for media_type in ("application/sparql-results+json", "application/sparql-results+xml",
                       "text/csv", "text/tab-separated-values", "text/turtle",
                       "application/ld+json", "application/n-triples", "application/rdf+xml"):
        g.add((service, SD.resultFormat, URIRef(_format_iri(media_type))))
    dataset = BNode()
    default_graph = BNode()
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default_graph))
    g.add((default_graph, RDF.type, SD.Graph))
    g.add((default_graph, VOID.triples, Literal(store.default_graph_size(),
                                                datatype=XSD.integer)))
    for name in store.graph_names():
        named = BNode()
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, URIRef(name)))
    body = g.serialize(format=RDFLIB_FORMATS[media], encoding="utf-8")
    return Response(body, status=200, content_type=media, headers={"Vary": "Accept"})


def _format_iri(media_type: str) -> str:
    names = {
        "application/sparql-results+json": "SPARQL_Results_JSON",
        "application/sparql-results+xml": "SPARQL_Results_XML",
        "text/csv": "SPARQL_Results_CSV", "text/tab-separated-values": "SPARQL_Results_TSV",
        "text/turtle": "Turtle", "application/ld+json": "JSON-LD",
        "application/n-triples": "N-Triples", "application/rdf+xml": "RDF_XML",
    }
    return "http://www.w3.org/ns/formats/" + names[media_type]
