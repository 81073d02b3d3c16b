"""`newsgraph import`: already-made RDF datasets (TriG, N-Quads) through the store's bulk loader.

The file is read once in full before anything is written, so a file that does
not parse changes nothing, and the graphs it names are known: each replaces
the store's graph of that name whole, and joins the merged default graph.
The bulk loaders write without a transaction (that is why they are fast), so
an import that is stopped half-way leaves part of the file in the store;
running it again finishes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from newsgraph.backends import GraphStore

DATASET_FORMATS = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS}


class DatasetFileError(Exception):
    """A file that cannot be imported, with what to do about it."""


@dataclass(frozen=True)
class Scan:
    """What a dataset file holds, read before anything is written."""

    path: Path
    quads: int
    graphs: list[str]
    default_triples: int  # quads in the file's default graph


@dataclass(frozen=True)
class ImportSummary:
    quads: int
    graphs: int
    replaced: int  # graphs the store held before, now replaced
    default_triples: int  # quads in the file's default graph


def scan(path: Path) -> Scan:
    """Parse the whole file: its quad count, named graphs and default-graph triples.

    Raises DatasetFileError naming the file, line and column of a syntax error.
    """
    fmt = _format(path)
    graphs: set[str] = set()
    quads = default = 0
    try:
        for quad in ox.parse(path=str(path), format=fmt):
            quads += 1
            if isinstance(quad.graph_name, ox.NamedNode):
                graphs.add(quad.graph_name.value)
            elif isinstance(quad.graph_name, ox.DefaultGraph):
                default += 1
            else:
                raise DatasetFileError(f"{path}: a graph named by a blank node cannot be addressed "
                                   "in the store; name it with an IRI")
    except SyntaxError as err:
        raise DatasetFileError(f"{path}: not valid {fmt.name.lower().replace('_', '-')}: "
                           f"{err}; nothing was imported") from None
    except UnicodeDecodeError:
        raise DatasetFileError(f"{path}: not UTF-8 text; nothing was imported") from None
    return Scan(path, quads, sorted(graphs), default)


def import_dataset(store: GraphStore, scanned: Scan) -> ImportSummary:
    """Replace the store's graphs of the names the file uses, then bulk-load the file."""
    replaced = _present(store, scanned.graphs)
    for g in replaced:
        store.remove_graph(g)
    store.bulk_import(scanned.path, _format(scanned.path), scanned.graphs)
    return ImportSummary(scanned.quads, len(scanned.graphs), len(replaced),
                         scanned.default_triples)


def _present(store: GraphStore, graphs: list[str]) -> list[str]:
    """Which of the graphs the store holds, asked about those only: a store may hold
    millions of graphs, a file a few."""
    found: list[str] = []
    for start in range(0, len(graphs), 200):
        values = " ".join(f"<{g}>" for g in graphs[start:start + 200])
        found += [row["g"].value for row in
                  store.query(f"SELECT ?g WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ }} }}")]
    return sorted(found)


def _format(path: Path) -> ox.RdfFormat:
    found = DATASET_FORMATS.get(path.suffix.lower())
    if found is None:
        raise DatasetFileError(f"{path}: import reads datasets, .trig or .nq files; for articles "
                           "use `newsgraph load`, and give triples files a graph in TriG")
    return found
