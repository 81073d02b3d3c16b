"""Keep the claim graphs the image of the article graphs, after every write.

A load names the articles it wrote; only the claims their reports belong to (now or
before) are read and written again, so a small load costs what those claims cost, not
what the store holds. What a load cannot name (a load stopped before its claims, a
web write) leaves a mark in the store (pending.py), and the next rebuild that sees
one rebuilds every claim.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from newsgraph import iri
from newsgraph.loader.gazetteer import Gazetteer

from .graph import claim_graph, claim_iri
from .grouping import claims
from .pending import Run, marks, unmark
from .reports import articles_of, read_reports

# Past this many changed articles, reading them one by one costs more than reading all.
WHOLE_PAST = 2000
# Claims resting on more than 1/WHOLE_SHARE of the articles are rebuilt with all claims.
WHOLE_SHARE = 3

# The claims holding a report of some articles, with every report they hold and its
# article: the claim's other reports say which claim it was.
_CLAIMS_OF = """SELECT DISTINCT ?c WHERE {
  VALUES ?a { %s } GRAPH ?c { ?c a ng:Claim ; ng:report ?d . ?d ng:source ?a } }"""
_REPORTS_OF = """SELECT ?c ?e ?other WHERE {
  VALUES ?c { %s } GRAPH ?c { ?c ng:report ?e . ?e ng:source ?other } }"""
_ARTICLE_COUNT = "SELECT (COUNT(?a) AS ?n) WHERE { GRAPH ?a { ?a a ng:Article } }"
_ALL_CLAIMS = "SELECT DISTINCT ?c WHERE { GRAPH ?c { ?c a ng:Claim } }"
@dataclass(frozen=True)
class Rebuilt:
    written: int  # claim graphs written (new or changed)
    removed: int  # claim graphs removed
    reports: int  # reports read
    whole: bool  # every claim rebuilt
    seconds: float
    why: str = ""  # why every claim was rebuilt


def rebuild(store, base: str, gazetteer: Gazetteer, articles: Iterable[str] | None = None,
            run: Run | None = None, unchanged: Iterable[str] = (),
            reason: str = "asked") -> Rebuilt:
    """Rebuild the claims the given article graphs touch (all claims when None, or when
    the store holds a mark of writes no rebuild followed). ``run`` is the calling
    load's own mark, which is not such a write. ``unchanged``: articles the load found
    written already, whose claims are rebuilt too while another load's mark is in the
    store (that load may have written them, then stopped: a rerun mends it at once).
    ``reason``: why all claims, when ``articles`` is None."""
    began = time.perf_counter()
    now = datetime.now(UTC)
    alone = getattr(store, "single_writer", False)
    others = [m for m in marks(store) if run is None or m.graph != run.graph]
    stale = [m for m in others if m.stale(now, alone)]
    if articles is not None and len(stale) < len(others):
        articles = [*articles, *unchanged]
    changed = None if articles is None else list(dict.fromkeys(articles))
    why = (reason if changed is None else
           f"more than {WHOLE_PAST:,} articles written" if len(changed) > WHOLE_PAST else
           "a web write since the last load" if any(m.kind == "web" for m in stale) else
           "a load stopped before its claims" if stale else "")
    if why:
        done = _whole(store, base, gazetteer, began, why)
        unmark(store, [m.graph for m in stale])
        return done
    written = removed = read = 0
    if changed:
        done = _part(store, base, gazetteer, changed)
        if done is None:
            return _whole(store, base, gazetteer, began,
                          "the claims touched rest on a third of the articles or more")
        written, removed, read = done
    return Rebuilt(written, removed, read, False, time.perf_counter() - began)


def _part(store, base: str, gazetteer: Gazetteer,
          changed: list[str]) -> tuple[int, int, int] | None:
    """Rebuild the claims the changed articles' reports belong to, now or before: (written,
    removed, reports read); None when those claims rest on a third of the store's
    articles or more (reading them graph by graph then costs more than reading all)."""
    listed = " ".join(iri.sparql_ref(a) for a in changed)
    old = sorted(row["c"].value for row in store.query(_CLAIMS_OF % listed))
    # One report of each old claim from an article not written now: its key, read in
    # its article, is the claim's key.
    written_now = set(changed)
    witness: dict[str, tuple[str, str]] = {}
    if old:
        claims_listed = " ".join(iri.sparql_ref(c) for c in old)
        for row in store.query(_REPORTS_OF % claims_listed):
            if row["other"].value not in written_now:
                witness.setdefault(row["c"].value, (row["e"].value, row["other"].value))
    held = {deployment for deployment, _ in witness.values()}
    first = sorted(set(changed) | {article for _, article in witness.values()})
    keys = {_key(r) for r in read_reports(store, base, gazetteer, articles=first)
            if r.article in written_now or r.deployment in held}
    if not keys:
        return 0, _remove(store, old), 0
    needed = articles_of(store, base, gazetteer, keys)
    # Read graph by graph, a report costs about twice what it does in a read of all.
    if WHOLE_SHARE * len(needed) > _article_count(store):
        return None
    found = [c for c in claims(read_reports(store, base, gazetteer, articles=needed))
             if c.key in keys]
    written = _write(store, base, found)
    kept = {claim_iri(base, c) for c in found}
    return written, _remove(store, [c for c in old if c not in kept]), \
        sum(len(c.reports) for c in found)


def _article_count(store) -> int:
    rows = list(store.query(_ARTICLE_COUNT))
    return int(rows[0]["n"].value) if rows else 0


def _key(report) -> tuple[str, str]:
    """The key of the claim a report belongs to, as ``Claim.key``."""
    return report.deployer, report.destination_state or report.destination


def _whole(store, base: str, gazetteer: Gazetteer, began: float, why: str) -> Rebuilt:
    reports = read_reports(store, base, gazetteer)
    found = claims(reports)
    written = _write(store, base, found)
    kept = {claim_iri(base, c) for c in found}
    stale = [c for c in claim_graphs(store) if c not in kept]
    return Rebuilt(written, _remove(store, stale), len(reports), True,
                   time.perf_counter() - began, why)


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
