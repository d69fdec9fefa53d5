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

CONFIG = DriftConfig()


def test_weekly_p_values_are_fishers_exact_test() -> None:
    rng = np.random.default_rng(1)
    n = rng.integers(50, 400, size=(3, 12))
    x = rng.binomial(n, 0.1)
    result = theme_drift(x, n, config=DriftConfig(adjust_dispersion=False, bad_direction_weight=0.5))
    for c, t in [(0, 8), (1, 10), (2, 11)]:
        bx, bn = x[c, t - 8 : t].sum(), n[c, t - 8 : t].sum()
        table = [[x[c, t], n[c, t] - x[c, t]], [bx, bn - bx]]
        assert result.p_up[c, t] == pytest.approx(stats.fisher_exact(table, alternative="greater").pvalue)
        assert result.p_down[c, t] == pytest.approx(stats.fisher_exact(table, alternative="less").pvalue)
        assert result.p_value[c, t] == pytest.approx(min(1, 2 * min(result.p_up[c, t], result.p_down[c, t])))


def test_the_bad_direction_weight_splits_each_cells_budget() -> None:
    n = np.full((2, 10), 500)
    x = np.full((2, 10), 50)
    x[:, -1] = 75
    result = theme_drift(x, n, config=DriftConfig(bad_direction_weight=0.9), bad_direction=np.array([1, -1]))
    # The rise is the bad direction of cell 0 (a complaint) but the good one of cell 1 (praise).
    assert result.p_value[0, -1] == pytest.approx(result.p_up[0, -1] / 0.9)
    assert result.p_value[1, -1] == pytest.approx(min(1, result.p_up[1, -1] / 0.1))


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
    result = sim.detection_trials(volume=300, rise=1.0, trials=20, seed=7)
    assert sim.detected(result, CONFIG, within=2).mean() >= 0.9
    flagged = result.flag & (result.direction > 0)
    assert flagged[:, 0, sim.change_week(CONFIG)].mean() > 0.5


def test_a_stationary_year_stays_quiet() -> None:
    alarms = sim.stationary_false_alarms(volume=1000, trials=20, seed=11)
    assert alarms.mean() <= 1.5  # the benchmark measures it over thousands of source-years
    assert (alarms <= 3).all()


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


def test_cusum_catches_a_sustained_rise_no_single_week_proves() -> None:
    cusum_only = DriftConfig(fdr_alpha=1e-12)
    result = sim.detection_trials(volume=300, rise=0.5, trials=40, seed=3, config=cusum_only, extra_weeks=5)
    assert sim.detected(result, cusum_only, within=6).mean() >= 0.6
    quiet = sim.stationary_false_alarms(volume=300, trials=20, seed=4, config=cusum_only)
    assert quiet.mean() <= 0.5


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
