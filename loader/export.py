"""Write article graphs to a file, streaming where the syntax allows it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from newsgraph.vocab import PREFIXES

# TriG, N-Quads and Turtle go through Oxigraph's serialisers (Rust): rdflib's took
# longer per article than our rules and mapping together. JSON-LD stays with rdflib.
OX_FORMATS = {
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "turtle": ox.RdfFormat.TURTLE,
}
FORMATS = (*OX_FORMATS, "jsonld")
_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}


class TermConverter:
    """rdflib terms to Oxigraph's; an article repeats its predicates and subjects, so
    each distinct term is made once."""

    def __init__(self) -> None:
        self._made: dict[Node, object] = {}

    def __call__(self, term: Node):
        made = self._made.get(term)
        if made is None:
            made = self._made[term] = _convert(term)
        return made

    def quads(self, graph: Graph) -> list[ox.Quad]:
        name = ox.NamedNode(str(graph.identifier))
        # In subject order, so the writers group each resource's triples under it.
        return [ox.Quad(self(s), self(p), self(o), name) for s, p, o in sorted(graph)]


def _convert(term: Node):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"no RDF term for {term!r}")


def write_graphs(graphs: Iterable[Graph], fmt: str, out: BinaryIO) -> int:
    """Write every graph; returns how many were written.

    TriG, N-Quads and Turtle documents concatenate, so each article is written as
    it comes and memory stays flat; JSON-LD is one document and is built whole.
    Turtle has no named graphs: the articles' triples are written without them.
    """
    if fmt == "jsonld":
        collected = list(graphs)
        out.write(_dataset(collected).serialize(format="json-ld", encoding="utf-8"))
        return len(collected)
    ox_format = OX_FORMATS[fmt]
    prefixes = _PREFIXES if ox_format in (ox.RdfFormat.TRIG, ox.RdfFormat.TURTLE) else None
    count = 0
    for graph in graphs:
        count += 1
        # One converter per article: shared, it would hold every article's text.
        quads = TermConverter().quads(graph)
        items = [q.triple for q in quads] if ox_format is ox.RdfFormat.TURTLE else quads
        ox.serialize(items, out, ox_format, prefixes=prefixes)
    return count


def _dataset(graphs: Iterable[Graph]) -> Dataset:
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    for graph in graphs:
        target = ds.graph(graph.identifier)
        for triple in graph:
            target.add(triple)
    return ds
