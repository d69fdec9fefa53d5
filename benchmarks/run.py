"""Run every benchmark script in turn; their printed tables are what the README quotes.

    .venv/bin/python benchmarks/run.py            # full runs (about 10 minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --quick    # smaller runs, for a look
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

SCRIPTS: list[tuple[str, list[str], list[str]]] = [
    # (script, full-run arguments, quick-run arguments)
    ("bench_tagging.py", [], ["--posts", "1000", "--repeat", "2"]),
    ("bench_theme_model.py", [], ["--posts", "1000", "--repeat", "2"]),
    ("bench_warehouse.py", [], ["--docs", "400000", "--load-docs", "20000", "--repeat", "3"]),
    ("drift_power.py", [], ["--trials", "200", "--source-years", "200", "--corpora", "10", "--no-tradeoff"]),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller runs")
    args = parser.parse_args()
    failed = []
    for script, full, quick in SCRIPTS:
        command = [sys.executable, str(HERE / script), *(quick if args.quick else full)]
        print(f"\n### {script} {' '.join(command[2:])}\n", flush=True)
        started = time.monotonic()
        if subprocess.run(command, check=False).returncode != 0:
            failed.append(script)
        print(f"\n({script}: {time.monotonic() - started:.0f} s)", flush=True)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
