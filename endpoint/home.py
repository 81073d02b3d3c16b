"""The home page: a plain query form with one-click examples, rendered on the server."""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, render_template, request

from newsgraph.services import ServiceRefused, check_services

from . import context
from .examples import EXAMPLES, full_query

bp = Blueprint("home", __name__)


@bp.get("/")
def index() -> str:
    settings = context.settings()
    store = context.store()
    query = request.args.get("query", "")
    result = error = None
    if query:
        if len(query) > settings.max_query_length:
            error = f"query over the limit of {settings.max_query_length:,} characters"
        else:
            try:
                check_services(query, settings.service_allowlist, base_iri=request.base_url)
                result = _tabulate(store.query(query), settings.max_result_rows)
            except (SyntaxError, ValueError, OSError, ServiceRefused) as err:
                error = str(err)
    examples = [(title, full_query(body)) for title, body in EXAMPLES]
    status = 400 if error else 200
    return render_template("home.html", query=query or examples[0][1], examples=examples,
                           result=result, error=error,
                           graphs=len(store.graph_names())), status


def _cell(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


def _tabulate(result, limit: int) -> dict:
    if isinstance(result, ox.QueryBoolean):
        return {"boolean": bool(result)}
    if isinstance(result, ox.QueryTriples):
        return {"graph": result.serialize(format=ox.RdfFormat.TURTLE).decode("utf-8")}
    names = [v.value for v in result.variables]
    rows = []
    for n, solution in enumerate(result):
        if n >= limit:
            break
        rows.append([_cell(solution[name]) for name in names])
    return {"vars": names, "rows": rows, "truncated": len(rows) >= limit}
