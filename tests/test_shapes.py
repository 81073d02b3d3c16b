"""The shapes accept what the loader produces and reject each kind of broken graph."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from newsgraph.loader.inputs import read_articles
from newsgraph.loader.mapping import to_graph
from newsgraph.vocab import NG, OA, SCHEMA

from .conftest import BASE, SAMPLES

EX = "https://w3id.org/newsgraph/id/"
ARTICLE = URIRef(EX + "article/t")
SPEAKER = URIRef(EX + "actor/jane-doe")
STATEMENT = URIRef(EX + "article/t/statement/0-5")
SELECTOR = URIRef(str(STATEMENT) + "#evidence")
DEPLOYMENT = URIRef(EX + "article/t/deployment/0-5-0")
STATE = URIRef(EX + "actor/utopia")


def good_graph() -> Graph:
    g = Graph()
    g.add((ARTICLE, RDF.type, NG.Article))
    g.add((ARTICLE, URIRef("http://purl.org/dc/terms/identifier"), Literal("t")))
    g.add((ARTICLE, SCHEMA.articleBody, Literal("Hello world, said Jane Doe.")))
    g.add((SPEAKER, RDF.type, NG.Actor))
    g.add((SPEAKER, RDF.type, NG.Person))
    g.add((SPEAKER, RDFS.label, Literal("Jane Doe")))
    g.add((STATE, RDF.type, NG.Actor))
    g.add((STATE, RDF.type, NG.State))
    g.add((STATE, RDFS.label, Literal("Utopia")))
    g.add((STATE, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q1")))
    g.add((STATE, NG.linkMethod, Literal("gazetteer")))
    g.add((STATEMENT, RDF.type, NG.Statement))
    g.add((STATEMENT, NG.speaker, SPEAKER))
    g.add((STATEMENT, NG.quote, Literal("Hello")))
    g.add((STATEMENT, NG.statementKind, NG.Direct))
    g.add((STATEMENT, NG.source, ARTICLE))
    g.add((STATEMENT, NG.evidence, SELECTOR))
    g.add((SELECTOR, RDF.type, OA.TextPositionSelector))
    g.add((SELECTOR, OA.start, Literal(0, datatype=XSD.integer)))
    g.add((SELECTOR, OA.end, Literal(5, datatype=XSD.integer)))
    g.add((DEPLOYMENT, RDF.type, NG.Deployment))
    g.add((DEPLOYMENT, NG.deployer, STATE))
    g.add((DEPLOYMENT, NG.destination, STATE))
    g.add((DEPLOYMENT, NG.status, NG.Reported))
    g.add((DEPLOYMENT, NG.source, ARTICLE))
    g.add((DEPLOYMENT, NG.evidence, SELECTOR))
    return g


def test_hand_made_good_graph_conforms(validator):
    report = validator.validate(good_graph())
    assert report.conforms, report.findings


def test_loader_output_conforms(extractor, validator):
    for extraction in extractor.pipe(list(read_articles([SAMPLES]))):
        report = validator.validate(to_graph(extraction, BASE))
        assert report.conforms, report.findings


def _set(g, s, p, o):
    g.remove((s, p, None))
    if o is not None:
        g.add((s, p, o))
    return g


BROKEN = {
    "min count: statement without speaker": lambda g: _set(g, STATEMENT, NG.speaker, None),
    "max count: two quotes": lambda g: g.add((STATEMENT, NG.quote, Literal("world"))),
    "datatype: quote as integer": lambda g: _set(g, STATEMENT, NG.quote, Literal(5)),
    "datatype: published not a date": lambda g: g.add((ARTICLE, SCHEMA.datePublished,
                                                        Literal("yesterday"))),
    "class: speaker is not an actor": lambda g: _set(g, STATEMENT, NG.speaker, ARTICLE),
    "in: unknown statement kind": lambda g: _set(g, STATEMENT, NG.statementKind, NG.Loud),
    "in: unknown status": lambda g: _set(g, DEPLOYMENT, NG.status, NG.Rumoured),
    "in: unknown qualifier": lambda g: g.add((DEPLOYMENT, NG.countQualifier, NG.Lots)),
    "min inclusive: zero personnel": lambda g: g.add((DEPLOYMENT, NG.personnelCount,
                                                       Literal(0))),
    "pattern: sameAs not Wikidata": lambda g: g.add((SPEAKER, OWL.sameAs,
                                                      URIRef("http://dbpedia.org/resource/X"))),
    "link: sameAs without its method": lambda g: g.remove((STATE, NG.linkMethod, None)),
    "link: gazetteer link with a score": lambda g: g.add((STATE, NG.linkScore,
                                                          Literal("0.9", datatype=XSD.decimal))),
    "link: reconciled link without a score": lambda g: _set(g, STATE, NG.linkMethod,
                                                            Literal("reconciled")),
    "link: two Wikidata items": lambda g: g.add((STATE, OWL.sameAs,
                                                 URIRef("http://www.wikidata.org/entity/Q2"))),
    "less than: start after end": lambda g: _set(g, SELECTOR, OA.start, Literal(9)),
    "min inclusive: negative start": lambda g: _set(g, SELECTOR, OA.start, Literal(-1)),
    "one label per actor": lambda g: g.add((SPEAKER, RDFS.label, Literal("J. Doe"))),
    "qualified count: actor of two kinds": lambda g: g.add((SPEAKER, RDF.type, NG.State)),
    "qualified count: actor of no kind": lambda g: g.remove((SPEAKER, RDF.type, NG.Person)),
    "SPARQL: speaker not described in the graph": lambda g: g.remove((SPEAKER, RDFS.label,
                                                                      None)),
    "SPARQL: quote not at its offsets": lambda g: _set(g, STATEMENT, NG.quote,
                                                       Literal("Goodbye")),
    "SPARQL: evidence ends past the body": lambda g: _set(g, SELECTOR, OA.end, Literal(400)),
    "SPARQL: exact is not the text at the offsets": lambda g: g.add((SELECTOR, OA.exact,
                                                                     Literal("Howdy"))),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_kind_of_constraint_rejects(validator, case):
    g = good_graph()
    BROKEN[case](g)
    report = validator.validate(g)
    assert not report.conforms, case
    assert report.findings and all(f.message for f in report.findings)


def _reconciled(score: Literal | None) -> Graph:
    # The reconciled-links graph states links with no rdf:type: the shapes still apply.
    g = Graph()
    g.add((SPEAKER, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q42")))
    g.add((SPEAKER, NG.linkMethod, Literal("reconciled")))
    if score is not None:
        g.add((SPEAKER, NG.linkScore, score))
    return g


def test_an_untyped_reconciled_links_graph_is_validated(validator):
    assert validator.validate(_reconciled(Literal("0.9", datatype=XSD.decimal))).conforms
    assert not validator.validate(_reconciled(None)).conforms
    assert not validator.validate(_reconciled(Literal("1.5", datatype=XSD.decimal))).conforms


def _deployment_only(g: Graph) -> Graph:
    # The statement gone, the selector is the deployment's alone.
    for triple in list(g.triples((STATEMENT, None, None))):
        g.remove(triple)
    return g


@pytest.mark.parametrize("breaks, words", [
    (lambda g: _set(g, SELECTOR, OA.end, Literal(28)), "does not lie inside the article body"),
    (lambda g: g.add((SELECTOR, OA.exact, Literal("Hullo"))), "oa:exact of the evidence"),
])
def test_a_deployments_selector_is_checked_as_a_statements_is(validator, breaks, words):
    g = _deployment_only(good_graph())
    assert validator.validate(g).conforms
    breaks(g)
    report = validator.validate(g)
    assert not report.conforms
    assert any(words in f.message and f.value == str(DEPLOYMENT) for f in report.findings)
    g = _deployment_only(good_graph())
    g.add((SELECTOR, OA.exact, Literal("Hello")))  # the text at 0..5: conforms
    assert validator.validate(g).conforms


SHARED_SHAPE = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .
ex:NameRequired a sh:PropertyShape ; sh:path ex:name ; sh:minCount 1 .
ex:ByClass a sh:NodeShape ; sh:targetClass ex:Ship ; sh:property ex:NameRequired .
ex:ByNode a sh:NodeShape ; sh:targetNode ex:ferry ; sh:property ex:NameRequired .
ex:Crewed a sh:NodeShape ; sh:targetClass ex:Ship ;
    sh:property [ sh:path ex:captain ; sh:node ex:Named ] .
ex:Named a sh:NodeShape ; sh:property ex:NameRequired .
"""
SHIPS = """
@prefix ex: <https://example.org/> .
ex:ferry a ex:Ship ; ex:captain ex:anna .
"""


def test_results_are_counted_as_shacl_counts_them(tmp_path):
    from newsgraph.validation import ShapesValidator

    (tmp_path / "shapes.ttl").write_text(SHARED_SHAPE)
    validator = ShapesValidator.from_path(tmp_path / "shapes.ttl")
    data = Graph().parse(data=SHIPS, format="turtle")
    report = validator.validate(data)
    # ex:ferry lacks a name for ex:ByClass and again for ex:ByNode (one shared property
    # shape, two results), and ex:Crewed finds its captain unnamed: one result, whose
    # sh:detail (the captain's own missing name) is not a result of its own.
    assert sorted((f.focus.rsplit("/", 1)[-1], f.path.rsplit("/", 1)[-1])
                  for f in report.findings) == [("ferry", "captain"), ("ferry", "name"),
                                                ("ferry", "name")]
    assert validator.targets_anything(data)
    other = Graph().parse(data="<https://example.org/x> <https://example.org/p> 1 .",
                          format="turtle")
    assert not validator.targets_anything(other)
