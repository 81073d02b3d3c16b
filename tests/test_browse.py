"""Browsing without SPARQL: the home page, list pages with facets, sorting and paging, their
JSON and CSV twins, and search. In-process over the sample store (``web``); every figure a
page shows is checked against the same question asked in SPARQL."""

from __future__ import annotations

import csv
import io
import re

import pytest

from newsgraph.vocab import sparql_prologue

LISTS = ("actors", "articles", "statements", "deployments")


def sparql(web, query: str) -> list[dict]:
    answer = web.get("/sparql", query_string={"query": sparql_prologue() + query},
                     headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200, answer.text
    return answer.get_json()["results"]["bindings"]


def count(web, where: str) -> int:
    found = sparql(web, f"SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{ {where} }}")
    return int(found[0]["n"]["value"])


def test_the_home_page_says_what_the_store_holds_and_lists_the_newest_articles(web):
    page = web.get("/")
    assert page.status_code == 200 and page.mimetype == "text/html"
    text = page.get_data(as_text=True)
    statements = count(web, "?r a ng:Statement")
    deployments = count(web, "?r a ng:Deployment")
    assert f"{statements} statements" in text and f"{deployments} deployments" in text
    newest = sparql(web, "SELECT ?h WHERE { ?a a ng:Article ; schema:headline ?h ; "
                    "schema:datePublished ?d } ORDER BY DESC(?d) LIMIT 1")[0]["h"]["value"]
    assert newest in text
    for name in LISTS:
        assert f'href="/{name}"' in text
    assert 'href="/editor"' in text and 'action="/search"' in text


@pytest.mark.parametrize("name, where", [
    ("actors", "?r a ?t FILTER(?t IN (ng:Person, ng:Organization, ng:State, ng:ArmedGroup))"),
    ("articles", "?r a ng:Article"), ("statements", "?r a ng:Statement"),
    ("deployments", "?r a ng:Deployment")])
def test_each_list_and_its_twins_hold_every_row(web, name, where):
    expected = count(web, where)
    data = web.get(f"/{name}.json", query_string={"size": 1000}).get_json()
    assert data["total"] == expected == len(data["rows"])
    table = web.get(f"/{name}.csv", query_string={"size": 1000})
    assert table.mimetype == "text/csv"
    assert len(list(csv.DictReader(io.StringIO(table.get_data(as_text=True))))) == expected
    html = web.get(f"/{name}").get_data(as_text=True)
    assert html.count("<tr>") == min(expected, 50) + 1  # the header row too


def test_a_list_answers_in_the_format_the_client_accepts(web):
    assert web.get("/statements", headers={"Accept": "application/json"}).mimetype \
        == "application/json"
    assert web.get("/statements", headers={"Accept": "text/csv"}).mimetype == "text/csv"
    assert web.get("/statements", headers={"Accept": "text/html,*/*;q=0.8"}).mimetype \
        == "text/html"
    refused = web.get("/statements", headers={"Accept": "image/png"})
    assert refused.status_code == 406


def test_a_facet_counts_what_its_filter_then_lists(web):
    data = web.get("/statements.json").get_json()
    kinds = next(f for f in data["facets"] if f["param"] == "kind")["values"]
    assert kinds, "the sample statements have kinds"
    for value in kinds:
        expected = count(web, f"?r a ng:Statement ; ng:statementKind ng:{value['value']}")
        assert value["count"] == expected
        filtered = web.get("/statements.json", query_string={"kind": value["value"],
                                                             "size": 1000}).get_json()
        assert filtered["total"] == expected
        assert {r["kind"] for r in filtered["rows"]} == {value["value"]}


def test_filters_combine_and_an_iri_facet_filters_by_the_resource(web):
    speakers = web.get("/statements.json").get_json()["facets"][1]
    assert speakers["param"] == "speaker"
    top = speakers["values"][0]
    rows = web.get("/statements.json", query_string={"speaker": top["value"]}).get_json()
    assert rows["total"] == top["count"] > 0
    assert {r["speaker iri"] for r in rows["rows"]} == {top["value"]}
    month = rows["rows"][0]["published"][:7]
    both = web.get("/statements.json", query_string={"speaker": top["value"],
                                                     "month": month}).get_json()
    assert 0 < both["total"] <= top["count"]
    assert all(r["published"].startswith(month) for r in both["rows"])


def test_sorting_orders_the_rows(web):
    rows = web.get("/deployments.json", query_string={"sort": "count"}).get_json()["rows"]
    counts = [int(r["count"]) for r in rows if r["count"] is not None]
    assert counts == sorted(counts, reverse=True) and len(counts) >= 2
    dates = [r["published"] for r in web.get("/statements.json").get_json()["rows"]]
    assert dates == sorted(dates, reverse=True)
    by_name = web.get("/actors.json", query_string={"sort": "name", "size": 1000}).get_json()
    names = [r["name"].lower() for r in by_name["rows"]]
    assert names == sorted(names)


def test_pages_follow_each_other_without_gaps_or_repeats(web):
    everything = web.get("/statements.json", query_string={"size": 1000}).get_json()
    seen, url = [], "/statements.json?size=3"
    while url:
        data = web.get(url).get_json()
        assert len(data["rows"]) <= 3
        seen += [r["quote iri"] for r in data["rows"]]
        url = data["next"]
    assert seen == [r["quote iri"] for r in everything["rows"]]
    html = web.get("/statements?size=3&page=2").get_data(as_text=True)
    assert 'rel="next"' in html and 'rel="prev"' in html


@pytest.mark.parametrize("url, words", [
    ("/actors?colour=red", "no filter 'colour'; it filters by type, outlet, linked"),
    ("/articles?month=2031-13", "month must be a month written YYYY-MM"),
    ("/statements?kind=Shouted", "kind must be one of Direct, Partial, Indirect"),
    ("/deployments?sort=colour", "cannot be sorted by 'colour'"),
    ("/statements?page=0", "page must be a whole number from 1"),
    ("/statements.csv?size=100000", "size must be a whole number from 1 to 1,000"),
    ("/statements?speaker=not%20an%20iri", "speaker must be the IRI of a resource"),
    ("/statements?speaker=http://example.org/a%3E%20%7D%20DROP", "must be the IRI"),
])
def test_a_list_refuses_what_it_cannot_check_and_says_what_it_takes(web, url, words):
    answer = web.get(url)
    assert answer.status_code == 400 and answer.mimetype == "text/plain"
    assert words in answer.get_data(as_text=True)


def test_an_unknown_resource_as_filter_lists_nothing(web):
    data = web.get("/statements.json", query_string={
        "speaker": "https://example.org/nobody"}).get_json()
    assert data["total"] == 0 and data["rows"] == []
    assert "Nothing matches" in web.get(
        "/statements?speaker=https://example.org/nobody").get_data(as_text=True)


def test_search_finds_actors_by_part_of_a_name_and_statements_by_their_words(web):
    person = sparql(web, "SELECT ?a ?l WHERE { ?a a ng:Person ; rdfs:label ?l } ORDER BY ?l "
                    "LIMIT 1")[0]
    label, iri = person["l"]["value"], person["a"]["value"]
    start = label.split()[-1][:4]
    found = web.get("/search.json", query_string={"q": start}).get_json()
    assert found["method"] == "index"
    assert iri in {r["iri"] for r in found["results"] if r["kind"] == "actor"}
    quote = sparql(web, "SELECT ?q ?s WHERE { ?s ng:quote ?q } ORDER BY ?s LIMIT 1")[0]
    words = re.findall(r"\w+", quote["q"]["value"])[:3]
    phrase = " ".join(words).lower()
    found = web.get("/search.json", query_string={"q": f'"{phrase}"'}).get_json()
    assert quote["s"]["value"] in {r["iri"] for r in found["results"]}
    assert all(phrase in " ".join(re.findall(r"\w+", r["text"].lower()))
               for r in found["results"] if r["kind"] == "statement")
    page = web.get("/search", query_string={"q": " ".join(words)}).get_data(as_text=True)
    assert "<mark>" in page


def test_search_reads_what_users_type_as_words_not_as_query_syntax(web):
    for typed in ('NEAR(troops deploy) OR "', "troops* AND -x", "col:umn ^troops", "((("):
        answer = web.get("/search.json", query_string={"q": typed})
        assert answer.status_code in (200, 400), typed
        if answer.status_code == 400:
            assert "type a word" in answer.get_data(as_text=True)
    assert web.get("/search.json", query_string={"q": "x" * 201}).status_code == 400
    assert web.get("/search.json", query_string={"q": "?!"}).status_code == 400
    assert web.get("/search.json", query_string={"q": "a", "kind": "colour"}).status_code == 400
    page = web.get("/search", query_string={"q": "<script>alert(1)</script>"})
    assert page.status_code == 200 and "<script>alert" not in page.get_data(as_text=True)


def test_search_by_kind_keeps_to_that_kind(web):
    found = web.get("/search.json", query_string={"q": "the", "kind": "statement"}).get_json()
    assert found["results"] and {r["kind"] for r in found["results"]} == {"statement"}


def test_the_id_folders_list_what_they_hold(web):
    root = web.get("/id/")
    assert root.status_code == 200
    text = root.get_data(as_text=True)
    for folder in ("actor/", "article/", "place/", "outlet/"):
        assert f'href="/id/{folder}"' in text
    actors = web.get("/id/actor/", headers={"Accept": "application/json"}).get_json()
    expected = {r["a"]["value"] for r in sparql(
        web, "SELECT DISTINCT ?a WHERE { ?a a ?t FILTER(STRSTARTS(STR(?a), "
        '"https://w3id.org/newsgraph/id/actor/")) }')}
    assert {i["iri"] for i in actors["items"]} == expected
    assert all(i["label"] for i in actors["items"])
    article = sparql(web, "SELECT ?a WHERE { ?a a ng:Article } ORDER BY ?a LIMIT 1")[0]
    tail = article["a"]["value"].removeprefix("https://w3id.org/newsgraph/id/")
    inside = web.get(f"/id/{tail}/", headers={"Accept": "application/json"}).get_json()
    assert {f["name"] for f in inside["folders"]} <= {"statement", "deployment"}
    assert inside["folders"]
    assert web.get("/id/nothing-here/").status_code == 404
    assert web.get("/id/actor/?page=zero").status_code == 400


def test_a_browser_gets_the_void_description_as_a_page_and_clients_get_rdf(web):
    page = web.get("/.well-known/void", headers={
        "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    assert page.mimetype == "text/html"
    text = page.get_data(as_text=True)
    assert "ng:Statement" in text and "SPARQL endpoint" in text
    assert 'href="/.well-known/void?format=ttl"' in text
    assert web.get("/.well-known/void").mimetype == "text/turtle"
    assert web.get("/.well-known/void?format=ttl").mimetype == "text/turtle"
    assert web.get("/.well-known/void", headers={"Accept": "application/ld+json"}).mimetype \
        == "application/ld+json"


def test_the_plain_query_form_links_iri_cells_to_their_pages(web):
    page = web.get("/query", query_string={"query": "SELECT ?s WHERE { ?s a ng:State } LIMIT 3"})
    assert page.status_code == 200
    assert re.search(r'<td><a href="/id/actor/[^"]+">https://w3id\.org/', page.get_data(
        as_text=True))
