"""/.well-known/void: the dataset's VoID description (RFC 5785 well-known location)."""

from __future__ import annotations

from flask import Blueprint, Response, request, url_for

from newsgraph.description import void_description

from . import context
from .results import NotAcceptable, graph_media, graph_response, plain

bp = Blueprint("dataset", __name__)


@bp.get("/.well-known/void")
def void() -> Response:
    try:
        media = graph_media(request.accept_mimetypes, request.args.get("format"))
    except NotAcceptable as err:
        return plain(406, str(err))
    settings = context.settings()
    g = void_description(context.pool().rows, settings.base_iri,
                         url_for("sparql.sparql", _external=True))
    return graph_response(g, media)
