"""Candidate Wikidata items for names, from a Wikidata SPARQL endpoint, cached on disk.

One request looks up a batch of names (exact English or multilingual label
or alias) and returns, per matching item, what reconciliation ranks on: its
label, description, broad classes, countries, positions held and number of
sitelinks (Wikipedia articles, the usual measure of prominence). Requests
carry a descriptive User-Agent (Wikimedia's policy), are spaced by a minimum
interval and retried with backoff on 429 and 5xx; every answer is kept in a
SQLite cache, so a rerun over the same names makes no request.
"""

from __future__ import annotations

import json
import sqlite3
import time
import urllib.error
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import EndPointInternalError, SPARQLWrapperException

from newsgraph import __version__
from newsgraph.loader.fetch import retry_after

USER_AGENT = (f"newsgraph/{__version__} (https://w3id.org/newsgraph; linked-data publisher "
              "for news; reconciles actor names) SPARQLWrapper/2.0.0")

# Bump when the query below changes what it returns, so old cache entries are not used.
QUERY_VERSION = 2

# Broad Wikidata classes an item can fall under (through wdt:P31/wdt:P279*); reconcile.py
# decides which fit which kind of actor or place.
CLASSES: dict[str, str] = {
    "Q5": "human",
    "Q6256": "country",
    "Q3624078": "sovereign state",
    "Q43229": "organization",
    "Q17149090": "armed organization",
    "Q176799": "military unit",
    "Q486972": "human settlement",
    "Q56061": "administrative territorial entity",
    "Q82794": "geographic region",
    "Q2221906": "geographic location",
}

WD = "http://www.wikidata.org/entity/"


class WikidataUnavailable(Exception):
    """The endpoint could not be reached or kept failing; the message says what to do."""


@dataclass(frozen=True)
class Candidate:
    """A Wikidata item whose label or alias is exactly a looked-up name."""

    qid: str
    label: str
    description: str
    classes: frozenset[str]  # QIDs from CLASSES
    countries: frozenset[str]  # QIDs (country P17, citizenship P27)
    positions: tuple[str, ...]  # labels of positions held (P39)
    by_label: bool  # matched the item's label, not only an alias
    sitelinks: int = 0  # Wikipedia articles about the item: how prominent it is

    def to_json(self) -> dict:
        return {"qid": self.qid, "label": self.label, "description": self.description,
                "classes": sorted(self.classes), "countries": sorted(self.countries),
                "positions": list(self.positions), "by_label": self.by_label,
                "sitelinks": self.sitelinks}

    @classmethod
    def from_json(cls, data: dict) -> Candidate:
        return cls(data["qid"], data["label"], data["description"], frozenset(data["classes"]),
                   frozenset(data["countries"]), tuple(data["positions"]), data["by_label"],
                   data.get("sitelinks", 0))


@dataclass
class LookupStats:
    names: int = 0
    cached: int = 0
    requests: int = 0
    retries: int = 0


def lookup_query(names: Iterable[str]) -> str:
    """One SPARQL query for the candidates of several names (exact label or alias)."""
    values = " ".join(f"{_literal(n)}@en {_literal(n)}@mul" for n in names)
    classes = " ".join(f"wd:{q}" for q in CLASSES)
    return f"""PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
PREFIX wikibase: <http://wikiba.se/ontology#>
SELECT ?name ?item (SAMPLE(?itemLabel) AS ?label) (SAMPLE(?itemDescription) AS ?description)
       (GROUP_CONCAT(DISTINCT STR(?class); separator=" ") AS ?classes)
       (GROUP_CONCAT(DISTINCT STR(?country); separator=" ") AS ?countries)
       (GROUP_CONCAT(DISTINCT ?positionLabel; separator="|") AS ?positions)
       (MAX(?viaLabel) AS ?byLabel) (MAX(?links) AS ?sitelinks)
WHERE {{
  VALUES ?name {{ {values} }}
  {{ ?item rdfs:label ?name BIND(1 AS ?viaLabel) }}
  UNION {{ ?item skos:altLabel ?name BIND(0 AS ?viaLabel) }}
  OPTIONAL {{ ?item wdt:P31/wdt:P279* ?class VALUES ?class {{ {classes} }} }}
  OPTIONAL {{ ?item rdfs:label ?itemLabel FILTER(LANG(?itemLabel) IN ("en", "mul")) }}
  OPTIONAL {{ ?item schema:description ?itemDescription FILTER(LANG(?itemDescription) = "en") }}
  OPTIONAL {{ ?item wdt:P17|wdt:P27 ?country }}
  OPTIONAL {{ ?item wikibase:sitelinks ?links }}
  OPTIONAL {{ ?item wdt:P39 ?position .
             ?position rdfs:label ?positionLabel FILTER(LANG(?positionLabel) = "en") }}
}}
GROUP BY ?name ?item"""


def _literal(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def parse_candidates(bindings: list[dict]) -> dict[str, list[Candidate]]:
    """SPARQL JSON result rows -> candidates per looked-up name (merging @en and @mul rows)."""
    merged: dict[tuple[str, str], dict] = {}
    for row in bindings:
        item = row.get("item", {}).get("value", "")
        if not item.startswith(WD + "Q"):
            continue
        name = row["name"]["value"]
        entry = merged.setdefault((name, item), {"label": "", "description": "", "classes": set(),
                                                 "countries": set(), "positions": set(),
                                                 "by_label": False, "sitelinks": 0})
        entry["label"] = entry["label"] or row.get("label", {}).get("value", "")
        entry["description"] = entry["description"] or row.get("description", {}).get("value", "")
        entry["classes"] |= {_qid(v) for v in _words(row, "classes")} & set(CLASSES)
        entry["countries"] |= {_qid(v) for v in _words(row, "countries") if v.startswith(WD)}
        positions = row.get("positions", {}).get("value", "")
        entry["positions"] |= {p for p in positions.split("|") if p}
        entry["by_label"] |= row.get("byLabel", {}).get("value") in ("1", "true")
        entry["sitelinks"] = max(entry["sitelinks"], _int(row.get("sitelinks", {}).get("value")))
    out: dict[str, list[Candidate]] = {}
    for (name, item), e in sorted(merged.items()):
        out.setdefault(name, []).append(Candidate(
            _qid(item), e["label"] or name, e["description"], frozenset(e["classes"]),
            frozenset(e["countries"]), tuple(sorted(e["positions"])), e["by_label"],
            e["sitelinks"]))
    return out


def _int(value: str | None) -> int:
    try:
        return int(value) if value is not None else 0
    except ValueError:
        return 0


def _words(row: dict, key: str) -> list[str]:
    return row.get(key, {}).get("value", "").split()


def _qid(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


class CandidateCache:
    """Looked-up names and their candidates (also none), per endpoint, in one SQLite file."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._db.execute("CREATE TABLE IF NOT EXISTS lookups (endpoint TEXT, version INTEGER, "
                         "name TEXT, fetched TEXT, candidates TEXT, "
                         "PRIMARY KEY (endpoint, version, name))")

    def get(self, endpoint: str, name: str) -> list[Candidate] | None:
        row = self._db.execute("SELECT candidates FROM lookups WHERE endpoint=? AND version=? "
                               "AND name=?", (endpoint, QUERY_VERSION, name)).fetchone()
        return None if row is None else [Candidate.from_json(c) for c in json.loads(row[0])]

    def put_many(self, endpoint: str, found: dict[str, list[Candidate]]) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._db:  # one transaction per answered batch
            self._db.executemany(
                "INSERT OR REPLACE INTO lookups VALUES (?, ?, ?, ?, ?)",
                [(endpoint, QUERY_VERSION, name, now, json.dumps([c.to_json() for c in cands]))
                 for name, cands in found.items()])

    def close(self) -> None:
        self._db.close()


class WikidataClient:
    """Looks names up in batches, politely, through the cache."""

    def __init__(self, endpoint: str, cache: CandidateCache, *, min_interval: float = 1.0,
                 retries: int = 4, backoff: float = 2.0, batch_size: int = 40,
                 timeout: float = 60.0, offline: bool = False, refresh: bool = False,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.endpoint = endpoint
        self.cache = cache
        self.min_interval = min_interval
        self.retries = retries
        self.backoff = backoff
        self.batch_size = batch_size
        self.timeout = timeout
        self.offline = offline
        self.refresh = refresh
        self.stats = LookupStats()
        self._sleep = sleep
        self._clock = clock
        self._last_request: float | None = None

    def candidates(self, names: Iterable[str]) -> dict[str, list[Candidate]]:
        """Candidates for every name; names answered before come from the cache.

        Batches answered before a failure stay cached, so a rerun resumes.
        """
        wanted = sorted(set(names))
        self.stats.names += len(wanted)
        found: dict[str, list[Candidate]] = {}
        missing = []
        for name in wanted:
            cached = None if self.refresh else self.cache.get(self.endpoint, name)
            if cached is None:
                missing.append(name)
            else:
                found[name] = cached
        self.stats.cached += len(found)
        if missing and self.offline:
            raise WikidataUnavailable(
                f"{len(missing)} name(s) are not in the cache and --offline forbids requests; "
                "run without --offline to look them up")
        for i in range(0, len(missing), self.batch_size):
            batch = missing[i:i + self.batch_size]
            answered = parse_candidates(self._request(lookup_query(batch)))
            answer = {name: answered.get(name, []) for name in batch}
            self.cache.put_many(self.endpoint, answer)
            found.update(answer)
        return found

    def _request(self, query: str) -> list[dict]:
        for attempt in range(self.retries + 1):
            self._wait_turn()
            try:
                return self._send(query)
            except _Retryable as err:
                if attempt == self.retries:
                    raise WikidataUnavailable(
                        f"{self.endpoint} kept failing ({err}) after {self.retries + 1} "
                        "attempts; try again later — names answered so far are cached") from None
                self.stats.retries += 1
                self._sleep(err.retry_after if err.retry_after is not None
                            else self.backoff * 2 ** attempt)
        raise AssertionError("unreachable")

    def _wait_turn(self) -> None:
        if self._last_request is not None:
            wait = self._last_request + self.min_interval - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_request = self._clock()

    def _send(self, query: str) -> list[dict]:
        client = SPARQLWrapper(self.endpoint, agent=USER_AGENT)
        client.setMethod(POST)
        client.setReturnFormat(JSON)
        client.setTimeout(int(self.timeout))
        client.setQuery(query)
        self.stats.requests += 1
        try:
            result = client.queryAndConvert()
        except urllib.error.HTTPError as err:
            if err.code == 429 or err.code >= 500:
                raise _Retryable(f"HTTP {err.code}", _retry_after(err)) from None
            raise WikidataUnavailable(f"{self.endpoint} answered HTTP {err.code} {err.reason}; "
                                      "check --wikidata-endpoint") from None
        except EndPointInternalError as err:
            # SPARQLWrapper's name for HTTP 500, which it takes out of HTTPError.
            raise _Retryable(" ".join(str(err).split())[:200], None) from None
        except SPARQLWrapperException as err:
            # 400 and 404 (QueryBadFormed, EndPointNotFound): a wrong URL, not worth a retry.
            text = " ".join(str(err).split())[:200]
            raise WikidataUnavailable(f"{self.endpoint} refused the lookup ({text}); check "
                                      "--wikidata-endpoint") from None
        except TimeoutError as err:
            raise _Retryable(f"no answer within {self.timeout:g} s", None) from err
        except urllib.error.URLError as err:
            if isinstance(err.reason, TimeoutError):
                raise _Retryable(f"no answer within {self.timeout:g} s", None) from None
            raise WikidataUnavailable(
                f"cannot reach {self.endpoint} ({err.reason}); are you offline? The links "
                "the gazetteer made are kept; rerun `newsgraph link` when the network is back"
            ) from None
        except (ValueError, json.JSONDecodeError) as err:
            raise WikidataUnavailable(f"{self.endpoint} did not answer SPARQL JSON results "
                                      f"({err}); check --wikidata-endpoint") from None
        if not isinstance(result, dict) or "results" not in result:
            raise WikidataUnavailable(f"{self.endpoint} did not answer SPARQL JSON results; "
                                      "check --wikidata-endpoint")
        return result["results"]["bindings"]


class _Retryable(Exception):
    def __init__(self, message: str, retry_after: float | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def _retry_after(err: urllib.error.HTTPError) -> float | None:
    wait = retry_after(err.headers.get("Retry-After") if err.headers else None)
    return None if wait is None else min(wait, 300.0)
