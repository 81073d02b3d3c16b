"""The deployment reports of the article graphs, read from any store with SPARQL.

Read per article graph (``GRAPH ?article``, the graph that is its article: an engine
may keep the merge as a named graph too), so each report carries what its own
article says: its source, outlet, date, evidence, and the statements whose words
overlap its own (``Moscow denied that …`` is a statement and a denied deployment at
once). Identities across articles: an actor's Wikidata item where it is linked (by
the gazetteer in its article, or by ``newsgraph link`` in the reconciled links),
else its IRI, which is minted from its canonical name and so is the same in every
article. A place the gazetteer knows as a state's capital counts for that state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date

from newsgraph import iri
from newsgraph.loader.gazetteer import Gazetteer
from newsgraph.vocab import WD

from .grouping import Report

# What a report holds, read in a few simple queries joined here: one query joining it
# all (a GROUP BY over fourteen OPTIONALs) took 4.2 s for one claim's 4,560 reports,
# these 0.4 s. Each starts with the same pattern: nothing (every article graph of the
# query's dataset) or one claim's reports.
_CORE = """SELECT ?d ?article ?dep ?dest ?st ?exact ?start ?end WHERE { %s
  GRAPH ?article { ?article a ng:Article .
    ?d a ng:Deployment ; ng:deployer ?dep ; ng:destination ?dest ; ng:status ?st ;
       ng:evidence ?ev . ?ev oa:exact ?exact ; oa:start ?start ; oa:end ?end } }"""
# (A UNION, not "?d ?p ?o VALUES ?p {…}": the engine joined that after reading every
# property of every deployment.)
_DETAILS = """SELECT ?d ?p ?o WHERE { %s
  GRAPH ?article { ?article a ng:Article . ?d a ng:Deployment .
    { ?d ng:personnelCount ?o BIND(ng:personnelCount AS ?p) }
    UNION { ?d ng:countQualifier ?o BIND(ng:countQualifier AS ?p) }
    UNION { ?d ng:unit ?o BIND(ng:unit AS ?p) }
    UNION { ?d ng:reportedBy ?o BIND(ng:reportedBy AS ?p) } } }"""
_LABELS = """SELECT DISTINCT ?article ?x ?label WHERE { %s
  GRAPH ?article { ?article a ng:Article . ?d a ng:Deployment .
    { ?d ng:deployer ?x } UNION { ?d ng:destination ?x } UNION { ?d ng:reportedBy ?x }
    ?x rdfs:label ?label } }"""
# (A UNION, not three OPTIONALs: a third of the time.)
_ARTICLES = """SELECT ?article ?k ?v WHERE { %s
  GRAPH ?article { ?article a ng:Article .
    { ?article schema:datePublished ?v BIND("published" AS ?k) }
    UNION { ?article schema:publisher ?outlet . ?outlet rdfs:label ?v BIND("outlet" AS ?k) }
    UNION { ?article schema:headline ?v BIND("title" AS ?k) } } }"""
_STATEMENTS = """SELECT DISTINCT ?article ?statement ?start ?end WHERE { %s
  GRAPH ?article { ?article a ng:Article .
    ?statement a ng:Statement ; ng:evidence ?ev . ?ev oa:start ?start ; oa:end ?end } }"""
# One claim's reports: the deployments its graph names, each read in its own article.
_OF_CLAIM = "GRAPH %s { %s ng:report ?d . ?d ng:source ?article }"
Run = Callable[[str], list[dict[str, str | None]]]


def claim_prefix(claim: str) -> str:
    """The pattern that binds ?d and ?article to a claim's reports, for the queries here."""
    ref = iri.sparql_ref(claim)
    return _OF_CLAIM % (ref, ref)


def article_details(run: Run, prefix: str) -> dict[str, dict[str, str]]:
    """Article -> its "published", "outlet" and "title" (the least, where several), for
    the articles ``prefix`` binds to ?article (every article if empty)."""
    # Each article once, however many reports the prefix binds in it; no subquery at all
    # for every article (Virtuoso reads an empty one as no article).
    once = f"{{ SELECT DISTINCT ?article WHERE {{ {prefix} }} }}" if prefix else ""
    articles: dict[str, dict[str, str]] = {}
    for row in run(_ARTICLES % once):
        known = articles.setdefault(row["article"], {})
        known[row["k"]] = min(known.get(row["k"], row["v"]), row["v"])
    return articles


def report_rows(run: Run, claim: str | None = None,
                only: list[tuple[str, str]] | None = None) -> list[dict[str, str | None]]:
    """Every report as a row of plain values by name, from the article graphs ``run``
    reads (``run`` runs a SELECT query without prefixes and gives its rows as plain
    values); only the reports of ``claim``, or the (deployment, article) pairs ``only``
    names, where given."""
    prefix = claim_prefix(claim) if claim else ""
    if only is not None:
        if not only:
            return []
        prefix = "VALUES (?d ?article) { " + " ".join(
            f"({iri.sparql_ref(d)} {iri.sparql_ref(a)})" for d, a in only) + " }"
    core = run(_CORE % prefix)
    if not core:
        return []
    details: dict[str, dict[str, str]] = {}
    for row in run(_DETAILS % prefix):
        found = details.setdefault(row["d"], {})
        name = row["p"].rsplit("#", 1)[-1]
        # One each, the same every time, where a graph holds two.
        found[name] = min(found.get(name, row["o"]), row["o"])
    labels: dict[tuple[str, str], str] = {}
    for row in run(_LABELS % prefix):
        key = (row["article"], row["x"])
        labels[key] = min(labels.get(key, row["label"]), row["label"])
    articles = article_details(run, prefix)
    statements: dict[str, list[tuple[int, int, str]]] = {}
    for row in run(_STATEMENTS % prefix):
        statements.setdefault(row["article"], []).append(
            (int(row["start"]), int(row["end"]), row["statement"]))
    rows = []
    for row in core:
        article, more = row["article"], details.get(row["d"], {})
        start, end = int(row["start"]), int(row["end"])
        rep = more.get("reportedBy")
        meta = articles.get(article, {})
        rows.append({
            "d": row["d"], "article": article, "dep": row["dep"],
            "depLabel": labels.get((article, row["dep"])), "dest": row["dest"],
            "destLabel": labels.get((article, row["dest"])),
            "status": row["st"].rsplit("#", 1)[-1], "count": more.get("personnelCount"),
            "qual": more["countQualifier"].rsplit("#", 1)[-1]
            if more.get("countQualifier") else None,
            "unit": more.get("unit"), "rep": rep,
            "repLabel": labels.get((article, rep)) if rep else None,
            "outlet": meta.get("outlet"), "published": meta.get("published"),
            "title": meta.get("title"), "exact": row["exact"], "start": row["start"],
            "end": row["end"],
            # The statements whose words overlap the report's ("Moscow denied that …").
            "statements": " ".join(sorted({s for a, b, s in statements.get(article, ())
                                           if a < end and start < b}))})
    # A deployment whose deployer or destination has no label here is not a report.
    return [r for r in rows if r["depLabel"] is not None and r["destLabel"] is not None]


# Links from any graph (an article's gazetteer link, the reconciled links): the merge.
_LINKS = """
SELECT ?a ?q WHERE { VALUES ?a { %s } ?a owl:sameAs ?q FILTER(STRSTARTS(STR(?q), "%s")) }
"""
# The articles that report a deployment of some (deployer, destination) pairs of IRIs.
_ARTICLES_OF = """
SELECT DISTINCT ?g WHERE {
  VALUES (?dep ?dest) { %s } GRAPH ?g { ?d ng:deployer ?dep ; ng:destination ?dest }
}"""
# The actors linked to some Wikidata items.
_LINKED_TO = "SELECT DISTINCT ?a ?q WHERE { VALUES ?q { %s } ?a owl:sameAs ?q }"
WIKIDATA = str(WD)


def read_reports(store, base: str, gazetteer: Gazetteer,
                 articles: Iterable[str] | None = None) -> list[Report]:
    """Every report in the store, or those of the given article graphs.

    A subset is read with the query's dataset named (its named graphs): engines then
    visit those graphs only, where a VALUES clause over ?article was joined after
    reading every graph (4 s for one article of 5,000, against 0.01 s)."""
    chosen = None
    if articles is not None:
        chosen = list(articles)
        if not chosen:
            return []

    def select(query: str, graphs: list[str] | None = None) -> list[dict[str, str | None]]:
        return _solutions(store.query(query, named_graphs=graphs))

    # The reports from the chosen graphs; the links (reports_of) from the whole store.
    rows = report_rows(lambda query: select(query, chosen))
    return reports_of(rows, select, capital_states(base, gazetteer))


def reports_of(rows: list[dict[str, str | None]],
               select: Callable[[str], list[dict[str, str | None]]],
               states: dict[str, tuple[str, str, str]]) -> list[Report]:
    """Reports from rows of ``report_rows``; ``select`` runs a SELECT query (without
    prefixes: it adds newsgraph's) and gives its rows alike, here to look up the
    actors' Wikidata links."""
    actors = {row[name] for row in rows for name in ("dep", "dest")}
    links: dict[str, str] = {}
    if actors:
        listed = " ".join(iri.sparql_ref(a) for a in sorted(actors))
        for row in select(_LINKS % (listed, WIKIDATA)):
            actor, item = row["a"], row["q"]
            links[actor] = min(links.get(actor, item), item)  # one, the same every time
    return list(_reports(rows, links, states))


def articles_of(store, base: str, gazetteer: Gazetteer,
                keys: Iterable[tuple[str, str]]) -> list[str]:
    """The article graphs holding a report of the given claims, a claim being known by
    its key (deployer identity, destination identity) as ``Claim.key`` gives it.

    An identity stands for the actors linked to it (and itself where it is an IRI); a
    state's for its capital's too. More articles than needed may come back (an actor
    linked to two items), never fewer."""
    keys = set(keys)
    capitals: dict[str, set[str]] = {}
    for capital, (state, _, _) in capital_states(base, gazetteer).items():
        capitals.setdefault(state, set()).add(capital)
    wanted = {k for key in keys for k in key}
    wanted |= {c for k in list(wanted) for c in capitals.get(k, ())}
    items = sorted(w for w in wanted if w.startswith(WIKIDATA))
    actors: dict[str, set[str]] = {w: {w} for w in wanted}
    if items:
        listed = " ".join(iri.sparql_ref(q) for q in items)
        for row in store.query(_LINKED_TO % listed):
            actors[row["q"].value].add(row["a"].value)
    pairs = set()
    for deployer, destination in keys:
        places = set(actors[destination])
        for capital in capitals.get(destination, ()):
            places |= actors[capital]
        pairs |= {(d, p) for d in actors[deployer] for p in places}
    if not pairs:
        return []
    listed = " ".join(f"({iri.sparql_ref(d)} {iri.sparql_ref(p)})" for d, p in sorted(pairs))
    return sorted({row["g"].value for row in store.query(_ARTICLES_OF % listed)})


def capital_states(base: str, gazetteer: Gazetteer) -> dict[str, tuple[str, str, str]]:
    """Capital city item -> (state's identity, its IRI, its name): where the data says
    which state holds a place."""
    return {WIKIDATA + e.capital_wikidata: (WIKIDATA + e.wikidata, iri.actor(base, e.name),
                                           e.name)
            for e in gazetteer.entries
            if e.type == "State" and e.capital_wikidata and e.wikidata}


def _reports(rows, links: dict[str, str],
             states: dict[str, tuple[str, str, str]]) -> Iterator[Report]:
    chosen: dict[str, Report] = {}
    for value in rows:
        value = dict(value)
        value["depQid"] = links.get(value["dep"])
        value["destQid"] = links.get(value["dest"])
        state = states.get(value["destQid"] or "")
        report = Report(
            deployment=value["d"], article=value["article"],
            deployer=value["depQid"] or value["dep"], deployer_iri=value["dep"],
            deployer_label=value["depLabel"],
            destination=value["destQid"] or value["dest"], destination_iri=value["dest"],
            destination_label=value["destLabel"], status=value["status"],
            count=int(value["count"]) if value["count"] is not None else None,
            qualifier=value["qual"], unit=value["unit"], reporter_iri=value["rep"],
            reporter_label=value["repLabel"], outlet=value["outlet"],
            published=date.fromisoformat(value["published"][:10]) if value["published"]
            else None,
            title=value["title"], evidence=value["exact"] or "",
            start=int(value["start"]), end=int(value["end"]),
            destination_state=state[0] if state else None,
            destination_state_iri=state[1] if state else None,
            destination_state_label=state[2] if state else None,
            statements=tuple(sorted((value["statements"] or "").split())))
        # One report per deployment: where an actor has two labels or links, the first.
        if report.deployment not in chosen:
            chosen[report.deployment] = report
    yield from chosen.values()


def _solutions(found) -> list[dict[str, str | None]]:
    names = [v.value for v in found.variables]
    return [{name: _plain(row[name]) for name in names} for row in found]


def _plain(term) -> str | None:
    return None if term is None else term.value
