"""/.well-known/void: the dataset's VoID description (RFC 5785 well-known location)."""

from __future__ import annotations

from flask import Blueprint, Response, request, url_for

from newsgraph.description import void_description

from . import context
from .results import GRAPH_NAMES, GRAPH_TYPES, RDFLIB_FORMATS, NotAcceptable, choose, plain

bp = Blueprint("dataset", __name__)


@bp.get("/.well-known/void")
def void() -> Response:
    try:
        media = choose(request.accept_mimetypes, GRAPH_TYPES, "text/turtle",
                       request.args.get("format"), GRAPH_NAMES)
    except NotAcceptable as err:
        return plain(406, str(err))
    settings = context.settings()
    g = void_description(context.pool().rows, settings.base_iri,
                         url_for("sparql.sparql", _external=True))
    body = g.serialize(format=RDFLIB_FORMATS[media], encoding="utf-8")
    return Response(body, status=200, content_type=media, headers={"Vary": "Accept"})
