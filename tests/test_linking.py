"""Linking to Wikidata: reconciliation rules, the client's manners, `newsgraph link`,
federation through SERVICE and the VoID linkset, against real SPARQL servers."""

from __future__ import annotations

import http.server
import json
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs

import pytest
import requests
from rdflib import Graph, URIRef
from rdflib.namespace import OWL
from SPARQLWrapper import JSON, SPARQLWrapper

from newsgraph.loader.link.reconcile import Subject, decide, lookup_names
from newsgraph.loader.link.wikidata import (
    USER_AGENT,
    Candidate,
    CandidateCache,
    WikidataClient,
    WikidataUnavailable,
)
from newsgraph.vocab import VOID

from .conftest import (
    BASE,
    REPO,
    WIKIDATA_FIXTURE,
    run_cli,
    start_oxigraph,
    start_server,
    stop_server,
)

ARTICLES = REPO / "tests" / "data" / "linking-articles.jsonl"
UKRAINE, RUSSIA, USA, AUSTRALIA = "Q212", "Q159", "Q30", "Q408"


def person(qid: str, countries: set[str], description: str = "", positions=(),
           by_label: bool = True) -> Candidate:
    return Candidate(qid, "x", description, frozenset({"Q5"}), frozenset(countries),
                     tuple(positions), by_label)


def subject(kind: str = "Person", label: str = "John Kirby", **context) -> Subject:
    return Subject(iri=BASE + "actor/x", kind=kind, label=label,
                   names=frozenset({label, *context.pop("names", ())}), **context)


# -- the rules ----------------------------------------------------------------------


def test_an_exact_name_alone_is_not_enough_for_a_person():
    decision = decide(subject(), {"John Kirby": [person("Q1", {USA})]})
    assert decision.qid is None and decision.score == 0.75


def test_the_role_tells_namesakes_apart():
    found = {"John Kirby": [person("Q1", {USA}, "United States Navy admiral and spokesman"),
                            person("Q2", {AUSTRALIA}, "Australian rugby league footballer")]}
    who = subject(roles=("White House spokesman",), role_countries=frozenset({USA}))
    decision = decide(who, found)
    assert decision.qid == "Q1" and decision.score >= 0.85


def test_namesakes_the_context_cannot_tell_apart_stay_unlinked():
    found = {"Alexander Petrov": [person("Q1", {RUSSIA}, "Russian actor"),
                                  person("Q2", {RUSSIA}, "Russian ice hockey player")]}
    who = subject(label="Alexander Petrov", article_countries=frozenset({RUSSIA, UKRAINE}))
    assert decide(who, found).qid is None


def test_a_role_naming_another_country_vetoes_a_namesake():
    found = {"John Kirby": [person("Q2", {AUSTRALIA}, "footballer")]}
    who = subject(roles=("U.S. spokesman",), role_countries=frozenset({USA}))
    decision = decide(who, found)
    assert decision.qid is None and decision.score < 0.75


def test_items_of_the_wrong_class_are_never_candidates():
    page = Candidate("Q9", "John Kirby", "Wikimedia disambiguation page", frozenset(),
                     frozenset(), (), True)
    city = Candidate("Q8", "John Kirby", "", frozenset({"Q486972"}), frozenset({USA}), (), True)
    decision = decide(subject(role_countries=frozenset({USA})), {"John Kirby": [page, city]})
    assert decision.qid is None and "no item of a fitting class" in decision.reason


def test_a_place_is_never_linked_to_a_country_and_a_state_only_to_one():
    country = Candidate("Q1", "Georgia", "country", frozenset({"Q6256", "Q3624078"}),
                        frozenset({"Q1"}), (), True)
    us_state = Candidate("Q2", "Georgia", "state of the United States",
                         frozenset({"Q56061"}), frozenset({USA}), (), True)
    found = {"Georgia": [country, us_state]}
    state = decide(subject("State", "Georgia"), found)
    place = decide(subject("Place", "Georgia", article_countries=frozenset({USA})), found)
    assert (state.qid, place.qid) == ("Q1", "Q2")


def test_a_city_and_a_state_with_one_name_leave_a_place_unlinked():
    city = Candidate("Q1", "New York City", "", frozenset({"Q486972"}), frozenset({USA}), (),
                     False)
    state = Candidate("Q2", "New York", "", frozenset({"Q56061"}), frozenset({USA}), (), True)
    where = subject("Place", "New York", article_countries=frozenset({USA}))
    assert decide(where, {"New York": [city, state]}).qid is None


def org(qid: str, label: str, countries=(), by_label=True, sitelinks=50) -> Candidate:
    return Candidate(qid, label, "", frozenset({"Q43229"}), frozenset(countries), (), by_label,
                     sitelinks)


def test_an_organisation_is_linked_by_its_full_name_unless_its_country_is_elsewhere():
    found = {"African Union": [org("Q1", "African Union")]}
    assert decide(subject("Organization", "African Union"), found).qid == "Q1"
    ministry = {"Ministry of Defence": [org("Q2", "Ministry of Defence", {"Q145"})]}
    russian = subject("Organization", "Ministry of Defence",
                      article_countries=frozenset({RUSSIA, UKRAINE}))
    assert decide(russian, ministry).qid is None


def test_a_match_through_an_acronym_does_not_compete_with_the_full_name():
    found = {"United Nations": [org("Q1", "United Nations")],
             "UN": [org("Q1", "United Nations", by_label=False), org("Q2", "UN", sitelinks=2)]}
    assert decide(subject("Organization", "United Nations", names={"UN"}), found).qid == "Q1"


def test_prominence_breaks_a_tie_the_context_leaves():
    capital = Candidate("Q1", "Rome", "capital of Italy", frozenset({"Q486972"}),
                        frozenset({"Q38"}), (), True, 250)
    town = Candidate("Q2", "Rome", "city in Georgia, United States", frozenset({"Q486972"}),
                     frozenset({USA}), (), True, 12)
    both = subject("Place", "Rome", article_countries=frozenset({"Q38", USA}))
    assert decide(both, {"Rome": [capital, town]}).qid == "Q1"
    # Prominence alone is not enough, nor against evidence that points elsewhere.
    assert decide(subject("Place", "Rome"), {"Rome": [capital, town]}).qid is None
    named_us = subject("Place", "Rome", article_countries=frozenset({USA}))
    assert decide(named_us, {"Rome": [capital, town]}).qid is None


def test_lone_surnames_are_never_looked_up_but_dateline_capitals_are_recased():
    assert lookup_names(subject(names={"Kirby"})) == {"John Kirby"}
    assert "Washington" in lookup_names(subject("Place", "WASHINGTON"))


# -- the client's manners, against a real HTTP server that misbehaves -------------------


class Flaky(http.server.BaseHTTPRequestHandler):
    """Answers 429 (Retry-After: 0), then 503, then SPARQL JSON; records every request."""

    script: list[int] = []
    seen: list[dict] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        query = parse_qs(body).get("query", [body])[0]
        self.seen.append({"agent": self.headers["User-Agent"], "at": time.monotonic(),
                          "query": query})
        status = self.script.pop(0) if self.script else 200
        self.send_response(status)
        if status == 429:
            self.send_header("Retry-After", "0")
        self.send_header("Content-Type", "application/sparql-results+json")
        self.end_headers()
        if status == 200:
            self.wfile.write(json.dumps({"head": {"vars": []},
                                         "results": {"bindings": []}}).encode())

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def flaky():
    Flaky.script, Flaky.seen = [], []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Flaky)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/sparql"
    server.shutdown()


def client(url: str, tmp_path: Path, **options) -> WikidataClient:
    options = {"min_interval": 0.0, "backoff": 0.01, **options}
    return WikidataClient(url, CandidateCache(tmp_path / "cache.sqlite"), **options)


def test_retries_429_and_5xx_with_a_descriptive_user_agent(flaky, tmp_path):
    Flaky.script = [429, 503, 500]
    wikidata = client(flaky, tmp_path)
    assert wikidata.candidates(["Nobody Known"]) == {"Nobody Known": []}
    assert wikidata.stats.requests == 4 and wikidata.stats.retries == 3
    assert {r["agent"] for r in Flaky.seen} == {USER_AGENT}
    assert "newsgraph" in USER_AGENT and "https://" in USER_AGENT


def test_gives_up_after_the_retries_and_keeps_nothing_half_done(flaky, tmp_path):
    Flaky.script = [503] * 10
    wikidata = client(flaky, tmp_path, retries=2)
    with pytest.raises(WikidataUnavailable, match="kept failing"):
        wikidata.candidates(["Nobody Known"])
    assert len(Flaky.seen) == 3


def test_a_client_error_is_not_retried(flaky, tmp_path):
    Flaky.script = [403]
    with pytest.raises(WikidataUnavailable, match="HTTP 403"):
        client(flaky, tmp_path).candidates(["Nobody Known"])
    assert len(Flaky.seen) == 1


def test_batches_and_spaces_requests(flaky, tmp_path):
    names = [f"Person Number{i}" for i in range(25)]
    wikidata = client(flaky, tmp_path, batch_size=10, min_interval=0.2)
    wikidata.candidates(names)
    assert len(Flaky.seen) == 3
    gaps = [b["at"] - a["at"] for a, b in zip(Flaky.seen, Flaky.seen[1:], strict=False)]
    # Seen where they arrive: a request held up on its way (a busy machine) shortens the
    # next gap, so the check is that they are spaced at all, not to the millisecond.
    assert min(gaps) >= 0.1 and sum(gaps) >= 0.35
    # Every name is asked for once, as an English and a multilingual label.
    asked = "".join(r["query"] for r in Flaky.seen)
    assert all(asked.count(f'"{n}"@en') == asked.count(f'"{n}"@mul') == 1 for n in names)


def test_cached_names_make_no_request(flaky, tmp_path):
    client(flaky, tmp_path).candidates(["Nobody Known"])
    again = client(flaky, tmp_path)
    assert again.candidates(["Nobody Known"]) == {"Nobody Known": []}
    assert again.stats.requests == 0 and len(Flaky.seen) == 1


def test_an_unreachable_endpoint_says_so(tmp_path):
    wikidata = client("http://127.0.0.1:9/sparql", tmp_path)
    with pytest.raises(WikidataUnavailable, match="cannot reach .*offline"):
        wikidata.candidates(["Nobody Known"])


# -- against the Wikidata-shaped fixture on a real SPARQL server ------------------------


@pytest.mark.slow
def test_lookup_reads_labels_aliases_mul_classes_countries_positions(wikidata_server, tmp_path):
    found = client(wikidata_server.query, tmp_path).candidates(
        ["John Kirby", "Alexander Petrov", "New York", "Oleksandr Syrsky", "Ivan Petrenko"])
    kirby = {c.qid: c for c in found["John Kirby"]}
    assert set(kirby) == {"Q9000002", "Q9000003", "Q9000004"}
    assert kirby["Q9000002"].classes == {"Q5"} and kirby["Q9000002"].countries == {USA}
    assert kirby["Q9000002"].positions == ("White House National Security Communications Advisor",)
    assert kirby["Q9000004"].classes == frozenset()
    assert {c.qid for c in found["Alexander Petrov"]} == {"Q9000005", "Q9000006"}  # "mul" too
    new_york = {c.qid: c for c in found["New York"]}
    assert new_york["Q9000012"].by_label is False and new_york["Q9000013"].by_label is True
    assert "Q486972" in new_york["Q9000012"].classes and "Q56061" in new_york["Q9000013"].classes
    assert [c.qid for c in found["Oleksandr Syrsky"]] == ["Q9000001"]  # by alias
    assert found["Ivan Petrenko"] == []


EXPECTED_LINKS = {
    "actor/oleksandr-syrskyi": "Q9000001",  # role names Ukraine; a position shares a word
    "actor/john-kirby": "Q9000002",  # a namesake, a disambiguation page; the role decides
    "actor/mykola-lysenko": "Q9000007",  # labelled only in "mul"; role words in description
    "actor/azov-brigade": "Q9000021",  # a military unit; Ukraine is named in its article
    "place/pokrovsk": "Q9000011",
}
NOT_LINKED = ["actor/alexander-petrov", "actor/ivan-petrenko", "place/new-york"]


def _links(store: Path | str) -> dict[str, tuple[str, str, str]]:
    done = run_cli("query", "--store", str(store), "--format", "json",
                   "SELECT ?s ?item ?method ?score WHERE { ?s owl:sameAs ?item ; "
                   "ng:linkMethod ?method OPTIONAL { ?s ng:linkScore ?score } }")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)["results"]["bindings"]
    return {r["s"]["value"].removeprefix(BASE): (r["item"]["value"].rsplit("/", 1)[-1],
                                                 r["method"]["value"],
                                                 r.get("score", {}).get("value", ""))
            for r in rows}


@pytest.fixture(scope="module")
def linked_store(tmp_path_factory, wikidata_server):
    root = tmp_path_factory.mktemp("linked")
    store, cache = root / "store", root / "cache"
    assert run_cli("load", str(ARTICLES), "--store", str(store)).returncode == 0
    done = run_cli("link", "--store", str(store), "--wikidata-endpoint",
                   wikidata_server.query, "--cache-dir", str(cache), "-v")
    assert done.returncode == 0, done.stderr
    return store, cache, done


@pytest.mark.slow
def test_link_links_what_the_context_supports_and_nothing_else(linked_store):
    store, _, done = linked_store
    links = _links(store)
    reconciled = {s: qid for s, (qid, method, _) in links.items() if method == "reconciled"}
    assert reconciled == EXPECTED_LINKS
    for s, (_, method, score) in links.items():
        assert (method == "gazetteer") == (score == ""), s
        if score:
            assert 0.85 <= float(score) <= 1.0
    assert links["actor/ukraine"][:2] == (UKRAINE, "gazetteer")
    assert not set(NOT_LINKED) & set(links)
    assert "linked 5" in done.stderr and "1 request(s)" in done.stderr
    assert "Alexander Petrov -> not linked" in done.stdout  # -v prints every decision


@pytest.mark.slow
def test_the_linked_store_passes_the_shapes(linked_store):
    store, _, _ = linked_store
    done = run_cli("validate", "--store", str(store))
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_rerun_from_the_cache_makes_no_request(tmp_path):
    server = start_oxigraph(tmp_path / "wd", WIKIDATA_FIXTURE)
    store, cache = tmp_path / "store", tmp_path / "cache"
    try:
        assert run_cli("load", str(ARTICLES), "--store", str(store)).returncode == 0
        first = run_cli("link", "--store", str(store), "--wikidata-endpoint", server.query,
                        "--cache-dir", str(cache))
        assert first.returncode == 0, first.stderr
    finally:
        server.stop()
    before = _links(store)
    again = run_cli("link", "--store", str(store), "--wikidata-endpoint", server.query,
                    "--cache-dir", str(cache))
    assert again.returncode == 0, again.stderr
    assert "0 request(s)" in again.stderr and "linkset graph unchanged" in again.stderr
    assert _links(store) == before
    offline = run_cli("link", "--store", str(store), "--wikidata-endpoint", server.query,
                      "--cache-dir", str(cache), "--offline")
    assert offline.returncode == 0 and _links(store) == before


@pytest.mark.slow
def test_no_network_leaves_the_offline_links(tmp_path):
    store = tmp_path / "store"
    assert run_cli("load", str(ARTICLES), "--store", str(store)).returncode == 0
    before = _links(store)
    done = run_cli("link", "--store", str(store), "--wikidata-endpoint",
                   "http://127.0.0.1:9/sparql", "--cache-dir", str(tmp_path / "cache"))
    assert done.returncode == 2
    assert "cannot reach" in done.stderr and "Nothing was changed" in done.stderr
    assert "Traceback" not in done.stderr
    assert _links(store) == before and before  # the gazetteer's links


@pytest.mark.slow
def test_reloading_articles_keeps_reconciled_links(linked_store):
    store, _, _ = linked_store
    before = _links(store)
    assert run_cli("load", str(ARTICLES), "--store", str(store)).returncode == 0
    assert _links(store) == before


# -- federation and VoID ---------------------------------------------------------------

POPULATION = """
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
SELECT ?name ?population WHERE {
  ?state a ng:State ; rdfs:label ?name ; owl:sameAs ?item .
  SERVICE <%s> { ?item wdt:P1082 ?population }
} ORDER BY ?name"""


@pytest.mark.slow
def test_federated_query_runs_against_an_allow_listed_endpoint(linked_store, wikidata_server):
    store, _, _ = linked_store
    server = start_server(store, None, "--allow-service", wikidata_server.query)
    try:
        client = SPARQLWrapper(server.sparql)
        client.setReturnFormat(JSON)
        client.setQuery("PREFIX ng: <https://w3id.org/newsgraph/ontology#>\n"
                        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                        "PREFIX owl: <http://www.w3.org/2002/07/owl#>\n"
                        + POPULATION % wikidata_server.query)
        rows = client.queryAndConvert()["results"]["bindings"]
        got = {r["name"]["value"]: int(r["population"]["value"]) for r in rows}
        assert got == {"Russia": 146000000, "Ukraine": 41000000, "United States": 335000000}

        other = requests.get(server.sparql, params={
            "query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"})
        assert other.status_code == 400
        assert wikidata_server.query in other.text and "not allowed" in other.text
        variable = requests.get(server.sparql, params={
            "query": "SELECT * WHERE { VALUES ?e { <http://x/> } SERVICE ?e { ?s ?p ?o } }"})
        assert variable.status_code == 400 and "variable" in variable.text
    finally:
        stop_server(server)


@pytest.mark.slow
def test_by_default_only_wikidata_may_be_called(server, wikidata_server):
    answer = requests.get(server.sparql, params={
        "query": f"SELECT * WHERE {{ SERVICE <{wikidata_server.query}> {{ ?s ?p ?o }} }}"})
    assert answer.status_code == 400
    assert "https://query.wikidata.org/sparql" in answer.text


@pytest.mark.slow
def test_void_states_the_linkset_to_wikidata(linked_store):
    store, _, _ = linked_store
    links = _links(store)
    server = start_server(store)
    try:
        answer = requests.get(server.url + "/.well-known/void",
                              headers={"Accept": "text/turtle"})
        assert answer.status_code == 200 and answer.headers["Content-Type"] == "text/turtle"
        void = Graph().parse(data=answer.text, format="turtle")
    finally:
        stop_server(server)
    linkset = URIRef(BASE + "dataset/wikidata-links")
    assert (linkset, VOID.linkPredicate, OWL.sameAs) in void
    assert int(void.value(linkset, VOID.triples)) == len(links) == 8
    assert (URIRef(BASE + "dataset"), VOID.subset, linkset) in void


@pytest.mark.slow
def test_bad_link_and_allow_list_options_are_one_line_errors(linked_store, tmp_path):
    store, _, _ = linked_store
    for args in (["link", "--store", str(store), "--wikidata-endpoint", "query.wikidata.org"],
                 ["link", "--store", str(tmp_path / "none")],
                 ["link", "--store", str(store), "--offline", "--refresh"],
                 ["serve", "--store", str(store), "--allow-service", "file:///etc/passwd"],
                 ["serve", "--store", str(store), "--allow-service", "http://x/",
                  "--no-service"]):
        done = run_cli(*args, timeout=60)
        assert done.returncode == 2, args
        assert done.stderr.startswith("Error: ") and "Traceback" not in done.stderr, args


@pytest.mark.slow
def test_link_reads_and_writes_a_remote_store(wikidata_server, tmp_path):
    remote = start_oxigraph(tmp_path / "remote")
    try:
        assert run_cli("load", str(ARTICLES), "--store", remote.url).returncode == 0
        done = run_cli("link", "--store", remote.url, "--wikidata-endpoint",
                       wikidata_server.query, "--cache-dir", str(tmp_path / "cache"))
        assert done.returncode == 0, done.stderr
        links = _links(remote.url)
        assert {s: qid for s, (qid, method, _) in links.items()
                if method == "reconciled"} == EXPECTED_LINKS
        checked = run_cli("validate", "--store", remote.url)
        assert checked.returncode == 0, checked.stdout + checked.stderr
    finally:
        remote.stop()
