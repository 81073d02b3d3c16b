"""Saved web pages: the story without the site around it, its metadata, and the pages
that are not articles told apart, each with its reason."""

from __future__ import annotations

import json

from newsgraph.loader.inputs import read_articles
from newsgraph.loader.model import Article
from newsgraph.loader.webpage import article_id, canonical_url, read_page

STORY = [
    "The coastal state of Varnia has sent 400 engineers and two field hospitals to its "
    "northern neighbour after the floods, the interior ministry said on Monday.",
    '"Our teams will stay as long as they are needed," said Lena Brask, the interior '
    "minister, at a press conference in the capital.",
    "Officials in the neighbouring state said the engineers had begun to repair three "
    "bridges and a pumping station that the water had cut off.",
    "The opposition accused the government of sending too few people, and said the "
    "army should have been asked to help from the first day of the disaster.",
]


def news_page(paragraphs: list[str] = STORY, head: str = "", lang: str = "en") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs[:2])
    body += ('<p class="more"><strong>Read more:</strong> <a href="/r/9">Ferry timetable '
             "changes for the summer</a></p>")
    body += "".join(f"<p>{p}</p>" for p in paragraphs[2:])
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>Varnia sends engineers north | The Lakeside Ledger</title>
<link rel="canonical" href="https://www.lakeside-ledger.example/world/varnia-engineers?utm_source=rss&amp;utm_medium=feed#top">
<meta property="og:site_name" content="The Lakeside Ledger">
<meta name="author" content="Petra Holm">
<meta property="article:published_time" content="2025-06-02T08:00:00Z">{head}</head>
<body><div class="cookies">We use cookies to improve your visit. Accept all cookies?</div>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Varnia sends engineers north</h1><p class="byline">By Petra Holm</p>
<figure><img src="x.jpg"><figcaption>A flooded road near the border on Sunday.</figcaption>
</figure>{body}</article>
<aside><h2>Related</h2><ul><li><a href="/a">Storm season starts early</a></li>
<li><a href="/b">Harbour fees to rise</a></li></ul></aside>
<section class="comments"><p>reader_77: Finally some help for those towns!</p></section>
<footer>© The Lakeside Ledger</footer></body></html>"""


def test_the_story_comes_without_the_site_and_with_its_metadata():
    page = read_page(news_page().encode(), "saved.html")
    assert isinstance(page, Article)
    # Paragraphs apart by a blank line, as in a .txt; the headline is the title.
    assert page.text == "\n\n".join(STORY)
    for noise in ("cookies", "Read more", "Ferry", "Related", "reader_77", "flooded road",
                  "©", "By Petra"):
        assert noise not in page.text
    assert (page.title, page.author, page.outlet, page.language) == (
        "Varnia sends engineers north", "Petra Holm", "The Lakeside Ledger", "en")
    assert page.published.isoformat() == "2025-06-02"
    assert page.url == "https://www.lakeside-ledger.example/world/varnia-engineers"
    assert page.id == article_id(page.url) and page.id.startswith(
        "lakeside-ledger.example-varnia-engineers-")


def test_metadata_from_json_ld():
    data = {"@context": "https://schema.org", "@type": "NewsArticle",
            "headline": "Varnia sends engineers north", "datePublished": "2025-06-03",
            "author": {"@type": "Person", "name": "Ivo Sand"},
            "publisher": {"@type": "Organization", "name": "Morning Star Gazette"}}
    page_html = ("<html><head><title>x</title><script type=\"application/ld+json\">"
                 f"{json.dumps(data)}</script></head><body><div class=\"story\">"
                 + "".join(f"<div><p>{p}</p></div>" for p in STORY) + "</div></body></html>")
    page = read_page(page_html.encode(), "ld.html")
    assert isinstance(page, Article), page
    assert (page.author, page.outlet, page.published.isoformat()) == (
        "Ivo Sand", "Morning Star Gazette", "2025-06-03")
    assert page.text == "\n\n".join(STORY)


def test_pages_that_are_not_articles_are_skipped_with_the_reason():
    index = ("<html><body><nav><a href='/'>Home</a></nav><h1>World</h1><ul>"
             + "".join(f"<li><a href='/s/{n}'>Story number {n} of the day</a></li>"
                       for n in range(30)) + "</ul></body></html>")
    skipped = read_page(index.encode(), "index.html")
    assert skipped.skipped and ("not an article" in skipped.message
                                or "no article text" in skipped.message)
    german = [
        "Das Küstenland Varnia hat nach den Überschwemmungen 400 Ingenieure und zwei "
        "Feldlazarette zu seinem nördlichen Nachbarn geschickt, sagte das Ministerium.",
        "Unsere Teams werden so lange bleiben, wie sie gebraucht werden, sagte die "
        "Ministerin am Montag auf einer Pressekonferenz in der Hauptstadt des Landes.",
        "Die Opposition warf der Regierung vor, zu wenige Leute geschickt zu haben, und "
        "sagte, die Armee hätte vom ersten Tag an um Hilfe gebeten werden sollen.",
    ]
    foreign = read_page(news_page(german, lang="de").encode(), "de.html")
    assert foreign.skipped and "written in 'de', not English" in foreign.message


def test_files_that_are_not_pages_are_problems_and_broken_markup_is_read():
    binary = read_page(bytes(range(256)) * 40, "photo.html")
    assert not binary.skipped and "not an HTML page" in binary.message
    broken = news_page().replace("</p>", "", 3).replace("</article>", "</div></span>")
    page = read_page(broken.encode(), "broken.html")
    assert isinstance(page, Article) and STORY[1] in page.text


def test_one_story_through_two_urls_is_one_article(tmp_path):
    (tmp_path / "a.html").write_text(news_page())
    twin = news_page().replace("utm_source=rss", "utm_source=newsletter")
    (tmp_path / "b.html").write_text(twin)
    items = list(read_articles([tmp_path]))
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) == 1
    [again] = [i for i in items if not isinstance(i, Article)]
    assert again.skipped and "the same story as" in again.message
    assert canonical_url("HTTPS://WWW.Lakeside-Ledger.example:443/world/varnia-engineers"
                         "?fbclid=abc") == articles[0].url


def test_command_line_metadata_wins_over_the_page_and_is_checked(tmp_path):
    from newsgraph.loader.articles import TextMetadata

    saved = tmp_path / "saved.html"
    saved.write_text(news_page())
    [page] = read_articles([saved], TextMetadata(outlet="Desk", published="2025-07-01"))
    assert (page.outlet, page.published.isoformat(), page.author) == (
        "Desk", "2025-07-01", "Petra Holm")
    [bad] = read_articles([saved], TextMetadata(published="soon"))
    assert not isinstance(bad, Article) and "not an ISO date" in bad.message
