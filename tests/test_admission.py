"""Per-client budgets and the bounded queue, on their own with a clock we move by hand."""

from __future__ import annotations

import pytest

from newsgraph.endpoint.admission import Admission, Limits, Refused, client_key


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make(**limits) -> tuple[Admission, Clock]:
    clock = Clock()
    values = {"executors": 2, "queue_size": 2, "client_concurrent": 2, "client_seconds": 60.0}
    return Admission(Limits(**{**values, **limits}), clock), clock


def test_a_client_past_its_concurrent_queries_gets_429_and_others_go_on():
    admission, _ = make()
    with admission.admit("10.0.0.1"), admission.admit("10.0.0.1"):
        with pytest.raises(Refused) as refused:
            with admission.admit("10.0.0.1"):
                pass
        assert refused.value.status == 429 and refused.value.retry_after == 1
        with admission.admit("10.0.0.2"):
            pass
    with admission.admit("10.0.0.1"):  # its places are given back
        pass


def test_a_client_past_its_seconds_per_minute_gets_429_until_they_age_out():
    admission, clock = make(client_seconds=30.0)
    for spent in (10.0, 25.0):
        with admission.admit("10.0.0.1") as place:
            place.charge(spent)
        clock.now += 20
    with pytest.raises(Refused) as refused:
        with admission.admit("10.0.0.1"):
            pass
    # 35 s used; under 30 again once the first 10 s (charged 40 s ago) leave the window.
    assert refused.value.status == 429 and refused.value.retry_after == 20
    assert "35 s" in refused.value.message
    with admission.admit("10.0.0.2"):
        pass
    clock.now += 20
    with admission.admit("10.0.0.1"):
        pass


def test_a_full_queue_is_503_at_once_with_retry_after():
    admission, _ = make(executors=1, queue_size=1, client_concurrent=5)
    with admission.admit("a"), admission.admit("b"):
        with pytest.raises(Refused) as refused:
            with admission.admit("c"):
                pass
    assert refused.value.status == 503 and refused.value.retry_after >= 1
    with admission.admit("c"):
        pass


def test_forgotten_clients_leave_the_table():
    admission, clock = make()
    for n in range(100):
        with admission.admit(f"10.0.1.{n}") as place:
            place.charge(0.5)
    clock.now += 61
    with admission.admit("10.0.0.9"):
        pass
    assert len(admission._spent) == 0


@pytest.mark.parametrize(("address", "key"), [
    ("192.0.2.7", "192.0.2.7"),
    ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
    ("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64"),
    ("::ffff:192.0.2.7", "192.0.2.7"),
    (None, "unknown"),
])
def test_clients_are_addresses_and_ipv6_subscribers(address, key):
    assert client_key(address) == key


def test_new_connections_past_the_rate_are_refused_and_the_bucket_refills():
    from newsgraph.endpoint.admission import ConnectionRate

    clock = Clock()
    rate = ConnectionRate(10, clock)
    assert all(rate.allow("10.0.0.1") for _ in range(10))
    assert not rate.allow("10.0.0.1")
    assert rate.allow("10.0.0.2")  # another client has its own bucket
    clock.now += 0.25
    assert [rate.allow("10.0.0.1") for _ in range(3)] == [True, True, False]
    clock.now += 120
    rate.allow("10.0.0.3")
    assert set(rate._buckets) == {"10.0.0.3"}


def test_a_place_kept_for_a_restarting_executor_is_given_back_when_it_is_ready():
    import threading
    import time

    admission, _ = make(client_concurrent=1)
    restarted = threading.Event()
    with admission.admit("10.0.0.1") as place:
        place.keep_until(restarted)
    with pytest.raises(Refused):  # its executor is still being restarted
        with admission.admit("10.0.0.1"):
            pass
    restarted.set()
    deadline = time.monotonic() + 5
    while admission._active.get("10.0.0.1"):
        assert time.monotonic() < deadline
        time.sleep(0.01)
    with admission.admit("10.0.0.1"):
        pass
