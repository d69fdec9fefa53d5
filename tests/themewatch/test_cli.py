"""The console script itself: help, one-line errors, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

THEMEWATCH = Path(sys.executable).with_name("themewatch")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(THEMEWATCH), *args], capture_output=True, text=True, timeout=120, check=False)


def test_help_lists_the_commands() -> None:
    done = _run("--help")
    assert done.returncode == 0
    assert "demo" in done.stdout


def test_bad_option_value_is_one_line_without_traceback() -> None:
    done = _run("demo", "--today", "not-a-date")
    assert done.returncode == 2
    assert done.stderr.strip() == "error: --today: not a date (YYYY-MM-DD): 'not-a-date'"
    assert "Traceback" not in done.stderr


def test_unknown_command_is_refused() -> None:
    done = _run("fly")
    assert done.returncode == 2
    assert done.stderr.strip() == "error: No such command 'fly'."
