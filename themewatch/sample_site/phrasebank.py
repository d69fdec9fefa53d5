"""Phrase banks: the invented texts the sample site is built from, one file per language.

A bank file (``phrases/<lang>.txt``) is a list of sections: a line ``[section.name]``
starts a section, every other non-blank line that does not start with ``#`` is one
entry. Entries may hold ``{slot}`` placeholders, filled from the ``[slots.<slot>]``
sections or from values the caller passes (``{user}``, ``{me}``). An entry starting with
``~`` fits written posts only. Plain text rather than YAML so the prose needs no quoting.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from random import Random

PHRASE_DIR = Path(__file__).with_name("phrases")
LANGS: tuple[str, ...] = ("nb", "sv", "en")
PII_SLOTS = frozenset({"phone", "email"})
WRITTEN_ONLY = "~"
_SLOT = re.compile(r"\{(\w+)\}")


class Bank:
    """The sections of one language's phrase file."""

    def __init__(self, lang: str, sections: Mapping[str, tuple[str, ...]]) -> None:
        self.lang = lang
        self._sections = dict(sections)

    def has(self, key: str) -> bool:
        return bool(self._sections.get(key))

    def entries(self, key: str) -> tuple[str, ...]:
        try:
            return self._sections[key]
        except KeyError:
            raise KeyError(f"phrase bank {self.lang!r} has no section [{key}]") from None

    def pick(self, key: str, rng: Random, avoid: set[str] | None = None, *,
             spoken: bool = False) -> str:
        """A random entry of ``key``, preferring ones not in ``avoid`` (which it updates).

        ``spoken`` leaves out entries marked ``~`` (written-only, e.g. "anyone here?").
        """
        options = self.entries(key)
        if spoken:
            options = tuple(o for o in options if not o.startswith(WRITTEN_ONLY)) or options
        if avoid is not None:
            fresh = [o for o in options if o not in avoid]
            choice = rng.choice(fresh or list(options))
            avoid.add(choice)
            return choice
        return rng.choice(options)

    def fill(self, template: str, rng: Random, given: Mapping[str, str] | None = None) -> tuple[str, bool]:
        """Fill ``{slot}`` placeholders; return the text and whether it holds personal data."""
        given = given or {}
        pii = False

        def repl(match: re.Match[str]) -> str:
            nonlocal pii
            name = match.group(1)
            if name in PII_SLOTS:
                pii = True
            if name in given:
                return given[name]
            return rng.choice(self.entries(f"slots.{name}"))

        return _SLOT.sub(repl, template.removeprefix(WRITTEN_ONLY)), pii

    def say(self, key: str, rng: Random, avoid: set[str] | None = None,
            given: Mapping[str, str] | None = None, *, spoken: bool = False) -> tuple[str, bool]:
        """Pick an entry of ``key`` and fill it."""
        return self.fill(self.pick(key, rng, avoid, spoken=spoken), rng, given)


def parse_bank(lang: str, text: str) -> Bank:
    """Parse the section format described in the module docstring."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1].strip(), [])
            continue
        if current is None:
            raise ValueError(f"{lang}.txt line {number}: entry before any [section]")
        current.append(line)
    return Bank(lang, {k: tuple(v) for k, v in sections.items()})


@cache
def load_bank(lang: str) -> Bank:
    """The bank of ``lang`` (``nb``, ``sv`` or ``en``), read once per process."""
    if lang not in LANGS:
        raise ValueError(f"no phrase bank for language {lang!r}")
    return parse_bank(lang, (PHRASE_DIR / f"{lang}.txt").read_text(encoding="utf-8"))
