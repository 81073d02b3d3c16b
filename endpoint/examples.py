"""Example queries, offered on the home page and shown in the README."""

from newsgraph.vocab import sparql_prologue

EXAMPLES: list[tuple[str, str]] = [
    ("Who said what, and where was it reported", """
SELECT ?speaker ?kind ?quote ?article WHERE {
  ?s a ng:Statement ; ng:speaker/rdfs:label ?speaker ; ng:quote ?quote ;
     ng:statementKind ?k ; ng:source/dcterms:identifier ?article .
  BIND(STRAFTER(STR(?k), "#") AS ?kind)
}
ORDER BY ?article ?speaker
LIMIT 20"""),
    ("Troop figures by deployer, destination and source", """
SELECT ?deployer ?destination ?count ?qualifier ?status ?reportedBy ?article WHERE {
  ?d a ng:Deployment ; ng:deployer/rdfs:label ?deployer ;
     ng:destination/rdfs:label ?destination ; ng:status ?st ;
     ng:source/dcterms:identifier ?article .
  OPTIONAL { ?d ng:personnelCount ?count }
  OPTIONAL { ?d ng:countQualifier ?q . BIND(STRAFTER(STR(?q), "#") AS ?qualifier) }
  OPTIONAL { ?d ng:reportedBy/rdfs:label ?reportedBy }
  BIND(STRAFTER(STR(?st), "#") AS ?status)
}
ORDER BY ?deployer ?destination DESC(?count)"""),
    ("Actors linked to Wikidata, by how many articles name them", """
SELECT ?actor ?type ?wikidata (COUNT(DISTINCT ?g) AS ?articles) WHERE {
  ?a rdfs:label ?actor ; a ?cls ; owl:sameAs ?wikidata .
  FILTER(?cls IN (ng:Person, ng:Organization, ng:State, ng:ArmedGroup))
  BIND(STRAFTER(STR(?cls), "#") AS ?type)
  GRAPH ?g { ?a rdfs:label ?actor }
}
GROUP BY ?actor ?type ?wikidata
ORDER BY DESC(?articles) ?actor
LIMIT 20"""),
]


def full_query(body: str) -> str:
    return sparql_prologue() + body.strip() + "\n"
