"""`newsgraph watch`: poll feeds and load what is new, round after round.

Each round reads every feed (asked again with its ETag or date: an unchanged feed
costs a 304), reads each item's page (from the web cache when it was fetched
before), and loads through the usual path, where an article the store already holds
unchanged is passed over before extraction; so a quiet round costs a few requests
and no parsing. A feed that fails is one line, and is asked again next round; the
others go on. The first Ctrl-C (or SIGTERM) ends the round after the article being
read and stops; a second stops at once (every article written is whole).
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
MIN_EVERY = 1.0


def parse_every(value: str) -> float:
    """Seconds from "90", "30s", "15m", "2h" or "1d"; ValueError otherwise."""
    found = _EVERY.match(value)
    if found is None:
        raise ValueError(f"--every {value!r}: give a number with s, m, h or d (15m, 2h)")
    seconds = float(found.group(1)) * _UNITS[found.group(2)]
    if seconds < MIN_EVERY:
        raise ValueError(f"--every {value!r}: at least {MIN_EVERY:g} second")
    return seconds


def feed_urls(values: Iterable[str]) -> list[str]:
    """The feeds to watch: URLs given, and the URLs listed in files (one a line, # for
    comments); ValueError naming the file and line of anything else."""
    urls: list[str] = []
    for value in values:
        if value.startswith(("http://", "https://")):
            urls.append(value)
            continue
        path = Path(value)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as err:
            raise ValueError(f"{value}: cannot read the list of feeds ({err})") from None
        for number, line in enumerate(lines, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if not line.startswith(("http://", "https://")):
                raise ValueError(f"{value}:{number}: {line[:80]!r} is not an http(s) URL; "
                                 "give one feed URL a line")
            urls.append(line)
    if not urls:
        raise ValueError("no feeds to watch: give feed URLs or a file listing them")
    return list(dict.fromkeys(urls))


class Stopper:
    """Ctrl-C and SIGTERM as a request to stop: the first sets ``stopped`` (the round
    ends after the article being read), the second interrupts at once."""

    def __init__(self, say: Callable[[str], None]) -> None:
        self.stopped = threading.Event()
        self.say = say
        self._before = {}

    def __enter__(self) -> Stopper:
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._before[sig] = signal.signal(sig, self._on_signal)
        return self

    def __exit__(self, *exc) -> None:
        for sig, handler in self._before.items():
            signal.signal(sig, handler)

    def _on_signal(self, _sig, _frame) -> None:
        if self.stopped.is_set():
            raise KeyboardInterrupt
        self.stopped.set()
        self.say("stopping after the article being read (Ctrl-C again to stop now)")

    def until_stopped(self, items: Iterable) -> Iterator:
        for item in items:
            if self.stopped.is_set():
                return
            yield item
