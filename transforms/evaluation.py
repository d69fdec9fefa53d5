"""Scoring the tagger (and language ID) against labelled units.

A gold file is JSON Lines, one unit per line: ``{"id", "lang", "text", "themes": [...]}``
(other keys such as "kind", "why" or "source" are ignored). ``evaluate`` tags
every unit (language detected per unit, as the pipeline does, unless
``lang_source="gold"``) and counts, per language and overall, for every theme:
true positives, false positives, false negatives; precision, recall and F1.

- micro-F1 pools the counts of all themes;
- macro-F1 is the mean F1 over the themes that occur in that slice of the gold
  set (support > 0); a theme nobody labelled but the tagger predicted still
  costs micro-F1 through its false positives.

Language ID is scored on units of at least ``LANGID_MIN_WORDS`` words:
accuracy and a confusion matrix (rows gold, columns predicted).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from themewatch.errors import InputError

LANGID_MIN_WORDS = 5
ALL = "all"


@dataclass(frozen=True)
class GoldUnit:
    id: str
    lang: str
    text: str
    themes: frozenset[str]


def load_gold(path: Path | str, known_themes: Iterable[str] | None = None) -> list[GoldUnit]:
    """Read a gold file; a malformed line is an InputError naming the file and line."""
    path = Path(path)
    known = set(known_themes) if known_themes is not None else None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    units: list[GoldUnit] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise InputError(f"{where}: not a JSON object")
        for key, kind in (("id", (str, int)), ("lang", str), ("text", str), ("themes", list)):
            if not isinstance(row.get(key), kind):
                raise InputError(f"{where}: missing or invalid {key!r}")
        themes = row["themes"]
        if not all(isinstance(t, str) for t in themes):
            raise InputError(f"{where}: themes must be strings")
        if known is not None:
            unknown = sorted(set(themes) - known)
            if unknown:
                raise InputError(f"{where}: unknown theme id {', '.join(unknown)}")
        unit_id = str(row["id"])
        if unit_id in seen:
            raise InputError(f"{where}: duplicate id {unit_id}")
        seen.add(unit_id)
        units.append(GoldUnit(unit_id, row["lang"], row["text"], frozenset(themes)))
    return units


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class SliceScore:
    """Scores of one language (or all units)."""

    n_units: int = 0
    themes: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))

    @property
    def micro(self) -> Counts:
        total = Counts()
        for c in self.themes.values():
            total.tp += c.tp
            total.fp += c.fp
            total.fn += c.fn
        return total

    @property
    def macro_f1(self) -> float:
        supported = [c.f1 for c in self.themes.values() if c.support > 0]
        return sum(supported) / len(supported) if supported else 0.0


@dataclass
class Evaluation:
    slices: dict[str, SliceScore]
    predictions: dict[str, tuple[str, frozenset[str]]]  # unit id -> (lang used, themes)
    langid: LangIdScore | None = None


@dataclass
class LangIdScore:
    n: int
    correct: int
    confusion: dict[str, Counter]

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 0.0


def score(units: list[GoldUnit], predicted: dict[str, frozenset[str]], theme_ids: Iterable[str]) -> dict[str, SliceScore]:
    theme_ids = list(theme_ids)
    slices: dict[str, SliceScore] = defaultdict(SliceScore)
    for unit in units:
        got = predicted[unit.id]
        for key in (unit.lang, ALL):
            sl = slices[key]
            sl.n_units += 1
            for theme in theme_ids:
                counts = sl.themes[theme]
                gold, pred = theme in unit.themes, theme in got
                counts.tp += gold and pred
                counts.fp += pred and not gold
                counts.fn += gold and not pred
    return dict(slices)


def evaluate(units: list[GoldUnit], *, tagger=None, lang_source: str = "detect") -> Evaluation:
    """Tag every unit and score the result (language detected per unit unless lang_source='gold')."""
    from transforms.language import default_identifier
    from transforms.pipeline import prepare_text
    from transforms.tagger import get_tagger

    tagger = tagger or get_tagger()
    identifier = default_identifier()
    predictions: dict[str, tuple[str, frozenset[str]]] = {}
    for unit in units:
        text = prepare_text(unit.text)
        lang = unit.lang if lang_source == "gold" else identifier.identify(text).lang
        result = tagger.tag(text, lang)
        predictions[unit.id] = (lang, frozenset(result.theme_ids))
    slices = score(units, {k: v[1] for k, v in predictions.items()}, tagger.theme_ids)
    return Evaluation(slices=slices, predictions=predictions)


def evaluate_langid(units: list[GoldUnit], min_words: int = LANGID_MIN_WORDS) -> LangIdScore:
    """Language ID accuracy (no hint) on units of at least ``min_words`` words."""
    from transforms.language import default_identifier
    from transforms.text import count_words

    identifier = default_identifier()
    confusion: dict[str, Counter] = defaultdict(Counter)
    n = correct = 0
    for unit in units:
        if count_words(unit.text) < min_words:
            continue
        got = identifier.identify(unit.text).lang
        confusion[unit.lang][got] += 1
        n += 1
        correct += got == unit.lang
    return LangIdScore(n=n, correct=correct, confusion=dict(confusion))


def format_report(evaluation: Evaluation, theme_ids: Iterable[str], title: str = "") -> str:
    """Plain-text tables: per language and overall, per theme P/R/F1/support, micro and macro F1."""
    theme_ids = list(theme_ids)
    out: list[str] = []
    if title:
        out.append(title)
    order = sorted(k for k in evaluation.slices if k != ALL) + [ALL]
    for key in order:
        sl = evaluation.slices.get(key)
        if sl is None:
            continue
        out.append("")
        out.append(f"== {key} ({sl.n_units} units) ==")
        out.append(f"{'theme':<16} {'prec':>6} {'recall':>6} {'F1':>6} {'support':>7} {'pred':>5}")
        for theme in theme_ids:
            c = sl.themes[theme]
            if c.support == 0 and c.fp == 0:
                continue
            out.append(
                f"{theme:<16} {c.precision:>6.2f} {c.recall:>6.2f} {c.f1:>6.2f} {c.support:>7} {c.tp + c.fp:>5}"
            )
        micro = sl.micro
        out.append(
            f"{'micro':<16} {micro.precision:>6.2f} {micro.recall:>6.2f} {micro.f1:>6.2f} {micro.support:>7} {micro.tp + micro.fp:>5}"
        )
        out.append(f"{'macro-F1':<16} {'':>6} {'':>6} {sl.macro_f1:>6.2f}")
    if evaluation.langid is not None:
        out.append("")
        out.append(format_langid(evaluation.langid))
    return "\n".join(out)


def format_langid(langid: LangIdScore) -> str:
    labels = sorted(set(langid.confusion) | {p for row in langid.confusion.values() for p in row})
    lines = [
        f"== language ID ({langid.n} units of {LANGID_MIN_WORDS}+ words, no hint) ==",
        f"accuracy {langid.accuracy:.3f} ({langid.correct}/{langid.n})",
        "gold\\pred " + " ".join(f"{p:>5}" for p in labels),
    ]
    for gold in labels:
        row = langid.confusion.get(gold)
        if not row:
            continue
        lines.append(f"{gold:<9} " + " ".join(f"{row.get(p, 0):>5}" for p in labels))
    return "\n".join(lines)


def format_errors(units: list[GoldUnit], evaluation: Evaluation) -> str:
    """One line per unit whose predicted themes differ from the gold ones (for development sets)."""
    lines = ["== units with errors (id, lang used: missed -, extra +) =="]
    for unit in units:
        lang, got = evaluation.predictions[unit.id]
        missed, extra = sorted(unit.themes - got), sorted(got - unit.themes)
        if missed or extra:
            marks = " ".join([f"-{t}" for t in missed] + [f"+{t}" for t in extra])
            lines.append(f"{unit.id} {lang}: {marks}")
    return "\n".join(lines)
