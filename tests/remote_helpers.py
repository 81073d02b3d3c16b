"""What the remote-store tests of every engine share: a corpus, sharded loaders, and the
first things a client of `serve` in front of a remote store does."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import requests
from SPARQLWrapper import JSON, SPARQLWrapper

from .conftest import NEWSGRAPH, SAMPLES


def corpus(path: Path, copies: int) -> Path:
    """The sample articles ``copies`` times over, ids made unique."""
    records = [json.loads(line) for line in SAMPLES.read_text().splitlines() if line.strip()]
    with path.open("w") as out:
        for n in range(copies):
            for record in records:
                out.write(json.dumps({**record, "id": f"{record['id']}-{n}"}) + "\n")
    return path


def load_in_shards(articles: Path, store_url: str, shards: int = 3) -> list[int]:
    """``shards`` loaders at once, each with its --shard; how many articles each loaded."""
    loaders = [subprocess.Popen([str(NEWSGRAPH), "load", str(articles), "--shard",
                                 f"{i}/{shards}", "--store", store_url, "-q"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for i in range(1, shards + 1)]
    counts = []
    for loader in loaders:
        _, err = loader.communicate(timeout=300)
        assert loader.returncode == 0, err
        counts.append(int(err.split(" article(s)")[0].split()[-1]))
    return counts


def people_and_a_page(server_url: str) -> None:
    """Through `serve`: SPARQLWrapper lists people, and the first one's page names them."""
    client = SPARQLWrapper(server_url + "/sparql")
    client.setQuery("PREFIX ng: <https://w3id.org/newsgraph/ontology#>\n"
                    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                    "SELECT ?a ?name WHERE { ?a a ng:Person ; rdfs:label ?name } "
                    "ORDER BY ?name LIMIT 5")
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert len(rows) == 5
    actor = rows[0]["a"]["value"]
    page = requests.get(server_url + actor.removeprefix("https://w3id.org/newsgraph"),
                        headers={"Accept": "text/html"}, timeout=30)
    assert page.status_code == 200 and rows[0]["name"]["value"] in page.text


def conformance_in_front_of(store_url: str, tmp: Path) -> list[str]:
    """The W3C runner through `serve --enable-update` in front of a loaded remote store;
    the lines that failed, each of which must be a dataset-from-URL test refused (400)
    by design, and the summary."""
    from .conftest import run_cli, run_conformance, start_server, stop_server

    assert run_cli("load", str(SAMPLES), "--store", store_url, "-q").returncode == 0
    token = "remote-conformance-token"
    server = start_server(store_url, None, "--enable-update",
                          env={"NEWSGRAPH_UPDATE_TOKEN": token})
    try:
        lines = run_conformance(server, token, tmp)
    finally:
        stop_server(server)
    failed = [line for line in lines if line.startswith("FAIL")]
    assert all("@dataset-from-URL" in line and "got 400" in line for line in failed), failed
    return failed + lines[-1:]
