"""The load path goes on past an article it cannot handle: in this process and in workers."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.config import Settings
from newsgraph.loader.model import Article
from newsgraph.loader.pipeline import Timings, load_parallel, prepare
from newsgraph.store import EmbeddedStore
from newsgraph.validation import ShapesValidator

REPO = Path(__file__).resolve().parent.parent
BASE = "https://example.org/id/"


class _Breaks:
    """An extractor that fails on one article (a bug we have not met yet) and works on others."""

    def __init__(self, real) -> None:
        self.real = real
        self.version = real.version
        self.extracted: list[str] = []

    def _check(self, article: Article) -> None:
        if "boom" in article.text:
            raise IndexError("a rule read past the end of the sentence")

    def pipe(self, articles):
        for article in articles:
            self._check(article)
        self.extracted += [a.id for a in articles]
        yield from self.real.pipe(articles)

    def __call__(self, article):
        self._check(article)
        return self.real(article)


def test_an_article_the_extractor_fails_on_is_rejected_by_name_and_the_batch_goes_on(extractor):
    articles = [Article(id="a", text="The minister said the talks would resume."),
                Article(id="b", text="Then boom went the drum."),
                Article(id="c", text="The army said it had left the town.")]
    prepared = list(prepare(articles, _Breaks(extractor), ShapesValidator.from_path(None), BASE,
                            Timings()))
    outcomes = {p.article_id or p.outcome.article_id: p for p in prepared}
    assert outcomes["a"].outcome is None and outcomes["c"].outcome is None
    failed = outcomes["b"].outcome
    assert failed.status == "rejected"
    assert "extraction failed (IndexError: a rule read past" in failed.reasons[0]


@pytest.mark.slow
def test_a_worker_that_dies_costs_only_its_own_article(tmp_path, monkeypatch):
    # The workers are spawned: they import the batch function by name from its folder.
    monkeypatch.syspath_prepend(str(REPO / "tests" / "spawned"))
    from poison_worker import POISON, dies_on_poison

    articles = [Article(id=f"n{i}", text=f"plain text {i}") for i in range(40)]
    articles[21] = Article(id="n21", text=POISON)
    store = EmbeddedStore.open(tmp_path / "store", create=True)
    outcomes = []
    summary = load_parallel(articles, Settings(store_path=tmp_path / "store"), None, store, 2,
                            outcomes.append, worker=dies_on_poison)
    assert summary.count("created") == 39 and summary.count("rejected") == 1
    [rejected] = [o for o in outcomes if o.status == "rejected"]
    assert rejected.article_id == "n21" and "worker process" in rejected.reasons[0]
    assert sorted(o.article_id for o in outcomes) == sorted(a.id for a in articles)


def test_a_reload_extracts_only_what_changed_the_text_the_metadata_or_the_extractor(
        extractor, tmp_path):
    from newsgraph.loader.pipeline import load

    validator = ShapesValidator.from_path(None)
    first = [Article(id=n, text=f"The mayor of {town} said the bridge would reopen.",
                     title=f"{town} bridge") for n, town in (("a", "Eastham"), ("b", "Westby"),
                                                             ("c", "Northop"))]
    counting = _Breaks(extractor)
    summary = load(first, counting, validator, EmbeddedStore.open(tmp_path / "s"), BASE)
    assert summary.count("created") == 3 and counting.extracted == ["a", "b", "c"]
    again = [first[0], Article(id="b", text=first[1].text + " It had been shut since May.",
                               title=first[1].title),
             Article(id="c", text=first[2].text, title="A new title")]
    counting = _Breaks(extractor)
    summary = load(again, counting, validator, EmbeddedStore.open(tmp_path / "s"), BASE)
    assert counting.extracted == ["b", "c"]
    assert (summary.count("unchanged"), summary.count("replaced")) == (1, 2)
    # Another extractor version (new rules, a new model) extracts everything again.
    counting = _Breaks(extractor)
    counting.version = "another"
    summary = load(again, counting, validator, EmbeddedStore.open(tmp_path / "s"), BASE)
    assert counting.extracted == ["a", "b", "c"]
