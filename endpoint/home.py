"""The home page: a plain query form with one-click examples, rendered on the server."""

from __future__ import annotations

import json

from flask import Blueprint, render_template, request

from newsgraph.services import ServiceRefused, check_services

from . import context
from .examples import EXAMPLES, full_query
from .executor import Job, PoolBusy, QueryTimeout

bp = Blueprint("home", __name__)


@bp.get("/")
def index() -> tuple[str, int]:
    settings = context.settings()
    query = request.args.get("query", "")
    result = error = None
    if query:
        if len(query) > settings.max_query_length:
            error = f"query over the limit of {settings.max_query_length:,} characters"
        else:
            try:
                check_services(query, settings.service_allowlist, base_iri=request.base_url)
                answer = context.pool().run(Job(query, base_iri=request.base_url, accept=(
                    "application/sparql-results+json, text/turtle;q=0.9")))
                if answer.status != 200:
                    error = answer.body.decode("utf-8", "replace")
                else:
                    result = _tabulate(answer.body, answer.media, settings.max_result_rows)
            except ServiceRefused as err:
                error = str(err)
            except QueryTimeout:
                error = f"query stopped after the time limit of {settings.query_timeout:g} s"
            except PoolBusy as err:
                error = str(err)
    examples = [(title, full_query(body)) for title, body in EXAMPLES]
    try:
        graphs = int(context.pool().rows(
            "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { } }")[0]["n"]["value"])
    except (QueryTimeout, PoolBusy, RuntimeError):
        graphs = None
    status = 400 if error else 200
    return render_template("home.html", query=query or examples[0][1], examples=examples,
                           result=result, error=error, graphs=graphs), status


def _tabulate(body: bytes, media: str, limit: int) -> dict:
    if media == "text/turtle":
        return {"graph": body.decode("utf-8")}
    data = json.loads(body)
    if "boolean" in data:
        return {"boolean": data["boolean"]}
    names = data["head"]["vars"]
    bindings = data["results"]["bindings"]
    rows = [[b.get(name, {}).get("value", "") for name in names] for b in bindings[:limit]]
    return {"vars": names, "rows": rows, "truncated": len(bindings) > limit}
