"""The tagger: cue kinds, negation within the clause, affirmers, exclusions, evidence, score."""

from __future__ import annotations

from pathlib import Path

import pytest

from transforms.tagger import Tagger, get_tagger
from transforms.taxonomy import Taxonomy, load_taxonomy_text


def themes(tagger: Tagger, text: str, lang: str) -> list[str]:
    return tagger.tag(text, lang).theme_ids


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Damen i kassa var frekk.", "nb", ["rude_staff"]),
        ("Hun himlet med øynene da jeg spurte.", "nb", ["rude_staff"]),
        ("Han kjeftet hele tiden på meg.", "nb", ["rude_staff"]),  # ~2 gap
        ("Telefonoppførselen deres er under pari.", "nb", ["rude_staff"]),  # *oppførsel
        ("De lovet å ringe tilbake, det er tre uker siden.", "nb", ["broken_promise"]),
        ("Selgeren skulle ringe meg tilbake.", "nb", ["broken_promise"]),  # optional item used
        ("Selgeren skulle ringe tilbake.", "nb", ["broken_promise"]),  # optional item skipped
        ("De holder aldri det de lover.", "nb", ["broken_promise"]),  # pattern
        ("The clerk was rude and condescending.", "en", ["rude_staff"]),
        ("She promised that someone would call me back.", "en", ["broken_promise"]),
        ("Eg syns ho var frekk.", "nn", ["rude_staff"]),  # nynorsk inherits the bokmål cues
        ("Han var sur.", "nb", ["rude_staff"]),  # =sur
        ("Været var surt.", "nb", []),  # =sur is that form only
        ("Kaffen var god.", "nb", []),
    ],
)
def test_cues_tag_their_theme(small_tagger: Tagger, text: str, lang: str, expected: list[str]) -> None:
    assert themes(small_tagger, text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Han var ikke frekk.", "nb", []),
        ("Han var aldri spesielt frekk.", "nb", []),  # negator within the window
        ("Ikke bare frekk, men også treg.", "nb", ["rude_staff"]),  # "ikke bare" does not negate
        ("Det var ingen kø, men han var frekk.", "nb", ["rude_staff"]),  # clause break
        ("Ikke noe problem. Han var frekk.", "nb", ["rude_staff"]),  # another sentence
        ("The agent was not rude.", "en", []),
        ("Not only rude, he was slow.", "en", ["rude_staff"]),
        ("It wasn't great, but she was rude.", "en", ["rude_staff"]),
    ],
)
def test_negation_reaches_only_within_its_clause(small_tagger: Tagger, text: str, lang: str,
                                                 expected: list[str]) -> None:
    assert themes(small_tagger, text, lang) == expected


def test_an_affirmer_cancels_affirmable_themes_in_its_sentence(small_tagger: Tagger) -> None:
    assert themes(small_tagger, "De lovet å ringe tilbake, og de ringte faktisk tilbake.", "nb") == []
    assert themes(small_tagger, "De lovet å ringe tilbake. Faktisk helt utrolig.", "nb") == ["broken_promise"]
    assert themes(small_tagger, "He promised to call back and actually did.", "en") == []
    # the affirmer does not touch themes that are not affirmable
    assert themes(small_tagger, "Hun var faktisk frekk.", "nb") == ["rude_staff"]


def test_exclusions_cancel_the_theme_in_their_sentence(small_tagger: Tagger) -> None:
    assert themes(small_tagger, "Frekk pris for en kopp kaffe.", "nb") == []
    assert themes(small_tagger, "Frekk pris. Og betjeningen var frekk.", "nb") == ["rude_staff"]


def test_weak_cues_need_company(small_tagger: Tagger) -> None:
    assert themes(small_tagger, "En kjip dag.", "nb") == []
    result = small_tagger.tag("Kjip og snerrete fyr i luka.", "nb")
    assert result.theme_ids == ["rude_staff"]
    assert result.themes[0].score == pytest.approx(1 - 0.7 * 0.7, abs=1e-4)


def test_tags_carry_score_and_evidence(small_tagger: Tagger) -> None:
    text = "Vi ventet lenge. Damen var frekk!\nHun himlet med øynene."
    result = small_tagger.tag(text, "nb")
    (tag,) = result.themes
    assert tag.theme == "rude_staff"
    assert tag.score == pytest.approx(1 - 0.2 * 0.2, abs=1e-4)
    assert [(e.sentence_idx, e.sentence, e.cue) for e in tag.evidence] == [
        (1, "Damen var frekk!", "frekk"),
        (2, "Hun himlet med øynene.", "himlet med (øynene|blikket)"),
    ]
    assert result.n_tokens == 10


def test_one_cue_counts_once_however_often_it_matches(small_tagger: Tagger) -> None:
    result = small_tagger.tag("Frekk. Frekk. Frekk.", "nb")
    assert result.themes[0].score == pytest.approx(0.8)
    assert len(result.themes[0].evidence) == 3


def test_text_without_any_cue_literal_is_not_split(small_tagger: Tagger, monkeypatch) -> None:
    import transforms.tagger as tagger_module

    def fail(*args, **kwargs):
        raise AssertionError("sentence splitting should not run")

    monkeypatch.setattr(tagger_module, "sentence_spans", fail)
    assert themes(small_tagger, "Alt gikk helt fint i dag.", "nb") == []


def test_languages_without_cues_get_no_themes(small_tagger: Tagger) -> None:
    assert themes(small_tagger, "Han var frekk.", "sv") == []
    assert small_tagger.tag("", "nb").themes == ()


def test_suppresses_cancels_the_other_theme_in_the_same_sentence(small_taxonomy_text: str) -> None:
    text = small_taxonomy_text.replace(
        "    affirmable: true\n", "    affirmable: true\n    suppresses: [rude_staff]\n"
    )
    tagger = Tagger(load_taxonomy_text(text))
    assert themes(tagger, "Frekk selger som lovet å ringe tilbake.", "nb") == ["broken_promise"]
    assert themes(tagger, "Frekk selger. Han lovet å ringe tilbake.", "nb") == [
        "broken_promise", "rude_staff"
    ]


def test_get_tagger_is_cached_per_taxonomy_version(small_taxonomy: Taxonomy, small_taxonomy_text: str) -> None:
    assert get_tagger(small_taxonomy) is get_tagger(load_taxonomy_text(small_taxonomy_text))
    edited = load_taxonomy_text(small_taxonomy_text + "# edited\n")
    assert get_tagger(edited) is not get_tagger(small_taxonomy)
    assert get_tagger(edited).version == edited.version


@pytest.mark.parametrize(
    ("text", "lang", "theme", "tagged"),
    [
        # the negation examples, on the shipped taxonomy
        ("De svarte faktisk raskt på e-posten.", "nb", "no_response", False),
        ("De svarte aldri på e-posten.", "nb", "no_response", True),
        ("De ringde faktiskt tillbaka dagen efter.", "sv", "broken_promise", False),
        ("De lovade att ringa tillbaka men ingen ringde.", "sv", "broken_promise", True),
        ("They did call back the next day.", "en", "broken_promise", False),
        ("They promised to call back but never did.", "en", "broken_promise", True),
        ("Han var ikke frekk i det hele tatt.", "nb", "rude_staff", False),
        ("De skyldte på leverandøren.", "nb", "blame_shifting", True),
        ("Det är inte vårt fel, sa de, det är leverantörens ansvar.", "sv", "blame_shifting", True),
        ("They blamed the supplier for everything.", "en", "blame_shifting", True),
    ],
)
def test_shipped_taxonomy_examples(shipped_tagger: Tagger, text: str, lang: str, theme: str,
                                   tagged: bool) -> None:
    assert (theme in themes(shipped_tagger, text, lang)) is tagged


def test_one_word_listed_in_two_forms_counts_once(small_taxonomy_text: str) -> None:
    text = small_taxonomy_text.replace('weak: [kjip, "re:', 'weak: [kjip, kjipe, "re:')
    tagger = Tagger(load_taxonomy_text(text))
    assert themes(tagger, "Kjip start. Kjipe folk.", "nb") == []  # one word, two listed forms
    assert themes(tagger, "Kjip og snerrete fyr.", "nb") == ["rude_staff"]  # two different cues


PHRASINGS = Path(__file__).resolve().parent / "data" / "phrasings.tsv"


def _phrasings() -> list[tuple[str, str, str]]:
    rows = []
    for line in PHRASINGS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            lang, theme, text = line.split("\t")
            rows.append((lang, theme, text))
    return rows


def test_written_phrasings_get_their_theme(shipped_tagger: Tagger) -> None:
    """A regression guard for taxonomy edits: nearly every phrasing keeps its theme."""
    rows = [row for row in _phrasings() if row[1] != "none"]
    missed = [(lang, theme, text) for lang, theme, text in rows
              if theme not in themes(shipped_tagger, text, lang)]
    assert len(rows) > 150
    assert len(missed) <= 0.05 * len(rows), missed


def test_ordinary_sentences_get_no_theme(shipped_tagger: Tagger) -> None:
    tagged = [(text, themes(shipped_tagger, text, lang)) for lang, theme, text in _phrasings()
              if theme == "none"]
    assert len(tagged) >= 8
    assert sum(1 for _, found in tagged if found) <= 1, tagged


def test_the_model_layer_adds_themes_and_switched_off_leaves_the_rules(tmp_path: Path,
                                                                    small_taxonomy_text: str) -> None:
    import json

    from transforms.text import stem

    weights = tmp_path / "w.json"
    weights.write_text(json.dumps({
        "themes": ["rude_staff", "broken_promise"], "bias": [-3.0, -3.0], "thresholds": [0.5, 0.5],
        "inputs_sha256": "x", "weights": {stem("venter", "nb"): [[1, 4.0]]}}), encoding="utf-8")

    def tagger(enabled: str) -> Tagger:
        text = small_taxonomy_text.replace(
            "long_gap: 6}", f"long_gap: 6, model: {{enabled: {enabled}, weights: '{weights}'}}}}")
        return Tagger(load_taxonomy_text(text))

    on, off = tagger("true"), tagger("false")
    text = "Damen var frekk. Vi venter fortsatt."
    assert themes(off, text, "nb") == ["rude_staff"]
    result = on.tag(text, "nb")
    assert result.theme_ids == ["broken_promise", "rude_staff"]
    model_tag = result.themes[0]
    assert model_tag.evidence[0].sentence == "Vi venter fortsatt."
    assert model_tag.evidence[0].cue == f"model: {stem('venter', 'nb')}"
    assert on.version.endswith("+m" + on.model.digest) and "+m" not in off.version
    assert themes(on, text, "sv") == []  # a language without cues gets nothing from the model either


@pytest.mark.parametrize(
    "text",
    [
        "Damen i kassa var frekk! Hun himlet med øynene. Kl. 3.5 kom han?! «Ja» (sa han) -- ok.",
        "Selgeren skulle ringe meg tilbake.\n\n  Ingen ringte...\nFrekk, frekk, frekk!!",
        "Han var frekk: 3dagar, e-post, it's fine, ½ pris, İstanbul",
    ],
)
def test_n_tokens_counts_the_words_of_the_whole_text(small_tagger: Tagger, text: str) -> None:
    from transforms.text import count_words

    result = small_tagger.tag(text, "nb")
    assert result.theme_ids  # the text was split into sentences, not counted whole
    assert result.n_tokens == count_words(text)


def test_forgetting_known_tokens_between_texts_changes_no_result(small_tagger: Tagger) -> None:
    text = "Han kjeftet hele tiden på meg. De lovet å ringe tilbake, men ingen ringte."
    first = small_tagger.tag(text, "nb")
    matcher = small_tagger.matchers["nb"]
    assert matcher.token_atoms
    matcher.trim_memo(limit=0)
    assert not matcher.token_atoms and not any(matcher.token_gated)
    assert small_tagger.tag(text, "nb") == first
