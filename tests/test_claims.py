"""Claims: deployments from many articles grouped by deployer and destination, their
figures by source and over time, and a verdict a person would agree with."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from newsgraph.claims.grouping import Report, claims, select, verdict
from newsgraph.claims.pending import mark, marks
from newsgraph.config import DEFAULT_BASE_IRI

from .conftest import run_cli


def report(n: int, status: str = "Reported", count: int | None = 1000,
           source: str | None = "Defence ministry", day: str | None = "2025-03-01",
           deployer: str = "Q45", destination: str = "Q37", **more) -> Report:
    return Report(
        deployment=f"https://example.org/d{n}", article=f"https://example.org/a{n}",
        deployer=deployer, deployer_iri=f"https://example.org/actor/{deployer}",
        deployer_label={"Q45": "Portugal", "Q20": "Norway"}.get(deployer, deployer),
        destination=destination, destination_iri=f"https://example.org/actor/{destination}",
        **{"destination_label": {"Q37": "Lithuania", "Q189": "Iceland"}.get(destination,
                                                                            destination),
           **more},
        status=status, count=count, reporter_label=source, outlet="Coastal Herald",
        published=date.fromisoformat(day) if day else None)


def test_a_denial_beside_a_report_is_contested_and_a_revision_is_not():
    assert verdict([report(1), report(2, count=1200, day="2025-03-05")]) == (
        "uncontested", [])  # one source revising its own figure
    found, reasons = verdict([report(1), report(2, status="Denied", count=None,
                                                source="Portugal")])
    assert found == "contested"
    assert reasons == ["denied by Portugal; confirmed or reported by Defence ministry"]
    planned = verdict([report(1, status="Planned"), report(2, status="Denied",
                                                           source="Portugal")])
    assert planned[0] == "uncontested"  # a plan denied is not a deployment disputed


def test_two_sources_far_apart_at_about_the_same_date_disagree():
    found, reasons = verdict([report(1, count=1000), report(2, count=3000, source="Latvia",
                                                            day="2025-03-10")])
    assert found == "contested" and reasons == [
        "Defence ministry gives 1,000, Latvia 3,000 (2025-03-01 and 2025-03-10)"]
    # Months apart, the figure may simply have grown; within half, they agree.
    assert verdict([report(1, count=1000), report(2, count=3000, source="Latvia",
                                                  day="2025-07-01")])[0] == "uncontested"
    assert verdict([report(1, count=1000), report(2, count=1400, source="Latvia")])[0] == \
        "uncontested"
    # A dated and an undated figure cannot be said to be of one time.
    assert verdict([report(1, count=1000), report(2, count=5000, source="Latvia",
                                                  day=None)])[0] == "uncontested"


def test_groups_ranges_sources_and_a_capital_that_counts_for_its_state():
    reports = [
        report(1, count=1000, day="2025-03-01"),
        report(2, count=1500, day="2025-04-01"),
        report(3, count=4000, source="Latvia", day="2025-04-03"),
        report(4, status="Denied", count=None, source="Portugal", day="2025-04-05"),
        report(5, status="Planned", count=200, source="Norway", day="2025-05-01",
               deployer="Q20", destination="Q189"),
        # A report naming the capital: the state's claim, and the place's own name kept.
        report(6, count=900, source="Lithuanian army", day="2025-04-04",
               destination="Q216", destination_label="Vilnius", destination_state="Q37",
               destination_state_iri="https://example.org/actor/Q37",
               destination_state_label="Lithuania"),
    ]
    found = claims(reports)
    assert [c.slug for c in found] == ["Norway to Iceland", "Portugal to Lithuania"]
    lithuania = found[1]
    assert [r.deployment[-2:] for r in lithuania.reports] == ["d1", "d2", "d3", "d6", "d4"]
    assert (lithuania.first, lithuania.latest) == (date(2025, 3, 1), date(2025, 4, 5))
    assert lithuania.places == ["Vilnius"]
    ranges = {s: (r.low, r.high, r.reports) for s, r in lithuania.ranges().items()}
    assert ranges == {"Defence ministry": (1000, 1500, 2), "Latvia": (4000, 4000, 1),
                      "Lithuanian army": (900, 900, 1)}
    assert lithuania.sources("Denied") == ["Portugal"] and lithuania.verdict == "contested"
    assert found[0].verdict == "uncontested" and found[0].sources("Planned") == ["Norway"]
    assert [r.deployment[-2:] for r in select(reports, deployer="portu",
                                              since=date(2025, 4, 1))] == ["d2", "d3",
                                                                           "d4", "d6"]
    assert [r.deployment[-2:] for r in select(reports, destination="Lithuania")] == [
        "d1", "d2", "d3", "d4", "d6"]
    assert [r.deployment[-2:] for r in select(reports, deployer="Q20")] == ["d5"]


ARTICLES = [
    {"id": "c1", "outlet": "Coastal Herald", "published": "2025-03-01",
     "text": "Portugal has sent about 1,000 troops to Lithuania, the Lithuanian defence "
             "ministry said on Monday. The soldiers arrived by train."},
    {"id": "c2", "outlet": "Morning Ledger", "published": "2025-03-10",
     "text": "Portugal has deployed 3,000 troops to Lithuania, Latvian officials said on "
             "Friday. The number has tripled in a week."},
    {"id": "c3", "outlet": "Evening Post", "published": "2025-03-12",
     "text": "Portugal denied that it had sent troops to Lithuania. \"No Portuguese soldier "
             "is in Lithuania,\" the Portuguese foreign minister said."},
    {"id": "c4", "outlet": "Evening Post", "published": "2025-04-02",
     "text": "Norway plans to send 200 engineers to Iceland, the Norwegian government said "
             "on Tuesday."},
    {"id": "c5", "outlet": "Coastal Herald", "published": "2025-04-20",
     "text": "The Lithuanian defence ministry said on Sunday that Portugal now had about "
             "1,200 troops in Lithuania."},
]


def _load(tmp_path, articles) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in articles))
    done = run_cli("load", str(path), "--store", str(tmp_path / "store"))
    assert done.returncode == 0, done.stderr


def _claims(tmp_path, *args: str) -> list[dict]:
    done = run_cli("claims", "--store", str(tmp_path / "store"), "-f", "json", *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_articles_from_several_outlets_read_as_a_person_would(tmp_path):
    _load(tmp_path, ARTICLES)
    found = _claims(tmp_path)
    assert [(c["deployer"]["label"], c["destination"]["label"], c["verdict"])
            for c in found] == [("Portugal", "Lithuania", "contested"),
                                ("Norway", "Iceland", "uncontested")]
    portugal = found[0]
    assert [(r["published"], r["status"], r["count"]) for r in portugal["reports"]] == [
        ("2025-03-01", "Reported", 1000), ("2025-03-10", "Reported", 3000),
        ("2025-03-12", "Denied", None), ("2025-04-20", "Reported", 1200)]
    assert portugal["sources"]["denied"] == ["Portugal"]
    assert portugal["ranges"]["Latvia"] == {"low": 3000, "high": 3000, "reports": 1}
    assert (portugal["first"], portugal["latest"]) == ("2025-03-01", "2025-04-20")
    assert any("denied by Portugal" in reason for reason in portugal["reasons"])
    # The denial's words are a statement too, and the claim's report names it.
    denial = portugal["reports"][2]
    assert denial["statements"] and denial["evidence"]["exact"].startswith("Portugal denied")
    # For a brief and a spreadsheet, the same groups.
    text = run_cli("claims", "--store", str(tmp_path / "store"), "--deployer", "portugal",
                   "--since", "2025-03-11").stdout
    assert text.startswith("Portugal to Lithuania: CONTESTED (2 report(s), 2025-03-12 to "
                           "2025-04-20)")
    rows = run_cli("claims", "--store", str(tmp_path / "store"), "-f", "csv").stdout
    assert rows.splitlines()[0].startswith("deployer,destination,verdict,published")
    assert len(rows.splitlines()) == 6
    # The denial withdrawn (the article reloaded without it): no longer contested by it.
    _load(tmp_path, [{**ARTICLES[2], "text": "Portugal said nothing about Lithuania."}])
    again = _claims(tmp_path, "--destination", "Lithuania")
    assert again[0]["sources"]["denied"] == []
    assert not any("denied by" in reason for reason in again[0]["reasons"])


def test_bad_input_is_one_line(tmp_path):
    done = run_cli("claims", "--since", "last week", "--store", str(tmp_path / "none"))
    assert done.returncode == 2 and "--since 'last week'" in done.stderr


ACROSS_ARTICLES = """
SELECT ?dep ?dest ?n ?low ?high WHERE {
  { SELECT ?dep ?dest (COUNT(?d) AS ?n) WHERE {
      GRAPH ?a { ?d a ng:Deployment ; ng:deployer ?dep ; ng:destination ?dest } }
    GROUP BY ?dep ?dest }
  OPTIONAL { SELECT ?dep ?dest (MIN(?count) AS ?low) (MAX(?count) AS ?high) WHERE {
      GRAPH ?a { ?d a ng:Deployment ; ng:deployer ?dep ; ng:destination ?dest ;
                    ng:personnelCount ?count } }
    GROUP BY ?dep ?dest } }"""
IN_CLAIMS = """
SELECT ?dep ?dest ?n ?low ?high ?verdict WHERE {
  GRAPH ?c { ?c a ng:Claim ; ng:claimDeployer ?dep ; ng:claimDestination ?dest ;
             ng:reportCount ?n ; ng:verdict ?verdict .
             OPTIONAL { ?c ng:lowestCount ?low ; ng:highestCount ?high } } }"""


def _rows(tmp_path, query: str) -> list[tuple]:
    from pathlib import Path

    from newsgraph.store import StoreReader

    reader = StoreReader.open(Path(tmp_path / "store"))
    solutions = reader.query(query)
    names = [v.value for v in solutions.variables]
    return sorted(tuple(None if row[n] is None else row[n].value for n in names)
                  for row in solutions)


def test_the_claim_graphs_give_what_a_query_over_the_articles_gives(tmp_path):
    _load(tmp_path, ARTICLES)
    claimed = _rows(tmp_path, IN_CLAIMS)
    assert [row[:5] for row in claimed] == _rows(tmp_path, ACROSS_ARTICLES)
    assert [row[5].rsplit("#")[1] for row in claimed] == ["Uncontested", "Contested"]
    # Each claim is a graph of its own, valid against the shapes and across articles.
    done = run_cli("validate", "--store", str(tmp_path / "store"))
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_load_rebuilds_the_claims_it_touches_and_heals_what_it_finds_out_of_step(tmp_path):
    from newsgraph.store import EmbeddedStore

    _load(tmp_path, ARTICLES)
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({**ARTICLES[3], "text": ARTICLES[3]["text"].replace(
        "200 engineers", "250 engineers")}) + "\n")
    done = run_cli("load", str(path), "--store", str(tmp_path / "store"))
    assert "claims: 1 written, 0 removed (those of the articles written" in done.stderr
    assert ("250", "250") in [row[3:5] for row in _rows(tmp_path, IN_CLAIMS)]
    # A load killed after its articles, before its claims (here: a claim graph lost and
    # the load's mark left behind): the next load rebuilds every claim.
    store = EmbeddedStore.open(tmp_path / "store")
    [lost] = [row["c"].value for row in store.query(
        "SELECT ?c WHERE { GRAPH ?c { ?c a ng:Claim ; ng:claimDestination ?d } "
        "?d rdfs:label 'Iceland' }")]
    store.remove_graph(lost)
    mark(store, DEFAULT_BASE_IRI, "load-killed", "load")
    store.close()
    assert len(_rows(tmp_path, IN_CLAIMS)) == 1
    done = run_cli("load", str(path), "--store", str(tmp_path / "store"))
    assert "1 unchanged" in done.stderr
    assert "all rebuilt: a load stopped before its claims" in done.stderr
    assert len(_rows(tmp_path, IN_CLAIMS)) == 2
    # The mark is gone: the load after rebuilds only what it touches.
    done = run_cli("load", str(path), "--store", str(tmp_path / "store"))
    assert "(those of the articles written" in done.stderr
    store = EmbeddedStore.open(tmp_path / "store")
    assert marks(store) == []
    store.close()


def test_a_load_still_running_elsewhere_is_left_to_rebuild_its_own_claims():
    from newsgraph.claims.pending import Mark

    now = datetime.now(UTC)
    renewed = Mark("g", "load", now - timedelta(minutes=2))
    # A remote store takes loads from several machines at once: a load that renewed its
    # mark lately is at work; ten minutes without, it was stopped.
    assert not renewed.stale(now) and Mark("g", "load", now - timedelta(minutes=11)).stale(now)
    # The embedded store lets one writer in: any other load's mark is of a stopped load.
    assert renewed.stale(now, single_writer=True)
    assert Mark("g", "web", now).stale(now) and Mark("g", "stopped", now).stale(now)


def test_a_web_write_is_followed_by_the_next_load(tmp_path):
    from newsgraph.config import Settings
    from newsgraph.endpoint import create_app
    from newsgraph.endpoint.executor import InlinePool
    from newsgraph.store import EmbeddedStore

    _load(tmp_path, ARTICLES)
    store = EmbeddedStore.open(tmp_path / "store")
    graph = next(g for g in store.graph_names() if g.endswith("/article/c4"))
    text = store.graph_ntriples(graph).decode()
    store.close()
    app = create_app(Settings(store_path=tmp_path / "store", enable_update=True,
                              update_token="claims-token"), pool_factory=InlinePool)
    done = app.test_client().put(
        "/store", query_string={"graph": graph}, data=text.replace('"200"^^', '"260"^^'),
        headers={"Content-Type": "application/n-triples",
                 "Authorization": "Bearer claims-token"})
    assert done.status_code in (200, 204), done.text
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(ARTICLES[0]) + "\n")
    done = run_cli("load", str(path), "--store", str(tmp_path / "store"))
    assert "all rebuilt: a web write since the last load" in done.stderr
    assert ("260", "260") in [row[3:5] for row in _rows(tmp_path, IN_CLAIMS)]


def test_a_small_load_reads_only_the_claims_it_touches(tmp_path):
    from newsgraph.claims.rebuild import rebuild
    from newsgraph.loader.gazetteer import Gazetteer
    from newsgraph.store import EmbeddedStore

    _load(tmp_path, ARTICLES)
    more = {"id": "c6", "outlet": "Morning Ledger", "published": "2025-04-22",
            "text": "Norway has sent 180 engineers to Iceland, the Norwegian government "
                    "said on Friday."}
    _load(tmp_path, [more])
    store = EmbeddedStore.open(tmp_path / "store")
    try:
        [article] = [g for g in store.graph_names() if g.endswith("/article/c6")]
        done = rebuild(store, DEFAULT_BASE_IRI, Gazetteer.load(), [article])
        # Norway's two reports are read, none of Portugal's four.
        assert (done.whole, done.reports, done.written) == (False, 2, 0)
    finally:
        store.close()
    # A report moving to another claim: the old claim loses it, the new one gains it.
    _load(tmp_path, [{**more, "text": more["text"].replace("Iceland", "Lithuania")}])
    found = {(c["deployer"]["label"], c["destination"]["label"]): len(c["reports"])
             for c in _claims(tmp_path)}
    assert found == {("Portugal", "Lithuania"): 4, ("Norway", "Iceland"): 1,
                     ("Norway", "Lithuania"): 1}


def test_a_verdict_names_a_few_sources_and_counts_the_rest():
    reports = [report(n, source=f"Observer {n}") for n in range(1, 7)]
    reports.append(report(9, status="Denied", count=None, source="Portugal"))
    _, reasons = verdict(reports)
    assert reasons == ["denied by Portugal; confirmed or reported by Observer 1, Observer 2, "
                       "Observer 3 and 3 more"]


def test_claims_rebuild_mends_what_went_around_newsgraph(tmp_path):
    from newsgraph.store import EmbeddedStore

    _load(tmp_path, ARTICLES[3:4])
    store = EmbeddedStore.open(tmp_path / "store")
    [claim] = [row["c"].value for row in store.query(
        "SELECT ?c WHERE { GRAPH ?c { ?c a ng:Claim } }")]
    store.remove_graph(claim)  # as a write straight to a remote store's endpoint would
    store.close()
    assert _rows(tmp_path, IN_CLAIMS) == []
    done = run_cli("claims", "--rebuild", "--store", str(tmp_path / "store"), "-f", "json")
    assert done.returncode == 0 and "claims: 1 written, 0 removed (all rebuilt" in done.stderr
    assert json.loads(done.stdout)[0]["destination"]["label"] == "Iceland"
    assert len(_rows(tmp_path, IN_CLAIMS)) == 1


def test_a_load_stopped_by_an_error_says_so_and_the_next_rebuilds_everything(tmp_path):
    from newsgraph.claims.pending import Run
    from newsgraph.claims.rebuild import rebuild
    from newsgraph.loader.gazetteer import Gazetteer
    from newsgraph.store import EmbeddedStore

    _load(tmp_path, ARTICLES[3:4])
    store = EmbeddedStore.open(tmp_path / "store")
    try:
        Run(store, DEFAULT_BASE_IRI).begin().stop()  # as an error or Ctrl-C leaves it
        assert [m.kind for m in marks(store)] == ["stopped"]
        done = rebuild(store, DEFAULT_BASE_IRI, Gazetteer.load(), [])
        assert done.whole and done.why == "a load stopped before its claims"
        assert marks(store) == []
    finally:
        store.close()
