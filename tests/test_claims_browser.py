"""The claims pages in a real browser, on the dev corpus loaded with its outlets and dates:
headless Chromium (Debian's package) opens the claims index, keeps the contested claims,
and reads the story of the one with the most reports. Run with
NEWSGRAPH_SCREENSHOT_DIR=docs to renew the pictures in docs/."""

from __future__ import annotations

import json
import time

import pytest

from .conftest import DEV, keep_screenshot, run_cli, start_server, stop_server, watched_page

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus/dev is not here")]


@pytest.fixture(scope="module")
def dev_server(tmp_path_factory):
    """The dev articles with the outlet, date, title and URL their records give, loaded by
    `newsgraph load` from a JSON Lines file written here (nothing of the corpus is kept)."""
    folder = tmp_path_factory.mktemp("dev-claims")
    lines = []
    for text in sorted(DEV.glob("*.txt")):
        meta = json.loads(text.with_suffix(".json").read_text(encoding="utf-8"))
        record = {"id": text.stem, "text": text.read_text(encoding="utf-8")}
        record |= {k: meta[k] for k in ("outlet", "published", "title", "url") if meta.get(k)}
        lines.append(json.dumps(record))
    (folder / "dev.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run_cli("load", str(folder / "dev.jsonl"), "--store", str(folder / "store"))
    assert done.returncode == 0, done.stderr
    server = start_server(folder / "store")
    yield server
    stop_server(server)


def _drawn(page, selector: str) -> None:
    """Wait until the image is loaded and drawn (a broken SVG has no width). Polled from
    here: Playwright's own waiting evaluates a string, which the pages' policy forbids."""
    deadline = time.monotonic() + 30
    while not page.evaluate(f"(img => !!img && img.complete && img.naturalWidth > 0)"
                            f"(document.querySelector({selector!r}))"):
        assert time.monotonic() < deadline, f"{selector} was not drawn in 30 s"
        time.sleep(0.1)


def test_an_analyst_finds_the_contested_claims_and_reads_one(dev_server, browser, tmp_path):
    page, problems, elsewhere = watched_page(browser, dev_server.url, height=1200)

    page.goto(dev_server.url + "/")
    page.click("nav.site >> text=claims")
    assert page.locator("h1").inner_text().startswith("Claims")
    every = page.locator("table.claims tbody tr").count()
    assert every >= 10
    _drawn(page, "figure.map img")

    page.select_option("select[name=verdict]", "contested")
    page.click("form.filters button")
    assert "verdict=contested" in page.url
    verdicts = page.locator("table.claims tbody tr td:nth-child(2)").all_inner_texts()
    assert verdicts and set(verdicts) == {"contested"} and len(verdicts) < every
    keep_screenshot(page, tmp_path / "claims-index.png")

    # The contested claim with the most reports.
    counts = [int(n.replace(",", "")) for n in
              page.locator("table.claims tbody tr td:nth-child(3)").all_inner_texts()]
    row = page.locator("table.claims tbody tr").nth(counts.index(max(counts)))
    name = row.locator("td:first-child a").inner_text()
    row.locator("td:first-child a").click()
    assert "/id/claim/" in page.url and page.locator("h1").inner_text() == name
    assert page.locator("p.verdict.contested").inner_text().startswith("Contested:")
    _drawn(page, "figure.chart img")
    assert page.locator("table.reports tbody tr").count() == max(counts)
    keep_screenshot(page, tmp_path / "claim-contested.png")

    # From a report to the article it was read in.
    page.locator("table.reports tbody tr td:last-child a").first.click()
    assert "/id/article/" in page.url
    assert problems == [] and elsewhere == []
