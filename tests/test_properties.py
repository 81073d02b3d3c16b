"""Property-based tests of the extractor: whatever the text, it never crashes, every offset
slices the text, the same input gives the same graph, and the graph passes the shapes."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import URIRef
from rdflib.namespace import RDF

from newsgraph.loader.mapping import to_graph
from newsgraph.loader.model import Article
from newsgraph.vocab import NG, OA

from .conftest import BASE

# Words that make the extractor's rules fire: speakers, reporting verbs, quotes,
# troop figures, demonyms, places, and the punctuation between them.
NEWSY = ["Russia", "Ukraine", "North Korea", "the United States", "NATO", "Kyiv", "Moscow",
         "Vladimir Putin", "Lloyd Austin", "the ministry", "he", "she", "officials", "Russian",
         "Ukrainian", "said", "told", "denied", "confirmed", "added", "according to", "sent",
         "deployed", "troops", "soldiers", "1,000", "about 5,000", "two", "dozens of", "to",
         "in", "on Monday", "that", '"', "“", "”", "'", ",", ".", "\n\n", "—", "(", ")",
         "more than", "up to", "arrived", "will send", "Kim Jong Un", "the Kremlin", "its"]

newsy_text = st.lists(st.sampled_from(NEWSY), min_size=0, max_size=80).map(" ".join)
any_text = st.text(max_size=600)
texts = st.one_of(newsy_text, any_text, st.tuples(newsy_text, any_text, newsy_text)
                  .map(lambda parts: "".join(parts)))

RUN = settings(max_examples=150, deadline=None, derandomize=True,
               suppress_health_check=[HealthCheck.function_scoped_fixture,
                                      HealthCheck.too_slow])


def _article(text: str) -> Article:
    return Article(id="prop", text=text, published=date(2025, 3, 3), title="t",
                   outlet="Example", url="https://example.org/a")


@RUN
@given(text=texts)
def test_any_text_gives_offsets_into_it_and_a_valid_deterministic_graph(extractor, validator,
                                                                        text):
    extraction = extractor(_article(text))
    for statement in extraction.statements:
        assert 0 <= statement.start <= statement.end <= len(text)
    for deployment in extraction.deployments:
        assert 0 <= deployment.start <= deployment.end <= len(text)
    graph = to_graph(extraction, BASE)
    for selector in graph.subjects(RDF.type, OA.TextPositionSelector):
        start, end = int(graph.value(selector, OA.start)), int(graph.value(selector, OA.end))
        assert 0 <= start < end <= len(text)
        assert str(graph.value(selector, OA.exact)) == text[start:end]
    again = to_graph(extractor(_article(text)), BASE)
    assert set(again) == set(graph)  # same IRIs, same triples
    report = validator.validate(graph)
    assert report.conforms, [f.message for f in report.findings]
    assert (URIRef(BASE + "article/prop"), RDF.type, NG.Article) in graph
