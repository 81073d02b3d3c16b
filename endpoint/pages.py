"""What a Linked Data page shows, gathered with SPARQL: plain functions, rows in, dicts out.

Every function takes ``rows`` (a SELECT query -> SPARQL JSON bindings) so the
pages are built from the same executor pool, with the same time limit, as
any query.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from newsgraph.vocab import NG, sparql_prologue

Rows = Callable[[str], list[dict[str, dict]]]

# Characters of article text fetched around a span to find its sentence.
WINDOW = 400
LIST_LIMIT = 200
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+|\n")


def _prefixed(text: str) -> str:
    return sparql_prologue() + text


def _cell(row: dict, name: str) -> str | None:
    cell = row.get(name)
    return None if cell is None else cell["value"]


def exists(rows: Rows, iri: str) -> bool:
    found = rows(_prefixed(f"SELECT ?x WHERE {{ {{ <{iri}> ?p ?x }} UNION {{ ?x ?p <{iri}> }} "
                    f"UNION {{ GRAPH <{iri}> {{ ?x ?p ?o }} }} }} LIMIT 1"))
    return bool(found)


def types(rows: Rows, iri: str) -> set[str]:
    return {_cell(r, "t") for r in rows(_prefixed(f"SELECT DISTINCT ?t WHERE {{ <{iri}> a ?t }}"))}


def properties(rows: Rows, iri: str) -> list[dict]:
    """Every (predicate, object) of a resource in the merged graph, for the generic page."""
    out = []
    for r in rows(_prefixed(f"SELECT ?p ?o ?label WHERE {{ <{iri}> ?p ?o "
                     f"OPTIONAL {{ ?o rdfs:label ?label }} }} ORDER BY ?p ?o LIMIT 1000")):
        out.append({"p": _cell(r, "p"), "o": _cell(r, "o"), "type": r["o"]["type"],
                    "label": _cell(r, "label")})
    return out


@dataclass
class EvidenceInSentence:
    """A resource's evidence in its article, cut to its sentence for display."""

    resource: str
    article: str
    headline: str | None
    published: str | None
    outlet: str | None
    before: str
    exact: str
    after: str
    extra: dict[str, str | None] = field(default_factory=dict)


def sentence_of(window: str, start: int, end: int) -> tuple[str, str, str]:
    """(text before, the span, text after) within the span's sentence."""
    before, exact, after = window[:start], window[start:end], window[end:]
    cuts = list(_SENTENCE_END.finditer(before))
    if cuts:
        before = before[cuts[-1].end():]
    following = _SENTENCE_END.search(after)
    if following:
        after = after[:following.end()].rstrip()
    return before, exact, after


# Which spans to show, in order, comes first and from small values only; the article
# text and names are read for those rows alone. Cut from the body before the LIMIT,
# the windows made an actor quoted thousands of times take seconds to show 200.
_SPAN_KEYS = """
  ?r ng:source ?article ; ng:evidence ?e .
  ?e oa:start ?start ; oa:end ?end .
  OPTIONAL { ?article schema:datePublished ?published }
  FILTER EXISTS { ?article schema:articleBody ?anyBody }
"""

_SPAN_TEXT = """
  ?article schema:articleBody ?body .
  OPTIONAL { ?article schema:headline ?title }
  OPTIONAL { ?article dcterms:identifier ?id }
  # An article without a title is named by its id, never by a generic word.
  BIND(COALESCE(?title, ?id) AS ?headline)
  OPTIONAL { ?article schema:publisher/rdfs:label ?outlet }
  BIND(IF(?start > WINDOW, ?start - WINDOW, 0) AS ?from)
  BIND(SUBSTR(?body, ?from + 1, ?end - ?from + WINDOW) AS ?window)
""".replace("WINDOW", str(WINDOW))


def _evidence(rows: Rows, where: str, extra: tuple[str, ...],
              order: str) -> list[EvidenceInSentence]:
    names = " ".join(f"?{n}" for n in extra)
    query = (f"SELECT ?r ?article ?headline ?published ?outlet ?start ?end ?from ?window "
             f"{names} WHERE {{ {{ SELECT ?r ?article ?published ?start ?end {names} "
             f"WHERE {{ {where} {_SPAN_KEYS} }} ORDER BY {order} LIMIT {LIST_LIMIT} }} "
             f"{_SPAN_TEXT} }} ORDER BY {order}")
    out = []
    for r in rows(_prefixed(query)):
        offset = int(_cell(r, "from"))
        start, end = int(_cell(r, "start")) - offset, int(_cell(r, "end")) - offset
        before, exact, after = sentence_of(_cell(r, "window") or "", start, end)
        out.append(EvidenceInSentence(
            _cell(r, "r"), _cell(r, "article"), _cell(r, "headline"), _cell(r, "published"),
            _cell(r, "outlet"), before, exact, after, {n: _cell(r, n) for n in extra}))
    return out


def actor(rows: Rows, iri: str) -> dict:
    names = rows(_prefixed(f"""SELECT ?label ?alt ?role ?type ?same ?method ?score WHERE {{
      <{iri}> rdfs:label ?label .
      OPTIONAL {{ <{iri}> skos:altLabel ?alt }} OPTIONAL {{ <{iri}> ng:role ?role }}
      OPTIONAL {{ <{iri}> a ?type FILTER(?type != ng:Actor) }}
      OPTIONAL {{ <{iri}> owl:sameAs ?same OPTIONAL {{ <{iri}> ng:linkMethod ?method }}
                 OPTIONAL {{ <{iri}> ng:linkScore ?score }} }} }}"""))
    statements = _evidence(rows, f"?r ng:speaker <{iri}> ; ng:statementKind ?kind .",
                        ("kind",), "DESC(?published) ?article ?start")
    deployments = {}
    for role, path in (("made", "ng:deployer"), ("received", "ng:destination"),
                       ("reported", "ng:reportedBy")):
        deployments[role] = _evidence(rows, f"""?r {path} <{iri}> ; ng:status ?status .
          OPTIONAL {{ ?r ng:deployer/rdfs:label ?deployer }}
          OPTIONAL {{ ?r ng:destination/rdfs:label ?destination }}
          OPTIONAL {{ ?r ng:personnelCount ?count }}""",
                                   ("status", "deployer", "destination", "count"),
                                   "DESC(?published) ?article ?start")
    return {"claims": claims_of(rows, iri),
            "labels": sorted({_cell(r, "label") for r in names}),
            "aliases": sorted({_cell(r, "alt") for r in names if _cell(r, "alt")}),
            "roles": sorted({_cell(r, "role") for r in names if _cell(r, "role")}),
            "types": sorted({local_name(_cell(r, "type")) for r in names if _cell(r, "type")}),
            "links": sorted({(_cell(r, "same"), _cell(r, "method"), _cell(r, "score"))
                             for r in names if _cell(r, "same")}),
            "statements": statements, "deployments": deployments}


def claims_of(rows: Rows, iri: str) -> dict[str, list[dict]]:
    """The claims (newsgraph/claims) an actor or place deploys, hosts (as destination or
    a place within it) or reports, newest first."""
    found = rows(_prefixed(f"""SELECT DISTINCT ?role ?c ?label ?verdict ?n ?last WHERE {{
      {{ GRAPH ?c {{ ?c ng:claimDeployer <{iri}> }} BIND("deploys" AS ?role) }}
      UNION {{ GRAPH ?c {{ ?c ng:claimDestination <{iri}> }} BIND("hosts" AS ?role) }}
      UNION {{ GRAPH ?c {{ ?c ng:claimPlace <{iri}> }} BIND("hosts" AS ?role) }}
      UNION {{ ?d ng:reportedBy <{iri}> . GRAPH ?c {{ ?c ng:report ?d }}
               BIND("reports" AS ?role) }}
      GRAPH ?c {{ ?c a ng:Claim ; rdfs:label ?label ; ng:verdict ?verdict ;
                     ng:reportCount ?n . OPTIONAL {{ ?c ng:lastReported ?last }} }}
    }} ORDER BY DESC(?last) ?label LIMIT {LIST_LIMIT}"""))
    out: dict[str, list[dict]] = {"deploys": [], "hosts": [], "reports": []}
    for r in found:
        entry = {"claim": _cell(r, "c"), "label": _cell(r, "label"),
                 "verdict": local_name(_cell(r, "verdict")).lower(),
                 "reports": int(_cell(r, "n")), "latest": _cell(r, "last")}
        if entry not in out[_cell(r, "role")]:
            out[_cell(r, "role")].append(entry)
    return out


def place(rows: Rows, iri: str) -> dict:
    info = actor(rows, iri)
    info["located"] = _evidence(rows, f"?r ng:location <{iri}> ; a ?kind .", ("kind",),
                             "DESC(?published) ?article ?start")
    return info


def statement(rows: Rows, iri: str) -> dict:
    found = _evidence(rows, f"""VALUES ?r {{ <{iri}> }} ?r ng:statementKind ?kind ;
        ng:speaker ?speaker . ?speaker rdfs:label ?speakerLabel .
        OPTIONAL {{ ?r ng:statedOn ?statedOn }}
        OPTIONAL {{ ?r ng:location ?location . ?location rdfs:label ?locationLabel }}""",
                   ("kind", "speaker", "speakerLabel", "statedOn", "location",
                    "locationLabel"), "?start")
    return {"span": found[0] if found else None, "properties": properties(rows, iri)}


def deployment(rows: Rows, iri: str) -> dict:
    found = _evidence(rows, f"""VALUES ?r {{ <{iri}> }} ?r ng:status ?status ;
        ng:deployer ?deployer ; ng:destination ?destination .
        ?deployer rdfs:label ?deployerLabel . ?destination rdfs:label ?destinationLabel .
        OPTIONAL {{ ?r ng:personnelCount ?count }} OPTIONAL {{ ?r ng:countQualifier ?qualifier }}
        OPTIONAL {{ ?r ng:unit ?unit }}
        OPTIONAL {{ ?r ng:reportedBy ?reporter . ?reporter rdfs:label ?reporterLabel }}""",
                   ("status", "deployer", "deployerLabel", "destination", "destinationLabel",
                    "count", "qualifier", "unit", "reporter", "reporterLabel"), "?start")
    return {"span": found[0] if found else None, "properties": properties(rows, iri)}


def article(rows: Rows, iri: str) -> dict:
    meta = rows(_prefixed(f"""
    SELECT ?id ?headline ?published ?url ?outlet ?outletLabel ?body WHERE {{
      GRAPH <{iri}> {{ <{iri}> schema:articleBody ?body ; dcterms:identifier ?id .
        OPTIONAL {{ <{iri}> schema:headline ?headline }}
        OPTIONAL {{ <{iri}> schema:datePublished ?published }}
        OPTIONAL {{ <{iri}> schema:url ?url }}
        OPTIONAL {{ <{iri}> schema:publisher ?outlet . ?outlet rdfs:label ?outletLabel }} }}
    }} LIMIT 1"""))
    if not meta:
        return {}
    m = meta[0]
    spans = rows(_prefixed(f"""SELECT ?r ?type ?start ?end ?who WHERE {{ GRAPH <{iri}> {{
      ?r a ?type ; ng:evidence ?e . ?e oa:start ?start ; oa:end ?end .
      OPTIONAL {{ ?r ng:speaker|ng:deployer ?a . ?a rdfs:label ?who }} }} }}"""))
    marked = [(int(_cell(r, "start")), int(_cell(r, "end")), _cell(r, "r"),
               local_name(_cell(r, "type")), _cell(r, "who")) for r in spans]
    actors = rows(_prefixed(f"""SELECT DISTINCT ?a ?label ?type WHERE {{ GRAPH <{iri}> {{
      ?a rdfs:label ?label ; a ?type . FILTER(?type != ng:Actor)
      FILTER(?type IN (ng:Person, ng:Organization, ng:State, ng:ArmedGroup, ng:Place)) }} }}
      ORDER BY ?type ?label"""))
    fields = ("id", "headline", "published", "url", "outlet", "outletLabel")
    return {**{name: _cell(m, name) for name in fields},
            "segments": segments(_cell(m, "body") or "", marked),
            "spans": sorted(marked), "actors": [
                {"iri": _cell(r, "a"), "label": _cell(r, "label"),
                 "type": local_name(_cell(r, "type"))}
                for r in actors]}


def outlet(rows: Rows, iri: str) -> dict:
    found = rows(_prefixed(f"""SELECT ?a ?headline ?published WHERE {{ ?a schema:publisher <{iri}> .
      OPTIONAL {{ ?a schema:headline ?headline }} OPTIONAL {{ ?a schema:datePublished ?published }}
    }} ORDER BY DESC(?published) LIMIT {LIST_LIMIT}"""))
    return {"articles": [{"iri": _cell(r, "a"), "headline": _cell(r, "headline"),
                          "published": _cell(r, "published")} for r in found]}


def segments(text: str, spans: list[tuple[int, int, str, str, str | None]]) -> list[dict]:
    """The text cut at every span boundary. Each piece knows every span over it (for its
    marking), links to the innermost one, and carries a numbered marker for each span that
    starts there: spans overlap, and links cannot nest, yet every span gets its own link."""
    cuts = sorted({0, len(text), *(s for s, *_ in spans), *(e for _, e, *_ in spans)})
    ordered = sorted(spans, key=lambda s: (s[0], -s[1], s[2]))
    number = {s[2]: n for n, s in enumerate(ordered, start=1)}
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b or b > len(text):
            continue
        over = [s for s in spans if s[0] <= a and b <= s[1]]
        inner = min(over, key=lambda s: (s[1] - s[0], s[2])) if over else None
        out.append({"text": text[a:b], "iri": inner[2] if inner else None,
                    "kinds": sorted({s[3] for s in over}),
                    "who": inner[4] if inner else None,
                    "starts": [{"iri": s[2], "kind": s[3], "who": s[4], "n": number[s[2]]}
                               for s in ordered if s[0] == a]})
    return out


def local_name(iri: str | None) -> str:
    """Person for ng:Person; other IRIs whole."""
    if not iri:
        return ""
    return iri.rsplit("#", 1)[-1] if iri.startswith(str(NG)) else iri


def plural(count: int | str | None, noun: str) -> str:
    """"1 statement", "2 statements", "no statements"."""
    n = int(count or 0)
    return f"{n:,} {noun}{'' if n == 1 else 's'}" if n else f"no {noun}s"



def folder(rows: Rows, prefix: str, limit: int, offset: int) -> dict:
    """What a minted folder holds: its sub-folders with how many resources each holds, and
    the resources directly in it (not in a sub-folder, not a #part), in IRI order."""
    literal = '"' + prefix.replace("\\", "\\\\").replace('"', '\\"') + '"'
    named = f"""{{ {{ ?s a ?t }} UNION {{ GRAPH ?s {{ }} }}
      FILTER(isIRI(?s) && STRSTARTS(STR(?s), {literal}))
      BIND(STRAFTER(STR(?s), {literal}) AS ?rest) FILTER(?rest != "" && !CONTAINS(?rest, "#")) }}"""
    folders = rows(_prefixed(f"""SELECT ?folder (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {named}
      FILTER(CONTAINS(?rest, "/")) BIND(STRBEFORE(?rest, "/") AS ?folder) }}
      GROUP BY ?folder ORDER BY ?folder LIMIT 1000"""))
    items = rows(_prefixed(f"""SELECT ?s (SAMPLE(?name) AS ?label) (MIN(?kind) AS ?type) WHERE {{
      {named} FILTER(!CONTAINS(?rest, "/"))
      OPTIONAL {{ ?s a ?kind FILTER(?kind != ng:Actor) }}
      OPTIONAL {{ ?s rdfs:label|schema:headline|dcterms:identifier ?name }} }}
      GROUP BY ?s ORDER BY ?s LIMIT {limit} OFFSET {offset}"""))
    return {"folders": [{"name": _cell(r, "folder"), "count": int(_cell(r, "n"))}
                        for r in folders],
            "items": [{"iri": _cell(r, "s"), "label": _cell(r, "label"),
                       "type": local_name(_cell(r, "type"))} for r in items]}
