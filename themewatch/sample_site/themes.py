"""Which themes each unit carries: stationary base rates plus the planted extra_cost trend.

extra_cost is placed first, per (ISO week, language), on an exact number of units: a base
share of about 7% of the week's non-deleted units (with noise), rising over the last three
weeks to about 22%, 28% and 33%, as the invented companies' new handling fee
("ekspedisjonsgebyr", "expeditionsavgift", "handling fee") bites: most extra_cost units
of those weeks name the new fee, earlier ones only talk about fees in general. All other themes are
drawn per unit from fixed weights, so they stay stationary apart from noise; replies lean
towards the themes of the thread's opening post. Praise never shares a unit with another
drawn theme (a post that praises the service does not also complain about it).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from random import Random

from themewatch.sample_site.model import RISING_THEME, THEMES, Thread, Unit
from themewatch.sample_site.schedule import Window
from themewatch.sample_site.texts import agent_themes

BASE_SHARE = 0.07
RAMP = (0.22, 0.28, 0.33)
# In the rising weeks, the share of extra_cost units that name the new fee itself.
NEW_FEE_SHARE = 0.8
CUSTOMER_WEIGHTS = {
    "queue_wait": 14, "no_response": 10, "blame_shifting": 6, "broken_promise": 9,
    "rude_staff": 7, "incompetence": 10, "runaround": 9, "not_listening": 5,
    "customer_abuse": 2, "compensation": 7, "praise": 11,
}
AGENT_WEIGHTS = {
    "queue_wait": 6, "no_response": 4, "blame_shifting": 3, "broken_promise": 4,
    "incompetence": 2, "runaround": 2, "customer_abuse": 4, "compensation": 10,
}
AGENT_STYLES = frozenset({"forum_agent", "blog_agent", "call_agent"})
# Probability that a unit of this style carries no theme besides a possible extra_cost.
P_NONE = {
    "forum_opener": 0.22, "forum_reply": 0.45, "forum_agent": 0.55, "blog_post": 0.0,
    "blog_comment": 0.4, "blog_reply": 0.65, "blog_agent": 0.4, "call_customer_open": 0.5,
    "call_customer": 0.55, "call_agent": 0.6,
}
# How likely a unit of this style is to be the one that talks about the new fee.
TREND_WEIGHT = {"forum_agent": 1.0, "blog_agent": 1.0, "call_agent": 1.0, "blog_reply": 1.5}


def weekly_shares(rng: Random, n_weeks: int) -> list[float]:
    """Target share of extra_cost per week: noisy base, then the three-week ramp."""
    base = [BASE_SHARE * rng.uniform(0.8, 1.2) for _ in range(n_weeks - len(RAMP))]
    return base + [r * rng.uniform(0.94, 1.06) for r in RAMP]


def _weighted_sample(rng: Random, items: list[Unit], k: int) -> list[Unit]:
    """k items without replacement, by TREND_WEIGHT (Efraimidis-Spirakis keys)."""
    keyed = [(rng.random() ** (1.0 / TREND_WEIGHT.get(u.style, 3.0)), i) for i, u in enumerate(items)]
    keyed.sort(reverse=True)
    return [items[i] for _, i in keyed[:k]]


def _place_trend(units: list[Unit], window: Window, rng: Random) -> None:
    shares = weekly_shares(rng, len(window.mondays))
    week_index = {m: i for i, m in enumerate(window.mondays)}
    rising = set(window.mondays[-len(RAMP):])
    groups: dict[tuple[date, str], list[Unit]] = defaultdict(list)
    for u in units:
        if not u.deleted:
            groups[(window.week_of(u.published_at), u.lang)].append(u)
    for key in sorted(groups):
        members = groups[key]
        target = len(members) * shares[week_index[key[0]]]
        k = int(target) + (rng.random() < target - int(target))
        eligible = [u for u in members if u.theme_eligible
                    and (u.style not in AGENT_STYLES or RISING_THEME in agent_themes(u.lang))]
        for u in _weighted_sample(rng, eligible, min(k, len(eligible))):
            u.themes = (RISING_THEME,)
            u.extra["new_fee"] = key[0] in rising and rng.random() < NEW_FEE_SHARE


def _draw_others(rng: Random, unit: Unit, bias: tuple[str, ...]) -> set[str]:
    """Themes besides extra_cost, at the same rates whether or not the unit has extra_cost
    (so that the rise of extra_cost does not push the other themes' shares down)."""
    agent = unit.style in AGENT_STYLES
    if rng.random() < P_NONE[unit.style]:
        return set()
    if agent:
        allowed = set(agent_themes(unit.lang))
        pool = {t: w for t, w in AGENT_WEIGHTS.items() if t in allowed}
        n = 1
    else:
        pool = dict(CUSTOMER_WEIGHTS)
        n = rng.choice((1, 2, 2, 3)) if unit.style == "blog_post" else (2 if rng.random() < 0.22 else 1)
    chosen: set[str] = set()
    usable_bias = [t for t in bias if t in pool]
    if usable_bias and rng.random() < 0.35:
        chosen.add(rng.choice(usable_bias))
    while len(chosen) < n and "praise" not in chosen:
        names = sorted(t for t in pool if t not in chosen and not (chosen and t == "praise"))
        chosen.add(rng.choices(names, weights=[pool[t] for t in names])[0])
    return chosen


def assign_themes(threads: list[Thread], window: Window, rng: Random) -> date:
    """Set ``themes`` on every eligible unit; return the Monday the rise starts."""
    if len(window.mondays) < len(RAMP) + 1:
        raise ValueError(f"need at least {len(RAMP) + 1} weeks to plant a trend")
    _place_trend([u for th in threads for u in th.units], window, rng)
    for thread in threads:
        bias: tuple[str, ...] = ()
        for unit in thread.units:
            if not unit.theme_eligible:
                continue
            others = _draw_others(rng, unit, bias)
            unit.themes = tuple(t for t in THEMES if t in others or t in unit.themes)
            if unit.position == 0:
                bias = tuple(t for t in unit.themes if t != RISING_THEME)
    return window.mondays[-len(RAMP)]
