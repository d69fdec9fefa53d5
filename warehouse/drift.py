"""Drift statistics: has a theme's share of a source's posts moved beyond normal variation?

Pure functions over count arrays (no database), shared by ``warehouse.trends`` and the
seeded simulation (``warehouse.drift_simulation``, ``benchmarks/drift_power.py``). Arrays
are shaped ``(..., cells, weeks)``: ``x`` posts carrying the theme, ``n`` all posts of the
cell's source that week; leading dimensions (simulation trials) are carried through.

Per cell and week t, against a baseline of the ``baseline_weeks`` (k) weeks before the
tested window (``warehouse.drift_tests`` holds the statistics):

1. Three one-sided mid-p Fisher tests (scipy.stats' hypergeometric distribution): week t
   alone in the theme's bad direction (up for complaints, down for praise); weeks t-1 and
   t pooled in the bad direction against the k weeks before t-1 (a rise too small for one
   week's posts to prove shows over two); week t alone in the good direction.
2. The cell's p-value combines them by weighted Bonferroni, ``min(p_i / w_i)``, the weights
   splitting the cell's budget: ``bad_direction_weight`` to the bad direction, of which
   ``two_week_share`` goes to the two-week window in cells expected to hold fewer than
   ``one_week_min_expected`` posts of the theme a week (where one week cannot see a
   moderate rise; cells with more spend the whole bad-direction budget on the weekly test,
   so their first-week detection keeps its full power).
3. Weighted Benjamini-Hochberg across all tested cells of the week (all themes of all
   sources): each source gets an equal share of the budget, divided among its themes in
   proportion to their expected weekly counts (at least 1) raised to
   ``bh_weight_exponent`` (1 by default: the budget follows the posts; rare themes cannot
   show a moderate rise at a year's budget anyway). A cell flags at ``q < fdr_alpha``.

When a source's weekly shares vary more than binomial sampling explains (Pearson
dispersion over its baseline weeks and themes, significant at 1%), counts are divided by
that dispersion factor before testing (the Rao-Scott adjustment for clustered binary data).

Per source and week, the theme mix (theme mentions plus untagged posts) against the
baseline: Jensen-Shannon divergence, population stability index, and a G-test (scipy's
``chi2_contingency`` with the log-likelihood statistic) with BH across sources.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats
from scipy.spatial.distance import jensenshannon

from themewatch import defaults
from warehouse.drift_tests import midp_fisher, trailing_sums, weighted_benjamini_hochberg

#: Significance at which baseline weeks count as over-dispersed.
DISPERSION_ALPHA = 0.01
#: Pseudo-count added to every bin of a theme mix before JSD and PSI (empty bins are common).
MIX_PSEUDO_COUNT = 0.5
#: Window lengths of the bad-direction tests, in weeks.
WINDOWS = (1, 2)


@dataclass(frozen=True)
class DriftConfig:
    baseline_weeks: int = defaults.DRIFT_BASELINE_WEEKS
    min_baseline_weeks: int = defaults.DRIFT_MIN_BASELINE_WEEKS
    fdr_alpha: float = defaults.DRIFT_FDR_ALPHA
    bad_direction_weight: float = defaults.DRIFT_BAD_DIRECTION_WEIGHT
    two_week_share: float = defaults.DRIFT_TWO_WEEK_SHARE
    one_week_min_expected: float = defaults.DRIFT_ONE_WEEK_MIN_EXPECTED
    #: BH weights grow as (expected weekly count) ** this: 0 equal, 0.5 square root, 1 linear.
    bh_weight_exponent: float = defaults.DRIFT_BH_WEIGHT_EXPONENT
    source_alpha: float = defaults.DRIFT_SOURCE_ALPHA
    source_min_psi: float = defaults.DRIFT_SOURCE_MIN_PSI
    adjust_dispersion: bool = True


#: The settings from themewatch.defaults (a frozen value, safe as a default argument).
DEFAULT_CONFIG = DriftConfig()


@dataclass
class ThemeDrift:
    """Per-cell, per-week results; every array has the input's shape."""

    tested: np.ndarray  # bool: enough baseline and posts this week
    share: np.ndarray
    baseline_x: np.ndarray
    baseline_n: np.ndarray
    baseline_weeks: np.ndarray  # earlier weeks with posts inside the window
    baseline_share: np.ndarray
    dispersion: np.ndarray
    statistic: np.ndarray  # standardised difference (z) of the deciding test's window
    p_week: np.ndarray  # one-sided mid-p, this week, bad direction
    p_two_weeks: np.ndarray  # one-sided mid-p, this week and the one before, bad direction
    p_good: np.ndarray  # one-sided mid-p, this week, good direction
    p_value: np.ndarray  # the cell's weighted-Bonferroni combination of the three
    bh_weight: np.ndarray
    q_value: np.ndarray
    flag: np.ndarray
    window: np.ndarray  # weeks in the deciding test's window (1 or 2)
    direction: np.ndarray  # +1 up, -1 down


def _dispersion(x: np.ndarray, n: np.ndarray, groups: np.ndarray, window: int) -> np.ndarray:
    """Pearson dispersion of each group's cells over each week's baseline window (>= 1).

    Only applied where significant at DISPERSION_ALPHA, so binomial data keep factor 1.
    In groups of four or more cells the cell contributing most is left out, so that one
    theme's real step change inside the window does not widen every theme's test.
    """
    bx = trailing_sums(x, window, gap=1)
    bn = trailing_sums(n, window, gap=1)
    p0 = np.divide(bx, bn, out=np.zeros_like(bx), where=bn > 0)
    weeks = x.shape[-1]
    chi2_sum = np.zeros(x.shape[:-2] + (len(np.unique(groups)), weeks))
    dof = np.zeros_like(chi2_sum)
    group_index = np.searchsorted(np.unique(groups), groups)
    for t in range(weeks):
        lo = max(t - window, 0)
        if t - lo < 2:
            continue
        xs, ns = x[..., lo:t], n[..., lo:t]
        p = p0[..., t : t + 1]
        var = ns * p * (1 - p)
        contrib = np.divide((xs - ns * p) ** 2, var, out=np.zeros(xs.shape), where=var > 0)
        usable = (p[..., 0] > 0) & (p[..., 0] < 1)
        cell_chi2 = contrib.sum(axis=-1) * usable
        cell_dof = ((ns > 0).sum(axis=-1) - 1).clip(min=0) * usable
        for g in range(chi2_sum.shape[-2]):
            members = group_index == g
            chi2_g, dof_g = cell_chi2[..., members], cell_dof[..., members]
            chi2_sum[..., g, t] = chi2_g.sum(axis=-1)
            dof[..., g, t] = dof_g.sum(axis=-1)
            if members.sum() >= 4:
                top = np.argmax(chi2_g, axis=-1)[..., None]
                chi2_sum[..., g, t] -= np.take_along_axis(chi2_g, top, axis=-1)[..., 0]
                dof[..., g, t] -= np.take_along_axis(dof_g, top, axis=-1)[..., 0]
    phi = np.divide(chi2_sum, dof, out=np.ones_like(chi2_sum), where=dof > 0)
    significant = (dof > 0) & (stats.chi2.sf(chi2_sum, np.maximum(dof, 1)) < DISPERSION_ALPHA)
    phi = np.where(significant & (phi > 1), phi, 1.0)
    return phi[..., group_index, :]


@dataclass
class _WindowTest:
    """One window's counts against its own baseline, and its one-sided mid-p values."""

    x: np.ndarray
    n: np.ndarray
    bx: np.ndarray
    bn: np.ndarray
    bweeks: np.ndarray
    p_up: np.ndarray
    p_down: np.ndarray
    z: np.ndarray


def _window_counts(values: np.ndarray, weeks: int, config: DriftConfig) -> tuple[np.ndarray, np.ndarray]:
    """Sums over the window of ``weeks`` weeks ending with each week, and over its baseline."""
    return trailing_sums(values, weeks), trailing_sums(values, config.baseline_weeks, gap=weeks)


def _window_test(
    x: np.ndarray, n: np.ndarray, phi: np.ndarray, weeks: int, config: DriftConfig, needed: np.ndarray
) -> _WindowTest:
    """The window's test; p-values only where ``needed`` (1 elsewhere: exact tails are costly)."""
    wx, bx = _window_counts(x, weeks, config)
    wn, bn = _window_counts(n, weeks, config)
    bweeks = _window_counts((n > 0).astype(np.int64), weeks, config)[1].astype(np.int64)
    # Rao-Scott: divide counts by the design effect; phi == 1 leaves them exact integers.
    ex, en = np.rint(wx / phi).astype(np.int64), np.maximum(np.rint(wn / phi).astype(np.int64), 1)
    ebx, ebn = np.rint(bx / phi).astype(np.int64), np.rint(bn / phi).astype(np.int64)
    needed = needed & (bn > 0)
    p_up, p_down = np.ones(x.shape), np.ones(x.shape)
    p_up[needed], p_down[needed] = midp_fisher(np.minimum(ex, en)[needed], en[needed], ebx[needed], ebn[needed])
    share = np.divide(wx, wn, out=np.zeros(wx.shape), where=wn > 0)
    p0 = np.divide(bx, bn, out=np.zeros(wx.shape), where=bn > 0)
    pooled = np.divide(wx + bx, wn + bn, out=np.zeros(wx.shape), where=(wn + bn) > 0)
    inv = np.divide(1.0, wn, out=np.zeros(wx.shape), where=wn > 0) + np.divide(
        1.0, bn, out=np.zeros(wx.shape), where=bn > 0
    )
    se = np.sqrt(phi * pooled * (1 - pooled) * inv)
    z = np.divide(share - p0, se, out=np.zeros(wx.shape), where=se > 0)
    return _WindowTest(wx, wn, bx, bn, bweeks, p_up, p_down, z)


def _bh_weights(expected: np.ndarray, tested: np.ndarray, groups: np.ndarray, exponent: float) -> np.ndarray:
    """Each source's tested cells of a week share weight equal to their number, in proportion
    to (expected weekly count, floored at 1) ** exponent."""
    raw = np.maximum(expected, 1.0) ** exponent
    raw = np.where(tested, raw, 0.0)
    weights = np.zeros(raw.shape)
    for g in np.unique(groups):
        members = groups == g
        part = raw[..., members, :]
        count = tested[..., members, :].sum(axis=-2, keepdims=True)
        total = part.sum(axis=-2, keepdims=True)
        weights[..., members, :] = np.divide(part * count, total, out=np.zeros(part.shape), where=total > 0)
    return weights


def theme_drift(
    x: np.ndarray,
    n: np.ndarray,
    groups: np.ndarray | None = None,
    config: DriftConfig = DEFAULT_CONFIG,
    bad_direction: np.ndarray | None = None,
) -> ThemeDrift:
    """Test every cell-week against its baseline; see the module docstring.

    ``groups`` gives each cell's source (dispersion estimate, budget per source); default:
    one group. ``bad_direction`` is +1 for a cell whose rise is bad news, -1 for a fall.
    """
    x = np.asarray(x, dtype=np.int64)
    n = np.asarray(n, dtype=np.int64)
    if x.shape != n.shape or x.ndim < 2:
        raise ValueError("x and n must have the same shape (..., cells, weeks)")
    if np.any(x > n) or np.any(x < 0):
        raise ValueError("counts must satisfy 0 <= x <= n")
    cells = x.shape[-2]
    groups = np.zeros(cells, dtype=np.int64) if groups is None else np.asarray(groups)
    bad = (np.ones(cells) if bad_direction is None else np.asarray(bad_direction))[:, None]

    phi = (_dispersion(x, n, groups, config.baseline_weeks) if config.adjust_dispersion
           else np.ones(x.shape))
    bx, bn = (_window_counts(v, 1, config)[1] for v in (x, n))
    bweeks = _window_counts((n > 0).astype(np.int64), 1, config)[1].astype(np.int64)
    tested = (n > 0) & (bn > 0) & (bweeks >= config.min_baseline_weeks)
    p0 = np.divide(bx, bn, out=np.zeros(x.shape), where=bn > 0)
    expected = p0 * bn / np.maximum(bweeks, 1)
    w_bad = config.bad_direction_weight
    w_pair = np.where(expected < config.one_week_min_expected, w_bad * config.two_week_share, 0.0)

    week = _window_test(x, n, phi, 1, config, tested)
    pair = _window_test(x, n, phi, 2, config, tested & (w_pair > 0))
    pair_tested = tested & (w_pair > 0) & (pair.bweeks >= config.min_baseline_weeks)
    p_week = np.where(bad > 0, week.p_up, week.p_down)
    p_pair = np.where(pair_tested, np.where(bad > 0, pair.p_up, pair.p_down), 1.0)
    p_good = np.where(bad > 0, week.p_down, week.p_up)
    w_week = w_bad - w_pair
    candidates = np.stack([
        np.divide(p_week, w_week, out=np.full(x.shape, np.inf), where=w_week > 0),
        np.divide(p_pair, w_pair, out=np.full(x.shape, np.inf), where=w_pair > 0),
        p_good / (1 - w_bad) if w_bad < 1 else np.full(x.shape, np.inf),
    ])
    deciding = np.argmin(candidates, axis=0)
    p_value = np.minimum(1.0, np.take_along_axis(candidates, deciding[None], axis=0)[0])
    p_value = np.where(tested, p_value, np.nan)

    weights = _bh_weights(expected, tested, groups, config.bh_weight_exponent)
    q_value = weighted_benjamini_hochberg(p_value, tested, weights)
    flag = tested & (q_value < config.fdr_alpha)

    direction = np.where(deciding == 2, -bad, bad) * np.ones(x.shape)
    statistic = np.where(deciding == 1, pair.z, week.z)
    unflagged_direction = np.where(statistic >= 0, 1, -1)
    return ThemeDrift(
        tested=tested,
        share=np.divide(x, n, out=np.zeros(x.shape), where=n > 0),
        baseline_x=week.bx,
        baseline_n=week.bn,
        baseline_weeks=week.bweeks,
        baseline_share=p0,
        dispersion=phi,
        statistic=np.where(tested, statistic, 0.0),
        p_week=np.where(tested, p_week, np.nan),
        p_two_weeks=np.where(pair_tested, p_pair, np.nan),
        p_good=np.where(tested, p_good, np.nan),
        p_value=p_value,
        bh_weight=weights,
        q_value=q_value,
        flag=flag,
        window=np.where(deciding == 1, 2, 1),
        direction=np.where(flag, direction, unflagged_direction).astype(np.int64),
    )


def benjamini_hochberg(p: np.ndarray, tested: np.ndarray) -> np.ndarray:
    """Unweighted BH q-values over the cells axis (second to last) for each week."""
    return weighted_benjamini_hochberg(p, tested)


@dataclass
class SourceDrift:
    """Per source and week (arrays shaped (sources, weeks))."""

    tested: np.ndarray
    baseline_weeks: np.ndarray
    jsd: np.ndarray
    psi: np.ndarray
    p_value: np.ndarray
    q_value: np.ndarray
    flag: np.ndarray
    top_bin: np.ndarray  # index of the bin contributing most to the PSI


def population_stability_index(actual: np.ndarray, expected: np.ndarray) -> float:
    """PSI = sum (a - e) ln(a / e) over bins of two distributions (pseudo-counted, no zeros)."""
    a = actual / actual.sum()
    e = expected / expected.sum()
    return float(np.sum((a - e) * np.log(a / e)))


def source_drift(mix: np.ndarray, config: DriftConfig = DEFAULT_CONFIG) -> SourceDrift:
    """Distribution-level drift of each source's theme mix.

    ``mix`` is shaped (sources, weeks, bins): theme mentions per theme, plus one bin of
    posts without a theme.
    """
    mix = np.asarray(mix, dtype=np.float64)
    sources, weeks, _bins = mix.shape
    window = config.baseline_weeks
    totals = mix.sum(axis=-1)
    baseline = np.moveaxis(trailing_sums(np.moveaxis(mix, 1, -1), window, gap=1), -1, 1)
    bweeks = trailing_sums((totals > 0).astype(np.int64), window, gap=1).astype(np.int64)
    tested = (totals > 0) & (bweeks >= config.min_baseline_weeks)
    jsd = np.full((sources, weeks), np.nan)
    psi = np.full((sources, weeks), np.nan)
    p_value = np.full((sources, weeks), np.nan)
    top_bin = np.full((sources, weeks), -1)
    for s, t in zip(*np.nonzero(tested)):
        now, base = mix[s, t], baseline[s, t]
        used = (now + base) > 0
        a, e = now[used] + MIX_PSEUDO_COUNT, base[used] + MIX_PSEUDO_COUNT
        jsd[s, t] = jensenshannon(a, e, base=2) ** 2
        psi[s, t] = population_stability_index(a, e)
        contributions = (a / a.sum() - e / e.sum()) * np.log((a / a.sum()) / (e / e.sum()))
        top_bin[s, t] = np.flatnonzero(used)[int(np.argmax(contributions))]
        if used.sum() >= 2:
            table = np.vstack([now[used], base[used]])
            p_value[s, t] = stats.chi2_contingency(
                table + (table.sum(axis=0) == 0), lambda_="log-likelihood", correction=False
            ).pvalue
    q_value = benjamini_hochberg(p_value[None, ...], tested[None, ...])[0] if tested.any() else p_value
    flag = tested & (q_value < config.source_alpha) & (psi >= config.source_min_psi)
    return SourceDrift(tested, bweeks, jsd, psi, p_value, q_value, np.nan_to_num(flag, nan=0).astype(bool), top_bin)
