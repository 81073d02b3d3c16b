"""The /sparql route: SPARQL 1.1 Protocol queries and the service description."""

from __future__ import annotations

from flask import Blueprint, Response, g, request, url_for
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from newsgraph.services import ServiceRefused, check_services
from newsgraph.sparqlprologue import explain
from newsgraph.store import StoreError, StoreGone
from newsgraph.updates import UpdateRefused, add_using, plan_update
from newsgraph.vocab import SD, VOID

from . import context
from .bodies import request_body
from .executor import Answer, Job, QueryTimeout, Unavailable
from .protocol import ProtocolError, QueryRequest, UpdateRequest, parse, reads_graph_data
from .results import NotAcceptable, graph_media, graph_response, plain
from .writes import WriteRefused, authorise, update_within, writer

bp = Blueprint("sparql", __name__)



@bp.route("/sparql", methods=["GET", "POST", "PUT", "DELETE", "PATCH"])
def sparql() -> Response:
    settings = context.settings()
    try:
        operation = parse(request.method, request.args, request.mimetype,
                          dict(request.mimetype_params), request_body(settings.max_body_bytes),
                          settings.max_query_length)
    except ProtocolError as err:
        return plain(err.status, err.message)
    if operation is None:
        return service_description()
    if isinstance(operation, UpdateRequest):
        return run_update(operation)
    try:
        check_services(operation.query, settings.service_allowlist, base_iri=request.base_url)
    except ServiceRefused as err:
        return plain(400, str(err))
    try:
        missing = missing_graphs(operation)
    except RuntimeError as err:
        return plain(503, f"could not check the dataset's graphs: {err}")
    if missing and reads_graph_data(operation.query):
        names = ", ".join(f"<{name}>" for name in missing)
        return plain(400, f"this endpoint does not fetch graphs from URLs, and {names} "
                     f"{'is' if len(missing) == 1 else 'are'} not in its store: "
                     "default-graph-uri and named-graph-uri name graphs the store holds (the "
                     "service description lists them). Fetching would let any client make the "
                     "server request any address")
    job = Job(operation.query, operation.default_graphs, operation.named_graphs,
              request.base_url, request.headers.get("Accept", ""), request.args.get("format"))
    answer = run_logged(job)
    if answer.status != 200:
        return plain(answer.status, answer.body)
    charset = "; charset=utf-8" if answer.media.startswith("text/") else ""
    return Response(answer.body, status=200, content_type=answer.media + charset,
                    headers={"Vary": "Accept"})


def missing_graphs(operation: QueryRequest) -> list[str]:
    """The graphs a request's dataset names that the store does not hold."""
    wanted = set(operation.default_graphs or ()) | set(operation.named_graphs or ())
    if not wanted:
        return []
    values = " ".join(f"<{name}>" for name in sorted(wanted))
    rows = context.pool().rows(f"SELECT ?g WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ }} }}")
    return sorted(wanted - {r["g"]["value"] for r in rows})


def run_update(operation: UpdateRequest) -> Response:
    """SPARQL Update, when enabled and authorised: through the one writer, merged graph kept."""
    settings = context.settings()
    try:
        authorise(settings)
        check_services(operation.update, settings.service_allowlist, update=True,
                       base_iri=request.base_url)
        text = add_using(operation.update, operation.using, operation.using_named)
        plan = plan_update(text, request.base_url)
    except WriteRefused as err:
        return err.response()
    except ServiceRefused as err:
        return plain(400, str(err))
    except UpdateRefused as err:
        return plain(err.status, str(err))
    try:
        if settings.remote:
            # The remote engine runs it, within the connection's timeout.
            with writer(settings) as store:
                store.update(text, plan, base_iri=request.base_url)
        else:
            update_within(settings, text, plan, request.base_url, settings.query_timeout)
    except WriteRefused as err:
        return err.response()
    except SyntaxError as err:
        return plain(400, f"malformed update: {explain(text, str(err), update=True)}")
    except StoreGone as err:
        return plain(503, f"{err}; try again later")
    except (StoreError, ValueError) as err:
        return plain(400, f"update failed: {err}")
    g.query_log = {"update_chars": len(operation.update)}
    return Response(status=204)


def run_logged(job: Job) -> Answer:
    """Run a job on the pool; a timeout or a busy pool becomes a 503 answer. What the
    engine did goes into the request's log line (app.py)."""
    settings = context.settings()
    try:
        answer = context.pool().run(job)
    except Unavailable as err:
        # Answered by the app's handler, with Retry-After where there is one.
        g.query_log = {"query_chars": len(job.query), "stopped": type(err).__name__}
        if isinstance(err, QueryTimeout):
            err.message = (f"query stopped after the time limit of {settings.query_timeout:g} "
                           "s; narrow it or add a LIMIT")
        raise
    g.query_log = {"engine_seconds": round(answer.seconds, 4), "query_chars": len(job.query),
                   "snapshot": answer.snapshot}
    return answer


def service_description() -> Response:
    """SPARQL 1.1 Service Description of this endpoint, content-negotiated."""
    try:
        media = graph_media(request.accept_mimetypes, request.args.get("format"))
    except NotAcceptable as err:
        return plain(406, str(err))
    endpoint = URIRef(url_for("sparql.sparql", _external=True))
    settings = context.settings()
    try:
        size = context.pool().rows("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        names = context.pool().rows("SELECT DISTINCT ?g WHERE { GRAPH ?g { } } ORDER BY ?g")
    except RuntimeError as err:
        return plain(503, f"cannot describe the dataset now: {err}")
    description = Graph()
    description.bind("sd", SD)
    description.bind("void", VOID)
    service = BNode()
    description.add((service, RDF.type, SD.Service))
    description.add((service, SD.endpoint, endpoint))
    description.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if settings.enable_update:
        description.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    description.add((service, SD.feature, SD.UnionDefaultGraph))
    if settings.service_allowlist:
        description.add((service, SD.feature, SD.BasicFederatedQuery))
    for media_type in ("application/sparql-results+json", "application/sparql-results+xml",
                       "text/csv", "text/tab-separated-values", "text/turtle",
                       "application/ld+json", "application/n-triples", "application/rdf+xml"):
        description.add((service, SD.resultFormat, URIRef(_format_iri(media_type))))
    dataset = BNode()
    default_graph = BNode()
    description.add((service, SD.defaultDataset, dataset))
    description.add((dataset, RDF.type, SD.Dataset))
    description.add((dataset, SD.defaultGraph, default_graph))
    description.add((default_graph, RDF.type, SD.Graph))
    description.add((default_graph, VOID.triples, Literal(int(size[0]["n"]["value"]),
                                                datatype=XSD.integer)))
    for row in names:
        named = BNode()
        description.add((dataset, SD.namedGraph, named))
        description.add((named, RDF.type, SD.NamedGraph))
        description.add((named, SD.name, URIRef(row["g"]["value"])))
    return graph_response(description, media)


def _format_iri(media_type: str) -> str:
    names = {
        "application/sparql-results+json": "SPARQL_Results_JSON",
        "application/sparql-results+xml": "SPARQL_Results_XML",
        "text/csv": "SPARQL_Results_CSV", "text/tab-separated-values": "SPARQL_Results_TSV",
        "text/turtle": "Turtle", "application/ld+json": "JSON-LD",
        "application/n-triples": "N-Triples", "application/rdf+xml": "RDF_XML",
    }
    return "http://www.w3.org/ns/formats/" + names[media_type]
