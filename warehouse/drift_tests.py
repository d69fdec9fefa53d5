"""Statistical building blocks of the drift check: window sums, the mid-p Fisher test and
weighted Benjamini-Hochberg. Pure numpy/scipy over arrays shaped ``(..., cells, weeks)``.
"""

from __future__ import annotations

import numpy as np
from scipy import stats


def trailing_sums(values: np.ndarray, length: int, gap: int = 0) -> np.ndarray:
    """For each week t, the sum over the ``length`` weeks ending ``gap`` weeks before t.

    ``gap=0`` includes week t itself (weeks t-length+1 .. t); the baseline of a window of
    ``w`` weeks is ``trailing_sums(values, k, gap=w)`` (the k weeks before the window).
    Weeks before the first one count as empty.
    """
    cumulative = np.cumsum(values, axis=-1, dtype=np.float64)
    padded = np.concatenate([np.zeros(values.shape[:-1] + (1,)), cumulative], axis=-1)
    weeks = values.shape[-1]
    end = np.clip(np.arange(weeks) + 1 - gap, 0, weeks)  # exclusive end, in padded positions
    start = np.clip(end - length, 0, weeks)
    return padded[..., end] - padded[..., start]


def midp_fisher(x: np.ndarray, n: np.ndarray, bx: np.ndarray, bn: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One-sided mid-p values of Fisher's exact test of x/n against bx/bn: (p_up, p_down).

    Conditioned on the margins, x is hypergeometric (population n + bn, x + bx successes,
    n draws), exactly as in ``scipy.stats.fisher_exact``. The mid-p value counts half the
    probability of the observed table: ``fisher_exact(..., alternative="greater") -
    0.5 * P(X = x)``. Fisher's own p-value is conservative for discrete counts (a rare theme
    can never reach its nominal size, and the unused budget is lost to every theme); the
    mid-p value's size is close to nominal on average, which is what a false-alarm budget
    spread over many cells needs. The two mid-p values add up to 1, so only the tail on the
    side x falls is computed (exactly, keeping tiny p-values precise; it is also the
    cheaper one, and the exact tails dominate the simulations' run time).
    """
    x, n, bx, bn = np.broadcast_arrays(*(np.asarray(a, dtype=np.int64) for a in (x, n, bx, bn)))
    population = n + bn
    successes = x + bx
    point = np.exp(stats.hypergeom.logpmf(x, population, successes, n))
    up = x * population > successes * n  # x above its expectation: the upper tail is small
    small = np.empty(x.shape, dtype=np.float64)
    small[up] = stats.hypergeom.sf(x[up], population[up], successes[up], n[up])
    down = ~up
    small[down] = stats.hypergeom.cdf(x[down] - 1, population[down], successes[down], n[down])
    small = np.clip(small + 0.5 * point, 0.0, 1.0)
    return np.where(up, small, 1.0 - small), np.where(up, 1.0 - small, small)


def weighted_benjamini_hochberg(p: np.ndarray, tested: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    """BH q-values over the cells axis (second to last) for each week, tested cells only.

    With ``weights`` (mean 1 over the tested cells of a week) this is the weighted BH of
    Genovese, Roeder and Wasserman (2006): ``p / weight`` goes into the ordinary procedure
    (``scipy.stats.false_discovery_control``), so a cell with weight 2 gets twice the
    significance budget and the false-discovery rate is still controlled at q.
    """
    if weights is not None:
        with np.errstate(divide="ignore", invalid="ignore"):
            p = np.where(weights > 0, np.minimum(1.0, p / weights), 1.0)
    moved = np.moveaxis(p, -2, -1).reshape(-1, p.shape[-2])
    mask = np.moveaxis(tested, -2, -1).reshape(-1, p.shape[-2])
    out = np.full(moved.shape, np.nan)
    full = mask.all(axis=1)
    if full.any():
        out[full] = stats.false_discovery_control(moved[full], axis=1)
    for row in np.flatnonzero(~full & mask.any(axis=1)):
        out[row, mask[row]] = stats.false_discovery_control(moved[row, mask[row]])
    return np.moveaxis(out.reshape(np.moveaxis(p, -2, -1).shape), -1, -2)
