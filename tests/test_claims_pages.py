"""Claims in the browser and as data: the index with its filters, map and twins, a claim's
page with its verdict, chart, reports and denials, and actor pages linking to claims.
Made-up articles from several outlets and dates (tests/test_claims.py)."""

from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import quote

import pytest

from .test_claims import ARTICLES


@pytest.fixture(scope="module")
def claims_web(tmp_path_factory):
    from click.testing import CliRunner

    from newsgraph.commands.cli import main
    from newsgraph.config import Settings
    from newsgraph.endpoint import create_app
    from newsgraph.endpoint.executor import InlinePool

    folder = tmp_path_factory.mktemp("claims")
    path = folder / "in.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES))
    done = CliRunner().invoke(main, ["load", str(path), "--store", str(folder / "store"), "-q"])
    assert done.exit_code == 0, done.output
    app = create_app(Settings(store_path=folder / "store"), pool_factory=InlinePool)
    return app.test_client()


def _index(web, query: str = "") -> dict:
    answer = web.get("/claims.json" + query)
    assert answer.status_code == 200, answer.text
    return answer.get_json()


def test_the_index_lists_filters_and_maps_the_claims(claims_web):
    found = _index(claims_web)
    assert [(c["label"], c["verdict"], c["reports"]) for c in found["claims"]] == [
        ("Portugal to Lithuania", "contested", 4), ("Norway to Iceland", "uncontested", 1)]
    portugal = found["claims"][0]
    assert (portugal["first"], portugal["latest"], portugal["lowest"], portugal["highest"]) \
        == ("2025-03-01", "2025-04-20", 1000, 3000)
    assert portugal["destination_wikidata"].endswith("/Q37")
    assert [c["label"] for c in _index(claims_web, "?verdict=contested")["claims"]] == [
        "Portugal to Lithuania"]
    assert [c["label"] for c in _index(claims_web, "?deployer=norw")["claims"]] == [
        "Norway to Iceland"]
    assert [c["label"] for c in _index(claims_web, "?destination=Q37")["claims"]] == [
        "Portugal to Lithuania"]
    # The HTML page: both claims, the contested one marked, the filters as a form.
    page = claims_web.get("/claims").text
    assert re.search(r"<strong>1</strong>\s+of 2 claims\s+is contested", page)
    assert page.index("Portugal to Lithuania") < page.index("Norway to Iceland")
    assert 'name="verdict"' in page and 'src="/claims/map.svg"' in page
    # A spreadsheet's rows.
    rows = list(csv.DictReader(io.StringIO(claims_web.get("/claims.csv").text)))
    assert [(r["label"], r["verdict"], r["reports"]) for r in rows] == [
        ("Portugal to Lithuania", "contested", "4"), ("Norway to Iceland", "uncontested", "1")]
    # The map shades the destinations with reports, and only them.
    svg = claims_web.get("/claims/map.svg?verdict=contested")
    assert svg.mimetype == "image/svg+xml"
    shaded = set(re.findall(r'<g class="(\w\w) country map-element color-', svg.text))
    assert "lt" in shaded and "is" not in shaded


def test_bad_filters_are_refused_with_what_to_do(claims_web):
    for query, says in (("?verdict=maybe", "give contested or uncontested"),
                        ("?colour=red", "unknown parameter 'colour'"),
                        ("?deployer=" + "x" * 300, "give at most 200")):
        answer = claims_web.get("/claims" + query)
        assert answer.status_code == 400 and says in answer.text, (query, answer.text)
    for path in ("/claims/of?iri=https://elsewhere.example/x&format=json",
                 "/claims/chart.svg?iri=%3Cscript%3E"):
        answer = claims_web.get(path)
        assert answer.status_code == 400 and "claim's IRI" in answer.text
    base = json.loads(claims_web.get("/claims.json").text)["claims"][0]["claim"]
    missing = claims_web.get("/claims/of?format=json&iri=" + quote(base + "-gone"))
    assert missing.status_code == 404 and "no claim" in missing.text
    assert claims_web.get("/claims/of?format=xml&iri=" + quote(base)).status_code == 400


def test_a_claims_page_tells_its_story(claims_web):
    portugal = _index(claims_web)["claims"][0]
    answer = claims_web.get(portugal["page"])
    assert answer.status_code == 303
    page = claims_web.get(answer.headers["Location"]).text
    verdict = re.search(r'<p class="verdict contested">(.*?)</p>', page, re.S).group(1)
    # The destination, and no place within it: no report names one.
    destination = re.search(r"<dt>Destination</dt><dd>(.*?)</dd>", page, re.S).group(1)
    assert ">Lithuania</a>" in destination and "including" not in destination
    assert "Contested:" in verdict and "denied by Portugal" in verdict
    # Each report a row, its words linked to the deployment, its article linked.
    rows = re.findall(r'<tr class="(Reported|Confirmed|Denied|Planned)">', page)
    assert len(rows) == 4 and rows.count("Denied") == 1
    for article in ("c1", "c2", "c3", "c5"):
        assert f'href="/id/article/{article}"' in page
    # The denial, and the statement it was said in.
    denials = page[page.index("<h2>Denials (1)</h2>"):page.index("<h2>Reports")]
    assert "Portugal denied" in denials and "/statement/" in denials
    # Its data twin is what `newsgraph claims -f json` prints for it.
    twin = re.search(r'<a href="(/claims/of\?[^"]+format=json[^"]*)"', page).group(1)
    data = claims_web.get(twin.replace("&amp;", "&")).get_json()
    assert [r["count"] for r in data[0]["reports"]] == [1000, 3000, None, 1200]
    assert data[0]["verdict"] == "contested"
    # The chart: a series per source with figures, named in its legend.
    chart_url = re.search(r'<img src="(/claims/chart\.svg\?[^"]+)"', page).group(1)
    chart = claims_web.get(chart_url.replace("&amp;", "&"))
    assert chart.mimetype == "image/svg+xml"
    assert len(set(re.findall(r'class="series (serie-\d+)', chart.text))) == \
        len(data[0]["ranges"]) == 2
    for source in data[0]["ranges"]:
        assert f">{source}</text>" in chart.text


def test_actor_pages_link_to_the_claims_they_deploy_host_or_report(claims_web):
    page = claims_web.get("/id/actor/portugal.html").text
    section = page[page.index("<h2>Claims</h2>"):]
    assert "<dt>Deploys</dt>" in section and "Portugal to Lithuania" in section
    host = claims_web.get("/id/actor/lithuania.html").text
    assert "<dt>Hosts</dt>" in host[host.index("<h2>Claims</h2>"):]


def test_a_long_claim_is_shown_a_page_of_reports_at_a_time(claims_web, monkeypatch):
    from newsgraph.endpoint import claims as pages

    monkeypatch.setattr(pages, "PAGE_SIZE", 3)
    path = _index(claims_web)["claims"][0]["page"] + ".html"
    first = claims_web.get(path + "?page=1").text  # not the page other tests kept
    assert "Reports 1–3 of 4, oldest first; page 1 of 2." in first
    assert len(re.findall(r'<tr class="(?:Reported|Denied)">', first)) == 3
    # The verdict and the chart still read every report.
    assert "Contested:" in first and "denied by Portugal" in first
    second = claims_web.get(path + "?page=2").text
    assert "Reports 4–4 of 4" in second and 'rel="prev"' in second
    assert len(re.findall(r'<tr class="Reported">', second)) == 1
    bad = claims_web.get(path + "?page=last")
    assert bad.status_code == 400 and "page must be a whole number" in bad.text
