"""Detection power and false alarms of the drift statistics, from seeded simulations.

    .venv/bin/python benchmarks/drift_power.py               # defaults: about 4 min on 2 cores
    .venv/bin/python benchmarks/drift_power.py --trials 300  # a quick look

Prints Markdown tables:

1. Power: a theme whose baseline share is 10% rises by +25/+50/+100% in one source with
   the twelve themes of taxonomy v1; share of trials flagged (upwards, on that theme) in
   the week the rise starts, within two weeks, and within four weeks, by weekly volume.
2. False alarms over 52 stationary weeks per source (all twelve themes, both directions).
3. False-discovery proportion in corpora with injected changes (several sources, BH over
   all their cells, rises and falls of random themes at mixed volumes).
4. The trade-off: the same for other FDR levels and baseline lengths, so a quality team
   can see what each setting buys and costs.

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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from warehouse import drift_simulation as sim
from warehouse.drift import DriftConfig

VOLUMES = (100, 300, 1000, 3000)
RISES = (0.25, 0.5, 1.0)
CHUNK = 250  # trials per task: bounded memory, work spread over processes


def _power(args: tuple) -> tuple:
    volume, rise, trials, seed, config = args
    result = sim.detection_trials(volume=volume, rise=rise, trials=trials, seed=seed, config=config,
                                  extra_weeks=3)
    return tuple(int(sim.detected(result, config, within=w).sum()) for w in (1, 2, 4))


def _alarms(args: tuple) -> np.ndarray:
    volume, trials, seed, config = args
    return sim.stationary_false_alarms(volume=volume, trials=trials, seed=seed, config=config)


def _source_alarms(args: tuple) -> np.ndarray:
    volume, trials, seed, config = args
    return sim.stationary_source_alarms(volume=volume, trials=trials, seed=seed, config=config)


def _fdp(args: tuple) -> tuple[int, int]:
    seed, config = args
    corpus = sim.injected_corpus(sources=4, weeks=52, changes_per_source=3, seed=seed, config=config)
    return sim.false_discovery_proportion(corpus, config)


def _chunks(trials: int) -> list[int]:
    return [min(CHUNK, trials - start) for start in range(0, trials, CHUNK)]


def power_table(pool: ProcessPoolExecutor, config: DriftConfig, trials: int, seed: int) -> dict:
    table = {}
    for volume in VOLUMES:
        for rise in RISES:
            tasks = [(volume, rise, n, seed + 7919 * i + volume + int(rise * 100), config)
                     for i, n in enumerate(_chunks(trials))]
            hits = np.sum(list(pool.map(_power, tasks)), axis=0)
            table[(volume, rise)] = hits / trials
    return table


def false_alarms(pool: ProcessPoolExecutor, config: DriftConfig, source_years: int, seed: int) -> dict:
    out = {}
    for volume in VOLUMES:
        tasks = [(volume, n, seed + 104729 * i + volume, config) for i, n in enumerate(_chunks(source_years))]
        alarms = np.concatenate(list(pool.map(_alarms, tasks)))
        source_level = np.concatenate(list(pool.map(_source_alarms, tasks)))
        out[volume] = {"mean": float(alarms.mean()), "p_more_than_one": float((alarms > 1).mean()),
                       "max": int(alarms.max()), "source_level_mean": float(source_level.mean())}
    return out


def false_discovery(pool: ProcessPoolExecutor, config: DriftConfig, corpora: int, seed: int) -> dict:
    results = list(pool.map(_fdp, [(seed + i, config) for i in range(corpora)]))
    false, total = np.sum(results, axis=0)
    return {"false": int(false), "flags": int(total), "proportion": float(false / max(total, 1))}


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=1000, help="trials per power cell")
    parser.add_argument("--source-years", type=int, default=1000, help="stationary source-years per volume")
    parser.add_argument("--corpora", type=int, default=40, help="injected corpora (4 sources x 52 weeks each)")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--no-tradeoff", action="store_true", help="skip the table of other settings")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    config = DriftConfig()
    clock = time.monotonic()
    report: dict = {"config": asdict(config), "trials": args.trials, "source_years": args.source_years}
    with ProcessPoolExecutor(max_workers=2) as pool:
        power = power_table(pool, config, args.trials, args.seed)
        alarms = false_alarms(pool, config, args.source_years, args.seed)
        fdp = false_discovery(pool, config, args.corpora, args.seed)
        print(f"## Drift detection power (defaults: baseline {config.baseline_weeks} weeks, BH q={config.fdr_alpha}, "
              f"bad-direction weight {config.bad_direction_weight}, CUSUM k={config.cusum_k} h={config.cusum_h}; "
              f"{args.trials} seeded trials per cell)\n")
        print("Share of trials in which a theme with a 10% baseline share is flagged upwards, "
              "in the week the rise starts / within 2 weeks / within 4 weeks:\n")
        print("| posts/week/source | " + " | ".join(f"+{int(r * 100)}%" for r in RISES) + " |")
        print("|---|" + "---|" * len(RISES))
        for volume in VOLUMES:
            cells = [" / ".join(_pct(v) for v in power[(volume, rise)]) for rise in RISES]
            print(f"| {volume:,} | " + " | ".join(cells) + " |")
        print("\n## False alarms over 52 stationary weeks (12 themes per source, both directions)\n")
        print("| posts/week/source | alarms per source-year | P(more than one) | most in one source-year "
              "| source_drift flags per source-year |")
        print("|---|---|---|---|---|")
        for volume in VOLUMES:
            a = alarms[volume]
            print(f"| {volume:,} | {a['mean']:.2f} | {_pct(a['p_more_than_one'])} | {a['max']} "
                  f"| {a['source_level_mean']:.2f} |")
        print(f"\n## False-discovery proportion with injected changes\n\n{fdp['false']} false of "
              f"{fdp['flags']} flags = {_pct(fdp['proportion'])} ({args.corpora} corpora x 4 sources x 52 weeks, "
              "3 step changes per source: +50%, +100% or -40% at 300, 1,000 or 3,000 posts/week)")
        report.update(power={f"{v}:{r}": list(p) for (v, r), p in power.items()}, false_alarms=alarms,
                      false_discovery=fdp)
        if not args.no_tradeoff:
            print("\n## Trade-off (A: +50% at 1,000/week flagged in its first week; B: +50% at 300/week "
                  "within 2 weeks; FA: false alarms per source-year at 1,000 and 300/week)\n")
            print("| setting | A | B | FA 1,000 | FA 300 |")
            print("|---|---|---|---|---|")
            small = max(args.trials // 2, 250)
            settings = [("defaults", config),
                        ("BH q=0.05", replace(config, fdr_alpha=0.05)),
                        ("BH q=0.01", replace(config, fdr_alpha=0.01)),
                        ("two-sided (weight 0.5)", replace(config, bad_direction_weight=0.5)),
                        ("baseline 13 weeks", replace(config, baseline_weeks=13)),
                        ("baseline 26 weeks", replace(config, baseline_weeks=26))]
            tradeoff = {}
            for name, setting in settings:
                a = sum(pool.map(_power, [(1000, 0.5, n, args.seed + i, setting) for i, n in enumerate(_chunks(small))]),
                        start=np.zeros(3)) / small
                b = sum(pool.map(_power, [(300, 0.5, n, args.seed + 50 + i, setting) for i, n in enumerate(_chunks(small))]),
                        start=np.zeros(3)) / small
                fa = {v: float(np.concatenate(list(pool.map(_alarms, [(v, n, args.seed + 99 + i, setting)
                                                                      for i, n in enumerate(_chunks(small))]))).mean())
                      for v in (1000, 300)}
                tradeoff[name] = {"A": a[0], "B": b[1], "FA1000": fa[1000], "FA300": fa[300]}
                print(f"| {name} | {_pct(a[0])} | {_pct(b[1])} | {fa[1000]:.2f} | {fa[300]:.2f} |")
            report["tradeoff"] = tradeoff
    print(f"\n({time.monotonic() - clock:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=float))
    return 0


if __name__ == "__main__":
    sys.exit(main())
