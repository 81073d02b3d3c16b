"""Linked Data: every minted IRI resolves (303 to a document), pages for people and
machines, and the ontology and shapes served at their own addresses. In-process, through
Flask's test client (``web``)."""

from __future__ import annotations

import html
import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from newsgraph import ontology, shapes
from newsgraph.vocab import NG

from .conftest import BASE

RUSSIA = BASE + "actor/russia"


def local(iri: str) -> str:
    assert iri.startswith(BASE)
    return "/id/" + iri[len(BASE):]


def sparql(web, query: str) -> list[dict]:
    answer = web.get("/sparql", query_string={"query": query},
                     headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200, answer.text
    return answer.get_json()["results"]["bindings"]


@pytest.mark.parametrize("accept, ext", [("text/html", "html"), ("text/turtle", "ttl"),
                                         ("application/ld+json", "jsonld"),
                                         ("application/n-triples", "nt"),
                                         ("application/rdf+xml", "rdf"),
                                         ("text/html,application/xhtml+xml,*/*;q=0.8", "html")])
def test_a_resource_iri_answers_303_to_the_document_the_client_asked_for(web, accept, ext):
    answer = web.get(local(RUSSIA), headers={"Accept": accept})
    assert answer.status_code == 303
    assert answer.headers["Location"].endswith(f"/id/actor/russia.{ext}")
    assert "Accept" in answer.headers["Vary"]


@pytest.mark.parametrize("ext, fmt", [("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt"),
                                      ("rdf", "xml")])
def test_documents_describe_the_resource_in_every_syntax(web, ext, fmt):
    answer = web.get(local(RUSSIA) + f".{ext}")
    assert answer.status_code == 200
    g = Graph().parse(data=answer.data, format=fmt)
    russia = URIRef(RUSSIA)
    assert (russia, RDFS.label, Literal("Russia")) in g
    assert (russia, RDF.type, NG.State) in g
    assert (russia, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q159")) in g


def test_every_iri_the_graph_mints_resolves(web):
    rows = sparql(web, f"""
        SELECT DISTINCT ?x WHERE {{ {{ ?x ?p ?o }} UNION {{ ?s ?p ?x }}
          FILTER(isIRI(?x) && STRSTARTS(STR(?x), "{BASE}")) }}""")
    iris = {r["x"]["value"].split("#")[0] for r in rows}
    assert len(iris) > 50
    for iri in sorted(iris):
        first = web.get(local(iri), headers={"Accept": "text/html"})
        assert first.status_code == 303, iri
        page = web.get(first.headers["Location"])
        assert page.status_code == 200 and page.headers["Content-Type"].startswith(
            "text/html"), iri
        assert "Traceback" not in page.text


def test_the_article_page_marks_every_span_and_links_it(web):
    article = BASE + "article/sample-001"
    data = Graph().parse(data=web.get(local(article) + ".ttl").data, format="turtle")
    spans = set(data.subjects(RDF.type, NG.Statement)) | set(
        data.subjects(RDF.type, NG.Deployment))
    assert len(spans) > 5
    page = web.get(local(article) + ".html").text
    for resource in spans:
        href = "/id/" + str(resource)[len(BASE):]
        kind = "Statement" if (resource, RDF.type, NG.Statement) in data else "Deployment"
        # Its own numbered link where it starts...
        assert re.search(rf'<a class="tag {kind}" href="{re.escape(href)}"', page), resource
        # ...and its words marked as that kind of span.
        evidence = URIRef(str(resource) + "#evidence")
        exact = str(data.value(evidence, URIRef("http://www.w3.org/ns/oa#exact")))
        marked = "".join(html.unescape(m) for m in re.findall(
            rf'<a class="span[^"]*\b{kind}\b[^"]*" href="[^"]+">(.*?)</a>', page, re.S))
        assert all(word in marked for word in exact.split()), resource


def test_statement_and_actor_pages_show_the_words_in_their_sentence(web):
    row = sparql(web, """
        PREFIX ng: <https://w3id.org/newsgraph/ontology#>
        SELECT ?s ?quote ?speaker WHERE { ?s a ng:Statement ; ng:quote ?quote ;
          ng:speaker ?speaker ; ng:statementKind ng:Direct } LIMIT 1""")[0]
    quote = row["quote"]["value"]
    page = html.unescape(web.get(local(row["s"]["value"]) + ".html").text)
    assert f"<mark>{quote}</mark>" in page
    assert "/id/" + row["speaker"]["value"][len(BASE):] in page
    speaker = html.unescape(web.get(local(row["speaker"]["value"]) + ".html").text)
    assert f"<mark>{quote}</mark>" in speaker


def test_unknown_and_malformed_resource_paths_are_404_never_500(web):
    for path in ("/id/actor/nobody", "/id/actor/x%3E%20%3Chttp://evil%3E", "/id/../../etc/passwd",
                 "/id/actor/%00", "/id/" + "a" * 3000, "/id/actor/russia.exe"):
        answer = web.get(path, headers={"Accept": "text/html"})
        assert answer.status_code == 404, path


def test_the_ontology_is_served_as_html_documentation_and_as_turtle(web):
    page = web.get("/ontology", headers={"Accept": "text/html"}).text
    source = Graph().parse(ontology.path())
    for cls in source.subjects(RDF.type, OWL.Class):
        if str(cls).startswith(str(NG)):
            assert f'id="{str(cls).split("#")[1]}"' in page, cls
    turtle = web.get("/ontology", headers={"Accept": "text/turtle"})
    assert turtle.headers["Content-Type"].startswith("text/turtle")
    assert Graph().parse(data=turtle.text, format="turtle").isomorphic(source)
    jsonld = web.get("/ontology", headers={"Accept": "application/ld+json"})
    assert len(Graph().parse(data=jsonld.text, format="json-ld")) == len(source)
    assert web.get("/ontology.ttl").text == turtle.text


def test_the_shapes_are_served_too(web):
    page = web.get("/shapes", headers={"Accept": "text/html"}).text
    assert "PersonShape" in page and "LinkRecordShape" in page
    served = Graph().parse(data=web.get("/shapes.ttl").text, format="turtle")
    assert served.isomorphic(Graph().parse(shapes.path()))


def test_void_describes_the_dataset(web):
    from rdflib.namespace import Namespace

    void = Namespace("http://rdfs.org/ns/void#")
    sd = Namespace("http://www.w3.org/ns/sparql-service-description#")
    answer = web.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert answer.status_code == 200
    g = Graph().parse(data=answer.text, format="turtle")
    dataset = URIRef(BASE + "dataset")
    for term in (void.triples, void.entities, void.classes, void.properties, void.documents,
                 void.distinctSubjects):
        assert int(g.value(dataset, term)) > 0, term
    assert int(g.value(dataset, void.documents)) == 4
    assert (dataset, void.sparqlEndpoint, URIRef("http://localhost/sparql")) in g
    properties = {g.value(p, void.property) for p in g.objects(dataset, void.propertyPartition)}
    assert NG.speaker in properties and NG.personnelCount in properties
    classes = {g.value(p, void["class"]) for p in g.objects(dataset, void.classPartition)}
    assert NG.Statement in classes and NG.Deployment in classes
    graphs = {g.value(p, sd.name) for p in g.objects(dataset, void.subset)}
    assert URIRef(BASE + "article/sample-001") in graphs
    examples = set(g.objects(dataset, void.exampleResource))
    assert examples and all(web.get(local(str(e))).status_code == 303 for e in examples)
    as_jsonld = web.get("/.well-known/void", headers={"Accept": "application/ld+json"})
    assert len(Graph().parse(data=as_jsonld.text, format="json-ld")) == len(g)


def test_cors_preflight_admits_reads_not_credentials(web):
    answer = web.options("/sparql", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert answer.status_code == 200
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in answer.headers["Access-Control-Allow-Methods"]
    assert "Authorization" not in answer.headers["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in answer.headers


ODD_IDS = ["desk/2024/story", 'the "quoted" one', "café olé", "50%-off?#1"]


@pytest.fixture(scope="module")
def odd_web(extractor, tmp_path_factory):
    """A store whose article ids hold characters IRIs must percent-encode."""
    from newsgraph.config import Settings
    from newsgraph.endpoint import create_app
    from newsgraph.endpoint.executor import InlinePool
    from newsgraph.loader.model import Article
    from newsgraph.loader.pipeline import load
    from newsgraph.store import EmbeddedStore
    from newsgraph.validation import ShapesValidator

    path = tmp_path_factory.mktemp("odd") / "store"
    articles = [Article(id=i, text="Mayor Anna Berg said the bridge would reopen in spring.")
                for i in ODD_IDS]
    summary = load(articles, extractor, ShapesValidator.from_path(None),
                   EmbeddedStore.open(path, create=True), BASE)
    assert summary.count("created") == len(ODD_IDS)
    return create_app(Settings(store_path=path), pool_factory=InlinePool).test_client()


@pytest.mark.parametrize("article_id", ODD_IDS)
def test_every_minted_iri_resolves_whatever_its_id_holds(odd_web, article_id):
    from newsgraph import iri

    minted = iri.article(BASE, article_id)
    path = local(minted)
    answer = odd_web.get(path, headers={"Accept": "text/html"})
    assert answer.status_code == 303, (path, answer.status_code)
    page = odd_web.get(answer.headers["Location"])
    assert page.status_code == 200 and html.escape(minted) in page.get_data(as_text=True)
    turtle = odd_web.get(path + ".ttl")
    assert turtle.status_code == 200 and f"<{minted}>" in turtle.get_data(as_text=True)
    # The page's own links lead back to documents that exist.
    for link in re.findall(r'href="(/id/[^"#]+)"', page.get_data(as_text=True)):
        assert odd_web.get(html.unescape(link)).status_code in (200, 303), link


def test_an_article_without_a_title_is_named_by_its_id_where_its_spans_are_shown(odd_web):
    found = sparql(odd_web, "SELECT ?s WHERE { ?s a <https://w3id.org/newsgraph/ontology#Statement>"
                   " ; <https://w3id.org/newsgraph/ontology#source> ?a } LIMIT 1")
    assert found, "the made-up articles should each hold a statement"
    page = odd_web.get(local(found[0]["s"]["value"]) + ".html").get_data(as_text=True)
    source = page.split("<dt>Source</dt>", 1)[1].split("</dd>", 1)[0]
    assert any(f">{html.escape(article_id)}</a>" in source for article_id in ODD_IDS), source
    assert ">article</a>" not in source
