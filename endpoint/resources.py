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

from urllib.parse import quote, unquote, urlsplit

import pyoxigraph as ox
from flask import Blueprint, Response, abort, jsonify, redirect, render_template, request

from newsgraph.iri import usable
from newsgraph.vocab import NG, PREFIXES

from . import claims, context, pages
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
        return _url(path) + (f"#{fragment}" if fragment else "")
    return iri


# Characters a URL path keeps as they are: the IRI's own percent-escapes above all, so
# that an id minted as "a%2Fb" is linked as such and not as "a%252Fb".
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"


def _url(path: str) -> str:
    """The server-relative URL of /id/{path}, ``path`` being an IRI's tail as minted."""
    return f"{request.script_root}/id/{quote(path, safe=_PATH_SAFE)}"


def _forms(path: str) -> list[str]:
    """The IRI tails a request for /id/{path} may mean: the path as decoded, then as the
    client sent it with each segment in the encoding newsgraph mints (iri.py), so that
    ids holding "/", quotes, spaces, line breaks or non-ASCII characters resolve.

    The server decodes %2F into "/", so the segments are read from the raw request line
    where the server keeps it (gunicorn's RAW_URI, werkzeug's REQUEST_URI).
    """
    raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI")
    prefix = f"{request.script_root}/id/"
    sent = path
    if raw:
        # The request line's target: a path, or an absolute URL (as sent to a proxy).
        raw_path = raw.split("?", 1)[0] if raw.startswith("/") else urlsplit(raw).path
        if raw_path.startswith(prefix):
            sent = raw_path[len(prefix):]
    minted = "/".join(quote(unquote(segment), safe="-._~") for segment in sent.split("/"))
    return [path] if minted == path else [path, minted]


def _split(path: str) -> tuple[str, str | None]:
    stem, dot, ext = path.rpartition(".")
    if dot and ext in DOCUMENTS and stem:
        return stem, ext
    return path, None


@bp.get("/id/", defaults={"path": ""})
@bp.get("/id/<path:path>")
def resource(path: str) -> Response:
    settings = context.settings()
    rows = context.pool().rows
    if path == "" or path.endswith("/"):
        return _folder(rows, settings.base_iri, path)
    try:
        found = _find(rows, settings.base_iri, _forms(path))
        if isinstance(found, str):
            return _not_found(found)
        name, ext, iri = found
        if ext is None:
            try:
                media = choose(request.accept_mimetypes, DOCUMENTS_BY_MEDIA, "text/html",
                               request.args.get("format"), DOCUMENTS)
            except NotAcceptable as err:
                return plain(406, str(err))
            target = _url(f"{name}.{_EXTENSION[media]}")
            response = redirect(target, code=303)
            response.headers["Vary"] = "Accept"
            return response
        if ext == "html":
            return _page(rows, iri)
        return _document(iri, DOCUMENTS[ext])
    except QueryTimeout as err:
        raise QueryTimeout("the page could not be made within the time limit; try again",
                           retry_after=5) from err



def _find(rows, base: str, forms: list[str]) -> tuple[str, str | None, str] | str:
    """(name, extension, IRI) of the first form that names a resource, else the IRI to
    report not found."""
    first = None
    for form in forms:
        name, ext = _split(form)
        iri = base + name
        if not _valid(iri):
            continue
        first = first or iri
        if pages.exists(rows, iri):
            return name, ext, iri
        # An IRI that happens to end in ".ttl" is a resource of its own.
        if ext is not None and _valid(base + form) and pages.exists(rows, base + form):
            return form, None, base + form
    if first is None:
        abort(404)
    return first


def _valid(iri: str) -> bool:
    # The engine's own IRI check too: "50%-off" passes ours but is no IRI ("%-o").
    if not usable(iri) or len(iri) > 2000:
        return False
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return True


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
    elif str(NG.Claim) in kinds:
        data, template = claims.page_data(rows, iri), "claim.html"
    elif str(NG.Outlet) in kinds:
        data, template = pages.outlet(rows, iri), "outlet.html"
    else:
        data, template = {"properties": pages.properties(rows, iri)}, "resource.html"
    name = iri[len(context.settings().base_iri):]
    documents = {ext: _url(f"{name}.{ext}") for ext in DOCUMENTS if ext != "html"}
    body = render_template(template, iri=iri, data=data, documents=documents)
    return Response(body, mimetype="text/html",
                    headers={"Link": f'<{iri}>; rel="describes"'})


def _not_found(iri: str) -> Response:
    body = render_template("not_found.html", iri=iri)
    return Response(body, status=404, mimetype="text/html")


FOLDER_PAGE = 100


def _folder(rows, base: str, path: str) -> Response:
    """A minted folder (``/id/``, ``/id/actor/``, ``/id/article/X/statement/``): the
    folders and the resources directly in it, with their names, a page at a time."""
    prefix = base + path
    if not _valid(prefix):
        abort(404)
    page = request.args.get("page", "1")
    if not page.isdigit() or not 1 <= int(page) <= 100_000:
        return plain(400, f"{request.path}: page must be a whole number from 1, "
                     f"not {page[:40]!r}")
    offset = (int(page) - 1) * FOLDER_PAGE
    try:
        found = pages.folder(rows, prefix, FOLDER_PAGE, offset)
    except QueryTimeout as err:
        raise QueryTimeout("the folder could not be listed within the time limit; try "
                           "again", retry_after=5) from err
    if not found["folders"] and not found["items"] and int(page) == 1 and path:
        return _not_found(prefix)
    found["page"] = int(page)
    found["next"] = (f"{request.path}?page={int(page) + 1}"
                     if len(found["items"]) == FOLDER_PAGE else None)
    found["previous"] = f"{request.path}?page={int(page) - 1}" if int(page) > 1 else None
    try:
        media = choose(request.accept_mimetypes, {"text/html": 1, "application/json": 1},
                       "text/html", request.args.get("format"),
                       {"json": "application/json", "html": "text/html"})
    except NotAcceptable as err:
        return plain(406, str(err))
    if media == "application/json":
        response = jsonify(folder=prefix, **found)
    else:
        crumbs = []
        parts = [p for p in path.split("/") if p]
        for n in range(len(parts)):
            crumbs.append((parts[n], _url("/".join(parts[:n + 1]) + "/")))
        response = Response(render_template("folder.html", prefix=prefix, crumbs=crumbs,
                                            data=found, home=_url("")), mimetype="text/html")
    response.headers["Vary"] = "Accept"
    return response
