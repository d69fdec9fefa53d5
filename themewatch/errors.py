"""Errors meant for people: each carries a one-line message naming what is wrong and where.

The CLI prints ``error: <message>`` for these and exits non-zero; anything
else is a bug and is allowed to show its traceback.
"""


class ThemewatchError(Exception):
    """Base of every error whose message is shown to the user as is."""


class ConfigError(ThemewatchError):
    """A configuration file is missing, unreadable or invalid."""


class InputError(ThemewatchError):
    """An input file or record the user gave us is malformed."""


class FetchError(ThemewatchError):
    """A URL could not be fetched (after retries), or was refused by policy."""


class WarehouseError(ThemewatchError):
    """The warehouse is missing, locked by another writer, or a query was refused."""
