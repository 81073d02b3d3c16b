"""Keep the claim graphs the image of the article graphs, after every write.

A load names the articles it wrote; only the claims of their deployers are read and
written again, so a small load costs what its deployers' reports cost, not what the
store holds. A count then checks that every deployment of the article graphs is a
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
from .reports import WIKIDATA, read_reports

# Past this many changed articles, reading them one by one costs more than reading all.
WHOLE_PAST = 2000

_CLAIMS_OF = """
SELECT DISTINCT ?c ?dep WHERE {
  VALUES ?a { %s }
  GRAPH ?c { ?c a ng:Claim ; ng:claimDeployer ?dep ; ng:report ?d . ?d ng:source ?a }
}"""
_ALL_CLAIMS = "SELECT DISTINCT ?c WHERE { GRAPH ?c { ?c a ng:Claim } }"
_SAME = "SELECT DISTINCT ?a WHERE { VALUES ?q { %s } ?a owl:sameAs ?q }"
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
    old = {row["c"].value: row["dep"].value for row in store.query(_CLAIMS_OF % listed)}
    fresh = read_reports(store, base, gazetteer, articles=changed)
    deployers = set(old.values()) | {r.deployer_iri for r in fresh}
    linked = {r.deployer for r in fresh if r.deployer.startswith(WIKIDATA)}
    if linked:
        same = " ".join(iri.sparql_ref(q) for q in sorted(linked))
        deployers |= {row["a"].value for row in store.query(_SAME % same)}
    if not deployers:
        return 0, _remove(store, old), 0
    reports = read_reports(store, base, gazetteer, deployers=sorted(deployers))
    found = claims(reports)
    written = _write(store, base, found)
    kept = {claim_iri(base, c) for c in found}
    return written, _remove(store, [c for c in old if c not in kept]), len(reports)


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
    def seen(query: str) -> set[tuple[str, str, str | None]]:
        return {(row["d"].value, row["s"].value, row["n"] and row["n"].value)
                for row in store.query(query)}

    return seen(_IN_ARTICLES) == seen(_IN_CLAIMS)
