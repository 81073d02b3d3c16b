"""Every RDF namespace newsgraph uses, in one place.

The data model these terms make is described in ``docs/data-model.md``; the
ontology in ``ontology/newsgraph.ttl`` defines each ``ng:`` term named here.
"""

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

NG = Namespace("https://w3id.org/newsgraph/ontology#")
WD = Namespace("http://www.wikidata.org/entity/")
OA = Namespace("http://www.w3.org/ns/oa#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SH = Namespace("http://www.w3.org/ns/shacl#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")

ONTOLOGY_IRI = "https://w3id.org/newsgraph/ontology"
DEFAULT_BASE_IRI = "https://w3id.org/newsgraph/id/"

# Prefixes offered to serialisers and to users' queries.
PREFIXES: dict[str, str] = {
    "ng": str(NG),
    "wd": str(WD),
    "oa": str(OA),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "sem": str(SEM),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
}

ACTOR_CLASSES = {
    "Person": NG.Person,
    "Organization": NG.Organization,
    "State": NG.State,
    "ArmedGroup": NG.ArmedGroup,
}
STATEMENT_KINDS = {"direct": NG.Direct, "partial": NG.Partial, "indirect": NG.Indirect}
COUNT_QUALIFIERS = {
    "exact": NG.Exact,
    "about": NG.About,
    "more_than": NG.MoreThan,
    "at_least": NG.AtLeast,
    "up_to": NG.UpTo,
}
STATUSES = {
    "confirmed": NG.Confirmed,
    "reported": NG.Reported,
    "planned": NG.Planned,
    "denied": NG.Denied,
}


def sparql_prologue() -> str:
    """PREFIX declarations for every namespace above, for hand-written queries."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def new_graph(identifier: URIRef) -> Graph:
    """An empty graph named ``identifier`` with our prefixes only: rdflib's default set of
    thirty costs a fifth of the time an article's mapping takes."""
    g = Graph(identifier=identifier, bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g
