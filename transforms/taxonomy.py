"""The taxonomy as data: ``config/taxonomy.yaml`` loaded, validated and versioned.

The file is what a quality team edits; nothing about themes lives in code.
Validation happens on load and names the theme and cue at fault (an unknown
theme id, an empty or malformed cue, a pattern that does not compile, an
undeclared language). The version recorded on every tag is
``"<version>+<first 8 hex of sha256 of the file>"``: any edit to the file,
even to a comment, gives a new version, so the lake is retagged.

Cue syntax (see docs/tagging.md): ``stems`` are single words matched on their
Snowball stem or an inflected form (``frekk``), or with a wildcard on the
surface word (``kø*`` begins with, ``*kø`` compound head with an inflection,
``*kø*`` contains, ``=svar`` this form only); ``phrases`` are two or more such items, adjacent unless
separated by ``~N`` (up to N tokens between) or ``...`` (anywhere later in the
clause), items may be alternatives ``(ringe|ringte|ringt)``; ``patterns`` are
regular expressions over the lowercased sentence; ``weak`` cues (any of those,
patterns written ``re:...``) count less, so one alone does not tag.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from themewatch.config import read_yaml
from themewatch.errors import ConfigError
from transforms.text import STEMMER_NAMES
from transforms.theme_model import ModelFileError, ThemeModel, load_model

THEME_ID = re.compile(r"^[a-z][a-z0-9_]*$")
REQUIRED_LABELS = ("nb", "sv", "en")
#: Separates the rules' version from the model's digest in a taxonomy version.
MODEL_MARK = "+m"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LanguageSpec(_Strict):
    stemmer: Literal["norwegian", "danish", "swedish", "english"]
    #: Languages whose cues also apply here (nynorsk uses the bokmål cues too).
    inherit: list[str] = Field(default_factory=list)
    #: Endings a cue word may carry beyond what the stemmer removes ("" = the word itself).
    inflections: list[str] = Field(default_factory=lambda: [""])


class NegationSpec(_Strict):
    #: Words that negate what follows in the clause (ikke, inte, not, aldri, ingen ...).
    negators: list[str]
    #: Words that, right after a negator, undo it ("ikke bare", "not only").
    not_negating_after: list[str] = Field(default_factory=list)
    #: Words saying something did happen after all (faktisk, actually): they cancel
    #: themes marked ``affirmable`` in their sentence.
    affirmers: list[str] = Field(default_factory=list)
    #: Words that start a new clause (men, but): negation does not reach across them.
    clause_breaks: list[str] = Field(default_factory=list)


class ModelSettings(_Strict):
    """The supervised layer (``transforms.theme_model``): on or off, and its weights file."""

    enabled: bool = False
    #: A file name in transforms/data/, or an absolute path.
    weights: str = Field("theme_model.json", min_length=1)


class TaggerSettings(_Strict):
    #: A theme is tagged when 1 - prod(1 - weight) over its cues reaches this.
    threshold: float = Field(0.5, gt=0, le=1)
    strong_weight: float = Field(0.8, gt=0, le=1)
    weak_weight: float = Field(0.3, gt=0, le=1)
    #: How many tokens before a cue a negator still negates it (within the clause).
    negation_window: int = Field(4, ge=0, le=20)
    #: Most tokens "..." may skip in a phrase.
    long_gap: int = Field(8, ge=1, le=40)
    #: Evidence kept per theme and document.
    max_evidence: int = Field(5, ge=1, le=50)
    #: The supervised layer after the rules; off unless the file turns it on.
    model: ModelSettings = Field(default_factory=ModelSettings)


class CueSet(_Strict):
    stems: list[str] = Field(default_factory=list)
    phrases: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    weak: list[str] = Field(default_factory=list)


class ThemeSpec(_Strict):
    id: str
    labels: dict[str, str]
    description: str
    #: Negators before a cue cancel it ("ikke frekk"). True for nearly every theme.
    negatable: bool = True
    #: An affirmer in the sentence cancels it ("de ringte faktisk tilbake").
    affirmable: bool = False
    #: Themes whose matches in the same sentence this theme's match cancels.
    suppresses: list[str] = Field(default_factory=list)
    cues: dict[str, CueSet]
    exclusions: dict[str, list[str]] = Field(default_factory=dict)

    @field_validator("id")
    @classmethod
    def _id_format(cls, value: str) -> str:
        if not THEME_ID.match(value):
            raise ValueError(f"theme id {value!r} must be lowercase letters, digits and _")
        return value


class TaxonomyFile(_Strict):
    version: int = Field(ge=1)
    settings: TaggerSettings = Field(default_factory=TaggerSettings)
    languages: dict[str, LanguageSpec]
    negation: dict[str, NegationSpec]
    themes: list[ThemeSpec] = Field(min_length=1)


@dataclass(frozen=True)
class Taxonomy:
    """A validated taxonomy file, its version string and, when switched on, its theme model.

    With the model on, the version is ``"<version>+<8 hex of the file>+m<8 hex of the weights>"``:
    retraining the model changes the version recorded on every tag.
    """

    spec: TaxonomyFile
    version: str
    path: Path | None = None
    model: ThemeModel | None = None

    @property
    def theme_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.spec.themes)

    def theme(self, theme_id: str) -> ThemeSpec:
        for theme in self.spec.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)

    def cue_languages(self, lang: str) -> list[str]:
        """The languages whose cues apply to text in ``lang`` (itself first, then inherited)."""
        order = [lang]
        for parent in self.spec.languages[lang].inherit:
            if parent not in order:
                order.append(parent)
        return order


def taxonomy_version(raw: bytes, declared: int, model: ThemeModel | None = None) -> str:
    digest = hashlib.sha256(raw.replace(b"\r\n", b"\n")).hexdigest()[:8]
    version = f"{declared}+{digest}"
    return f"{version}{MODEL_MARK}{model.digest}" if model is not None else version


def _load_theme_model(spec: TaxonomyFile, where: str) -> ThemeModel | None:
    """The switched-on model, checked against the taxonomy's themes; None when switched off."""
    settings = spec.settings.model
    if not settings.enabled:
        return None
    try:
        model = load_model(settings.weights)
    except ModelFileError as exc:
        raise ConfigError(f"{where}: settings.model.weights: {exc}") from None
    themes = tuple(t.id for t in spec.themes)
    if model.themes != themes:
        raise ConfigError(
            f"{where}: settings.model.weights: trained for themes {', '.join(model.themes)}, "
            f"the taxonomy has {', '.join(themes)}: retrain (python -m transforms.train_theme_model)"
        )
    return model


def _check_expression(expr: object, where: str, *, kind: str) -> None:
    """Validate one cue expression's syntax (the compiler re-parses it)."""
    from transforms.cues import CueSyntaxError, parse_expression

    if not isinstance(expr, str) or not expr.strip():
        raise CueSyntaxError("empty cue")
    try:
        parse_expression(expr, kind=kind)
    except CueSyntaxError:
        raise
    except re.error as exc:
        raise CueSyntaxError(f"bad pattern: {exc}") from None


def validate(spec: TaxonomyFile, path: str) -> None:
    """Cross-field checks pydantic cannot do; each error names the theme and the cue."""
    from transforms.cues import CueSyntaxError

    langs = set(spec.languages)
    for lang, lspec in spec.languages.items():
        if lang not in STEMMER_NAMES:
            raise ConfigError(f"{path}: languages.{lang}: unknown language (known: {', '.join(STEMMER_NAMES)})")
        for parent in lspec.inherit:
            if parent not in langs:
                raise ConfigError(f"{path}: languages.{lang}.inherit: unknown language {parent!r}")
    for lang in spec.negation:
        if lang not in langs:
            raise ConfigError(f"{path}: negation.{lang}: language not declared under languages")
    ids = [t.id for t in spec.themes]
    seen: set[str] = set()
    for theme in spec.themes:
        if theme.id in seen:
            raise ConfigError(f"{path}: theme {theme.id}: defined twice")
        seen.add(theme.id)
    for theme in spec.themes:
        missing = [lang for lang in REQUIRED_LABELS if not theme.labels.get(lang, "").strip()]
        if missing:
            raise ConfigError(f"{path}: theme {theme.id}: labels missing for {', '.join(missing)}")
        for other in theme.suppresses:
            if other not in ids:
                raise ConfigError(f"{path}: theme {theme.id}: suppresses unknown theme id {other!r}")
        for section, mapping in (("cues", theme.cues), ("exclusions", theme.exclusions)):
            for lang in mapping:
                if lang not in langs:
                    raise ConfigError(f"{path}: theme {theme.id}: {section}.{lang}: language not declared")
        for lang, cueset in theme.cues.items():
            for kind in ("stems", "phrases", "patterns", "weak"):
                for i, expr in enumerate(getattr(cueset, kind)):
                    try:
                        _check_expression(expr, "", kind=kind)
                    except CueSyntaxError as exc:
                        raise ConfigError(
                            f"{path}: theme {theme.id}: cues.{lang}.{kind}[{i}] {expr!r}: {exc}"
                        ) from None
        for lang, exprs in theme.exclusions.items():
            for i, expr in enumerate(exprs):
                try:
                    _check_expression(expr, "", kind="weak")
                except CueSyntaxError as exc:
                    raise ConfigError(
                        f"{path}: theme {theme.id}: exclusions.{lang}[{i}] {expr!r}: {exc}"
                    ) from None


def load_taxonomy(path: Path | str | None = None, *, with_model: bool = True) -> Taxonomy:
    """Load and validate the taxonomy (default: the configured ``taxonomy.yaml``).

    ``with_model=False`` ignores the model switch: the rules alone, as the model's training needs
    them (and before any weights file exists).
    """
    if path is None:
        from themewatch.settings import get_settings

        path = get_settings().taxonomy_path
    path = Path(path)
    data = read_yaml(path)
    return _build(data, path.read_bytes(), path=path, where=str(path), with_model=with_model)


def load_taxonomy_text(yaml_text: str, name: str = "<taxonomy text>") -> Taxonomy:
    """A taxonomy from YAML text (e.g. an old version's file from git), validated like a file.

    Its version is computed from the text exactly as from a file with that content, so
    re-tagging under an old taxonomy records the version that file had.
    """
    try:
        data = yaml.safe_load(yaml_text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{name}:{line}: invalid YAML: {problem}") from None
    return _build(data, yaml_text.encode("utf-8"), path=None, where=name)


def _build(data: object, raw: bytes, *, path: Path | None, where: str, with_model: bool = True) -> Taxonomy:
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: the taxonomy must be a mapping with version, languages, negation, themes")
    _reject_unknown_theme_keys(data, where)
    try:
        spec = TaxonomyFile.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{where}: {_describe(exc, data)}") from None
    validate(spec, where)
    model = _load_theme_model(spec, where) if with_model else None
    return Taxonomy(spec=spec, version=taxonomy_version(raw, spec.version, model), path=path, model=model)


def theme_label(theme: str, lang: str, taxonomy: Taxonomy | None = None) -> str:
    """A theme's label for reports in ``lang`` (English where that language has none).

    A theme id the taxonomy does not know is returned as is, so reports over old data
    still show something readable.
    """
    taxonomy = taxonomy or configured_taxonomy()
    try:
        labels = taxonomy.theme(theme).labels
    except KeyError:
        return theme
    return labels.get(lang) or labels.get("en") or theme


def configured_taxonomy() -> Taxonomy:
    """The configured taxonomy file, loaded once per change of the file (path and mtime)."""
    from themewatch.settings import get_settings

    path = get_settings().taxonomy_path
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        mtime = 0
    return _load_cached(str(path), mtime)


@lru_cache(maxsize=4)
def _load_cached(path: str, mtime_ns: int) -> Taxonomy:
    return load_taxonomy(path)


def _reject_unknown_theme_keys(data: dict, path: str) -> None:
    """Theme-level problems named by theme id rather than list index."""
    themes = data.get("themes")
    if not isinstance(themes, list):
        return
    for i, theme in enumerate(themes):
        if not isinstance(theme, dict):
            raise ConfigError(f"{path}: themes[{i}]: a theme must be a mapping")
        if not theme.get("id"):
            raise ConfigError(f"{path}: themes[{i}]: theme without an id")
        for lang, cueset in (theme.get("cues") or {}).items():
            if not isinstance(cueset, dict):
                raise ConfigError(f"{path}: theme {theme['id']}: cues.{lang}: must be a mapping")
            for kind, exprs in cueset.items():
                for j, expr in enumerate(exprs or []):
                    if expr is None or (isinstance(expr, str) and not expr.strip()):
                        raise ConfigError(f"{path}: theme {theme['id']}: cues.{lang}.{kind}[{j}]: empty cue")


def _describe(exc: ValidationError, data: dict) -> str:
    first = exc.errors()[0]
    loc = list(first["loc"])
    where = ""
    if len(loc) >= 2 and loc[0] == "themes" and isinstance(loc[1], int):
        try:
            theme_id = data["themes"][loc[1]].get("id", f"#{loc[1]}")
        except (IndexError, AttributeError, KeyError):
            theme_id = f"#{loc[1]}"
        where = f"theme {theme_id}: " + ".".join(str(p) for p in loc[2:])
    else:
        where = ".".join(str(p) for p in loc) or "(top level)"
    return f"{where}: {first['msg']}"


def dump_summary(taxonomy: Taxonomy) -> str:
    """A short YAML summary (theme ids, cue counts per language) for --help style output."""
    summary = {
        t.id: {lang: sum(len(getattr(c, k)) for k in ("stems", "phrases", "patterns", "weak"))
               for lang, c in t.cues.items()}
        for t in taxonomy.spec.themes
    }
    return yaml.safe_dump({"version": taxonomy.version, "themes": summary}, sort_keys=False)
