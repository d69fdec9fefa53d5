"""Resolved settings: defaults from ``themewatch.defaults`` overridden by the environment.

``THEMEWATCH_DATA_DIR``, ``THEMEWATCH_CONFIG_DIR`` and ``THEMEWATCH_AUTHOR_SALT``
are the ones a deployment usually sets; tests point the first two at temporary
folders.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from themewatch import __version__, defaults
from themewatch.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(f"THEMEWATCH_{name}")
    return Path(value).expanduser().resolve() if value else default


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    config_dir: Path

    @property
    def warehouse_path(self) -> Path:
        return self.data_dir / defaults.WAREHOUSE_FILE

    @property
    def lake_dir(self) -> Path:
        return self.data_dir / defaults.LAKE_DIR

    @property
    def reports_dir(self) -> Path:
        return self.data_dir / defaults.REPORTS_DIR

    @property
    def airflow_home(self) -> Path:
        return self.data_dir / "airflow"

    @property
    def sources_path(self) -> Path:
        return _env_path("SOURCES_FILE", self.config_dir / defaults.SOURCES_FILE)

    @property
    def taxonomy_path(self) -> Path:
        return _env_path("TAXONOMY_FILE", self.config_dir / defaults.TAXONOMY_FILE)

    @property
    def state_dir(self) -> Path:
        """Per-source crawl state (high-water marks, seen posts, HTTP cache)."""
        return self.data_dir / "state"

    @property
    def warehouse_write_mode(self) -> str:
        """"swap" (copy, write, rename into place) or "in_place" (one transaction in the file)."""
        mode = os.environ.get("THEMEWATCH_WAREHOUSE_WRITE_MODE") or defaults.WAREHOUSE_WRITE_MODE
        if mode not in ("swap", "in_place"):
            raise ConfigError(
                f"THEMEWATCH_WAREHOUSE_WRITE_MODE must be 'swap' or 'in_place', got {mode!r}"
            )
        return mode

    @property
    def user_agent(self) -> str:
        return os.environ.get("THEMEWATCH_USER_AGENT") or defaults.USER_AGENT.format(
            version=__version__
        )

    @property
    def report_lang(self) -> str:
        return os.environ.get("THEMEWATCH_REPORT_LANG") or defaults.REPORT_LANG

    @property
    def report_email_to(self) -> list[str]:
        """Report e-mail recipients; an empty list means the report is not e-mailed."""
        value = os.environ.get("THEMEWATCH_REPORT_EMAIL_TO", defaults.REPORT_EMAIL_TO)
        return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]

    @property
    def report_smtp_conn_id(self) -> str:
        return os.environ.get("THEMEWATCH_REPORT_SMTP_CONN_ID") or defaults.REPORT_SMTP_CONN_ID

    def author_salt(self) -> str:
        """The salt for author hashes: from the environment, else a private file made once."""
        salt = os.environ.get("THEMEWATCH_AUTHOR_SALT")
        if salt:
            return salt
        path = self.data_dir / defaults.AUTHOR_SALT_FILE
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
        salt = path.read_text().strip()
        if not salt:
            raise ConfigError(f"{path}: author salt file is empty; delete it to make a new one")
        return salt


def get_settings() -> Settings:
    """Settings for this process, read from the environment on every call (cheap)."""
    return Settings(
        data_dir=_env_path("DATA_DIR", PROJECT_ROOT / defaults.DATA_DIR),
        config_dir=_env_path("CONFIG_DIR", PROJECT_ROOT / defaults.CONFIG_DIR),
    )
