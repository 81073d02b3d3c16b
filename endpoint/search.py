"""/search: actors, places, quotes and headlines by the words in them.

An embedded store answers from its text index (newsgraph/textindex.py); a remote
store, or a store loaded before the index existed, by scanning names and quotes
with SPARQL (slower, the page says so). Either way every hit is read back from
the graph before it is shown, so the page never shows what the graph does not say.
"""

from __future__ import annotations

import json
import re

from flask import Blueprint, Response, render_template, request
from markupsafe import Markup, escape

from newsgraph import textindex
from newsgraph.vocab import sparql_prologue

from . import context
from .executor import QueryTimeout
from .results import NotAcceptable, choose, plain

bp = Blueprint("search", __name__)

LIMIT = 60
KINDS = ("actor", "place", "statement", "article")
FORMATS = {"text/html": "html", "application/json": "json"}
_KIND_OF_TYPE = {"Person": "actor", "Organization": "actor", "State": "actor",
                 "ArmedGroup": "actor", "Place": "place", "Statement": "statement",
                 "Article": "article"}


def marked(text: str) -> Markup:
    """Highlighted text for HTML: escaped, with the index's marks as <mark>."""
    return Markup(str(escape(text)).replace(textindex.MARK_START, "<mark>")
                  .replace(textindex.MARK_END, "</mark>"))


@bp.get("/search")
def search() -> Response:
    try:
        media = choose(request.accept_mimetypes, FORMATS, "text/html", request.args.get("format"),
                       {"json": "application/json", "html": "text/html"})
    except NotAcceptable as err:
        return plain(406, str(err))
    return _answer(FORMATS[media])


@bp.get("/search.json")
def search_json() -> Response:
    return _answer("json")


def _answer(ext: str) -> Response:
    text = request.args.get("q", "").strip()
    kind = request.args.get("kind") or None
    if kind is not None and kind not in KINDS:
        return plain(400, f"/search: kind must be one of {', '.join(KINDS)}, not {kind[:40]!r}")
    unknown = set(request.args) - {"q", "kind", "format"}
    if unknown:
        return plain(400, f"/search takes q (the words), kind and format, not "
                     f"{', '.join(sorted(unknown))}")
    results: list[dict] = []
    method = None
    if text:
        try:
            hits, method = _hits(text, kind)
            results = _described(hits)
        except textindex.BadSearch as err:
            return plain(400, f"/search: {err}")
        except (TimeoutError, QueryTimeout) as err:
            raise QueryTimeout("the search took too long; search for more words or a "
                               "phrase", retry_after=5) from err
    if ext == "json":
        body = {"q": text, "kind": kind, "method": method, "results": [
            {k: v for k, v in r.items() if k != "marked"} for r in results]}
        return Response(json.dumps(body, ensure_ascii=False, indent=1),
                        mimetype="application/json", headers={"Vary": "Accept"})
    grouped = {k: [r for r in results if r["kind"] == k] for k in KINDS}
    return Response(render_template("search.html", search_query=text, kind=kind,
                                    grouped=grouped, method=method, total=len(results),
                                    marked=marked),
                    mimetype="text/html", headers={"Vary": "Accept"})


def _hits(text: str, kind: str | None) -> tuple[list[textindex.Hit], str]:
    settings = context.settings()
    kinds = (kind,) if kind else None
    if not settings.remote:
        path = textindex.index_path(settings.store_path)
        if path.is_file():
            try:
                return (textindex.search(path, text, kinds=kinds, limit=LIMIT,
                                         seconds=min(settings.query_timeout, 5.0)), "index")
            except textindex.TextIndexError:
                pass  # unreadable: the scan still answers
    return _scan(text, kinds), "scan"


def _scan(text: str, kinds: tuple[str, ...] | None) -> list[textindex.Hit]:
    textindex.match_expression(text)  # the same rules for what may be searched
    words = [w.lower() for w in re.findall(r"\w+", text)][: textindex.MAX_TERMS]
    tests = " && ".join(f'CONTAINS(LCASE(STR(?text)), "{w}")' for w in words)
    query = sparql_prologue() + f"""SELECT ?r ?text ?t WHERE {{
      ?r rdfs:label|skos:altLabel|ng:quote|schema:headline ?text ; a ?t .
      FILTER(?t IN (ng:Person, ng:Organization, ng:State, ng:ArmedGroup, ng:Place,
                    ng:Statement, ng:Article))
      FILTER({tests}) }} LIMIT {LIMIT * 3}"""
    hits: dict[tuple[str, str], textindex.Hit] = {}
    for r in context.pool().rows(query):
        kind = _KIND_OF_TYPE[r["t"]["value"].rsplit("#", 1)[-1]]
        if kinds and kind not in kinds:
            continue
        full = r["text"]["value"]
        highlighted = re.sub("(" + "|".join(re.escape(w) for w in words) + ")",
                             textindex.MARK_START + r"\1" + textindex.MARK_END, full,
                             flags=re.IGNORECASE)
        hits.setdefault((kind, r["r"]["value"]),
                        textindex.Hit(kind, r["r"]["value"], full, highlighted, 0.0))
    return list(hits.values())[:LIMIT]


def _described(hits: list[textindex.Hit]) -> list[dict]:
    """The hits the graph holds, each with what a result line shows."""
    if not hits:
        return []
    values = " ".join(f"<{h.iri}>" for h in {h.iri: h for h in hits}.values())
    found = context.pool().rows(sparql_prologue() + f"""
    SELECT ?r ?type ?label ?speaker ?speakerLabel ?article ?headline ?published ?outlet
    WHERE {{ VALUES ?r {{ {values} }} ?r a ?t . BIND(STRAFTER(STR(?t), "#") AS ?type)
      FILTER(?t IN (ng:Person, ng:Organization, ng:State, ng:ArmedGroup, ng:Place,
                    ng:Statement, ng:Article))
      OPTIONAL {{ ?r rdfs:label ?label }}
      OPTIONAL {{ ?r ng:speaker ?speaker OPTIONAL {{ ?speaker rdfs:label ?speakerLabel }} }}
      OPTIONAL {{ {{ ?r ng:source ?article }} UNION {{ ?r a ng:Article BIND(?r AS ?article) }}
        OPTIONAL {{ ?article schema:headline ?title }}
        OPTIONAL {{ ?article dcterms:identifier ?id }} BIND(COALESCE(?title, ?id) AS ?headline)
        OPTIONAL {{ ?article schema:datePublished ?published }}
        OPTIONAL {{ ?article schema:publisher/rdfs:label ?outlet }} }} }}""")
    known: dict[str, dict[str, str]] = {}
    for r in found:
        cells = {k: v["value"] for k, v in r.items()}
        into = known.setdefault(cells["r"], {})
        for k, v in cells.items():
            if k not in into or v < into[k]:
                into[k] = v
    out = []
    for h in hits:
        cells = known.get(h.iri)
        if cells is None or _KIND_OF_TYPE.get(cells.get("type", "")) != h.kind:
            continue  # not (or no longer) in the graph this server reads
        out.append({"kind": h.kind, "iri": h.iri, "text": h.text, "marked": h.marked,
                    **{k: cells.get(k) for k in ("type", "label", "speaker", "speakerLabel",
                                                 "article", "headline", "published",
                                                 "outlet")}})
    return out
