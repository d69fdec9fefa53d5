from __future__ import annotations

from datetime import date

import pytest

from themewatch.demo import last_complete_week


@pytest.mark.parametrize(
    ("today", "sunday", "week"),
    [
        (date(2026, 11, 23), date(2026, 11, 22), "2026-W47"),  # Monday
        (date(2026, 11, 22), date(2026, 11, 15), "2026-W46"),  # Sunday: its week is not over
        (date(2026, 11, 26), date(2026, 11, 22), "2026-W47"),
        (date(2027, 1, 4), date(2027, 1, 3), "2026-W53"),
    ],
)
def test_last_complete_week(today: date, sunday: date, week: str) -> None:
    assert last_complete_week(today) == (sunday, week)
