"""The supervised theme layer: a per-theme linear model over ``transforms.features``.

One logistic regression per theme (one-vs-rest), trained by
``python -m transforms.train_theme_model`` on the labelled training and dev units
and shipped as JSON in ``transforms/data/theme_model.json``:

    {"themes": [...], "bias": [...], "thresholds": [...],        # per theme
     "weights": {feature: [[theme index, weight], ...]},          # sparse
     "inputs_sha256": "...", "training": {...}}

Scoring is pure Python: the logit of a theme is its bias plus the weights of the
post's features (one dict lookup per feature, the sums taken by ``zip``/``sum`` in C),
and the threshold is compared in logit space so no ``exp`` runs unless a theme is
tagged. The model only adds
themes the rules missed (``apply_model``); every model tag carries as evidence the
sentence holding its highest-weight feature and a cue naming the features
("model: vent+kø"), so an analyst sees why.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from themewatch.records import Evidence, ThemeTag
from transforms.features import (
    NEGATED_PREFIX,
    NO_NEGATION,
    RULE_PREFIX,
    Feature,
    NegationWords,
    feature_name,
    parse_feature_name,
    post_features,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_WEIGHTS = "theme_model.json"
#: Features named in a model tag's cue.
CUE_FEATURES = 3


class ModelFileError(ValueError):
    """The weights file is missing, unreadable or malformed."""


@dataclass(frozen=True)
class ThemeModel:
    themes: tuple[str, ...]
    bias: tuple[float, ...]
    #: Per theme, the logit a post must reach to be tagged (logit of the probability threshold).
    cutoffs: tuple[float, ...]
    #: Feature -> its weight for every theme (the file's sparse lists, made dense on load so
    #: that summing them runs in C: ``map(sum, zip(*vectors))``).
    weights: dict[Feature, tuple[float, ...]]
    #: First 8 hex of the weights file's sha256: part of the taxonomy version.
    digest: str
    #: sha256 of the training inputs (data, feature and training code, rule cues) it was made from.
    inputs_sha256: str

    def logits(self, features: set[Feature]) -> list[float]:
        """Bias plus the weights of the features, per theme."""
        vectors = list(filter(None, map(self.weights.get, features)))
        if not vectors:
            return list(self.bias)
        return [b + s for b, s in zip(self.bias, map(sum, zip(*vectors)))]

    def predict(self, features: set[Feature]) -> list[tuple[int, float]]:
        """(theme index, probability) of every theme whose logit reaches its cutoff."""
        return [
            (i, 1.0 / (1.0 + math.exp(-z)))
            for i, (z, cutoff) in enumerate(zip(self.logits(features), self.cutoffs))
            if z >= cutoff
        ]

    def top_features(self, features: set[Feature], theme: int, n: int = CUE_FEATURES) -> list[Feature]:
        """The post's features that push ``theme`` up the most, highest weight first (rule tags left out)."""
        scored = []
        for feature in features:
            vector = self.weights.get(feature)
            if vector is not None and vector[theme] > 0 and not str(feature).startswith(RULE_PREFIX):
                scored.append((-vector[theme], feature_name(feature), feature))
        return [f for _, _, f in sorted(scored)[:n]]


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def parse_model(raw: bytes, name: str = DEFAULT_WEIGHTS) -> ThemeModel:
    """A model from the bytes of a weights file; a malformed file is a ModelFileError naming it."""
    try:
        data = json.loads(raw)
        themes = tuple(data["themes"])
        bias = tuple(float(b) for b in data["bias"])
        thresholds = [float(t) for t in data["thresholds"]]
        sparse = {str(f): [(int(t), float(w)) for t, w in entries] for f, entries in data["weights"].items()}
        inputs = str(data["inputs_sha256"])
    except (ValueError, KeyError, TypeError) as exc:
        raise ModelFileError(f"{name}: not a theme model file ({exc})") from None
    if not (len(themes) == len(bias) == len(thresholds)):
        raise ModelFileError(f"{name}: themes, bias and thresholds differ in length")
    if any(not 0.0 < t < 1.0 for t in thresholds):
        raise ModelFileError(f"{name}: thresholds must lie strictly between 0 and 1")
    if any(not 0 <= t < len(themes) for entries in sparse.values() for t, _ in entries):
        raise ModelFileError(f"{name}: a weight names a theme index out of range")
    weights = {}
    for feature, entries in sparse.items():
        vector = [0.0] * len(themes)
        for t, w in entries:
            vector[t] = w
        weights[parse_feature_name(feature)] = tuple(vector)
    return ThemeModel(
        themes=themes,
        bias=bias,
        cutoffs=tuple(_logit(t) for t in thresholds),
        weights=weights,
        digest=hashlib.sha256(raw).hexdigest()[:8],
        inputs_sha256=inputs,
    )


def weights_path(name: str) -> Path:
    """Where a weights file named in the taxonomy settings lives (relative names: transforms/data/)."""
    path = Path(name)
    return path if path.is_absolute() else DATA_DIR / path


def load_model(name: str = DEFAULT_WEIGHTS) -> ThemeModel:
    """The model of a weights file, loaded once per change of the file."""
    path = weights_path(name)
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        raise ModelFileError(f"{path}: weights file not found") from None
    return _load_cached(str(path), mtime)


@lru_cache(maxsize=4)
def _load_cached(path: str, mtime_ns: int) -> ThemeModel:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ModelFileError(f"{path}: cannot read: {exc}") from None
    return parse_model(raw, path)


def feature_label(feature: Feature) -> str:
    """A feature as an analyst reads it: the bigram (vent, kø) is "vent kø", ``!svar`` is "not svar"."""
    if isinstance(feature, tuple):
        return " ".join(feature)
    return "not " + feature[1:] if feature.startswith(NEGATED_PREFIX) else feature


def _evidence_sentence(text: str, spans: list[tuple[int, int]], per_sentence: list[set[Feature]],
                       wanted: list[Feature]) -> tuple[int, str]:
    """The first sentence holding the best of ``wanted`` features (stems, bigrams, negated stems);
    ``per_sentence`` are the features of each of ``spans``."""
    for feature in wanted:
        for si, features in enumerate(per_sentence):
            if feature in features:
                s, e = spans[si]
                return si, text[s:e].strip()
    s, e = spans[0] if spans else (0, len(text))
    return 0, text[s:e].strip()


def apply_model(model: ThemeModel, text: str, lang: str, rule_tags: tuple[ThemeTag, ...],
                negation: NegationWords = NO_NEGATION) -> tuple[ThemeTag, ...]:
    """The rule tags plus a tag for every theme the model finds and the rules did not, sorted by theme.

    The model's themes are the taxonomy's (checked when the taxonomy is loaded); ``negation``
    is the language's (``Tagger.negation_words``), as in training.
    """
    rule_themes = [t.theme for t in rule_tags]
    features = post_features(text.lower(), lang, rule_themes, negation)
    found = model.predict(features)
    if not found:
        return rule_tags
    tagged = set(rule_themes)
    added: list[ThemeTag] = []
    spans: list[tuple[int, int]] | None = None
    per_sentence: list[set[Feature]] = []  # each sentence's features, computed once when first wanted
    for index, probability in found:
        theme = model.themes[index]
        if theme in tagged:
            continue
        top = model.top_features(features, index)
        if spans is None:
            from transforms.sentences import sentence_spans

            spans = sentence_spans(text, lang)
        if top and not per_sentence:
            per_sentence = [post_features(text[s:e].lower(), lang, (), negation) for s, e in spans]
        si, sentence = _evidence_sentence(text, spans, per_sentence, top)
        cue = "model: " + "+".join(feature_label(f) for f in top) if top else "model"
        added.append(ThemeTag(theme=theme, score=round(probability, 4), evidence=(Evidence(si, sentence, cue),)))
    if not added:
        return rule_tags
    return tuple(sorted(rule_tags + tuple(added), key=lambda t: t.theme))

