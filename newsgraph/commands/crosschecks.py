"""Constraints across articles, checked once over the whole store.

The SHACL shapes hold inside one article's graph, so the loader checks each
graph as it writes it. What can only go wrong between articles is checked
here with a few SPARQL queries over the store — never by running pySHACL over
the merged graph, whose time grows far faster than the store (LESSONS.md).
"""

from __future__ import annotations

from newsgraph import iri
from newsgraph.backends import GraphStore
from newsgraph.validation import Finding
from newsgraph.vocab import sparql_prologue

SHAPE = "https://w3id.org/newsgraph/shapes#"

# (name, message, query selecting ?focus and ?value)
CHECKS: list[tuple[str, str, str]] = [
    ("OneKindAcrossArticles",
     "an actor has one kind in every article: articles disagree on whether it is a Person, "
     "Organization, State or ArmedGroup",
     """SELECT DISTINCT ?focus (GROUP_CONCAT(DISTINCT STR(?kind); separator=" ") AS ?value)
        WHERE { ?focus a ?kind
                FILTER(?kind IN (ng:Person, ng:Organization, ng:State, ng:ArmedGroup)) }
        GROUP BY ?focus HAVING (COUNT(DISTINCT ?kind) > 1)"""),
    ("OneWikidataItem",
     "an actor or place is linked to one Wikidata item: articles or the reconciled links "
     "give it several",
     """SELECT ?focus (GROUP_CONCAT(DISTINCT STR(?item); separator=" ") AS ?value)
        WHERE { ?focus owl:sameAs ?item } GROUP BY ?focus HAVING (COUNT(DISTINCT ?item) > 1)"""),
    ("GraphIsItsArticle",
     "every graph but the reconciled links holds the ng:Article (or the ng:Claim) whose "
     "IRI is the graph's",
     """SELECT ?focus ?value WHERE {
          GRAPH ?focus { ?s ?p ?o }
          FILTER(?focus != <%(links)s>)
          FILTER NOT EXISTS { GRAPH ?focus { ?focus a ?kind FILTER(?kind IN (ng:Article,
                                                                            ng:Claim)) } }
          BIND("no ng:Article or ng:Claim named like the graph" AS ?value) }
        GROUP BY ?focus ?value"""),
]


def cross_article_findings(store: GraphStore, base: str) -> list[Finding]:
    found = []
    # A graph the engine keeps for itself (Virtuoso's) is not the store's to check.
    graphs = set(store.graph_names())
    for name, message, query in CHECKS:
        text = sparql_prologue() + query % {"links": iri.reconciled_links(base)}
        for row in store.query(text):
            value = row["value"]
            if name == "GraphIsItsArticle" and row["focus"].value not in graphs:
                continue
            found.append(Finding(focus=row["focus"].value, path=None,
                                 value=None if value is None else value.value, message=message,
                                 severity="Violation", shape=SHAPE + name, constraint=None))
    return found
