"""Claims as text for a terminal, Markdown for a brief, CSV for a spreadsheet, JSON for a
program: the same groups, figures and verdicts in each."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from .grouping import STATUSES, Claim, Report

QUALIFIERS = {"Exact": "", "About": "about ", "MoreThan": "more than ", "AtLeast": "at least ",
              "UpTo": "up to "}
VERBS = {"Confirmed": "confirmed by", "Reported": "reported by", "Planned": "planned by",
         "Denied": "denied by"}


def figure(r: Report) -> str:
    """"about 3,000 troops", or the unit alone when the report gives no figure."""
    unit = r.unit or "personnel"
    if r.count is None:
        return unit
    return f"{QUALIFIERS.get(r.qualifier or 'Exact', '')}{r.count:,} {unit}"


def headline(c: Claim) -> str:
    span = (f", {c.first} to {c.latest}" if c.first and c.first != c.latest
            else f", {c.first}" if c.first else "")
    return (f"{c.deployer_label} to {c.destination_label}: {c.verdict.upper()} "
            f"({len(c.reports)} report(s){span})")


def who(c: Claim) -> list[str]:
    return [f"{VERBS[s]} {', '.join(c.sources(s))}" for s in STATUSES if c.sources(s)]


def ranges(c: Claim) -> str:
    parts = []
    for source, r in c.ranges().items():
        figures = f"{r.low:,}" if r.low == r.high else f"{r.low:,}-{r.high:,}"
        parts.append(f"{source} {figures}")
    return "; ".join(parts)


def as_text(claims: list[Claim]) -> str:
    out = []
    for c in claims:
        out.append(headline(c))
        out += [f"  why: {reason}" for reason in c.reasons]
        if c.places:
            out.append(f"  places: {', '.join(c.places)}")
        if c.figures:
            out.append(f"  figures by source: {ranges(c)}")
        out += [f"  {line}" for line in who(c)]
        for r in c.reports:
            when = r.published.isoformat() if r.published else "undated   "
            out.append(f"  {when}  {r.status:<9} {figure(r)}, {r.source}"
                       + (f" in {r.outlet}" if r.outlet and r.outlet != r.source else "")
                       + f': "{_short(r.evidence)}"')
        out.append("")
    return "\n".join(out) + ("" if claims else "no claims\n")


def as_markdown(claims: list[Claim]) -> str:
    out = []
    for c in claims:
        out.append(f"## {c.deployer_label} to {c.destination_label}: {c.verdict}\n")
        facts = [f"{len(c.reports)} report(s)"]
        if c.first:
            facts.append(f"first {c.first}, latest {c.latest}")
        out.append("; ".join(facts) + ".")
        out += [f"- why contested: {reason}" for reason in c.reasons]
        if c.figures:
            out.append(f"- figures by source: {ranges(c)}")
        out += [f"- {line}" for line in who(c)]
        out.append("\n| date | status | figure | source | outlet | words |")
        out.append("| --- | --- | --- | --- | --- | --- |")
        for r in c.reports:
            out.append(f"| {r.published or ''} | {r.status} | {figure(r)} | {_md(r.source)} | "
                       f"{_md(r.outlet or '')} | {_md(_short(r.evidence))} |")
        out.append("")
    return "\n".join(out) + ("" if claims else "No claims.\n")


CSV_COLUMNS = ("deployer", "destination", "verdict", "published", "status", "count",
               "qualifier", "unit", "source", "reporter", "outlet", "place", "evidence",
               "article", "deployment")


def as_csv(claims: list[Claim]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in claims:
        for r in c.reports:
            writer.writerow([c.deployer_label, c.destination_label, c.verdict,
                             r.published or "", r.status, "" if r.count is None else r.count,
                             r.qualifier or "", r.unit or "", r.source, r.reporter_label or "",
                             r.outlet or "", r.destination_label, r.evidence, r.article,
                             r.deployment])
    return buffer.getvalue()


def as_json(claims: list[Claim]) -> str:
    return json.dumps([{
        "deployer": {"label": c.deployer_label, "iri": c.deployer_iri, "id": c.deployer},
        "destination": {"label": c.destination_label, "iri": c.destination_iri,
                        "id": c.destination, "places": c.places},
        "verdict": c.verdict, "reasons": c.reasons,
        "first": c.first and c.first.isoformat(), "latest": c.latest and c.latest.isoformat(),
        "ranges": {s: {"low": r.low, "high": r.high, "reports": r.reports}
                   for s, r in c.ranges().items()},
        "sources": {s.lower(): c.sources(s) for s in STATUSES},
        "reports": [{
            "deployment": r.deployment, "article": r.article, "status": r.status,
            "count": r.count, "qualifier": r.qualifier, "unit": r.unit, "source": r.source,
            "reporter": r.reporter_label, "outlet": r.outlet,
            "published": r.published and r.published.isoformat(), "place": r.destination_label,
            "evidence": {"exact": r.evidence, "start": r.start, "end": r.end},
            "statements": list(r.statements)} for r in c.reports],
    } for c in claims], indent=2, ensure_ascii=False) + "\n"


FORMATS: dict[str, Callable[[list[Claim]], str]] = {
    "text": as_text, "md": as_markdown, "csv": as_csv, "json": as_json}


def _short(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _md(text: str) -> str:
    return text.replace("|", "\\|")
