"""When things happen on the sample site: weekly volumes, posting hours, reply gaps, ids.

Every instant falls between 05:00 and 21:59 UTC on a day of the data window, so local
(Nordic) and UTC dates agree. People post more on weekday evenings than at weekends
or in the morning; a thread's replies come quickly at first and then slow down.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from random import Random

from themewatch.sample_site.clock import week_mondays
from themewatch.sample_site.model import Thread, Unit

FIRST_HOUR, LAST_HOUR = 5, 21
# Relative posting activity by UTC hour 05..21 (local 06/07..22/23) and by weekday Mon..Sun.
HOUR_WEIGHTS = (1, 2, 3, 4, 4, 4, 5, 5, 4, 4, 4, 5, 6, 7, 7, 6, 4)
WEEKDAY_WEIGHTS = (1.1, 1.05, 1.0, 1.0, 0.9, 0.6, 0.8)
# Office hours of the support line (UTC hours 06..17) and its open days (Mon..Sat).
CALL_HOUR_WEIGHTS = (3, 5, 5, 4, 3, 4, 5, 4, 4, 3, 2, 1)
CALL_WEEKDAY_WEIGHTS = (1.3, 1.1, 1.0, 1.0, 0.9, 0.3, 0.0)


@dataclass(frozen=True)
class Window:
    """The data window: ``weeks`` ISO weeks ending with the week of ``end_date``."""

    end_date: date
    mondays: tuple[date, ...]

    @classmethod
    def of(cls, end_date: date, weeks: int) -> Window:
        return cls(end_date, tuple(week_mondays(end_date, weeks)))

    @property
    def first_day(self) -> date:
        return self.mondays[0]

    @property
    def end(self) -> datetime:
        """The last instant that may carry data."""
        return datetime.combine(self.end_date, time(LAST_HOUR, 59, 59), UTC)

    def week_of(self, instant: datetime) -> date:
        day = instant.astimezone(UTC).date()
        return day - timedelta(days=day.weekday())

    def days_of_week(self, monday: date) -> list[date]:
        return [monday + timedelta(days=i) for i in range(7) if monday + timedelta(days=i) <= self.end_date]


# Threads run on for days or weeks, so a window's first weeks lack the replies to threads
# begun before it; threads and blog posts start more often then, to keep volume level.
WARMUP = (1.9, 1.35)


def weekly_counts(rng: Random, rate: float, window: Window, noise: float = 0.18,
                  warmup: tuple[float, ...] = ()) -> list[int]:
    """How many new threads/calls start in each week: ``rate`` with multiplicative noise."""
    counts = []
    for i, _ in enumerate(window.mondays):
        factor = max(0.4, rng.gauss(1.0, noise)) * (warmup[i] if i < len(warmup) else 1.0)
        counts.append(max(1, round(rate * factor + rng.uniform(-0.5, 0.5))))
    return counts


def _weighted_index(rng: Random, weights: Iterable[float]) -> int:
    weights = list(weights)
    return rng.choices(range(len(weights)), weights=weights)[0]


def instant_in_week(rng: Random, window: Window, monday: date, *, calls: bool = False) -> datetime:
    """A random instant in the week of ``monday`` (within the window), by activity pattern."""
    days = window.days_of_week(monday)
    day_w = CALL_WEEKDAY_WEIGHTS if calls else WEEKDAY_WEIGHTS
    weights = [day_w[d.weekday()] for d in days]
    if not any(weights):
        weights = [1.0] * len(days)
    day = days[_weighted_index(rng, weights)]
    if calls:
        hour = 6 + _weighted_index(rng, CALL_HOUR_WEIGHTS)
    else:
        hour = FIRST_HOUR + _weighted_index(rng, HOUR_WEIGHTS)
    return datetime.combine(day, time(hour, rng.randrange(60), rng.randrange(60)), UTC)


def later(rng: Random, instant: datetime, mean_hours: float) -> datetime:
    """An instant after ``instant`` (exponential gap), pushed into posting hours if needed."""
    t = instant + timedelta(seconds=max(60.0, rng.expovariate(1.0 / (mean_hours * 3600))))
    if t.hour < FIRST_HOUR:
        t = t.replace(hour=FIRST_HOUR, minute=rng.randrange(60))
    elif t.hour > LAST_HOUR:
        nxt = t.date() + timedelta(days=1)
        t = datetime.combine(nxt, time(FIRST_HOUR + rng.randrange(4), rng.randrange(60),
                                       rng.randrange(60)), UTC)
    return t


def thread_size(rng: Random) -> int:
    """Posts in a forum topic: mostly short, some medium, a few long multi-page ones."""
    r = rng.random()
    if r < 0.55:
        return rng.randint(2, 8)
    if r < 0.87:
        return rng.randint(9, 20)
    return rng.randint(24, 60)


def assign_ids(units: list[Unit], rng: Random, start: int, max_gap: int = 40) -> None:
    """Give units increasing numeric ids in publication order, with gaps (other content)."""
    next_id = start
    for unit in sorted(units, key=lambda u: (u.published_at, u.extra["seq"])):
        next_id += rng.randint(1, max_gap)
        unit.post_id = str(next_id)


def assign_thread_ids(threads: list[Thread], rng: Random, start: int, max_gap: int = 25) -> None:
    """Topic/post ids increasing with the thread's first post time."""
    next_id = start
    for thread in sorted(threads, key=lambda t: (t.units[0].published_at, t.extra["seq"])):
        next_id += rng.randint(1, max_gap)
        thread.thread_id = str(next_id)


def slugify(text: str) -> str:
    """ASCII URL slug, as IPS and WordPress make them (æøå folded)."""
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u",
                           "'": None, "\u2019": None})
    out = []
    for ch in text.lower().translate(table):
        out.append(ch if ch.isascii() and ch.isalnum() else "-")
    return "-".join(part for part in "".join(out).split("-") if part)[:60].strip("-")
