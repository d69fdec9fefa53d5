"""Drift statistics: has a theme's share of a source's posts moved beyond normal variation?

Pure functions over count arrays (no database), shared by ``warehouse.trends`` and the
seeded simulation in ``benchmarks/drift_power.py``. Arrays are shaped ``(..., cells,
weeks)``: ``x`` posts carrying the theme, ``n`` all posts of the cell's source that week;
leading dimensions (simulation trials) are carried through.

Per cell and week, against the previous ``baseline_weeks`` weeks pooled:

1. Fisher's exact test of the two proportions (scipy.stats; one-sided p-values both ways,
   two-sided p = twice the smaller). It accounts for both volumes, so a small week cannot
   alarm on a handful of posts. When the source's weekly shares vary more than binomial
   sampling explains (Pearson dispersion over its baseline weeks and themes, significant at
   1%), counts are divided by that dispersion factor first (the Rao-Scott adjustment for
   clustered binary data).
2. Benjamini-Hochberg (``scipy.stats.false_discovery_control``) across all tested cells of
   the week; ``q < fdr_alpha`` flags.
3. A one-sided CUSUM of the standardised weekly differences in the theme's bad direction,
   so that a sustained rise at low volume flags although no single week is conclusive.

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

#: Significance at which baseline weeks count as over-dispersed.
DISPERSION_ALPHA = 0.01
#: Pseudo-count added to every bin of a theme mix before JSD and PSI (empty bins are common).
MIX_PSEUDO_COUNT = 0.5


@dataclass(frozen=True)
class DriftConfig:
    baseline_weeks: int = defaults.DRIFT_BASELINE_WEEKS
    min_baseline_weeks: int = defaults.DRIFT_MIN_BASELINE_WEEKS
    fdr_alpha: float = defaults.DRIFT_FDR_ALPHA
    cusum_k: float = defaults.DRIFT_CUSUM_K
    cusum_h: float = defaults.DRIFT_CUSUM_H
    source_alpha: float = defaults.DRIFT_SOURCE_ALPHA
    source_min_psi: float = defaults.DRIFT_SOURCE_MIN_PSI
    adjust_dispersion: bool = True
    #: Share of each cell's significance budget spent on the bad direction (up for complaint
    #: themes, down for praise); 0.5 is an ordinary two-sided test.
    bad_direction_weight: float = defaults.DRIFT_BAD_DIRECTION_WEIGHT


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
    statistic: np.ndarray  # standardised difference (z), dispersion-adjusted
    p_up: np.ndarray
    p_down: np.ndarray
    p_value: np.ndarray
    q_value: np.ndarray
    test_flag: np.ndarray
    cusum: np.ndarray  # one-sided CUSUM in the cell's bad direction
    cusum_flag: np.ndarray
    flag: np.ndarray
    direction: np.ndarray  # +1 up, -1 down


def _window_sums(values: np.ndarray, window: int) -> np.ndarray:
    """Sum over the ``window`` weeks before each week (not including it), along the last axis."""
    cumulative = np.cumsum(values, axis=-1, dtype=np.float64)
    padded = np.concatenate([np.zeros(values.shape[:-1] + (1,)), cumulative], axis=-1)
    weeks = values.shape[-1]
    end = np.arange(weeks)  # exclusive end: the current week
    start = np.maximum(end - window, 0)
    return padded[..., end] - padded[..., start]


def _dispersion(x: np.ndarray, n: np.ndarray, groups: np.ndarray, window: int) -> np.ndarray:
    """Pearson dispersion of each group's cells over each week's baseline window (>= 1).

    Only applied where significant at DISPERSION_ALPHA, so binomial data keep factor 1.
    In groups of four or more cells the cell contributing most is left out, so that one
    theme's real step change inside the window does not widen every theme's test.
    """
    bx = _window_sums(x, window)
    bn = _window_sums(n, window)
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


def _fisher_one_sided(x, n, bx, bn):
    """Fisher's exact test of x/n against bx/bn, one-sided both ways (as scipy.stats.fisher_exact).

    Conditioned on the margins, x is hypergeometric: population n + bn, x + bx successes,
    n draws; this is fisher_exact's own computation, vectorised. The tail on the side x
    falls is computed exactly; the other is 1 - that tail + P(X = x) (it is near 1).
    """
    population = n + bn
    successes = x + bx
    left = x * population < successes * n  # x below its expectation
    small = np.empty(np.shape(x), dtype=np.float64)
    small[left] = stats.hypergeom.cdf(x[left], population[left], successes[left], n[left])
    right = ~left
    small[right] = stats.hypergeom.sf(x[right] - 1, population[right], successes[right], n[right])
    point = np.exp(stats.hypergeom.logpmf(x, population, successes, n))
    other = 1.0 - small + point
    p_up = np.where(left, other, small)
    p_down = np.where(left, small, other)
    return np.clip(p_up, 0.0, 1.0), np.clip(p_down, 0.0, 1.0)


def benjamini_hochberg(p: np.ndarray, tested: np.ndarray) -> np.ndarray:
    """BH q-values over the cells axis (second to last) for each week, tested cells only."""
    q = np.full(p.shape, np.nan)
    moved = np.moveaxis(p, -2, -1).reshape(-1, p.shape[-2])
    mask = np.moveaxis(tested, -2, -1).reshape(-1, p.shape[-2])
    out = np.full(moved.shape, np.nan)
    full = mask.all(axis=1)
    if full.any():
        out[full] = stats.false_discovery_control(moved[full], axis=1)
    for row in np.flatnonzero(~full & mask.any(axis=1)):
        out[row, mask[row]] = stats.false_discovery_control(moved[row, mask[row]])
    q = np.moveaxis(out.reshape(np.moveaxis(p, -2, -1).shape), -1, -2)
    return q


def theme_drift(
    x: np.ndarray,
    n: np.ndarray,
    groups: np.ndarray | None = None,
    config: DriftConfig = DEFAULT_CONFIG,
    bad_direction: np.ndarray | None = None,
) -> ThemeDrift:
    """Test every cell-week against its baseline; see the module docstring.

    ``groups`` gives each cell's source (for the dispersion estimate); default: one group.
    """
    x = np.asarray(x, dtype=np.int64)
    n = np.asarray(n, dtype=np.int64)
    if x.shape != n.shape or x.ndim < 2:
        raise ValueError("x and n must have the same shape (..., cells, weeks)")
    if np.any(x > n) or np.any(x < 0):
        raise ValueError("counts must satisfy 0 <= x <= n")
    cells = x.shape[-2]
    groups = np.zeros(cells, dtype=np.int64) if groups is None else np.asarray(groups)
    window = config.baseline_weeks

    bx = _window_sums(x, window)
    bn = _window_sums(n, window)
    bweeks = _window_sums((n > 0).astype(np.int64), window).astype(np.int64)
    tested = (n > 0) & (bn > 0) & (bweeks >= config.min_baseline_weeks)
    share = np.divide(x, n, out=np.zeros(x.shape), where=n > 0)
    p0 = np.divide(bx, bn, out=np.zeros(x.shape), where=bn > 0)

    phi = _dispersion(x, n, groups, window) if config.adjust_dispersion else np.ones(x.shape)
    # Rao-Scott: divide counts by the design effect; phi == 1 leaves them exact integers.
    ex, en = np.rint(x / phi).astype(np.int64), np.rint(n / phi).astype(np.int64)
    ebx, ebn = np.rint(bx / phi).astype(np.int64), np.rint(bn / phi).astype(np.int64)
    en = np.maximum(en, 1)
    ex = np.minimum(ex, en)
    p_up, p_down = _fisher_one_sided(ex, en, ebx, ebn)
    bad = np.ones(cells) if bad_direction is None else np.asarray(bad_direction)
    w = config.bad_direction_weight
    p_bad = np.where(bad[:, None] > 0, p_up, p_down)
    p_good = np.where(bad[:, None] > 0, p_down, p_up)
    # Bonferroni over the two one-sided tests, weighted towards the bad direction.
    with np.errstate(divide="ignore"):
        p_value = np.minimum(1.0, np.minimum(p_bad / w, p_good / (1 - w)))
    p_up = np.where(tested, p_up, np.nan)
    p_down = np.where(tested, p_down, np.nan)
    p_value = np.where(tested, p_value, np.nan)

    pooled = np.divide(x + bx, n + bn, out=np.zeros(x.shape), where=(n + bn) > 0)
    inv = np.divide(1.0, n, out=np.zeros(x.shape), where=n > 0) + np.divide(
        1.0, bn, out=np.zeros(x.shape), where=bn > 0
    )
    se = np.sqrt(phi * pooled * (1 - pooled) * inv)
    statistic = np.divide(share - p0, se, out=np.zeros(x.shape), where=se > 0)
    statistic = np.where(tested, statistic, 0.0)

    q_value = benjamini_hochberg(p_value, tested)
    test_flag = tested & (q_value < config.fdr_alpha)

    # One-sided CUSUM in each cell's bad direction: sustained deterioration at low volume.
    signed = statistic * bad[:, None]
    cusum = np.zeros(x.shape)
    cusum_flag = np.zeros(x.shape, dtype=bool)
    level = np.zeros(x.shape[:-1])
    for t in range(x.shape[-1]):
        live = tested[..., t]
        level = np.where(live, np.maximum(0.0, level + signed[..., t] - config.cusum_k), level)
        cusum[..., t] = level
        cusum_flag[..., t] = live & (level > config.cusum_h)
        # Restart after a signal, so one episode is not re-counted week after week.
        level = np.where(cusum_flag[..., t], 0.0, level)

    direction = np.where(statistic >= 0, 1, -1)
    direction = np.where(cusum_flag, bad[:, None] * np.ones_like(direction), direction)
    return ThemeDrift(
        tested=tested,
        share=share,
        baseline_x=bx,
        baseline_n=bn,
        baseline_weeks=bweeks,
        baseline_share=p0,
        dispersion=phi,
        statistic=statistic,
        p_up=p_up,
        p_down=p_down,
        p_value=p_value,
        q_value=q_value,
        test_flag=test_flag,
        cusum=cusum,
        cusum_flag=cusum_flag,
        flag=test_flag | cusum_flag,
        direction=direction,
    )


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
    baseline = np.moveaxis(_window_sums(np.moveaxis(mix, 1, -1), window), -1, 1)
    bweeks = _window_sums((totals > 0).astype(np.int64), window).astype(np.int64)
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
