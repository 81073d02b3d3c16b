"""The load path: read -> extract -> map -> validate -> store, one article at a time.

Each article is validated on its own before anything is written; one that
fails is reported and skipped, the others are written. Writing an article
replaces its named graph whole in one transaction.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from rdflib import Graph

from newsgraph.store import EmbeddedStore, StoreError, WriteOutcome
from newsgraph.validation import ShapesValidator

from .articles import InputProblem
from .extractor import Extractor
from .mapping import to_graph
from .model import Article, Extraction


@dataclass(frozen=True)
class Outcome:
    article_id: str | None
    origin: str
    status: str  # created | replaced | unchanged | rejected | unreadable
    reasons: tuple[str, ...] = ()


@dataclass
class Timings:
    extract: float = 0.0
    validate: float = 0.0
    store: float = 0.0

    @property
    def total(self) -> float:
        return self.extract + self.validate + self.store


@dataclass
class LoadSummary:
    outcomes: list[Outcome] = field(default_factory=list)
    timings: Timings = field(default_factory=Timings)
    words: int = 0

    def count(self, *statuses: str) -> int:
        return sum(1 for o in self.outcomes if o.status in statuses)

    @property
    def failed(self) -> bool:
        return self.count("rejected", "unreadable") > 0


def batched(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def extract_graphs(items: Iterable[Article | InputProblem], extractor: Extractor, base: str,
                   timings: Timings, batch_size: int = 16,
                   ) -> Iterator[tuple[Article, Extraction, Graph] | InputProblem]:
    """Extraction and mapping of a stream of articles, in spaCy-sized batches."""
    for chunk in batched(items, batch_size):
        problems = [c for c in chunk if isinstance(c, InputProblem)]
        articles = [c for c in chunk if isinstance(c, Article)]
        yield from problems
        started = time.perf_counter()
        results = [(a, x, to_graph(x, base)) for a, x in zip(articles,
                                                              extractor.pipe(articles),
                                                              strict=True)]
        timings.extract += time.perf_counter() - started
        yield from results


def load(items: Iterable[Article | InputProblem], extractor: Extractor,
         validator: ShapesValidator, store: EmbeddedStore, base: str,
         on_outcome: Callable[[Outcome], None] | None = None) -> LoadSummary:
    """Load articles into the store; the summary says what happened to each."""
    summary = LoadSummary()

    def record(outcome: Outcome) -> None:
        summary.outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)

    for item in extract_graphs(items, extractor, base, summary.timings):
        if isinstance(item, InputProblem):
            record(Outcome(None, item.where, "unreadable", (item.message,)))
            continue
        article, _extraction, graph = item
        summary.words += len(article.text.split())
        started = time.perf_counter()
        report = validator.validate(graph)
        summary.timings.validate += time.perf_counter() - started
        if not report.conforms:
            reasons = tuple(f"{f.focus}: {f.message}" + (f" (value {f.value})" if f.value else "")
                            for f in report.findings[:5])
            record(Outcome(article.id, article.origin, "rejected", reasons))
            continue
        started = time.perf_counter()
        try:
            written = store.replace_graph(str(graph.identifier), graph.serialize(format="nt"))
        except StoreError as err:
            record(Outcome(article.id, article.origin, "rejected", (str(err),)))
            continue
        finally:
            summary.timings.store += time.perf_counter() - started
        record(Outcome(article.id, article.origin, str(written)))
    started = time.perf_counter()
    store.close()  # compacts and publishes the last snapshot for readers
    summary.timings.store += time.perf_counter() - started
    return summary


__all__ = ["LoadSummary", "Outcome", "Timings", "WriteOutcome", "batched", "extract_graphs",
           "load"]
