"""Train the theme model: ``python -m transforms.train_theme_model [--out FILE]``.

Deterministic: the same training files, feature code, training code and rule cues
give the same weights file. Steps:

1. Units: ``eval/train/*.jsonl`` and ``eval/gold/*.dev.jsonl`` (never the held-out
   files, never the real development set), each tagged by the rules alone in its
   labelled language, and turned into features (``transforms.features``).
2. Vocabulary: features in at least ``MIN_DF`` units and at most ``MAX_DF`` of them
   (function words and punctuation out: see ``vocabulary``).
3. One L2-regularised logistic regression per theme, fitted jointly with
   L-BFGS (numpy/scipy, training only).
4. Thresholds: 5-fold cross-validation gives every unit a probability from a model
   that did not see it; per theme, the threshold maximising F1 of "rules OR
   model" on those, but never below ``THRESHOLD_FLOOR`` (0.5: the model adds a theme
   only when it finds it more likely than not). Cross-validation alone chose about
   0.35 for most themes, which added false tags on real reviews (docs/tagging.md).
5. Weights below ``PRUNE`` are dropped: they barely move a logit, and fewer features
   with weights means fewer hits to sum per post.

``inputs_sha256`` hashes what the weights are made from, so a test can tell when the
shipped file is stale.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from transforms.evaluation import GoldUnit, load_gold
from transforms.features import RULE_PREFIX, feature_name, post_features
from transforms.taxonomy import Taxonomy, TaxonomyFile, load_taxonomy
from transforms.theme_model import DATA_DIR, DEFAULT_WEIGHTS

ROOT = Path(__file__).resolve().parent.parent
TRAINING_GLOBS = ("eval/train/*.jsonl", "eval/gold/*.dev.jsonl")
MIN_DF = 2
MAX_DF = 0.05
L2 = 1.0
FOLDS = 5
MAX_ITER = 300
PRUNE = 0.2
THRESHOLD_GRID = tuple(round(0.2 + 0.05 * i, 2) for i in range(13))  # 0.20 .. 0.80
THRESHOLD_FLOOR = 0.5
DIGITS = 4


def training_files(root: Path = ROOT) -> list[Path]:
    files = sorted(p for pattern in TRAINING_GLOBS for p in root.glob(pattern))
    if any("heldout" in p.name for p in files):
        raise AssertionError("held-out files must never be training data")
    return files


def rules_digest(spec: TaxonomyFile) -> str:
    """sha256 of everything in the taxonomy that changes the rule tags (all but the model switch)."""
    dumped = spec.model_dump(mode="json", exclude={"settings": {"model"}})
    return hashlib.sha256(json.dumps(dumped, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def inputs_sha256(files: Sequence[Path], spec: TaxonomyFile) -> str:
    """What the weights are a function of: training data, feature and training code, rule cues."""
    h = hashlib.sha256()
    code = [Path(__file__).resolve().parent / name for name in ("features.py", "train_theme_model.py")]
    for path in [*files, *code]:
        h.update(path.name.encode() + b"\0")
        h.update(path.read_bytes().replace(b"\r\n", b"\n"))
    h.update(rules_digest(spec).encode())
    return h.hexdigest()


def unit_features(units: Sequence[GoldUnit], taxonomy: Taxonomy) -> list[set[str]]:
    """Feature names of each unit, with the tags of ``taxonomy`` loaded without its model (labelled language)."""
    from transforms.pipeline import prepare_text
    from transforms.tagger import Tagger

    rules = Tagger(taxonomy)
    out = []
    for unit in units:
        text = prepare_text(unit.text)
        themes = rules.tag(text, unit.lang).theme_ids
        features = post_features(text.lower(), unit.lang, themes, rules.negation_words[unit.lang])
        out.append({feature_name(f) for f in features})
    return out


def _matrix(rows: Sequence[set[str]], vocab: dict[str, int]):
    from scipy import sparse

    r, c = [], []
    for i, features in enumerate(rows):
        for j in sorted(vocab[f] for f in features if f in vocab):
            r.append(i)
            c.append(j)
    return sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(len(rows), len(vocab)))


def vocabulary(rows: Sequence[set[str]], min_df: int | None = None, max_df: float | None = None) -> dict[str, int]:
    """Features in at least ``min_df`` units and at most a ``max_df`` share of them.

    The upper bound drops function words and punctuation: long posts have more of them,
    and weights on them tag by length rather than content (seen on real reviews).
    """
    min_df = MIN_DF if min_df is None else min_df
    max_df = MAX_DF if max_df is None else max_df
    counts = Counter(f for features in rows for f in features)
    most = max_df * len(rows)
    keep = (f for f, n in counts.items() if min_df <= n <= most or f.startswith(RULE_PREFIX))
    return {f: i for i, f in enumerate(sorted(keep))}


def fit(rows: Sequence[set[str]], labels: np.ndarray, vocab: dict[str, int], l2: float | None = None):
    """Weights (features x themes) and biases of L2-regularised logistic regressions (default ``L2``)."""
    from scipy.optimize import minimize

    l2 = L2 if l2 is None else l2
    x = _matrix(rows, vocab)
    n_features, n_themes = x.shape[1], labels.shape[1]

    def loss(flat: np.ndarray):
        w = flat[: n_features * n_themes].reshape(n_features, n_themes)
        b = flat[n_features * n_themes:]
        z = x @ w + b
        g = 1.0 / (1.0 + np.exp(-z)) - labels
        value = np.sum(np.logaddexp(0.0, z) - labels * z) + 0.5 * l2 * np.sum(w * w)
        return value, np.concatenate([(x.T @ g + l2 * w).ravel(), g.sum(axis=0)])

    start = np.zeros(n_features * n_themes + n_themes)
    result = minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": MAX_ITER})
    return result.x[: n_features * n_themes].reshape(n_features, n_themes), result.x[n_features * n_themes:]


def probabilities(rows: Sequence[set[str]], vocab: dict[str, int], w: np.ndarray, b: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(_matrix(rows, vocab) @ w + b)))


def out_of_fold(rows: Sequence[set[str]], labels: np.ndarray, folds: int = FOLDS) -> np.ndarray:
    """Every unit's probabilities from a model trained on the other folds (unit i is in fold i % folds)."""
    fold = np.arange(len(rows)) % folds
    out = np.zeros_like(labels, dtype=float)
    for k in range(folds):
        train = [i for i in range(len(rows)) if fold[i] != k]
        test = [i for i in range(len(rows)) if fold[i] == k]
        vocab = vocabulary([rows[i] for i in train])
        w, b = fit([rows[i] for i in train], labels[train], vocab)
        out[test] = probabilities([rows[i] for i in test], vocab, w, b)
    return out


def choose_thresholds(oof: np.ndarray, rules: np.ndarray, labels: np.ndarray) -> list[float]:
    """Per theme, the grid threshold maximising F1 of rules OR model (the highest of equals),
    and at least ``THRESHOLD_FLOOR``."""
    chosen = []
    for t in range(labels.shape[1]):
        best, best_f1 = THRESHOLD_FLOOR, -1.0
        for threshold in reversed(THRESHOLD_GRID):  # ties go to the stricter threshold
            pred = (oof[:, t] >= threshold) | (rules[:, t] > 0)
            gold = labels[:, t] > 0
            tp = np.sum(pred & gold)
            f1 = 2 * tp / max(1, np.sum(pred) + np.sum(gold))
            if f1 > best_f1 + 1e-9:
                best, best_f1 = threshold, f1
        chosen.append(max(best, THRESHOLD_FLOOR))
    return chosen


def train(taxonomy: Taxonomy, root: Path = ROOT) -> dict:
    """The weights file's content, as a JSON-ready dict (``taxonomy`` loaded with ``with_model=False``)."""
    if taxonomy.model is not None:
        raise ValueError("train on the rules alone: load the taxonomy with with_model=False")
    files = training_files(root)
    units = [u for path in files for u in load_gold(path, known_themes=taxonomy.theme_ids)]
    themes = list(taxonomy.theme_ids)
    rows = unit_features(units, taxonomy)
    labels = np.array([[t in u.themes for t in themes] for u in units], dtype=float)
    rules = np.array([[f"rule:{t}" in r for t in themes] for r in rows], dtype=float)
    oof = out_of_fold(rows, labels)
    thresholds = choose_thresholds(oof, rules, labels)
    vocab = vocabulary(rows)
    w, b = fit(rows, labels, vocab)
    weights: dict[str, list[list[float]]] = {}
    for feature, j in vocab.items():
        entries = [[t, round(float(w[j, t]), DIGITS)] for t in range(len(themes)) if abs(w[j, t]) >= PRUNE]
        if entries:
            weights[feature] = entries
    return {
        "themes": themes,
        "bias": [round(float(v), DIGITS) for v in b],
        "thresholds": thresholds,
        "inputs_sha256": inputs_sha256(files, taxonomy.spec),
        "training": {
            "files": [str(p.relative_to(root)) for p in files],
            "units": len(units),
            "features": len(vocab),
            "min_df": MIN_DF,
            "l2": L2,
            "prune": PRUNE,
            "folds": FOLDS,
        },
        "weights": weights,
    }


def dump(model: dict) -> str:
    """The weights file's text: stable key order, one feature per line for readable diffs."""
    head = {k: v for k, v in model.items() if k != "weights"}
    lines = [json.dumps(head, ensure_ascii=False, sort_keys=True)[:-1] + ', "weights": {']
    items = sorted(model["weights"].items())
    for i, (feature, entries) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        lines.append(f"{json.dumps(feature, ensure_ascii=False)}: {json.dumps(entries)}{comma}")
    lines.append("}}")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA_DIR / DEFAULT_WEIGHTS)
    args = parser.parse_args(argv)
    model = train(load_taxonomy(with_model=False))
    args.out.write_text(dump(model), encoding="utf-8")
    print(f"{args.out}: {len(model['weights'])} features with weights, thresholds {model['thresholds']}")


if __name__ == "__main__":
    main()
