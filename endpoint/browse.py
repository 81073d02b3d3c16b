"""Browsing without SPARQL: the home page, list pages with facets, and their data twins.

Every list page is also data: ``/statements.json`` and ``/statements.csv`` (or the
same URL with ``Accept: application/json`` / ``text/csv``) give the rows the page
shows, under the same filters, order and page.
"""

from __future__ import annotations

import csv
import io
import json

from flask import Blueprint, Response, render_template, request, url_for

from newsgraph.vocab import NG, sparql_prologue

from . import context, listing
from .executor import QueryTimeout
from .results import NotAcceptable, choose, plain

bp = Blueprint("browse", __name__)

FORMATS = {"text/html": "html", "application/json": "json", "text/csv": "csv"}
_EXTENSIONS = {ext: media for media, ext in FORMATS.items()}
_NAMES = "any(" + ",".join(listing.LISTINGS) + ")"
NEWEST = 10
_COUNTED = ("Article", "Statement", "Deployment", "Person", "Organization", "State",
            "ArmedGroup", "Place", "Outlet")


@bp.get("/")
def home() -> str:
    rows = context.pool().rows
    counts = {name: 0 for name in _COUNTED}
    found = rows(sparql_prologue() + "SELECT ?t (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?t "
                 "VALUES ?t { " + " ".join(f"ng:{n}" for n in _COUNTED) + " } } GROUP BY ?t")
    for r in found:
        counts[r["t"]["value"].removeprefix(str(NG))] = int(r["n"]["value"])
    span = rows(sparql_prologue() + "SELECT (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE { "
                "?a a ng:Article ; schema:datePublished ?d }")
    dates = {k: v["value"] for k, v in (span[0] if span else {}).items()}
    newest = listing.page(rows, listing.Request(listing.ARTICLES, sort=listing.ARTICLES.sorts[0],
                                                size=NEWEST))
    return render_template("browse_home.html", counts=counts, dates=dates, newest=newest,
                           listings=listing.LISTINGS)


@bp.get(f"/<{_NAMES}:name>")
def negotiated(name: str) -> Response:
    try:
        media = choose(request.accept_mimetypes, FORMATS, "text/html",
                       request.args.get("format"), _EXTENSIONS)
    except NotAcceptable as err:
        return plain(406, str(err))
    response = _answer(name, FORMATS[media])
    response.headers["Vary"] = "Accept"
    return response


@bp.get(f"/<{_NAMES}:name>.<any(json,csv,html):ext>")
def twin(name: str, ext: str) -> Response:
    return _answer(name, ext)


def _answer(name: str, ext: str) -> Response:
    spec = listing.LISTINGS[name]
    try:
        wanted = listing.parse(spec, request.args.to_dict())
    except listing.BadRequest as err:
        return plain(400, f"{request.path}: {err}")
    rows = context.pool().rows
    try:
        found = listing.page(rows, wanted)
        total = listing.total(rows, wanted)
        facets = listing.facet_counts(rows, wanted) if ext != "csv" else []
    except QueryTimeout as err:
        raise QueryTimeout("the list could not be made within the time limit; narrow it "
                           "with a filter or try again", retry_after=5) from err
    links = _links(name, wanted, total, ext)
    if ext == "csv":
        return _csv(spec, found, name)
    if ext == "json":
        body = {"list": name, "total": total, "page": wanted.page, "size": wanted.size,
                "sort": wanted.sort.param, "filters": wanted.filters, "rows": found,
                "facets": facets, **links}
        return Response(json.dumps(body, ensure_ascii=False, indent=1),
                        mimetype="application/json")
    return Response(render_template(
        "list.html", spec=spec, wanted=wanted, rows=found, total=total, facets=facets,
        links=links, here=lambda **change: _url(name, wanted, **change)), mimetype="text/html")


def _url(name: str, wanted: listing.Request, ext: str | None = None, **change) -> str:
    """This list's URL with some parameters changed (None drops one)."""
    params: dict[str, str] = dict(wanted.filters)
    if wanted.sort is not wanted.listing.sorts[0]:
        params["sort"] = wanted.sort.param
    if wanted.size != listing.PAGE_SIZE:
        params["size"] = str(wanted.size)
    if wanted.page != 1:
        params["page"] = str(wanted.page)
    if any(k not in ("page", "size") for k in change):
        params.pop("page", None)  # a new filter or order starts at the first page
    for key, value in change.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    endpoint = "browse.twin" if ext else "browse.negotiated"
    return url_for(endpoint, name=name, **({"ext": ext} if ext else {}), **params)


def _links(name: str, wanted: listing.Request, total: int, ext: str) -> dict[str, str | None]:
    last = max(1, -(-total // wanted.size))
    own = None if ext == "html" else ext
    return {"next": _url(name, wanted, own, page=wanted.page + 1) if wanted.page < last else None,
            "previous": (_url(name, wanted, own, page=wanted.page - 1)
                         if wanted.page > 1 else None),
            "json": _url(name, wanted, "json"), "csv": _url(name, wanted, "csv"),
            "pages": last}


def _csv(spec: listing.Listing, found: list[dict], name: str) -> Response:
    out = io.StringIO()
    header = [c.name for c in spec.columns] + [f"{c.name} iri" for c in spec.columns if c.link]
    writer = csv.DictWriter(out, fieldnames=header, extrasaction="ignore")
    writer.writeheader()
    for row in found:
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'inline; filename="{name}.csv"'})
