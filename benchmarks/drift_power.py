"""Detection power and false alarms of the drift statistics, from seeded simulations.

    .venv/bin/python benchmarks/drift_power.py               # defaults: ~35 min on 2 busy cores
    .venv/bin/python benchmarks/drift_power.py --trials 300 --source-years 300 --no-tradeoff

Prints Markdown tables:

1. Power: a theme whose baseline share is 10% rises by +25/+50/+100% in one source with
   the twelve themes of taxonomy v1; share of trials flagged (upwards, on that theme) in
   the week the rise starts, within two weeks, and within four weeks, by weekly volume.
   "In the week it starts" means exactly that: a flag one week later counts only from
   the second column on.
2. False alarms over 52 stationary weeks per source (all twelve themes, both directions):
   every flagged cell counts; the episode column counts a theme flagged in consecutive
   weeks once, as a quality team reading the weekly report would see it.
3. False-discovery proportion in corpora with injected changes (several sources, BH over
   all their cells, rises and falls of random themes at mixed volumes).
4. Bounds: what one test could reach at the per-test level the budget allows (normal
   approximation), with an 8-week, a 26-week and a perfectly known baseline.
5. The trade-off: other settings (BH weights, the two-week test, baseline length, FDR
   level) on the two targets, the false alarms and a rare theme's detection.
6. What the 300 posts/week target needs: within-two-weeks detection of +50% by volume
   and baseline length.

Every number comes from numpy's seeded generator: the same command prints the same table.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np
from scipy import stats

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from warehouse import drift_simulation as sim
from warehouse.drift import DriftConfig

VOLUMES = (100, 300, 1000, 3000)
RISES = (0.25, 0.5, 1.0)
WITHIN = (1, 2, 4)
CHUNK = 250  # trials per task: bounded memory, work spread over processes
RARE_THEME = 8  # a theme with a 2% baseline share


def _power(args: tuple) -> tuple:
    volume, rise, trials, seed, config, theme = args
    result = sim.detection_trials(volume=volume, rise=rise, trials=trials, seed=seed, config=config,
                                  extra_weeks=3, theme=theme)
    return tuple(int(sim.detected(result, config, within=w, theme=theme).sum()) for w in WITHIN)


def _alarms(args: tuple) -> tuple[np.ndarray, np.ndarray]:
    volume, trials, seed, config = args
    flags = sim.stationary_flags(volume=volume, trials=trials, seed=seed, config=config)
    return flags.sum(axis=(-2, -1)), sim.episodes(flags).sum(axis=(-2, -1))


def _source_alarms(args: tuple) -> np.ndarray:
    volume, trials, seed, config = args
    return sim.stationary_source_alarms(volume=volume, trials=trials, seed=seed, config=config)


def _fdp(args: tuple) -> tuple[int, int]:
    seed, config = args
    corpus = sim.injected_corpus(sources=4, weeks=52, changes_per_source=3, seed=seed, config=config)
    return sim.false_discovery_proportion(corpus, config)


def _chunks(trials: int) -> list[int]:
    return [min(CHUNK, trials - start) for start in range(0, trials, CHUNK)]


def detection(pool: ProcessPoolExecutor, config: DriftConfig, volume: int, rise: float, trials: int,
              seed: int, theme: int = 0) -> np.ndarray:
    """Share of trials detected within 1, 2 and 4 weeks."""
    tasks = [(volume, rise, n, seed + 7919 * i, config, theme) for i, n in enumerate(_chunks(trials))]
    return np.sum(list(pool.map(_power, tasks)), axis=0) / trials


def power_table(pool: ProcessPoolExecutor, config: DriftConfig, trials: int, seed: int) -> dict:
    return {(volume, rise): detection(pool, config, volume, rise, trials, seed + volume + int(rise * 100))
            for volume in VOLUMES for rise in RISES}


def _stationary_tasks(config: DriftConfig, volume: int, source_years: int, seed: int) -> list[tuple]:
    """Chunks of stationary source-years, each with its own seed (the same for theme and source flags)."""
    return [(volume, n, seed + 104729 * i + volume, config) for i, n in enumerate(_chunks(source_years))]


def stationary(pool: ProcessPoolExecutor, config: DriftConfig, volume: int, source_years: int,
               seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Flagged cells and alarm episodes per source-year."""
    cells, starts = zip(*pool.map(_alarms, _stationary_tasks(config, volume, source_years, seed)))
    return np.concatenate(cells), np.concatenate(starts)


def false_alarms(pool: ProcessPoolExecutor, config: DriftConfig, source_years: int, seed: int) -> dict:
    out = {}
    for volume in VOLUMES:
        cells, starts = stationary(pool, config, volume, source_years, seed)
        tasks = _stationary_tasks(config, volume, source_years, seed)
        source_level = np.concatenate(list(pool.map(_source_alarms, tasks)))
        out[volume] = {"mean": float(cells.mean()), "se": float(cells.std(ddof=1) / np.sqrt(len(cells))),
                       "p_more_than_one": float((cells > 1).mean()), "max": int(cells.max()),
                       "episodes_mean": float(starts.mean()), "source_level_mean": float(source_level.mean())}
    return out


def false_discovery(pool: ProcessPoolExecutor, config: DriftConfig, corpora: int, seed: int) -> dict:
    results = list(pool.map(_fdp, [(seed + i, config) for i in range(corpora)]))
    false, total = np.sum(results, axis=0)
    return {"false": int(false), "flags": int(total), "proportion": float(false / max(total, 1))}


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


def _print_power(config: DriftConfig, trials: int, power: dict) -> None:
    print(f"## Drift detection power (baseline {config.baseline_weeks} weeks, weighted BH q={config.fdr_alpha}; "
          f"{trials} seeded trials per cell)\n")
    print("Share of trials in which a theme with a 10% baseline share is flagged upwards, "
          "in the week the rise starts / within 2 weeks / within 4 weeks:\n")
    print("| posts/week/source | " + " | ".join(f"+{int(r * 100)}%" for r in RISES) + " |")
    print("|---|" + "---|" * len(RISES))
    for volume in VOLUMES:
        cells = [" / ".join(_pct(v) for v in power[(volume, rise)]) for rise in RISES]
        print(f"| {volume:,} | " + " | ".join(cells) + " |")


def _print_alarms(alarms: dict, source_years: int) -> None:
    print(f"\n## False alarms over 52 stationary weeks ({source_years} source-years per volume; "
          "12 themes per source, both directions)\n")
    print("| posts/week/source | flagged cells per source-year (± s.e.) | P(more than one) | most in one "
          "source-year | alarm episodes per source-year | source_drift flags per source-year |")
    print("|---|---|---|---|---|---|")
    for volume in VOLUMES:
        a = alarms[volume]
        print(f"| {volume:,} | {a['mean']:.2f} ± {a['se']:.2f} | {_pct(a['p_more_than_one'])} | {a['max']} "
              f"| {a['episodes_mean']:.2f} | {a['source_level_mean']:.2f} |")


def tradeoff_settings(config: DriftConfig) -> list[tuple[str, DriftConfig]]:
    return [("defaults", config),
            ("equal BH weights", replace(config, bh_weight_exponent=0.0)),
            ("BH weights by square root of expected count", replace(config, bh_weight_exponent=0.5)),
            ("no two-week test", replace(config, two_week_share=0.0)),
            ("rises only (bad-direction weight 1)", replace(config, bad_direction_weight=1.0)),
            ("BH q=0.01", replace(config, fdr_alpha=0.01)),
            ("BH q=0.05", replace(config, fdr_alpha=0.05)),
            ("baseline 26 weeks", replace(config, baseline_weeks=26))]


def tradeoff(pool: ProcessPoolExecutor, config: DriftConfig, trials: int, seed: int,
             only: list[str] | None = None) -> dict:
    print("\n## Trade-off (A: +50% at 1,000/week flagged in its first week; B: +50% at 300/week "
          "within 2 weeks; FA: flagged cells per source-year at 3,000 and 300/week; rare: a 2% theme "
          f"doubling at 1,000/week, first week / within 2; {trials} trials or source-years each)\n")
    print("| setting | A | B | FA 3,000 | FA 300 | rare |")
    print("|---|---|---|---|---|---|")
    out = {}
    for name, setting in tradeoff_settings(config):
        if only and name not in only:
            continue
        a = detection(pool, setting, 1000, 0.5, trials, seed + 1)[0]
        b = detection(pool, setting, 300, 0.5, trials, seed + 2)[1]
        rare = detection(pool, setting, 1000, 1.0, trials, seed + 3, theme=RARE_THEME)
        fa = {v: float(stationary(pool, setting, v, trials, seed + 4)[0].mean()) for v in (3000, 300)}
        out[name] = {"A": a, "B": b, "FA3000": fa[3000], "FA300": fa[300], "rare": list(rare[:2])}
        print(f"| {name} | {_pct(a)} | {_pct(b)} | {fa[3000]:.2f} | {fa[300]:.2f} "
              f"| {_pct(rare[0])} / {_pct(rare[1])} |")
    return out


def what_300_needs(pool: ProcessPoolExecutor, config: DriftConfig, trials: int, seed: int) -> dict:
    print("\n## What +50% within two weeks needs (share detected within 2 weeks, "
          f"{trials} trials each; the target is 80%)\n")
    lengths = (8, 26, 52)
    print("| posts/week/source | " + " | ".join(f"baseline {k} weeks" for k in lengths) + " |")
    print("|---|" + "---|" * len(lengths))
    out = {}
    for volume in (300, 400, 500):
        row = [detection(pool, replace(config, baseline_weeks=k), volume, 0.5, trials, seed + volume + k)[1]
               for k in lengths]
        out[volume] = dict(zip(lengths, row))
        print(f"| {volume:,} | " + " | ".join(_pct(v) for v in row) + " |")
    return out


def normal_power(volume: float, window: int, baseline_weeks: int | None, alpha: float,
                 p0: float = 0.10, rise: float = 0.5) -> float:
    """Normal-approximation power of a one-sided two-proportion test at level ``alpha``:
    ``window`` weeks of a risen share against ``baseline_weeks`` weeks of the old one
    (None: the old share known exactly). Pooled variance under H0, the true one under H1."""
    n, p1 = volume * window, p0 * (1 + rise)
    z = stats.norm.isf(alpha)
    if baseline_weeks is None:
        threshold, spread = z * np.sqrt(p0 * (1 - p0) / n), np.sqrt(p1 * (1 - p1) / n)
    else:
        m = volume * baseline_weeks
        pooled = (n * p1 + m * p0) / (n + m)
        threshold = z * np.sqrt(pooled * (1 - pooled) * (1 / n + 1 / m))
        spread = np.sqrt(p1 * (1 - p1) / n + p0 * (1 - p0) / m)
    return float(stats.norm.sf((threshold - (p1 - p0)) / spread))


def bounds(config: DriftConfig) -> dict:
    """What a perfect allocation of the budget could reach, without simulation."""
    equal = config.fdr_alpha / len(sim.THEME_SHARES)
    weights = sim.THEME_SHARES ** config.bh_weight_exponent
    ours = equal * weights[0] / weights.mean() * config.bad_direction_weight
    print("\n## Bounds (normal approximation, one test of a 10% theme rising +50%)\n")
    print(f"Per-test level: equal shares of q={config.fdr_alpha} over 12 themes = {equal:.5f}; the 10% "
          f"theme's share under the default weights = {ours:.5f} (half of it per window where the "
          "two-week test is used).\n")
    print("| test | level | baseline 8 weeks | baseline 26 weeks | baseline known |")
    print("|---|---|---|---|---|")
    out = {}
    rows = [("1,000/week, this week", 1000, 1, equal), ("1,000/week, this week", 1000, 1, ours),
            ("300/week, two weeks pooled", 300, 2, equal), ("300/week, two weeks pooled", 300, 2, ours),
            ("300/week, two weeks pooled", 300, 2, ours / 2)]
    for name, volume, window, alpha in rows:
        row = [normal_power(volume, window, k, alpha) for k in (8, 26, None)]
        out[f"{name} @ {alpha:.5f}"] = row
        print(f"| {name} | {alpha:.5f} | " + " | ".join(_pct(v) for v in row) + " |")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=3000, help="trials per power cell")
    parser.add_argument("--source-years", type=int, default=2000, help="stationary source-years per volume")
    parser.add_argument("--corpora", type=int, default=40, help="injected corpora (4 sources x 52 weeks each)")
    parser.add_argument("--tradeoff-trials", type=int, default=1000, help="trials per trade-off figure")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--no-tradeoff", action="store_true", help="skip the trade-off and feasibility tables")
    parser.add_argument("--tradeoff-only", metavar="SETTING", action="append",
                        help="print only this row of the trade-off table (repeatable; same seeds as the full run)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    config = DriftConfig()
    clock = time.monotonic()
    report: dict = {"config": asdict(config), "trials": args.trials, "source_years": args.source_years,
                    "seed": args.seed}
    with ProcessPoolExecutor(max_workers=2) as pool:
        if args.tradeoff_only:
            report["tradeoff"] = tradeoff(pool, config, args.tradeoff_trials, args.seed, args.tradeoff_only)
            return 0
        power = power_table(pool, config, args.trials, args.seed)
        _print_power(config, args.trials, power)
        alarms = false_alarms(pool, config, args.source_years, args.seed)
        _print_alarms(alarms, args.source_years)
        fdp = false_discovery(pool, config, args.corpora, args.seed)
        print(f"\n## False-discovery proportion with injected changes\n\n{fdp['false']} false of "
              f"{fdp['flags']} flags = {_pct(fdp['proportion'])} ({args.corpora} corpora x 4 sources x 52 weeks, "
              "3 step changes per source: +50%, +100% or -40% at 300, 1,000 or 3,000 posts/week)")
        report.update(power={f"{v}:{r}": list(p) for (v, r), p in power.items()}, false_alarms=alarms,
                      false_discovery=fdp, bounds=bounds(config))
        if not args.no_tradeoff:
            report["tradeoff"] = tradeoff(pool, config, args.tradeoff_trials, args.seed)
            report["what_300_needs"] = what_300_needs(pool, config, args.tradeoff_trials, args.seed)
    print(f"\n({time.monotonic() - clock:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=float))
    return 0


if __name__ == "__main__":
    sys.exit(main())
