"""The per-process memory behind the account lookup and the kept answers."""

from __future__ import annotations

import threading

import pytest

from budgetschuiver.kernel.recent import MISSING, Recent


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_recent001_kept_for_its_seconds_then_gone():
    clock = Clock()
    recent = Recent(5, clock=clock)
    recent.put("raad", "advisor")
    clock.now += 4.999
    assert recent.get("raad") == "advisor"
    clock.now += 0.001
    assert recent.get("raad") is MISSING


def test_recent002_none_is_a_value_and_forget_drops_at_once():
    recent = Recent(5, clock=Clock())
    recent.put("gone", None)
    assert recent.get("gone") is None
    assert recent.get("never") is MISSING
    recent.forget("gone")
    recent.forget("never")
    assert recent.get("gone") is MISSING


def test_recent003_bounded_oldest_put_goes_first():
    clock = Clock()
    recent = Recent(60, size=3, clock=clock)
    for key in "abcd":
        recent.put(key, key.upper())
    assert [recent.get(k) for k in "abcd"] == [MISSING, "B", "C", "D"]
    recent.put("b", "B2")  # put again: newest, and for its full time again
    recent.put("e", "E")
    assert [recent.get(k) for k in "bcde"] == ["B2", MISSING, "D", "E"]


@pytest.mark.parametrize(("seconds", "size"), [(-1, 10), (5, 0)])
def test_recent004_refuses_nonsense(seconds, size):
    with pytest.raises(ValueError):
        Recent(seconds, size=size)


def test_recent005_threads_share_it_without_losing_the_bound():
    recent = Recent(60, size=50)

    def work(offset: int) -> None:
        for i in range(2000):
            recent.put(offset + i % 80, i)
            recent.get(offset + (i * 7) % 80)

    threads = [threading.Thread(target=work, args=(n * 1000,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(recent._values) == 50


def test_recent006_clear_drops_everything():
    recent = Recent(60, clock=Clock())
    recent.put("a", 1)
    recent.put("b", None)
    recent.clear()
    assert recent.get("a") is MISSING and recent.get("b") is MISSING
