"""A load killed at any moment leaves a store that opens, where every article graph is its
whole old or whole new version and the merged default graph is still their merge.

    NEWSGRAPH_KILL_RUNS=100 .venv/bin/pytest -m slow tests/test_kill.py -s

runs it many more times and prints the figures the README gives.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from newsgraph.store import EmbeddedStore, StoreReader

from .conftest import NEWSGRAPH, SAMPLES

pytestmark = pytest.mark.slow

RUNS = int(os.environ.get("NEWSGRAPH_KILL_RUNS", "8"))
COPIES = 10  # the four sample articles, ten times over


def versions(tmp: Path) -> tuple[Path, Path]:
    """The same articles twice: as they are, and each with a sentence more."""
    records = [json.loads(line) for line in SAMPLES.read_text().splitlines() if line.strip()]
    old, new = tmp / "old.jsonl", tmp / "new.jsonl"
    with old.open("w") as a, new.open("w") as b:
        for n in range(COPIES):
            for record in records:
                copy = {**record, "id": f"{record['id']}-{n}"}
                a.write(json.dumps(copy) + "\n")
                copy["text"] += ("\n\nThe defence ministry said on Friday that "
                                 f"{100 + n} more troops would be sent to the border.")
                b.write(json.dumps(copy) + "\n")
    return old, new


def load(articles: Path, store: Path) -> subprocess.CompletedProcess:
    # --force: each load extracts and writes every article, as long as a full load, so
    # that the kills land among the writes (an unchanged article would be skipped).
    return subprocess.run([str(NEWSGRAPH), "load", str(articles), "--store", str(store), "-q",
                           "--force"], capture_output=True, text=True, timeout=600)


def graphs(store: Path) -> dict[str, frozenset[ox.Triple]]:
    reader = StoreReader.open(store)
    return {name: _triples(reader.graph_ntriples(name)) for name in reader.graph_names()}


def _triples(ntriples: bytes) -> frozenset[ox.Triple]:
    return frozenset(q.triple for q in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))


def derived(name: str) -> bool:
    """A claim graph, or a mark of a load under way (newsgraph/claims/pending.py)."""
    return "/claim/" in name or "/claims-pending/" in name


def articles_only(found: dict) -> dict:
    return {name: triples for name, triples in found.items() if not derived(name)}


def inconsistencies(store: Path, old: dict, new: dict) -> list[str]:
    """What is wrong with a store after a kill (nothing, we hope)."""
    problems = []
    writer = EmbeddedStore.open(store, create=False)  # opens: RocksDB recovered its log
    names = writer.graph_names()
    merged: set[ox.Triple] = set()
    for name in names:
        triples = _triples(writer.graph_ntriples(name))
        merged |= triples
        if derived(name):
            continue  # rebuilt by the next load when out of step (claims/)
        if triples != old.get(name) and triples != new.get(name):
            problems.append(f"{name}: neither its old nor its new version")
    if set(old) - set(names):
        problems.append(f"lost {len(set(old) - set(names))} article graph(s)")
    if _triples(writer.graph_ntriples(None)) != merged:
        problems.append("the default graph is not the merge of the article graphs")
    writer.close()
    # Readers see a whole snapshot too.
    for name, triples in articles_only(graphs(store)).items():
        if triples != old.get(name) and triples != new.get(name):
            problems.append(f"snapshot: {name} is neither version")
    return problems


def test_killed_loads_leave_every_article_whole(tmp_path):
    old_input, new_input = versions(tmp_path)
    reference_old, reference_new = tmp_path / "ref-old", tmp_path / "ref-new"
    assert load(old_input, reference_old).returncode == 0
    started = time.monotonic()
    assert load(new_input, reference_new).returncode == 0
    full = time.monotonic() - started
    # The article graphs; the claims derived from them follow on the next load.
    old, new = articles_only(graphs(reference_old)), articles_only(graphs(reference_new))
    assert set(old) == set(new) and all(old[g] != new[g] for g in old)

    # Most of a load's time before its first write is starting up (the NLP model):
    # kill between then and the end, so the kills land among the writes.
    one = tmp_path / "one.jsonl"
    one.write_text(old_input.read_text().splitlines()[0] + "\n")
    started = time.monotonic()
    assert load(one, tmp_path / "startup").returncode == 0
    startup = time.monotonic() - started

    store = tmp_path / "store"
    assert load(old_input, store).returncode == 0
    rng = random.Random(20261122)
    interrupted, mixed, found, runs = 0, 0, [], 0
    # A load can end before its kill time on a busy machine: run on (up to three times as
    # often) until half the planned runs were really killed mid-load.
    while runs < RUNS or (interrupted < RUNS // 2 and runs < 3 * RUNS):
        runs += 1
        # Alternate the direction so a kill can land on either kind of replacement.
        target, goal = (new_input, new) if rng.random() < 0.5 else (old_input, old)
        process = subprocess.Popen([str(NEWSGRAPH), "load", str(target), "--store",
                                    str(store), "-q", "--force"], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.8 * startup, full))
        if process.poll() is None:
            interrupted += 1
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        found += inconsistencies(store, old, new)
        state = graphs(store)
        reached = sum(1 for name, triples in state.items() if triples == goal.get(name))
        mixed += 0 < reached < len(goal)  # killed in the middle of the writes
    # And a load after all that finishes the job.
    assert load(new_input, store).returncode == 0
    assert articles_only(graphs(store)) == new
    # The claims too: the same as a load that was never stopped made.
    final = graphs(store)
    assert {n: t for n, t in final.items() if n not in new} == {
        n: t for n, t in graphs(reference_new).items() if n not in new}
    print(f"\nkill test: {runs} runs, {interrupted} killed mid-load, {mixed} of them between "
          f"two article writes (the store then held old and new articles), {len(found)} "
          f"inconsistencies; a full load of {len(new)} articles takes {full:.1f} s")
    assert found == []
    assert interrupted >= RUNS // 2


def test_queries_during_a_load_see_each_article_before_or_after(tmp_path):
    import threading

    import requests

    from .conftest import start_server, stop_server

    old_input, new_input = versions(tmp_path)
    reference_new = tmp_path / "ref-new"
    assert load(new_input, reference_new).returncode == 0
    new = graphs(reference_new)
    store = tmp_path / "store"
    assert load(old_input, store).returncode == 0
    old = graphs(store)
    sizes = {name: {len(old[name]), len(new[name])} for name in old}
    server = start_server(store)
    seen, answered, failures = set(), 0, []
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    loader = threading.Thread(target=lambda: failures.append(load(new_input, store).returncode))
    # One kept-alive connection: answers from memory come faster than the connections
    # a client may open per second.
    client = requests.Session()
    try:
        loader.start()
        while loader.is_alive():
            answer = client.get(server.sparql, params={"query": query}, timeout=30)
            if answer.status_code != 200:
                failures.append(answer.status_code)
                continue
            answered += 1
            for row in answer.json()["results"]["bindings"]:
                name, n = row["g"]["value"], int(row["n"]["value"])
                if not derived(name) and n not in sizes.get(name, set()):
                    failures.append(f"{name} seen with {n} triples")
                seen.add((name, n))
        loader.join()
    finally:
        stop_server(server)
    assert failures == [0], failures  # the load's exit code, and nothing else
    assert answered > 10
    # Articles were seen in both versions while the load ran.
    assert {n for _, n in seen} & {len(t) for t in new.values()}
