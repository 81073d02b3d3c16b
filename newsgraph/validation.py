"""SHACL validation of article graphs against the bundled (or given) shapes.

Two engines give the same results on newsgraph's graphs (tests/test_engines.py
checks it on every dev article and on broken copies that violate each constraint
of shapes/): pyshacl-turbo, whose core is Rust and which is the default, and
pySHACL, the reference, chosen with ``engine="pyshacl"`` (``validate --engine``).
pySHACL also writes the report of every graph pyshacl-turbo rejects.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from newsgraph.shapes import path as bundled_shapes_path

from .vocab import SH

RDF_SUFFIXES = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nt": "nt",
    ".nq": "nquads",
    ".nquads": "nquads",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
    ".n3": "n3",
}


@dataclass(frozen=True)
class Finding:
    """One SHACL validation result, flattened for people and machines."""

    focus: str
    path: str | None
    value: str | None
    message: str
    severity: str
    shape: str | None
    constraint: str | None


@dataclass(frozen=True)
class Report:
    conforms: bool
    findings: tuple[Finding, ...]
    graph: Graph


class _PreparedQueries(Graph):
    """A view of a graph whose SPARQL queries are parsed once per validator.

    pySHACL sends the same SHACL-SPARQL text for every focus node and rdflib
    re-parses it each time; parsing was 85 % of validation time.
    """

    def __init__(self, graph: Graph, cache: dict[str, Query]) -> None:
        super().__init__(store=graph.store, identifier=graph.identifier,
                         namespace_manager=graph.namespace_manager)
        self._prepared = cache

    def query(self, query_object, *args, **kwargs):
        if isinstance(query_object, str):
            prepared = self._prepared.get(query_object)
            if prepared is None:
                prepared = self._prepared[query_object] = prepareQuery(query_object)
            query_object = prepared
        return super().query(query_object, *args, **kwargs)


ENGINES = ("turbo", "pyshacl")
DEFAULT_ENGINE = "turbo"


class ShapesValidator:
    """Holds the parsed (and, for pyshacl-turbo, compiled) shapes, so each article graph
    is validated without reading them again."""

    def __init__(self, shapes: Graph, engine: str = DEFAULT_ENGINE) -> None:
        if engine not in ENGINES:
            raise ValueError(f"unknown SHACL engine {engine!r}: choose one of "
                             f"{', '.join(ENGINES)}")
        self.shapes = shapes
        self.engine = engine
        self._prepared: dict[str, Query] = {}
        self._compiled = None

    @classmethod
    def from_path(cls, location: Path | None = None,
                  engine: str = DEFAULT_ENGINE) -> ShapesValidator:
        """The bundled shapes, or every RDF file of a file or directory."""
        shapes = Graph()
        files = [bundled_shapes_path()] if location is None else _rdf_files(Path(location))
        for f in files:
            shapes.parse(f, format=RDF_SUFFIXES.get(f.suffix.lower(), "turtle"))
        return cls(shapes, engine)

    def targets_anything(self, data: Graph) -> bool:
        """Whether any shape targets a node of ``data``: if none does, validating it
        checks nothing, and conforming means nothing."""
        shapes = self.shapes
        for target in shapes.objects(None, SH.targetClass):
            # Instances of the class or of its subclasses (as the data states them).
            for cls in data.transitive_subjects(RDFS.subClassOf, target):
                if (None, RDF.type, cls) in data:
                    return True
        for node in shapes.objects(None, SH.targetNode):
            if (node, None, None) in data or (None, None, node) in data:
                return True
        for predicate in shapes.objects(None, SH.targetSubjectsOf):
            if (None, predicate, None) in data:
                return True
        for predicate in shapes.objects(None, SH.targetObjectsOf):
            if (None, predicate, None) in data:
                return True
        # Implicit class targets: a shape that is also a class targets its instances;
        # SPARQL-based targets are taken to target something.
        for shape in set(shapes.subjects(RDF.type, SH.NodeShape)):
            if (shape, RDF.type, RDFS.Class) in shapes and (None, RDF.type, shape) in data:
                return True
        return (None, SH.target, None) in shapes

    def validate(self, data: Graph) -> Report:
        """The verdict of the chosen engine; with pyshacl-turbo, a graph it rejects is
        validated again by pySHACL, so every report a user reads is the reference's
        (rejections are rare, and shapes of a user's own are not covered by the
        engines' comparison)."""
        if self.engine == "turbo" and self._compiled is None:
            try:
                self._compiled_shapes()
            except Exception:
                # Shapes using what pyshacl-turbo lacks (sh:js, say) are the reference's alone.
                self.engine = "pyshacl"
        report = self.check(data, self.engine)
        if self.engine != "pyshacl" and not report.conforms:
            return self.check(data, "pyshacl")
        return report

    def check(self, data: Graph, engine: str) -> Report:
        """One engine's report, as it gives it."""
        if engine == "turbo":
            conforms, report_graph, _ = self._compiled_shapes().validate(
                data, allow_warnings=True)
        else:
            import pyshacl

            conforms, report_graph, _ = pyshacl.validate(
                _PreparedQueries(data, self._prepared), shacl_graph=self.shapes,
                inference="none", advanced=True, inplace=True, allow_warnings=True)
        return Report(bool(conforms), _findings(report_graph), report_graph)

    def _compiled_shapes(self):
        if self._compiled is None:
            import pyshacl_turbo

            self._compiled = pyshacl_turbo.compile_shapes(self.shapes, advanced=True)
        return self._compiled


def _rdf_files(location: Path) -> list[Path]:
    if location.is_dir():
        found = sorted(p for p in location.iterdir() if p.suffix.lower() in RDF_SUFFIXES)
        if not found:
            raise FileNotFoundError(f"no RDF shapes files in directory {location}")
        return found
    if not location.exists():
        raise FileNotFoundError(f"shapes file {location} does not exist")
    return [location]


def _text(term: object) -> str | None:
    return None if term is None else str(term)


def _findings(report: Graph) -> tuple[Finding, ...]:
    """One finding per result of the report, as every SHACL engine counts them: the
    report's own sh:result values only (a result's sh:detail results explain it and are
    not results of their own), and a shape's result kept apart from another shape's
    even when they say the same thing."""
    found = []
    results = [r for node in report.subjects(RDF.type, SH.ValidationReport)
               for r in report.objects(node, SH.result)]
    for result in results:
        severity = report.value(result, SH.resultSeverity)
        found.append(Finding(
            focus=str(report.value(result, SH.focusNode)),
            path=_text(report.value(result, SH.resultPath)),
            value=_text(report.value(result, SH.value)),
            message=_text(report.value(result, SH.resultMessage)) or "constraint violated",
            severity=(str(severity).rsplit("#", 1)[-1] if isinstance(severity, URIRef)
                      else "Violation"),
            shape=_text(report.value(result, SH.sourceShape)),
            constraint=_text(report.value(result, SH.sourceConstraintComponent)),
        ))
    return tuple(sorted(found, key=lambda f: (f.focus, f.path or "", f.message, f.value or "",
                                              f.shape or "", f.constraint or "",
                                              f.severity)))
