#!/usr/bin/env python3
"""Calibrate the reconciliation threshold on the dev corpus, with the gazetteer held out.

    .venv/bin/python bench/linking.py [--gold-dir ../shared/corpus/dev]

No network reaches Wikidata here, so the benchmark builds a Wikidata-shaped
knowledge base from the packaged gazetteer (states, capitals, organisations
and people with their ids) plus look-alikes of the kind real Wikidata is full
of: a namesake of every person from another country, a town named like every
capital in another country, an organisation named like every acronym. It
serves that with `oxigraph serve`, loads the dev articles into a fresh store,
removes every link the gazetteer made, and runs reconciliation: the context
it ranks on (roles, countries named in the articles) comes from the real
articles. For each threshold it scores the result with
../shared/eval/score.py and counts wrong ids, and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from load_dev import DEV, NEWSGRAPH, make_input  # noqa: E402
from rdflib import Dataset, URIRef  # noqa: E402
from rdflib.namespace import OWL  # noqa: E402

from newsgraph.config import Settings  # noqa: E402
from newsgraph.loader.gazetteer import Gazetteer  # noqa: E402
from newsgraph.loader.link.linking import CACHE_FILE  # noqa: E402
from newsgraph.loader.link.linkset import linkset_graph, unlinked_subjects  # noqa: E402
from newsgraph.loader.link.reconcile import decide, lookup_names  # noqa: E402
from newsgraph.loader.link.wikidata import CandidateCache, WikidataClient  # noqa: E402
from newsgraph.store import EmbeddedStore  # noqa: E402
from newsgraph.vocab import NG, WD  # noqa: E402

SCORE = HERE.parent.parent / "shared" / "eval" / "score.py"
THRESHOLDS = [0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.95]
OTHER = {"Q30": "Q408", "Q159": "Q145"}  # a namesake's country when the original's is one of these


def knowledge_base(gazetteer: Gazetteer) -> str:
    """Wikidata-shaped Turtle: the gazetteer's items, their classes, and look-alikes."""
    lines = ["@prefix wd: <http://www.wikidata.org/entity/> .",
             "@prefix wdt: <http://www.wikidata.org/prop/direct/> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
             "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
             "@prefix schema: <http://schema.org/> .",
             "@prefix wikibase: <http://wikiba.se/ontology#> .",
             "wd:Q3624078 wdt:P279 wd:Q6256 . wd:Q515 wdt:P279 wd:Q486972 .",
             "wd:Q176799 wdt:P279 wd:Q17149090 . wd:Q17149090 wdt:P279 wd:Q43229 ."]
    fake = iter(range(8_000_000, 9_000_000))

    def item(qid, label, cls, aliases=(), country=None, description="", positions=(),
             sitelinks=100):
        parts = [f"wd:{qid} rdfs:label {json.dumps(label)}@en ; wdt:P31 wd:{cls} ; "
                 f"wikibase:sitelinks {sitelinks}"]
        parts += [f"skos:altLabel {json.dumps(a)}@en" for a in aliases]
        if country:
            parts.append(f"wdt:P17 wd:{country} ; wdt:P27 wd:{country}")
        if description:
            parts.append(f"schema:description {json.dumps(description)}@en")
        for position in positions:
            pid = f"Q{next(fake)}"
            parts.append(f"wdt:P39 wd:{pid}")
            lines.append(f"wd:{pid} rdfs:label {json.dumps(position)}@en .")
        lines.append(" ; ".join(parts) + " .")

    state_qid = {e.country: e.wikidata for e in gazetteer.entries
                 if e.type == "State" and e.wikidata}
    for e in gazetteer.entries:
        if not e.wikidata:
            continue
        if e.type == "State":
            item(e.wikidata, e.name, "Q3624078", e.aliases, e.wikidata,
                 f"country ({', '.join(e.demonyms)})")
        elif e.type == "Organization":
            cls = "Q176799" if e.kind == "armed_forces" else "Q43229"
            item(e.wikidata, e.name, cls, e.aliases, state_qid.get(e.country),
                 (e.kind or "organization").replace("_", " "))
            for alias in e.aliases:
                if alias.isupper():
                    item(f"Q{next(fake)}", alias, "Q43229", description="company",
                         sitelinks=5)
        else:
            country = state_qid.get(e.country)
            item(e.wikidata, e.name, "Q5", e.aliases, country, e.role or "politician",
                 [e.role] if e.role else [])
            item(f"Q{next(fake)}", e.name, "Q5", (), OTHER.get(country, "Q30"),
                 "association football player", sitelinks=10)
    data = json.loads((Path(sys.modules["newsgraph.loader"].__file__).parent
                       / "data" / "gazetteer.json").read_text(encoding="utf-8"))
    for state in data["states"]:
        if state.get("capital_wikidata") and state["capitals"]:
            capital = state["capitals"][0]
            item(state["capital_wikidata"], capital, "Q515", (), state["wikidata"],
                 f"capital of {state['name']}")
            item(f"Q{next(fake)}", capital, "Q486972", (), OTHER.get(state["wikidata"], "Q30"),
                 "small town", sitelinks=10)
    return "\n".join(lines) + "\n"


def strip_gazetteer_links(store: EmbeddedStore) -> dict[str, str]:
    """Remove the gazetteer's links from the article graphs, but for states (the gazetteer
    has every state, and the links of the states an article names are the context
    reconciliation ranks on); the removed links, resource IRI -> QID: the answer key, since
    the knowledge base is the gazetteer."""
    states = {row["s"].value for row in store.query(
        "SELECT ?s WHERE { ?s a <https://w3id.org/newsgraph/ontology#State> }")}
    removed = {}
    for name in store.graph_names():
        keep, dropped = [], False
        for line in store.graph_ntriples(name).decode().splitlines():
            if f"<{OWL.sameAs}>" in line and line.split(" ", 1)[0].strip("<>") not in states:
                subject, _, item = line.split(" ", 2)
                removed[subject.strip("<>")] = item.strip(" .<>").rsplit("/", 1)[-1]
                dropped = True
            elif f"<{NG.linkMethod}>" not in line or line.split(" ", 1)[0].strip("<>") in states:
                keep.append(line)
        if dropped:
            store.replace_graph(name, "\n".join(keep) + "\n")
    return removed


def export(store: EmbeddedStore, links, out: Path) -> int:
    """Article graphs with each reconciled link folded into the graphs that name its
    subject (score.py reads an article's actors from its own graph); Wikidata ids emitted,
    counted once per article that states them."""
    ds = Dataset()
    emitted = 0
    for name in store.graph_names():
        g = ds.graph(URIRef(name))
        g.parse(data=store.graph_ntriples(name), format="nt")
        for s, p, o in links:
            if (s, None, None) in g:
                g.add((s, p, o))
        emitted += sum(1 for o in g.objects(None, OWL.sameAs) if str(o).startswith(str(WD)))
    ds.serialize(out, format="trig")
    return emitted


def score(pred: Path, gold_dir: Path, out: Path) -> dict:
    subprocess.run([sys.executable, str(SCORE), "--gold-dir", str(gold_dir), "--pred", str(pred),
                    "--json", str(out)], check=True, capture_output=True)
    return json.loads(out.read_text())["micro"]["linking"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold-dir", type=Path, default=DEV)
    parser.add_argument("--verbose", type=float, metavar="THRESHOLD",
                        help="list every decision at this threshold")
    args = parser.parse_args()
    from conftest import start_oxigraph  # the tests' helper: oxigraph serve on a free port

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        kb = root / "kb.ttl"
        kb.write_text(knowledge_base(Gazetteer.load()), encoding="utf-8")
        server = start_oxigraph(root / "wikidata", kb)
        try:
            articles = root / "in.jsonl"
            make_input(args.gold_dir, 1, articles)
            subprocess.run([str(NEWSGRAPH), "load", str(articles), "--store",
                            str(root / "store"), "--quiet"], check=True, capture_output=True)
            store = EmbeddedStore.open(root / "store")
            gazetteer_pred = root / "gazetteer.trig"
            baseline_emitted = export(store, [], gazetteer_pred)
            baseline = score(gazetteer_pred, args.gold_dir, root / "g.json")
            stripped = strip_gazetteer_links(store)
            settings = Settings(base_iri=Settings().base_iri, cache_dir=root / "cache")
            subjects = unlinked_subjects(store, settings.base_iri, Gazetteer.load())
            client = WikidataClient(server.query, CandidateCache(root / "cache" / CACHE_FILE),
                                    min_interval=0.0)
            found = client.candidates(n for s in subjects for n in lookup_names(s))
        finally:
            server.stop()
        print(f"{len(subjects)} unlinked actors and places after removing {len(stripped)} "
              f"gazetteer links; {client.stats.names} names, {client.stats.requests} requests\n")
        print("| method | threshold | linking accuracy (score.py) | ids emitted | wrong ids "
              "(score.py) | resources linked | same as gazetteer | other than gazetteer | "
              "gazetteer had none |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        _row("gazetteer (as shipped)", "–", baseline, baseline_emitted,
             [stripped.get(s.iri) for s in subjects], stripped)
        for threshold in THRESHOLDS:
            decisions = [decide(s, found, threshold) for s in subjects]
            graph = linkset_graph(settings.base_iri, decisions)
            pred = root / f"t{threshold}.trig"
            emitted = export(store, list(graph), pred)
            _row("reconciled only", f"{threshold:.2f}",
                 score(pred, args.gold_dir, root / "r.json"), emitted,
                 [d.qid for d in decisions], stripped, subjects)
            if args.verbose and threshold == args.verbose:
                for d in decisions:
                    print(f"    {d.subject.kind} {d.subject.label}: {d.qid} {d.score:.2f} "
                          f"(gazetteer {stripped.get(d.subject.iri)}) {d.reason} "
                          f"{d.subject.roles} {sorted(d.subject.role_countries)}")
    return 0


def _row(method: str, threshold: str, linking: dict, emitted: int, qids, key,
         subjects=None) -> None:
    wrong = linking["pred_links"] - linking["correct_links"]
    iris = [s.iri for s in subjects] if subjects else [None] * len(qids)
    linked = [(i, q) for i, q in zip(iris, qids, strict=True) if q]
    same = sum(1 for i, q in linked if i is None or key.get(i) == q)
    other = sum(1 for i, q in linked if i is not None and key.get(i) not in (None, q))
    extra = sum(1 for i, q in linked if i is not None and key.get(i) is None)
    print(f"| {method} | {threshold} | {linking['accuracy']:.3f} "
          f"({linking['correct']}/{linking['total']}) | {emitted} | {wrong} | "
          f"{len(linked)} | {same} | {other} | {extra} |")


if __name__ == "__main__":
    sys.exit(main())
