"""Per-source state: verdicts on posts, and commits that only ever replace the file whole."""

from __future__ import annotations

from extractors.state import STATE_FILE, SourceState


def test_verdicts_and_commit(tmp_path):
    state = SourceState.load(tmp_path / "forum")
    assert state.judge("a", "h1", "2026-03-14") == "new"
    state.commit({"a": "h1"}, "2026-03-14", {"101": {"pages": 2, "newest": "2026-03-13T10:00:00+00:00"}})
    again = SourceState.load(tmp_path / "forum")
    assert again.judge("a", "h1", "2026-03-14") == "same-run"  # stored under this date: keep it
    assert again.judge("a", "h1", "2026-03-15") == "duplicate"
    assert again.judge("a", "h2", "2026-03-15") == "changed"
    assert again.threads["101"]["pages"] == 2
    assert sorted(p.name for p in (tmp_path / "forum").iterdir()) == [STATE_FILE]  # no temp left
