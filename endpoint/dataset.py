"""/.well-known/void: the dataset's VoID description (RFC 5785 well-known location).

Machines get RDF (Turtle unless they ask otherwise); a browser gets the same
description as a page, with links to the RDF.
"""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request, url_for
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF

from newsgraph import iri
from newsgraph.description import void_description
from newsgraph.vocab import SD, VOID

from . import context
from .results import GRAPH_NAMES, GRAPH_TYPES, NotAcceptable, choose, graph_response, plain

bp = Blueprint("dataset", __name__)
_OFFERED = {**GRAPH_TYPES, "text/html": "html"}


@bp.get("/.well-known/void")
def void() -> Response:
    try:
        media = choose(request.accept_mimetypes, _OFFERED, "text/turtle",
                       request.args.get("format"), {**GRAPH_NAMES, "html": "text/html"})
    except NotAcceptable as err:
        return plain(406, str(err))
    settings = context.settings()
    g = void_description(context.pool().rows, settings.base_iri,
                         url_for("sparql.sparql", _external=True))
    if media != "text/html":
        return graph_response(g, media)
    body = render_template("void.html", void=summary(g, URIRef(iri.dataset(settings.base_iri))),
                           formats={"Turtle": "ttl", "JSON-LD": "jsonld", "N-Triples": "nt",
                                    "RDF/XML": "rdf"})
    return Response(body, mimetype="text/html", headers={"Vary": "Accept"})


def summary(g: Graph, dataset: URIRef) -> dict:
    """What the page shows of a VoID description: figures, partitions, linkset."""
    def one(subject, predicate):
        return g.value(subject, predicate)

    classes = sorted(((str(one(p, VOID["class"])), int(one(p, VOID.entities)))
                      for p in g.objects(dataset, VOID.classPartition)), key=lambda c: -c[1])
    properties = sorted(((str(one(p, VOID.property)), int(one(p, VOID.triples)))
                         for p in g.objects(dataset, VOID.propertyPartition)),
                        key=lambda c: -c[1])
    graphs = [p for p in g.objects(dataset, VOID.subset) if one(p, SD.name) is not None]
    linksets = [p for p in g.objects(dataset, VOID.subset)
                if (p, RDF.type, VOID.Linkset) in g]
    return {"iri": str(dataset), "title": str(one(dataset, DCTERMS.title)),
            "endpoint": str(one(dataset, VOID.sparqlEndpoint)),
            "figures": [(label, int(one(dataset, term))) for label, term in (
                ("triples", VOID.triples), ("distinct subjects", VOID.distinctSubjects),
                ("articles", VOID.documents), ("entities minted here", VOID.entities),
                ("classes", VOID.classes), ("properties", VOID.properties))
                if one(dataset, term) is not None],
            "classes": classes, "properties": properties, "graphs": len(graphs),
            "links": [str(one(p, DCTERMS.description)) for p in linksets],
            "examples": sorted(str(o) for o in g.objects(dataset, VOID.exampleResource))}
