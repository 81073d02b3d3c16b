"""The pages a newcomer starts from, in a real browser: headless Chromium (Debian's package)
opens the home page, follows a list, filters it by a facet, searches, and opens an actor's
page, all without JavaScript of ours and without a request leaving the server. Run with
NEWSGRAPH_SCREENSHOT_DIR=docs to renew the README's pictures."""

from __future__ import annotations

import pytest

from .conftest import keep_screenshot, watched_page

pytestmark = pytest.mark.slow


def test_a_newcomer_browses_filters_searches_and_reads_an_actor_page(server, browser,
                                                                      tmp_path):
    page, problems, elsewhere = watched_page(browser, server.url)

    page.goto(server.url + "/")
    assert page.locator("h1").inner_text() == "newsgraph"
    assert "4 news articles" in page.locator("p.lead").inner_text()
    assert page.locator("section >> text=Newest articles").count() == 1
    keep_screenshot(page, tmp_path / "home.png")

    page.click("ul.cards >> text=statements")
    assert page.url.endswith("/statements")
    everything = page.locator("table tbody tr").count()
    page.click("section.facet:has(h2:text('Kind')) a:text-is('Direct')")
    assert "kind=Direct" in page.url
    kinds = page.locator("table tbody tr td:nth-child(3)").all_inner_texts()
    assert kinds and set(kinds) == {"Direct"} and len(kinds) < everything
    keep_screenshot(page, tmp_path / "statements-by-kind.png")

    speaker = page.locator("table tbody tr td:nth-child(2) a").first.inner_text()
    page.fill("nav form.search input[name=q]", speaker.split()[-1])
    page.press("nav form.search input[name=q]", "Enter")
    assert "/search?q=" in page.url
    found = page.locator("section:has(h2:text-matches('Actors')) li a")
    assert speaker in found.all_inner_texts()
    keep_screenshot(page, tmp_path / "search.png")

    found.filter(has_text=speaker).first.click()
    assert "/id/actor/" in page.url
    assert page.locator("h1").inner_text() == speaker
    assert page.locator("blockquote.evidence mark").count() > 0
    keep_screenshot(page, tmp_path / "actor-page.png")

    assert problems == [] and elsewhere == []
