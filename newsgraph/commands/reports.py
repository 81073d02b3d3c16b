"""Render validation reports as text for people, JSON for programs, or Turtle.

Findings about extracted resources (statements, deployments) carry where they
came from: the article and the span of its text, read from the data graph.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import groupby

from rdflib import Graph, URIRef

from newsgraph.validation import Finding, Report
from newsgraph.vocab import NG, OA

# Field names of the JSON report are part of the public interface (README).
JSON_VERSION = 2
SEVERITIES = ("Info", "Warning", "Violation")


@dataclass(frozen=True)
class Source:
    article: str
    start: int
    end: int
    exact: str | None


def source_of(data: Graph, focus: str) -> Source | None:
    """The article and span an extracted resource came from, if the graph says."""
    node = URIRef(focus.split("#")[0]) if focus.endswith("#evidence") else URIRef(focus)
    article = data.value(node, NG.source)
    evidence = data.value(node, NG.evidence)
    if article is None or evidence is None:
        return None
    start, end = data.value(evidence, OA.start), data.value(evidence, OA.end)
    if start is None or end is None:
        return None
    exact = data.value(evidence, OA.exact)
    try:
        return Source(str(article), int(start), int(end), None if exact is None else str(exact))
    except ValueError:
        return None


def at_least(findings: tuple[Finding, ...], severity: str) -> list[Finding]:
    floor = SEVERITIES.index(severity)
    return [f for f in findings if SEVERITIES.index(f.severity if f.severity in SEVERITIES
                                                    else "Violation") >= floor]


def render(reports: list[tuple[str, Report]], fmt: str,
           sources: dict[str, dict[str, Source]] | None = None,
           severity: str = "Info", max_results: int | None = None) -> str:
    """``sources``: per graph name, focus node -> where it came from."""
    sources = sources or {}
    if fmt == "json":
        budget = max_results
        graphs = []
        for name, report in reports:
            findings = at_least(report.findings, severity)
            if budget is not None:
                findings, budget = findings[:budget], max(0, budget - len(findings))
            graphs.append({"graph": name, "conforms": report.conforms,
                           "results": [_json(f, sources.get(name, {}).get(f.focus))
                                       for f in findings]})
        return json.dumps({"version": JSON_VERSION,
                           "conforms": all(r.conforms for _, r in reports),
                           "graphs": graphs}, indent=2) + "\n"
    if fmt == "turtle":
        merged = Graph()
        for _, report in reports:
            merged += report.graph
        return merged.serialize(format="turtle")
    lines = []
    shown = total = 0
    for name, report in reports:
        findings = at_least(report.findings, severity)
        total += len(findings)
        if not findings:
            continue
        lines.append(f"{name}:")
        for focus, group in groupby(findings, key=lambda f: f.focus):
            if max_results is not None and shown >= max_results:
                break
            source = sources.get(name, {}).get(focus)
            where = ""
            if source is not None:
                exact = f' "{_clip(source.exact)}"' if source.exact else ""
                where = f"  (article {source.article}, characters {source.start}-{source.end}" \
                        f"{exact})"
            lines.append(f"  {focus}{where}")
            for f in group:
                if max_results is not None and shown >= max_results:
                    break
                shown += 1
                lines.append(f"    {f.severity}: {f.message}")
                if f.path:
                    lines.append(f"      path  {f.path}")
                if f.value:
                    lines.append(f"      value {_clip(f.value)}")
                if f.shape and f.shape.startswith(("http://", "https://")):
                    lines.append(f"      shape {f.shape}")
    if max_results is not None and total > shown:
        lines.append(f"... and {total - shown} more result(s) (--max-results {max_results})")
    failing = sum(1 for _, r in reports if at_least(r.findings, severity))
    lines.append(f"{len(reports)} graph(s): {len(reports) - failing} conform, {failing} with "
                 f"{total} result(s) at {severity} or above")
    return "\n".join(lines) + "\n"


def _json(f: Finding, source: Source | None) -> dict:
    return {"focusNode": f.focus, "path": f.path, "value": f.value, "message": f.message,
            "severity": f.severity, "sourceShape": f.shape,
            "constraintComponent": f.constraint,
            "source": None if source is None else {
                "article": source.article, "start": source.start, "end": source.end,
                "exact": source.exact}}


def _clip(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"
