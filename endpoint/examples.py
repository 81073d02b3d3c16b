"""Example queries, offered in the editor and on the plain query form, and shown in the README.

They select the resources themselves (statement, speaker, article, actor IRIs) beside
their names, so that every row leads to the resource's page. The vocabulary's
prefixes are predeclared by the endpoint, so the examples need no PREFIX lines;
``full_query`` adds them for engines that do not predeclare them.
"""

from newsgraph.vocab import sparql_prologue

_EXAMPLES: list[tuple[str, str]] = [
    ("Who said what, and where was it reported", """
SELECT ?statement ?speaker ?speakerName ?kind ?quote ?article WHERE {
  ?statement a ng:Statement ; ng:speaker ?speaker ; ng:quote ?quote ;
     ng:statementKind ?k ; ng:source ?article .
  ?speaker rdfs:label ?speakerName .
  BIND(STRAFTER(STR(?k), "#") AS ?kind)
}
ORDER BY ?article ?speakerName
LIMIT 20"""),
    ("Troop figures by deployer, destination and source", """
SELECT ?deployment ?deployer ?destination ?count ?qualifier ?status ?reportedBy ?article
WHERE {
  ?deployment a ng:Deployment ; ng:deployer/rdfs:label ?deployer ;
     ng:destination/rdfs:label ?destination ; ng:status ?st ; ng:source ?article .
  OPTIONAL { ?deployment ng:personnelCount ?count }
  OPTIONAL { ?deployment ng:countQualifier ?q BIND(STRAFTER(STR(?q), "#") AS ?qualifier) }
  OPTIONAL { ?deployment ng:reportedBy/rdfs:label ?reportedBy }
  BIND(STRAFTER(STR(?st), "#") AS ?status)
}
ORDER BY ?deployer ?destination DESC(?count)"""),
    ("Actors linked to Wikidata, by how many articles name them", """
SELECT ?actor ?name ?type ?wikidata (COUNT(DISTINCT ?g) AS ?articles) WHERE {
  ?actor rdfs:label ?name ; a ?cls ; owl:sameAs ?wikidata .
  FILTER(?cls IN (ng:Person, ng:Organization, ng:State, ng:ArmedGroup))
  BIND(STRAFTER(STR(?cls), "#") AS ?type)
  GRAPH ?g { ?actor rdfs:label ?name }
}
GROUP BY ?actor ?name ?type ?wikidata
ORDER BY DESC(?articles) ?name
LIMIT 20"""),
]


EXAMPLES: list[tuple[str, str]] = [(title, body.strip()) for title, body in _EXAMPLES]


def full_query(body: str) -> str:
    """The example with every prefix declared, for any SPARQL engine."""
    return sparql_prologue() + body.strip() + "\n"
