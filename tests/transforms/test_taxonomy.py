"""Loading the taxonomy: validation errors that name the theme and the cue, versions, labels."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from themewatch.errors import ConfigError
from transforms.taxonomy import Taxonomy, load_taxonomy, load_taxonomy_text, theme_label


def test_shipped_taxonomy_is_valid_and_has_the_twelve_themes(shipped_taxonomy: Taxonomy) -> None:
    assert shipped_taxonomy.theme_ids == (
        "queue_wait", "no_response", "blame_shifting", "broken_promise", "rude_staff",
        "incompetence", "runaround", "extra_cost", "not_listening", "customer_abuse",
        "compensation", "praise",
    )
    for theme in shipped_taxonomy.spec.themes:
        assert theme.description.strip()
        for lang in ("nb", "sv", "en", "da"):
            assert theme.cues.get(lang), f"{theme.id} has no {lang} cues"


def test_version_is_declared_number_plus_content_hash(tmp_path: Path, small_taxonomy_text: str) -> None:
    text = small_taxonomy_text
    path = tmp_path / "taxonomy.yaml"
    path.write_text(text, encoding="utf-8")
    first = load_taxonomy(path).version
    assert first.startswith("1+") and len(first) == 10
    path.write_text(text + "# a comment changes the version too\n", encoding="utf-8")
    second = load_taxonomy(path).version
    assert second != first
    assert load_taxonomy_text(text).version == first
    path.write_bytes(text.replace("\n", "\r\n").encode())
    assert load_taxonomy(path).version == first  # line endings are not an edit


def _broken(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('stems: [frekk, "*oppførsel", "=sur"]', 'stems: [frekk, "", "=sur"]',
         "theme rude_staff: cues.nb.stems[1]: empty cue"),
        ('stems: [frekk, "*oppførsel", "=sur"]', 'stems: [frekk, "fr*kk"]',
         "theme rude_staff: cues.nb.stems[1] 'fr*kk': "),
        ("patterns: ['\\bholder", "patterns: ['(\\bholder",
         "theme broken_promise: cues.nb.patterns[0] "),
        ('phrases: ["rolled (his|her|their) eyes"', 'phrases: ["rolled (his|her|their eyes"',
         "theme rude_staff: cues.en.phrases[0] 'rolled (his|her|their eyes': unbalanced '('"),
        ("    affirmable: true\n", "    affirmable: true\n    suppresses: [rudeness]\n",
         "theme broken_promise: suppresses unknown theme id 'rudeness'"),
        ("  - id: broken_promise", "  - id: Broken-Promise", "theme Broken-Promise: id: "),
        ("  - id: broken_promise", "  - id: rude_staff", "theme rude_staff: defined twice"),
        ("    exclusions:\n      nb:", "    exclusions:\n      de:",
         "theme rude_staff: exclusions.de: language not declared"),
        ("    description: Promises not kept.\n", "",
         "theme broken_promise: description: Field required"),
        ("        weak: [kjip", "        weaak: [kjip", "theme rude_staff: cues.nb.weaak: Extra inputs"),
        ("en: Rude staff}", "en: ''}", "theme rude_staff: labels missing for en"),
    ],
)
def test_validation_errors_name_the_theme_and_the_cue(
    old: str, new: str, message: str, small_taxonomy_text: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_taxonomy_text(_broken(small_taxonomy_text, old, new), name="tax.yaml")
    assert str(caught.value).startswith("tax.yaml: ")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_file_errors_are_config_errors_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_taxonomy(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("themes: [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.yaml:.*invalid YAML"):
        load_taxonomy(bad)
    with pytest.raises(ConfigError, match="must be a mapping"):
        load_taxonomy_text("- just\n- a list\n")


def test_theme_labels_for_reports(small_taxonomy: Taxonomy, shipped_taxonomy: Taxonomy) -> None:
    assert theme_label("rude_staff", "sv", small_taxonomy) == "Otrevlig personal"
    assert theme_label("rude_staff", "da", small_taxonomy) == "Rude staff"  # no da label: English
    assert theme_label("no_such_theme", "nb", small_taxonomy) == "no_such_theme"
    for theme in shipped_taxonomy.theme_ids:
        for lang in ("nb", "nn", "sv", "da", "en"):
            assert theme_label(theme, lang, shipped_taxonomy) != theme


def test_theme_label_reads_the_configured_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_taxonomy_text: str
) -> None:
    path = tmp_path / "taxonomy.yaml"
    path.write_text(small_taxonomy_text, encoding="utf-8")
    monkeypatch.setenv("THEMEWATCH_TAXONOMY_FILE", str(path))
    assert theme_label("broken_promise", "nb") == "Brutte løfter"
    assert theme_label("queue_wait", "nb") == "queue_wait"


def _weights(tmp_path: Path, name: str, themes: list[str], bias: float = -3.0) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"themes": themes, "bias": [bias] * len(themes),
                                "thresholds": [0.5] * len(themes), "inputs_sha256": "x",
                                "weights": {"vent": [[0, 4.0]]}}), encoding="utf-8")
    return path


def _with_model(text: str, weights: Path | str, enabled: str = "true") -> str:
    return text.replace("long_gap: 6}", f"long_gap: 6, model: {{enabled: {enabled}, weights: '{weights}'}}}}")


def test_the_model_weights_are_part_of_the_version(tmp_path: Path, small_taxonomy_text: str) -> None:
    themes = ["rude_staff", "broken_promise"]
    weights = _weights(tmp_path, "w.json", themes)
    off = load_taxonomy_text(_with_model(small_taxonomy_text, weights, "false"))
    on = load_taxonomy_text(_with_model(small_taxonomy_text, weights))
    _weights(tmp_path, "w.json", themes, bias=-2.0)
    os.utime(weights, ns=(1, 1))
    retrained = load_taxonomy_text(_with_model(small_taxonomy_text, weights))
    assert off.model is None and "+m" not in off.version
    assert on.model is not None and on.version.endswith("+m" + on.model.digest)
    assert retrained.version != on.version
    assert retrained.version.split("+m")[0] == on.version.split("+m")[0]  # the same file


def test_without_model_ignores_the_switch(tmp_path: Path, small_taxonomy_text: str) -> None:
    path = tmp_path / "taxonomy.yaml"
    path.write_text(_with_model(small_taxonomy_text, tmp_path / "missing.json"), encoding="utf-8")
    assert load_taxonomy(path, with_model=False).model is None
    with pytest.raises(ConfigError, match="settings.model.weights: .*missing.json: weights file not found"):
        load_taxonomy(path)


@pytest.mark.parametrize(
    ("model", "message"),
    [
        ("{enabled: maybe}", "settings.model.enabled"),
        ("{enabled: true, weights: ''}", "settings.model.weights"),
        ("{enabled: true, colour: red}", "settings.model.colour"),
    ],
)
def test_the_model_switch_is_validated(small_taxonomy_text: str, model: str, message: str) -> None:
    text = small_taxonomy_text.replace("long_gap: 6}", f"long_gap: 6, model: {model}}}")
    with pytest.raises(ConfigError, match=message):
        load_taxonomy_text(text)


def test_a_model_for_other_themes_is_refused(tmp_path: Path, small_taxonomy_text: str) -> None:
    weights = _weights(tmp_path, "w.json", ["broken_promise", "rude_staff"])
    with pytest.raises(ConfigError, match="trained for themes broken_promise, rude_staff.*retrain"):
        load_taxonomy_text(_with_model(small_taxonomy_text, weights))
