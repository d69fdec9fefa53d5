"""Loading YAML configuration into pydantic models, with errors that name the bad key."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from themewatch.errors import ConfigError

Model = TypeVar("Model", bound=BaseModel)

_ENV_REFERENCE = re.compile(r"\$\{([A-Z0-9_]+)\}")


def _key_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _expand_env(value: Any, where: str, path: Path) -> Any:
    """Replace ``${NAME}`` in strings with environment variables (unset is an error)."""
    if isinstance(value, str):
        def substitute(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in os.environ:
                raise ConfigError(f"{path}: {where}: environment variable {name} is not set")
            return os.environ[name]
        return _ENV_REFERENCE.sub(substitute, value)
    if isinstance(value, list):
        return [_expand_env(v, f"{where}[{i}]", path) for i, v in enumerate(value)]
    if isinstance(value, dict):
        return {k: _expand_env(v, f"{where}.{k}" if where else str(k), path) for k, v in value.items()}
    return value


def read_yaml(path: Path) -> Any:
    """Parse a YAML file, turning I/O and syntax problems into one-line ConfigErrors."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{path}:{line}: invalid YAML: {problem}") from None


def load_model(path: Path, model: type[Model], *, expand_env: bool = False) -> Model:
    """Read ``path`` and validate it as ``model``; the first problem is reported by key."""
    data = read_yaml(path)
    if expand_env:
        data = _expand_env(data, "", path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        count = len(exc.errors())
        more = f" (and {count - 1} more problem{'s' if count > 2 else ''})" if count > 1 else ""
        raise ConfigError(f"{path}: {_key_path(first['loc'])}: {first['msg']}{more}") from None
