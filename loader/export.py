"""Write article graphs to a file, streaming where the syntax allows it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from rdflib import Dataset, Graph

from newsgraph.vocab import PREFIXES

# name -> (rdflib format, whether named graphs survive, whether documents concatenate)
FORMATS = {
    "trig": ("trig", True, True),
    "nquads": ("nquads", True, True),
    "turtle": ("turtle", False, True),
    "jsonld": ("json-ld", True, False),
}


def _dataset(graphs: Iterable[Graph]) -> Dataset:
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    for graph in graphs:
        target = ds.graph(graph.identifier)
        for triple in graph:
            target.add(triple)
    return ds


def write_graphs(graphs: Iterable[Graph], fmt: str, out: BinaryIO) -> int:
    """Write every graph; returns how many were written.

    TriG, N-Quads and Turtle documents concatenate, so each article is written as
    it comes and memory stays flat; JSON-LD is one document and is built whole.
    """
    rdflib_format, named, streams = FORMATS[fmt]
    count = 0
    if streams:
        for graph in graphs:
            count += 1
            if named:
                out.write(_dataset([graph]).serialize(format=rdflib_format, encoding="utf-8"))
            else:
                out.write(graph.serialize(format=rdflib_format, encoding="utf-8"))
        return count
    collected = list(graphs)
    out.write(_dataset(collected).serialize(format=rdflib_format, encoding="utf-8"))
    return len(collected)
