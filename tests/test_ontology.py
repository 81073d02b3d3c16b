"""The ontology defines every term of the data-model contract, each with label and comment."""

from __future__ import annotations

import re

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS

from newsgraph.ontology import path as ontology_path
from newsgraph.vocab import NG

from .conftest import SHARED

CONTRACT_TERMS = {
    "Article", "Actor", "Person", "Organization", "State", "ArmedGroup", "Place", "Statement",
    "Deployment", "speaker", "quote", "statementKind", "source", "evidence", "deployer",
    "destination", "personnelCount", "countQualifier", "status", "reportedBy", "role",
    "statedOn", "addressee", "location", "unit", "linkMethod", "linkScore", "Direct", "Partial",
    "Indirect", "Exact", "About", "MoreThan", "AtLeast", "UpTo", "Confirmed", "Reported",
    "Planned", "Denied",
}


def load() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


def test_every_contract_term_is_defined_with_label_and_comment():
    g = load()
    for term in CONTRACT_TERMS:
        node = NG[term]
        assert (node, RDF.type, None) in g, term
        assert g.value(node, RDFS.label) is not None, term
        assert g.value(node, RDFS.comment) is not None, term


def test_the_data_model_page_names_no_term_the_ontology_lacks():
    page = SHARED / "design" / "DATA-MODEL.md"
    if not page.exists():
        return
    used = set(re.findall(r"\bng:([A-Za-z]+)", page.read_text(encoding="utf-8")))
    g = load()
    missing = {t for t in used if (NG[t], RDF.type, None) not in g}
    assert not missing


def test_classes_and_properties_have_domains_ranges_and_alignments():
    g = load()
    for prop in g.subjects(RDF.type, OWL.ObjectProperty):
        assert (prop, RDFS.range, None) in g or (prop, RDFS.domain, None) in g, prop
    aligned = {str(o) for o in g.objects(None, RDFS.subClassOf)} | {
        str(o) for o in g.objects(None, RDFS.subPropertyOf)}
    for ns in ("https://schema.org/", "http://www.w3.org/ns/prov#",
               "http://semanticweb.cs.vu.nl/2009/11/sem/", "http://www.w3.org/ns/oa#"):
        assert any(a.startswith(ns) for a in aligned), ns
    close = {str(o) for o in g.objects(None, g.namespace_manager.expand_curie("skos:closeMatch"))}
    assert any(c.startswith("http://www.wikidata.org/entity/Q") for c in close)
