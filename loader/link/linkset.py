"""Reconciled links to Wikidata: which store resources need one, and the linkset graph.

The gazetteer's links are made at extraction time inside each article's
graph. Links made by reconciliation are about an actor or place across all
its articles, so they live in one named graph of their own, the linkset
(``<base>graph/reconciled-links``), which the merged default graph includes like
any other: reloading an article never drops them, and `newsgraph link`
rebuilds the linkset whole from the store and its cache each time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, XSD

from newsgraph import iri
from newsgraph.backends import GraphStore
from newsgraph.store import WriteOutcome
from newsgraph.vocab import NG, WD, sparql_prologue

from ..gazetteer import Gazetteer
from .reconcile import Decision, Subject

KINDS = ("Person", "Organization", "State", "ArmedGroup", "Place")

_UNLINKED = """
SELECT ?s ?kind ?label ?alt ?role WHERE {
  VALUES ?kind { %(kinds)s }
  ?s a ?kind ; rdfs:label ?label .
  FILTER NOT EXISTS { GRAPH ?g { ?s owl:sameAs ?any } FILTER(?g != <%(linkset)s>) }
  OPTIONAL { ?s skos:altLabel ?alt }
  OPTIONAL { ?s ng:role ?role }
}"""

_ARTICLE_STATES = """
SELECT DISTINCT ?s ?state WHERE {
  VALUES ?kind { %(kinds)s }
  GRAPH ?g { ?s a ?kind . ?other a ng:State ; owl:sameAs ?state . FILTER(?other != ?s) }
  FILTER(?g != <%(linkset)s>)
}"""

_LINK_COUNTS = """
SELECT ?method (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s owl:sameAs ?item . OPTIONAL { ?s ng:linkMethod ?m }
  BIND(COALESCE(?m, "unrecorded") AS ?method)
} GROUP BY ?method"""


def unlinked_subjects(store: GraphStore, base: str, gazetteer: Gazetteer) -> list[Subject]:
    """Actors and places that no article graph links to Wikidata, with their context."""
    params = {"kinds": " ".join(f"ng:{k}" for k in KINDS), "linkset": iri.reconciled_links(base)}
    kinds: dict[str, str] = {}
    labels: dict[str, list[str]] = defaultdict(list)
    names: dict[str, set[str]] = defaultdict(set)
    roles: dict[str, set[str]] = defaultdict(set)
    for row in store.query(sparql_prologue() + _UNLINKED % params):
        s = row["s"].value
        kind = row["kind"].value.rsplit("#", 1)[-1]
        # An actor is also typed ng:Actor; a specific kind seen once is enough.
        kinds.setdefault(s, kind)
        labels[s].append(row["label"].value)
        names[s].add(row["label"].value)
        if row["alt"] is not None:
            names[s].add(row["alt"].value)
        if row["role"] is not None:
            roles[s].add(row["role"].value)
    beside: dict[str, set[str]] = defaultdict(set)
    for row in store.query(sparql_prologue() + _ARTICLE_STATES % params):
        if row["s"].value in kinds and row["state"].value.startswith(str(WD)):
            beside[row["s"].value].add(row["state"].value.rsplit("/", 1)[-1])
    subjects = []
    for s, kind in sorted(kinds.items()):
        label = min(labels[s], key=lambda n: (-labels[s].count(n), n))
        role_list = tuple(sorted(roles[s]))
        subjects.append(Subject(
            iri=s, kind=kind, label=label, names=frozenset(names[s]), roles=role_list,
            role_countries=frozenset(_named_states(role_list, label, gazetteer)),
            article_countries=frozenset(beside[s])))
    return subjects


def _named_states(roles: Iterable[str], label: str, gazetteer: Gazetteer) -> set[str]:
    """States (QIDs) that a role names ("Ukrainian commander", "President of Russia"),
    and the state of a gazetteer person or organisation known without a Wikidata id."""
    found = set()
    for role in roles:
        words = role.replace("'s", "").replace("’s", "").split()
        for n in range(1, 5):
            for i in range(len(words) - n + 1):
                phrase = " ".join(words[i:i + n]).strip(",.;:()")
                entry = gazetteer.by_demonym.get(phrase) or gazetteer.by_name.get(phrase)
                if entry is not None and entry.type == "State" and entry.wikidata:
                    found.add(entry.wikidata)
    known = gazetteer.by_name.get(label)
    if known is not None and known.type != "State" and known.country:
        state = gazetteer.by_country.get(known.country)
        if state is not None and state.wikidata:
            found.add(state.wikidata)
    return found


def linkset_graph(base: str, decisions: Iterable[Decision]) -> Graph:
    """The linkset: owl:sameAs, ng:linkMethod "reconciled" and ng:linkScore per link."""
    g = Graph(identifier=URIRef(iri.reconciled_links(base)))
    for decision in decisions:
        if decision.qid is None:
            continue
        node = URIRef(decision.subject.iri)
        g.add((node, OWL.sameAs, WD[decision.qid]))
        g.add((node, NG.linkMethod, Literal("reconciled")))
        score = format(Decimal(f"{decision.score:.3f}").normalize(), "f")
        g.add((node, NG.linkScore, Literal(score, datatype=XSD.decimal)))
    return g


def write_linkset(store: GraphStore, graph: Graph) -> str:
    """Replace the linkset graph: "created", "replaced", "unchanged" or "removed"."""
    if len(graph) == 0:
        return "removed" if store.remove_graph(str(graph.identifier)) else "unchanged"
    outcome: WriteOutcome = store.replace_graph(str(graph.identifier),
                                                graph.serialize(format="nt"))
    return outcome.value


def link_counts(store: GraphStore) -> dict[str, int]:
    """Linked resources in the store by link method ("gazetteer", "reconciled")."""
    return {row["method"].value: int(row["n"].value)
            for row in store.query(sparql_prologue() + _LINK_COUNTS)}
