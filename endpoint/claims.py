"""Claims in the browser: an index of who deploys where by whose account, with a world
map of destinations, and a page telling each claim's story; every page has a data twin.

The index reads the claim graphs (newsgraph/claims writes them after every load);
a claim's page reads its reports afresh from their articles through the claim graph,
so its table, chart and verdict are those of the article graphs, made by the same
functions as ``newsgraph claims``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for

from newsgraph.claims import render
from newsgraph.claims.charts import figures_chart, world_map
from newsgraph.claims.grouping import Claim, Report, claims, matches, verdict
from newsgraph.claims.reports import (
    WIKIDATA,
    article_details,
    capital_states,
    claim_prefix,
    report_rows,
    reports_of,
)
from newsgraph.loader.gazetteer import Gazetteer
from newsgraph.vocab import NG, sparql_prologue

from . import context
from .executor import QueryTimeout
from .results import NotAcceptable, choose, plain

bp = Blueprint("claims", __name__)

GAZETTEER_KEY = "newsgraph.claims.places"
FORMATS = {"text/html": "html", "application/json": "json", "text/csv": "csv"}
_EXTENSIONS = {ext: media for media, ext in FORMATS.items()}
VERDICTS = ("contested", "uncontested")
FILTERS = ("deployer", "destination", "verdict")
MAX_FILTER = 200  # characters: a name, a Wikidata id or an IRI

_INDEX = """
SELECT ?c ?label ?dep ?depLabel ?dest ?destLabel ?verdict ?n ?first ?last ?low ?high
       ?depItem ?destItem ?place WHERE {
  GRAPH ?c { ?c a ng:Claim ; rdfs:label ?label ; ng:claimDeployer ?dep ;
                ng:claimDestination ?dest ; ng:verdict ?verdict ; ng:reportCount ?n .
             OPTIONAL { ?c ng:firstReported ?first ; ng:lastReported ?last }
             OPTIONAL { ?c ng:lowestCount ?low ; ng:highestCount ?high }
             OPTIONAL { ?c ng:claimPlace ?place } }
  OPTIONAL { ?dep rdfs:label ?depLabel } OPTIONAL { ?dest rdfs:label ?destLabel }
  OPTIONAL { ?dep owl:sameAs ?depItem } OPTIONAL { ?dest owl:sameAs ?destItem }
}"""


@dataclass(frozen=True)
class Places:
    """What the gazetteer says of places, read once per app: which state holds a capital,
    and each state's ISO code for the map."""

    states: dict[str, tuple[str, str, str]]  # capital item -> (state item, IRI, name)
    iso2: dict[str, str]  # state item -> ISO alpha-2

    @classmethod
    def load(cls, base: str) -> Places:
        gazetteer = Gazetteer.load()
        return cls(capital_states(base, gazetteer),
                   {WIKIDATA + e.wikidata: e.iso2
                    for e in gazetteer.entries if e.type == "State" and e.wikidata and e.iso2})


def places() -> Places:
    found = current_app.extensions.get(GAZETTEER_KEY)
    if found is None:
        found = current_app.extensions[GAZETTEER_KEY] = Places.load(
            context.settings().base_iri)
    return found


# -- the index -----------------------------------------------------------------------------

def index_rows(rows) -> list[dict]:
    """Every claim as the claim graphs hold it, newest report first; names and Wikidata
    items as the merged graph gives them (the first, where there are several)."""
    found: dict[str, dict] = {}
    for r in rows(sparql_prologue() + _INDEX):
        value = {k: v["value"] for k, v in r.items()}
        row = found.setdefault(value["c"], {
            "claim": value["c"], "label": value["label"], "deployer": value["dep"],
            "destination": value["dest"], "verdict": value["verdict"].rsplit("#", 1)[-1].lower(),
            "reports": int(value["n"]), "first": value.get("first"),
            "latest": value.get("last"),
            "lowest": int(value["low"]) if "low" in value else None,
            "highest": int(value["high"]) if "high" in value else None,
            "deployer_label": None, "destination_label": None, "deployer_wikidata": None,
            "destination_wikidata": None, "places": []})
        for name, key in (("depLabel", "deployer_label"), ("destLabel", "destination_label"),
                          ("depItem", "deployer_wikidata"), ("destItem", "destination_wikidata")):
            if name in value and (row[key] is None or value[name] < row[key]):
                row[key] = value[name]
        if "place" in value and value["place"] not in row["places"]:
            row["places"].append(value["place"])
    return sorted(found.values(), key=lambda r: (r["latest"] or "", r["label"]), reverse=True)


def _filters() -> dict[str, str] | str:
    """The index's filters from the query string, or what is wrong with them."""
    wanted = {}
    for key, value in request.args.items():
        if key == "format":
            continue
        if key not in FILTERS:
            return f"unknown parameter {key!r}: the claims index takes " + \
                   ", ".join(FILTERS) + " and format"
        value = value.strip()
        if len(value) > MAX_FILTER:
            return f"{key} is {len(value)} characters long; give at most {MAX_FILTER}"
        if key == "verdict" and value and value not in VERDICTS:
            return f"verdict {value[:40]!r}: give contested or uncontested"
        if value:
            wanted[key] = value
    return wanted


def chosen(found: list[dict], wanted: dict[str, str]) -> list[dict]:
    """The claims that match the filters: a name or part of one (any case), a Wikidata
    id or an IRI for deployer and destination (a place within it too)."""
    out = []
    for row in found:
        if "deployer" in wanted and not matches(
                wanted["deployer"], row["deployer"], row["deployer_label"],
                row["deployer_wikidata"]):
            continue
        if "destination" in wanted and not matches(
                wanted["destination"], row["destination"], row["destination_label"],
                row["destination_wikidata"], *row["places"]):
            continue
        if "verdict" in wanted and row["verdict"] != wanted["verdict"]:
            continue
        out.append(row)
    return out


def _index_data() -> tuple[list[dict], list[dict], dict[str, str]] | Response:
    wanted = _filters()
    if isinstance(wanted, str):
        return plain(400, f"{request.path}: {wanted}")
    try:
        every = index_rows(context.pool().rows)
    except QueryTimeout as err:
        raise QueryTimeout("the claims could not be listed within the time limit; try "
                           "again", retry_after=5) from err
    return every, chosen(every, wanted), wanted


@bp.get("/claims")
def index() -> Response:
    try:
        media = choose(request.accept_mimetypes, FORMATS, "text/html",
                       request.args.get("format"), _EXTENSIONS)
    except NotAcceptable as err:
        return plain(406, str(err))
    response = _index(FORMATS[media])
    response.headers["Vary"] = "Accept"
    return response


@bp.get("/claims.<any(json,csv,html):ext>")
def index_twin(ext: str) -> Response:
    return _index(ext)


def _index(ext: str) -> Response:
    found = _index_data()
    if isinstance(found, Response):
        return found
    every, rows, wanted = found
    if ext == "json":
        from .resources import local_url
        return Response(json.dumps({"filters": wanted, "total": len(rows), "claims": [
            {**r, "page": local_url(r["claim"]),
             "data": url_for("claims.page_of", iri=r["claim"], format="json")}
            for r in rows]},
            ensure_ascii=False, indent=1), mimetype="application/json")
    if ext == "csv":
        out = io.StringIO()
        fields = ["label", "verdict", "reports", "first", "latest", "lowest", "highest",
                  "deployer_label", "destination_label", "deployer", "destination",
                  "deployer_wikidata", "destination_wikidata", "claim"]
        writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: "" if r.get(k) is None else r[k] for k in fields})
        return Response(out.getvalue(), mimetype="text/csv",
                        headers={"Content-Disposition": 'inline; filename="claims.csv"'})
    options = {
        "deployer": sorted({r["deployer_label"] or r["deployer"] for r in every}),
        "destination": sorted({r["destination_label"] or r["destination"] for r in every})}
    unmapped = sum(1 for r in rows if _iso2(r) is None)
    return Response(render_template(
        "claims.html", rows=rows, every=every, wanted=wanted, options=options,
        verdicts=VERDICTS, unmapped=unmapped,
        contested=sum(r["verdict"] == "contested" for r in rows),
        map_url=url_for("claims.map_svg", **wanted),
        twins={ext: url_for("claims.index_twin", ext=ext, **wanted)
               for ext in ("json", "csv")}), mimetype="text/html")


def qualifier(report) -> str:
    """"about ", "more than " … before a report's figure."""
    return render.QUALIFIERS.get(report.qualifier or "Exact", "")


def _iso2(row: dict) -> str | None:
    return places().iso2.get(row["destination_wikidata"] or "")


@bp.get("/claims/map.svg")
def map_svg() -> Response:
    found = _index_data()
    if isinstance(found, Response):
        return found
    _, rows, _ = found
    counts: dict[str, int] = {}
    for r in rows:
        code = _iso2(r)
        if code:
            counts[code] = counts.get(code, 0) + r["reports"]
    return Response(world_map(counts), mimetype="image/svg+xml")


# -- one claim -------------------------------------------------------------------------------

def _select(rows):
    def select(query: str) -> list[dict[str, str]]:
        found = rows(sparql_prologue() + query)
        return [{k: v["value"] for k, v in r.items()} for r in found]  # unbound: absent
    return select


def story(rows, iri: str) -> Claim | None:
    """The claim at ``iri`` with every report as its article tells it now (None if it
    holds none): what the data twin gives."""
    select = _select(rows)
    found = claims(reports_of(report_rows(select, iri), select, places().states))
    # One claim, unless identities moved since the claim was written: the largest.
    return max(found, key=lambda c: len(c.reports)) if found else None


# A claim's page reads every report's figure, status, source and date (enough for the
# verdict, the chart and who says what) in four narrow queries, and every word only of
# the reports a page of its table shows: reading every report of a claim of 4,560
# whole took 5 s.
PAGE_SIZE = 100
DENIALS_SHOWN = 25  # with their words; the table and the data twin hold the rest
_HEAD = """SELECT ?dep ?dest ?depLabel ?destLabel ?depItem ?place ?placeLabel WHERE {
  GRAPH %(c)s { %(c)s ng:claimDeployer ?dep ; ng:claimDestination ?dest }
  OPTIONAL { ?dep rdfs:label ?depLabel } OPTIONAL { ?dest rdfs:label ?destLabel }
  OPTIONAL { ?dep owl:sameAs ?depItem }
  OPTIONAL { GRAPH %(c)s { %(c)s ng:claimPlace ?place } ?place rdfs:label ?placeLabel } }"""
_LIGHT = """SELECT ?d ?article ?st ?n WHERE { GRAPH %(c)s { %(c)s ng:report ?d .
  ?d ng:source ?article ; ng:status ?st . OPTIONAL { ?d ng:personnelCount ?n } } }"""
_REPORTERS = """SELECT ?d ?label WHERE { GRAPH %(c)s { %(c)s ng:report ?d .
  ?d ng:source ?article } GRAPH ?article { ?d ng:reportedBy ?r . ?r rdfs:label ?label } }"""


def outline(rows, iri: str) -> tuple[Claim, list[str]] | None:
    """The claim at ``iri`` with each report's figure, status, source and date (not its
    words), and the names of the places within the destination its reports name."""
    select = _select(rows)
    ref = {"c": f"<{iri}>"}
    head = select(_HEAD % ref)
    if not head:
        return None
    first = min(head, key=lambda r: (r.get("depLabel", ""), r.get("destLabel", "")))
    meta = article_details(select, claim_prefix(iri))
    reporters: dict[str, str] = {}
    for r in select(_REPORTERS % ref):
        reporters[r["d"]] = min(reporters.get(r["d"], r["label"]), r["label"])
    deployer, destination = first["dep"], first["dest"]
    claim = Claim(first.get("depItem", deployer), destination, deployer,
                  first.get("depLabel", deployer), destination,
                  first.get("destLabel", destination))
    for r in select(_LIGHT % ref):
        info = meta.get(r["article"], {})
        published = info.get("published")
        claim.reports.append(Report(
            deployment=r["d"], article=r["article"], deployer=claim.deployer,
            deployer_iri=deployer, deployer_label=claim.deployer_label,
            destination=destination, destination_iri=destination,
            destination_label=claim.destination_label, status=r["st"].rsplit("#", 1)[-1],
            count=int(r["n"]) if "n" in r else None, reporter_label=reporters.get(r["d"]),
            outlet=info.get("outlet"), title=info.get("title"),
            published=date.fromisoformat(published[:10]) if published else None))
    claim.reports.sort(key=lambda r: (r.published or date.max, r.article, r.deployment))
    claim.verdict, claim.reasons = verdict(claim.reports)
    return claim, sorted({r["placeLabel"] for r in head if "placeLabel" in r})


def _words(rows, reports: list[Report]) -> list[Report]:
    """The same reports read whole (their words, qualifier, unit, statements)."""
    select = _select(rows)
    whole = {r.deployment: r for r in reports_of(
        report_rows(select, only=[(r.deployment, r.article) for r in reports]), select,
        places().states)}
    return [whole.get(r.deployment, r) for r in reports]


def page_data(rows, iri: str) -> dict:
    """What the claim's page shows: the claim, its chart, a page of its reports, and the
    verdict the claim graph holds (which the page's own reading should repeat)."""
    wanted = request.args.get("page", "1")
    if not wanted.isdigit() or not 1 <= int(wanted) <= 100_000:
        abort(400, description=f"page must be a whole number from 1, not {wanted[:40]!r}")
    page = int(wanted)
    found = outline(rows, iri)
    if found is None:
        return {"claim": None}
    claim, places_named = found
    pages = max(1, -(-len(claim.reports) // PAGE_SIZE))
    shown = claim.reports[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
    stored = rows(sparql_prologue()
                  + f"SELECT ?v WHERE {{ GRAPH <{iri}> {{ <{iri}> ng:verdict ?v }} }}")
    dated = any(r.published for r in claim.figures)
    here = request.path
    return {"claim": claim, "places": places_named, "shown": _words(rows, shown),
            "denials": _words(rows, claim.denials[:DENIALS_SHOWN]),
            "page": page, "pages": pages, "first_row": (page - 1) * PAGE_SIZE + 1,
            "next": f"{here}?page={page + 1}" if page < pages else None,
            "previous": f"{here}?page={page - 1}" if page > 1 else None,
            "chart": url_for("claims.chart_svg", iri=iri) if dated else None,
            "undated": sum(r.published is None for r in claim.figures),
            "stored": stored[0]["v"]["value"].removeprefix(str(NG)).lower() if stored else None,
            "json": url_for("claims.page_of", iri=iri, format="json"),
            "csv": url_for("claims.page_of", iri=iri, format="csv")}


def _claim_iri() -> str | Response:
    """The claim's IRI the request names (``?iri=``), or a 400 saying what is wrong."""
    iri = request.args.get("iri", "")
    base = context.settings().base_iri
    if not iri.startswith(base + "claim/") or len(iri) > 2000 or any(
            c in iri for c in '<>"{}|\\^` \n\r\t'):
        return plain(400, f"{request.path}: iri must be a claim's IRI, {base}claim/…, "
                     "as the claims index links it")
    return iri


def _read(iri: str, read: Callable, what: str):
    """``read(rows, iri)``, or a 404 when there is no such claim."""
    try:
        found = read(context.pool().rows, iri)
    except QueryTimeout as err:
        raise QueryTimeout(f"the {what} could not be made within the time limit; try again",
                           retry_after=5) from err
    if found is None:
        return plain(404, f"{request.path}: no claim {iri} in this store")
    return found


@bp.get("/claims/chart.svg")
def chart_svg() -> Response:
    """A claim's figures over time (an image: the pages' security policy keeps inline
    styles, which the SVG's are, out of HTML)."""
    iri = _claim_iri()
    if isinstance(iri, Response):
        return iri
    found = _read(iri, outline, "chart")
    if isinstance(found, Response):
        return found
    chart = figures_chart(found[0])
    if chart is None:
        return plain(404, f"{request.path}: claim {iri} has no dated figure to draw")
    return Response(chart, mimetype="image/svg+xml")


@bp.get("/claims/of")
def page_of() -> Response:
    """A claim's data twin (``?iri=…&format=json|csv``), as ``newsgraph claims`` prints it;
    in HTML, its page."""
    iri = _claim_iri()
    if isinstance(iri, Response):
        return iri
    fmt = request.args.get("format", "html")
    if fmt not in ("html", "json", "csv"):
        return plain(400, f"{request.path}: format {fmt[:20]!r}: give html, json or csv")
    if fmt == "html":
        from .resources import local_url  # resources shows claim pages: no import loop
        return Response(status=303, headers={"Location": local_url(iri) + ".html"})
    claim = _read(iri, story, "claim's data")
    if isinstance(claim, Response):
        return claim
    if fmt == "json":
        return Response(render.as_json([claim]), mimetype="application/json")
    return Response(render.as_csv([claim]), mimetype="text/csv",
                    headers={"Content-Disposition": 'inline; filename="claim.csv"'})
