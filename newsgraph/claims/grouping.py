"""Deployment reports from many articles, grouped into claims: who deploys where, by
whose account, since when, and whether the accounts agree.

Plain data in, plain data out: the store is read elsewhere (reports.py) and the
groups are written elsewhere (graph.py), so the rules here can be read, and tested,
alone. A claim is every report of one deployer sending personnel to one
destination; a place counts for the state that holds it where the data says so
(``Report.destination_state``), and keeps its own name in the report.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

STATUSES = ("Confirmed", "Reported", "Planned", "Denied")
# Two reporters' figures "at about the same date": published this many days apart or
# less. Figures more than half apart (the larger over 1.5 times the smaller) disagree.
SAME_DATE_DAYS = 14
DISAGREE_RATIO = 1.5


@dataclass(frozen=True)
class Report:
    """One deployment as one article reports it."""

    deployment: str  # the deployment's IRI
    article: str  # the article's IRI (its graph)
    deployer: str  # the deployer's identity: its Wikidata IRI where linked, else its IRI
    deployer_iri: str
    deployer_label: str
    destination: str  # the destination's identity, as the deployer's
    destination_iri: str
    destination_label: str
    status: str  # one of STATUSES
    count: int | None = None
    qualifier: str | None = None  # Exact, About, MoreThan, AtLeast, UpTo
    unit: str | None = None
    reporter_iri: str | None = None
    reporter_label: str | None = None
    outlet: str | None = None
    published: date | None = None
    title: str | None = None
    evidence: str = ""  # the exact words
    start: int = 0
    end: int = 0
    # The state that holds the destination, where it is a place the data places.
    destination_state: str | None = None
    destination_state_iri: str | None = None
    destination_state_label: str | None = None
    # Statements whose words overlap this report's (a denial said in a statement).
    statements: tuple[str, ...] = ()

    @property
    def source(self) -> str:
        """Who gives this account: the reporter the text names, else the outlet."""
        return self.reporter_label or self.outlet or "unattributed"


@dataclass(frozen=True)
class Range:
    low: int
    high: int
    reports: int


@dataclass
class Claim:
    deployer: str
    destination: str
    deployer_iri: str
    deployer_label: str
    destination_iri: str
    destination_label: str
    reports: list[Report] = field(default_factory=list)
    verdict: str = "uncontested"  # or "contested"
    reasons: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return self.deployer, self.destination

    @property
    def first(self) -> date | None:
        dated = [r.published for r in self.reports if r.published]
        return min(dated) if dated else None

    @property
    def latest(self) -> date | None:
        dated = [r.published for r in self.reports if r.published]
        return max(dated) if dated else None

    @property
    def places(self) -> list[str]:
        """The destination's own names where reports name a place within it."""
        return sorted({r.destination_label for r in self.reports
                       if r.destination_state and r.destination_label != self.destination_label})

    def by_status(self, status: str) -> list[Report]:
        return [r for r in self.reports if r.status == status]

    def sources(self, status: str) -> list[str]:
        """Who gives an account of this status, in order of first appearance."""
        return list(dict.fromkeys(r.source for r in self.by_status(status)))

    @property
    def figures(self) -> list[Report]:
        return [r for r in self.reports if r.count is not None]

    def ranges(self) -> dict[str, Range]:
        """The range of figures each source gives."""
        found: dict[str, list[int]] = defaultdict(list)
        for r in self.figures:
            found[r.source].append(r.count)
        return {source: Range(min(counts), max(counts), len(counts))
                for source, counts in found.items()}

    @property
    def denials(self) -> list[Report]:
        return self.by_status("Denied")

    @property
    def slug(self) -> str:
        return f"{self.deployer_label} to {self.destination_label}"


def select(reports: Iterable[Report], deployer: str | None = None,
           destination: str | None = None, since: date | None = None) -> list[Report]:
    """The reports of deployers and destinations that match (a name or part of one, any
    case; a Wikidata id such as Q423; an IRI), published on ``since`` or later."""
    chosen = []
    for r in reports:
        if deployer and not matches(deployer, r.deployer, r.deployer_iri, r.deployer_label):
            continue
        if destination and not matches(destination, r.destination, r.destination_iri,
                                        r.destination_label, r.destination_state,
                                        r.destination_state_iri, r.destination_state_label):
            continue
        if since and (r.published is None or r.published < since):
            continue
        chosen.append(r)
    return chosen


def matches(wanted: str, *names: str | None) -> bool:
    """Whether a filter names one of ``names``: the whole name, an IRI's last segment (a
    Wikidata id), or part of a name in any case."""
    wanted = wanted.strip()
    folded = wanted.casefold()
    for name in names:
        if not name:
            continue
        if name == wanted or name.rsplit("/", 1)[-1] == wanted or folded in name.casefold():
            return True
    return False


def claims(reports: Iterable[Report]) -> list[Claim]:
    """The claims the reports make, newest report first."""
    groups: dict[tuple[str, str], Claim] = {}
    for r in reports:
        destination = r.destination_state or r.destination
        key = (r.deployer, destination)
        claim = groups.get(key)
        if claim is None:
            claim = groups[key] = Claim(
                r.deployer, destination, r.deployer_iri, r.deployer_label,
                r.destination_state_iri or r.destination_iri,
                r.destination_state_label or r.destination_label)
        claim.reports.append(r)
    for claim in groups.values():
        claim.reports.sort(key=lambda r: (r.published or date.max, r.article, r.start))
        claim.verdict, claim.reasons = verdict(claim.reports)
    return sorted(groups.values(), key=lambda c: (-(c.latest or date.min).toordinal(),
                                                  c.deployer_label, c.destination_label))


def verdict(reports: list[Report]) -> tuple[str, list[str]]:
    """("contested", why) when a denial stands beside a confirmation or report, or two
    sources' figures at about the same date differ by more than half; else
    ("uncontested", [])."""
    reasons = []
    denied = [r for r in reports if r.status == "Denied"]
    asserted = [r for r in reports if r.status in ("Confirmed", "Reported")]
    if denied and asserted:
        reasons.append(f"denied by {_few(r.source for r in denied)}; confirmed or reported "
                       f"by {_few(r.source for r in asserted)}")
    # Each source's lowest and highest figure on each date: the widest gap between two
    # sources lies between those, and a claim of thousands of reports has far fewer of
    # them (comparing every pair of reports took seconds).
    extremes: dict[tuple[str, date | None], list[Report]] = {}
    for r in reports:
        if r.count is None or r.status == "Denied":
            continue
        found = extremes.setdefault((r.source, r.published), [r, r])
        if (r.count, r.start) < (found[0].count, found[0].start):
            found[0] = r
        if (r.count, -r.start) > (found[1].count, -found[1].start):
            found[1] = r
    entries = sorted(extremes.items(), key=lambda e: (e[0][1] or date.min, e[0][0]))
    pairs = []
    for i, ((source_a, day_a), (low_a, high_a)) in enumerate(entries):
        for (source_b, day_b), (low_b, high_b) in entries[i + 1:]:
            if source_a == source_b or not _same_time(day_a, day_b):
                continue
            for low, high in ((low_a, high_b), (low_b, high_a)):
                if low.count and high.count > DISAGREE_RATIO * low.count:
                    pairs.append((high.count / low.count, low, high))
    if pairs:
        # The widest gap says it; how many pairs of sources disagree says the rest.
        _, low, high = max(pairs, key=lambda p: (p[0], -p[1].start))
        others = len({(lo.source, hi.source) for _, lo, hi in pairs}) - 1
        reasons.append(f"{low.source} gives {low.count:,}, {high.source} {high.count:,}"
                       + _when(low.published, high.published)
                       + (f"; {others} more pair(s) of sources differ by more than half"
                          if others else ""))
    return ("contested" if reasons else "uncontested"), reasons


# Past this many names a reason says how many more: a verdict is read in one line.
FEW = 3


def _few(names: Iterable[str]) -> str:
    """"A, B, C and 4 more": the first names, in order of appearance."""
    names = list(dict.fromkeys(names))
    if len(names) <= FEW + 1:
        return ", ".join(names)
    return ", ".join(names[:FEW]) + f" and {len(names) - FEW} more"


def _same_time(a: date | None, b: date | None) -> bool:
    if a is None or b is None:
        return a is b  # two undated reports may be of one time; one dated, one not: unknown
    return abs((a - b).days) <= SAME_DATE_DAYS


def _when(a: date | None, b: date | None) -> str:
    if a is None or b is None:
        return ""
    return f" ({a.isoformat()})" if a == b else f" ({min(a, b)} and {max(a, b)})"
