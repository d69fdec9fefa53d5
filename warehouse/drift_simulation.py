"""Seeded corpora with known truth for the drift statistics (tests and benchmarks/drift_power.py).

Every post carries each theme independently with the theme's share (a multi-label
tagger); weekly volumes are Poisson around the stated volume. A source has the twelve
themes of taxonomy v1 with shares like a complaint forum's, so Benjamini-Hochberg works
over a realistic number of cells and the false-alarm budget is spent over a realistic mix
of common and rare themes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from warehouse.drift import DEFAULT_CONFIG, DriftConfig, ThemeDrift, source_drift, theme_drift

#: Baseline shares of the twelve themes; the first (queue_wait-like, 10%) is the one that rises.
THEME_SHARES = np.array([0.10, 0.06, 0.05, 0.04, 0.04, 0.03, 0.03, 0.03, 0.02, 0.02, 0.01, 0.08])
#: Tested weeks before a change starts, so the CUSUM runs in its stationary regime.
WARMUP_WEEKS = 4


def _counts(rng: np.random.Generator, volume: float, shares: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Counts for shares shaped (..., cells, weeks): n per (..., weeks) shared by all cells."""
    lead = shares.shape[:-2] + shares.shape[-1:]
    n_source = rng.poisson(volume, size=lead)
    n = np.broadcast_to(n_source[..., None, :], shares.shape)
    x = rng.binomial(n, shares)
    return x, np.ascontiguousarray(n)


def detection_trials(
    *,
    volume: float,
    rise: float,
    trials: int,
    seed: int,
    config: DriftConfig = DEFAULT_CONFIG,
    extra_weeks: int = 1,
    theme: int = 0,
) -> ThemeDrift:
    """``trials`` independent sources; ``theme`` (default 0, the 10% one) rises by ``rise``
    (0.5 = +50%) from week ``change_week``."""
    rng = np.random.default_rng(seed)
    weeks = config.baseline_weeks + WARMUP_WEEKS + 1 + extra_weeks
    shares = np.broadcast_to(THEME_SHARES[None, :, None], (trials, len(THEME_SHARES), weeks)).copy()
    shares[:, theme, change_week(config) :] *= 1 + rise
    x, n = _counts(rng, volume, shares)
    return theme_drift(x, n, config=config)


def change_week(config: DriftConfig = DEFAULT_CONFIG) -> int:
    """The first week of the rise: after a full baseline and WARMUP_WEEKS tested weeks."""
    return config.baseline_weeks + WARMUP_WEEKS


def detected(result: ThemeDrift, config: DriftConfig, within: int, theme: int = 0) -> np.ndarray:
    """Per trial: ``theme`` flagged upwards in the change week or the ``within - 1`` after it.

    ``within=1`` is first-week detection: a flag one week late does not count.
    """
    start = change_week(config)
    window = slice(start, start + within)
    up = result.flag[:, theme, window] & (result.direction[:, theme, window] > 0)
    return up.any(axis=-1)


def episodes(flag: np.ndarray) -> np.ndarray:
    """Flags that start an episode: the cell was not flagged the week before.

    A theme flagged in consecutive weeks is one alert to a quality team that reads the
    report weekly; the benchmark counts false alarms both ways, cells and episodes.
    """
    before = np.zeros_like(flag)
    before[..., 1:] = flag[..., :-1]
    return flag & ~before


def _stationary_counts(rng: np.random.Generator, volume: float, trials: int, total_weeks: int
                       ) -> tuple[np.ndarray, np.ndarray]:
    """Counts (trials, themes, weeks) with every theme at its THEME_SHARES share throughout."""
    shares = np.broadcast_to(THEME_SHARES[None, :, None], (trials, len(THEME_SHARES), total_weeks))
    return _counts(rng, volume, shares)


def stationary_flags(
    *, volume: float, trials: int, seed: int, weeks: int = 52, config: DriftConfig = DEFAULT_CONFIG
) -> np.ndarray:
    """Flags (trials, cells, weeks) over ``weeks`` weeks after a full baseline, nothing changing."""
    rng = np.random.default_rng(seed)
    x, n = _stationary_counts(rng, volume, trials, config.baseline_weeks + weeks)
    return theme_drift(x, n, config=config).flag[..., config.baseline_weeks :]


def stationary_false_alarms(
    *, volume: float, trials: int, seed: int, weeks: int = 52, config: DriftConfig = DEFAULT_CONFIG
) -> np.ndarray:
    """Flagged cells per source (every theme, both directions) over ``weeks`` stationary weeks."""
    flags = stationary_flags(volume=volume, trials=trials, seed=seed, weeks=weeks, config=config)
    return flags.sum(axis=(-2, -1))


def stationary_source_alarms(
    *, volume: float, trials: int, seed: int, weeks: int = 52, config: DriftConfig = DEFAULT_CONFIG
) -> np.ndarray:
    """Source-level (theme mix) flags per source over ``weeks`` stationary weeks."""
    rng = np.random.default_rng(seed)
    x, n = _stationary_counts(rng, volume, trials, config.baseline_weeks + weeks)
    untagged = rng.binomial(n[:, 0, :], np.prod(1 - THEME_SHARES))
    alarms = np.zeros(trials, dtype=np.int64)
    for trial in range(trials):
        mix = np.concatenate([x[trial].T, untagged[trial][:, None]], axis=1)[None].astype(float)
        alarms[trial] = source_drift(mix, config).flag[0, config.baseline_weeks :].sum()
    return alarms


@dataclass
class InjectedCorpus:
    x: np.ndarray  # (sources, cells, weeks)
    n: np.ndarray
    groups: np.ndarray  # source index of each cell
    truth: np.ndarray  # +1 / -1 where a flag in that direction is right, 0 where none is


def injected_corpus(
    *,
    sources: int,
    weeks: int,
    changes_per_source: int,
    seed: int,
    volumes: tuple[float, ...] = (300.0, 1000.0, 3000.0),
    rises: tuple[float, ...] = (0.5, 1.0, -0.4),
    config: DriftConfig = DEFAULT_CONFIG,
) -> InjectedCorpus:
    """Sources with step changes in random themes; a flag is right while the baseline still
    holds weeks from before the change (the change week and ``baseline_weeks - 1`` after)."""
    rng = np.random.default_rng(seed)
    cells = len(THEME_SHARES)
    total = config.baseline_weeks + weeks
    shares = np.broadcast_to(THEME_SHARES[None, :, None], (sources, cells, total)).copy()
    truth = np.zeros((sources, cells, total), dtype=np.int64)
    for s in range(sources):
        themes = rng.choice(cells, size=changes_per_source, replace=False)
        for theme in themes:
            start = int(rng.integers(config.baseline_weeks + 2, total - 2))
            rise = float(rng.choice(rises))
            shares[s, theme, start:] *= 1 + rise
            truth[s, theme, start : start + config.baseline_weeks] = 1 if rise > 0 else -1
    n_source = np.stack([rng.poisson(rng.choice(volumes), size=total) for _ in range(sources)])
    n = np.broadcast_to(n_source[:, None, :], shares.shape).copy()
    x = rng.binomial(n, shares)
    flat = (sources * cells, total)
    groups = np.repeat(np.arange(sources), cells)
    return InjectedCorpus(x.reshape(flat), n.reshape(flat), groups, truth.reshape(flat))


def false_discovery_proportion(corpus: InjectedCorpus, config: DriftConfig = DEFAULT_CONFIG) -> tuple[int, int]:
    """(false flags, all flags) over the tested weeks of an injected corpus."""
    result = theme_drift(corpus.x, corpus.n, groups=corpus.groups, config=config)
    flags = result.flag
    right = flags & (corpus.truth == result.direction)
    return int((flags & ~right).sum()), int(flags.sum())
