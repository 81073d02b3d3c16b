"""The ontology and the shapes, served at their IRIs' paths as HTML and as RDF.

Both are documents (information resources), so they are content-negotiated in
place, with ``Vary: Accept``; ``.ttl`` and ``.html`` name one form directly.
The ontology's terms are hash IRIs (``ontology#Person``), so each term is an
anchor of the HTML page.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, current_app, render_template, request
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from newsgraph import ontology, shapes
from newsgraph.vocab import NG, ONTOLOGY_IRI, SH

from .results import GRAPH_NAMES, GRAPH_TYPES, RDFLIB_FORMATS, NotAcceptable, choose, plain

bp = Blueprint("vocabulary", __name__)
VOCAB_KEY = "newsgraph.vocabulary"
SHAPES_IRI = "https://w3id.org/newsgraph/shapes"
OFFERED = {"text/html": None, **GRAPH_TYPES}


@dataclass(frozen=True)
class Vocabulary:
    ontology: Graph
    shapes: Graph
    ontology_text: bytes
    shapes_text: bytes

    @classmethod
    def load(cls) -> Vocabulary:
        o_text, s_text = ontology.path().read_bytes(), shapes.path().read_bytes()
        return cls(Graph().parse(data=o_text, format="turtle"),
                   Graph().parse(data=s_text, format="turtle"), o_text, s_text)


def _vocabulary() -> Vocabulary:
    return current_app.extensions[VOCAB_KEY]


@bp.get("/ontology", defaults={"ext": None})
@bp.get("/ontology.<ext>")
def ontology_doc(ext: str | None) -> Response:
    v = _vocabulary()
    return _negotiate(ext, v.ontology, v.ontology_text,
                      lambda: render_template("ontology.html", **_terms(v.ontology),
                                              iri=ONTOLOGY_IRI))


@bp.get("/shapes", defaults={"ext": None})
@bp.get("/shapes.<ext>")
def shapes_doc(ext: str | None) -> Response:
    v = _vocabulary()
    return _negotiate(ext, v.shapes, v.shapes_text,
                      lambda: render_template("shapes.html", shapes=_shapes(v.shapes),
                                              iri=SHAPES_IRI))


def _negotiate(ext: str | None, graph: Graph, turtle: bytes, html) -> Response:
    names = {"html": "text/html", **GRAPH_NAMES}
    if ext is not None:
        media = names.get(ext)
        if media is None:
            return plain(404, f"no .{ext} form; try .html, .ttl, .nt, .jsonld or .rdf")
    else:
        try:
            media = choose(request.accept_mimetypes, OFFERED, "text/html",
                           request.args.get("format"), names)
        except NotAcceptable as err:
            return plain(406, str(err))
    if media == "text/html":
        response = Response(html(), mimetype="text/html")
    elif media in ("text/turtle", "application/x-turtle"):
        response = Response(turtle, content_type="text/turtle; charset=utf-8")
    else:
        response = Response(graph.serialize(format=RDFLIB_FORMATS[media], encoding="utf-8"),
                            content_type=media)
    response.headers["Vary"] = "Accept"
    return response


def _label(g: Graph, term) -> str:
    return str(g.value(term, RDFS.label) or str(term).rsplit("#", 1)[-1])


def _terms(g: Graph) -> dict:
    def describe(term) -> dict:
        return {"id": str(term).rsplit("#", 1)[-1], "iri": str(term), "label": _label(g, term),
                "comment": str(g.value(term, RDFS.comment) or ""),
                "types": sorted(str(t) for t in g.objects(term, RDF.type)),
                "parents": sorted(str(p) for p in g.objects(term, RDFS.subClassOf)
                                  if isinstance(p, URIRef))
                + sorted(str(p) for p in g.objects(term, RDFS.subPropertyOf)),
                "domain": sorted(str(d) for d in g.objects(term, RDFS.domain)),
                "range": sorted(str(r) for r in g.objects(term, RDFS.range))}

    def ours(kind) -> list[dict]:
        return [describe(t) for t in sorted(set(g.subjects(RDF.type, kind)))
                if str(t).startswith(str(NG))]

    return {"title": str(g.value(URIRef(ONTOLOGY_IRI), RDFS.label) or "newsgraph ontology"),
            "comment": str(g.value(URIRef(ONTOLOGY_IRI), RDFS.comment) or ""),
            "classes": ours(OWL.Class),
            "properties": ours(OWL.ObjectProperty) + ours(OWL.DatatypeProperty),
            "individuals": ours(OWL.NamedIndividual)}


def _shapes(g: Graph) -> list[dict]:
    out = []
    for shape in sorted(set(g.subjects(RDF.type, SH.NodeShape)), key=str):
        targets = [f"{p.rsplit('#', 1)[-1]} {o}" for p in (SH.targetClass, SH.targetSubjectsOf,
                                                              SH.targetObjectsOf, SH.targetNode)
                   for o in g.objects(shape, p)]
        props = []
        for prop in g.objects(shape, SH.property):
            props.append({"path": str(g.value(prop, SH.path) or ""),
                          "message": str(g.value(prop, SH.message) or "")})
        out.append({"id": str(shape).rsplit("#", 1)[-1], "iri": str(shape), "targets": targets,
                    "message": str(g.value(shape, SH.message) or ""),
                    "properties": sorted(props, key=lambda p: p["path"])})
    return out
