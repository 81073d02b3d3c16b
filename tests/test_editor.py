"""The query editor in a real browser: headless Chromium (Debian's package) opens /editor,
clicks an example, and reads the result table YASGUI draws from our endpoint."""

from __future__ import annotations

import pytest
import requests

from .conftest import keep_screenshot

pytestmark = pytest.mark.slow



def test_an_example_query_runs_in_the_editor_and_fills_the_table(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    problems = []
    page.on("pageerror", lambda err: problems.append(str(err)))
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.goto(server.url + "/editor")
    page.click("button.example >> text=Troop figures by deployer, destination and source")
    page.wait_for_selector(".yasr table tbody tr", timeout=30_000)
    headers = [h.strip() for h in page.locator(".yasr table thead th").all_inner_texts()]
    assert "deployer" in headers and "destination" in headers
    rows = page.locator(".yasr table tbody tr").all_inner_texts()
    assert len(rows) == 7 and any("North Korea" in r and "Russia" in r for r in rows)
    keep_screenshot(page, tmp_path / "query-editor.png")
    # A cell holding one of the dataset's IRIs opens its page on this server: a click
    # points the link there (as a script clicks it: YASR lays an overlay on the cell,
    # and a browser opens no new tab for a script's click).
    link = page.locator(".yasr table tbody a[href^='https://w3id.org/newsgraph/id/']"
                        ).first.element_handle()
    link.dispatch_event("click")
    href = link.evaluate("a => a.href")
    assert href.startswith(server.url + "/id/"), href
    page.goto(href)
    assert page.locator("h1").count() == 1 and "/id/" in page.url
    # Offline by design: nothing fetched from a CDN, no script error, no blocked request.
    assert problems == []


def test_the_editor_files_come_from_the_local_install(server):
    for name in ("yasgui.min.js", "yasgui.min.css"):
        answer = requests.get(f"{server.url}/vendor/yasgui/{name}", timeout=10)
        assert answer.status_code == 200 and len(answer.content) > 10_000
    assert requests.get(server.url + "/vendor/yasgui/package.json", timeout=10).status_code == 404
    page = requests.get(server.url + "/editor", timeout=10).text
    assert "unpkg" not in page and "cdn" not in page.lower()


def test_without_the_editor_the_page_says_how_to_install_it(sample_store, tmp_path):
    from .conftest import start_server, stop_server

    env_server = start_server(sample_store, None, env={"NEWSGRAPH_YASGUI_DIR": str(tmp_path)})
    try:
        page = requests.get(env_server.url + "/editor", timeout=10)
        assert page.status_code == 200
        assert "npm ci --prefix web" in page.text and "<form" in page.text
    finally:
        stop_server(env_server)


def test_the_editor_is_found_wherever_serve_is_started(sample_store, tmp_path):
    from .conftest import start_server, stop_server

    elsewhere = start_server(sample_store.resolve(), None, cwd=tmp_path)
    try:
        page = requests.get(elsewhere.url + "/editor", timeout=10)
        assert page.status_code == 200 and "yasgui.min.js" in page.text
        assert "npm ci" not in page.text
        assert requests.get(elsewhere.url + "/vendor/yasgui/yasgui.min.js",
                            timeout=10).status_code == 200
    finally:
        stop_server(elsewhere)
