"""warehouse.drift: scipy's tests wired right, and known truth from seeded corpora (few trials:
benchmarks/drift_power.py runs thousands)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from scipy.spatial.distance import jensenshannon

from warehouse import drift_simulation as sim
from warehouse.drift import (
    DriftConfig,
    benjamini_hochberg,
    population_stability_index,
    source_drift,
    theme_drift,
)
from warehouse.drift_tests import midp_fisher, trailing_sums

CONFIG = DriftConfig()


def _midp(table: list[list[int]], alternative: str) -> float:
    """Mid-p from scipy: Fisher's one-sided p-value less half the observed table's probability."""
    (x, _), (bx, _) = table
    n, bn = sum(table[0]), sum(table[1])
    point = stats.hypergeom.pmf(x, n + bn, x + bx, n)
    return stats.fisher_exact(table, alternative=alternative).pvalue - 0.5 * point


def test_weekly_p_values_are_mid_p_fisher_tests() -> None:
    rng = np.random.default_rng(1)
    n = rng.integers(50, 400, size=(3, 12))
    x = rng.binomial(n, 0.1)
    result = theme_drift(x, n, config=DriftConfig(adjust_dispersion=False))
    for c, t in [(0, 8), (1, 10), (2, 11)]:
        bx, bn = x[c, t - 8 : t].sum(), n[c, t - 8 : t].sum()
        table = [[x[c, t], n[c, t] - x[c, t]], [bx, bn - bx]]
        assert result.p_week[c, t] == pytest.approx(_midp(table, "greater"))
        assert result.p_good[c, t] == pytest.approx(_midp(table, "less"))
        # The two-week window: this week and the last against the 8 weeks before them.
        px, pn = x[c, t - 1 : t + 1].sum(), n[c, t - 1 : t + 1].sum()
        bx, bn = x[c, max(t - 9, 0) : t - 1].sum(), n[c, max(t - 9, 0) : t - 1].sum()
        pair = [[px, pn - px], [bx, bn - bx]]
        assert result.p_two_weeks[c, t] == pytest.approx(_midp(pair, "greater"))


def test_mid_p_values_are_exact_far_in_the_tail() -> None:
    p_up, p_down = midp_fisher(np.array([60]), np.array([200]), np.array([80]), np.array([1600]))
    table = [[60, 140], [80, 1520]]
    assert p_up[0] == pytest.approx(_midp(table, "greater"), rel=1e-6)
    assert 0 < p_up[0] < 1e-15
    assert p_down[0] == pytest.approx(1.0)


def test_the_cells_budget_is_split_between_directions_and_windows() -> None:
    n = np.full((3, 10), 1000)
    x = np.full((3, 10), 100)
    x[:2, -1] = 150
    n[2], x[2] = 300, 30  # 30 posts of the theme a week: too few for one week alone
    x[2, -1] = 45
    config = DriftConfig(bad_direction_weight=0.9, two_week_share=0.5, one_week_min_expected=50)
    result = theme_drift(x, n, config=config, bad_direction=np.array([1, -1, 1]))
    # Cell 0: a complaint rising, its bad direction; 100 posts a week: the weekly test only.
    assert result.p_value[0, -1] == pytest.approx(result.p_week[0, -1] / 0.9)
    assert np.isnan(result.p_two_weeks[0, -1])
    # Cell 1: praise rising, its good direction, which has a tenth of the budget.
    assert result.p_value[1, -1] == pytest.approx(min(1, result.p_good[1, -1] / 0.1))
    assert result.direction[1, -1] == 1
    # Cell 2: the bad-direction budget halved between the weekly and the two-week test.
    assert result.p_value[2, -1] == pytest.approx(
        min(result.p_week[2, -1] / 0.45, result.p_two_weeks[2, -1] / 0.45, result.p_good[2, -1] / 0.1))


def test_q_values_are_benjamini_hochberg_over_the_cells_of_each_week() -> None:
    rng = np.random.default_rng(2)
    p = rng.random((5, 4))
    tested = np.ones_like(p, dtype=bool)
    tested[1, 2] = False
    q = benjamini_hochberg(p, tested)
    assert q[:, 0] == pytest.approx(stats.false_discovery_control(p[:, 0]))
    column = p[[0, 2, 3, 4], 2]
    assert q[[0, 2, 3, 4], 2] == pytest.approx(stats.false_discovery_control(column))
    assert np.isnan(q[1, 2])


def test_bh_weights_give_each_source_its_share_and_common_themes_more() -> None:
    rng = np.random.default_rng(3)
    shares = np.array([0.10, 0.02, 0.005, 0.10, 0.02])
    n = np.full((5, 12), 1000)
    x = rng.binomial(n, shares[:, None])
    groups = np.array([0, 0, 0, 1, 1])
    result = theme_drift(x, n, groups=groups)
    w = result.bh_weight[:, -1]
    assert w[:3].sum() == pytest.approx(3) and w[3:].sum() == pytest.approx(2)
    expected = result.baseline_x[:, -1] / 8
    assert w[0] / w[1] == pytest.approx((expected[0] / expected[1]) ** CONFIG.bh_weight_exponent)
    assert w[0] > w[1] > w[2] > 0
    assert result.q_value[:, -1] == pytest.approx(
        stats.false_discovery_control(np.minimum(1, result.p_value[:, -1] / w)))
    equal = theme_drift(x, n, groups=groups, config=DriftConfig(bh_weight_exponent=0.0))
    assert equal.bh_weight[:, -1] == pytest.approx(np.ones(5))


def test_trailing_sums_cover_the_window_and_its_baseline() -> None:
    values = np.arange(1, 7)[None, :]  # weeks 0..5 hold 1..6
    assert trailing_sums(values, 2)[0].tolist() == [1, 3, 5, 7, 9, 11]
    assert trailing_sums(values, 3, gap=2)[0].tolist() == [0, 0, 1, 3, 6, 9]


def test_episodes_count_consecutive_flags_once() -> None:
    flag = np.array([[False, True, True, False, True, True, True]])
    assert sim.episodes(flag)[0].tolist() == [False, True, False, False, True, False, False]


def test_cells_need_a_baseline_before_they_are_tested() -> None:
    n = np.full((1, 12), 100)
    x = np.full((1, 12), 10)
    n[0, 2] = x[0, 2] = 0
    result = theme_drift(x, n)
    assert not result.tested[0, : CONFIG.min_baseline_weeks].any()
    assert not result.tested[0, 2]
    assert result.tested[0, 5:].all()
    assert result.baseline_weeks[0, 9] == 7  # week 2 had no posts


def test_an_injected_rise_is_flagged_in_the_week_it_starts_or_the_next() -> None:
    for volume in (1000, 3000):
        result = sim.detection_trials(volume=volume, rise=1.0, trials=20, seed=volume)
        assert sim.detected(result, CONFIG, within=1).mean() >= 0.95
    result = sim.detection_trials(volume=1000, rise=0.5, trials=20, seed=8)
    assert sim.detected(result, CONFIG, within=2).all()
    result = sim.detection_trials(volume=300, rise=1.0, trials=20, seed=7)
    assert sim.detected(result, CONFIG, within=2).mean() >= 0.9
    flagged = result.flag & (result.direction > 0)
    assert flagged[:, 0, sim.change_week(CONFIG)].mean() > 0.5


def test_a_stationary_year_stays_quiet() -> None:
    alarms = sim.stationary_false_alarms(volume=1000, trials=20, seed=11)
    assert alarms.mean() <= 1.5  # the benchmark measures it over thousands of source-years
    assert (alarms <= 3).all()


def test_a_small_week_with_a_high_share_does_not_alarm() -> None:
    # 3 of 12 posts (25%) against a 10% baseline: a week too small to prove anything.
    n = np.full((12, 10), 100)
    x = np.broadcast_to(np.array([10, 6, 5, 4, 4, 3, 3, 3, 2, 2, 1, 8])[:, None], (12, 10)).copy()
    n[:, -1], x[:, -1] = 12, np.minimum(x[:, -1], 1)
    x[0, -1] = 3
    result = theme_drift(x, n)
    assert result.tested[:, -1].all()
    assert not result.flag.any()
    assert result.p_week[0, -1] < 0.1  # unusual, but far from the budget


def test_small_weeks_do_not_alarm_more_than_big_ones() -> None:
    alarms = sim.stationary_false_alarms(volume=20, trials=40, seed=12)
    assert alarms.mean() <= 1.0


def test_flags_with_injected_changes_are_mostly_right() -> None:
    false = total = 0
    for seed in range(3):
        corpus = sim.injected_corpus(sources=4, weeks=52, changes_per_source=3, seed=seed)
        f, t = sim.false_discovery_proportion(corpus)
        false, total = false + f, total + t
    assert total >= 30
    assert false / total <= 0.15


def test_overdispersed_weeks_are_detected_and_widen_the_test() -> None:
    rng = np.random.default_rng(5)
    weeks, themes = 30, 6
    n = np.full((themes, weeks), 1000)
    binomial = rng.binomial(n, 0.1)
    # Weekly shares that wander like real news cycles: beta-binomial with a lot of spread.
    wandering = rng.binomial(n, rng.beta(20, 180, size=(themes, weeks)))
    calm = theme_drift(binomial, n)
    noisy = theme_drift(wandering, n)
    assert np.median(calm.dispersion[:, 12:]) == 1.0
    assert np.median(noisy.dispersion[:, 12:]) > 2.5
    assert noisy.flag.sum() < theme_drift(wandering, n, config=DriftConfig(adjust_dispersion=False)).flag.sum()


def test_the_two_week_test_catches_a_rise_no_single_week_proves() -> None:
    # Twelve themes at 300 posts a week; the first goes from 30 to 44 posts for two weeks.
    n = np.full((12, 14), 300)
    x = np.broadcast_to(np.array([30, 18, 15, 12, 12, 9, 9, 9, 6, 6, 3, 24])[:, None], (12, 14)).copy()
    x[0, 12:] = 44
    result = theme_drift(x, n)
    assert not result.flag[:, :13].any()
    assert result.flag[0, 13] and result.window[0, 13] == 2 and result.direction[0, 13] == 1
    assert not result.flag[1:, 13].any()
    weekly_only = theme_drift(x, n, config=DriftConfig(two_week_share=0.0))
    assert not weekly_only.flag.any()


def test_source_drift_measures_agree_with_scipy_and_flag_a_changed_mix() -> None:
    rng = np.random.default_rng(9)
    weeks = 14
    probs = np.array([0.3, 0.2, 0.2, 0.1, 0.2])
    mix = np.stack([rng.multinomial(2000, probs, size=weeks), rng.multinomial(2000, probs, size=weeks)])
    mix[1, -1] = rng.multinomial(2000, [0.1, 0.2, 0.2, 0.3, 0.2])
    result = source_drift(mix.astype(float))
    assert result.flag[1, -1] and not result.flag[0, -1]
    assert not result.flag[:, :-1].any()
    now, base = mix[1, -1] + 0.5, mix[1, -9:-1].sum(axis=0) + 0.5
    assert result.jsd[1, -1] == pytest.approx(jensenshannon(now, base, base=2) ** 2)
    assert result.psi[1, -1] == pytest.approx(population_stability_index(now, base))
    assert result.top_bin[1, -1] in (0, 3)
    table = np.vstack([mix[1, -1], mix[1, -9:-1].sum(axis=0)])
    assert result.p_value[1, -1] == pytest.approx(
        stats.chi2_contingency(table, lambda_="log-likelihood", correction=False).pvalue)


def test_bad_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="0 <= x <= n"):
        theme_drift(np.array([[5]]), np.array([[3]]))


def test_source_drift_stays_quiet_on_a_stationary_year() -> None:
    for volume in (100, 1000):
        assert sim.stationary_source_alarms(volume=volume, trials=10, seed=volume).mean() <= 1.0
