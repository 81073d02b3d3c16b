"""Render validation reports as text for people, JSON for programs, or Turtle."""

from __future__ import annotations

import json
from itertools import groupby

from rdflib import Graph

from .validation import Report

# Field names of the JSON report are part of the public interface.
JSON_VERSION = 1


def render(reports: list[tuple[str, Report]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps({
            "version": JSON_VERSION,
            "conforms": all(r.conforms for _, r in reports),
            "graphs": [{
                "graph": name,
                "conforms": report.conforms,
                "results": [{
                    "focusNode": f.focus, "path": f.path, "value": f.value,
                    "message": f.message, "severity": f.severity, "sourceShape": f.shape,
                    "constraintComponent": f.constraint,
                } for f in report.findings],
            } for name, report in reports],
        }, indent=2) + "\n"
    if fmt == "turtle":
        merged = Graph()
        for _, report in reports:
            merged += report.graph
        return merged.serialize(format="turtle")
    lines = []
    total = 0
    for name, report in reports:
        if report.conforms:
            continue
        lines.append(f"{name}:")
        for focus, group in groupby(report.findings, key=lambda f: f.focus):
            lines.append(f"  {focus}")
            for f in group:
                total += 1
                detail = f" [path {f.path}]" if f.path else ""
                value = f" value {f.value!r}" if f.value else ""
                lines.append(f"    {f.severity}: {f.message}{detail}{value}")
    ok = sum(1 for _, r in reports if r.conforms)
    lines.append(f"{len(reports)} graph(s): {ok} conform, {len(reports) - ok} with "
                 f"{total} violation(s)")
    return "\n".join(lines) + "\n"
