"""The dataset's VoID description, computed from the store.

Counts come from the merged default graph, where each triple is counted once
however many articles state it.
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, XSD

from . import iri
from .vocab import NG, ONTOLOGY_IRI, PREFIXES, SD, VOID, WD, sparql_prologue

Rows = Callable[[str], list[dict[str, dict]]]  # a SELECT query -> SPARQL JSON bindings

WIKIDATA_DATASET = URIRef("http://www.wikidata.org/")
WIKIDATA_SPARQL = URIRef("https://query.wikidata.org/sparql")

_COUNTS = """
SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) WHERE { ?s ?p ?o }"""
_CLASSES = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY ?class"""
_ARTICLES = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a ng:Article }"
_ENTITIES = """
SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), "%s")) }"""
_PROPERTIES = """
SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p"""
_GRAPHS = """
SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g LIMIT %d"""
# Past this many, the article graphs are counted, not listed (the service description
# lists every graph name).
GRAPHS_LISTED = 1000
_LINKS = """
SELECT ?method (COUNT(*) AS ?n) WHERE {
  ?s owl:sameAs ?item . FILTER(STRSTARTS(STR(?item), "%s"))
  OPTIONAL { ?s ng:linkMethod ?m } BIND(COALESCE(?m, "unrecorded") AS ?method)
} GROUP BY ?method"""
_EXAMPLES = """
SELECT ?class (MIN(STR(?s)) AS ?example) WHERE {
  VALUES ?class { ng:Article ng:Person ng:State ng:Statement ng:Deployment }
  ?s a ?class } GROUP BY ?class"""


def void_description(rows: Rows, base: str, endpoint_url: str) -> Graph:
    """VoID of the dataset: size, class partitions, articles and the Wikidata linkset."""
    g = Graph()
    for prefix in ("ng", "owl", "dcterms", "xsd"):
        g.bind(prefix, PREFIXES[prefix])
    g.bind("void", VOID)
    g.bind("sd", SD)
    dataset = URIRef(iri.dataset(base))
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, DCTERMS.title, Literal("newsgraph: actors, statements and military "
                                           "deployments read from news articles", lang="en")))
    g.add((dataset, VOID.sparqlEndpoint, URIRef(endpoint_url)))
    g.add((dataset, VOID.uriSpace, Literal(base)))
    g.add((dataset, VOID.vocabulary, URIRef(str(NG))))
    g.add((dataset, DCTERMS.conformsTo, URIRef(ONTOLOGY_IRI)))

    row = rows(_COUNTS)[0]
    g.add((dataset, VOID.triples, _int(row["triples"]["value"])))
    g.add((dataset, VOID.distinctSubjects, _int(row["subjects"]["value"])))
    articles = rows(sparql_prologue() + _ARTICLES)[0]["n"]["value"]
    g.add((dataset, VOID.documents, _int(articles)))
    g.add((dataset, VOID.entities, _int(rows(_ENTITIES % base)[0]["n"]["value"])))
    classes = rows(_CLASSES)
    g.add((dataset, VOID.classes, _int(len(classes))))
    for row in classes:
        part = URIRef(f"{iri.dataset(base)}/class/{_short(row['class']['value'])}")
        g.add((dataset, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(row["class"]["value"])))
        g.add((part, VOID.entities, _int(row["n"]["value"])))
    properties = rows(_PROPERTIES)
    g.add((dataset, VOID.properties, _int(len(properties))))
    for row in properties:
        part = URIRef(f"{iri.dataset(base)}/property/{_short(row['p']['value'])}")
        g.add((dataset, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(row["p"]["value"])))
        g.add((part, VOID.triples, _int(row["n"]["value"])))
    for row in rows(_GRAPHS % GRAPHS_LISTED):
        # Each article's named graph is a subset of the dataset.
        graph = URIRef(row["g"]["value"])
        part = URIRef(f"{iri.dataset(base)}/graph/{iri.slug(row['g']['value'])}")
        g.add((dataset, VOID.subset, part))
        g.add((part, RDF.type, VOID.Dataset))
        g.add((part, SD.name, graph))
        g.add((part, VOID.triples, _int(row["n"]["value"])))
    for row in rows(sparql_prologue() + _EXAMPLES):
        g.add((dataset, VOID.exampleResource, URIRef(row["example"]["value"])))

    linkset = URIRef(iri.wikidata_linkset(base))
    counts = {row["method"]["value"]: int(row["n"]["value"])
              for row in rows(sparql_prologue() + _LINKS % WD)}
    g.add((dataset, VOID.subset, linkset))
    g.add((linkset, RDF.type, VOID.Linkset))
    g.add((linkset, VOID.linkPredicate, OWL.sameAs))
    g.add((linkset, VOID.subjectsTarget, dataset))
    g.add((linkset, VOID.objectsTarget, WIKIDATA_DATASET))
    g.add((linkset, VOID.triples, _int(sum(counts.values()))))
    parts = ", ".join(f"{n} {method}" for method, n in sorted(counts.items()))
    g.add((linkset, DCTERMS.description, Literal(
        f"owl:sameAs links to Wikidata items by ng:linkMethod: {parts or 'none'}", lang="en")))
    g.add((WIKIDATA_DATASET, RDF.type, VOID.Dataset))
    g.add((WIKIDATA_DATASET, DCTERMS.title, Literal("Wikidata", lang="en")))
    g.add((WIKIDATA_DATASET, VOID.uriSpace, Literal(str(WD))))
    g.add((WIKIDATA_DATASET, VOID.sparqlEndpoint, WIKIDATA_SPARQL))
    return g


def _short(class_iri: str) -> str:
    """A readable path segment for a class: "ng-person" for ng:Person."""
    for prefix, namespace in PREFIXES.items():
        if class_iri.startswith(namespace):
            return iri.slug(f"{prefix}-{class_iri[len(namespace):]}")
    return iri.slug(class_iri)


def _int(value: str | int) -> Literal:
    return Literal(int(value), datatype=XSD.integer)
