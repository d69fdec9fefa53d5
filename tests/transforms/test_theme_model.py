"""The theme model at run time: scoring, thresholds, evidence of model tags, the weights file."""

from __future__ import annotations

import json
import math

import pytest

from themewatch.records import Evidence, ThemeTag
from transforms.features import post_features
from transforms.text import stem
from transforms.theme_model import ModelFileError, ThemeModel, apply_model, load_model, parse_model

KØ, VENT, FREKK = stem("kø", "nb"), stem("ventet", "nb"), stem("frekk", "nb")


def tiny_model(threshold: float = 0.5, **changes) -> bytes:
    """Two themes: queue_wait from kø/vent (and their bigram), rude_staff from frekk."""
    data = {
        "themes": ["queue_wait", "rude_staff"],
        "bias": [-2.0, -2.0],
        "thresholds": [threshold, 0.5],
        "inputs_sha256": "x",
        "weights": {
            KØ: [[0, 1.5]],
            VENT: [[0, 1.0], [1, -0.5]],
            f"{VENT}_{stem('i', 'nb')}": [[0, 0.25]],
            FREKK: [[1, 3.0]],
            "rule:rude_staff": [[0, -1.0]],
        },
    }
    data.update(changes)
    return json.dumps(data).encode()


@pytest.fixture()
def model() -> ThemeModel:
    return parse_model(tiny_model())


def test_logits_are_the_bias_plus_the_weights_of_present_features(model: ThemeModel) -> None:
    assert model.logits(set()) == [-2.0, -2.0]
    assert model.logits({KØ, VENT, "unknown"}) == [0.5, -2.5]
    assert model.logits({KØ, VENT, "rule:rude_staff"}) == [-0.5, -2.5]


def test_a_theme_is_predicted_only_from_its_threshold_up() -> None:
    # logit 0.5 is probability 0.622
    features = {KØ, VENT}
    assert [i for i, _ in parse_model(tiny_model(0.6)).predict(features)] == [0]
    assert parse_model(tiny_model(0.65)).predict(features) == []
    ((_, probability),) = parse_model(tiny_model(0.6)).predict(features)
    assert probability == pytest.approx(1 / (1 + math.exp(-0.5)))


def test_top_features_are_the_positive_ones_by_weight(model: ThemeModel) -> None:
    features = {KØ, VENT, FREKK, "rule:rude_staff"}
    assert model.top_features(features, 0) == [KØ, VENT]
    assert model.top_features(features, 1) == [FREKK]


def test_model_tags_carry_the_sentence_of_their_best_feature_and_name_the_features(model: ThemeModel) -> None:
    text = "Hei. Vi ventet i en evig kø hos dem.\nTakk for nå."
    tags = apply_model(model, text, "nb", ())
    assert [t.theme for t in tags] == ["queue_wait"]
    (evidence,) = tags[0].evidence
    assert evidence.sentence == "Vi ventet i en evig kø hos dem."
    assert evidence.sentence_idx == 1
    assert evidence.cue == f"model: {KØ}+{VENT}+{VENT} {stem('i', 'nb')}"
    assert 0.5 < tags[0].score < 1


def test_the_model_only_adds_to_the_rules() -> None:
    model = parse_model(tiny_model(0.3))
    rule_tag = ThemeTag("rude_staff", 0.8, (Evidence(0, "Frekk.", "frekk"),))
    tags = apply_model(model, "Frekk. Vi ventet i kø.", "nb", (rule_tag,))
    assert [t.theme for t in tags] == ["queue_wait", "rude_staff"]
    assert tags[1] is rule_tag
    assert apply_model(model, "Kaffen var god.", "nb", (rule_tag,)) == (rule_tag,)


def test_a_rule_tag_is_a_feature_of_the_post(model: ThemeModel) -> None:
    rule_tag = ThemeTag("rude_staff", 0.8, (Evidence(0, "x", "frekk"),))
    # kø + vent reach 0.5 alone, but rule:rude_staff pulls queue_wait below it
    assert "rule:rude_staff" in post_features("x", "nb", ["rude_staff"])
    assert [t.theme for t in apply_model(model, "Vi ventet i kø.", "nb", ())] == ["queue_wait"]
    assert apply_model(model, "Vi ventet i kø.", "nb", (rule_tag,)) == (rule_tag,)


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"not json", "not a theme model file"),
        (json.dumps({"themes": ["a"]}).encode(), "not a theme model file"),
        (tiny_model(thresholds=[0.5]), "differ in length"),
        (tiny_model(thresholds=[1.0, 0.5]), "strictly between 0 and 1"),
        (tiny_model(weights={"x": [[2, 1.0]]}), "out of range"),
    ],
)
def test_a_malformed_weights_file_is_rejected_with_its_name(raw: bytes, problem: str) -> None:
    with pytest.raises(ModelFileError, match=problem) as info:
        parse_model(raw, "w.json")
    assert "w.json" in str(info.value)


def test_the_digest_names_the_file_content() -> None:
    assert parse_model(tiny_model()).digest == parse_model(tiny_model()).digest
    assert parse_model(tiny_model()).digest != parse_model(tiny_model(0.6)).digest


def test_a_missing_weights_file_is_a_model_file_error(tmp_path) -> None:
    with pytest.raises(ModelFileError, match="not found"):
        load_model(str(tmp_path / "none.json"))


def test_the_shipped_model_loads() -> None:
    model = load_model()
    assert len(model.themes) == 12 and len(model.weights) > 1000
