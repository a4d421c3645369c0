"""The per-process data version: what it remembers of when versions began."""

from __future__ import annotations

from budgetschuiver.kernel import versions


def test_ver001_forgets_versions_older_than_the_window_and_keeps_the_rest(
    monkeypatch,
):
    """Versions are forgotten REMEMBER_SECONDS after they began, oldest first,
    and what is forgotten stays bounded however many writes come."""
    clock = [1_000.0]
    monkeypatch.setattr(versions.time, "time", lambda: clock[0])
    kept = versions.DataVersion()
    began = {}
    for _ in range(1_000):
        kept.bump()
        began[kept.current()] = clock[0]
        clock[0] += 0.25  # exact in binary: no rounding at the window's edge
    last = clock[0] - 0.25
    for version, at in began.items():
        expected = at if at >= last - versions.REMEMBER_SECONDS else None
        assert kept.began(version) == expected
    assert len(kept._began) == versions.REMEMBER_SECONDS / 0.25 + 1
