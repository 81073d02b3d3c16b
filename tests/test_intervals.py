"""Lookups by offset give what a scan of every item gives, in the items' own order."""

from hypothesis import given
from hypothesis import strategies as st

from newsgraph.loader.extract.intervals import Intervals

spans = st.lists(st.tuples(st.integers(0, 300), st.integers(0, 60)).map(
    lambda t: (t[0], t[0] + t[1])), max_size=40)
ranges = st.tuples(st.integers(0, 400), st.integers(0, 80)).map(lambda t: (t[0], t[0] + t[1]))


def _index(items):
    return Intervals(items, start=lambda s: s[0], end=lambda s: s[1])


@given(spans, ranges)
def test_lookups_agree_with_a_scan(items, query):
    start, end = query
    found = _index(items)
    assert found.overlapping(start, end) == [s for s in items if s[0] < end and start < s[1]]
    assert found.holding(start, end) == [s for s in items if s[0] <= start and end <= s[1]]
    assert found.within(start, end) == [s for s in items if start <= s[0] and s[1] <= end]


def test_a_long_item_is_still_found_far_from_its_start():
    found = _index([(0, 1000), (500, 510), (990, 995)])
    assert found.overlapping(992, 993) == [(0, 1000), (990, 995)]
    assert found.holding(600, 700) == [(0, 1000)]
    assert found.within(400, 600) == [(500, 510)]
    assert _index([]).overlapping(0, 10) == []
