"""The ``themewatch`` command: thin shells over the functions the DAGs call.

Each module in this package defines its commands and a ``register(app)``
function; they are found by name, so adding a command never touches this file.
Heavy imports (Airflow, DuckDB, NLTK) happen inside the commands, keeping
``themewatch --help`` and ``themewatch tag`` quick to start.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import click
import typer

from themewatch.errors import ThemewatchError

# typer 0.2x parses with its own vendored copy of click (typer._click), whose
# usage errors are not click.ClickException: catch both kinds.
_USAGE_ERRORS: tuple[type[Exception], ...] = (click.ClickException,)
_ABORTS: tuple[type[BaseException], ...] = (click.exceptions.Abort, typer.Abort)
try:
    from typer._click.exceptions import ClickException as _TyperClickException
except ImportError:  # older typer: click itself
    pass
else:
    _USAGE_ERRORS += (_TyperClickException,)

app = typer.Typer(
    name="themewatch",
    help="Mine what people write about customer service: complaint themes, weekly trends and drift.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _group() -> None:
    """themewatch: complaint themes, weekly trends and drift from customer-service talk."""


def _register_commands() -> None:
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module.name.startswith("_"):
            continue
        importlib.import_module(f"{__name__}.{module.name}").register(app)


_register_commands()


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script: one-line errors, never a traceback for bad input."""
    try:
        result = app(args=argv, standalone_mode=False)
    except ThemewatchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except _ABORTS:
        print("aborted", file=sys.stderr)
        return 130
    except _USAGE_ERRORS as exc:
        message = exc.format_message()
        if message:  # empty when no arguments were given and the help was shown
            print(f"error: {message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
