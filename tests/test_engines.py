"""pyshacl-turbo, the default SHACL engine, gives pySHACL's results on newsgraph's graphs.

pySHACL is the reference. Both engines validate every dev article graph and broken
copies of them: ``BREAKS`` holds one way to violate each constraint of shapes/, and
a test checks that it does hold one for every constraint the shapes declare (a new
constraint without a way to break it fails here). Each broken copy must be rejected
by the reference with the constraint it names, and both engines must give the same
verdict and the same results: focus node, path, value, shape, constraint component
and message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from newsgraph.claims.graph import claim_graph
from newsgraph.claims.grouping import Report, claims
from newsgraph.loader.inputs import read_articles
from newsgraph.loader.mapping import to_graph
from newsgraph.validation import ShapesValidator
from newsgraph.vocab import NG, OA, SCHEMA, SH

from .conftest import BASE, DEV

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus/dev is not here")]

# The constraint components the shapes use, by the parameter that declares them.
COMPONENTS = {"minCount": "MinCount", "maxCount": "MaxCount", "datatype": "Datatype",
              "minLength": "MinLength", "nodeKind": "NodeKind", "pattern": "Pattern",
              "in": "In", "minInclusive": "MinInclusive", "maxInclusive": "MaxInclusive",
              "minExclusive": "MinExclusive", "lessThan": "LessThan", "class": "Class",
              "node": "Node", "or": "Or", "hasValue": "HasValue",
              "qualifiedMinCount": "QualifiedMinCount",
              "qualifiedMaxCount": "QualifiedMaxCount"}
ELSEWHERE = URIRef(BASE + "test/elsewhere")  # typed nothing, labelled nothing
DIGEST = "sha256:" + "0" * 64


# -- what the shapes declare -------------------------------------------------------------

def _alternatives(shapes: Graph) -> set:
    """Shapes that are alternatives (sh:or) or counted (sh:qualifiedValueShape): their
    constraints are reported as the enclosing shape's Or or Qualified... result."""
    inner = set(shapes.objects(None, SH.qualifiedValueShape))
    for members in shapes.objects(None, SH["or"]):
        inner |= set(Collection(shapes, members))
    frontier = list(inner)
    while frontier:
        for prop in shapes.objects(frontier.pop(), SH.property):
            if prop not in inner:
                inner.add(prop)
                frontier.append(prop)
    return inner


def shape_name(shapes: Graph, shape) -> str:
    """A named shape by its name; a blank property shape by its node shape and path."""
    if isinstance(shape, URIRef):
        return shapes.namespace_manager.curie(shape)
    parent = next(shapes.subjects(SH.property, shape))
    path = shapes.namespace_manager.curie(shapes.value(shape, SH.path))
    return f"{shape_name(shapes, parent)} {path}"


def declared(shapes: Graph) -> set[str]:
    """Every constraint of the shapes, as '<shape> <component>'."""
    inner = _alternatives(shapes)
    keys = set()
    for shape in set(shapes.subjects()) - inner:
        for parameter, component in COMPONENTS.items():
            if (shape, SH[parameter], None) in shapes:
                keys.add(f"{shape_name(shapes, shape)} {component}")
        for constraint in shapes.objects(shape, SH.sparql):
            keys.add(f"{shape_name(shapes, shape)} SPARQL {_sparql_name(shapes, constraint)}")
    return keys


def _sparql_name(shapes: Graph, constraint) -> str:
    return " ".join(str(shapes.value(constraint, SH.message)).split()[:4])


def reported(shapes: Graph, report: Graph) -> set[str]:
    """The constraints a report's results name, as ``declared`` names them."""
    keys = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(result, SH.sourceShape)
        component = str(report.value(result, SH.sourceConstraintComponent))
        component = component.rsplit("#", 1)[-1].removesuffix("ConstraintComponent")
        if component == "SPARQL":
            constraint = report.value(result, SH.sourceConstraint)
            component = f"SPARQL {_sparql_name(shapes, constraint)}"
        keys.add(f"{shape_name(shapes, shape)} {component}")
    return keys


# -- ways to break an article graph ------------------------------------------------------

def _first(g: Graph, cls: URIRef, having: URIRef | None = None):
    nodes = sorted(s for s in g.subjects(RDF.type, cls)
                   if having is None or (s, having, None) in g)
    return nodes[0] if nodes else None


NODES: dict[str, Callable[[Graph], object]] = {
    "article": lambda g: _first(g, NG.Article),
    "outlet": lambda g: _first(g, NG.Outlet),
    "statement": lambda g: _first(g, NG.Statement),
    "deployment": lambda g: _first(g, NG.Deployment),
    "person": lambda g: _first(g, NG.Person),
    "linked": lambda g: _first(g, NG.State, having=OWL.sameAs),
    "selector": lambda g: g.value(_first(g, NG.Statement), NG.evidence),
    "speaker": lambda g: g.value(_first(g, NG.Statement), NG.speaker),
    "state": lambda g: _first(g, NG.State),
    "claim": lambda g: _first(g, NG.Claim),
    "range": lambda g: _first(g, NG.SourceRange),
}


@dataclass(frozen=True)
class Break:
    """Change ``prop`` of the first ``node`` of a graph: ``drop`` its values, ``add`` one,
    or ``put`` one in their place. ``shows`` is what the reference reports when the
    constraint sits in a shape reached through sh:node (the enclosing Node result)."""

    node: str
    prop: URIRef
    drop: bool = False
    add: object = None
    put: object = None
    shows: str | None = None

    def apply(self, g: Graph) -> bool:
        node = NODES[self.node](g)
        if node is None:
            return False
        if self.drop or self.put is not None:
            g.remove((node, self.prop, None))
        for value in (self.add, self.put):
            value = value(g) if callable(value) else value
            if value is not None:
                g.add((node, self.prop, value))
        return True


def _lit(value, datatype=None) -> Literal:
    return Literal(value, datatype=datatype)


def _outlet(name: str) -> Callable[[Graph], URIRef]:
    def make(g: Graph) -> URIRef:
        outlet = URIRef(BASE + f"test/outlet-{name}")
        g.add((outlet, RDF.type, NG.Outlet))
        g.add((outlet, RDFS.label, _lit(f"Outlet {name}")))
        return outlet
    return make


def _state(g: Graph):
    return _first(g, NG.State)


def _other_actor(g: Graph):
    # An actor other than the deployment's deployer and destination.
    dep = _first(g, NG.Deployment)
    used = {g.value(dep, NG.deployer), g.value(dep, NG.destination)}
    return next((a for a in sorted(g.subjects(RDF.type, NG.Actor)) if a not in used), None)


SELECTOR = "ngsh:Evidence Node"  # a broken selector is a broken ng:evidence value
BREAKS: dict[str, Break] = {
    "ngsh:OneLabel MinCount": Break("outlet", RDFS.label, drop=True),
    "ngsh:OneLabel MaxCount": Break("outlet", RDFS.label, add=_lit("Another Name")),
    "ngsh:OneLabel Datatype": Break("outlet", RDFS.label, put=_lit(5)),
    "ngsh:OneLabel MinLength": Break("outlet", RDFS.label, put=_lit("")),
    "ngsh:AltLabels Datatype": Break("state", SKOS.altLabel, add=_lit(7)),
    "ngsh:AltLabels MinLength": Break("state", SKOS.altLabel, add=_lit("")),
    "ngsh:WikidataLink NodeKind": Break("linked", OWL.sameAs, put=_lit("Q5")),
    "ngsh:WikidataLink Pattern": Break("linked", OWL.sameAs,
                                       put=URIRef("http://example.org/entity/Q5")),
    "ngsh:LinkMethod In": Break("linked", NG.linkMethod, put=_lit("guessed")),
    "ngsh:LinkMethod MaxCount": Break("linked", NG.linkMethod, add=_lit("reconciled")),
    "ngsh:LinkScore Datatype": Break("linked", NG.linkScore, add=_lit("high")),
    "ngsh:LinkScore MaxCount": Break("person", NG.linkScore, add=lambda g: (
        g.add((_first(g, NG.Person), NG.linkScore, _lit("0.5", XSD.decimal))),
        _lit("0.6", XSD.decimal))[1]),
    "ngsh:LinkScore MinInclusive": Break("linked", NG.linkScore,
                                         add=_lit("-0.5", XSD.decimal)),
    "ngsh:LinkScore MaxInclusive": Break("linked", NG.linkScore,
                                         add=_lit("1.5", XSD.decimal)),
    "ngsh:Role Datatype": Break("person", NG.role, put=_lit(3)),
    "ngsh:Role MinLength": Break("person", NG.role, put=_lit("")),
    "ngsh:Source Class": Break("statement", NG.source, put=ELSEWHERE),
    "ngsh:Source MaxCount": Break("statement", NG.source, add=ELSEWHERE),
    "ngsh:Source MinCount": Break("statement", NG.source, drop=True),
    "ngsh:Evidence MaxCount": Break("statement", NG.evidence, add=lambda g: g.value(
        _first(g, NG.Statement, NG.evidence), NG.evidence) and sorted(
        g.objects(None, NG.evidence))[-1]),
    "ngsh:Evidence MinCount": Break("statement", NG.evidence, drop=True),
    "ngsh:Evidence Node": Break("statement", NG.evidence, put=ELSEWHERE),
    "ngsh:ActorValue Class": Break("statement", NG.speaker, put=ELSEWHERE,
                                   shows="ngsh:StatementShape ng:speaker Node"),
    "ngsh:ActorShape rdf:type QualifiedMinCount": Break("person", RDF.type, put=NG.Actor),
    "ngsh:ActorShape rdf:type QualifiedMaxCount": Break("person", RDF.type, add=NG.State),
    "ngsh:ArticleShape dcterms:identifier Datatype": Break("article", DCTERMS.identifier,
                                                           put=_lit(5)),
    "ngsh:ArticleShape dcterms:identifier MaxCount": Break("article", DCTERMS.identifier,
                                                           add=_lit("second-id")),
    "ngsh:ArticleShape dcterms:identifier MinCount": Break("article", DCTERMS.identifier,
                                                           drop=True),
    "ngsh:ArticleShape dcterms:identifier MinLength": Break("article", DCTERMS.identifier,
                                                            put=_lit("")),
    "ngsh:ArticleShape ng:extractionDigest Datatype": Break(
        "article", NG.extractionDigest, put=_lit(DIGEST, XSD.token)),
    "ngsh:ArticleShape ng:extractionDigest MaxCount": Break(
        "article", NG.extractionDigest, add=_lit("sha256:" + "1" * 64)),
    "ngsh:ArticleShape ng:extractionDigest Pattern": Break("article", NG.extractionDigest,
                                                           put=_lit("md5:0123")),
    "ngsh:ArticleShape schema:articleBody Datatype": Break(
        "article", SCHEMA.articleBody, add=lambda g: None, put=lambda g: _lit(
            str(g.value(_first(g, NG.Article), SCHEMA.articleBody)), XSD.normalizedString)),
    "ngsh:ArticleShape schema:articleBody MaxCount": Break("article", SCHEMA.articleBody,
                                                           add=_lit("A second body.")),
    "ngsh:ArticleShape schema:articleBody MinCount": Break("article", SCHEMA.articleBody,
                                                           drop=True),
    "ngsh:ArticleShape schema:datePublished Datatype": Break(
        "article", SCHEMA.datePublished, put=_lit("last Tuesday")),
    "ngsh:ArticleShape schema:datePublished MaxCount": Break(
        "article", SCHEMA.datePublished, put=_lit("2020-01-01", XSD.date),
        add=_lit("2020-01-02", XSD.date)),
    "ngsh:ArticleShape schema:author Datatype": Break("article", SCHEMA.author, put=_lit(7)),
    "ngsh:ArticleShape schema:author MaxCount": Break(
        "article", SCHEMA.author, put=_lit("A. Writer"), add=_lit("B. Writer")),
    "ngsh:ArticleShape schema:inLanguage Datatype": Break("article", SCHEMA.inLanguage,
                                                          put=_lit(3)),
    "ngsh:ArticleShape schema:inLanguage MaxCount": Break(
        "article", SCHEMA.inLanguage, put=_lit("en"), add=_lit("fr")),
    "ngsh:ArticleShape schema:inLanguage Pattern": Break("article", SCHEMA.inLanguage,
                                                         put=_lit("English")),
    "ngsh:ArticleShape schema:headline Datatype": Break("article", SCHEMA.headline,
                                                        put=_lit(12)),
    "ngsh:ArticleShape schema:headline MaxCount": Break(
        "article", SCHEMA.headline, put=_lit("One headline"), add=_lit("Another headline")),
    "ngsh:ArticleShape schema:publisher Class": Break("article", SCHEMA.publisher,
                                                      put=ELSEWHERE),
    "ngsh:ArticleShape schema:publisher MaxCount": Break(
        "article", SCHEMA.publisher, put=_outlet("one"), add=_outlet("two")),
    "ngsh:ArticleShape schema:url MaxCount": Break(
        "article", SCHEMA.url, put=URIRef("https://news.example/a"),
        add=URIRef("https://news.example/b")),
    "ngsh:ArticleShape schema:url NodeKind": Break("article", SCHEMA.url,
                                                   put=_lit("https://news.example/a")),
    "ngsh:ArticleShape SPARQL speaker {?value} of a": Break(
        "speaker", RDFS.label, drop=True),
    "ngsh:ArticleShape SPARQL the evidence of {?value}": Break(
        "selector", OA.end, put=_lit(10_000_000)),
    "ngsh:ArticleShape SPARQL the oa:exact of the": Break(
        "selector", OA.exact, put=_lit("words nobody wrote")),
    "ngsh:ArticleShape SPARQL the quote of statement": Break(
        "statement", NG.quote, put=_lit("words nobody wrote")),
    "ngsh:DeploymentShape ng:countQualifier In": Break("deployment", NG.countQualifier,
                                                       put=NG.Roughly),
    "ngsh:DeploymentShape ng:countQualifier MaxCount": Break(
        "deployment", NG.countQualifier, put=NG.Exact, add=NG.About),
    "ngsh:DeploymentShape ng:deployer MaxCount": Break("deployment", NG.deployer,
                                                       add=_other_actor),
    "ngsh:DeploymentShape ng:deployer MinCount": Break("deployment", NG.deployer, drop=True),
    "ngsh:DeploymentShape ng:deployer Node": Break("deployment", NG.deployer, put=ELSEWHERE),
    "ngsh:DeploymentShape ng:destination MaxCount": Break("deployment", NG.destination,
                                                          add=_other_actor),
    "ngsh:DeploymentShape ng:destination MinCount": Break("deployment", NG.destination,
                                                          drop=True),
    "ngsh:DeploymentShape ng:destination Or": Break("deployment", NG.destination,
                                                    put=ELSEWHERE),
    "ngsh:DeploymentShape ng:location Class": Break("deployment", NG.location, add=ELSEWHERE),
    "ngsh:DeploymentShape ng:personnelCount Datatype": Break(
        "deployment", NG.personnelCount, put=_lit("hundreds")),
    "ngsh:DeploymentShape ng:personnelCount MaxCount": Break(
        "deployment", NG.personnelCount, put=_lit(100), add=_lit(200)),
    "ngsh:DeploymentShape ng:personnelCount MinInclusive": Break(
        "deployment", NG.personnelCount, put=_lit(0)),
    "ngsh:DeploymentShape ng:reportedBy MaxCount": Break(
        "deployment", NG.reportedBy, put=_state, add=_other_actor),
    "ngsh:DeploymentShape ng:reportedBy Node": Break("deployment", NG.reportedBy,
                                                     put=ELSEWHERE),
    "ngsh:DeploymentShape ng:status In": Break("deployment", NG.status, put=NG.Rumoured),
    "ngsh:DeploymentShape ng:status MaxCount": Break("deployment", NG.status,
                                                     put=NG.Confirmed, add=NG.Denied),
    "ngsh:DeploymentShape ng:status MinCount": Break("deployment", NG.status, drop=True),
    "ngsh:DeploymentShape ng:unit Datatype": Break("deployment", NG.unit, put=_lit(3)),
    "ngsh:DeploymentShape ng:unit MaxCount": Break("deployment", NG.unit,
                                                   put=_lit("troops"), add=_lit("sailors")),
    "ngsh:LinkRecordShape Or": Break("linked", NG.linkScore, add=_lit("0.5", XSD.decimal)),
    "ngsh:LinkRecordShape ng:linkMethod MinCount": Break("linked", NG.linkMethod, drop=True),
    "ngsh:LinkRecordShape owl:sameAs MaxCount": Break(
        "linked", OWL.sameAs, add=URIRef("http://www.wikidata.org/entity/Q999999999")),
    "ngsh:LinkRecordShape owl:sameAs MinCount": Break("linked", OWL.sameAs, drop=True),
    "ngsh:SelectorShape Class": Break("selector", RDF.type, drop=True, shows=SELECTOR),
    "ngsh:SelectorShape oa:end Datatype": Break("selector", OA.end, put=lambda g: _lit(
        str(g.value(NODES["selector"](g), OA.end))), shows=SELECTOR),
    "ngsh:SelectorShape oa:end MaxCount": Break("selector", OA.end, add=lambda g: _lit(
        g.value(NODES["selector"](g), OA.end).toPython() + 1), shows=SELECTOR),
    "ngsh:SelectorShape oa:end MinCount": Break("selector", OA.end, drop=True,
                                                shows=SELECTOR),
    "ngsh:SelectorShape oa:end MinExclusive": Break("selector", OA.end, put=_lit(0),
                                                    shows=SELECTOR),
    "ngsh:SelectorShape oa:exact Datatype": Break("selector", OA.exact, put=_lit(42),
                                                  shows=SELECTOR),
    "ngsh:SelectorShape oa:exact MaxCount": Break(
        "selector", OA.exact, put=_lit("one"), add=_lit("two"), shows=SELECTOR),
    "ngsh:SelectorShape oa:start Datatype": Break("selector", OA.start, put=lambda g: _lit(
        str(g.value(NODES["selector"](g), OA.start))), shows=SELECTOR),
    "ngsh:SelectorShape oa:start LessThan": Break("selector", OA.start, put=lambda g: _lit(
        g.value(NODES["selector"](g), OA.end).toPython()), shows=SELECTOR),
    "ngsh:SelectorShape oa:start MaxCount": Break("selector", OA.start, add=lambda g: _lit(
        g.value(NODES["selector"](g), OA.start).toPython() + 1), shows=SELECTOR),
    "ngsh:SelectorShape oa:start MinCount": Break("selector", OA.start, drop=True,
                                                  shows=SELECTOR),
    "ngsh:SelectorShape oa:start MinInclusive": Break("selector", OA.start, put=_lit(-1),
                                                      shows=SELECTOR),
    "ngsh:StatementShape ng:addressee Node": Break("statement", NG.addressee, add=ELSEWHERE),
    "ngsh:StatementShape ng:location Class": Break("statement", NG.location, add=ELSEWHERE),
    "ngsh:StatementShape ng:quote Datatype": Break("statement", NG.quote, put=_lit(1)),
    "ngsh:StatementShape ng:quote MaxCount": Break("statement", NG.quote,
                                                   add=_lit("a second quote")),
    "ngsh:StatementShape ng:quote MinCount": Break("statement", NG.quote, drop=True),
    "ngsh:StatementShape ng:quote MinLength": Break("statement", NG.quote, put=_lit("")),
    "ngsh:StatementShape ng:speaker MaxCount": Break("statement", NG.speaker, add=lambda g: next(
        a for a in sorted(g.subjects(RDF.type, NG.Actor))
        if a != g.value(_first(g, NG.Statement), NG.speaker))),
    "ngsh:StatementShape ng:speaker MinCount": Break("statement", NG.speaker, drop=True),
    "ngsh:StatementShape ng:speaker Node": Break("statement", NG.speaker, put=ELSEWHERE),
    "ngsh:StatementShape ng:statedOn Datatype": Break("statement", NG.statedOn,
                                                      put=_lit("soon")),
    "ngsh:StatementShape ng:statedOn MaxCount": Break(
        "statement", NG.statedOn, put=_lit("2020-01-01", XSD.date),
        add=_lit("2020-01-02", XSD.date)),
    "ngsh:StatementShape ng:statementKind In": Break("statement", NG.statementKind,
                                                     put=NG.Shouted),
    "ngsh:StatementShape ng:statementKind MaxCount": Break(
        "statement", NG.statementKind, put=NG.Direct, add=NG.Partial),
    "ngsh:StatementShape ng:statementKind MinCount": Break("statement", NG.statementKind,
                                                           drop=True),
}
CLAIM = "claim"
RANGE = "range"
_IRI_LIT = _lit("https://news.example/not-an-iri")
BREAKS.update({
    "ngsh:ClaimShape ng:claimDeployer MinCount": Break(CLAIM, NG.claimDeployer, drop=True),
    "ngsh:ClaimShape ng:claimDeployer MaxCount": Break(CLAIM, NG.claimDeployer, add=ELSEWHERE),
    "ngsh:ClaimShape ng:claimDeployer NodeKind": Break(CLAIM, NG.claimDeployer, put=_IRI_LIT),
    "ngsh:ClaimShape ng:claimDestination MinCount": Break(CLAIM, NG.claimDestination,
                                                          drop=True),
    "ngsh:ClaimShape ng:claimDestination MaxCount": Break(CLAIM, NG.claimDestination,
                                                          add=ELSEWHERE),
    "ngsh:ClaimShape ng:claimDestination NodeKind": Break(CLAIM, NG.claimDestination,
                                                          put=_IRI_LIT),
    "ngsh:ClaimShape ng:claimPlace NodeKind": Break(CLAIM, NG.claimPlace, add=_IRI_LIT),
    "ngsh:ClaimShape ng:verdict MinCount": Break(CLAIM, NG.verdict, drop=True),
    "ngsh:ClaimShape ng:verdict MaxCount": Break(CLAIM, NG.verdict, put=NG.Contested,
                                                 add=NG.Uncontested),
    "ngsh:ClaimShape ng:verdict In": Break(CLAIM, NG.verdict, put=NG.Disputed),
    "ngsh:ClaimShape ng:verdictReason Datatype": Break(CLAIM, NG.verdictReason, add=_lit(3)),
    "ngsh:ClaimShape ng:verdictReason MinLength": Break(CLAIM, NG.verdictReason,
                                                        add=_lit("")),
    "ngsh:ClaimShape ng:reportCount MinCount": Break(CLAIM, NG.reportCount, drop=True),
    "ngsh:ClaimShape ng:reportCount MaxCount": Break(CLAIM, NG.reportCount, add=_lit(40)),
    "ngsh:ClaimShape ng:reportCount Datatype": Break(CLAIM, NG.reportCount, put=_lit("two")),
    "ngsh:ClaimShape ng:reportCount MinInclusive": Break(CLAIM, NG.reportCount, put=_lit(0)),
    "ngsh:ClaimShape ng:report MinCount": Break(CLAIM, NG.report, drop=True),
    "ngsh:ClaimShape ng:report NodeKind": Break(CLAIM, NG.report, add=_IRI_LIT),
    "ngsh:ClaimShape ng:denial NodeKind": Break(CLAIM, NG.denial, add=_IRI_LIT),
    "ngsh:ClaimShape ng:denialStatement NodeKind": Break(CLAIM, NG.denialStatement,
                                                         add=_IRI_LIT),
    "ngsh:ClaimShape ng:firstReported Datatype": Break(CLAIM, NG.firstReported,
                                                       put=_lit("spring")),
    "ngsh:ClaimShape ng:firstReported MaxCount": Break(
        CLAIM, NG.firstReported, add=_lit("1999-01-01", XSD.date)),
    "ngsh:ClaimShape ng:lastReported Datatype": Break(CLAIM, NG.lastReported,
                                                      put=_lit("autumn")),
    "ngsh:ClaimShape ng:lastReported MaxCount": Break(
        CLAIM, NG.lastReported, add=_lit("1999-01-01", XSD.date)),
    "ngsh:ClaimShape ng:lowestCount Datatype": Break(CLAIM, NG.lowestCount, put=_lit("few")),
    "ngsh:ClaimShape ng:lowestCount MaxCount": Break(CLAIM, NG.lowestCount, add=_lit(1)),
    "ngsh:ClaimShape ng:highestCount Datatype": Break(CLAIM, NG.highestCount,
                                                      put=_lit("many")),
    "ngsh:ClaimShape ng:highestCount MaxCount": Break(CLAIM, NG.highestCount,
                                                      add=_lit(10**6)),
    "ngsh:ClaimShape ng:sourceRange Class": Break(CLAIM, NG.sourceRange, add=ELSEWHERE),
    "ngsh:ClaimShape SPARQL the ng:reportCount of a": Break(CLAIM, NG.reportCount,
                                                          put=_lit(99)),
    "ngsh:ClaimShape SPARQL a denial of a": Break(CLAIM, NG.denial, add=ELSEWHERE),
    "ngsh:SourceRangeShape ng:sourceName MinCount": Break(RANGE, NG.sourceName, drop=True),
    "ngsh:SourceRangeShape ng:sourceName MaxCount": Break(RANGE, NG.sourceName,
                                                          add=_lit("Another source")),
    "ngsh:SourceRangeShape ng:sourceName Datatype": Break(RANGE, NG.sourceName, put=_lit(5)),
    "ngsh:SourceRangeShape ng:sourceName MinLength": Break(RANGE, NG.sourceName,
                                                           put=_lit("")),
    "ngsh:SourceRangeShape ng:lowestCount MinCount": Break(RANGE, NG.lowestCount, drop=True),
    "ngsh:SourceRangeShape ng:lowestCount MaxCount": Break(RANGE, NG.lowestCount,
                                                           add=_lit(2)),
    "ngsh:SourceRangeShape ng:lowestCount Datatype": Break(RANGE, NG.lowestCount,
                                                           put=_lit("few")),
    "ngsh:SourceRangeShape ng:highestCount MinCount": Break(RANGE, NG.highestCount,
                                                            drop=True),
    "ngsh:SourceRangeShape ng:highestCount MaxCount": Break(RANGE, NG.highestCount,
                                                            add=_lit(10**6)),
    "ngsh:SourceRangeShape ng:highestCount Datatype": Break(RANGE, NG.highestCount,
                                                            put=_lit("many")),
    "ngsh:SourceRangeShape ng:reportCount MinCount": Break(RANGE, NG.reportCount, drop=True),
    "ngsh:SourceRangeShape ng:reportCount MaxCount": Break(RANGE, NG.reportCount,
                                                           add=_lit(40)),
    "ngsh:SourceRangeShape ng:reportCount Datatype": Break(RANGE, NG.reportCount,
                                                           put=_lit("two")),
    "ngsh:SourceRangeShape ng:reportCount MinInclusive": Break(RANGE, NG.reportCount,
                                                               put=_lit(0)),
})
COPIES = 2  # broken copies per way to break, each from another dev article


# -- the tests ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def engines() -> dict[str, ShapesValidator]:
    # One parse of the shapes for both, so their blank nodes are the same in both reports.
    shapes = ShapesValidator.from_path().shapes
    return {engine: ShapesValidator(shapes, engine) for engine in ("pyshacl", "turbo")}


def test_a_graph_the_fast_engine_rejects_is_reported_in_the_references_words(
        engines, dev_graphs, monkeypatch):
    fast = engines["turbo"]
    asked = []
    check = fast.check
    monkeypatch.setattr(fast, "check", lambda g, engine: asked.append(engine) or check(g, engine))
    assert fast.validate(dev_graphs[0]).conforms
    assert asked == ["turbo"]
    broken = Graph()
    broken.add((ELSEWHERE, RDF.type, NG.Outlet))  # an outlet with no label
    asked.clear()
    report = fast.validate(broken)
    assert not report.conforms and report.findings
    assert asked == ["turbo", "pyshacl"]


@pytest.fixture(scope="module")
def dev_graphs(extractor) -> list[Graph]:
    """The dev articles' graphs, and claim graphs of made-up reports after them."""
    articles = [to_graph(e, BASE, DIGEST) for e in extractor.pipe(list(read_articles([DEV])))]
    return articles + _claim_graphs()


def _claim_graphs() -> list[Graph]:
    """Two contested claims with all a claim graph can hold: figures from two sources, a
    denial said in a statement, a report naming a place in the destination."""
    def report(n: int, deployer: str, status: str, count: int | None, source: str,
               day: str, **more) -> Report:
        return Report(
            deployment=f"{BASE}test/d{n}", article=f"{BASE}article/t{n}",
            deployer=f"{BASE}actor/{deployer}", deployer_iri=f"{BASE}actor/{deployer}",
            deployer_label=deployer, destination=f"{BASE}actor/harbourland",
            **{"destination_iri": f"{BASE}actor/harbourland",
               "destination_label": "Harbourland", **more},
            status=status, count=count, reporter_label=source, outlet="Gazette",
            published=date.fromisoformat(day))

    reports = []
    for k, deployer in enumerate(("Ruritania", "Freedonia")):
        n = 10 * k
        reports += [
            report(n + 1, deployer, "Reported", 800, "Defence office", "2025-05-01"),
            report(n + 2, deployer, "Reported", 2500, "Observers", "2025-05-04"),
            report(n + 3, deployer, "Denied", None, deployer, "2025-05-06",
                   statements=(f"{BASE}test/s{n}",)),
            report(n + 4, deployer, "Confirmed", 900, "Defence office", "2025-05-09",
                   destination_state=f"{BASE}actor/harbourland",
                   destination_state_iri=f"{BASE}actor/harbourland",
                   destination_state_label="Harbourland", destination_iri=f"{BASE}place/port",
                   destination_label="Port City")]
    return [claim_graph(BASE, c) for c in claims(reports)]


def test_the_claim_graphs_made_here_hold_what_their_breaks_need():
    for g in _claim_graphs():
        for prop in (NG.denial, NG.denialStatement, NG.claimPlace, NG.verdictReason,
                     NG.firstReported, NG.lowestCount, NG.sourceRange):
            assert (None, prop, None) in g, prop


def _copy(g: Graph) -> Graph:
    out = Graph(identifier=g.identifier, bind_namespaces="none")
    for triple in g:
        out.add(triple)
    return out


def _same(engines: dict[str, ShapesValidator], g: Graph) -> tuple[bool, set[str]]:
    """Both engines' reports, which must agree; the reference's verdict and constraints."""
    reference = engines["pyshacl"].check(g, "pyshacl")
    fast = engines["turbo"].check(g, "turbo")
    assert fast.conforms == reference.conforms
    assert fast.findings == reference.findings
    shapes = engines["pyshacl"].shapes
    assert reported(shapes, fast.graph) == reported(shapes, reference.graph)
    return reference.conforms, reported(shapes, reference.graph)


def test_every_constraint_of_the_shapes_has_a_way_to_break_it(engines):
    shapes = engines["pyshacl"].shapes
    assert set(BREAKS) == declared(shapes)


def test_every_dev_article_and_claim_conforms_in_both_engines(engines, dev_graphs):
    assert len(dev_graphs) >= 42
    for g in dev_graphs:
        conforms, keys = _same(engines, g)
        assert conforms, (g.identifier, keys)


@pytest.mark.parametrize("constraint", sorted(BREAKS))
def test_a_broken_copy_gets_the_same_results_from_both_engines(engines, dev_graphs,
                                                               constraint):
    way = BREAKS[constraint]
    copies = 0
    for g in dev_graphs:
        broken = _copy(g)
        if not way.apply(broken):
            continue
        conforms, keys = _same(engines, broken)
        assert not conforms, (constraint, broken.identifier)
        assert (way.shows or constraint) in keys, (constraint, keys)
        copies += 1
        if copies == COPIES:
            break
    assert copies, f"no dev article has what breaking {constraint} needs"
