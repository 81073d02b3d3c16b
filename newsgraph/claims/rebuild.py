"""Keep the claim graphs the image of the article graphs, after every write.

A load names the articles it wrote; only the claims their reports belong to (now or
before) are read and written again, so a small load costs what those claims cost, not
what the store holds. A count then checks that every deployment of the article graphs is a
report of some claim and no claim holds one that is gone: a load stopped between its
articles and this step, or a write that did not come through `load` (a web write, an
import elsewhere), is found there, and the claims are rebuilt whole.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from newsgraph import iri
from newsgraph.loader.gazetteer import Gazetteer

from .graph import claim_graph, claim_iri
from .grouping import claims
from .reports import articles_of, read_reports

# Past this many changed articles, reading them one by one costs more than reading all.
WHOLE_PAST = 2000

# The claims holding a report of some articles, with every report they hold and its
# article: the claim's other reports say which claim it was.
_CLAIMS_OF = """
SELECT DISTINCT ?c ?e ?other WHERE {
  VALUES ?a { %s }
  GRAPH ?c { ?c a ng:Claim ; ng:report ?d, ?e . ?d ng:source ?a . ?e ng:source ?other }
}"""
_ALL_CLAIMS = "SELECT DISTINCT ?c WHERE { GRAPH ?c { ?c a ng:Claim } }"
# Each deployment as its article holds it, and each report as its claim read it. Two
# scans compared here: one SPARQL query doing the comparison (FILTER NOT EXISTS across
# graphs) took 200 s on 5,000 articles, these two 0.8 s together. "?a a ng:Article":
# an engine may keep the merge as a named graph, which holds the claims' copies too.
_IN_ARTICLES = """
SELECT ?d ?s ?n WHERE { GRAPH ?a { ?a a ng:Article . ?d a ng:Deployment ; ng:status ?s ;
                                   ng:evidence ?ev . OPTIONAL { ?d ng:personnelCount ?n } } }
"""
_IN_CLAIMS = """
SELECT ?d ?s ?n WHERE { GRAPH ?c { ?c a ng:Claim ; ng:report ?d . ?d ng:status ?s .
                                   OPTIONAL { ?d ng:personnelCount ?n } } }
"""


@dataclass(frozen=True)
class Rebuilt:
    written: int  # claim graphs written (new or changed)
    removed: int  # claim graphs removed
    reports: int  # reports read
    whole: bool  # every claim rebuilt
    seconds: float


def rebuild(store, base: str, gazetteer: Gazetteer,
            articles: Iterable[str] | None = None) -> Rebuilt:
    """Rebuild the claims the given article graphs touch (all claims when None), then
    everything if the claims and the articles do not balance."""
    began = time.perf_counter()
    changed = None if articles is None else list(dict.fromkeys(articles))
    if changed is None or len(changed) > WHOLE_PAST:
        return _whole(store, base, gazetteer, began)
    written = removed = read = 0
    if changed:
        written, removed, read = _part(store, base, gazetteer, changed)
    if not _balanced(store):
        return _whole(store, base, gazetteer, began)
    return Rebuilt(written, removed, read, False, time.perf_counter() - began)


def _part(store, base: str, gazetteer: Gazetteer, changed: list[str]) -> tuple[int, int, int]:
    listed = " ".join(iri.sparql_ref(a) for a in changed)
    rows = list(store.query(_CLAIMS_OF % listed))
    old = {row["c"].value for row in rows}
    held = {row["e"].value for row in rows}  # the reports those claims held
    # The claims touched: those the changed articles' reports belong to now, and those
    # the old claims' reports (theirs included) belong to, read from their articles.
    first = set(changed) | {row["other"].value for row in rows}
    seen = [r for r in read_reports(store, base, gazetteer, articles=sorted(first))
            if r.article in changed or r.deployment in held]
    keys = {_key(r) for r in seen}
    if not keys:
        return 0, _remove(store, old), 0
    found = [c for c in claims(read_reports(
        store, base, gazetteer, articles=articles_of(store, base, gazetteer, keys)))
        if c.key in keys]
    written = _write(store, base, found)
    kept = {claim_iri(base, c) for c in found}
    return written, _remove(store, [c for c in old if c not in kept]), \
        sum(len(c.reports) for c in found)


def _key(report) -> tuple[str, str]:
    """The key of the claim a report belongs to, as ``Claim.key``."""
    return report.deployer, report.destination_state or report.destination


def _whole(store, base: str, gazetteer: Gazetteer, began: float) -> Rebuilt:
    reports = read_reports(store, base, gazetteer)
    found = claims(reports)
    written = _write(store, base, found)
    kept = {claim_iri(base, c) for c in found}
    stale = [c for c in claim_graphs(store) if c not in kept]
    return Rebuilt(written, _remove(store, stale), len(reports), True,
                   time.perf_counter() - began)


def claim_graphs(store) -> list[str]:
    """Every claim graph of the store."""
    return [row["c"].value for row in store.query(_ALL_CLAIMS)]


def _write(store, base: str, found) -> int:
    written = 0
    for claim in found:
        graph = claim_graph(base, claim)
        outcome = store.replace_graph(str(graph.identifier), graph.serialize(format="nt"))
        written += str(outcome) != "unchanged"
    return written


def _remove(store, graphs: Iterable[str]) -> int:
    return sum(bool(store.remove_graph(g)) for g in graphs)


def _balanced(store) -> bool:
    """Whether every deployment is a report of a claim, as the claim read it (status and
    figure), and every report of a claim such a deployment."""
    def seen(query: str) -> list[tuple[str, str, str | None]]:
        return [(row["d"].value, row["s"].value, row["n"] and row["n"].value)
                for row in store.query(query)]

    reported = seen(_IN_CLAIMS)
    # A report in two claims: an identity changed under a claim no load touched.
    return len(set(reported)) == len(reported) and set(seen(_IN_ARTICLES)) == set(reported)
