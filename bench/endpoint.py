#!/usr/bin/env python3
"""Endpoint throughput and latency: newsgraph against Oxigraph's server and rdflib-endpoint.

    .venv/bin/pip install '.[bench]'      # rdflib-endpoint, uvicorn, oxigraph
    apt-get install wrk                   # the load generator
    .venv/bin/python bench/endpoint.py [--repeat 10] [--seconds 10]

Loads the dev corpus (repeated with unique ids) into a newsgraph store, dumps
the same quads for the two peers, starts all three servers on free ports, and
drives each with wrk at 1, 8 and 32 concurrent connections: once with the
README's example queries in turn (the query mix) and once with a trivial ASK.
Before timing, every server must answer every query with 200 and the same
number of rows. Prints a Markdown table for the README.
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
from pathlib import Path
from urllib.parse import urlencode

import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from load_dev import DEV, NEWSGRAPH, make_input  # noqa: E402

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


def start_servers(root: Path, store: Path, dump: Path) -> dict[str, tuple[str, subprocess.Popen]]:
    servers = {}
    log = (root / "servers.log").open("w")
    port = free_port()
    # wrk is one client on one address; the per-client limits that protect a public
    # endpoint from such a client would measure those limits, not the server.
    config = root / "newsgraph.toml"
    config.write_text("client_concurrent = 1000\nclient_seconds = 1000000\n"
                      "client_connection_rate = 0\n")
    servers["newsgraph"] = (f"http://127.0.0.1:{port}/sparql", subprocess.Popen(
        [str(NEWSGRAPH), "serve", "--store", str(store), "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, env={**os.environ,
                                                   "NEWSGRAPH_CONFIG": str(config)}))
    location = root / "oxigraph"
    subprocess.run([str(BIN / "oxigraph"), "load", "--location", str(location), "--file",
                    str(dump)], check=True, capture_output=True)
    port = free_port()
    servers["oxigraph serve"] = (f"http://127.0.0.1:{port}/query", subprocess.Popen(
        [str(BIN / "oxigraph"), "serve-read-only", "--location", str(location), "--bind",
         f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT))
    port = free_port()
    servers["rdflib-endpoint"] = (f"http://127.0.0.1:{port}/", subprocess.Popen(
        [str(BIN / "rdflib-endpoint"), "serve", "--host", "127.0.0.1", "--port", str(port),
         str(dump)], stdout=log, stderr=subprocess.STDOUT))
    for url, _ in servers.values():
        wait_for(url, 300)
    return servers


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


def run_wrk(url: str, script: Path, clients: int, seconds: int) -> dict:
    done = subprocess.run(["wrk", f"-t{min(2, clients)}", f"-c{clients}", f"-d{seconds}s",
                           "--timeout", "60s", "--latency", "-s", str(script), url],
                          capture_output=True, text=True, check=True)
    out = done.stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1)),
            "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1)),
            "errors": int(errors.group(1)) if errors else 0
            + (int(timeouts.group(1)) if timeouts else 0)}


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--gold-dir", type=Path, default=DEV)
    args = parser.parse_args()
    queries = [full_query(body) for _, body in EXAMPLES]
    results: dict[tuple[str, str, int], dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        articles, words = make_input(args.gold_dir, args.repeat, root / "in.jsonl")
        subprocess.run([str(NEWSGRAPH), "load", str(root / "in.jsonl"), "--store",
                        str(root / "store"), "--quiet"], check=True, capture_output=True)
        dump = root / "dump.nq"
        reader = StoreReader.open(root / "store")
        dump.write_bytes(reader.dump_nquads())
        quads = len(reader)
        del reader
        servers = start_servers(root, root / "store", dump)
        try:
            counts = {name: [rows(url, q) for q in queries + [ASK]]
                      for name, (url, _) in servers.items()}
            mixes = {"query mix": root / "mix.lua", "ASK": root / "ask.lua"}
            mixes["query mix"].write_text(lua(queries))
            mixes["ASK"].write_text(lua([ASK]))
            for name, (url, _) in servers.items():
                for mix, script in mixes.items():
                    for clients in CLIENTS:
                        # A slow server is still working through the last run's queue.
                        wait_for(url, 600)
                        results[(name, mix, clients)] = run_wrk(url, script, clients,
                                                                args.seconds)
        finally:
            for _, process in servers.values():
                process.terminate()
            for _, process in servers.values():
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
    print(f"{articles} articles, {words} words, {quads} quads; rows per query "
          f"(3 examples, ASK): {json.dumps(counts)}\n")
    print("| server | workload | clients | requests/s | p50 (ms) | p99 (ms) | errors |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for (name, mix, clients), r in results.items():
        print(f"| {name} | {mix} | {clients} | {r['rps']:,.1f} | {r['p50']:.1f} | "
              f"{r['p99']:.1f} | {r['errors']} |")
    print("\n| workload | clients | newsgraph / oxigraph serve | newsgraph / rdflib-endpoint |")
    print("| --- | --- | --- | --- |")
    for mix in ("query mix", "ASK"):
        for clients in CLIENTS:
            ours = results[("newsgraph", mix, clients)]["rps"]
            ox = results[("oxigraph serve", mix, clients)]["rps"]
            rl = results[("rdflib-endpoint", mix, clients)]["rps"]
            versus = f"{ours / rl:.1f}×" if rl else "∞ (no request completed)"
            print(f"| {mix} | {clients} | {ours / ox:.2f}× | {versus} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
