"""`newsgraph link`: reconcile the store's unlinked actors and places with Wikidata."""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.backends import GraphStore
from newsgraph.claims.rebuild import rebuild
from newsgraph.config import Settings

from ..gazetteer import Gazetteer
from .linkset import link_counts, linkset_graph, unlinked_subjects, write_linkset
from .reconcile import THRESHOLD, Decision, decide, lookup_names
from .wikidata import CandidateCache, LookupStats, WikidataClient

CACHE_FILE = "wikidata-candidates.sqlite"


@dataclass(frozen=True)
class LinkReport:
    decisions: list[Decision]
    lookups: LookupStats
    linkset: str  # the linkset graph's outcome: created, replaced, unchanged, removed
    counts: dict[str, int]  # linked resources in the store by link method

    @property
    def linked(self) -> list[Decision]:
        return [d for d in self.decisions if d.qid is not None]


def link_store(store: GraphStore, settings: Settings, *, threshold: float = THRESHOLD,
               offline: bool = False, refresh: bool = False,
               gazetteer: Gazetteer | None = None) -> LinkReport:
    """Look the unlinked resources up, decide, and replace the linkset graph.

    Raises WikidataUnavailable before anything is written when lookups fail;
    the answers received until then stay in the cache.
    """
    gazetteer = gazetteer or Gazetteer.load()
    subjects = unlinked_subjects(store, settings.base_iri, gazetteer)
    cache = CandidateCache(settings.cache_dir / CACHE_FILE)
    try:
        client = WikidataClient(
            settings.wikidata_endpoint, cache, min_interval=settings.wikidata_min_interval,
            retries=settings.wikidata_retries, backoff=settings.wikidata_backoff,
            batch_size=settings.wikidata_batch_size, timeout=settings.wikidata_timeout,
            offline=offline, refresh=refresh)
        found = client.candidates(name for s in subjects for name in lookup_names(s))
    finally:
        cache.close()
    decisions = [decide(s, found, threshold) for s in subjects]
    outcome = write_linkset(store, linkset_graph(settings.base_iri, decisions))
    counts = link_counts(store)
    if str(outcome) != "unchanged":
        # A new link may make two actors one, or place a destination in a state: the
        # claims are grouped by those identities.
        rebuild(store, settings.base_iri, gazetteer)
    store.close()
    return LinkReport(decisions, client.stats, outcome, counts)
