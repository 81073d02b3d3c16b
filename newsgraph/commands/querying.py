"""Run a SPARQL query on the embedded store or a remote endpoint and format the answer."""

from __future__ import annotations

import csv
import io
import json
from urllib.error import URLError

import pyoxigraph as ox
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from newsgraph import USER_AGENT
from newsgraph.backends import GraphStore
from newsgraph.sparqlprologue import explain, predeclare


class QueryFailed(Exception):
    """A query that could not run, with the reason."""


def run_on_store(store: GraphStore, query: str, fmt: str) -> str:
    try:
        result = store.query(query)
    except SyntaxError as err:
        raise QueryFailed(f"malformed query: {explain(query, str(err))}") from err
    except (OSError, ValueError) as err:
        raise QueryFailed(f"query failed: {err}") from err
    if isinstance(result, ox.QueryTriples):
        return result.serialize(format=ox.RdfFormat.TURTLE).decode("utf-8")
    if isinstance(result, ox.QueryBoolean):
        value = bool(result)
        return json.dumps({"head": {}, "boolean": value}) if fmt == "json" else str(value).lower()
    header = [v.value for v in result.variables]
    raw = result.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8")
    data = json.loads(raw)
    rows = [[b.get(h, {}).get("value", "") for h in header] for b in data["results"]["bindings"]]
    return format_rows(header, rows, fmt, raw)


def run_on_endpoint(url: str, query: str, fmt: str, timeout: int = 60) -> str:
    if not url.startswith(("http://", "https://")):
        raise QueryFailed(f"endpoint {url!r} is not an http(s) URL")
    client = SPARQLWrapper(url, agent=USER_AGENT)
    client.setQuery(predeclare(query))
    client.setMethod("POST")
    client.setTimeout(timeout)
    kind = client.queryType
    graph = kind in ("CONSTRUCT", "DESCRIBE")
    client.setReturnFormat(TURTLE if graph else JSON)
    try:
        response = client.query()
        if graph:
            body = response.response.read()
            return body.decode("utf-8")
        data = response.convert()
    except SPARQLWrapperException as err:
        raise QueryFailed(f"endpoint {url} refused the query: {err}") from err
    except (URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise QueryFailed(f"cannot reach endpoint {url}: {reason}") from err
    except ValueError as err:
        raise QueryFailed(f"endpoint {url} sent an answer that is not SPARQL JSON: {err}") from err
    if "boolean" in data:
        return json.dumps(data) if fmt == "json" else str(data["boolean"]).lower()
    header = data["head"]["vars"]
    rows = [[b.get(h, {}).get("value", "") for h in header] for b in data["results"]["bindings"]]
    return format_rows(header, rows, fmt, json.dumps(data))


def format_rows(header: list[str], rows: list[list[str]], fmt: str, raw_json: str) -> str:
    if fmt == "json":
        return raw_json
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return buf.getvalue()
    rows = [[" ".join(c.split()) for c in r] for r in rows]  # one line per row
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = [" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(lines) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})\n"
