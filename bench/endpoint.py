#!/usr/bin/env python3
"""Endpoint throughput and latency: newsgraph against Oxigraph's server and rdflib-endpoint.

    .venv/bin/pip install '.[bench]'      # rdflib-endpoint, uvicorn, oxigraph
    apt-get install wrk                   # the load generator
    .venv/bin/python bench/endpoint.py [--repeat 10] [--seconds 10] [--store PATH]

Loads the dev corpus (repeated with unique ids) into a newsgraph store, or takes
a store loaded earlier (``--store``), dumps the same quads for the two peers,
starts all three servers on free ports, and drives each with wrk at 1, 8 and 32
concurrent connections: once with the README's example queries in turn (the
query mix) and once with a trivial ASK; newsgraph also with the page of the
actor most often quoted (the peers have no pages). Before timing, every server
must answer every query with 200 and the same number of rows. Each server's
memory is read when it is idle, before the first run: the proportional set size
(PSS) of its processes, so pages shared between them count once. The cached
server's runs are warm: each answer kept by every web worker before timing. Prints Markdown
tables for the README. ``--skip rdflib-endpoint`` leaves out a peer.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urljoin

import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from load_dev import DEV, NEWSGRAPH, make_input  # noqa: E402
from load_scale import process_tree, tree_cpu_seconds  # noqa: E402

from newsgraph.endpoint.examples import EXAMPLES, full_query  # noqa: E402
from newsgraph.store import StoreReader  # noqa: E402

BIN = Path(sys.executable).parent
CLIENTS = (1, 8, 32)
ASK = "ASK { ?s ?p ?o }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.post(url, data={"query": ASK}, timeout=5,
                             headers={"Accept": "application/sparql-results+json"}).ok:
                return
        except requests.RequestException:  # not up yet, or still busy
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not come up")


def pss_mb(pid: int) -> tuple[float, int]:
    """The PSS of a process and its descendants, in MB, and how many processes."""
    total, count = 0, 0
    for current in process_tree(pid):
        try:
            rollup = (Path("/proc") / str(current) / "smaps_rollup").read_text()
        except OSError:
            continue
        total += int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.M).group(1))
        count += 1
    return total / 1024, count


def wait_quiet(pids: list[int], seconds: float = 600, busy: float = 0.05) -> None:
    """Wait until the servers together use under ``busy`` of a core over one second.

    A server that was sent slow queries goes on answering them after wrk has hung up;
    the next run, on any server, would share the machine with that leftover work.
    """
    deadline = time.monotonic() + seconds
    before = sum(tree_cpu_seconds(pid) for pid in pids)
    while time.monotonic() < deadline:
        time.sleep(1)
        now = sum(tree_cpu_seconds(pid) for pid in pids)
        if now - before < busy:
            return
        before = now
    print(f"servers still busy after {seconds:.0f} s; measuring anyway", file=sys.stderr)


def top_actor_page(url: str) -> str:
    """The HTML page of the actor with most statements, on the newsgraph server at ``url``.

    The page itself, not the actor's IRI: that answers a browser with a redirect,
    which wrk would count as the page without following it.
    """
    query = ("PREFIX ng: <https://w3id.org/newsgraph/ontology#> SELECT ?a (COUNT(*) AS ?n) "
             "WHERE { ?s ng:speaker ?a } GROUP BY ?a ORDER BY DESC(?n) LIMIT 1")
    answer = requests.post(url, data={"query": query}, timeout=300,
                           headers={"Accept": "application/sparql-results+json"})
    iri = answer.json()["results"]["bindings"][0]["a"]["value"]
    # Where the IRI sends a browser, without asking for the page: nothing made or kept.
    root = url.rsplit("/sparql", 1)[0]
    seen = requests.get(root + "/id/" + iri.split("/id/", 1)[1], allow_redirects=False,
                        headers={"Accept": "text/html"}, timeout=300)
    if seen.status_code != 303:
        raise RuntimeError(f"{iri}: {seen.status_code}, not a redirect to its page")
    return urljoin(seen.url, seen.headers["Location"])


def start_servers(root: Path, store: Path, dump: Path,
                  skip: tuple[str, ...] = ()) -> dict[str, tuple[str, subprocess.Popen]]:
    servers = {}
    log = (root / "servers.log").open("w")
    port = free_port()
    # wrk is one client on one address; the per-client limits that protect a public
    # endpoint from such a client would measure those limits, not the server.
    limits = ("client_concurrent = 1000\nclient_seconds = 1000000\n"
              "client_connection_rate = 0\n")
    # As served, and with the response cache off: what the engine and the layers above it
    # do when every request is new.
    for name, extra in (("newsgraph", ""), ("newsgraph, cache off", "cache_mb = 0\n")):
        config = root / f"{len(servers)}.toml"
        config.write_text(limits + extra)
        servers[name] = (f"http://127.0.0.1:{port}/sparql", subprocess.Popen(
            [str(NEWSGRAPH), "serve", "--store", str(store), "--port", str(port)],
            stdout=log, stderr=subprocess.STDOUT, env={**os.environ,
                                                       "NEWSGRAPH_CONFIG": str(config)}))
        # Up before the next port is chosen, and on its own port: a second server given
        # the first's port fails, and its runs would measure the first.
        wait_for(servers[name][0], 300)
        if servers[name][1].poll() is not None:
            raise RuntimeError(f"{name} stopped; see {root / 'servers.log'}")
        port = free_port()
    location = root / "oxigraph"
    subprocess.run([str(BIN / "oxigraph"), "load", "--location", str(location), "--file",
                    str(dump)], check=True, capture_output=True)
    servers["oxigraph serve"] = (f"http://127.0.0.1:{port}/query", subprocess.Popen(
        [str(BIN / "oxigraph"), "serve-read-only", "--location", str(location), "--bind",
         f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT))
    if "rdflib-endpoint" not in skip:
        port = free_port()
        servers["rdflib-endpoint"] = (f"http://127.0.0.1:{port}/", subprocess.Popen(
            [str(BIN / "rdflib-endpoint"), "serve", "--host", "127.0.0.1", "--port",
             str(port), str(dump)], stdout=log, stderr=subprocess.STDOUT))
    for url, _ in servers.values():
        wait_for(url, 300)
    return servers


def warm_everywhere(send: Callable[[], requests.Response], width: int = 16,
                    rounds: int = 30) -> None:
    """Return once ``width`` answers sent at once, each on a connection of its own, all
    come from the cache (RFC 9211 Cache-Status). Each web worker keeps its own answers,
    and which worker takes a connection is the kernel's choice: one request made the
    answer in one worker only, and another worker's first visitor during a timed run
    waited for the whole page (the p99 of a "warm" run)."""
    for _ in range(rounds):
        with ThreadPoolExecutor(width) as pool:
            answers = list(pool.map(lambda _: send(), range(width)))
        if all(a.headers.get("Cache-Status") == "newsgraph; hit" for a in answers):
            return
    raise RuntimeError(f"{answers[0].url}: not every answer from the cache after {rounds} "
                       "rounds")


def rows(url: str, query: str) -> int:
    answer = requests.post(url, data={"query": query}, timeout=300,
                           headers={"Accept": "application/sparql-results+json"})
    answer.raise_for_status()
    data = answer.json()
    return 1 if "boolean" in data else len(data["results"]["bindings"])


def lua(queries: list[str]) -> str:
    bodies = ",\n".join(f"[==[{urlencode({'query': q})}]==]" for q in queries)
    return f"""
local bodies = {{ {bodies} }}
local n = 0
request = function()
  n = n % #bodies + 1
  return wrk.format("POST", nil, {{
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/sparql-results+json"}}, bodies[n])
end
"""


def run_wrk(url: str, script: Path | None, clients: int, seconds: int,
            headers: tuple[str, ...] = ()) -> dict:
    scripted = ["-s", str(script)] if script is not None else []
    given = [arg for header in headers for arg in ("-H", header)]
    done = subprocess.run(["wrk", f"-t{min(2, clients)}", f"-c{clients}", f"-d{seconds}s",
                           "--timeout", "60s", "--latency", *given, *scripted, url],
                          capture_output=True, text=True, check=True)
    out = done.stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1)),
            "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1)),
            "errors": int(errors.group(1)) if errors else 0
            + (int(timeouts.group(1)) if timeouts else 0)}


def _ratio(ours: float, theirs: float | dict | None) -> str:
    if isinstance(theirs, dict):
        theirs = theirs["rps"]
    if theirs is None:
        return "not run"
    return f"{ours / theirs:.2f}×" if theirs else "∞ (none of theirs completed)"


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--gold-dir", type=Path, default=DEV)
    parser.add_argument("--store", type=Path, help="a store loaded earlier")
    parser.add_argument("--skip", action="append", default=[], choices=["rdflib-endpoint"])
    args = parser.parse_args()
    queries = [full_query(body) for _, body in EXAMPLES]
    results: dict[tuple[str, str, int], dict] = {}
    memory: dict[str, tuple[float, int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store = args.store
        if store is None:
            store = root / "store"
            make_input(args.gold_dir, args.repeat, root / "in.jsonl")
            subprocess.run([str(NEWSGRAPH), "load", str(root / "in.jsonl"), "--store",
                            str(store), "--quiet"], check=True, capture_output=True)
        dump = root / "dump.nq"
        reader = StoreReader.open(store)
        dump.write_bytes(reader.dump_nquads())
        quads = len(reader)
        articles = int(reader.query("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { } }"
                                    ).__next__()["n"].value)
        del reader
        servers = start_servers(root, store, dump, tuple(args.skip))
        try:
            time.sleep(5)  # idle: started, warmed, not yet asked anything
            memory = {name: pss_mb(process.pid) for name, (_, process) in servers.items()}
            pids = [process.pid for _, process in servers.values()]
            counts = {name: [rows(url, q) for q in queries + [ASK]]
                      for name, (url, _) in servers.items()}
            mixes = {"query mix": root / "mix.lua", "ASK": root / "ask.lua"}
            mixes["query mix"].write_text(lua(queries))
            mixes["ASK"].write_text(lua([ASK]))
            ask_json = {"Accept": "application/sparql-results+json"}
            for query in queries + [ASK]:
                warm_everywhere(lambda q=query: requests.post(
                    servers["newsgraph"][0], data={"query": q}, headers=ask_json, timeout=300))
            for name, (url, _) in servers.items():
                for mix, script in mixes.items():
                    for clients in CLIENTS:
                        # A slow server is still working through the last run's queue.
                        wait_for(url, 600)
                        wait_quiet(pids)
                        results[(name, mix, clients)] = run_wrk(url, script, clients,
                                                                args.seconds)
            for variant in ("newsgraph", "newsgraph, cache off"):
                page = top_actor_page(servers[variant][0])
                made = requests.get(page, headers={"Accept": "text/html"}, timeout=300)
                made.raise_for_status()
                if variant == "newsgraph":  # the runs are warm: kept by every worker
                    warm_everywhere(lambda p=page: requests.get(
                        p, headers={"Accept": "text/html"}, timeout=300))
                for clients in CLIENTS:
                    wait_quiet(pids)
                    results[(variant, "actor page", clients)] = run_wrk(
                        page, None, clients, args.seconds, ("Accept: text/html",))
        finally:
            for _, process in servers.values():
                process.terminate()
            for _, process in servers.values():
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
    print(f"{articles} articles, {quads} quads; rows per query "
          f"(3 examples, ASK): {json.dumps(counts)}\n")
    print("| server | idle memory (PSS, MB) | processes |")
    print("| --- | --- | --- |")
    for name, (mb, count) in memory.items():
        print(f"| {name} | {mb:.0f} | {count} |")
    print()
    print("| server | workload | clients | requests/s | p50 (ms) | p99 (ms) | errors |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for (name, mix, clients), r in results.items():
        print(f"| {name} | {mix} | {clients} | {r['rps']:,.1f} | {r['p50']:.1f} | "
              f"{r['p99']:.1f} | {r['errors']} |")
    print("\n| workload | clients | newsgraph / oxigraph serve | newsgraph / rdflib-endpoint |")
    print("| --- | --- | --- | --- |")
    for variant in ("newsgraph", "newsgraph, cache off"):
        for mix in ("query mix", "ASK"):
            for clients in CLIENTS:
                ours = results[(variant, mix, clients)]["rps"]
                print(f"| {mix} ({variant}) | {clients} | "
                      f"{_ratio(ours, results[('oxigraph serve', mix, clients)]['rps'])} | "
                      f"{_ratio(ours, results.get(('rdflib-endpoint', mix, clients)))} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
