"""Progress of long work: the rate over the last seconds, the time left at that rate, a bar
on a terminal and a line every few seconds when piped. A made-up clock drives it."""

from __future__ import annotations

import io

from newsgraph.commands.progress import Progress, duration


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_piped_output_gets_a_line_every_few_seconds_with_an_honest_rate():
    out, clock = io.StringIO(), Clock()
    progress = Progress(1000, out, terminal=False, every=5.0, window=20.0, clock=clock)
    # 500 unchanged articles in a flash, then new ones at 2 a second.
    progress.step(500)
    for _ in range(120):
        clock.now += 0.5
        progress.step()
    lines = out.getvalue().splitlines()
    assert 11 <= len(lines) <= 13  # 60 s, a line every 5 s
    assert lines[-1].startswith("progress: 620/1,000 articles (62 %), 2.0/s")
    # 380 left at 2 a second, not at the average since the start (over 10 a second).
    assert "about 3 min 10 s left" in lines[-1]


def test_a_terminal_gets_one_redrawn_bar_and_problems_above_it():
    out, clock = io.StringIO(), Clock()
    progress = Progress(10, out, terminal=True, clock=clock)
    for n in range(10):
        clock.now += 1.0
        progress.step()
        if n == 4:
            progress.say("rejected: a.jsonl:5 (x)")
    progress.close()
    text = out.getvalue()
    assert "\n" not in text.split("rejected: a.jsonl:5 (x)\n")[1].rstrip("\n")
    assert text.count("\r") >= 10 and "[########################] 10/10 articles (100 %)" in text
    assert text.endswith("\n")


def test_no_rate_is_promised_before_there_is_one_to_measure():
    out, clock = io.StringIO(), Clock()
    progress = Progress(100, out, terminal=False, every=0.0, clock=clock)
    progress.step()
    assert "measuring the rate" in out.getvalue()


def test_durations_read_as_people_say_them():
    assert [duration(s) for s in (4.4, 65, 3600 + 7 * 60 + 3)] == ["4 s", "1 min 05 s",
                                                                    "1 h 07 min"]
