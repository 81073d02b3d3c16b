"""The query pages: the YASGUI editor at /editor, and a plain server-rendered form at /query.

YASGUI is installed from npm into web/node_modules (`npm ci --prefix web`), never
committed, and served from that install, so the page needs no CDN. Without it,
/editor says how to install it and offers the plain form, which needs no JavaScript.
"""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    make_response,
    render_template,
    request,
    send_from_directory,
)

from newsgraph.services import ServiceRefused, check_services
from newsgraph.sparqltext import nesting_depth
from newsgraph.vocab import PREFIXES

from . import context
from .examples import EXAMPLES
from .executor import Job, QueryTimeout, Unavailable
from .protocol import MAX_NESTING

bp = Blueprint("home", __name__)
EDITOR_FILES = ("yasgui.min.js", "yasgui.min.css")


def editor_build(settings) -> Path | None:
    """The YASGUI build directory, if it is installed: ``yasgui_dir`` as given (relative to
    the working directory), else, for a relative one, relative to the project the package
    was installed from (where `npm ci --prefix web` put it), wherever `serve` runs."""
    candidates = [settings.yasgui_dir]
    if not settings.yasgui_dir.is_absolute():
        candidates += [root / settings.yasgui_dir for root in project_roots()]
    for build in candidates:
        if all((build / name).is_file() for name in EDITOR_FILES):
            return build.resolve()
    return None


def project_roots() -> list[Path]:
    """Where the package's source checkout is: beside this module for an editable install;
    for `pip install .`, the directory pip recorded (PEP 610's direct_url.json)."""
    roots = [Path(__file__).resolve().parent.parent]
    try:
        recorded = json.loads(metadata.distribution("newsgraph").read_text("direct_url.json")
                              or "{}")
    except (ValueError, OSError, metadata.PackageNotFoundError):
        return roots
    url = recorded.get("url", "") if isinstance(recorded, dict) else ""
    if url.startswith("file://"):
        roots.append(Path(unquote(urlsplit(url).path)))
    return roots


@bp.get("/editor")
def index():
    build = current_app.config.get("NEWSGRAPH_EDITOR")
    if build is None or "query" in request.args:
        return query_form(notice=build is None)
    examples = EXAMPLES
    settings = context.settings()
    response = make_response(render_template("editor.html", examples=examples,
                                             base_iri=settings.base_iri))
    # YASGUI sets inline styles and draws icons from data: URLs; scripts stay 'self' only.
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:")
    return response


@bp.get("/vendor/yasgui/<name>")
def editor_file(name: str):
    build = current_app.config.get("NEWSGRAPH_EDITOR")
    if build is None or name not in EDITOR_FILES:
        abort(404)
    return send_from_directory(build, name, max_age=3600)


@bp.get("/prefixes.json")
def prefixes():
    """The vocabulary's prefixes, in prefix.cc's format, for the editor's completion."""
    return jsonify(PREFIXES)


@bp.get("/query")
def query_page():
    return query_form(notice=False)


def query_form(notice: bool) -> tuple[str, int]:
    settings = context.settings()
    query = request.args.get("query", "")
    result = error = None
    if query:
        if len(query) > settings.max_query_length:
            error = f"query over the limit of {settings.max_query_length:,} characters"
        elif nesting_depth(query) > MAX_NESTING:
            error = f"the query nests more than {MAX_NESTING} levels deep"
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
            except Unavailable as err:
                error = err.message
    examples = EXAMPLES
    try:
        graphs = int(context.pool().rows(
            "SELECT (COUNT(?g) AS ?n) WHERE { GRAPH ?g { ?g a ng:Article } }")[0]["n"]["value"])
    except (Unavailable, RuntimeError):
        graphs = None
    status = 400 if error else 200
    return render_template("home.html", query=query or examples[0][1], examples=examples,
                           result=result, error=error, graphs=graphs,
                           notice=notice), status


def _tabulate(body: bytes, media: str, limit: int) -> dict:
    if media == "text/turtle":
        return {"graph": body.decode("utf-8")}
    data = json.loads(body)
    if "boolean" in data:
        return {"boolean": data["boolean"]}
    names = data["head"]["vars"]
    bindings = data["results"]["bindings"]
    # An IRI cell links to its page (ours) or to itself (anyone else's).
    rows = [[(b.get(name, {}).get("value", ""), b.get(name, {}).get("type") == "uri")
             for name in names] for b in bindings[:limit]]
    return {"vars": names, "rows": rows, "truncated": len(bindings) > limit}
