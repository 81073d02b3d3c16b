"""Map an extraction to RDF: the one module that writes newsgraph's vocabulary.

The output is one rdflib Graph per article, to be stored as the named graph
whose IRI is the article's IRI (docs/data-model.md).
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from newsgraph import iri
from newsgraph.vocab import (
    ACTOR_CLASSES,
    COUNT_QUALIFIERS,
    NG,
    OA,
    SCHEMA,
    STATEMENT_KINDS,
    STATUSES,
    WD,
    new_graph,
)

from .model import Article, Extraction


def article_iri(base: str, article: Article) -> str:
    return iri.article(base, article.id)


def to_graph(extraction: Extraction, base: str, digest: str | None = None) -> Graph:
    """The article's named-graph content; the graph's own identifier is the article IRI.
    ``digest`` (digest.py) records what the graph was made from."""
    article = extraction.article
    a = URIRef(article_iri(base, article))
    g = new_graph(a)

    g.add((a, RDF.type, NG.Article))
    g.add((a, DCTERMS.identifier, Literal(article.id)))
    g.add((a, SCHEMA.articleBody, Literal(article.text)))
    if article.title:
        g.add((a, SCHEMA.headline, Literal(article.title)))
    if digest:
        g.add((a, NG.extractionDigest, Literal(digest)))
    if article.published:
        g.add((a, SCHEMA.datePublished, Literal(article.published.isoformat(),
                                                 datatype=XSD.date)))
    if article.author:
        g.add((a, SCHEMA.author, Literal(article.author)))
    if article.language:
        g.add((a, SCHEMA.inLanguage, Literal(article.language)))
    if article.url and _is_iri(article.url):
        g.add((a, SCHEMA.url, URIRef(article.url)))
    if article.outlet:
        o = URIRef(iri.outlet(base, article.outlet))
        g.add((a, SCHEMA.publisher, o))
        g.add((o, RDF.type, NG.Outlet))
        g.add((o, RDFS.label, Literal(article.outlet)))

    actor_nodes = {}
    for key, actor in extraction.actors.items():
        node = URIRef(iri.actor(base, actor.name))
        actor_nodes[key] = node
        # Typed ng:Actor as well, so queries need no reasoner to find every actor.
        g.add((node, RDF.type, NG.Actor))
        g.add((node, RDF.type, ACTOR_CLASSES[actor.type]))
        g.add((node, RDFS.label, Literal(actor.name)))
        for alias in sorted(actor.aliases - {actor.name}):
            g.add((node, SKOS.altLabel, Literal(alias)))
        if actor.role:
            g.add((node, NG.role, Literal(actor.role)))
        if actor.wikidata:
            g.add((node, OWL.sameAs, WD[actor.wikidata]))
            g.add((node, NG.linkMethod, Literal("gazetteer")))

    place_nodes = {}
    for key, place in extraction.places.items():
        node = URIRef(iri.place(base, place.name))
        place_nodes[key] = node
        g.add((node, RDF.type, NG.Place))
        g.add((node, RDFS.label, Literal(place.name)))
        for alias in sorted(place.aliases - {place.name}):
            g.add((node, SKOS.altLabel, Literal(alias)))
        if place.wikidata:
            g.add((node, OWL.sameAs, WD[place.wikidata]))
            g.add((node, NG.linkMethod, Literal("gazetteer")))

    spans: dict[tuple[int, int], int] = {}
    for st in extraction.statements:
        # Several speakers of the same words are several statements over one span.
        nth = spans[(st.start, st.end)] = spans.get((st.start, st.end), -1) + 1
        node = URIRef(iri.statement(base, article.id, st.start, st.end, nth))
        g.add((node, RDF.type, NG.Statement))
        g.add((node, NG.speaker, actor_nodes[st.speaker]))
        g.add((node, NG.quote, Literal(st.quote)))
        g.add((node, NG.statementKind, STATEMENT_KINDS[st.kind]))
        g.add((node, NG.source, a))
        if st.stated_on:
            g.add((node, NG.statedOn, Literal(st.stated_on.isoformat(), datatype=XSD.date)))
        if st.location and st.location in place_nodes:
            g.add((node, NG.location, place_nodes[st.location]))
        _evidence(g, node, st.start, st.end, article.text)

    for n, dep in enumerate(extraction.deployments):
        node = URIRef(iri.deployment(base, article.id, dep.start, dep.end, n))
        g.add((node, RDF.type, NG.Deployment))
        g.add((node, NG.deployer, actor_nodes[dep.deployer]))
        dest = place_nodes[dep.destination] if dep.destination_is_place else \
            actor_nodes[dep.destination]
        g.add((node, NG.destination, dest))
        if dep.count is not None:
            g.add((node, NG.personnelCount, Literal(dep.count, datatype=XSD.integer)))
            if dep.qualifier:
                g.add((node, NG.countQualifier, COUNT_QUALIFIERS[dep.qualifier]))
        g.add((node, NG.status, STATUSES[dep.status]))
        if dep.reported_by:
            g.add((node, NG.reportedBy, actor_nodes[dep.reported_by]))
        if dep.unit:
            g.add((node, NG.unit, Literal(dep.unit)))
        g.add((node, NG.source, a))
        _evidence(g, node, dep.start, dep.end, article.text)
    return g


def _evidence(g: Graph, node: URIRef, start: int, end: int, text: str) -> None:
    sel = URIRef(iri.evidence(str(node)))
    g.add((node, NG.evidence, sel))
    g.add((sel, RDF.type, OA.TextPositionSelector))
    g.add((sel, OA.start, Literal(start, datatype=XSD.integer)))
    g.add((sel, OA.end, Literal(end, datatype=XSD.integer)))
    g.add((sel, OA.exact, Literal(text[start:end])))


def _is_iri(value: str) -> bool:
    return value.startswith(("http://", "https://")) and iri.usable(value)
