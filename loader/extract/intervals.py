"""Things with text offsets, looked up by offset in time that does not grow with the article.

A rule that asks "which statements touch this sentence?" once per sentence, by
scanning every statement, is quadratic in the article's length: a 200,000-character
article has a hundred times the sentences and a hundred times the statements of a
2,000-character one. ``Intervals`` sorts the things once; a lookup bisects to those
that start at most the longest thing's length before the range.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


class Intervals(Generic[T]):
    """Items with [start, end) offsets; answers keep the items' original order."""

    def __init__(self, items: Iterable[T], start: Callable[[T], int],
                 end: Callable[[T], int]) -> None:
        ordered = sorted(((start(item), end(item), n, item) for n, item in enumerate(items)),
                         key=lambda row: (row[0], row[2]))
        self._rows = ordered
        self._starts = [row[0] for row in ordered]
        self._longest = max((e - s for s, e, _n, _i in ordered), default=0)

    def _near(self, start: int, end: int) -> list[tuple[int, int, int, T]]:
        # Only an item starting within the longest item's length before ``start`` can
        # reach into the range; one starting at or after ``end`` cannot.
        first = bisect.bisect_left(self._starts, start - self._longest)
        last = bisect.bisect_left(self._starts, end)
        return self._rows[first:last]

    def overlapping(self, start: int, end: int) -> list[T]:
        """Items sharing at least one character with [start, end)."""
        rows = [r for r in self._near(start, end) if r[0] < end and start < r[1]]
        return [r[3] for r in sorted(rows, key=lambda r: r[2])]

    def holding(self, start: int, end: int) -> list[T]:
        """Items that hold all of [start, end)."""
        rows = [r for r in self._near(start, end + 1) if r[0] <= start and end <= r[1]]
        return [r[3] for r in sorted(rows, key=lambda r: r[2])]

    def within(self, start: int, end: int) -> list[T]:
        """Items lying inside [start, end)."""
        first = bisect.bisect_left(self._starts, start)
        rows = [r for r in self._rows[first:bisect.bisect_right(self._starts, end)]
                if r[1] <= end]
        return [r[3] for r in sorted(rows, key=lambda r: r[2])]
