"""Every structural pattern matches its own made-up example, and the step that reads it
turns the example into what the pattern is for."""

from __future__ import annotations

import pytest

from newsgraph.loader.extract.patterns import PATTERNS
from newsgraph.loader.model import Article


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.name)
def test_each_pattern_matches_its_example(extractor, pattern):
    doc = extractor.nlp(pattern.example)
    found = {doc.vocab.strings[m] for m, _s, _e in extractor.patterns(doc)}
    assert pattern.name in found


def test_contributions_continue_the_deployment_the_article_speaks_of(extractor):
    text = "The African Union will deploy 2,500 troops to Somalia. " + PATTERNS[0].example
    x = extractor(Article(id="t", text=text))
    got = {(x.actors[d.deployer].name, d.count, d.status) for d in x.deployments
           if d.destination == "Somalia"}
    assert {("Kenya", 1200, "planned"), ("Ghana", 800, "planned"),
            ("Chad", 500, "planned")} <= got


def test_a_year_in_brackets_is_no_contribution(extractor):
    x = extractor(Article(id="t", text="The African Union will deploy 2,500 troops to Somalia. "
                                       "Kenya (2021) and Ghana (2019) sent troops before."))
    assert not [d for d in x.deployments if d.count in (2021, 2019)]
