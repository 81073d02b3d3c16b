"""The ontology defines every term of the data-model contract, each with label and comment."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS

from newsgraph.ontology import path as ontology_path
from newsgraph.vocab import NG

from .conftest import REPO, SHARED

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


def terms_on(page: Path) -> set[str]:
    return set(re.findall(r"\bng:([A-Za-z]+)", page.read_text(encoding="utf-8")))


def test_the_data_model_pages_name_no_term_the_ontology_lacks():
    g = load()
    pages = [REPO / "docs" / "data-model.md", SHARED / "design" / "DATA-MODEL.md"]
    for page in (p for p in pages if p.exists()):
        missing = {t for t in terms_on(page) if (NG[t], RDF.type, None) not in g}
        assert not missing, (page, missing)


def test_the_projects_page_describes_every_term_of_the_shared_contract():
    shared = SHARED / "design" / "DATA-MODEL.md"
    if shared.exists():
        assert terms_on(shared) <= terms_on(REPO / "docs" / "data-model.md")


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
