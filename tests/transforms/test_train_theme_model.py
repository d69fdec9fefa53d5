"""Training the theme model: inputs, thresholds, the weights file, and staleness of the shipped one."""

from __future__ import annotations

import numpy as np
import pytest

from themewatch.settings import PROJECT_ROOT
from transforms import train_theme_model as training
from transforms.taxonomy import load_taxonomy, load_taxonomy_text
from transforms.theme_model import load_model, parse_model


def test_the_shipped_weights_are_not_stale() -> None:
    """Fails when training data, feature or training code, or the cues changed since the last training."""
    taxonomy = load_taxonomy(PROJECT_ROOT / "config" / "taxonomy.yaml", with_model=False)
    expected = training.inputs_sha256(training.training_files(), taxonomy.spec)
    assert load_model().inputs_sha256 == expected, "retrain: .venv/bin/python -m transforms.train_theme_model"


def test_training_reads_train_and_dev_units_never_held_out_ones() -> None:
    names = [p.name for p in training.training_files()]
    assert any(n.endswith(".dev.jsonl") for n in names)
    assert any(p.parent.name == "train" for p in training.training_files())
    assert not any("heldout" in n for n in names)


def test_the_inputs_hash_follows_the_cues_but_not_the_model_switch(small_taxonomy_text: str, tmp_path) -> None:
    files = training.training_files()[:1]
    base = load_taxonomy_text(small_taxonomy_text)
    switched = small_taxonomy_text.replace("long_gap: 6}", "long_gap: 6, model: {enabled: false, weights: x.json}}")
    edited = small_taxonomy_text.replace("stems: [rude, condescending]", "stems: [rude]")
    digest = training.inputs_sha256(files, base.spec)
    assert training.inputs_sha256(files, load_taxonomy_text(switched).spec) == digest
    assert training.inputs_sha256(files, load_taxonomy_text(edited).spec) != digest


def test_thresholds_maximise_rules_or_model_f1_but_not_below_the_floor() -> None:
    labels = np.array([[1], [1], [0], [0]], dtype=float)
    rules = np.zeros_like(labels)
    # 0.65 and 0.70 both separate perfectly: the stricter one
    assert training.choose_thresholds(np.array([[0.9], [0.7], [0.6], [0.1]]), rules, labels) == [0.7]
    # 0.30 would separate best, the floor wins
    low = np.array([[0.9], [0.3], [0.25], [0.1]])
    assert training.choose_thresholds(low, rules, labels) == [training.THRESHOLD_FLOOR]


def test_the_vocabulary_drops_rare_and_ubiquitous_features_but_keeps_rule_tags() -> None:
    rows = [{"det", "kø"}, {"det", "kø", "rule:queue_wait"}, {"det", "frekk"}, {"det", "once"}]
    assert set(training.vocabulary(rows, min_df=2, max_df=0.6)) == {"kø", "rule:queue_wait"}


def test_a_tiny_training_run_learns_its_themes() -> None:
    rows = [{"kø", "lang"}, {"kø"}, {"kø", "frekk"}, {"frekk"}, {"frekk", "lang"}, {"kaffe"}] * 3
    labels = np.array([[r.__contains__("kø"), "frekk" in r] for r in rows], dtype=float)
    vocab = training.vocabulary(rows, max_df=1.0)
    w, b = training.fit(rows, labels, vocab, l2=0.1)
    probs = training.probabilities([{"kø"}, {"frekk"}], vocab, w, b)
    assert probs[0, 0] > 0.8 and probs[0, 1] < 0.2
    assert probs[1, 1] > 0.8 and probs[1, 0] < 0.2


def test_the_dumped_file_parses_to_the_same_model() -> None:
    content = {
        "themes": ["a", "b"], "bias": [-1.0, -2.0], "thresholds": [0.4, 0.5], "inputs_sha256": "h",
        "training": {"units": 1}, "weights": {"x": [[0, 1.25]], "y_z": [[1, -0.5], [0, 0.1]]},
    }
    model = parse_model(training.dump(content).encode())
    assert model.themes == ("a", "b") and model.bias == (-1.0, -2.0)
    assert model.weights == {"x": (1.25, 0.0), ("y", "z"): (0.1, -0.5)}
    assert training.dump(content) == training.dump(dict(reversed(list(content.items()))))


def test_training_refuses_a_taxonomy_with_its_model_on() -> None:
    text = (PROJECT_ROOT / "config" / "taxonomy.yaml").read_text(encoding="utf-8")
    switched_on = load_taxonomy_text(text.replace("    enabled: false", "    enabled: true", 1))
    assert switched_on.model is not None
    with pytest.raises(ValueError, match="with_model=False"):
        training.train(switched_on)
