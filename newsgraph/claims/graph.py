"""A claim as RDF: one named graph per claim, whose IRI is the claim's, as an article's
graph is the article's.

What is derived (verdict, dates, ranges, counts) sits beside the provenance it
comes from: every deployment (``ng:report``, ``prov:wasDerivedFrom``) with the
article that reports it, its status and its figure (``ng:source``, ``ng:status``,
``ng:personnelCount``, repeated here: a rebuild finds the claims an article touches
without reading every claim, and a check finds a claim older than a report).
"""

from __future__ import annotations

import hashlib

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from newsgraph import iri
from newsgraph.vocab import NG, PROV, new_graph

from .grouping import Claim

VERDICTS = {"contested": NG.Contested, "uncontested": NG.Uncontested}


def claim_iri(base: str, claim: Claim) -> str:
    """Readable from the names, unique by the identities behind them (two actors may
    share a name)."""
    digest = hashlib.sha256("\x00".join(claim.key).encode("utf-8")).hexdigest()[:8]
    return f"{base}claim/{iri.slug(claim.deployer_label)}-to-" \
           f"{iri.slug(claim.destination_label)}-{digest}"


def claim_graph(base: str, claim: Claim) -> Graph:
    c = URIRef(claim_iri(base, claim))
    g = new_graph(c)
    g.add((c, RDF.type, NG.Claim))
    g.add((c, RDFS.label, Literal(claim.slug)))
    g.add((c, NG.claimDeployer, URIRef(claim.deployer_iri)))
    g.add((c, NG.claimDestination, URIRef(claim.destination_iri)))
    for r in claim.reports:
        if r.destination_state and r.destination_iri != claim.destination_iri:
            g.add((c, NG.claimPlace, URIRef(r.destination_iri)))
    g.add((c, NG.verdict, VERDICTS[claim.verdict]))
    for reason in claim.reasons:
        g.add((c, NG.verdictReason, Literal(reason)))
    g.add((c, NG.reportCount, Literal(len(claim.reports))))
    if claim.first:
        g.add((c, NG.firstReported, Literal(claim.first.isoformat(), datatype=XSD.date)))
        g.add((c, NG.lastReported, Literal(claim.latest.isoformat(), datatype=XSD.date)))
    counts = [r.count for r in claim.figures]
    if counts:
        g.add((c, NG.lowestCount, Literal(min(counts))))
        g.add((c, NG.highestCount, Literal(max(counts))))
    for r in claim.reports:
        d = URIRef(r.deployment)
        g.add((c, NG.report, d))
        g.add((c, PROV.wasDerivedFrom, d))
        g.add((d, NG.source, URIRef(r.article)))
        # What the claim read of it, so that a check finds a claim older than its report.
        g.add((d, NG.status, NG[r.status]))
        if r.count is not None:
            g.add((d, NG.personnelCount, Literal(r.count)))
        if r.status == "Denied":
            g.add((c, NG.denial, d))
            for statement in r.statements:
                g.add((c, NG.denialStatement, URIRef(statement)))
    for n, (source, found) in enumerate(claim.ranges().items(), start=1):
        # An IRI, not a blank node: graphs are replaced and merged triple by triple.
        node = URIRef(f"{c}#source-{n}")
        g.add((c, NG.sourceRange, node))
        g.add((node, RDF.type, NG.SourceRange))
        g.add((node, NG.sourceName, Literal(source)))
        g.add((node, NG.lowestCount, Literal(found.low)))
        g.add((node, NG.highestCount, Literal(found.high)))
        g.add((node, NG.reportCount, Literal(found.reports)))
    return g
