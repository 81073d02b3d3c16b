"""Read RDF files for validation: graphs one by one, with precise parse errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from newsgraph.rdfsafety import UnsafeRdf, check_document
from newsgraph.validation import RDF_SUFFIXES

DATASET_FORMATS = frozenset({"trig", "nquads"})
OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS, "json-ld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML,
    "n3": ox.RdfFormat.N3,
}


class RdfInputError(Exception):
    """A file that cannot be read as RDF, with where and why."""


def format_of(path: Path) -> str:
    try:
        return RDF_SUFFIXES[path.suffix.lower()]
    except KeyError:
        raise RdfInputError(f"{path}: unknown RDF file type {path.suffix or '(none)'!r}; use "
                            ".ttl, .trig, .nt, .nq, .jsonld or .rdf, or name the syntax with "
                            "--input-format") from None


def _parse_error(path: Path, fmt: str, data: bytes, fallback: Exception) -> RdfInputError:
    # pyoxigraph's messages carry the line and column; rdflib's often do not.
    try:
        list(ox.parse(data, format=OX_FORMATS[fmt]))
    except SyntaxError as err:
        return RdfInputError(f"{path}: not valid {fmt}: {err}")
    except Exception:  # noqa: BLE001 - fall back to rdflib's own message
        pass
    return RdfInputError(f"{path}: not valid {fmt}: {fallback}")


INPUT_FORMATS = {
    "turtle": "turtle", "ttl": "turtle", "trig": "trig", "ntriples": "nt", "nt": "nt",
    "nquads": "nquads", "nq": "nquads", "jsonld": "json-ld", "json-ld": "json-ld",
    "rdfxml": "xml", "xml": "xml", "n3": "n3",
}


def read_graphs(paths: tuple[Path, ...], input_format: str | None = None,
                ) -> Iterator[tuple[str, Graph]]:
    """(name, graph) for every graph of every file; a dataset yields each named graph.

    The syntax comes from the file's extension unless ``input_format`` names it.
    """
    for path in paths:
        fmt = INPUT_FORMATS[input_format] if input_format else format_of(path)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise RdfInputError(f"{path}: no such file") from None
        except OSError as err:
            raise RdfInputError(f"{path}: cannot read: {err.strerror or err}") from None
        if not data.strip():
            raise RdfInputError(f"{path}: file is empty")
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise RdfInputError(f"{path}: not UTF-8 text (invalid byte at offset "
                                f"{err.start})") from None
        try:
            check_document(data, {"xml": "rdfxml", "json-ld": "jsonld"}.get(fmt, ""))
        except UnsafeRdf as err:
            raise RdfInputError(f"{path}: {err}") from None
        if fmt in DATASET_FORMATS:
            ds = Dataset()
            try:
                ds.parse(data=data, format=fmt)
            except Exception as err:  # noqa: BLE001 - rdflib raises many types
                raise _parse_error(path, fmt, data, err) from None
            for graph in ds.graphs():
                if len(graph) == 0:
                    continue
                name = (str(path) if graph.identifier == DATASET_DEFAULT_GRAPH_ID
                        else str(graph.identifier))
                copy = Graph(identifier=graph.identifier)
                for triple in graph:
                    copy.add(triple)
                yield name, copy
        else:
            graph = Graph()
            try:
                graph.parse(data=data, format=fmt)
            except Exception as err:  # noqa: BLE001
                raise _parse_error(path, fmt, data, err) from None
            yield str(path), graph
