"""Linked Data: every IRI minted under the base resolves on this server.

The scheme is slash IRIs with 303 See Other (httpRange-14): ``/id/{path}``
names the thing itself (a person, a statement) and answers 303 with the
address of a document about it, chosen by the Accept header; the documents
are ``/id/{path}.html``, ``.ttl``, ``.nt``, ``.jsonld`` and ``.rdf``, each
served as it is. The resource IRI ``{base}{path}`` maps to ``/id/{path}``: a
deployment at the default base https://w3id.org/newsgraph/id/ redirects
there, and ``--base-iri http://HOST/id/`` makes the IRIs resolve directly.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for

from newsgraph.iri import usable
from newsgraph.vocab import NG, PREFIXES

from . import context, pages
from .executor import Job, QueryTimeout
from .results import NotAcceptable, choose, plain

bp = Blueprint("resources", __name__)

DOCUMENTS = {"html": "text/html", "ttl": "text/turtle", "nt": "application/n-triples",
             "jsonld": "application/ld+json", "rdf": "application/rdf+xml"}
_EXTENSION = {media: ext for ext, media in DOCUMENTS.items()}
DOCUMENTS_BY_MEDIA = {media: media for media in _EXTENSION}

ACTOR_TYPES = frozenset({str(NG.Person), str(NG.Organization), str(NG.State), str(NG.ArmedGroup),
               str(NG.Actor)})


def curie(iri: str) -> str:
    """ng:Person for https://w3id.org/newsgraph/ontology#Person, for display."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def local_url(iri: str) -> str:
    """Where a resource's page is on this server, or the IRI itself if it is not ours."""
    base = context.settings().base_iri
    if iri.startswith(base) and len(iri) > len(base):
        path, _, fragment = iri[len(base):].partition("#")
        url = url_for("resources.resource", path=path)
        return url + (f"#{fragment}" if fragment else "")
    return iri


def _split(path: str) -> tuple[str, str | None]:
    stem, dot, ext = path.rpartition(".")
    if dot and ext in DOCUMENTS and stem:
        return stem, ext
    return path, None


@bp.get("/id/<path:path>")
def resource(path: str) -> Response:
    settings = context.settings()
    name, ext = _split(path)
    iri = settings.base_iri + name
    if not usable(iri) or len(iri) > 2000:
        abort(404)
    rows = context.pool().rows
    try:
        if not pages.exists(rows, iri):
            # An IRI that happens to end in ".ttl" is a resource of its own.
            if ext is not None and pages.exists(rows, settings.base_iri + path):
                name, ext, iri = path, None, settings.base_iri + path
            else:
                return _not_found(iri)
        if ext is None:
            try:
                media = choose(request.accept_mimetypes, DOCUMENTS_BY_MEDIA, "text/html",
                               request.args.get("format"), DOCUMENTS)
            except NotAcceptable as err:
                return plain(406, str(err))
            target = url_for("resources.resource", path=f"{name}.{_EXTENSION[media]}")
            response = redirect(target, code=303)
            response.headers["Vary"] = "Accept"
            return response
        if ext == "html":
            return _page(rows, iri)
        return _document(iri, DOCUMENTS[ext])
    except QueryTimeout as err:
        raise QueryTimeout("the page could not be made within the time limit; try again",
                           retry_after=5) from err



def _document(iri: str, media: str) -> Response:
    # The resource's own triples, its hash-IRI parts (evidence selectors) and, for an
    # article, the whole named graph read from it.
    query = f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
      {{ BIND(<{iri}> AS ?s) ?s ?p ?o }}
      UNION {{ <{iri}> ?x ?s . ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{iri}#")) }}
      UNION {{ GRAPH <{iri}> {{ ?s ?p ?o }} }} }}"""
    answer = context.pool().run(Job(query, accept=media))
    if answer.status != 200:
        return plain(answer.status, answer.body)
    charset = "; charset=utf-8" if media.startswith("text/") else ""
    return Response(answer.body, content_type=media + charset,
                    headers={"Link": f'<{iri}>; rel="describes"'})


def _page(rows, iri: str) -> Response:
    kinds = pages.types(rows, iri)
    if str(NG.Article) in kinds:
        data = pages.article(rows, iri)
        template = "article.html"
    elif str(NG.Statement) in kinds:
        data, template = pages.statement(rows, iri), "statement.html"
    elif str(NG.Deployment) in kinds:
        data, template = pages.deployment(rows, iri), "deployment.html"
    elif kinds & ACTOR_TYPES:
        data, template = pages.actor(rows, iri), "actor.html"
    elif str(NG.Place) in kinds:
        data, template = pages.place(rows, iri), "place.html"
    elif str(NG.Outlet) in kinds:
        data, template = pages.outlet(rows, iri), "outlet.html"
    else:
        data, template = {"properties": pages.properties(rows, iri)}, "resource.html"
    name = iri[len(context.settings().base_iri):]
    documents = {ext: url_for("resources.resource", path=f"{name}.{ext}")
                 for ext in DOCUMENTS if ext != "html"}
    body = render_template(template, iri=iri, data=data, documents=documents)
    return Response(body, mimetype="text/html",
                    headers={"Link": f'<{iri}>; rel="describes"'})


def _not_found(iri: str) -> Response:
    body = render_template("not_found.html", iri=iri)
    return Response(body, status=404, mimetype="text/html")
