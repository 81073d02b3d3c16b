"""Application factory: settings and store in, a Flask app out."""

from __future__ import annotations

from flask import Flask, Response, jsonify, request

from newsgraph.config import Settings
from newsgraph.store import StoreReader

from . import dataset, home, sparql
from .context import SETTINGS_KEY, STORE_KEY


def create_app(settings: Settings, store: StoreReader | None = None) -> Flask:
    """A Flask app over ``store`` (opened from ``settings.store_path`` when not given)."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.config[SETTINGS_KEY] = settings
    app.extensions[STORE_KEY] = store if store is not None else StoreReader.open(
        settings.store_path)

    @app.before_request
    def newest_snapshot() -> None:
        # A load in another process publishes snapshots; each request reads the newest.
        app.extensions[STORE_KEY].refresh()
    app.register_blueprint(sparql.bp)
    app.register_blueprint(home.bp)
    app.register_blueprint(dataset.bp)

    @app.get("/health")
    def health() -> Response:
        return jsonify(status="ok", graphs=len(app.extensions[STORE_KEY].graph_names()))

    @app.errorhandler(404)
    @app.errorhandler(405)
    @app.errorhandler(413)
    def http_error(err) -> tuple[Response, int]:
        message = {
            404: f"nothing at {request.path}; the SPARQL endpoint is at /sparql",
            405: f"{request.method} is not allowed on {request.path}",
            413: f"request body over the limit of {settings.max_body_bytes:,} bytes",
        }[err.code]
        return Response(message + "\n", mimetype="text/plain"), err.code

    @app.after_request
    def headers(response: Response) -> Response:
        # Open CORS for reads, without credentials (a public read-only endpoint).
        response.headers.setdefault("Access-Control-Allow-Origin", "*")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if response.mimetype == "text/html":
            response.headers.setdefault("Content-Security-Policy", "default-src 'self'")
            response.headers.setdefault("X-Frame-Options", "DENY")
            response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    return app
