"""Application factory: settings in, a Flask app out."""

from __future__ import annotations

import time
from collections.abc import Callable

from flask import Flask, Response, g, jsonify, request
from werkzeug.middleware.proxy_fix import ProxyFix

from newsgraph import backends
from newsgraph.config import Settings

from . import (
    browse,
    cache,
    claims,
    dataset,
    graphstore,
    home,
    pages,
    request_log,
    resources,
    search,
    sparql,
    vocabulary,
)
from .admission import Admission, Limits
from .cache import SnapshotRecorder
from .context import ADMISSION_KEY, CACHE_KEY, POOL_KEY, SETTINGS_KEY
from .executor import QueryPool, Runner, Unavailable
from .results import plain


def create_app(settings: Settings,
               pool_factory: Callable[[Settings], Runner] = QueryPool.from_settings) -> Flask:
    """A Flask app over the store the settings name (a directory or a remote store's URL).

    Queries are run by what ``pool_factory`` makes: executor processes that a timeout
    can kill (``QueryPool``), or ``executor.InlinePool`` to build an app with no
    processes (tests). ``close_app`` stops them.
    """
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.config[SETTINGS_KEY] = settings
    backends.check(settings)  # fail now, clearly, if there is no store
    # Each query's snapshot noted, so that the response cache keeps only answers made
    # from the snapshot they are kept for.
    app.extensions[POOL_KEY] = SnapshotRecorder(pool_factory(settings))
    app.extensions[ADMISSION_KEY] = Admission(Limits.from_settings(settings))
    app.config["NEWSGRAPH_EDITOR"] = home.editor_build(settings)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(home.bp)
    app.register_blueprint(browse.bp)
    app.register_blueprint(claims.bp)
    app.register_blueprint(search.bp)
    app.register_blueprint(dataset.bp)
    app.register_blueprint(graphstore.bp)
    app.register_blueprint(resources.bp)
    app.register_blueprint(vocabulary.bp)
    app.extensions[vocabulary.VOCAB_KEY] = vocabulary.Vocabulary.load()
    app.jinja_env.globals.update(local_url=resources.local_url, curie=resources.curie)
    app.jinja_env.filters["local_name"] = pages.local_name
    app.jinja_env.globals["plural"] = pages.plural
    app.jinja_env.globals["qualifier"] = claims.qualifier

    @app.get("/favicon.ico")
    def favicon() -> Response:
        return Response(status=204)

    @app.get("/health")
    def health() -> tuple[Response, int] | Response:
        pool = app.extensions[POOL_KEY]
        if pool.ready() == 0:
            response = jsonify(status="starting", reason=f"none of the {settings.query_workers}"
                               " query workers is ready yet: they are loading their modules "
                               "and opening the store")
            response.status_code = 503
            response.headers["Retry-After"] = "1"
            return response
        try:
            # Article graphs, as documented; the claim graphs beside them (newsgraph/claims).
            rows = app.extensions[POOL_KEY].rows(
                "SELECT (COUNT(?g) AS ?n) (COUNT(?c) AS ?claims) WHERE { "
                "{ GRAPH ?g { ?g a ng:Article } } UNION { GRAPH ?c { ?c a ng:Claim } } }",
                timeout=10)
        except (Unavailable, RuntimeError) as err:
            return jsonify(status="unavailable", reason=str(err)), 503
        return jsonify(status="ok", graphs=int(rows[0]["n"]["value"]),
                       claims=int(rows[0]["claims"]["value"]),
                       query_workers_ready=pool.ready()), 200

    @app.errorhandler(404)
    @app.errorhandler(405)
    @app.errorhandler(413)
    def http_error(err) -> Response:
        message = {
            404: f"nothing at {request.path}; the SPARQL endpoint is at /sparql",
            405: f"{request.method} is not allowed on {request.path}",
            413: f"request body over the limit of {settings.max_body_bytes:,} bytes",
        }[err.code]
        return plain(err.code, message)

    @app.errorhandler(500)
    def server_error(err) -> Response:
        # Flask has logged the exception; the client learns where, not how.
        return plain(500, f"the server failed on {request.path}: a fault of newsgraph, not "
                     "of the request; the server's log has the details")

    @app.errorhandler(Unavailable)
    def unavailable(err: Unavailable) -> Response:
        response = plain(err.status, err.message)
        if err.retry_after is not None:
            response.headers["Retry-After"] = str(err.retry_after)
        return response

    @app.before_request
    def clock() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def log_request(response: Response) -> Response:
        # Queries add the engine's time.
        request_log.write(request.environ, response.status_code,
                          g.get("started", time.perf_counter()),
                          response.calculate_content_length(), g.get("query_log", {}))
        return response

    @app.after_request
    def headers(response: Response) -> Response:
        # Open CORS for reads, without credentials (a public read-only endpoint); writes
        # need an Authorization header, which the preflight does not admit.
        response.headers.setdefault("Access-Control-Allow-Origin", "*")
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
            response.headers["Access-Control-Max-Age"] = "86400"
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if response.mimetype == "text/html":
            response.headers.setdefault("Content-Security-Policy", "default-src 'self'")
            response.headers.setdefault("X-Frame-Options", "DENY")
            response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    app.extensions[CACHE_KEY] = cache.install(app, settings)
    if settings.trusted_proxies:
        # The client is who the trusted proxies say it is, for the per-client budgets and
        # the log; outermost, so that the cache's answers are logged for that client too.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.trusted_proxies)
    return app


def close_app(app: Flask) -> None:
    """Stop the app's query executors (when a server worker exits)."""
    app.extensions[POOL_KEY].close()
