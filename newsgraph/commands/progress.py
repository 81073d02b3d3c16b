"""Progress of long work: a bar on a terminal, a line every few seconds when piped.

The rate is measured over the last ``window`` seconds, not since the start: a load
that begins with unchanged articles (skipped in microseconds) and goes on with
new ones (a tenth of a second each) would otherwise promise an end that never
comes; and from the first item done, not from the start, so that loading the model
(seconds, once) is not taken for the pace of the work. The time left is what is
left at the current rate.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import TextIO

BAR_WIDTH = 24


def duration(seconds: float) -> str:
    """'45 s', '3 min 05 s', '2 h 07 min'."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


class Progress:
    """Counts work done out of ``total`` and shows it on ``out``: redrawn in place on a
    terminal (at most ten times a second), one line every ``every`` seconds otherwise."""

    def __init__(self, total: int, out: TextIO, *, terminal: bool, noun: str = "articles",
                 every: float = 5.0, window: float = 20.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.total, self.out, self.terminal, self.noun = total, out, terminal, noun
        self.every, self.window, self.clock = every, window, clock
        self.done = 0
        self.started = clock()
        self._shown_at = self.started if not terminal else 0.0
        self._recent: deque[tuple[float, int]] = deque()
        self._drawn = False

    def step(self, count: int = 1) -> None:
        self.done += count
        now = self.clock()
        self._recent.append((now, self.done))
        while len(self._recent) > 2 and self._recent[1][0] < now - self.window:
            self._recent.popleft()
        interval = 0.1 if self.terminal else self.every
        if now - self._shown_at >= interval or self.done == self.total:
            self._shown_at = now
            self._show(now)

    def say(self, line: str) -> None:
        """A line of its own (a problem with one article), above the bar."""
        if self.terminal and self._drawn:
            self.out.write("\r\x1b[2K")
        self.out.write(line + "\n")
        if self.terminal and self._drawn:
            self._show(self.clock())
        self.out.flush()

    def close(self) -> None:
        if self.terminal and self._drawn:
            self.out.write("\n")
            self.out.flush()

    def rate(self, now: float) -> float | None:
        """Items a second over the window; None until there is a second to measure."""
        if len(self._recent) < 2:
            return None
        first_time, first_done = self._recent[0]
        elapsed = now - first_time
        if elapsed < 1.0 or self.done == first_done:
            return None
        return (self.done - first_done) / elapsed

    def status(self, now: float) -> str:
        rate = self.rate(now)
        parts = [f"{self.done:,}/{self.total:,} {self.noun}"]
        if self.total:
            parts[0] += f" ({100 * self.done / self.total:.0f} %)"
        if rate is not None:
            parts.append(f"{rate:,.1f}/s")
            if self.total > self.done:
                parts.append(f"about {duration((self.total - self.done) / rate)} left")
        else:
            parts.append("measuring the rate")
        parts.append(f"{duration(now - self.started)} so far")
        return ", ".join(parts)

    def _show(self, now: float) -> None:
        if self.terminal:
            filled = round(BAR_WIDTH * self.done / self.total) if self.total else 0
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self.out.write(f"\r\x1b[2K[{bar}] {self.status(now)}")
            self._drawn = True
        else:
            self.out.write(f"progress: {self.status(now)}\n")
        self.out.flush()
